package vm

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// tabDump renders a table as the Lua script in tabOpsScript prints it:
// the length, then key=value pairs in next order.
func tabDump(t *testing.T, tb *Table) string {
	t.Helper()
	var b strings.Builder
	fmt.Fprintf(&b, "%d\n", tb.Len())
	k := Nil
	for {
		key, val, ok, err := tb.Next(k)
		require.NoError(t, err)
		if !ok {
			break
		}
		fmt.Fprintf(&b, "%s=%s ", tabKeyText(key), tabKeyText(val))
		k = key
	}
	b.WriteString("\n")
	return b.String()
}

func tabKeyText(v Value) string {
	switch v.k {
	case KindString:
		return v.AsString()
	case KindBool:
		if v.AsBool() {
			return "true"
		}
		return "false"
	}
	return FormatNumber(v)
}

// tabOp is one step of a generated table workload.
type tabOp struct {
	kind int // 0 set, 1 append (t[#t+1]=v), 2 remove (t[#t]=nil)
	key  Value
	lua  string // the key as a Lua expression
	val  Value  // Nil to clear
}

// tabGenOps returns a deterministic random workload mixing string, integer,
// float and boolean keys, appends, removals and clears.
func tabGenOps(seed uint64, n int) []tabOp {
	r := rand.New(rand.NewPCG(seed, 99))
	var ops []tabOp
	strKey := func() (Value, string) {
		var s string
		switch r.IntN(4) {
		case 0:
			s = []string{"x", "y", "name", "exe", "pid", "a", "b", "__index", ""}[r.IntN(9)]
		case 1:
			s = fmt.Sprintf("k%d", r.IntN(60))
		case 2:
			s = strings.Repeat("long-key-", 4+r.IntN(4)) + fmt.Sprint(r.IntN(5))
		default:
			s = string(rune('a' + r.IntN(26)))
		}
		return String(s), fmt.Sprintf("%q", s)
	}
	numKey := func() (Value, string) {
		switch r.IntN(6) {
		case 0:
			i := int64(r.IntN(5) - 3)
			return Int(i), fmt.Sprint(i)
		case 1:
			f := []float64{0.5, -2.5, 1e100, 3.25}[r.IntN(4)]
			return Float(f), strings.TrimSuffix(fmt.Sprint(f), "+00")
		case 2:
			i := int64(r.IntN(40) + 1)
			return Float(float64(i)), fmt.Sprintf("%d.0", i)
		case 3:
			i := []int64{1000, 1 << 20, 1 << 30, 1 << 40, 123456}[r.IntN(5)]
			return Int(i), fmt.Sprint(i)
		default:
			i := int64(r.IntN(40) + 1)
			return Int(i), fmt.Sprint(i)
		}
	}
	for i := range n {
		val := Int(int64(i + 1))
		switch c := r.IntN(20); {
		case c < 7:
			k, l := strKey()
			ops = append(ops, tabOp{0, k, l, val})
		case c < 12:
			k, l := numKey()
			ops = append(ops, tabOp{0, k, l, val})
		case c < 13:
			b := r.IntN(2) == 0
			ops = append(ops, tabOp{0, Bool(b), fmt.Sprint(b), val})
		case c < 16:
			ops = append(ops, tabOp{kind: 1, val: val})
		case c < 17:
			ops = append(ops, tabOp{kind: 2})
		default:
			var k Value
			var l string
			if r.IntN(2) == 0 {
				k, l = strKey()
			} else {
				k, l = numKey()
			}
			ops = append(ops, tabOp{0, k, l, Nil})
		}
	}
	return ops
}

func tabApply(t *testing.T, tb *Table, ops []tabOp) {
	t.Helper()
	for _, op := range ops {
		switch op.kind {
		case 0:
			require.NoError(t, tb.Set(nil, op.key, op.val))
		case 1:
			require.NoError(t, tb.SetInt(nil, tb.Len()+1, op.val))
		case 2:
			if n := tb.Len(); n > 0 {
				require.NoError(t, tb.SetInt(nil, n, Nil))
			}
		}
	}
}

