package vm

import (
	"errors"
	"math"
	"math/bits"
	"unsafe"
)

// Tables.
//
// A Table is Lua 5.1's table (ltable.c), rewritten in Go with the same
// algorithm so that sizes, the length operator and the order of next/pairs
// come out as in lua5.1:
//
//   - The array part arr holds the keys 1..len(arr). The hash part nodes is
//     a chained scatter table with Brent's variation: every key has a main
//     position (its hash modulo the size); a colliding key goes to a free
//     node, found by scanning lastFree downwards, and is linked into the
//     chain of its main position. Invariant: if a key is not in its main
//     position, the key occupying that main position is in its own. So a
//     lookup walks one short chain even when the part is full.
//   - Nodes are never deleted: t[k] = nil keeps the key with a nil value,
//     so next(t, k) keeps working while a loop clears fields. A node whose
//     value is nil may be taken by a new key whose main position it is.
//   - When a new key finds no free node, the table is rehashed: all keys
//     are counted, the array part gets the largest size n (a power of two)
//     such that more than n/2 of the keys 1..n are present (computesizes),
//     the hash part gets the next power of two of the remaining keys, and
//     every entry is reinserted, the old hash part from its last node to
//     its first.
//   - Hash functions are 5.1's where 5.1's are deterministic: strings by
//     5.1's luaS_hash of their bytes (seeded with the length, sampling at
//     most 32 bytes), numbers by the sum of the two 32-bit halves of the
//     double modulo an odd number, booleans by their value. Tables,
//     functions and userdata hash by their object id, never by address.
//     Consequently iteration order, which is array part then hash part in
//     node order, is the same on every run and machine, and equals
//     lua5.1's for tables keyed by strings, numbers and booleans.
//   - Keys are normalised: a float with an integral value that fits int64
//     is stored as that integer (t[1.0] is t[1]; -0.0 is 0).
//
// Object ids: every heap object struct (Table, Closure, GoFunction,
// Userdata) has `id uint64` as its FIRST field, so that objectID reads it
// through the Value's pointer without knowing the type.
//
// Concurrency: a Table is not safe for concurrent mutation. Get, GetInt,
// GetStr, Len, Next and Metatable never write to the table, so a frozen
// table may be read by many goroutines at once.

// Errors of table operations, with Lua 5.1's wording. They are plain error
// values: the interpreter attaches the position.
var (
	// ErrReadOnly is returned by a write to a frozen table.
	ErrReadOnly = errors.New("attempt to modify a read-only table")
	// ErrTableIndexNil is returned by a write with a nil key.
	ErrTableIndexNil = errors.New("table index is nil")
	// ErrTableIndexNaN is returned by a write with a NaN key.
	ErrTableIndexNaN = errors.New("table index is NaN")
	// ErrInvalidNextKey is returned by Next for a key not in the table.
	ErrInvalidNextKey = errors.New("invalid key to 'next'")
)

// Limits of the table layout (ltable.c).
const (
	// tabMaxBits: array indices are at most 2^tabMaxBits (ltable.c MAXBITS
	// with a 32-bit int is 26).
	tabMaxBits = 26
	// TableMaxArray is the largest key the array part may hold
	// (ltable.c MAXASIZE).
	TableMaxArray = 1 << tabMaxBits
)

// Table is a Lua table. Create tables with [NewTable] (uncharged, for setup
// code) or Thread.NewTable (charged).
type Table struct {
	id       uint64 // object id; must stay the first field (see objectID)
	arr      []Value
	nodes    []tabNode // len is 0 or a power of two
	lastFree int       // every node at index >= lastFree is in use
	meta     *Table
	frozen   bool
	deep     bool // FreezeDeep has run on this table
}

// tabNode is one entry of the hash part. A node is free when its key is
// nil.
type tabNode struct {
	key  Value
	val  Value
	next int32 // 1 + index of the next node of the chain; 0 ends the chain
}

// NewTable returns an empty table with room for narr array slots and nhash
// hash entries (rounded up to a power of two). It charges nothing; see
// [CostTableSized] for what it allocates.
func NewTable(narr, nhash int) *Table {
	t := &Table{}
	if narr > 0 {
		t.arr = make([]Value, narr)
	}
	t.tabSetNodes(nhash)
	return t
}

