package vm_test

import (
	"context"
	"testing"

	"github.com/kestrel-runtime/lua/vm"
)

// BenchmarkPredicate evaluates the brief's detection predicate once per
// iteration on a reused Thread: the steady state of a rule engine.
func BenchmarkPredicate(b *testing.B) {
	for _, optimize := range []bool{false, true} {
		name := "plain"
		if optimize {
			name = "optimized"
		}
		b.Run(name, func(b *testing.B) {
			th := vm.NewThread()
			g := vm.NewTable(0, 4)
			if err := g.SetStr(nil, "contains", vm.FunctionValue(containsFunc())); err != nil {
				b.Fatal(err)
			}
			f := predicate(b, th, predicateSrc, optimize, g)
			ev := testEvent()
			args := make([]vm.Value, 1)
			ctx := context.Background()
			limits := vm.Limits{Instructions: 1_000_000, MemoryBytes: 1 << 20}
			b.ReportAllocs()
			for b.Loop() {
				th.Reset(ctx, limits)
				args[0] = th.EventValue(ev)
				if _, err := th.Call(f, args, 1); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkFib measures Lua-to-Lua calls and integer arithmetic.
func BenchmarkFib(b *testing.B) {
	p := compile(b, "local function fib(n) if n < 2 then return n end return fib(n-1) + fib(n-2) end return fib(20)", true)
	th := vm.NewThread()
	cl := vm.ClosureValue(vm.NewClosure(p, vm.NewTable(0, 0)))
	b.ReportAllocs()
	for b.Loop() {
		th.Reset(context.Background(), vm.Limits{})
		if _, err := th.Call(cl, nil, 1); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLoop measures the dispatch loop on a numeric for loop.
func BenchmarkLoop(b *testing.B) {
	p := compile(b, "local s = 0 for i = 1, 100000 do s = s + i * 2 end return s", true)
	th := vm.NewThread()
	cl := vm.ClosureValue(vm.NewClosure(p, vm.NewTable(0, 0)))
	b.ReportAllocs()
	for b.Loop() {
		th.Reset(context.Background(), vm.Limits{})
		if _, err := th.Call(cl, nil, 1); err != nil {
			b.Fatal(err)
		}
	}
}
