package builtins

// The table library (ltablib.c of Lua 5.1): concat insert maxn remove
// sort. Table accesses are raw, as in 5.1. table.sort is 5.1's auxsort, a
// quicksort with median-of-three pivots whose sequence of comparisons and
// swaps is the same as lua5.1's, so comparators with side effects and
// inconsistent comparators ("invalid order function for sorting") behave
// the same. Each comparison costs one instruction unit (plus what a Lua
// comparator executes, or one per BytesPerStep bytes of the shorter of
// two strings compared by "<"); concat charges its result before building
// it.

import (
	"strings"

	"github.com/kestrel-runtime/lua/vm"
)

// OpenTable installs the table library into env.table.
func OpenTable(env *vm.Table) error {
	setFuncs(libTable(env, "table", 8), map[string]goFn{
		"concat": tabConcat,
		"insert": tabInsert,
		"maxn":   tabMaxn,
		"remove": tabRemove,
		"sort":   tabSort,
	})
	return nil
}

func tabConcat(th *vm.Thread, args []vm.Value) (int, error) {
	sep, err := optString(th, args, 2, "")
	if err != nil {
		return 0, err
	}
	t, err := checkTable(th, args, 1)
	if err != nil {
		return 0, err
	}
	i, err := optCInt(th, args, 3, 1)
	if err != nil {
		return 0, err
	}
	var last int64
	if isNoneOrNil(args, 4) {
		last = t.Len()
	} else if last, err = checkCInt(th, args, 4); err != nil {
		return 0, err
	}
	if i > last {
		th.Push(vm.String(""))
		return 1, nil
	}
	// First pass: check the values and size the result.
	total := 0
	var numBuf [32]byte
	for k := i; ; k++ {
		if err := th.Step(1); err != nil {
			return 0, err
		}
		v := t.GetInt(k)
		switch v.Kind() {
		case vm.KindString:
			total += len(v.AsString())
		case vm.KindInt, vm.KindFloat:
			total += len(vm.AppendNumber(numBuf[:0], v))
		default:
			// lua5.1 (5.1.5) names the type: "invalid value (table) at index 2".
			return 0, th.Errorf("invalid value (%s) at index %d in table for 'concat'", v.TypeName(), k)
		}
		if k == last {
			break
		}
		total += len(sep)
		if total > MaxStringLen {
			return 0, memError(th, int64(total))
		}
	}
	if err := newString(th, total); err != nil {
		return 0, err
	}
	var b strings.Builder
	b.Grow(total)
	for k := i; ; k++ {
		v := t.GetInt(k)
		if v.Kind() == vm.KindString {
			b.WriteString(v.AsString())
		} else {
			b.Write(vm.AppendNumber(numBuf[:0], v))
		}
		if k == last {
			break
		}
		b.WriteString(sep)
	}
	th.Push(vm.String(b.String()))
	return 1, nil
}

func tabInsert(th *vm.Thread, args []vm.Value) (int, error) {
	t, err := checkTable(th, args, 1)
	if err != nil {
		return 0, err
	}
	e := t.Len() + 1 // first empty element
	var pos int64
	switch len(args) {
	case 2:
		pos = e
	case 3:
		if pos, err = checkCInt(th, args, 2); err != nil {
			return 0, err
		}
		if pos > e {
			e = pos // "grow" the array
		}
		if e-pos > 0 {
			if err := th.Step(e - pos); err != nil {
				return 0, err
			}
		}
		for k := e; k > pos; k-- { // move up the elements
			if err := t.SetInt(th.Meter(), k, t.GetInt(k-1)); err != nil {
				return 0, tableError(th, err)
			}
		}
	default:
		return 0, th.Errorf("wrong number of arguments to 'insert'")
	}
	if err := t.SetInt(th.Meter(), pos, args[len(args)-1]); err != nil {
		return 0, tableError(th, err)
	}
	return 0, nil
}

func tabRemove(th *vm.Thread, args []vm.Value) (int, error) {
	t, err := checkTable(th, args, 1)
	if err != nil {
		return 0, err
	}
	e := t.Len()
	pos, err := optCInt(th, args, 2, e)
	if err != nil {
		return 0, err
	}
	if !(1 <= pos && pos <= e) { // position is outside bounds
		return 0, nil
	}
	if err := th.Step(e - pos + 1); err != nil {
		return 0, err
	}
	th.Push(t.GetInt(pos))
	for ; pos < e; pos++ {
		if err := t.SetInt(th.Meter(), pos, t.GetInt(pos+1)); err != nil {
			return 0, tableError(th, err)
		}
	}
	if err := t.SetInt(th.Meter(), e, vm.Nil); err != nil {
		return 0, tableError(th, err)
	}
	return 1, nil
}

// tabMaxn is 5.1's maxn: the largest positive numeric key, found by
// walking every key with next as ltablib.c does. The walk visits every
// slot of the array and hash parts, empty ones included, and is charged
// one unit per SlotsPerStep slots as it goes (plus one), so that a table
// with a large hash part costs in proportion to its size.
func tabMaxn(th *vm.Thread, args []vm.Value) (int, error) {
	t, err := checkTable(th, args, 1)
	if err != nil {
		return 0, err
	}
	const flush = 64 * SlotsPerStep // slots visited between two charges
	best, k, visited := vm.Int(0), vm.Nil, 0
	for {
		key, _, skipped, ok, err := t.NextCounted(k)
		if err != nil {
			return 0, tableError(th, err)
		}
		visited += skipped + 1
		if visited >= flush {
			if err := th.Step(int64(visited / SlotsPerStep)); err != nil {
				return 0, err
			}
			visited %= SlotsPerStep
		}
		if !ok {
			break
		}
		if key.IsNumber() && vm.NumLess(best, key) {
			best = key
		}
		k = key
	}
	if err := th.Step(int64(visited/SlotsPerStep) + 1); err != nil {
		return 0, err
	}
	// 5.1 returns a lua_Number: an integer key of 10^15 or more comes back
	// as the float 5.1 would print.
	if best.Kind() == vm.KindInt {
		best = integral(float64(best.AsInt()))
	}
	th.Push(best)
	return 1, nil
}

