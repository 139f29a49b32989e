package vm_test

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/kestrel-runtime/lua/compiler"
	"github.com/kestrel-runtime/lua/parser"
	"github.com/kestrel-runtime/lua/vm"
)

// mustCompile parses and compiles src for the examples.
func mustCompile(name, src string) *vm.Proto {
	chunk, err := parser.Parse(name, []byte(src))
	if err != nil {
		panic(err)
	}
	p, err := compiler.Compile(chunk, compiler.Options{Optimize: true})
	if err != nil {
		panic(err)
	}
	return p
}

// A host runs a rule's main chunk once to get the predicate, then calls
// the predicate for each event on a reused Thread: Reset starts a new run
// with fresh budgets, EventValue shows the event to the rule without
// allocating, and the meter reports exactly what the run cost.
func ExampleThread_Call() {
	p := mustCompile("rule.lua", `
		return function(event)
		  local exe = event:get_str(1)
		  return exe ~= nil and contains(exe, "/tmp/")
		end`)
	globals := vm.NewTable(0, 1)
	_ = globals.SetStr(nil, "contains", vm.FunctionValue(vm.NewGoFunction("contains",
		func(th *vm.Thread, args []vm.Value) (int, error) {
			if len(args) < 2 || args[0].Kind() != vm.KindString || args[1].Kind() != vm.KindString {
				return 0, th.TypeError(1, "string", args)
			}
			th.Push(vm.Bool(strings.Contains(args[0].AsString(), args[1].AsString())))
			return 1, nil
		})))

	th := vm.NewThread()
	res, err := th.Call(vm.ClosureValue(vm.NewClosure(p, globals)), nil, 1)
	if err != nil {
		panic(err)
	}
	predicate := res[0]

	ev := &vm.Event{Fields: []vm.EventField{{ID: 1, Type: vm.TypeString, S: "/tmp/x.sh"}}}
	args := make([]vm.Value, 1)
	for range 2 {
		th.Reset(context.Background(), vm.Limits{Instructions: 1000, MemoryBytes: 64 << 10})
		args[0] = th.EventValue(ev)
		res, err := th.Call(predicate, args, 1)
		fmt.Println(res[0].Truthy(), err, th.Meter().Instructions())
	}
	// Output:
	// true <nil> 8
	// true <nil> 8
}

// Lua errors are *RuntimeError values: Error gives the position with a
// column, LuaMessage what lua5.1 would print, and Traceback the call
// stack. Budgets end a run with an error pcall cannot catch.
func ExampleRuntimeError() {
	th := vm.NewThread()
	p := mustCompile("rule.lua", "local function f(t)\n  return t.x\nend\nreturn f(nil)")
	_, err := th.Call(vm.ClosureValue(vm.NewClosure(p, vm.NewTable(0, 0))), nil, 1)
	var re *vm.RuntimeError
	if errors.As(err, &re) {
		fmt.Println(re.Error())
		fmt.Println(re.LuaMessage())
		fmt.Println(re.Traceback)
	}

	th.Reset(context.Background(), vm.Limits{Instructions: 100})
	p = mustCompile("loop.lua", "while true do end")
	_, err = th.Call(vm.ClosureValue(vm.NewClosure(p, vm.NewTable(0, 0))), nil, 0)
	fmt.Println(errors.Is(err, vm.ErrInstructionLimit), vm.Catchable(err))
	// Output:
	// rule.lua:2:11: attempt to index local 't' (a nil value)
	// rule.lua:2: attempt to index local 't' (a nil value)
	// stack traceback:
	// 	rule.lua:2: in function <rule.lua:1>
	// 	(tail call): ?
	// 	[C]: ?
	// true false
}