func tabOpsScript(ops []tabOp) string {
	var b strings.Builder
	b.WriteString("do local t = {}\n")
	for _, op := range ops {
		v := "nil"
		if op.val.k != KindNil {
			v = FormatNumber(op.val)
		}
		switch op.kind {
		case 0:
			fmt.Fprintf(&b, "t[%s] = %s\n", op.lua, v)
		case 1:
			fmt.Fprintf(&b, "t[#t+1] = %s\n", v)
		case 2:
			b.WriteString("if #t > 0 then t[#t] = nil end\n")
		}
	}
	b.WriteString("io.write(#t, '\\n') for k, v in pairs(t) do io.write(tostring(k), '=', tostring(v), ' ') end io.write('\\n') end\n")
	return b.String()
}

// TestTableMatchesLua51 replays generated workloads on a Table and in
// lua5.1 and requires the same length and the same pairs order: the hash
// functions, the collision resolution and the rehash policy are 5.1's.
func TestTableMatchesLua51(t *testing.T) {
	var script strings.Builder
	var want strings.Builder
	for seed := range uint64(40) {
		ops := tabGenOps(seed, 10+int(seed)*8)
		tb := NewTable(0, 0)
		tabApply(t, tb, ops)
		want.WriteString(tabDump(t, tb))
		script.WriteString(tabOpsScript(ops))
	}
	got := numRunLua51(t, script.String())
	wantLines := strings.Split(want.String(), "\n")
	gotLines := strings.Split(got, "\n")
	require.Len(t, gotLines, len(wantLines))
	for i := range wantLines {
		assert.Equal(t, gotLines[i], wantLines[i], "workload %d, %s", i/2, []string{"length", "pairs order"}[i%2])
	}
}

func TestTableIterationOrderIsDeterministic(t *testing.T) {
	ops := tabGenOps(7, 300)
	first := NewTable(0, 0)
	tabApply(t, first, ops)
	for range 5 {
		again := NewTable(0, 0)
		tabApply(t, again, ops)
		assert.Equal(t, tabDump(t, first), tabDump(t, again))
	}
}

func TestTableObjectKeysHashByID(t *testing.T) {
	// Two runs that create key tables at different addresses but with the
	// same ids iterate alike.
	build := func() string {
		tb := NewTable(0, 0)
		for i := range 20 {
			k := NewTable(0, 0)
			k.id = uint64(1000 + i*7)
			require.NoError(t, tb.Set(nil, TableValue(k), Int(int64(i))))
			require.Equal(t, Int(int64(i)), tb.Get(TableValue(k)))
		}
		var order []string
		for k, v, ok, _ := tb.Next(Nil); ok; k, v, ok, _ = tb.Next(k) {
			order = append(order, fmt.Sprint(k.objectID(), ":", v.AsInt()))
		}
		return strings.Join(order, " ")
	}
	assert.Equal(t, build(), build())
	// Identity, not id, decides equality.
	tb := NewTable(0, 0)
	a, b := NewTable(0, 0), NewTable(0, 0)
	require.NoError(t, tb.Set(nil, TableValue(a), Int(1)))
	assert.Equal(t, Nil, tb.Get(TableValue(b)), "same id, different table")
}