// TableValue returns t as a Value.
func TableValue(t *Table) Value { return Value{k: KindTable, p: unsafe.Pointer(t)} }

// AsTable returns the table of a KindTable value, or nil.
func (v Value) AsTable() *Table {
	if v.k != KindTable {
		return nil
	}
	return (*Table)(v.p)
}

// objectID returns the id of a reference value: every heap object struct
// starts with `id uint64`.
func (v Value) objectID() uint64 { return *(*uint64)(v.p) }

// tabNodeCount returns the size of a hash part for n entries: 0, or the
// smallest power of two >= n.
func tabNodeCount(n int) int {
	if n <= 0 {
		return 0
	}
	return 1 << bits.Len(uint(n-1))
}

// tabSetNodes replaces the hash part by an empty one for n entries.
func (t *Table) tabSetNodes(n int) {
	size := tabNodeCount(n)
	if size == 0 {
		t.nodes = nil
	} else {
		t.nodes = make([]tabNode, size)
	}
	t.lastFree = size
}

// Metatable returns the table's metatable, or nil.
func (t *Table) Metatable() *Table { return t.meta }

// SetMetatable sets the table's metatable (nil removes it). It does not
// check Frozen: setmetatable does (a frozen table's metatable is fixed).
func (t *Table) SetMetatable(mt *Table) { t.meta = mt }

// Freeze makes the table read-only: every later write returns ErrReadOnly.
func (t *Table) Freeze() { t.frozen = true }

// Frozen reports whether the table is read-only.
func (t *Table) Frozen() bool { return t.frozen }

// FreezeDeep freezes the table and, transitively, every table reachable
// from it through keys, values and metatables (not through functions'
// upvalues or environments). It handles cycles.
func (t *Table) FreezeDeep() {
	work := []*Table{t}
	for len(work) > 0 {
		u := work[len(work)-1]
		work = work[:len(work)-1]
		if u.deep {
			continue
		}
		u.deep, u.frozen = true, true
		if u.meta != nil && !u.meta.deep {
			work = append(work, u.meta)
		}
		for _, v := range u.arr {
			if v.k == KindTable {
				work = append(work, v.AsTable())
			}
		}
		for i := range u.nodes {
			n := &u.nodes[i]
			if n.key.k == KindTable {
				work = append(work, n.key.AsTable())
			}
			if n.val.k == KindTable {
				work = append(work, n.val.AsTable())
			}
		}
	}
}

// tabStrHash is Lua 5.1's string hash (lstring.c luaS_newlstr): seeded with
// the length, mixing at most 32 bytes sampled from the end.
func tabStrHash(s string) uint32 {
	h := uint32(len(s))
	step := len(s)>>5 + 1
	for l := len(s); l >= step; l -= step {
		h ^= (h << 5) + (h >> 2) + uint32(s[l-1])
	}
	return h
}

// tabNumPos is the main position of a number key (ltable.c hashnum): 0 for
// zero, else the sum of the two halves of the double modulo an odd number.
func tabNumPos(f float64, size int) int {
	if f == 0 {
		return 0
	}
	b := math.Float64bits(f)
	return int((uint32(b) + uint32(b>>32)) % uint32((size-1)|1))
}

// tabMainPos returns the main position of the normalised key k; the hash
// part must not be empty.
func (t *Table) tabMainPos(k Value) int {
	size := len(t.nodes)
	switch k.k {
	case KindString:
		return int(tabStrHash(k.AsString()) & uint32(size-1))
	case KindInt:
		return tabNumPos(float64(k.AsInt()), size)
	case KindFloat:
		return tabNumPos(k.AsFloat(), size)
	case KindBool:
		return int(k.n) & (size - 1)
	}
	return int(uint32(k.objectID()) % uint32((size-1)|1))
}