// sorter is the state of one table.sort.
type sorter struct {
	th   *vm.Thread
	t    *vm.Table
	comp vm.Value // the order function, or nil for "<"
	args [2]vm.Value
}

// less is sort_comp: a < b by the order function or the < operator.
func (s *sorter) less(a, b vm.Value) (bool, error) {
	units := int64(1)
	if s.comp.IsNil() && a.Kind() == vm.KindString && b.Kind() == vm.KindString {
		// Two strings are compared over up to the shorter one's length.
		units += int64(min(len(a.AsString()), len(b.AsString())) / BytesPerStep)
	}
	if err := s.th.Step(units); err != nil {
		return false, err
	}
	if s.comp.IsNil() {
		return s.th.LessThan(a, b)
	}
	s.args[0], s.args[1] = a, b
	res, err := s.th.Call(s.comp, s.args[:], 1)
	if err != nil {
		return false, err
	}
	return res[0].Truthy(), nil
}

func (s *sorter) get(i int64) vm.Value { return s.t.GetInt(i) }

// set2 stores a at index i and b at index j (set2 in ltablib.c, with the
// values it would find on the stack).
func (s *sorter) set2(i int64, a vm.Value, j int64, b vm.Value) error {
	m := s.th.Meter()
	if err := s.t.SetInt(m, i, a); err != nil {
		return tableError(s.th, err)
	}
	if err := s.t.SetInt(m, j, b); err != nil {
		return tableError(s.th, err)
	}
	return nil
}

func (s *sorter) invalidOrder() error {
	return s.th.Errorf("invalid order function for sorting")
}

// auxsort sorts t[l..u] (auxsort in ltablib.c): it recurses into the
// smaller part and loops on the larger one, so the depth is logarithmic.
func (s *sorter) auxsort(l, u int64) error {
	for l < u {
		// Sort a[l], a[(l+u)/2] and a[u].
		al, au := s.get(l), s.get(u)
		lt, err := s.less(au, al)
		if err != nil {
			return err
		}
		if lt { // a[u] < a[l]: swap
			if err := s.set2(l, au, u, al); err != nil {
				return err
			}
		}
		if u-l == 1 {
			break // only 2 elements
		}
		i := (l + u) / 2
		ai, al := s.get(i), s.get(l)
		if lt, err = s.less(ai, al); err != nil {
			return err
		}
		if lt { // a[i] < a[l]
			if err := s.set2(i, al, l, ai); err != nil {
				return err
			}
		} else {
			au := s.get(u)
			if lt, err = s.less(au, ai); err != nil {
				return err
			}
			if lt { // a[u] < a[i]
				if err := s.set2(i, au, u, ai); err != nil {
					return err
				}
			}
		}
		if u-l == 2 {
			break // only 3 elements
		}
		p := s.get(i) // the pivot
		if err := s.set2(i, s.get(u-1), u-1, p); err != nil {
			return err
		}
		// a[l] <= P == a[u-1] <= a[u]; only a[l+1..u-2] remain.
		i, j := l, u-1
		for { // invariant: a[l..i] <= P <= a[j..u]
			var ai, aj vm.Value
			for { // repeat ++i until a[i] >= P
				i++
				ai = s.get(i)
				lt, err := s.less(ai, p)
				if err != nil {
					return err
				}
				if !lt {
					break
				}
				if i > u {
					return s.invalidOrder()
				}
			}
			for { // repeat --j until a[j] <= P
				j--
				aj = s.get(j)
				lt, err := s.less(p, aj)
				if err != nil {
					return err
				}
				if !lt {
					break
				}
				if j < l {
					return s.invalidOrder()
				}
			}
			if j < i {
				break
			}
			if err := s.set2(i, aj, j, ai); err != nil {
				return err
			}
		}
		// Swap the pivot (a[u-1]) with a[i].
		if err := s.set2(u-1, s.get(i), i, s.get(u-1)); err != nil {
			return err
		}
		// a[l..i-1] <= a[i] == P <= a[i+1..u]: recurse into the smaller
		// part, loop on the larger.
		if i-l < u-i {
			j, i, l = l, i-1, i+1
		} else {
			j, i, u = i+1, u, i-1
		}
		if err := s.auxsort(j, i); err != nil {
			return err
		}
	}
	return nil
}

func tabSort(th *vm.Thread, args []vm.Value) (int, error) {
	t, err := checkTable(th, args, 1)
	if err != nil {
		return 0, err
	}
	n := t.Len()
	s := sorter{th: th, t: t}
	if !isNoneOrNil(args, 2) {
		if !args[1].IsFunction() {
			return 0, th.TypeError(2, "function", args)
		}
		s.comp = args[1]
	}
	return 0, s.auxsort(1, n)
}