func TestTableNormalisesNumberKeys(t *testing.T) {
	tb := NewTable(0, 0)
	require.NoError(t, tb.Set(nil, Float(1), String("one")))
	assert.Equal(t, String("one"), tb.GetInt(1))
	assert.Equal(t, String("one"), tb.Get(Int(1)))
	require.NoError(t, tb.Set(nil, Float(negZero), String("zero")))
	assert.Equal(t, String("zero"), tb.Get(Int(0)))
	assert.Equal(t, String("zero"), tb.Get(Float(0)))
	require.NoError(t, tb.Set(nil, Int(1<<40), String("big")))
	assert.Equal(t, String("big"), tb.Get(Float(1<<40)))
	require.NoError(t, tb.Set(nil, Float(2.5), String("frac")))
	assert.Equal(t, String("frac"), tb.Get(Float(2.5)))
	assert.Equal(t, Nil, tb.Get(Int(2)))
	// 2^53+1 as an integer and 2^53 as a float are different keys.
	require.NoError(t, tb.Set(nil, Int(1<<53+1), String("odd")))
	require.NoError(t, tb.Set(nil, Float(1<<53), String("even")))
	assert.Equal(t, String("odd"), tb.Get(Int(1<<53+1)))
	assert.Equal(t, String("even"), tb.Get(Int(1<<53)))
	// Floats outside the int64 range stay floats.
	require.NoError(t, tb.Set(nil, Float(twoTo63), String("huge")))
	assert.Equal(t, String("huge"), tb.Get(Float(twoTo63)))
	assert.Equal(t, Nil, tb.Get(Int(math.MaxInt64)))
	key, _, ok, err := tb.Next(Nil)
	require.NoError(t, err)
	require.True(t, ok)
	for ok {
		assert.False(t, key.k == KindFloat && key.AsFloat() == math.Trunc(key.AsFloat()) && math.Abs(key.AsFloat()) < twoTo63,
			"integral float key %s was not normalised", FormatNumber(key))
		key, _, ok, err = tb.Next(key)
		require.NoError(t, err)
	}
}

func TestTableKeyErrors(t *testing.T) {
	tb := NewTable(0, 0)
	assert.ErrorIs(t, tb.Set(nil, Nil, Int(1)), ErrTableIndexNil)
	assert.EqualError(t, tb.Set(nil, Nil, Int(1)), "table index is nil")
	err := tb.Set(nil, Float(math.NaN()), Int(1))
	assert.ErrorIs(t, err, ErrTableIndexNaN)
	assert.EqualError(t, err, "table index is NaN")
	assert.Equal(t, Nil, tb.Get(Float(math.NaN())), "reading t[nan] is nil, not an error")
	assert.Equal(t, Nil, tb.Get(Nil))
}

func TestTableNextErrorsOnUnknownKey(t *testing.T) {
	tb := NewTable(0, 0)
	require.NoError(t, tb.SetStr(nil, "a", Int(1)))
	require.NoError(t, tb.SetInt(nil, 1, Int(2)))
	for _, k := range []Value{String("b"), Int(2), Float(1.5), True, Float(math.NaN())} {
		_, _, ok, err := tb.Next(k)
		assert.False(t, ok)
		assert.ErrorIs(t, err, ErrInvalidNextKey, "next(t, %s)", tabKeyText(k))
		assert.EqualError(t, err, "invalid key to 'next'")
	}
	// The float 1.0 is the key 1.
	k, v, ok, err := tb.Next(Float(1))
	require.NoError(t, err)
	assert.True(t, ok)
	assert.Equal(t, String("a"), k)
	assert.Equal(t, Int(1), v)
}

func TestTableNextSurvivesClearingDuringTraversal(t *testing.T) {
	tb := NewTable(0, 0)
	for i := range 50 {
		require.NoError(t, tb.SetStr(nil, fmt.Sprint("k", i), Int(int64(i))))
		require.NoError(t, tb.SetInt(nil, int64(i+1), Int(int64(i))))
	}
	seen := 0
	for k, _, ok, err := tb.Next(Nil); ok; k, _, ok, err = tb.Next(k) {
		require.NoError(t, err)
		require.NoError(t, tb.Set(nil, k, Nil))
		seen++
	}
	assert.Equal(t, 100, seen)
	_, _, ok, err := tb.Next(Nil)
	require.NoError(t, err)
	assert.False(t, ok, "the table is empty")
	assert.Equal(t, int64(0), tb.Len())
}

