package compiler

import (
	"math"

	"github.com/kestrel-runtime/lua/ast"
	"github.com/kestrel-runtime/lua/vm"
)

// This file is the code generator proper, in the manner of Lua 5.1's
// lcode.c: instruction emission, jump lists, register allocation and the
// transformations of expression descriptors.

// expKind says where the value of an expression is (lparser.h expkind).
type expKind uint8

const (
	vVoid      expKind = iota // no value (empty expression list)
	vNil                      // nil constant
	vTrue                     // true constant
	vFalse                    // false constant
	vK                        // info = index of a constant
	vKNum                     // nval = numeric constant (not yet in the table)
	vLocal                    // info = local register
	vUpval                    // info = upvalue index
	vGlobal                   // info = constant index of the name
	vIndexed                  // info = table register, aux = RK key
	vJmp                      // info = pc of the test's jump
	vRelocable                // info = pc of an instruction whose A is still free
	vNonReloc                 // info = register holding the value
	vCall                     // info = pc of the OpCall
	vVararg                   // info = pc of the OpVararg
)

// expdesc is an expression descriptor (lparser.h expdesc): where an
// expression's value is, plus its pending true (t) and false (f) jump
// lists. pos is the source position of the construct, given to the
// instruction that eventually fetches the value.
type expdesc struct {
	k    expKind
	info int
	aux  int
	nval vm.Value
	t, f int
	pos  vm.Pos
}

func (e *expdesc) init(k expKind, info int) {
	e.k, e.info, e.aux, e.t, e.f = k, info, 0, noJump, noJump
}

func (e *expdesc) hasJumps() bool { return e.t != e.f }

func hasMultRet(k expKind) bool { return k == vCall || k == vVararg }

// isNumeral reports whether e is a numeric constant without jumps, a
// candidate for constant folding.
func (e *expdesc) isNumeral() bool {
	return e.k == vKNum && e.t == noJump && e.f == noJump
}

// ---- emission ----

// code appends an instruction with the given position and returns its pc.
// Pending jumps to "here" (jpc) are patched first, as luaK_code does.
func (fs *funcState) code(i vm.Instruction, pos vm.Pos) int {
	fs.dischargeJpc()
	fs.f.Code = append(fs.f.Code, i)
	fs.f.PosTab = append(fs.f.PosTab, pos)
	return len(fs.f.Code) - 1
}

func (fs *funcState) codeABC(op vm.Opcode, a, b, c int) int {
	return fs.code(vm.ABC(op, a, b, c), fs.pos)
}

func (fs *funcState) codeABx(op vm.Opcode, a, bx int) int {
	return fs.code(vm.ABx(op, a, bx), fs.pos)
}

func (fs *funcState) codeAsBx(op vm.Opcode, a, sbx int) int {
	return fs.code(vm.AsBx(op, a, sbx), fs.pos)
}

func (fs *funcState) pc() int { return len(fs.f.Code) }

// getCode returns a pointer to the instruction an expdesc refers to.
func (fs *funcState) getCode(e *expdesc) *vm.Instruction { return &fs.f.Code[e.info] }

// fixPos sets the position of the last emitted instruction (luaK_fixline).
func (fs *funcState) fixPos(pos vm.Pos) { fs.f.PosTab[len(fs.f.PosTab)-1] = pos }

// lastPos returns the position of the last instruction, or of the function.
func (fs *funcState) lastPos() vm.Pos {
	if n := len(fs.f.PosTab); n > 0 {
		return fs.f.PosTab[n-1]
	}
	return fs.pos
}

