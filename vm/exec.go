package vm

import (
	"math"
	"unsafe"
)

// The execute loop.
//
// execute runs the Lua frame on top of th.frames, and every Lua frame it
// calls, until the frame that was entered from Go returns. Lua-to-Lua calls
// push a frame and continue in the same loop (no Go recursion), tail calls
// replace the caller's frame, and returns pop back into the caller. Go
// functions and metamethods are called through Thread.precall and
// Thread.call; only the latter nest Go stack frames, bounded by MaxCCalls.
//
// Metering: the loop keeps the instruction budget in a local countdown
// reserved from the Meter (at most checkInterval units at a time). Every
// dispatched instruction decrements it; when it reaches zero the loop
// commits the used units, looks at the context and reserves again, and an
// exhausted budget fails with the Meter's limit error. Before calling out
// to code that may use the meter (Go functions, metamethods) the loop
// commits what it used (syncOut) and reserves again afterwards (syncIn), so
// the count is exact at every instruction.
//
// An instruction whose work is not bounded by a constant pays for it in
// extra units: comparing or looking up a string key longer than 64 bytes
// costs one unit per 64 bytes, moving a variable number of values
// (OpVararg, OpReturn or OpSetList with B == 0, a tail call's arguments)
// one unit per 8 values, coercing a long string to a number one unit per
// 64 bytes, and naming a variable in an error message one unit per
// instruction scanned. The units are paid before the work, from the
// countdown when it has enough left, else through payExtra, which charges
// the Meter and fails with the limit error when the budget cannot pay: a
// run never ends past its budget. So no instruction does unbounded work
// for one unit, and the counts stay a function of the program and its
// input alone.
//
// Errors: every failing instruction jumps to the single exit at the end,
// which stores the pc and converts the error into a *RuntimeError carrying
// the running instruction's position (limit errors pass unchanged).

// syncOut commits the instructions executed since the last reservation.
func (th *Thread) syncOut(budget int64) {
	if used := th.granted - budget; used > 0 {
		th.meter.instrUsed += used
		th.sinceDone += used
	}
	th.granted = 0
}

// syncIn reserves a new countdown for the loop. The countdown ends where
// the next look at the context is due, counting the instructions and
// builtin units since the last look (sinceDone), so that a loop which calls
// out more often than every checkInterval instructions still sees a
// cancelled context in time.
func (th *Thread) syncIn() int64 {
	b := th.meter.Reserve(max(checkInterval-th.sinceDone, 1))
	th.granted = b
	return b
}

// refill is the slow path of the countdown: commit, check the context,
// reserve again; an exhausted budget is an error.
func (th *Thread) refill(budget int64) (int64, error) {
	th.syncOut(budget)
	if err := th.checkContext(); err != nil {
		return 0, err
	}
	th.sinceDone = 0
	b := th.syncIn()
	if b <= 0 {
		return 0, th.meter.Step(1)
	}
	return b, nil
}

// payExtra is the slow path of an instruction's extra units (long
// strings, long value lists), taken when they exceed what is left of the
// countdown: it commits the countdown, charges the units to the Meter,
// which refuses them with the limit error when the budget cannot pay, and
// reserves a new countdown. The instruction fails before doing its work,
// so a run never uses more units than its budget, and the units are
// charged in full whichever path pays them.
func (th *Thread) payExtra(budget, units int64) (int64, error) {
	th.syncOut(budget)
	if err := th.meter.Step(units); err != nil {
		return 0, err
	}
	th.sinceDone += units
	return th.syncIn(), nil
}

// longString is the length beyond which comparing or hashing a string
// costs instruction units: one per longString bytes, so that comparisons
// of long strings in a loop cannot do unbounded work per instruction.
const longString = 64

// valuesPerUnit is how many values an instruction that moves a variable
// number of them (OpVararg, OpReturn and OpSetList of all values, a tail
// call's arguments) moves per extra instruction unit.
const valuesPerUnit = 8

// coerceUnits returns the extra units of converting the string operands
// of an arithmetic instruction to numbers (lvm.c luaV_tonumber), one per
// longString bytes of each, so that "n + s" with a long numeric string
// (surrounding white space is allowed) does not scan it for one unit. For
// OpUnm, b is the only operand.
func coerceUnits(op Opcode, b, c Value) int64 {
	if op == OpUnm {
		return strUnits(b)
	}
	return strUnits(b) + strUnits(c)
}

// strUnits returns the extra units of scanning v when it is a string: one
// per longString bytes.
func strUnits(v Value) int64 {
	if v.k == KindString {
		return int64(v.n / longString)
	}
	return 0
}