func TestTableLenBorders(t *testing.T) {
	seq := func(n int) *Table {
		tb := NewTable(0, 0)
		for i := 1; i <= n; i++ {
			require.NoError(t, tb.SetInt(nil, tb.Len()+1, Int(int64(i))))
		}
		return tb
	}
	for _, n := range []int{0, 1, 2, 3, 7, 8, 9, 100, 1000} {
		assert.Equal(t, int64(n), seq(n).Len(), "sequence of %d built by t[#t+1]=v", n)
	}
	// Constructors: NEWTABLE with the item count, then SETLIST.
	ctor := func(items ...Value) *Table {
		tb := NewTable(len(items), 0)
		for i, v := range items {
			require.NoError(t, tb.SetInt(nil, int64(i+1), v))
		}
		return tb
	}
	tests := []struct {
		name string
		tb   *Table
		want int64
	}{
		{"{1,2,nil,4}", ctor(Int(1), Int(2), Nil, Int(4)), 4},
		{"{nil,nil,3}", ctor(Nil, Nil, Int(3)), 3},
		{"{1,nil}", ctor(Int(1), Nil), 1},
		{"{nil}", ctor(Nil), 0},
		{"{}", ctor(), 0},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, tt.tb.Len(), tt.name)
	}
	// A sequence continuing into the hash part is found by the unbound
	// search.
	tb := NewTable(0, 4)
	for i := int64(1); i <= 3; i++ {
		require.NoError(t, tb.SetInt(nil, i, True))
	}
	assert.Equal(t, int64(3), tb.Len())
	// Removing from the end shortens it.
	s := seq(10)
	require.NoError(t, s.SetInt(nil, 10, Nil))
	assert.Equal(t, int64(9), s.Len())
}

func TestTableRehashSizesFollowLua51(t *testing.T) {
	// t[#t+1]=v doubles the array part; keys never go to the hash part.
	tb := NewTable(0, 0)
	sizes := []int{}
	for i := int64(1); i <= 17; i++ {
		require.NoError(t, tb.SetInt(nil, i, True))
		sizes = append(sizes, len(tb.arr))
	}
	assert.Equal(t, []int{1, 2, 4, 4, 8, 8, 8, 8, 16, 16, 16, 16, 16, 16, 16, 16, 32}, sizes)
	assert.Empty(t, tb.nodes)
	// Sparse integer keys stay in the hash part.
	sp := NewTable(0, 0)
	for _, k := range []int64{1, 100, 1000, 10000} {
		require.NoError(t, sp.SetInt(nil, k, True))
	}
	assert.Len(t, sp.arr, 1)
	assert.Len(t, sp.nodes, 4)
}

func TestTableFrozenRejectsWrites(t *testing.T) {
	tb := NewTable(0, 0)
	require.NoError(t, tb.SetStr(nil, "x", Int(1)))
	require.NoError(t, tb.SetInt(nil, 1, Int(1)))
	tb.Freeze()
	assert.True(t, tb.Frozen())
	for _, err := range []error{
		tb.SetStr(nil, "x", Int(2)),
		tb.SetStr(nil, "new", Int(2)),
		tb.SetInt(nil, 1, Nil),
		tb.Set(nil, Float(2), Int(2)),
		tb.Set(nil, True, Int(2)),
		tb.ResizeArray(nil, 10),
	} {
		assert.ErrorIs(t, err, ErrReadOnly)
		assert.EqualError(t, err, "attempt to modify a read-only table")
	}
	assert.Equal(t, Int(1), tb.GetStr("x"))
	assert.Equal(t, Nil, tb.GetStr("new"))
}

func TestTableFreezeDeepFollowsKeysValuesAndMetatables(t *testing.T) {
	root, val, key, meta, metaval, plain := NewTable(0, 0), NewTable(0, 0), NewTable(0, 0), NewTable(0, 0), NewTable(0, 0), NewTable(0, 0)
	require.NoError(t, root.SetStr(nil, "v", TableValue(val)))
	require.NoError(t, root.Set(nil, TableValue(key), True))
	require.NoError(t, root.SetInt(nil, 1, TableValue(root))) // a cycle
	require.NoError(t, val.SetStr(nil, "back", TableValue(root)))
	root.SetMetatable(meta)
	require.NoError(t, meta.SetStr(nil, "__index", TableValue(metaval)))
	root.FreezeDeep()
	for name, tb := range map[string]*Table{"root": root, "value": val, "key": key, "metatable": meta, "metatable value": metaval} {
		assert.True(t, tb.Frozen(), name)
	}
	assert.False(t, plain.Frozen())
}