// loadNil emits R(from..from+n-1) := nil, merging with a preceding LOADNIL
// and omitting it at function start, where registers are already nil
// (luaK_nil). The VM must clear the registers above the parameters on
// entry for this to hold.
func (fs *funcState) loadNil(from, n int) {
	if fs.pc() > fs.lastTarget { // no jumps to the current position
		if fs.pc() == 0 {
			if from >= fs.nactvar {
				return // registers are nil at function start
			}
		} else {
			prev := &fs.f.Code[fs.pc()-1]
			if prev.Op() == vm.OpLoadNil {
				pfrom, pto := prev.A(), prev.B()
				if pfrom <= from && from <= pto+1 { // can connect both
					if from+n-1 > pto {
						*prev = prev.WithB(from + n - 1)
					}
					return
				}
			}
		}
	}
	fs.codeABC(vm.OpLoadNil, from, from+n-1, 0)
}

// ---- jumps ----

// jump emits an unconditional jump and returns it as a one-element list,
// joined with any pending jumps to here (luaK_jump).
func (fs *funcState) jump() int {
	jpc := fs.jpc
	fs.jpc = noJump
	j := fs.codeAsBx(vm.OpJmp, 0, noJump)
	fs.concat(&j, jpc)
	return j
}

// ret emits a return of nret values from register first (luaK_ret).
func (fs *funcState) ret(first, nret int) {
	fs.codeABC(vm.OpReturn, first, nret+1, 0)
}

// condJump emits a test instruction followed by a jump and returns the jump.
func (fs *funcState) condJump(op vm.Opcode, a, b, c int) int {
	fs.codeABC(op, a, b, c)
	return fs.jump()
}

// fixJump makes the jump at pc go to dest.
func (fs *funcState) fixJump(pc, dest int) {
	offset := dest - (pc + 1)
	if offset > vm.MaxArgSBx || offset < -vm.MaxArgSBx {
		fs.c.errorAt(fromPos(fs.f.PosTab[pc]), "control structure too long")
	}
	fs.f.Code[pc] = fs.f.Code[pc].WithSBx(offset)
}

// getLabel marks the current pc as a jump target and returns it.
func (fs *funcState) getLabel() int {
	fs.lastTarget = fs.pc()
	return fs.pc()
}

// getJump returns the destination of the jump at pc, or noJump at the end
// of a list.
func (fs *funcState) getJump(pc int) int {
	offset := fs.f.Code[pc].SBx()
	if offset == noJump {
		return noJump
	}
	return pc + 1 + offset
}

// jumpControl returns the instruction controlling the jump at pc: the test
// before it, if any.
func (fs *funcState) jumpControl(pc int) *vm.Instruction {
	if pc >= 1 && vm.OpInfos[fs.f.Code[pc-1].Op()].Test {
		return &fs.f.Code[pc-1]
	}
	return &fs.f.Code[pc]
}

// needValue reports whether some jump of the list is not controlled by a
// TESTSET, so that it cannot produce a value by itself.
func (fs *funcState) needValue(list int) bool {
	for ; list != noJump; list = fs.getJump(list) {
		if fs.jumpControl(list).Op() != vm.OpTestSet {
			return true
		}
	}
	return false
}

// patchTestReg makes the TESTSET controlling the jump at node store into
// reg, or turns it into a plain TEST when reg is noReg or the tested
// register itself. It reports whether the jump was a TESTSET.
func (fs *funcState) patchTestReg(node, reg int) bool {
	i := fs.jumpControl(node)
	if i.Op() != vm.OpTestSet {
		return false
	}
	if reg != noReg && reg != i.B() {
		*i = i.WithA(reg)
	} else {
		*i = vm.ABC(vm.OpTest, i.B(), 0, i.C())
	}
	return true
}

// removeValues turns every TESTSET of a list into a TEST.
func (fs *funcState) removeValues(list int) {
	for ; list != noJump; list = fs.getJump(list) {
		fs.patchTestReg(list, noReg)
	}
}

// patchListAux points the jumps of a list at vtarget (value-producing
// TESTSETs, which then store into reg) or dtarget (the others).
func (fs *funcState) patchListAux(list, vtarget, reg, dtarget int) {
	for list != noJump {
		next := fs.getJump(list)
		if fs.patchTestReg(list, reg) {
			fs.fixJump(list, vtarget)
		} else {
			fs.fixJump(list, dtarget)
		}
		list = next
	}
}