// tabKeyEq compares a node key with a normalised key of the same hash
// chain. Normalised numbers never compare Int with Float, and float keys
// are never NaN, so bitwise equality is value equality.
func tabKeyEq(a, b Value) bool {
	if a.k != b.k || a.n != b.n {
		return false
	}
	if a.k == KindString {
		return a.p == b.p || a.AsString() == b.AsString()
	}
	return a.p == b.p
}

// tabNormKey normalises a key: integral floats become integers. nan is
// true for a NaN key.
func tabNormKey(k Value) (key Value, nan bool) {
	if k.k == KindFloat {
		f := k.AsFloat()
		if f >= -twoTo63 && f < twoTo63 {
			if i := int64(f); float64(i) == f {
				return Int(i), false
			}
		}
		return k, f != f
	}
	return k, false
}

// tabFind returns the index of the node holding the normalised key k, or
// -1.
func (t *Table) tabFind(k Value) int {
	if len(t.nodes) == 0 {
		return -1
	}
	i := t.tabMainPos(k)
	for {
		n := &t.nodes[i]
		if tabKeyEq(n.key, k) {
			return i
		}
		if n.next == 0 {
			return -1
		}
		i = int(n.next) - 1
	}
}

// Get returns t[k] without metamethods (rawget); nil when absent.
func (t *Table) Get(k Value) Value {
	switch k.k {
	case KindString:
		return t.GetStr(k.AsString())
	case KindInt:
		return t.GetInt(k.AsInt())
	case KindNil:
		return Nil
	case KindFloat:
		nk, nan := tabNormKey(k)
		if nan {
			return Nil
		}
		if nk.k == KindInt {
			return t.GetInt(nk.AsInt())
		}
	}
	if i := t.tabFind(k); i >= 0 {
		return t.nodes[i].val
	}
	return Nil
}

// GetInt returns t[i] without metamethods.
func (t *Table) GetInt(i int64) Value {
	if uint64(i-1) < uint64(len(t.arr)) {
		return t.arr[i-1]
	}
	if len(t.nodes) == 0 {
		return Nil
	}
	j := tabNumPos(float64(i), len(t.nodes))
	for {
		n := &t.nodes[j]
		if n.key.k == KindInt && int64(n.key.n) == i {
			return n.val
		}
		if n.next == 0 {
			return Nil
		}
		j = int(n.next) - 1
	}
}

// GetStr returns t[s] without metamethods.
func (t *Table) GetStr(s string) Value {
	if len(t.nodes) == 0 {
		return Nil
	}
	return t.getStrHashed(s, tabStrHash(s))
}

// getStrHashed is GetStr for a non-empty hash part, with the key's
// tabStrHash already known (a constant's cached hash).
func (t *Table) getStrHashed(s string, hash uint32) Value {
	j := int(hash & uint32(len(t.nodes)-1))
	for {
		n := &t.nodes[j]
		if n.key.k == KindString && n.key.n == uint64(len(s)) &&
			((*byte)(n.key.p) == unsafe.StringData(s) || n.key.AsString() == s) {
			return n.val
		}
		if n.next == 0 {
			return Nil
		}
		j = int(n.next) - 1
	}
}

// Set assigns t[k] = v without metamethods (rawset). Growth of the table
// is charged to m (if not nil) before it is allocated. Errors:
// ErrTableIndexNil, ErrTableIndexNaN, ErrReadOnly, or a memory *LimitError
// (then the table is unchanged). As in Lua 5.1, assigning nil to an
// absent key creates the key with a nil value (which may grow the table;
// the next rehash drops it), so that sizes and iteration order stay 5.1's.
func (t *Table) Set(m *Meter, k, v Value) error {
	switch k.k {
	case KindInt:
		return t.SetInt(m, k.AsInt(), v)
	case KindNil:
		return ErrTableIndexNil
	case KindFloat:
		nk, nan := tabNormKey(k)
		if nan {
			return ErrTableIndexNaN
		}
		k = nk
		if k.k == KindInt {
			return t.SetInt(m, k.AsInt(), v)
		}
	}
	if t.frozen {
		return ErrReadOnly
	}
	if i := t.tabFind(k); i >= 0 {
		t.nodes[i].val = v
		return nil
	}
	return t.tabNewKey(m, k, v)
}