func TestTableChargesGrowthBeforeAllocating(t *testing.T) {
	m := NewMeter(0, 0)
	tb := NewTable(0, 0)
	for i := int64(1); i <= 8; i++ {
		require.NoError(t, tb.SetInt(m, i, True))
	}
	// Array parts of 1, 2, 4 and 8 slots.
	assert.Equal(t, int64((1+2+4+8)*CostTableArraySlot), m.Bytes())

	m = NewMeter(0, 0)
	tb = NewTable(0, 0)
	for _, k := range []string{"a", "b", "c", "d", "e"} {
		require.NoError(t, tb.SetStr(m, k, True))
	}
	// Hash parts of 1, 2, 4 and 8 nodes ("d" fits in 4).
	assert.Equal(t, int64((1+2+4+8)*CostTableNode), m.Bytes())

	// Updates and reads charge nothing.
	before := m.Bytes()
	require.NoError(t, tb.SetStr(m, "a", False))
	tb.GetStr("a")
	assert.Equal(t, before, m.Bytes())

	// Refused growth leaves the table as it was.
	m = NewMeter(0, 3*CostTableNode)
	tb = NewTable(0, 0)
	require.NoError(t, tb.SetStr(m, "a", Int(1)))
	require.NoError(t, tb.SetStr(m, "b", Int(2)))
	err := tb.SetStr(m, "c", Int(3))
	require.Error(t, err)
	assert.ErrorIs(t, err, ErrMemoryLimit)
	var le *LimitError
	require.True(t, errors.As(err, &le))
	assert.Equal(t, int64(3*CostTableNode), le.Used)
	assert.Equal(t, int64(4*CostTableNode), le.Asked)
	assert.Equal(t, Nil, tb.GetStr("c"))
	assert.Equal(t, Int(1), tb.GetStr("a"))
	assert.Equal(t, Int(2), tb.GetStr("b"))
	assert.Len(t, tb.nodes, 2)
	// Nil meter: no charge, no limit.
	require.NoError(t, tb.SetStr(nil, "c", Int(3)))
}

func TestCostTableSizedMatchesNewTable(t *testing.T) {
	assert.Equal(t, int64(CostTable), CostTableSized(0, 0))
	assert.Equal(t, int64(CostTable+3*CostTableArraySlot+4*CostTableNode), CostTableSized(3, 3))
	tb := NewTable(3, 3)
	assert.Len(t, tb.arr, 3)
	assert.Len(t, tb.nodes, 4)
}

func TestTableMaxN(t *testing.T) {
	tb := NewTable(0, 0)
	assert.Equal(t, Int(0), tb.MaxN())
	require.NoError(t, tb.SetInt(nil, 1, True))
	require.NoError(t, tb.SetInt(nil, 2, True))
	require.NoError(t, tb.Set(nil, Float(7.5), True))
	require.NoError(t, tb.SetInt(nil, -20, True))
	require.NoError(t, tb.SetStr(nil, "100", True))
	assert.Equal(t, Float(7.5), tb.MaxN())
	require.NoError(t, tb.SetInt(nil, 1000, True))
	assert.Equal(t, Int(1000), tb.MaxN())
	require.NoError(t, tb.SetInt(nil, 1000, Nil))
	assert.Equal(t, Float(7.5), tb.MaxN())
}

func TestTableGetsDoNotAllocate(t *testing.T) {
	tb := NewTable(0, 0)
	for i := range 100 {
		require.NoError(t, tb.SetStr(nil, fmt.Sprint("key", i), Int(int64(i))))
		require.NoError(t, tb.SetInt(nil, int64(i+1), Int(int64(i))))
	}
	key := String("key42")
	allocs := testing.AllocsPerRun(100, func() {
		tb.Get(key)
		tb.GetStr("key7")
		tb.GetInt(50)
		tb.Get(Float(3))
		tb.Len()
		tb.Next(Int(5))
	})
	assert.Zero(t, allocs)
}