func (fs *funcState) dischargeJpc() {
	if fs.jpc == noJump {
		return
	}
	pc := fs.pc()
	list := fs.jpc
	fs.jpc = noJump
	fs.patchListAux(list, pc, noReg, pc)
}

// patchList points every jump of list at target.
func (fs *funcState) patchList(list, target int) {
	if target == fs.pc() {
		fs.patchToHere(list)
	} else {
		fs.patchListAux(list, target, noReg, target)
	}
}

// patchToHere makes the jumps of list go to the next instruction emitted.
func (fs *funcState) patchToHere(list int) {
	fs.getLabel()
	fs.concat(&fs.jpc, list)
}

// concat appends list l2 to list *l1.
func (fs *funcState) concat(l1 *int, l2 int) {
	if l2 == noJump {
		return
	}
	if *l1 == noJump {
		*l1 = l2
		return
	}
	list := *l1
	for {
		next := fs.getJump(list)
		if next == noJump {
			break
		}
		list = next
	}
	fs.fixJump(list, l2)
}

// ---- registers ----

// checkStack makes room for n more registers above freereg.
func (fs *funcState) checkStack(n int) {
	newStack := fs.freereg + n
	if newStack > fs.f.MaxStackSize {
		if newStack >= MaxRegisters {
			fs.tooComplex()
		}
		fs.f.MaxStackSize = newStack
	}
}

// tooComplex reports running out of registers. Lua 5.1 adds the token it
// has just read ("near 'a'"), which is known when the registers run out
// between the expressions of a list or at a binary operator: it is then
// the first token of the next expression (fs.next).
func (fs *funcState) tooComplex() {
	const msg = "function or expression too complex"
	if fs.next != nil {
		if tok, pos := firstToken(fs.next); tok != "" {
			fs.c.errorAt(pos, "%s near '%s'", msg, tok)
		}
	}
	fs.c.errorAt(fromPos(fs.pos), msg)
}

// leftmost returns the sub-expression whose first token is e's: it
// follows the left operand of binary operators and the prefix of calls,
// indexing and method calls (Lua's suffixedexp and subexpr read these
// first).
func leftmost(e ast.Expr) ast.Expr {
	for {
		switch x := e.(type) {
		case *ast.Binary:
			e = x.X
		case *ast.Call:
			e = x.Fn
		case *ast.Index:
			e = x.X
		case *ast.MethodCall:
			e = x.Recv
		default:
			return e
		}
	}
}

// firstToken returns the source text of the first token of e, as Lua 5.1
// quotes it in syntax errors, and its position; the text is empty when
// the tree does not keep it (a string literal's quotes).
func firstToken(e ast.Expr) (string, ast.Pos) {
	switch x := leftmost(e).(type) {
	case *ast.Name:
		return x.Name, x.Pos()
	case *ast.Number:
		return x.Raw, x.Pos()
	case *ast.Nil:
		return "nil", x.Pos()
	case *ast.True:
		return "true", x.Pos()
	case *ast.False:
		return "false", x.Pos()
	case *ast.Vararg:
		return "...", x.Pos()
	case *ast.Function:
		return "function", x.Pos()
	case *ast.Table:
		return "{", x.Pos()
	case *ast.Paren:
		return "(", x.Pos()
	case *ast.Unary:
		return x.Op.String(), x.Pos()
	}
	return "", ast.Pos{}
}

func (fs *funcState) reserveRegs(n int) {
	fs.checkStack(n)
	fs.freereg += n
}

// freeReg releases reg if it is a temporary (the most recent one).
func (fs *funcState) freeReg(reg int) {
	if !vm.IsK(reg) && reg >= fs.nactvar {
		fs.freereg--
		if reg != fs.freereg {
			panic("compiler: register freed out of order")
		}
	}
}

