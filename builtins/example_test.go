package builtins_test

import (
	"context"
	"fmt"
	"os"

	"github.com/kestrel-runtime/lua/builtins"
	"github.com/kestrel-runtime/lua/compiler"
	"github.com/kestrel-runtime/lua/parser"
	"github.com/kestrel-runtime/lua/vm"
)

// Example composes the sandbox's libraries into a frozen environment shared
// by every run, and runs a detection predicate with metering.
func Example() {
	env := vm.NewTable(0, 64)
	if err := builtins.Register(env, builtins.Base, builtins.String, builtins.Table,
		builtins.Math, builtins.Detection); err != nil {
		panic(err)
	}
	strMeta := builtins.StringMetatable(env)
	env.FreezeDeep()
	strMeta.Freeze()

	chunk, err := parser.Parse("rule.lua", []byte(`
local exe = ...
if string.contains(exe, "/tmp/") or exe:endswith(".sh") then
  alert.emit("tmp-exec", string.format("executed %q", exe))
  return true
end
return false`))
	if err != nil {
		panic(err)
	}
	proto, err := compiler.Compile(chunk, compiler.Options{Optimize: true})
	if err != nil {
		panic(err)
	}

	th := vm.NewThread()
	th.Reset(context.Background(), vm.Limits{Instructions: 10_000, MemoryBytes: 64 << 10})
	th.Globals, th.StringMeta, th.Stdout = env, strMeta, os.Stdout
	res, err := th.Call(vm.ClosureValue(vm.NewClosure(proto, env)), []vm.Value{vm.String("/tmp/x.sh")}, 1)
	if err != nil {
		panic(err)
	}
	fmt.Println(res[0].AsBool(), th.Alerts)
	// Output:
	// true [{tmp-exec executed "/tmp/x.sh"}]
}

// ExampleConformance adds the conformance profile, which needs a loader
// built from the parser and compiler.
func ExampleConformance() {
	loader := func(th *vm.Thread, name string, src []byte) (vm.Value, error) {
		chunk, err := parser.Parse(builtins.ChunkID(name, builtins.MaxSrc), src)
		if err != nil {
			return vm.Nil, err
		}
		p, err := compiler.Compile(chunk, compiler.Options{})
		if err != nil {
			return vm.Nil, err
		}
		return vm.ClosureValue(vm.NewClosure(p, th.Globals)), nil
	}
	env := vm.NewTable(0, 64)
	if err := builtins.Register(env, builtins.Base, builtins.String, builtins.Table, builtins.Math,
		builtins.IOWrite, builtins.Conformance{Load: loader}.Open); err != nil {
		panic(err)
	}
	th := vm.NewThread()
	th.Globals, th.Stdout = env, os.Stdout
	chunk, _ := parser.Parse("main.lua", []byte(`
print(loadstring("return 6 * 7")())
print(loadstring("x ="))
print(math.mod(7, 3), table.getn({1, 2}))`))
	p, _ := compiler.Compile(chunk, compiler.Options{})
	if _, err := th.Call(vm.ClosureValue(vm.NewClosure(p, env)), nil, 0); err != nil {
		panic(err)
	}
	// Output:
	// 42
	// nil	[string "x ="]:1: unexpected symbol near '<eof>'
	// 1	2
}

// ExampleChunkID shows how Lua 5.1 names chunks in messages.
func ExampleChunkID() {
	fmt.Println(builtins.ChunkID("=stdin", builtins.LuaIDSize))
	fmt.Println(builtins.ChunkID("@rules/tmp_exec.lua", builtins.LuaIDSize))
	fmt.Println(builtins.ChunkID("return x\nend", builtins.LuaIDSize))
	// Output:
	// stdin
	// rules/tmp_exec.lua
	// [string "return x..."]
}