// rkv returns RK(x).
func rkv(regs, consts []Value, x int) Value {
	if x&BitRK != 0 {
		return consts[x&^BitRK]
	}
	return regs[x]
}

// rkReg returns the register of an RK operand, or -1 for a constant.
func rkReg(x int) int {
	if x&BitRK != 0 {
		return -1
	}
	return x
}

// fb2int decodes a table size hint ("floating point byte", lobject.c
// luaO_fb2int).
func fb2int(x int) int {
	e := (x >> 3) & 31
	if e == 0 {
		return x
	}
	return ((x & 7) + 8) << (e - 1)
}

func unsafeString(b []byte) string { return unsafe.String(unsafe.SliceData(b), len(b)) }

// execute runs Lua frames from the top frame until the frame that was
// called from Go returns. See the comment at the top of the file.
func (th *Thread) execute() (err error) {
	budget := th.syncIn()
	// The state of the running frame, kept to a few words: everything
	// live across the loop's back edge costs a register or a spill on
	// every instruction. The frame is always the top of th.frames; its
	// prototype, frame size and constant hashes are read from fs.cl when a
	// rarer instruction needs them.
	var (
		fs   execFrame
		pc   int
		regs []Value
	)
newFrame:
	{
		f := &th.frames[len(th.frames)-1]
		fs.cl = f.cl
		fs.base = f.base
		pc = f.pc
	}
	fs.code = fs.cl.Proto.Code
	fs.consts = fs.cl.Proto.Consts
	regs = th.stack[fs.base : fs.base+fs.cl.Proto.MaxStackSize]

	for {
		if budget <= 0 {
			if budget, err = th.refill(budget); err != nil {
				goto fail
			}
		}
		budget--
		i := fs.code[pc]
		pc++
		switch i.Op() {
		case OpMove:
			regs[i.A()] = regs[i.B()]

		case OpLoadK:
			regs[i.A()] = fs.consts[i.Bx()]

		case OpLoadBool:
			regs[i.A()] = Bool(i.B() != 0)
			if i.C() != 0 {
				pc++
			}

		case OpLoadNil:
			for r, b := i.A(), i.B(); r <= b; r++ {
				regs[r] = Nil
			}

		case OpGetUpval:
			regs[i.A()] = *fs.cl.upvals[i.B()].v

		case OpSetUpval:
			*fs.cl.upvals[i.B()].v = regs[i.A()]

		case OpGetGlobal:
			key := fs.consts[i.Bx()]
			if key.k == KindString && key.n > longString { // a long name, as in OpGetTable
				if x := int64(key.n / longString); x <= budget {
					budget -= x
				} else if budget, err = th.payExtra(budget, x); err != nil {
					goto fail
				}
			}
			env := fs.cl.env
			var v Value
			if bx, kh := i.Bx(), fs.cl.Proto.constHashes(); key.k == KindString && bx < len(kh) {
				if len(env.nodes) != 0 {
					v = env.getStrHashed(key.AsString(), kh[bx])
				}
			} else {
				v = env.Get(key)
			}
			if v.IsNil() && env.Metatable() != nil {
				th.frames[len(th.frames)-1].pc = pc
				th.syncOut(budget)
				v, err = th.index(TableValue(env), key, -1)
				budget = th.syncIn()
				regs = th.stack[fs.base : fs.base+fs.cl.Proto.MaxStackSize]
				if err != nil {
					goto fail
				}
			}
			regs[i.A()] = v

		case OpSetGlobal:
			key := fs.consts[i.Bx()]
			if key.k == KindString && key.n > longString { // a long name, as in OpGetTable
				if x := int64(key.n / longString); x <= budget {
					budget -= x
				} else if budget, err = th.payExtra(budget, x); err != nil {
					goto fail
				}
			}
			env := fs.cl.env
			if env.Metatable() == nil {
				err = env.Set(&th.meter, key, regs[i.A()])
			} else {
				th.frames[len(th.frames)-1].pc = pc
				th.syncOut(budget)
				err = th.setIndex(TableValue(env), key, regs[i.A()], -1)
				budget = th.syncIn()
				regs = th.stack[fs.base : fs.base+fs.cl.Proto.MaxStackSize]
			}
			if err != nil {
				goto fail
			}

		case OpGetTable:
			t := regs[i.B()]
			key := rkv(regs, fs.consts, i.C())
			if key.k == KindString && key.n > longString {
				if x := int64(key.n / longString); x <= budget {
					budget -= x
				} else if budget, err = th.payExtra(budget, x); err != nil {
					goto fail
				}
			}
			if t.k == KindTable {
				h := (*Table)(t.p)
				var v Value
				if c, kh := i.C(), fs.cl.Proto.constHashes(); c&BitRK != 0 && key.k == KindString && c&^BitRK < len(kh) {
					if len(h.nodes) != 0 {
						v = h.getStrHashed(key.AsString(), kh[c&^BitRK])
					}
				} else {
					v = h.Get(key)
				}
				if !v.IsNil() || h.Metatable() == nil {
					regs[i.A()] = v
					continue
				}
			}
			th.frames[len(th.frames)-1].pc = pc
			th.syncOut(budget)
			v, e := th.index(t, key, i.B())
			budget = th.syncIn()
			regs = th.stack[fs.base : fs.base+fs.cl.Proto.MaxStackSize]
			if e != nil {
				err = e
				goto fail
			}
			regs[i.A()] = v

		case OpSetTable:
			t := regs[i.A()]
			key := rkv(regs, fs.consts, i.B())
			val := rkv(regs, fs.consts, i.C())
			if key.k == KindString && key.n > longString {
				if x := int64(key.n / longString); x <= budget {
					budget -= x
				} else if budget, err = th.payExtra(budget, x); err != nil {
					goto fail
				}
			}
			if t.k == KindTable {
				h := (*Table)(t.p)
				if h.Metatable() == nil {
					if err = h.Set(&th.meter, key, val); err != nil {
						goto fail
					}
					continue
				}
			}
			th.frames[len(th.frames)-1].pc = pc
			th.syncOut(budget)
			err = th.setIndex(t, key, val, i.A())
			budget = th.syncIn()
			regs = th.stack[fs.base : fs.base+fs.cl.Proto.MaxStackSize]
			if err != nil {
				goto fail
			}

		case OpNewTable:
			t, e := th.NewTable(fb2int(i.B()), fb2int(i.C()))
			if e != nil {
				err = e
				goto fail
			}
			regs[i.A()] = TableValue(t)

		case OpSelf:
			a := i.A()
			obj := regs[i.B()]
			key := rkv(regs, fs.consts, i.C())
			if key.k == KindString && key.n > longString {
				if x := int64(key.n / longString); x <= budget {
					budget -= x
				} else if budget, err = th.payExtra(budget, x); err != nil {
					goto fail
				}
			}
			regs[a+1] = obj
			if obj.k == KindTable {
				h := (*Table)(obj.p)
				if v := h.Get(key); !v.IsNil() || h.Metatable() == nil {
					regs[a] = v
					continue
				}
			} else if obj.k == KindString && th.StringMeta != nil {
				// s:method(...): the string library through the string
				// metatable's __index table, without the generic path.
				if idx := th.StringMeta.GetStr(tmIndex); idx.k == KindTable {
					if v := (*Table)(idx.p).Get(key); !v.IsNil() {
						regs[a] = v
						continue
					}
				}
			}
			th.frames[len(th.frames)-1].pc = pc
			th.syncOut(budget)
			v, e := th.index(obj, key, i.B())
			budget = th.syncIn()
			regs = th.stack[fs.base : fs.base+fs.cl.Proto.MaxStackSize]
			if e != nil {
				err = e
				goto fail
			}
			regs[a] = v

		case OpAdd:
			b, c := rkv(regs, fs.consts, i.B()), rkv(regs, fs.consts, i.C())
			if b.k == KindInt && c.k == KindInt {
				if r, ok := addInt(int64(b.n), int64(c.n)); ok {
					regs[i.A()] = Value{k: KindInt, n: uint64(r)}
					continue
				}
			} else if b.k == KindFloat && c.k == KindFloat {
				regs[i.A()] = Float(b.AsFloat() + c.AsFloat())
				continue
			}
			goto arith

		case OpSub:
			b, c := rkv(regs, fs.consts, i.B()), rkv(regs, fs.consts, i.C())
			if b.k == KindInt && c.k == KindInt {
				if r, ok := subInt(int64(b.n), int64(c.n)); ok {
					regs[i.A()] = Value{k: KindInt, n: uint64(r)}
					continue
				}
			} else if b.k == KindFloat && c.k == KindFloat {
				regs[i.A()] = Float(b.AsFloat() - c.AsFloat())
				continue
			}
			goto arith

		case OpMul:
			b, c := rkv(regs, fs.consts, i.B()), rkv(regs, fs.consts, i.C())
			if b.k == KindInt && c.k == KindInt {
				if r, ok := mulInt(int64(b.n), int64(c.n)); ok {
					regs[i.A()] = Value{k: KindInt, n: uint64(r)}
					continue
				}
			} else if b.k == KindFloat && c.k == KindFloat {
				regs[i.A()] = Float(b.AsFloat() * c.AsFloat())
				continue
			}
			goto arith

		case OpDiv:
			b, c := rkv(regs, fs.consts, i.B()), rkv(regs, fs.consts, i.C())
			if b.k == KindFloat && c.k == KindFloat {
				regs[i.A()] = Float(b.AsFloat() / c.AsFloat())
				continue
			}
			goto arith

		case OpMod, OpPow:
			goto arith

		case OpUnm:
			b := regs[i.B()]
			if b.k == KindInt {
				if r, ok := negInt(int64(b.n)); ok {
					regs[i.A()] = Int(r)
					continue
				}
			} else if b.k == KindFloat {
				regs[i.A()] = Float(-b.AsFloat())
				continue
			}
			goto arith

		case OpNot:
			regs[i.A()] = Bool(!regs[i.B()].Truthy())

		case OpLen:
			b := regs[i.B()]
			switch b.k {
			case KindString:
				regs[i.A()] = Int(int64(b.n))
			case KindTable:
				regs[i.A()] = Int((*Table)(b.p).Len())
			default:
				th.frames[len(th.frames)-1].pc = pc
				th.syncOut(budget)
				v, e := th.objLen(b, i.B())
				budget = th.syncIn()
				regs = th.stack[fs.base : fs.base+fs.cl.Proto.MaxStackSize]
				if e != nil {
					err = e
					goto fail
				}
				regs[i.A()] = v
			}

		case OpConcat:
			th.frames[len(th.frames)-1].pc = pc
			th.syncOut(budget)
			err = th.concat(fs.base, fs.base+i.B(), fs.base+i.C())
			budget = th.syncIn()
			regs = th.stack[fs.base : fs.base+fs.cl.Proto.MaxStackSize]
			if err != nil {
				goto fail
			}
			regs[i.A()] = regs[i.B()]

		case OpJmp:
			pc += i.SBx()

		case OpEq:
			b, c := rkv(regs, fs.consts, i.B()), rkv(regs, fs.consts, i.C())
			var eq bool
			if b.k == c.k && b.k <= KindInt {
				eq = b.n == c.n
			} else if b.k == KindString && c.k == KindString {
				eq = b.n == c.n && b.p == c.p
				if !eq && b.n == c.n {
					if x := int64(b.n / longString); x <= budget {
						budget -= x
					} else if budget, err = th.payExtra(budget, x); err != nil {
						goto fail
					}
					eq = b.AsString() == c.AsString()
				}
			} else if (b.k != KindTable && b.k != KindUserdata) || b.k != c.k {
				eq = RawEqual(b, c)
			} else {
				th.frames[len(th.frames)-1].pc = pc
				th.syncOut(budget)
				eq, err = th.equal(b, c)
				budget = th.syncIn()
				regs = th.stack[fs.base : fs.base+fs.cl.Proto.MaxStackSize]
				if err != nil {
					goto fail
				}
			}
			if eq != (i.A() != 0) {
				pc++
			} else if budget > 0 {
				pc += 1 + fs.code[pc].SBx() // run the jump now, for its unit
				budget--
			} // else the loop runs the jump, and stops there if the budget is spent

		case OpLt, OpLe:
			b, c := rkv(regs, fs.consts, i.B()), rkv(regs, fs.consts, i.C())
			var r bool
			if b.k == KindInt && c.k == KindInt {
				if i.Op() == OpLt {
					r = int64(b.n) < int64(c.n)
				} else {
					r = int64(b.n) <= int64(c.n)
				}
			} else if b.IsNumber() && c.IsNumber() {
				if i.Op() == OpLt {
					r = NumLess(b, c)
				} else {
					r = NumLessEq(b, c)
				}
			} else {
				if b.k == KindString && c.k == KindString {
					if x := int64(min(b.n, c.n) / longString); x <= budget {
						budget -= x
					} else if budget, err = th.payExtra(budget, x); err != nil {
						goto fail
					}
				}
				th.frames[len(th.frames)-1].pc = pc
				th.syncOut(budget)
				if i.Op() == OpLt {
					r, err = th.lessThan(b, c)
				} else {
					r, err = th.lessEqual(b, c)
				}
				budget = th.syncIn()
				regs = th.stack[fs.base : fs.base+fs.cl.Proto.MaxStackSize]
				if err != nil {
					goto fail
				}
			}
			if r != (i.A() != 0) {
				pc++
			} else if budget > 0 {
				pc += 1 + fs.code[pc].SBx()
				budget--
			}

		case OpTest:
			if regs[i.A()].Truthy() != (i.C() != 0) {
				pc++
			} else if budget > 0 {
				pc += 1 + fs.code[pc].SBx()
				budget--
			}

		case OpTestSet:
			if b := regs[i.B()]; b.Truthy() != (i.C() != 0) {
				pc++
			} else {
				regs[i.A()] = b
				if budget > 0 {
					pc += 1 + fs.code[pc].SBx()
					budget--
				}
			}

		case OpCall:
			a, b := i.A(), i.B()
			fn := fs.base + a
			if b != 0 {
				th.top = fn + b
			}
			nres := i.C() - 1
			th.frames[len(th.frames)-1].pc = pc
			if callee := th.stack[fn]; callee.k == KindLuaFunction {
				if th.enterLua((*Closure)(callee.p), fn, nres) {
					goto newFrame
				}
				if _, err = th.precall(fn, nres, a, false); err != nil {
					goto fail
				}
				goto newFrame
			} else if callee.k == KindGoFunction {
				if v, units, ok := th.fastCall((*GoFunction)(callee.p), fn, budget); ok {
					budget -= units
					regs[a] = v
					for j := 1; j < nres; j++ {
						regs[a+j] = Nil
					}
					if nres >= 0 {
						th.top = fs.base + fs.cl.Proto.MaxStackSize
					} else {
						th.top = fn + 1
					}
					continue
				}
			}
			th.syncOut(budget)
			isLua, e := th.precall(fn, nres, a, false)
			budget = th.syncIn()
			if e != nil {
				err = e
				goto fail
			}
			if isLua { // a __call metamethod written in Lua
				goto newFrame
			}
			regs = th.stack[fs.base : fs.base+fs.cl.Proto.MaxStackSize]
			if nres >= 0 {
				th.top = fs.base + fs.cl.Proto.MaxStackSize
			}

		case OpTailCall:
			a, b := i.A(), i.B()
			fn := fs.base + a
			if b != 0 {
				th.top = fn + b
			}
			th.frames[len(th.frames)-1].pc = pc
			if th.stack[fn].k == KindLuaFunction {
				n := th.top - fn
				if x := int64(n / valuesPerUnit); x <= budget {
					budget -= x
				} else if budget, err = th.payExtra(budget, x); err != nil {
					goto fail
				}
				th.closeUpvals(fs.base)
				fi := len(th.frames) - 1
				f := th.frames[fi]
				copy(th.stack[f.fn:], th.stack[fn:th.top])
				th.top = f.fn + n
				th.frames = th.frames[:fi]
				if _, err = th.precall(f.fn, f.nres, -1, f.fromGo); err != nil {
					goto failPopped
				}
				th.frames[len(th.frames)-1].tail = true
				goto newFrame
			}
			// A Go function (or __call): call it for all results; the
			// OpReturn that follows returns them.
			if callee := th.stack[fn]; callee.k == KindGoFunction {
				if v, units, ok := th.fastCall((*GoFunction)(callee.p), fn, budget); ok {
					budget -= units
					regs[a] = v
					th.top = fn + 1
					continue
				}
			}
			th.syncOut(budget)
			isLua, e := th.precall(fn, -1, a, false)
			budget = th.syncIn()
			if e != nil {
				err = e
				goto fail
			}
			if isLua {
				goto newFrame
			}
			regs = th.stack[fs.base : fs.base+fs.cl.Proto.MaxStackSize]

		case OpReturn:
			a, b := i.A(), i.B()
			first := fs.base + a
			n := b - 1
			if b == 0 {
				n = th.top - first
				if x := int64(n / valuesPerUnit); x <= budget {
					budget -= x
				} else if budget, err = th.payExtra(budget, x); err != nil {
					goto fail
				}
			}
			if th.openUpvals != nil {
				th.closeUpvals(fs.base)
			}
			fi := len(th.frames) - 1
			f := &th.frames[fi]
			dst, nres, fromGo := f.fn, f.nres, f.fromGo
			moveValues(th.stack[dst:dst+n], th.stack[first:first+n])
			if nres >= 0 {
				for j := n; j < nres; j++ {
					th.stack[dst+j] = Nil
				}
				n = nres
			}
			th.frames = th.frames[:fi]
			if fromGo {
				th.top = dst + n
				th.syncOut(budget)
				return nil
			}
			th.top = dst + n
			// Resume the caller.
			f = &th.frames[fi-1]
			fs.cl = f.cl
			fs.base = f.base
			pc = f.pc
			fs.code = fs.cl.Proto.Code
			fs.consts = fs.cl.Proto.Consts
			regs = th.stack[fs.base : fs.base+fs.cl.Proto.MaxStackSize]
			if nres >= 0 {
				th.top = fs.base + fs.cl.Proto.MaxStackSize
			}
			if fs.code[pc-1].Op() == OpTForLoop {
				a := fs.code[pc-1].A()
				if v := regs[a+3]; !v.IsNil() {
					regs[a+2] = v
				} else {
					pc++
				}
			}

		case OpForLoop:
			a := i.A()
			idx, limit, step := regs[a], regs[a+1], regs[a+2]
			if idx.k == KindInt {
				if r, again := forStepInt(int64(idx.n), int64(step.n), int64(limit.n)); again {
					regs[a] = Value{k: KindInt, n: uint64(r)}
					regs[a+3] = regs[a]
					pc += i.SBx()
				}
			} else if x, again := forStepFloat(idx.AsFloat(), step.AsFloat(), limit.AsFloat()); again {
				regs[a] = Float(x)
				regs[a+3] = regs[a]
				pc += i.SBx()
			}

		case OpForPrep:
			a := i.A()
			if x := strUnits(regs[a]) + strUnits(regs[a+1]) + strUnits(regs[a+2]); x <= budget {
				budget -= x
			} else if budget, err = th.payExtra(budget, x); err != nil {
				goto fail
			}
			init, ok1 := ToNumber(regs[a])
			limit, ok2 := ToNumber(regs[a+1])
			step, ok3 := ToNumber(regs[a+2])
			switch {
			case !ok1:
				err = errorf("'for' initial value must be a number")
			case !ok2:
				err = errorf("'for' limit must be a number")
			case !ok3:
				err = errorf("'for' step must be a number")
			}
			if err != nil {
				goto fail
			}
			regs[a], regs[a+1], regs[a+2] = forPrep(init, limit, step)
			pc += i.SBx()

		case OpTForLoop:
			a := i.A()
			cb := fs.base + a + 3
			th.frames[len(th.frames)-1].pc = pc
			if err = th.ensureStack(cb + 3 + MinStack); err != nil {
				goto fail
			}
			regs = th.stack[fs.base : fs.base+fs.cl.Proto.MaxStackSize]
			s := th.stack
			s[cb], s[cb+1], s[cb+2] = regs[a], regs[a+1], regs[a+2]
			th.top = cb + 3
			th.markTop()
			th.frames[len(th.frames)-1].pc = pc
			th.syncOut(budget)
			isLua, e := th.precall(cb, i.C(), a+3, false)
			budget = th.syncIn()
			if e != nil {
				err = e
				goto fail
			}
			if isLua {
				goto newFrame // OpReturn finishes the instruction
			}
			regs = th.stack[fs.base : fs.base+fs.cl.Proto.MaxStackSize]
			th.top = fs.base + fs.cl.Proto.MaxStackSize
			if v := regs[a+3]; !v.IsNil() {
				regs[a+2] = v
			} else {
				pc++
			}

		case OpSetList:
			a, n, c := i.A(), i.B(), i.C()
			if n == 0 {
				n = th.top - (fs.base + a) - 1
				if x := int64(n / valuesPerUnit); x <= budget {
					budget -= x
				} else if budget, err = th.payExtra(budget, x); err != nil {
					goto fail
				}
			}
			if c == 0 {
				c = int(fs.code[pc])
				pc++
			}
			h := (*Table)(regs[a].p)
			first := int64(c-1) * FieldsPerFlush
			if last := int(first) + n; last > len(h.arr) {
				// Pre-size the array part as lvm.c does, so that # of
				// {...} with holes is what lua5.1 computes.
				if err = h.ResizeArray(&th.meter, last); err != nil {
					goto fail
				}
			}
			s := th.stack[fs.base+a+1 : fs.base+a+1+n]
			for j, v := range s {
				if err = h.SetInt(&th.meter, first+int64(j)+1, v); err != nil {
					goto fail
				}
			}
			th.top = fs.base + fs.cl.Proto.MaxStackSize

		case OpClose:
			th.closeUpvals(fs.base + i.A())

		case OpClosure:
			np := fs.cl.Proto.Protos[i.Bx()]
			if err = th.meter.Charge(CostClosure(len(np.Upvals))); err != nil {
				goto fail
			}
			ncl := &Closure{id: th.newID(), Proto: np, env: fs.cl.env}
			if len(np.Upvals) > 0 {
				ncl.upvals = make([]*Upvalue, len(np.Upvals))
				for j, d := range np.Upvals {
					if d.InStack {
						if ncl.upvals[j], err = th.findUpval(fs.base + d.Index); err != nil {
							goto fail
						}
					} else {
						ncl.upvals[j] = fs.cl.upvals[d.Index]
					}
				}
			}
			regs[i.A()] = ClosureValue(ncl)

		case OpVararg:
			a, b := i.A(), i.B()
			nvar := th.frames[len(th.frames)-1].nvarargs
			n := b - 1
			if b == 0 {
				n = nvar
				th.frames[len(th.frames)-1].pc = pc
				if err = th.ensureStack(fs.base + a + n + MinStack); err != nil {
					goto fail
				}
				regs = th.stack[fs.base : fs.base+fs.cl.Proto.MaxStackSize]
				th.top = fs.base + a + n
				th.markTop()
			}
			if x := int64(n / valuesPerUnit); x <= budget {
				budget -= x
			} else if budget, err = th.payExtra(budget, x); err != nil {
				goto fail
			}
			s := th.stack
			for j := 0; j < n; j++ {
				if j < nvar {
					s[fs.base+a+j] = s[fs.base-nvar+j]
				} else {
					s[fs.base+a+j] = Nil
				}
			}

		case OpField:
			ref := fs.cl.Proto.Fields[i.C()]
			obj := regs[i.B()]
			if obj.p == unsafe.Pointer(&th.eventUD) && th.event != nil {
				v, msg := eventGet(th.event, ref.Kind, ref.ID)
				if msg != "" {
					err = &luaError{msg}
					goto fail
				}
				regs[i.A()] = v
				continue
			}
			th.frames[len(th.frames)-1].pc = pc
			th.syncOut(budget)
			v, e := th.fieldSlow(obj, i.B(), ref)
			budget = th.syncIn()
			regs = th.stack[fs.base : fs.base+fs.cl.Proto.MaxStackSize]
			if e != nil {
				err = e
				goto fail
			}
			regs[i.A()] = v

		default:
			err = errorf("invalid instruction %d", i.Op())
			goto fail
		}
		continue

	arith:
		// The slow path of arithmetic: coercion, overflow, metamethods.
		{
			i := fs.code[pc-1]
			op := i.Op()
			var b, c Value
			rb, rc := -1, -1
			if op == OpUnm {
				b, rb = regs[i.B()], i.B()
				c, rc = b, rb
			} else {
				b, rb = rkv(regs, fs.consts, i.B()), rkReg(i.B())
				c, rc = rkv(regs, fs.consts, i.C()), rkReg(i.C())
			}
			if x := coerceUnits(op, b, c); x <= budget {
				budget -= x
			} else if budget, err = th.payExtra(budget, x); err != nil {
				goto fail
			}
			if v, ok := Arith(op, b, c); ok {
				regs[i.A()] = v
				continue
			}
			th.frames[len(th.frames)-1].pc = pc
			th.syncOut(budget)
			v, e := th.arith(op, b, c, rb, rc)
			budget = th.syncIn()
			regs = th.stack[fs.base : fs.base+fs.cl.Proto.MaxStackSize]
			if e != nil {
				err = e
				goto fail
			}
			regs[i.A()] = v
		}
	}

fail:
	if n := len(th.frames); n > 0 && th.frames[n-1].cl == fs.cl {
		th.frames[n-1].pc = pc
	}
failPopped: // a failed tail call has popped the frame whose pc it would store
	th.syncOut(budget)
	return th.toRuntimeError(len(th.frames)-1, err)
}

