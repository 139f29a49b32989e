package vm_test

import (
	"bytes"
	"context"
	"errors"
	"testing"

	"github.com/kestrel-runtime/lua/compiler"
	"github.com/kestrel-runtime/lua/parser"
	"github.com/kestrel-runtime/lua/vm"
)

// FuzzExec runs arbitrary programs under tight budgets. Whatever the
// program, a run must end with results, a Lua error, or a limit error:
// never a panic (InternalError), never an unbounded run, and the same
// program must give the same counts twice.
func FuzzExec(f *testing.F) {
	for _, s := range []string{
		"return 1 + 2",
		"local t = {} for i = 1, 100 do t[i] = i .. '' end return #t",
		"local function f(n) if n < 2 then return n end return f(n-1) + f(n-2) end return f(10)",
		"local t = setmetatable({}, {__index = function(t, k) return k * 2 end}) return t[21]",
		"while true do end",
		"local s = '' for i = 1, 1e6 do s = s .. 'x' end",
		"return pcall(error, {})",
		"local a, b = ... return a .. b",
		"local function f(...) return select('#', ...), ... end return f(1, nil, 3)",
		"for k, v in next, {1, 2, 3} do end return 1 < 2, 'a' < 'b', {} == {}",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		chunk, err := parser.Parse("fuzz", []byte(src))
		if err != nil {
			return
		}
		p, err := compiler.Compile(chunk, compiler.Options{Optimize: true})
		if err != nil {
			return
		}
		var out bytes.Buffer
		lib := testGlobals(&out)
		runOnce := func() (int64, int64, string) {
			g := vm.NewTable(0, 32)
			for k, v, ok, _ := lib.Next(vm.Nil); ok; k, v, ok, _ = lib.Next(k) {
				_ = g.Set(nil, k, v)
			}
			th := vm.NewThread()
			th.Reset(context.Background(), vm.Limits{Instructions: 20000, MemoryBytes: 1 << 20})
			res, err := th.Call(vm.ClosureValue(vm.NewClosure(p, g)), []vm.Value{vm.Int(1), vm.String("x")}, -1)
			var ie *vm.InternalError
			if errors.As(err, &ie) {
				t.Fatalf("internal error: %v\n%s", ie, ie.Stack)
			}
			msg := show(res)
			if err != nil {
				msg = err.Error()
			}
			return th.Meter().Instructions(), th.Meter().Bytes(), msg
		}
		i1, b1, m1 := runOnce()
		i2, b2, m2 := runOnce()
		if i1 != i2 || b1 != b2 || m1 != m2 {
			t.Fatalf("nondeterministic: %d/%d/%q vs %d/%d/%q", i1, b1, m1, i2, b2, m2)
		}
	})
}