func (fs *funcState) freeExp(e *expdesc) {
	if e.k == vNonReloc {
		fs.freeReg(e.info)
	}
}

// ---- constants ----

// addK returns the index of constant v, adding it if new.
func (fs *funcState) addK(v vm.Value) int {
	ks := fs.f.Consts
	if fs.kcache == nil {
		for i := range ks {
			if sameConst(ks[i], v) {
				return i
			}
		}
		if len(ks) >= 32 {
			fs.kcache = make(map[constKey]int, 64)
			for i, k := range ks {
				fs.kcache[keyOf(k)] = i
			}
		}
	} else if i, ok := fs.kcache[keyOf(v)]; ok {
		return i
	}
	if len(ks) > MaxConstants {
		fs.c.errorAt(fromPos(fs.pos), "constant table overflow")
	}
	fs.f.Consts = append(ks, v)
	if fs.kcache != nil {
		fs.kcache[keyOf(v)] = len(ks)
	}
	return len(ks)
}

// constKey identifies a constant: integers and floats are distinct
// constants even when equal (they print and compute differently), and
// floats are compared by bits.
type constKey struct {
	k vm.Kind
	n uint64
	s string
}

func keyOf(v vm.Value) constKey {
	switch v.Kind() {
	case vm.KindInt:
		return constKey{k: vm.KindInt, n: uint64(v.AsInt())}
	case vm.KindFloat:
		return constKey{k: vm.KindFloat, n: math.Float64bits(v.AsFloat())}
	case vm.KindString:
		return constKey{k: vm.KindString, s: v.AsString()}
	case vm.KindBool:
		if v.AsBool() {
			return constKey{k: vm.KindBool, n: 1}
		}
		return constKey{k: vm.KindBool}
	}
	return constKey{k: v.Kind()}
}

func sameConst(a, b vm.Value) bool {
	if a.Kind() != b.Kind() {
		return false
	}
	switch a.Kind() {
	case vm.KindInt:
		return a.AsInt() == b.AsInt()
	case vm.KindFloat:
		return math.Float64bits(a.AsFloat()) == math.Float64bits(b.AsFloat())
	case vm.KindString:
		return a.AsString() == b.AsString()
	case vm.KindBool:
		return a.AsBool() == b.AsBool()
	}
	return true
}

func (fs *funcState) stringK(s string) int { return fs.addK(vm.String(s)) }

// ---- multiple results ----

// setReturns fixes the number of results of a call or "..." (luaK_setreturns).
func (fs *funcState) setReturns(e *expdesc, nresults int) {
	switch e.k {
	case vCall:
		i := fs.getCode(e)
		*i = i.WithC(nresults + 1)
	case vVararg:
		i := fs.getCode(e)
		*i = i.WithB(nresults + 1).WithA(fs.freereg)
		fs.reserveRegs(1)
	}
}

func (fs *funcState) setMultRet(e *expdesc) { fs.setReturns(e, multRet) }

// setOneRet truncates a call or "..." to one value (luaK_setoneret).
func (fs *funcState) setOneRet(e *expdesc) {
	switch e.k {
	case vCall:
		e.k = vNonReloc
		e.info = fs.getCode(e).A()
	case vVararg:
		i := fs.getCode(e)
		*i = i.WithB(2)
		e.k = vRelocable
	}
}

// ---- discharging ----

// at is the position of an instruction emitted now for the construct at
// p. Lua 5.1 stamps an instruction with the line of the last token read
// when it is emitted (fs.pos), which for a variable fetched late (the left
// operand of an operator on the next line, the last argument before a
// ")" on the next line) is not the variable's own line. The column is p's
// when p is on that line, else unknown.
func (fs *funcState) at(p vm.Pos) vm.Pos {
	if fs.pos.Line == 0 || p.Line == fs.pos.Line {
		return p
	}
	return vm.Pos{Line: fs.pos.Line}
}