// enterLua is precall's Lua-function case for the common call from Lua:
// fixed parameters, and a stack and frame stack that already hold the new
// frame within the run's high-water marks, so that nothing is charged or
// grown. It pushes the frame and reports true, or reports false having
// changed nothing, and precall does the rest.
func (th *Thread) enterLua(cl *Closure, fn, nres int) bool {
	p := cl.Proto
	base := fn + 1
	nf := len(th.frames) + 1
	if p.IsVararg || base+p.MaxStackSize+1 > th.stackHW || base+p.MaxStackSize+1 > len(th.stack) ||
		nf > th.frameHW || nf > cap(th.frames) {
		return false
	}
	s := th.stack[:base+p.MaxStackSize]
	for j := base + min(th.top-base, p.NumParams); j < len(s); j++ {
		s[j] = Nil
	}
	th.frames = th.frames[:nf]
	th.frames[nf-1] = frame{cl: cl, fn: fn, base: base, nres: nres}
	th.top = len(s)
	th.markTop()
	return true
}

// fastCall tries the frameless form of the Go function gf called at
// stack[fn] with the arguments up to th.top (see FastFunc). It first
// charges what the general path's precall would, in the same order: the
// stack it reserves for the function (MinStack slots above the arguments)
// and its frame, each only beyond the run's high-water mark. A call that
// would need the stack to grow, or whose charge the budget refuses, is left
// to the general path, which grows the stack or reports the limit error; a
// high-water mark raised here is not charged again there. So the charges
// of a run are the same whichever path each call takes.
func (th *Thread) fastCall(gf *GoFunction, fn int, budget int64) (Value, int64, bool) {
	nargs := th.top - fn - 1
	if gf.Fast == nil || nargs > MaxFastArgs {
		return Nil, 0, false
	}
	if need := th.top + MinStack; need > th.stackHW {
		if need > len(th.stack) || !th.meter.TryCharge(CostValues(need-th.stackHW)) {
			return Nil, 0, false
		}
		th.stackHW = need
	}
	if nf := len(th.frames) + 1; nf > th.frameHW {
		if nf > MaxCalls || !th.meter.TryCharge(CostFrame) {
			return Nil, 0, false
		}
		th.frameHW = nf
	}
	args := FastArgs{N: nargs}
	for j := range nargs { // stores to the Go stack: no write barriers, unlike copy
		args.V[j] = th.stack[fn+1+j]
	}
	v, units, bytes, ok := gf.Fast(args, budget, th.meter.bytesMax-th.meter.bytesUsed)
	if !ok {
		return Nil, 0, false
	}
	if units > budget || !th.meter.TryCharge(bytes) {
		panic("kestrel-lua: " + gf.Name + ": FastFunc used more than its budget")
	}
	return v, units, true
}

