package vm

// Metamethods: the slow paths of the execute loop, with Lua 5.1's rules
// (lvm.c luaV_gettable, luaV_settable, luaV_arith, luaV_concat,
// luaV_lessthan, luaV_lessequal, luaV_equalval; ltm.c). The loop handles
// the common cases inline and calls these only when a value is not a plain
// number, string or metatable-free table. Metamethods run through
// Thread.call, so they count against MaxCCalls exactly as in Lua 5.1
// (whose callTMres uses luaD_call).

// Metamethod event names.
const (
	tmIndex    = "__index"
	tmNewindex = "__newindex"
	tmCall     = "__call"
	tmEq       = "__eq"
	tmLt       = "__lt"
	tmLe       = "__le"
	tmLen      = "__len"
	tmConcat   = "__concat"
	tmUnm      = "__unm"
)

// arithEvents maps arithmetic opcodes to their metamethod events.
var arithEvents = [numOpcodes]string{
	OpAdd: "__add", OpSub: "__sub", OpMul: "__mul", OpDiv: "__div",
	OpMod: "__mod", OpPow: "__pow", OpUnm: tmUnm,
}

// Metatable returns v's metatable: a table's or userdata's own, the shared
// string metatable for strings, and nil otherwise.
func (th *Thread) Metatable(v Value) *Table {
	switch v.k {
	case KindTable:
		return v.AsTable().Metatable()
	case KindUserdata:
		return (*Userdata)(v.p).meta
	case KindString:
		return th.StringMeta
	}
	return nil
}

// metaOf returns the metamethod event of v, or nil (ltm.c luaT_gettmbyobj).
func (th *Thread) metaOf(v Value, event string) Value {
	if mt := th.Metatable(v); mt != nil {
		return mt.GetStr(event)
	}
	return Nil
}

// callMeta calls the metamethod tm with two arguments and returns its first
// result (ltm.c callTMres).
func (th *Thread) callMeta(tm, a, b Value) (Value, error) {
	fi := th.top
	if err := th.ensureStack(fi + 3 + MinStack); err != nil {
		return Nil, err
	}
	s := th.stack
	s[fi], s[fi+1], s[fi+2] = tm, a, b
	th.top = fi + 3
	th.markTop()
	if err := th.call(fi, 1, -1); err != nil {
		return Nil, err
	}
	v := th.stack[fi]
	th.stack[fi] = Nil
	th.top = fi
	return v, nil
}

// callMeta3 calls tm(a, b, c) for no result (lvm.c callTM, __newindex).
func (th *Thread) callMeta3(tm, a, b, c Value) error {
	fi := th.top
	if err := th.ensureStack(fi + 4 + MinStack); err != nil {
		return err
	}
	s := th.stack
	s[fi], s[fi+1], s[fi+2], s[fi+3] = tm, a, b, c
	th.top = fi + 4
	th.markTop()
	if err := th.call(fi, 0, -1); err != nil {
		return err
	}
	th.top = fi
	return nil
}

// Index returns obj[key] with __index metamethods, as the Lua expression
// obj[key] does.
func (th *Thread) Index(obj, key Value) (Value, error) {
	v, err := th.index(obj, key, -1)
	if err != nil {
		return Nil, th.toRuntimeError(len(th.frames)-1, err)
	}
	return v, nil
}

// SetIndex performs obj[key] = val with __newindex metamethods.
func (th *Thread) SetIndex(obj, key, val Value) error {
	if err := th.setIndex(obj, key, val, -1); err != nil {
		return th.toRuntimeError(len(th.frames)-1, err)
	}
	return nil
}

// index is luaV_gettable: t[k] following __index chains. reg is the
// register of t in the running Lua frame (for the error message), or -1.
func (th *Thread) index(t, k Value, reg int) (Value, error) {
	for loop := 0; loop < maxTagLoop; loop++ {
		var tm Value
		if t.k == KindTable {
			h := t.AsTable()
			v := h.Get(k)
			if !v.IsNil() {
				return v, nil
			}
			mt := h.Metatable()
			if mt == nil {
				return Nil, nil
			}
			if tm = mt.GetStr(tmIndex); tm.IsNil() {
				return Nil, nil
			}
		} else if tm = th.metaOf(t, tmIndex); tm.IsNil() {
			return Nil, th.typeError(t, reg, "index")
		}
		if tm.IsFunction() {
			return th.callMeta(tm, t, k)
		}
		t, reg = tm, -1
	}
	return Nil, errorf("loop in gettable")
}