// dischargeVars emits the code to fetch a variable, leaving a value
// descriptor (luaK_dischargevars).
func (fs *funcState) dischargeVars(e *expdesc) {
	switch e.k {
	case vLocal:
		e.k = vNonReloc
	case vUpval:
		e.info = fs.code(vm.ABC(vm.OpGetUpval, 0, e.info, 0), fs.at(e.pos))
		e.k = vRelocable
	case vGlobal:
		e.info = fs.code(vm.ABx(vm.OpGetGlobal, 0, e.info), fs.at(e.pos))
		e.k = vRelocable
	case vIndexed:
		fs.freeReg(e.aux)
		fs.freeReg(e.info)
		e.info = fs.code(vm.ABC(vm.OpGetTable, 0, e.info, e.aux), fs.at(e.pos))
		e.k = vRelocable
	case vVararg, vCall:
		fs.setOneRet(e)
	}
}

func (fs *funcState) codeLabel(a, b, jump int) int {
	fs.getLabel()
	return fs.codeABC(vm.OpLoadBool, a, b, jump)
}

// discharge2Reg puts e's value in register reg (jumps aside).
func (fs *funcState) discharge2Reg(e *expdesc, reg int) {
	fs.dischargeVars(e)
	switch e.k {
	case vNil:
		fs.loadNil(reg, 1)
	case vFalse, vTrue:
		b := 0
		if e.k == vTrue {
			b = 1
		}
		fs.codeABC(vm.OpLoadBool, reg, b, 0)
	case vK:
		fs.codeABx(vm.OpLoadK, reg, e.info)
	case vKNum:
		fs.codeABx(vm.OpLoadK, reg, fs.addK(e.nval))
	case vRelocable:
		i := fs.getCode(e)
		*i = i.WithA(reg)
	case vNonReloc:
		if reg != e.info {
			fs.codeABC(vm.OpMove, reg, e.info, 0)
		}
	default: // vVoid or vJmp: nothing to do
		return
	}
	e.info = reg
	e.k = vNonReloc
}

func (fs *funcState) discharge2AnyReg(e *expdesc) {
	if e.k != vNonReloc {
		fs.reserveRegs(1)
		fs.discharge2Reg(e, fs.freereg-1)
	}
}

// exp2Reg puts e's value, jumps included, in register reg (exp2reg).
func (fs *funcState) exp2Reg(e *expdesc, reg int) {
	fs.discharge2Reg(e, reg)
	if e.k == vJmp {
		fs.concat(&e.t, e.info)
	}
	if e.hasJumps() {
		pf, pt := noJump, noJump // positions of the LOADBOOLs, if needed
		if fs.needValue(e.t) || fs.needValue(e.f) {
			fj := noJump
			if e.k != vJmp {
				fj = fs.jump()
			}
			pf = fs.codeLabel(reg, 0, 1)
			pt = fs.codeLabel(reg, 1, 0)
			fs.patchToHere(fj)
		}
		final := fs.getLabel()
		fs.patchListAux(e.f, final, reg, pf)
		fs.patchListAux(e.t, final, reg, pt)
	}
	e.f, e.t = noJump, noJump
	e.info = reg
	e.k = vNonReloc
}

// exp2NextReg puts e's value in a new register on top of the stack.
func (fs *funcState) exp2NextReg(e *expdesc) {
	fs.dischargeVars(e)
	fs.freeExp(e)
	fs.reserveRegs(1)
	fs.exp2Reg(e, fs.freereg-1)
}

// exp2AnyReg puts e's value in some register and returns it.
func (fs *funcState) exp2AnyReg(e *expdesc) int {
	fs.dischargeVars(e)
	if e.k == vNonReloc {
		if !e.hasJumps() {
			return e.info
		}
		if e.info >= fs.nactvar { // a temporary: put the final value there
			fs.exp2Reg(e, e.info)
			return e.info
		}
	}
	fs.exp2NextReg(e)
	return e.info
}