// SetInt assigns t[i] = v without metamethods; see [Table.Set].
func (t *Table) SetInt(m *Meter, i int64, v Value) error {
	if t.frozen {
		return ErrReadOnly
	}
	if uint64(i-1) < uint64(len(t.arr)) {
		t.arr[i-1] = v
		return nil
	}
	k := Int(i)
	if j := t.tabFind(k); j >= 0 {
		t.nodes[j].val = v
		return nil
	}
	return t.tabNewKey(m, k, v)
}

// SetStr assigns t[s] = v without metamethods; see [Table.Set].
func (t *Table) SetStr(m *Meter, s string, v Value) error {
	return t.Set(m, String(s), v)
}

// tabNewKey inserts the absent normalised key k with the value v
// (ltable.c newkey), rehashing when the hash part has no free node.
func (t *Table) tabNewKey(m *Meter, k, v Value) error {
	if !t.tabInsert(k, v) {
		if err := t.tabRehash(m, k); err != nil {
			return err
		}
		// After the rehash the key may belong to the array part.
		if k.k == KindInt && uint64(k.AsInt()-1) < uint64(len(t.arr)) {
			t.arr[k.AsInt()-1] = v
			return nil
		}
		if !t.tabInsert(k, v) {
			panic("vm: table rehash left no free node")
		}
	}
	return nil
}

// tabInsert puts the absent key k into the hash part; false when there is
// no free node.
func (t *Table) tabInsert(k, v Value) bool {
	if len(t.nodes) == 0 {
		return false
	}
	mp := t.tabMainPos(k)
	if t.nodes[mp].val.k != KindNil {
		// The main position is taken: find a free node.
		f := t.tabFreeNode()
		if f < 0 {
			return false
		}
		other := t.tabMainPos(t.nodes[mp].key)
		if other != mp {
			// The occupant is not in its main position: move it to the free
			// node, relinking its chain, and take its place.
			for int(t.nodes[other].next)-1 != mp {
				other = int(t.nodes[other].next) - 1
			}
			t.nodes[other].next = int32(f + 1)
			t.nodes[f] = t.nodes[mp]
			t.nodes[mp].next = 0
			t.nodes[mp].val = Nil
		} else {
			// The occupant is in its main position: the new key goes to the
			// free node, chained after it.
			t.nodes[f].next = t.nodes[mp].next
			t.nodes[mp].next = int32(f + 1)
			mp = f
		}
	}
	t.nodes[mp].key = k
	t.nodes[mp].val = v
	return true
}

// tabFreeNode returns a node with a nil key, scanning down from lastFree,
// or -1.
func (t *Table) tabFreeNode() int {
	for t.lastFree > 0 {
		t.lastFree--
		if t.nodes[t.lastFree].key.k == KindNil {
			return t.lastFree
		}
	}
	return -1
}

// tabCeilLog2 returns ceil(log2(x)) for x >= 1.
func tabCeilLog2(x uint) int { return bits.Len(x - 1) }

// tabArrayIndex returns k as an array-part candidate index (1..MAXASIZE), or
// 0.
func tabArrayIndex(k Value) int {
	if k.k == KindInt && k.AsInt() >= 1 && k.AsInt() <= TableMaxArray {
		return int(k.AsInt())
	}
	return 0
}

