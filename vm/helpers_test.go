package vm_test

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/kestrel-runtime/lua/compiler"
	"github.com/kestrel-runtime/lua/parser"
	"github.com/kestrel-runtime/lua/vm"
	"github.com/stretchr/testify/require"
)

// The vm tests compile Lua source with the real front end and run it with a
// handful of test-only Go functions standing in for the libraries (which
// live in builtins/, a package vm must not import).

// compile parses and compiles src as chunk "test".
func compile(t testing.TB, src string, optimize bool) *vm.Proto {
	t.Helper()
	chunk, err := parser.Parse("test", []byte(src))
	require.NoError(t, err)
	p, err := compiler.Compile(chunk, compiler.Options{Optimize: optimize, CompatVarargArg: true})
	require.NoError(t, err)
	return p
}

// testGlobals returns a fresh global table with the test functions: print,
// error, pcall, xpcall, tostring, type, setmetatable, getmetatable, select,
// rawget, rawset, next, pairs, ipairs.
func testGlobals(out *bytes.Buffer) *vm.Table {
	g := vm.NewTable(0, 32)
	def := func(name string, fn func(th *vm.Thread, args []vm.Value) (int, error)) {
		require.NoError(nil, g.SetStr(nil, name, vm.FunctionValue(vm.NewGoFunction(name, fn))))
	}
	// arg is args[i], or nil past the end: these stand-ins must survive
	// any call FuzzExec invents, like the real libraries do.
	arg := func(args []vm.Value, i int) vm.Value {
		if i < len(args) {
			return args[i]
		}
		return vm.Nil
	}
	def("print", func(th *vm.Thread, args []vm.Value) (int, error) {
		for i, a := range args {
			if i > 0 {
				out.WriteByte('\t')
			}
			s, err := th.ToString(a)
			if err != nil {
				return 0, err
			}
			out.WriteString(s)
		}
		out.WriteByte('\n')
		return 0, nil
	})
	def("error", func(th *vm.Thread, args []vm.Value) (int, error) {
		level := 1
		if len(args) > 1 {
			level = int(args[1].AsInt())
		}
		v := vm.Nil
		if len(args) > 0 {
			v = args[0]
		}
		return 0, th.Raise(v, level)
	})
	pcall := func(th *vm.Thread, args []vm.Value, handler vm.Value) (int, error) {
		if len(args) == 0 {
			return 0, th.ArgError(1, "value expected")
		}
		ok, res, err := th.PCall(args[0], args[1:], handler)
		if err != nil {
			return 0, err
		}
		th.Push(vm.Bool(ok))
		for _, v := range res {
			th.Push(v)
		}
		return 1 + len(res), nil
	}
	def("pcall", func(th *vm.Thread, args []vm.Value) (int, error) { return pcall(th, args, vm.Nil) })
	def("xpcall", func(th *vm.Thread, args []vm.Value) (int, error) {
		return pcall(th, []vm.Value{arg(args, 0)}, arg(args, 1))
	})
	def("tostring", func(th *vm.Thread, args []vm.Value) (int, error) {
		s, err := th.ToString(arg(args, 0))
		if err != nil {
			return 0, err
		}
		th.Push(vm.String(s))
		return 1, nil
	})
	def("type", func(th *vm.Thread, args []vm.Value) (int, error) {
		if len(args) == 0 {
			return 0, th.TypeError(1, "value", args)
		}
		th.Push(vm.String(args[0].TypeName()))
		return 1, nil
	})
	def("setmetatable", func(th *vm.Thread, args []vm.Value) (int, error) {
		t := arg(args, 0).AsTable()
		if t == nil {
			return 0, th.TypeError(1, "table", args)
		}
		t.SetMetatable(arg(args, 1).AsTable())
		th.Push(args[0])
		return 1, nil
	})
	def("select", func(th *vm.Thread, args []vm.Value) (int, error) {
		if arg(args, 0).Kind() == vm.KindString {
			th.Push(vm.Int(int64(len(args) - 1)))
			return 1, nil
		}
		var n int
		switch arg(args, 0).Kind() {
		case vm.KindInt:
			n = int(args[0].AsInt())
		case vm.KindFloat:
			n = int(args[0].AsFloat())
		default:
			return 0, th.TypeError(1, "number", args)
		}
		if n < 1 {
			return 0, th.ArgError(1, "index out of range")
		}
		if n >= len(args) {
			return 0, nil
		}
		for _, v := range args[n:] {
			th.Push(v)
		}
		return len(args) - n, nil
	})
	def("next", func(th *vm.Thread, args []vm.Value) (int, error) {
		k := vm.Nil
		if len(args) > 1 {
			k = args[1]
		}
		t := arg(args, 0).AsTable()
		if t == nil {
			return 0, th.TypeError(1, "table", args)
		}
		key, val, ok, err := t.Next(k)
		if err != nil {
			return 0, th.Errorf("%s", err.Error())
		}
		if !ok {
			th.Push(vm.Nil)
			return 1, nil
		}
		th.Push(key)
		th.Push(val)
		return 2, nil
	})
	return g
}

type runResult struct {
	res []vm.Value
	out string
	err error
	th  *vm.Thread
}

// run compiles and runs src with the test globals and the given limits.
func run(t testing.TB, src string, limits vm.Limits) runResult {
	t.Helper()
	p := compile(t, src, true)
	var out bytes.Buffer
	g := testGlobals(&out)
	next, _ := g.GetStr("next"), 0
	pairs := vm.NewGoFunction("pairs", func(th *vm.Thread, args []vm.Value) (int, error) {
		th.Push(next)
		th.Push(args[0])
		th.Push(vm.Nil)
		return 3, nil
	})
	require.NoError(t, g.SetStr(nil, "pairs", vm.FunctionValue(pairs)))
	th := vm.NewThread()
	th.Reset(context.Background(), limits)
	th.Globals = g
	res, err := th.Call(vm.ClosureValue(vm.NewClosure(p, g)), nil, -1)
	return runResult{res: append([]vm.Value(nil), res...), out: out.String(), err: err, th: th}
}

// show renders values as a Lua-ish list for assertions.
func show(vs []vm.Value) string {
	parts := make([]string, len(vs))
	for i, v := range vs {
		if v.Kind() == vm.KindString {
			parts[i] = fmt.Sprintf("%q", v.AsString())
		} else {
			parts[i] = vm.ToStringRaw(v)
		}
	}
	return strings.Join(parts, ", ")
}