// execFrame is the state of the running frame that execute reads less
// often than every instruction. A struct of more than four fields is not
// split into SSA values by the Go compiler: it stays in execute's stack
// frame and is read where used, instead of being moved between registers
// and spill slots at the top of every iteration.
type execFrame struct {
	cl     *Closure
	code   []Instruction
	consts []Value
	base   int
}

// The fast paths of arithmetic on two integers (lvm.c's arith_op, with
// kestrel-lua's integer subtype): the result, and whether it is exact in
// int64 and an integer in Lua's semantics; otherwise the slow path
// computes in floats. Small enough to inline, and shared by the
// interpreter and Leaf, with forStepInt and forStepFloat.

func addInt(x, y int64) (int64, bool) {
	r := x + y
	return r, (r^x)&(r^y) >= 0
}

func subInt(x, y int64) (int64, bool) {
	r := x - y
	return r, (x^y)&(r^x) >= 0
}

// mulInt: operands within int32 cannot overflow int64; a zero product
// with a negative operand is -0 in Lua 5.1, a float (Arith).
func mulInt(x, y int64) (int64, bool) {
	r := x * y
	return r, uint64(x+1<<31) < 1<<32 && uint64(y+1<<31) < 1<<32 && (r != 0 || x >= 0 && y >= 0)
}