// setIndex is luaV_settable: t[k] = v following __newindex chains.
func (th *Thread) setIndex(t, k, v Value, reg int) error {
	for loop := 0; loop < maxTagLoop; loop++ {
		var tm Value
		if t.k == KindTable {
			h := t.AsTable()
			mt := h.Metatable()
			if mt == nil || !h.Get(k).IsNil() {
				return h.Set(&th.meter, k, v)
			}
			if tm = mt.GetStr(tmNewindex); tm.IsNil() {
				return h.Set(&th.meter, k, v)
			}
			// Lua 5.1's luaV_settable does a primitive set (luaH_set)
			// before it looks at __newindex, so a nil or NaN key fails
			// at the assignment even when a metamethod would handle it.
			if k.k == KindNil {
				return ErrTableIndexNil
			}
			if k.k == KindFloat && k.AsFloat() != k.AsFloat() {
				return ErrTableIndexNaN
			}
		} else if tm = th.metaOf(t, tmNewindex); tm.IsNil() {
			return th.typeError(t, reg, "index")
		}
		if tm.IsFunction() {
			return th.callMeta3(tm, t, k, v)
		}
		t, reg = tm, -1
	}
	return errorf("loop in settable")
}

// arith is luaV_arith: numbers (and numeric strings) by Arith, else the
// metamethod of the first operand that has one, else an error naming the
// operand that is not a number. rb and rc are the operands' registers or
// -1 for constants.
func (th *Thread) arith(op Opcode, a, b Value, rb, rc int) (Value, error) {
	if v, ok := Arith(op, a, b); ok {
		return v, nil
	}
	event := arithEvents[op]
	tm := th.metaOf(a, event)
	if tm.IsNil() {
		tm = th.metaOf(b, event)
	}
	if tm.IsNil() {
		if _, ok := ToNumber(a); !ok {
			return Nil, th.typeError(a, rb, "perform arithmetic on")
		}
		return Nil, th.typeError(b, rc, "perform arithmetic on")
	}
	return th.callMeta(tm, a, b)
}

// Arith performs a binary arithmetic operation of the language (op is
// OpAdd ... OpPow, or OpUnm with b ignored) with metamethods.
func (th *Thread) Arith(op Opcode, a, b Value) (Value, error) {
	if op == OpUnm {
		b = a
	}
	if err := th.Step(coerceUnits(op, a, b)); err != nil {
		return Nil, err
	}
	v, err := th.arith(op, a, b, -1, -1)
	if err != nil {
		return Nil, th.toRuntimeError(len(th.frames)-1, err)
	}
	return v, nil
}

// ToNumber converts v to a number as [ToNumber] does, for code run on
// behalf of a script (tonumber, arguments of builtins): a string costs one
// instruction unit per 64 bytes, charged before it is scanned, as the
// VM's arithmetic coercion does. err is the limit error when the budget
// cannot pay.
func (th *Thread) ToNumber(v Value) (Value, bool, error) {
	if err := th.Step(strUnits(v)); err != nil {
		return Nil, false, err
	}
	n, ok := ToNumber(v)
	return n, ok, nil
}

// objLen is OpLen for values other than strings and tables: the __len
// metamethod, else an error.
func (th *Thread) objLen(v Value, reg int) (Value, error) {
	switch v.k {
	case KindString:
		return Int(int64(v.n)), nil
	case KindTable:
		return Int(v.AsTable().Len()), nil
	}
	tm := th.metaOf(v, tmLen)
	if tm.IsNil() {
		return Nil, th.typeError(v, reg, "get length of")
	}
	return th.callMeta(tm, v, Nil)
}