// tabRehash resizes the table for the extra key ek (ltable.c rehash):
// nums[i] counts the integer keys in (2^(i-1), 2^i].
func (t *Table) tabRehash(m *Meter, ek Value) error {
	var nums [tabMaxBits + 1]int
	// Keys in the array part, slice by slice.
	nasize := 0
	i := 1
	for lg, ttlg := 0, 1; lg <= tabMaxBits; lg, ttlg = lg+1, ttlg*2 {
		lim := ttlg
		if lim > len(t.arr) {
			lim = len(t.arr)
			if i > lim {
				break
			}
		}
		c := 0
		for ; i <= lim; i++ {
			if t.arr[i-1].k != KindNil {
				c++
			}
		}
		nums[lg] += c
		nasize += c
	}
	total := nasize
	// Keys in the hash part.
	for j := range t.nodes {
		n := &t.nodes[j]
		if n.val.k != KindNil {
			if a := tabArrayIndex(n.key); a > 0 {
				nums[tabCeilLog2(uint(a))]++
				nasize++
			}
			total++
		}
	}
	// The extra key.
	if a := tabArrayIndex(ek); a > 0 {
		nums[tabCeilLog2(uint(a))]++
		nasize++
	}
	total++
	// computesizes: the largest power of two n such that more than n/2 of
	// the candidate keys 1..n are present.
	a, na, n := 0, 0, 0
	for lg, twotoi := 0, 1; twotoi/2 < nasize; lg, twotoi = lg+1, twotoi*2 {
		if nums[lg] > 0 {
			a += nums[lg]
			if a > twotoi/2 {
				n = twotoi
				na = a
			}
		}
		if a == nasize {
			break
		}
	}
	return t.tabResize(m, n, total-na)
}

// tabResize gives the table an array part of nasize slots and a hash part
// for nhsize entries, charging the new allocations to m first
// (ltable.c resize).
func (t *Table) tabResize(m *Meter, nasize, nhsize int) error {
	if m != nil {
		cost := int64(tabNodeCount(nhsize)) * CostTableNode
		if nasize > len(t.arr) {
			cost += int64(nasize) * CostTableArraySlot
		}
		if err := m.Charge(cost); err != nil {
			return err
		}
	}
	oldArr, oldNodes := t.arr, t.nodes
	if nasize > len(oldArr) {
		t.arr = make([]Value, nasize)
		copy(t.arr, oldArr)
	}
	t.tabSetNodes(nhsize)
	if nasize < len(oldArr) {
		// Shrink the array part; its vanishing slice moves to the hash part.
		t.arr = oldArr[:nasize:nasize]
		for i := nasize; i < len(oldArr); i++ {
			if oldArr[i].k != KindNil {
				t.tabReinsert(Int(int64(i+1)), oldArr[i])
			}
		}
		clear(oldArr[nasize:])
	}
	for i := len(oldNodes) - 1; i >= 0; i-- {
		if n := &oldNodes[i]; n.val.k != KindNil {
			t.tabReinsert(n.key, n.val)
		}
	}
	return nil
}

// tabReinsert stores an entry during a resize, which made room for it.
func (t *Table) tabReinsert(k, v Value) {
	if k.k == KindInt && uint64(k.AsInt()-1) < uint64(len(t.arr)) {
		t.arr[k.AsInt()-1] = v
		return
	}
	if !t.tabInsert(k, v) {
		panic("vm: table resize left no free node")
	}
}

// ResizeArray grows (or shrinks) the array part to n slots, keeping the
// hash part's size, as OpSetList does before storing a constructor's list
// items (ltable.c luaH_resizearray). Growth is charged to m first.
func (t *Table) ResizeArray(m *Meter, n int) error {
	if t.frozen {
		return ErrReadOnly
	}
	n = max(n, 0)
	if n == len(t.arr) {
		return nil
	}
	return t.tabResize(m, n, len(t.nodes))
}

// Len returns the border Lua 5.1's # operator gives (ltable.c luaH_getn):
// when the last array slot is nil, a binary search of the array part;
// otherwise, if the hash part is not empty, an unbounded search beyond the
// array part.
func (t *Table) Len() int64 {
	j := uint64(len(t.arr))
	if j > 0 && t.arr[j-1].k == KindNil {
		i := uint64(0)
		for j-i > 1 {
			m := (i + j) / 2
			if t.arr[m-1].k == KindNil {
				j = m
			} else {
				i = m
			}
		}
		return int64(i)
	}
	if len(t.nodes) == 0 {
		return int64(j)
	}
	return t.tabUnboundSearch(j)
}