// exp2Val makes e a value (register or constant), resolving jumps.
func (fs *funcState) exp2Val(e *expdesc) {
	if e.hasJumps() {
		fs.exp2AnyReg(e)
	} else {
		fs.dischargeVars(e)
	}
}

// exp2RK returns an RK operand for e: a constant index when it fits,
// otherwise a register.
func (fs *funcState) exp2RK(e *expdesc) int {
	fs.exp2Val(e)
	switch e.k {
	case vKNum, vTrue, vFalse, vNil:
		if len(fs.f.Consts) <= vm.MaxIndexRK { // constant fits in RK
			switch e.k {
			case vNil:
				e.info = fs.addK(vm.Nil)
			case vKNum:
				e.info = fs.addK(e.nval)
			default:
				e.info = fs.addK(vm.Bool(e.k == vTrue))
			}
			e.k = vK
			return vm.RKAsK(e.info)
		}
	case vK:
		if e.info <= vm.MaxIndexRK {
			return vm.RKAsK(e.info)
		}
	}
	return fs.exp2AnyReg(e)
}

// storeVar stores ex into variable v (luaK_storevar).
func (fs *funcState) storeVar(v, ex *expdesc) {
	switch v.k {
	case vLocal:
		fs.freeExp(ex)
		fs.exp2Reg(ex, v.info)
		return
	case vUpval:
		e := fs.exp2AnyReg(ex)
		fs.code(vm.ABC(vm.OpSetUpval, e, v.info, 0), v.pos)
	case vGlobal:
		e := fs.exp2AnyReg(ex)
		fs.code(vm.ABx(vm.OpSetGlobal, e, v.info), v.pos)
	case vIndexed:
		e := fs.exp2RK(ex)
		fs.code(vm.ABC(vm.OpSetTable, v.info, v.aux, e), v.pos)
	default:
		panic("compiler: invalid assignment target")
	}
	fs.freeExp(ex)
}

// self compiles e:key into R(A+1) := e; R(A) := e[key] (luaK_self).
func (fs *funcState) self(e, key *expdesc, pos vm.Pos) {
	fs.exp2AnyReg(e)
	fs.freeExp(e)
	fn := fs.freereg
	fs.reserveRegs(2)
	fs.code(vm.ABC(vm.OpSelf, fn, e.info, fs.exp2RK(key)), pos)
	fs.freeExp(key)
	e.info = fn
	e.k = vNonReloc
}

// invertJump negates the condition of the test controlling e's jump.
func (fs *funcState) invertJump(e *expdesc) {
	i := fs.jumpControl(e.info)
	a := 0
	if i.A() == 0 {
		a = 1
	}
	*i = i.WithA(a)
}

// jumpOnCond emits a jump taken when e's truth equals cond.
func (fs *funcState) jumpOnCond(e *expdesc, cond int) int {
	if e.k == vRelocable {
		ie := *fs.getCode(e)
		if ie.Op() == vm.OpNot {
			// Remove the NOT and test its operand with the opposite condition.
			fs.f.Code = fs.f.Code[:len(fs.f.Code)-1]
			fs.f.PosTab = fs.f.PosTab[:len(fs.f.PosTab)-1]
			return fs.condJump(vm.OpTest, ie.B(), 0, 1-cond)
		}
	}
	fs.discharge2AnyReg(e)
	fs.freeExp(e)
	return fs.condJump(vm.OpTestSet, noReg, e.info, cond)
}

// goIfTrue emits code that falls through when e is true and jumps (via
// e.f) when it is false. A constant false is tested at run time, as Lua
// 5.1.5 does (5.1.5 removed the unconditional-jump shortcut of earlier
// releases, and luac5.1 output is the reference).
func (fs *funcState) goIfTrue(e *expdesc) {
	fs.dischargeVars(e)
	var pc int
	switch e.k {
	case vK, vKNum, vTrue:
		pc = noJump // always true: nothing to do
	case vJmp:
		fs.invertJump(e)
		pc = e.info
	default:
		pc = fs.jumpOnCond(e, 0)
	}
	fs.concat(&e.f, pc)
	fs.patchToHere(e.t)
	e.t = noJump
}