// Len returns the length of v as the # operator computes it.
func (th *Thread) Len(v Value) (Value, error) {
	r, err := th.objLen(v, -1)
	if err != nil {
		return Nil, th.toRuntimeError(len(th.frames)-1, err)
	}
	return r, nil
}

// compTM returns the metamethod event shared by two metatables (lvm.c
// get_compTM): mt1's, if mt2 is the same table or has a raw-equal one.
func compTM(mt1, mt2 *Table, event string) Value {
	if mt1 == nil {
		return Nil
	}
	tm1 := mt1.GetStr(event)
	if tm1.IsNil() {
		return Nil
	}
	if mt1 == mt2 {
		return tm1
	}
	if mt2 == nil {
		return Nil
	}
	if tm2 := mt2.GetStr(event); RawEqual(tm1, tm2) {
		return tm1
	}
	return Nil
}

// equal is luaV_equalval: a == b with __eq for two tables or two userdata.
func (th *Thread) equal(a, b Value) (bool, error) {
	if a.k != b.k {
		return a.IsNumber() && b.IsNumber() && NumEqual(a, b), nil
	}
	var tm Value
	switch a.k {
	case KindTable:
		if a.p == b.p {
			return true, nil
		}
		tm = compTM(a.AsTable().Metatable(), b.AsTable().Metatable(), tmEq)
	case KindUserdata:
		if a.p == b.p {
			return true, nil
		}
		tm = compTM((*Userdata)(a.p).meta, (*Userdata)(b.p).meta, tmEq)
	default:
		return RawEqual(a, b), nil
	}
	if tm.IsNil() {
		return false, nil
	}
	r, err := th.callMeta(tm, a, b)
	return r.Truthy(), err
}

// Equal reports whether a == b in Lua, calling __eq when needed.
func (th *Thread) Equal(a, b Value) (bool, error) {
	r, err := th.equal(a, b)
	if err != nil {
		return false, th.toRuntimeError(len(th.frames)-1, err)
	}
	return r, nil
}

// orderTM calls the order metamethod event for (a, b) when both operands
// have the same one (lvm.c call_orderTM); ok is false when they do not.
func (th *Thread) orderTM(a, b Value, event string) (res, ok bool, err error) {
	tm1 := th.metaOf(a, event)
	if tm1.IsNil() {
		return false, false, nil
	}
	if tm2 := th.metaOf(b, event); !RawEqual(tm1, tm2) {
		return false, false, nil
	}
	r, err := th.callMeta(tm1, a, b)
	return r.Truthy(), true, err
}

// lessThan is luaV_lessthan.
func (th *Thread) lessThan(a, b Value) (bool, error) {
	if a.IsNumber() && b.IsNumber() {
		return NumLess(a, b), nil
	}
	if a.k != b.k {
		return false, orderError(a, b)
	}
	if a.k == KindString {
		return a.AsString() < b.AsString(), nil
	}
	if r, ok, err := th.orderTM(a, b, tmLt); ok || err != nil {
		return r, err
	}
	return false, orderError(a, b)
}

// lessEqual is luaV_lessequal: __le, else not (b < a) by __lt.
func (th *Thread) lessEqual(a, b Value) (bool, error) {
	if a.IsNumber() && b.IsNumber() {
		return NumLessEq(a, b), nil
	}
	if a.k != b.k {
		return false, orderError(a, b)
	}
	if a.k == KindString {
		return a.AsString() <= b.AsString(), nil
	}
	if r, ok, err := th.orderTM(a, b, tmLe); ok || err != nil {
		return r, err
	}
	if r, ok, err := th.orderTM(b, a, tmLt); ok || err != nil {
		return !r, err
	}
	return false, orderError(a, b)
}

// LessThan reports whether a < b in Lua (numbers, strings, __lt).
func (th *Thread) LessThan(a, b Value) (bool, error) {
	r, err := th.lessThan(a, b)
	if err != nil {
		return false, th.toRuntimeError(len(th.frames)-1, err)
	}
	return r, nil
}

