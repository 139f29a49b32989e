package bench

import (
	"context"
	"testing"

	lua "github.com/kestrel-runtime/lua"
	"github.com/stretchr/testify/require"
)

// kestrelOps are single-feature rules, each isolating one VM path the
// detection predicates depend on (field access, compare with a constant,
// test-and-jump, a detection builtin call, a global lookup, a numeric
// loop), so a new opcode or superinstruction can show what it buys.
var kestrelOps = []struct{ name, src string }{
	{"call_only", `return function(e) return true end`},
	{"field_str", `return function(e) return e:get_str(1) end`},
	{"field_i64", `return function(e) return e:get_i64(2) end`},
	{"field_i64_lt_const", `return function(e) return e:get_i64(2) > 1000 end`},
	{"field_i64_eq_const_and", `return function(e) local u = e:get_i64(5) if u == 0 and e:get_bool(4) then return true end return false end`},
	{"str_ne_nil", `return function(e) local x = e:get_str(1) return x ~= nil end`},
	{"global_lookup", `return function(e) return string ~= nil end`},
	{"builtin_contains", `return function(e) return string.contains(e:get_str(3), "xm") end`},
	{"local_builtin_contains", `local contains = string.contains
return function(e) return contains(e:get_str(3), "xm") end`},
	{"loop_20_empty", `return function(e) for i = 1, 20 do end return true end`},
	{"loop_20_table_index", `local t = {1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20}
return function(e) local s = 0 for i = 1, #t do s = s + t[i] end return s == 210 end`},
}

// kestrelJITConfigs are the optimiser settings measured: the default
// (optimising passes on) and plain Lua 5.1 bytecode.
var kestrelJITConfigs = []struct {
	name string
	jit  bool
}{{"on", true}, {"off", false}}

// benchKestrelRule measures one rule evaluation on the workload events and
// reports the exact instruction count of one evaluation of event 0.
func benchKestrelRule(b *testing.B, jit bool, src string) {
	cfg := lua.DefaultConfig()
	cfg.EnableJIT = jit
	eng, err := lua.NewEngine(cfg, nil)
	require.NoError(b, err)
	r, err := eng.LoadRule("op", src)
	require.NoError(b, err)
	set, err := kestrelPrepare(Events[:])
	require.NoError(b, err)
	evs := set.Data.([]*lua.Event)
	ctx := context.Background()
	var res lua.Result
	require.NoError(b, r.EvaluateInto(ctx, evs[0], &res))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := r.Evaluate(ctx, evs[i&7]); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(res.Instructions), "instr/eval0")
}

// BenchmarkKestrelOps measures each single-feature rule with the optimiser
// on and off.
func BenchmarkKestrelOps(b *testing.B) {
	for _, op := range kestrelOps {
		for _, c := range kestrelJITConfigs {
			b.Run("op="+op.name+"/jit="+c.name, func(b *testing.B) { benchKestrelRule(b, c.jit, op.src) })
		}
	}
}

// BenchmarkKestrelJIT measures P1..P5 on kestrel-lua with the optimiser on
// and off, with the instructions each executes on event 0.
func BenchmarkKestrelJIT(b *testing.B) {
	for p, src := range LuaPredicates {
		for _, c := range kestrelJITConfigs {
			b.Run("P"+string(rune('1'+p))+"/jit="+c.name, func(b *testing.B) { benchKestrelRule(b, c.jit, src) })
		}
	}
}