// tabUnboundSearch finds a border beyond the array part of size j
// (ltable.c unbound_search): doubling until a nil is found, then binary
// search; on absurd tables a linear scan.
func (t *Table) tabUnboundSearch(j uint64) int64 {
	i := j
	j++
	for t.GetInt(int64(j)).k != KindNil {
		i = j
		j *= 2
		if j > math.MaxInt32 {
			k := int64(1)
			for t.GetInt(k).k != KindNil {
				k++
			}
			return k - 1
		}
	}
	for j-i > 1 {
		m := (i + j) / 2
		if t.GetInt(int64(m)).k == KindNil {
			j = m
		} else {
			i = m
		}
	}
	return int64(i)
}

// Next returns the entry after key k in the table's iteration order (the
// array part in index order, then the hash part in node order), skipping
// nil values; k nil starts the traversal. ok is false after the last
// entry. Keys may be assigned nil during a traversal; adding keys makes
// the order undefined, as in Lua. err is ErrInvalidNextKey when k is not
// in the table.
//
// Next charges nothing, though it may pass over many empty slots to find
// the next entry: code run for a script uses [Thread.Next], which charges
// that work, or [Table.NextCounted].
func (t *Table) Next(k Value) (key, val Value, ok bool, err error) {
	key, val, _, ok, err = t.NextCounted(k)
	return key, val, ok, err
}

// NextCounted is [Table.Next] that also returns how many empty slots it
// skipped to find the entry (or the end), the work a caller should
// charge.
func (t *Table) NextCounted(k Value) (key, val Value, skipped int, ok bool, err error) {
	i, err := t.tabNextIndex(k)
	if err != nil {
		return Nil, Nil, 0, false, err
	}
	j, _ := t.tabScan(i, math.MaxInt)
	key, val, ok = t.tabEntry(j)
	return key, val, j - i, ok, nil
}

// tabScan returns the traversal index of the first slot at or after
// traversal index i that holds a value, or the end of the traversal
// (len(arr)+len(nodes)) when there is none; done is true. It passes over
// at most limit empty slots: when the entry lies further, it stops and
// returns i+limit with done false.
func (t *Table) tabScan(i, limit int) (j int, done bool) {
	na := len(t.arr)
	end := na + len(t.nodes)
	stop := end
	if limit < end-i {
		stop = i + limit
	}
	for j = i; j < stop; j++ {
		if j < na {
			if t.arr[j].k != KindNil {
				return j, true
			}
		} else if t.nodes[j-na].val.k != KindNil {
			return j, true
		}
	}
	if j < end {
		if j < na && t.arr[j].k != KindNil || j >= na && t.nodes[j-na].val.k != KindNil {
			return j, true // the entry sits just past the last slot paid for
		}
		return j, false
	}
	return j, true
}

// tabEntry returns the entry at traversal index j, ok false at the end.
func (t *Table) tabEntry(j int) (key, val Value, ok bool) {
	if j < len(t.arr) {
		return Int(int64(j + 1)), t.arr[j], true
	}
	if j -= len(t.arr); j < len(t.nodes) {
		n := &t.nodes[j]
		return n.key, n.val, true
	}
	return Nil, Nil, false
}

// tabNextIndex returns the traversal index after key k: array slots count
// 0..len(arr)-1, then nodes follow.
func (t *Table) tabNextIndex(k Value) (int, error) {
	if k.k == KindNil {
		return 0, nil
	}
	k, nan := tabNormKey(k)
	if nan {
		return 0, ErrInvalidNextKey
	}
	if k.k == KindInt && uint64(k.AsInt()-1) < uint64(len(t.arr)) {
		return int(k.AsInt()), nil
	}
	if i := t.tabFind(k); i >= 0 {
		return len(t.arr) + i + 1, nil
	}
	return 0, ErrInvalidNextKey
}

// MaxN returns the largest positive numeric key with a non-nil value, or
// Int(0) (table.maxn).
func (t *Table) MaxN() Value {
	best := Int(0)
	for i := len(t.arr) - 1; i >= 0; i-- {
		if t.arr[i].k != KindNil {
			best = Int(int64(i + 1))
			break
		}
	}
	for i := range t.nodes {
		n := &t.nodes[i]
		if n.val.k != KindNil && n.key.IsNumber() && NumLess(best, n.key) {
			best = n.key
		}
	}
	return best
}