// goIfFalse is the dual of goIfTrue.
func (fs *funcState) goIfFalse(e *expdesc) {
	fs.dischargeVars(e)
	var pc int
	switch e.k {
	case vNil, vFalse:
		pc = noJump // always false: nothing to do
	case vJmp:
		pc = e.info
	default:
		pc = fs.jumpOnCond(e, 1)
	}
	fs.concat(&e.t, pc)
	fs.patchToHere(e.f)
	e.f = noJump
}

// codeNot compiles "not e", folding constants and pending comparisons.
func (fs *funcState) codeNot(e *expdesc, pos vm.Pos) {
	fs.dischargeVars(e)
	switch e.k {
	case vNil, vFalse:
		e.k = vTrue
	case vK, vKNum, vTrue:
		e.k = vFalse
	case vJmp:
		fs.invertJump(e)
	case vRelocable, vNonReloc:
		fs.discharge2AnyReg(e)
		fs.freeExp(e)
		e.info = fs.code(vm.ABC(vm.OpNot, 0, e.info, 0), pos)
		e.k = vRelocable
	default:
		panic("compiler: cannot happen")
	}
	e.f, e.t = e.t, e.f
	fs.removeValues(e.f)
	fs.removeValues(e.t)
}

// indexed turns t into the variable t[k].
func (fs *funcState) indexed(t, k *expdesc, pos vm.Pos) {
	t.aux = fs.exp2RK(k)
	t.k = vIndexed
	t.pos = pos
}

// codeArith emits an arithmetic instruction (or folds it).
func (fs *funcState) codeArith(op vm.Opcode, e1, e2 *expdesc, pos vm.Pos) {
	if fs.c.opts.Optimize && fs.constFold(op, e1, e2) {
		return
	}
	var o1, o2 int
	if op != vm.OpUnm && op != vm.OpLen {
		o2 = fs.exp2RK(e2)
		o1 = fs.exp2RK(e1)
	} else {
		// Unary operators take a register: an unfolded numeral (plain
		// mode, or a -0 result) is loaded first.
		o1 = fs.exp2AnyReg(e1)
	}
	if o1 > o2 {
		fs.freeExp(e1)
		fs.freeExp(e2)
	} else {
		fs.freeExp(e2)
		fs.freeExp(e1)
	}
	e1.info = fs.code(vm.ABC(op, 0, o1, o2), pos)
	e1.k = vRelocable
}

// codeComp emits a comparison as a test and a pending jump.
func (fs *funcState) codeComp(op vm.Opcode, cond int, e1, e2 *expdesc, pos vm.Pos) {
	o1 := fs.exp2RK(e1)
	o2 := fs.exp2RK(e2)
	fs.freeExp(e2)
	fs.freeExp(e1)
	if cond == 0 && op != vm.OpEq {
		// a > b  <=>  b < a;  a >= b  <=>  b <= a
		o1, o2 = o2, o1
		cond = 1
	}
	fs.code(vm.ABC(op, cond, o1, o2), pos)
	e1.info = fs.jump()
	e1.k = vJmp
}

// prefix compiles a unary operator applied to e.
func (fs *funcState) prefix(op ast.UnOp, e *expdesc, pos vm.Pos) {
	var e2 expdesc
	e2.init(vKNum, 0)
	e2.nval = vm.Int(0)
	switch op {
	case ast.OpNeg:
		if !e.isNumeral() {
			fs.exp2AnyReg(e) // cannot operate on non-numeric constants
		}
		fs.codeArith(vm.OpUnm, e, &e2, pos)
	case ast.OpNot:
		fs.codeNot(e, pos)
	case ast.OpLen:
		fs.exp2AnyReg(e)
		fs.codeArith(vm.OpLen, e, &e2, pos)
	}
}

