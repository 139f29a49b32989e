package vm_test

import (
	"context"
	"math"
	"strings"
	"sync"
	"testing"

	"github.com/kestrel-runtime/lua/vm"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// testEvent is an event with one field of every type.
func testEvent() *vm.Event {
	return &vm.Event{
		EventType: 7,
		TsMono:    1767225600002742581,
		TsWall:    math.MaxUint64,
		EntityKey: 0x123,
		Fields: []vm.EventField{
			{ID: 1, Type: vm.TypeString, S: "/tmp/malicious.sh"},
			{ID: 2, Type: vm.TypeI64, N: uint64(1<<62 + 1)},
			{ID: 3, Type: vm.TypeU64, N: math.MaxUint64},
			{ID: 4, Type: vm.TypeF64, N: math.Float64bits(2.5)},
			{ID: 5, Type: vm.TypeBool, N: 1},
			{ID: 6, Type: vm.TypeBytes, S: "\x00\x01"},
		},
		FieldName: func(id int64) string {
			return [...]string{"", "exe", "pid", "inode", "score", "root", "blob"}[id]
		},
	}
}

// predicate compiles src (a chunk returning a function of the event) and
// returns the function, run once on th.
func predicate(t testing.TB, th *vm.Thread, src string, optimize bool, globals *vm.Table) vm.Value {
	p := compile(t, src, optimize)
	res, err := th.Call(vm.ClosureValue(vm.NewClosure(p, globals)), nil, 1)
	require.NoError(t, err)
	return res[0]
}

func containsFunc() *vm.GoFunction {
	return vm.NewGoFunction("contains", func(th *vm.Thread, args []vm.Value) (int, error) {
		if len(args) < 2 || args[0].Kind() != vm.KindString || args[1].Kind() != vm.KindString {
			return 0, th.TypeError(1, "string", args)
		}
		if err := th.Step(int64(len(args[0].AsString()))); err != nil {
			return 0, err
		}
		th.Push(vm.Bool(strings.Contains(args[0].AsString(), args[1].AsString())))
		return 1, nil
	})
}

func TestEventAccessors(t *testing.T) {
	src := `return function(e)
		return e:get_str(1), e:get_i64(2), e:get_u64(3), e:get_f64(4), e:get_bool(5), e:get_bytes(6),
			e:has_field(1), e:has_field(9), e:get_str(9), e:type(), e:ts_mono(), e:ts_wall(), e:entity_key()
	end`
	want := `"/tmp/malicious.sh", 4611686018427387905, 1.844674407371e+19, 2.5, true, "\x00\x01", ` +
		`true, false, nil, 7, 1767225600002742581, 1.844674407371e+19, 291`
	for _, optimize := range []bool{false, true} {
		th := vm.NewThread()
		f := predicate(t, th, src, optimize, vm.NewTable(0, 0))
		res, err := th.Call(f, []vm.Value{th.EventValue(testEvent())}, -1)
		require.NoError(t, err)
		assert.Equal(t, want, show(res), "optimize=%v", optimize)
	}
}

func TestEventFieldTypeMismatch(t *testing.T) {
	for _, optimize := range []bool{false, true} {
		th := vm.NewThread()
		f := predicate(t, th, "return function(e)\n  return e:get_i64(1)\nend", optimize, vm.NewTable(0, 0))
		_, err := th.Call(f, []vm.Value{th.EventValue(testEvent())}, -1)
		var re *vm.RuntimeError
		require.ErrorAs(t, err, &re)
		assert.Equal(t, "test:2: get_i64: event field 1 ('exe') has type string, not i64", re.Value.AsString(), "optimize=%v", optimize)
	}
}

func TestFieldOnNonEventUsesMethodCall(t *testing.T) {
	src := `return function(e)
		local fake = {get_str = function(self, id) return "fake" .. id end}
		local r = fake:get_str(3)
		local n = nil
		return r, pcall(function() return n:get_str(1) end)
	end`
	th := vm.NewThread()
	g := testGlobals(nil)
	f := predicate(t, th, src, true, g)
	res, err := th.Call(f, []vm.Value{th.EventValue(testEvent())}, -1)
	require.NoError(t, err)
	assert.Equal(t, `"fake3", false, "test:5: attempt to index upvalue 'n' (a nil value)"`, show(res))
}

const predicateSrc = `return function(event)
  local exe = event:get_str(1)
  return exe ~= nil and (contains(exe, "/tmp/") or contains(exe, ".sh"))
end`

func TestPredicateSteadyStateAllocatesNothing(t *testing.T) {
	for _, optimize := range []bool{false, true} {
		th := vm.NewThread()
		g := vm.NewTable(0, 4)
		require.NoError(t, g.SetStr(nil, "contains", vm.FunctionValue(containsFunc())))
		f := predicate(t, th, predicateSrc, optimize, g)
		ev := testEvent()
		args := make([]vm.Value, 1)
		ctx := context.Background()
		limits := vm.Limits{Instructions: 1_000_000, MemoryBytes: 1 << 20}
		allocs := testing.AllocsPerRun(1000, func() {
			th.Reset(ctx, limits)
			args[0] = th.EventValue(ev)
			res, err := th.Call(f, args, 1)
			if err != nil || !res[0].Truthy() {
				t.Fatalf("predicate: %v %v", res, err)
			}
		})
		assert.Zero(t, allocs, "optimize=%v", optimize)
	}
}

// TestPredicateCounts pins the exact instruction and byte charges of the
// predicate: the same on every run.
func TestPredicateCounts(t *testing.T) {
	for _, optimize := range []bool{false, true} {
		th := vm.NewThread()
		g := vm.NewTable(0, 4)
		require.NoError(t, g.SetStr(nil, "contains", vm.FunctionValue(containsFunc())))
		f := predicate(t, th, predicateSrc, optimize, g)
		var counts [3][2]int64
		for i := range counts {
			th.Reset(context.Background(), vm.Limits{})
			_, err := th.Call(f, []vm.Value{th.EventValue(testEvent())}, 1)
			require.NoError(t, err)
			counts[i] = [2]int64{th.Meter().Instructions(), th.Meter().Bytes()}
		}
		assert.Equal(t, counts[0], counts[1])
		assert.Equal(t, counts[0], counts[2])
		// Bytes: the host call's 23 stack slots (function, event, one
		// result, MinStack), two frames (the predicate and contains), and
		// the 3 slots by which contains' MinStack reaches past them.
		bytes := vm.CostValues(23) + 2*vm.CostFrame + vm.CostValues(3)
		// Plain bytecode calls get_str as a Go method first, whose MinStack
		// reaches one of those 3 slots: the same slots charged in two steps
		// (CostValues(1) + CostValues(2) is CostValues(3) + 16).
		want := [2]int64{28, bytes + 16}
		if optimize {
			want = [2]int64{26, bytes}
		}
		assert.Equal(t, want, counts[0], "optimize=%v", optimize)
	}
}

func TestOneProtoManyGoroutines(t *testing.T) {
	src := `
		local t = {}
		for i = 1, 200 do t[i] = tostring(i * 3) .. "x" end
		local s = 0
		for k, v in pairs(t) do s = s + #v end
		local mt = {__index = function(_, k) return k * 2 end}
		local p = setmetatable({}, mt)
		local ok, e = pcall(function() return p.x end)
		return s, p[21], ok, e`
	p := compile(t, src, true)
	type result struct {
		out          string
		instr, bytes int64
		err          string
	}
	runOne := func() result {
		g := testGlobals(nil)
		require.NoError(t, g.SetStr(nil, "pairs", vm.FunctionValue(vm.NewGoFunction("pairs", func(th *vm.Thread, args []vm.Value) (int, error) {
			th.Push(g.GetStr("next"))
			th.Push(args[0])
			th.Push(vm.Nil)
			return 3, nil
		}))))
		th := vm.NewThread()
		th.Reset(context.Background(), vm.Limits{Instructions: 1 << 20, MemoryBytes: 1 << 22})
		res, err := th.Call(vm.ClosureValue(vm.NewClosure(p, g)), nil, -1)
		r := result{out: show(res), instr: th.Meter().Instructions(), bytes: th.Meter().Bytes()}
		if err != nil {
			r.err = err.Error()
		}
		return r
	}
	want := runOne()
	const n = 1000
	results := make([]result, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results[i] = runOne()
		}()
	}
	wg.Wait()
	require.Equal(t, result{out: `764, 42, false, "test:6: attempt to perform arithmetic on local 'k' (a string value)"`, instr: 2233, bytes: 22738}, want)
	for i := range results {
		require.Equal(t, want, results[i], "goroutine %d", i)
	}
}