func BenchmarkTableGetStr(b *testing.B) {
	b.ReportAllocs()
	tb := NewTable(0, 0)
	for i := range 16 {
		_ = tb.SetStr(nil, fmt.Sprint("field", i), Int(int64(i)))
	}
	for b.Loop() {
		tb.GetStr("field7")
	}
}

func BenchmarkTableGet(b *testing.B) {
	b.ReportAllocs()
	tb := NewTable(0, 0)
	for i := range 16 {
		_ = tb.SetStr(nil, fmt.Sprint("field", i), Int(int64(i)))
		_ = tb.SetInt(nil, int64(i+1), Int(int64(i)))
	}
	ks, ki := String("field7"), Int(9)
	for b.Loop() {
		tb.Get(ks)
		tb.Get(ki)
	}
}

func BenchmarkTableSet(b *testing.B) {
	b.ReportAllocs()
	tb := NewTable(0, 0)
	_ = tb.SetStr(nil, "x", Int(0))
	k := String("x")
	for i := int64(0); b.Loop(); i++ {
		_ = tb.Set(nil, k, Int(i))
	}
}

func BenchmarkTableAppend(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		tb := NewTable(0, 0)
		for i := int64(1); i <= 64; i++ {
			_ = tb.SetInt(nil, i, Int(i))
		}
	}
}

func TestTableResizeArrayKeepsEntries(t *testing.T) {
	tb := NewTable(0, 0)
	require.NoError(t, tb.SetStr(nil, "x", Int(1)))
	require.NoError(t, tb.SetInt(nil, 3, Int(3)))
	m := NewMeter(0, 0)
	require.NoError(t, tb.ResizeArray(m, 5))
	assert.Len(t, tb.arr, 5)
	assert.Equal(t, int64(5*CostTableArraySlot+2*CostTableNode), m.Bytes(), "new array part and a fresh hash part of the same size")
	assert.Equal(t, Int(3), tb.GetInt(3))
	assert.Equal(t, Int(1), tb.GetStr("x"))
	require.NoError(t, tb.ResizeArray(nil, -1))
	assert.Empty(t, tb.arr)
	assert.Equal(t, Int(3), tb.GetInt(3), "the vanishing slice moves to the hash part")
}

func ExampleTable_Next() {
	t := NewTable(0, 0)
	_ = t.SetStr(nil, "x", Int(10))
	_ = t.SetInt(nil, 1, String("first"))
	_ = t.Set(nil, Float(2.0), String("second")) // the float key 2.0 is the integer key 2
	_ = t.SetStr(nil, "y", True)
	for k, v, ok, _ := t.Next(Nil); ok; k, v, ok, _ = t.Next(k) {
		fmt.Println(tabKeyText(k), tabKeyText(v))
	}
	fmt.Println("#t =", t.Len())
	// Output:
	// 1 first
	// 2 second
	// y true
	// x 10
	// #t = 2
}

// TestTableAgreesWithAMapModel applies long random workloads (many
// rehashes, array parts growing and shrinking, keys cleared and reused)
// and checks every entry against a Go map model after each step batch.
func TestTableAgreesWithAMapModel(t *testing.T) {
	type mkey struct {
		k Kind
		n uint64
		s string
	}
	norm := func(v Value) mkey {
		v, _ = tabNormKey(v)
		if v.k == KindString {
			return mkey{k: KindString, s: v.AsString()}
		}
		return mkey{k: v.k, n: v.n}
	}
	for seed := range uint64(4) {
		r := rand.New(rand.NewPCG(seed, 7))
		tb := NewTable(0, 0)
		model := map[mkey]Value{}
		keys := map[mkey]Value{}
		for step := range 4000 {
			var k Value
			switch r.IntN(5) {
			case 0:
				k = String(fmt.Sprint("s", r.IntN(300)))
			case 1, 2:
				k = Int(int64(r.IntN(400) - 20))
			case 3:
				k = Float(float64(r.IntN(100)) / 4)
			default:
				k = Int(int64(r.IntN(1 << 20)))
			}
			v := Int(int64(step))
			if r.IntN(3) == 0 {
				v = Nil
			}
			require.NoError(t, tb.Set(nil, k, v))
			mk := norm(k)
			keys[mk] = k
			if v.k == KindNil {
				delete(model, mk)
			} else {
				model[mk] = v
			}
			if step%500 == 499 {
				for mk, k := range keys {
					assert.Equal(t, model[mk], tb.Get(k), "seed %d step %d key %s", seed, step, tabKeyText(k))
				}
				count := 0
				for k, v, ok, err := tb.Next(Nil); ok; k, v, ok, err = tb.Next(k) {
					require.NoError(t, err)
					assert.Equal(t, model[norm(k)], v)
					count++
				}
				assert.Equal(t, len(model), count, "entries seen by Next")
				n := tb.Len()
				if n > 0 {
					assert.NotEqual(t, Nil, tb.GetInt(n), "border %d", n)
				}
				assert.Equal(t, Nil, tb.GetInt(n+1), "border %d", n)
			}
		}
	}
}