// infix prepares the first operand of a binary operator before the
// second is compiled.
func (fs *funcState) infix(op ast.BinOp, v *expdesc) {
	switch op {
	case ast.OpAnd:
		fs.goIfTrue(v)
	case ast.OpOr:
		fs.goIfFalse(v)
	case ast.OpConcat:
		fs.exp2NextReg(v) // operands must be on the stack
	case ast.OpAdd, ast.OpSub, ast.OpMul, ast.OpDiv, ast.OpMod, ast.OpPow:
		if !v.isNumeral() {
			fs.exp2RK(v)
		}
	default:
		fs.exp2RK(v)
	}
}

var arithOps = [...]vm.Opcode{
	ast.OpAdd: vm.OpAdd, ast.OpSub: vm.OpSub, ast.OpMul: vm.OpMul,
	ast.OpDiv: vm.OpDiv, ast.OpMod: vm.OpMod, ast.OpPow: vm.OpPow,
}

// posfix completes a binary operation once both operands are compiled.
func (fs *funcState) posfix(op ast.BinOp, e1, e2 *expdesc, pos vm.Pos) {
	switch op {
	case ast.OpAnd:
		fs.dischargeVars(e2)
		fs.concat(&e2.f, e1.f)
		*e1 = *e2
	case ast.OpOr:
		fs.dischargeVars(e2)
		fs.concat(&e2.t, e1.t)
		*e1 = *e2
	case ast.OpConcat:
		fs.exp2Val(e2)
		if e2.k == vRelocable && fs.getCode(e2).Op() == vm.OpConcat {
			// a .. (b .. c): extend the existing CONCAT downwards.
			fs.freeExp(e1)
			i := fs.getCode(e2)
			*i = i.WithB(e1.info)
			fs.f.PosTab[e2.info] = pos
			e1.k = vRelocable
			e1.info = e2.info
		} else {
			fs.exp2NextReg(e2)
			fs.codeArith(vm.OpConcat, e1, e2, pos)
		}
	case ast.OpAdd, ast.OpSub, ast.OpMul, ast.OpDiv, ast.OpMod, ast.OpPow:
		fs.codeArith(arithOps[op], e1, e2, pos)
	case ast.OpEq:
		fs.codeComp(vm.OpEq, 1, e1, e2, pos)
	case ast.OpNe:
		fs.codeComp(vm.OpEq, 0, e1, e2, pos)
	case ast.OpLt:
		fs.codeComp(vm.OpLt, 1, e1, e2, pos)
	case ast.OpLe:
		fs.codeComp(vm.OpLe, 1, e1, e2, pos)
	case ast.OpGt:
		fs.codeComp(vm.OpLt, 0, e1, e2, pos)
	case ast.OpGe:
		fs.codeComp(vm.OpLe, 0, e1, e2, pos)
	}
}

// setList emits the OpSetList storing tostore items (multRet: up to the
// stack top) at array batch (nelems-1)/FieldsPerFlush+1. A batch number
// above MaxArgC goes in the next instruction word, with C = 0.
func (fs *funcState) setList(base, nelems, tostore int) {
	c := (nelems-1)/vm.FieldsPerFlush + 1
	b := tostore
	if tostore == multRet {
		b = 0
	}
	if c <= vm.MaxArgC {
		fs.codeABC(vm.OpSetList, base, b, c)
	} else {
		fs.codeABC(vm.OpSetList, base, b, 0)
		fs.code(vm.Instruction(c), fs.pos)
	}
	fs.freereg = base + 1 // free the registers of the list items
}

// int2fb encodes a table size hint as a "floating point byte"
// (lobject.c luaO_int2fb): eeeeexxx, meaning (1xxx) * 2^(eeeee-1) when
// eeeee > 0, else xxx; it rounds up.
func int2fb(x int) int {
	e := 0
	for x >= 16 {
		x = (x + 1) >> 1
		e++
	}
	if x < 8 {
		return x
	}
	return (e+1)<<3 | (x - 8)
}
