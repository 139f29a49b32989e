package vm_test

import (
	"bytes"
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/kestrel-runtime/lua/vm"
)

// TestEvalIsResetAndCall1 checks Thread.Eval, the engine's direct entry,
// against Reset + Call1 (the generic path) for predicates of every shape:
// fixed and vararg parameters, none, errors, deep recursion and
// allocation, at every instruction budget and at memory budgets around
// what each run charges. Results, errors and both counts must agree.
func TestEvalIsResetAndCall1(t *testing.T) {
	var out bytes.Buffer
	g := testGlobals(&out)
	ev := testEvent()
	preds := []string{
		"return function(e) return true end",
		"return function() return 42 end",
		"return function(e, x) return x == nil and e:get_str(1) end",
		"return function(...) return select('#', ...) end",
		"return function(e) return e:get_i64(2) > 1000 and e:get_bool(5) end",
		"return function(e) error('boom') end",
		"return function(e) return e:get_str(2) end",
		"return function(e) local t = {} for i = 1, 50 do t[i] = {i} end return #t end",
		"local function f(n) if n == 0 then return 0 end return 1 + f(n - 1) end return function(e) return f(30) end",
		"return function(e) local a, b, c, d, f, g, h, i, j, k, l, m, n, o, p, q, r, s, t, u, v, w = 1 return a end",
	}
	type result struct {
		out          string
		instr, bytes int64
	}
	show := func(v vm.Value, err error, th *vm.Thread) result {
		s := vm.ToStringRaw(v)
		if err != nil {
			s = "error: " + err.Error()
		}
		return result{s, th.Meter().Instructions(), th.Meter().Bytes()}
	}
	ctx := context.Background()
	for _, src := range preds {
		setup := vm.NewThread()
		setup.Reset(ctx, vm.Limits{})
		fn := predicate(t, setup, src, true, g)
		generic, direct := vm.NewThread(), vm.NewThread()
		call1 := func(lim vm.Limits) result {
			generic.Reset(ctx, lim)
			v, err := generic.Call1(fn, generic.EventValue(ev))
			return show(v, err, generic)
		}
		eval := func(lim vm.Limits) result {
			v, err := direct.Eval(ctx, lim, fn, ev)
			return show(v, err, direct)
		}
		full := call1(vm.Limits{})
		require.Equal(t, full, eval(vm.Limits{}), src)
		for il := int64(1); il <= full.instr+1; il++ {
			for _, ml := range []int64{0, 1, full.bytes / 2, full.bytes - 1, full.bytes} {
				lim := vm.Limits{Instructions: il, MemoryBytes: ml}
				require.Equal(t, call1(lim), eval(lim), "%s with %+v", src, lim)
			}
		}
	}
}