// negInt: -0 is a float, and the minimum has no negation.
func negInt(x int64) (int64, bool) { return -x, x != math.MinInt64 && x != 0 }

// forStepInt and forStepFloat are OP_FORLOOP's step on the prepared
// control values (forPrep): the loop variable's next value and whether the
// loop goes on. An integer loop ends when the step would overflow: past
// any int64 limit.
func forStepInt(x, step, limit int64) (int64, bool) {
	r := x + step
	return r, (r^x)&(r^step) >= 0 && (step > 0 && r <= limit || step <= 0 && limit <= r)
}

func forStepFloat(x, step, limit float64) (float64, bool) {
	x += step
	return x, 0 < step && x <= limit || step <= 0 && limit <= x
}

// forPrep returns the prepared control values of a numeric for loop (lvm.c
// OP_FORPREP): the loop runs on integers when initial value, limit and step
// are all integers and init-step does not overflow, else on floats. An
// integer loop with a float limit uses the limit rounded toward the start
// when it lies within int64.
func forPrep(init, limit, step Value) (Value, Value, Value) {
	if init.k == KindInt && step.k == KindInt {
		x, s := init.AsInt(), step.AsInt()
		lim, ok := int64(0), true
		if limit.k == KindInt {
			lim = limit.AsInt()
		} else {
			f := limit.AsFloat()
			if s > 0 {
				f = math.Floor(f)
			} else {
				f = math.Ceil(f)
			}
			if f >= -9223372036854775808 && f < 9223372036854775808 {
				lim = int64(f)
			} else {
				ok = false
			}
		}
		if d := x - s; ok && (x^s)&(d^x) >= 0 {
			return Int(d), Int(lim), Int(s)
		}
	}
	x, _ := init.ToFloat()
	l, _ := limit.ToFloat()
	s, _ := step.ToFloat()
	return Float(x - s), Float(l), Float(s)
}