// sparseTable returns a table whose array part holds 1..n with only n
// present, and a hash part with one key "k".
func sparseTable(t *testing.T, n int) *Table {
	t.Helper()
	tb := NewTable(0, 0)
	require.NoError(t, tb.SetStr(nil, "k", True))
	for i := 1; i <= n; i++ {
		require.NoError(t, tb.SetInt(nil, int64(i), Int(int64(i))))
	}
	for i := 1; i < n; i++ { // clearing never shrinks the array part
		require.NoError(t, tb.SetInt(nil, int64(i), Nil))
	}
	require.GreaterOrEqual(t, len(tb.arr), n)
	return tb
}

func TestTableNextCountedReportsSkippedSlots(t *testing.T) {
	tb := sparseTable(t, 1000)
	k, v, skipped, ok, err := tb.NextCounted(Nil)
	require.NoError(t, err)
	require.True(t, ok)
	assert.Equal(t, Int(1000), k)
	assert.Equal(t, Int(1000), v)
	assert.Equal(t, 999, skipped, "slots 1..999 are empty")
	// Next agrees with NextCounted all the way.
	for k := Nil; ; {
		k1, v1, ok1, err1 := tb.Next(k)
		k2, v2, _, ok2, err2 := tb.NextCounted(k)
		require.NoError(t, err1)
		require.NoError(t, err2)
		assert.Equal(t, []any{k1, v1, ok1}, []any{k2, v2, ok2})
		if !ok1 {
			break
		}
		k = k1
	}
	_, _, _, _, err = tb.NextCounted(String("absent"))
	assert.ErrorIs(t, err, ErrInvalidNextKey)
}

func TestThreadNextChargesSkippedSlots(t *testing.T) {
	tb := sparseTable(t, 1000)
	th := NewThread()
	th.Reset(context.Background(), Limits{})
	k, _, ok, err := th.Next(tb, Nil)
	require.NoError(t, err)
	require.True(t, ok)
	assert.Equal(t, Int(1000), k)
	assert.Equal(t, int64(999/valuesPerUnit), th.Meter().Instructions(), "one unit per 8 empty slots")

	// A budget that cannot pay for the scan refuses it without exceeding
	// the budget; one that can pays exactly.
	for _, limit := range []int64{1, 100, 124, 125, 126} {
		th.Reset(context.Background(), Limits{Instructions: limit})
		_, _, ok, err := th.Next(tb, Nil)
		if limit < 999/valuesPerUnit {
			assert.ErrorIs(t, err, ErrInstructionLimit, "limit %d", limit)
			assert.Equal(t, int64(0), th.Meter().Instructions(), "limit %d: nothing charged", limit)
		} else {
			require.NoError(t, err, "limit %d", limit)
			assert.True(t, ok)
			assert.Equal(t, int64(999/valuesPerUnit), th.Meter().Instructions(), "limit %d", limit)
		}
	}
	_, _, _, err = th.Next(tb, String("absent"))
	assert.ErrorIs(t, err, ErrInvalidNextKey)
}
