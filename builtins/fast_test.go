package builtins_test

import (
	"io"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/kestrel-runtime/lua/vm"
)

// fastFunctions returns the library functions that have a frameless form,
// by qualified name.
func fastFunctions(env *vm.Table) map[string]*vm.GoFunction {
	out := map[string]*vm.GoFunction{}
	add := func(prefix string, t *vm.Table) {
		for k, v, ok, _ := t.Next(vm.Nil); ok; k, v, ok, _ = t.Next(k) {
			if gf := v.AsGoFunction(); gf != nil && gf.Fast != nil {
				out[prefix+k.AsString()] = gf
			}
		}
	}
	add("", env)
	for _, lib := range []string{"string", "regex", "math", "table"} {
		add(lib+".", env.GetStr(lib).AsTable())
	}
	return out
}

// TestFastFormsAgree runs every builtin that has a frameless form on
// arguments of every kind, in each calling position the interpreter
// specialises (one result, a tail call, two results, a loop), at every
// instruction budget up to what the call needs and at memory budgets
// around its charge: once as installed (the fast form tried first) and
// once through a copy without it, and where the function binds its first
// argument (GoFunction.Bind), once with the bound form. Results, errors,
// instruction units and bytes must be identical, so a run's counts never
// depend on the path.
func TestFastFormsAgree(t *testing.T) {
	env := newEnv(t)
	fns := fastFunctions(env)
	for _, name := range []string{"string.contains", "string.startswith", "string.endswith", "regex.match", "type",
		"string.len", "string.lower", "string.sub", "string.upper", "string.glob_match"} {
		require.Contains(t, fns, name, "expected a fast form")
	}
	long := strings.Repeat("/tmp/x", 40)
	args := []vm.Value{
		vm.String(""), vm.String("/tmp/"), vm.String("/tmp/x.sh"), vm.String(".sh"), vm.String(long),
		vm.String(`^/(tmp|dev/shm)/.*\.(sh|py)$`), vm.String("("), vm.Int(7), vm.Float(1.5), vm.Nil,
		vm.Bool(true), vm.Int(-2), vm.String("MiXeD"), vm.String("*/x.s?"), vm.String("[ab"),
		vm.String(strings.Repeat("*a", 300) + "b"), vm.String(strings.Repeat("a", 700)),
	}
	programs := []string{
		"local f, a, b = ... local r = f(a, b) return r",
		"local f, a, b = ... return f(a, b)",
		"local f, a, b = ... local r, s = f(a, b) return r, s",
		"local f, a, b = ... local r for i = 1, 3 do r = f(a, b) end return r",
		"local f, a = ... return (f(a))",
		"local f, a, b = ... return f(a, 2, b)",
	}
	type result struct {
		out          string
		instr, bytes int64
	}
	run := func(p vm.Value, fn *vm.GoFunction, a, b vm.Value, limits vm.Limits) result {
		th := newThread(env, io.Discard, limits)
		res, err := th.Call(p, []vm.Value{vm.FunctionValue(fn), a, b}, -1)
		out := ""
		if err != nil {
			out = "error: " + errorValue(err)
		} else {
			for _, v := range res {
				out += vm.ToStringRaw(v) + " "
			}
		}
		return result{out, th.Meter().Instructions(), th.Meter().Bytes()}
	}
	calls, taken, binds := 0, 0, 0
	for name, installed := range fns {
		slow := *installed
		slow.Fast = nil
		// gf is the installed function with its fast form counted, to
		// show that the fast path is taken.
		gf := &vm.GoFunction{Name: installed.Name, Fn: installed.Fn}
		gf.Fast = func(args vm.FastArgs, budget, memory int64) (vm.Value, int64, int64, bool) {
			v, u, bytes, ok := installed.Fast(args, budget, memory)
			if ok {
				taken++
			}
			return v, u, bytes, ok
		}
		for _, src := range programs {
			th := newThread(env, io.Discard, vm.Limits{})
			p, err := loadMain(th, chunkName, []byte(src))
			require.NoError(t, err)
			for _, a := range args {
				// bound is the function with its fast form bound to a
				// (GoFunction.Bind), as the predicate fast path binds it.
				var bound *vm.GoFunction
				if installed.Bind != nil {
					if f := installed.Bind(a); f != nil {
						bound = &vm.GoFunction{Name: installed.Name, Fn: installed.Fn}
						bound.Fast = func(args vm.FastArgs, budget, memory int64) (vm.Value, int64, int64, bool) {
							v, u, bytes, ok := f(args, budget, memory)
							if ok {
								taken++
							}
							return v, u, bytes, ok
						}
					}
				}
				for _, b := range args {
					full := run(p, &slow, a, b, vm.Limits{})
					require.Equal(t, full, run(p, gf, a, b, vm.Limits{}), "%s %q (%s, %s)", name, src, vm.ToStringRaw(a), vm.ToStringRaw(b))
					// Every budget up to 12 units, and the last 12 before
					// the run's need: where the call meets the end (4 and
					// 4 with -short, for the race detector's run).
					edge := int64(12)
					if testing.Short() {
						edge = 4
					}
					for il := int64(1); il <= full.instr+1; il++ {
						if il > edge && il < full.instr-edge {
							continue
						}
						for _, ml := range []int64{0, full.bytes - 64, full.bytes - 1, full.bytes} {
							if ml < 0 {
								continue
							}
							lim := vm.Limits{Instructions: il, MemoryBytes: ml}
							want := run(p, &slow, a, b, lim)
							got := run(p, gf, a, b, lim)
							calls++
							require.Equal(t, want, got, "%s %q (%s, %s) limits %+v", name, src, vm.ToStringRaw(a), vm.ToStringRaw(b), lim)
							if bound != nil {
								got := run(p, bound, a, b, lim)
								calls++
								binds++
								require.Equal(t, want, got, "bound %s %q (%s, %s) limits %+v", name, src, vm.ToStringRaw(a), vm.ToStringRaw(b), lim)
							}
						}
					}
				}
			}
		}
	}
	t.Logf("%d functions, %d limited runs compared (%d of them bound), fast forms taken %d times", len(fns), calls, binds, taken)
	require.NotZero(t, binds, "no fast form was bound")
	require.Greater(t, taken, calls/10, "the fast path is hardly taken: the comparison proves little")
}