// LessEqual reports whether a <= b in Lua.
func (th *Thread) LessEqual(a, b Value) (bool, error) {
	r, err := th.lessEqual(a, b)
	if err != nil {
		return false, th.toRuntimeError(len(th.frames)-1, err)
	}
	return r, nil
}

// toStringCoerce returns the string form of a string or number operand of
// concatenation, charging the new string of a number.
func (th *Thread) toStringCoerce(v Value) (Value, bool, error) {
	switch v.k {
	case KindString:
		return v, true, nil
	case KindInt, KindFloat:
		s := FormatNumber(v)
		if err := th.meter.Charge(CostString(len(s))); err != nil {
			return Nil, false, err
		}
		return String(s), true, nil
	}
	return Nil, false, nil
}

// concat is luaV_concat over the registers first..last of the stack
// (absolute indices): runs of strings and numbers are joined at once, other
// pairs go through __concat, from right to left. The result is left in
// stack[first]. base is the running frame's base, for error names.
func (th *Thread) concat(base, first, last int) error {
	total := last - first + 1
	for total > 1 {
		top := last + 1
		s := th.stack
		x, y := s[top-2], s[top-1]
		n := 2
		xs := x.k == KindString || x.IsNumber()
		ys := y.k == KindString || y.IsNumber()
		switch {
		case !xs || !ys:
			tm := th.metaOf(x, tmConcat)
			if tm.IsNil() {
				tm = th.metaOf(y, tmConcat)
			}
			if tm.IsNil() {
				if xs {
					return th.typeError(y, top-1-base, "concatenate")
				}
				return th.typeError(x, top-2-base, "concatenate")
			}
			v, err := th.callMeta(tm, x, y)
			if err != nil {
				return err
			}
			th.stack[top-2] = v
		case y.k == KindString && y.n == 0:
			v, _, err := th.toStringCoerce(x)
			if err != nil {
				return err
			}
			s[top-2] = v
		default:
			// Coerce the longest run of strings and numbers ending at top-1
			// in place, then join it.
			tl := 0
			for n = 0; n < total; n++ {
				v, ok, err := th.toStringCoerce(s[top-1-n])
				if err != nil {
					return err
				}
				if !ok {
					break
				}
				s[top-1-n] = v
				tl += int(v.n)
			}
			if err := th.meter.Charge(CostString(tl)); err != nil {
				return err
			}
			buf := make([]byte, 0, tl)
			for j := top - n; j < top; j++ {
				buf = append(buf, s[j].AsString()...)
			}
			s[top-n] = String(unsafeString(buf))
		}
		total -= n - 1
		last -= n - 1
	}
	return nil
}

// ToString converts v to a string as tostring does: __tostring, numbers
// in Lua format, "table: 0x0010002a" style ids for objects.
func (th *Thread) ToString(v Value) (string, error) {
	if tm := th.metaOf(v, "__tostring"); !tm.IsNil() {
		r, err := th.callMeta(tm, v, Nil)
		if err != nil {
			return "", th.toRuntimeError(len(th.frames)-1, err)
		}
		if r.k == KindString {
			return r.AsString(), nil
		}
		if r.IsNumber() {
			return FormatNumber(r), nil
		}
		return "", th.Errorf("'__tostring' must return a string")
	}
	return ToStringRaw(v), nil
}

// ToStringRaw converts v to a string without metamethods.
func ToStringRaw(v Value) string {
	switch v.k {
	case KindNil:
		return "nil"
	case KindBool:
		if v.AsBool() {
			return "true"
		}
		return "false"
	case KindInt, KindFloat:
		return FormatNumber(v)
	case KindString:
		return v.AsString()
	case KindLuaFunction, KindGoFunction:
		return "function: " + hexID(v.ObjectID())
	}
	return v.TypeName() + ": " + hexID(v.ObjectID())
}

func hexID(id uint64) string {
	const digits = "0123456789abcdef"
	var buf [18]byte
	i := len(buf)
	for n := 0; n < 8 || id != 0; n++ {
		i--
		buf[i] = digits[id&15]
		id >>= 4
	}
	i--
	buf[i] = 'x'
	i--
	buf[i] = '0'
	return string(buf[i:])
}
