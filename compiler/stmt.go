package compiler

import (
	"strings"

	"github.com/kestrel-runtime/lua/ast"
	"github.com/kestrel-runtime/lua/vm"
)

// This file compiles statements, following lparser.c's statement functions.

// chunk compiles the statements of a block in the current scope.
func (fs *funcState) chunk(b *ast.Block) {
	for _, st := range b.Stmts {
		fs.statement(st)
		fs.freereg = fs.nactvar // free registers of temporaries
	}
}

// block compiles a block in a new scope.
func (fs *funcState) block(b *ast.Block) {
	var bl blockCnt
	fs.enterBlock(&bl, false)
	fs.chunk(b)
	fs.readBlock(b)
	fs.leaveBlock()
}

// readBlock records that the last token of a block has been read: the
// code that closes the block (CLOSE, the jump back of a loop, the jump
// over the other arms of an if) belongs to its line, as in Lua, which
// emits it before reading the "end", "else", "elseif" or "until". An
// empty block leaves the position alone (the last token read is then the
// "do" or "then" before it).
func (fs *funcState) readBlock(b *ast.Block) {
	if len(b.Stmts) > 0 {
		if end := b.End(); end.IsValid() {
			fs.readTo(end)
		}
	}
}

func (fs *funcState) statement(st ast.Stmt) {
	fs.pos = toPos(st.Pos())
	switch st := st.(type) {
	case *ast.Local:
		fs.localStat(st)
	case *ast.Assign:
		fs.assignStat(st)
	case *ast.CallStmt:
		var v expdesc
		switch call := st.Call.(type) {
		case *ast.MethodCall:
			fs.methodCall(call, &v, true)
		default:
			fs.expr(call, &v)
		}
		if v.k != vCall {
			fs.c.errorAt(st.Pos(), "syntax error")
		}
		i := fs.getCode(&v)
		*i = i.WithC(1) // call statement uses no results
	case *ast.Do:
		fs.block(st.Body)
	case *ast.While:
		fs.whileStat(st)
	case *ast.Repeat:
		fs.repeatStat(st)
	case *ast.If:
		fs.ifStat(st)
	case *ast.NumericFor:
		fs.numericFor(st)
	case *ast.GenericFor:
		fs.genericFor(st)
	case *ast.FunctionStmt:
		fs.funcStat(st)
	case *ast.LocalFunction:
		fs.localFunc(st)
	case *ast.Return:
		fs.retStat(st)
	case *ast.Break:
		fs.breakStat(st.Pos())
	default:
		panic("compiler: unknown statement")
	}
}

// adjustAssign adjusts the nexps values of an expression list ending in e
// to nvars values (lparser.c adjust_assign).
func (fs *funcState) adjustAssign(nvars, nexps int, e *expdesc) {
	extra := nvars - nexps
	if hasMultRet(e.k) {
		extra++ // the call itself counts
		if extra < 0 {
			extra = 0
		}
		fs.setReturns(e, extra)
		if extra > 1 {
			fs.reserveRegs(extra - 1)
		}
	} else {
		if e.k != vVoid {
			fs.exp2NextReg(e) // close the last expression
		}
		if extra > 0 {
			reg := fs.freereg
			fs.reserveRegs(extra)
			fs.loadNil(reg, extra)
		}
	}
}

func (fs *funcState) localStat(st *ast.Local) {
	for i, n := range st.Names {
		fs.newLocalVar(n.Name, i, n.Pos())
	}
	// The values are read after the "=", taken to be on the line where
	// the last name ends.
	fs.pos = luaPos(st.Names[len(st.Names)-1].End(), fs.pos)
	var e expdesc
	nexps := 0
	if len(st.Exprs) > 0 {
		nexps = fs.explist(st.Exprs, &e)
	} else {
		e.init(vVoid, 0)
	}
	fs.adjustAssign(len(st.Names), nexps, &e)
	fs.adjustLocalVars(len(st.Names))
}

// assignStat compiles a (multiple) assignment. Targets are evaluated left
// to right, then the values, then the stores happen from right to left, as
// in lparser.c restassign.
func (fs *funcState) assignStat(st *ast.Assign) {
	var buf [4]expdesc
	lhs := buf[:0]
	for _, t := range st.Targets {
		var v expdesc
		switch t.(type) {
		case *ast.Name, *ast.Index:
			fs.expr(t, &v)
		default:
			fs.c.errorAt(t.Pos(), "syntax error")
		}
		if v.k == vLocal {
			fs.checkConflict(lhs, &v)
		}
		lhs = append(lhs, v)
	}
	// The values are read after the "=", taken to be on the line where
	// the last target ends.
	fs.pos = luaPos(st.Targets[len(st.Targets)-1].End(), toPos(st.Pos()))
	for i := range lhs {
		// Lua stores once the whole statement is read: the line of its end.
		lhs[i].pos = luaPos(st.End(), lhs[i].pos)
	}
	var e expdesc
	nvars := len(lhs)
	nexps := fs.explist(st.Exprs, &e)
	if nexps == nvars {
		fs.setOneRet(&e)
		fs.storeVar(&lhs[nvars-1], &e)
		nvars--
	} else {
		fs.adjustAssign(nvars, nexps, &e)
		if nexps > nvars {
			fs.freereg -= nexps - nvars // remove extra values
		}
	}
	for i := nvars - 1; i >= 0; i-- {
		e.init(vNonReloc, fs.freereg-1)
		fs.storeVar(&lhs[i], &e)
	}
}

// checkConflict handles "t[i], i = ...": when a later target is a local
// used as table or key by an earlier indexed target, the earlier target
// uses a copy of the local's old value (lparser.c check_conflict).
func (fs *funcState) checkConflict(lhs []expdesc, v *expdesc) {
	extra := fs.freereg
	conflict := false
	for i := range lhs {
		if lhs[i].k == vIndexed {
			if lhs[i].info == v.info {
				conflict = true
				lhs[i].info = extra
			}
			if lhs[i].aux == v.info {
				conflict = true
				lhs[i].aux = extra
			}
		}
	}
	if conflict {
		fs.codeABC(vm.OpMove, fs.freereg, v.info, 0)
		fs.reserveRegs(1)
	}
}

// cond compiles a condition and returns its false-exit jump list.
func (fs *funcState) cond(e ast.Expr) int {
	var v expdesc
	fs.expr(e, &v)
	if v.k == vNil {
		v.k = vFalse // "falses" are all equal here
	}
	fs.goIfTrue(&v)
	return v.f
}

func (fs *funcState) whileStat(st *ast.While) {
	whileInit := fs.getLabel()
	condExit := fs.cond(st.Cond)
	var bl blockCnt
	fs.enterBlock(&bl, true)
	fs.block(st.Body)
	fs.patchList(fs.jump(), whileInit)
	fs.leaveBlock()
	fs.patchToHere(condExit)
}

func (fs *funcState) repeatStat(st *ast.Repeat) {
	repeatInit := fs.getLabel()
	var bl1, bl2 blockCnt
	fs.enterBlock(&bl1, true)  // loop block
	fs.enterBlock(&bl2, false) // scope block: the condition sees its locals
	fs.chunk(st.Body)
	fs.pos = toPos(st.Cond.Pos())
	condExit := fs.cond(st.Cond)
	if !bl2.upval {
		fs.leaveBlock()
		fs.patchList(condExit, repeatInit)
	} else {
		// Captured locals: close them on both exits.
		fs.breakStat(st.Cond.Pos())
		fs.patchToHere(condExit)
		fs.leaveBlock()
		fs.patchList(fs.jump(), repeatInit)
	}
	fs.leaveBlock()
}

func (fs *funcState) ifStat(st *ast.If) {
	escape := noJump
	flist := fs.testThenBlock(st.Clauses[0])
	for _, cl := range st.Clauses[1:] {
		fs.concat(&escape, fs.jump())
		fs.patchToHere(flist)
		fs.pos = toPos(cl.Pos())
		flist = fs.testThenBlock(cl)
	}
	if st.Else != nil {
		fs.concat(&escape, fs.jump())
		fs.patchToHere(flist)
		fs.block(st.Else)
	} else {
		fs.concat(&escape, flist)
	}
	fs.patchToHere(escape)
}

func (fs *funcState) testThenBlock(cl *ast.IfClause) int {
	condExit := fs.cond(cl.Cond)
	fs.block(cl.Body)
	return condExit
}

// forBody compiles the body of a for loop whose control variables start
// at register base (lparser.c forbody). doPos is where the loop's "do"
// is: Lua emits FORPREP, which raises "'for' initial value must be a
// number" and the like, once the "do" is read. pos is the position of
// FORLOOP (the "for") or TFORLOOP (which calls the generator: the first
// token after "in").
func (fs *funcState) forBody(base int, doPos, pos vm.Pos, nvars int, isNum bool, body *ast.Block) {
	fs.adjustLocalVars(3) // control variables
	fs.pos = doPos
	var prep int
	if isNum {
		prep = fs.codeAsBx(vm.OpForPrep, base, noJump)
	} else {
		prep = fs.jump()
	}
	var bl blockCnt
	fs.enterBlock(&bl, false)
	fs.adjustLocalVars(nvars)
	fs.reserveRegs(nvars)
	fs.block(body)
	fs.leaveBlock()
	fs.patchToHere(prep)
	last := fs.pos // the last token of the body
	fs.pos = pos
	var endFor int
	if isNum {
		endFor = fs.codeAsBx(vm.OpForLoop, base, noJump)
	} else {
		endFor = fs.codeABC(vm.OpTForLoop, base, 0, nvars)
	}
	if isNum {
		fs.patchList(endFor, prep+1)
	} else {
		fs.pos = last
		fs.patchList(fs.jump(), prep+1)
	}
}

func (fs *funcState) numericFor(st *ast.NumericFor) {
	var bl blockCnt
	fs.enterBlock(&bl, true)
	base := fs.freereg
	fs.newLocalVar("(for index)", 0, st.Pos())
	fs.newLocalVar("(for limit)", 1, st.Pos())
	fs.newLocalVar("(for step)", 2, st.Pos())
	fs.newLocalVar(st.Var.Name, 3, st.Var.Pos())
	fs.exp1(st.Start)
	fs.exp1(st.Limit)
	if st.Step != nil {
		fs.exp1(st.Step)
	} else {
		fs.codeABx(vm.OpLoadK, fs.freereg, fs.addK(vm.Int(1)))
		fs.reserveRegs(1)
	}
	last := st.Limit
	if st.Step != nil {
		last = st.Step
	}
	fs.forBody(base, doPos(last, st), toPos(st.Pos()), 1, true, st.Body)
	fs.leaveBlock()
}

func (fs *funcState) genericFor(st *ast.GenericFor) {
	var bl blockCnt
	fs.enterBlock(&bl, true)
	base := fs.freereg
	fs.newLocalVar("(for generator)", 0, st.Pos())
	fs.newLocalVar("(for state)", 1, st.Pos())
	fs.newLocalVar("(for control)", 2, st.Pos())
	for i, n := range st.Names {
		fs.newLocalVar(n.Name, 3+i, n.Pos())
	}
	var e expdesc
	nexps := fs.explist(st.Exprs, &e)
	fs.adjustAssign(3, nexps, &e)
	fs.checkStack(3) // extra space to call the generator
	in := firstTokenPos(st.Exprs[0])
	if in.Line == 0 {
		in = toPos(st.Pos())
	}
	fs.forBody(base, doPos(st.Exprs[len(st.Exprs)-1], st), in, len(st.Names), false, st.Body)
	fs.leaveBlock()
}

// doPos is the position given to the code a loop emits once its "do" is
// read, when the header ends with the expression last. The tree keeps no
// position for the "do"; it is taken to be on the line where last ends,
// where it is unless the header is itself split before the "do". The
// column is the loop's when on that line (errors point at the "for"),
// else unknown.
func doPos(last ast.Expr, loop ast.Stmt) vm.Pos {
	return luaPos(last.End(), toPos(loop.Pos()))
}

// firstTokenPos is the position Lua 5.1 holds after reading the first
// token of e (lparser.c forlist takes ls->linenumber right after "in"):
// the token's start, or the end of a string literal, which may span lines.
func firstTokenPos(e ast.Expr) vm.Pos {
	if s, ok := leftmost(e).(*ast.String); ok {
		return luaPos(s.End(), toPos(s.Pos()))
	}
	return toPos(leftmost(e).Pos())
}

// exp1 compiles an expression into the next register.
func (fs *funcState) exp1(e ast.Expr) {
	var v expdesc
	fs.expr(e, &v)
	fs.exp2NextReg(&v)
}

func (fs *funcState) funcStat(st *ast.FunctionStmt) {
	var v expdesc
	path := st.Name.Path
	fs.singleVar(path[0], &v)
	fs.pos = toPos(path[0].Pos())
	for _, n := range path[1:] {
		fs.fieldSel(&v, n)
	}
	needSelf := st.Name.Method != nil
	if needSelf {
		fs.fieldSel(&v, st.Name.Method)
	}
	name := st.Func.Name
	if name == "" {
		var sb strings.Builder
		for i, n := range path {
			if i > 0 {
				sb.WriteByte('.')
			}
			sb.WriteString(n.Name)
		}
		if needSelf {
			sb.WriteByte(':')
			sb.WriteString(st.Name.Method.Name)
		}
		name = sb.String()
	}
	var b expdesc
	fs.body(st.Func, needSelf, &b, st.Pos(), name)
	fs.pos = toPos(st.Pos())
	fs.storeVar(&v, &b)
	// The definition happens at "function" (luaK_fixline on the last
	// instruction). Stored into a local, the last instruction luac emits
	// is the CLOSURE itself, or, when the function has upvalues, the last
	// of the pseudo-instructions after it, which kestrel-lua does not
	// emit: the CLOSURE then keeps the line of the body's "end".
	if v.k != vLocal || len(fs.f.Protos[len(fs.f.Protos)-1].Upvals) == 0 {
		fs.fixPos(toPos(st.Pos()))
	}
}

// fieldSel compiles v.name for function statement names. Lua fetches v
// when it reads the "." or ":", on the line of the name before it.
func (fs *funcState) fieldSel(v *expdesc, n *ast.Name) {
	fs.exp2AnyReg(v)
	fs.pos = toPos(n.Pos())
	var key expdesc
	key.init(vK, fs.stringK(n.Name))
	fs.indexed(v, &key, toPos(n.Pos()))
}

func (fs *funcState) localFunc(st *ast.LocalFunction) {
	var v, b expdesc
	fs.newLocalVar(st.Name.Name, 0, st.Name.Pos())
	v.init(vLocal, fs.freereg)
	fs.reserveRegs(1)
	fs.adjustLocalVars(1)
	name := st.Func.Name
	if name == "" {
		name = st.Name.Name
	}
	fs.body(st.Func, false, &b, st.Pos(), name)
	fs.storeVar(&v, &b)
	// The local's debug range starts once it holds the closure.
	fs.locVar(fs.nactvar - 1).StartPC = fs.pc()
}

func (fs *funcState) retStat(st *ast.Return) {
	first, nret := 0, 0
	if len(st.Exprs) > 0 {
		var e expdesc
		nret = fs.explist(st.Exprs, &e)
		if hasMultRet(e.k) {
			fs.setMultRet(&e)
			if e.k == vCall && nret == 1 { // tail call
				i := fs.getCode(&e)
				*i = vm.ABC(vm.OpTailCall, i.A(), i.B(), i.C())
			}
			first = fs.nactvar
			nret = multRet
		} else if nret == 1 {
			first = fs.exp2AnyReg(&e)
		} else {
			fs.exp2NextReg(&e) // values must go to the stack
			first = fs.nactvar
		}
	}
	// Lua's line for RETURN is where the statement ends; the column is
	// the "return" keyword's when on that line.
	fs.pos = luaPos(st.End(), toPos(st.Pos()))
	fs.ret(first, nret)
}

func (fs *funcState) breakStat(pos ast.Pos) {
	bl := fs.bl
	upval := false
	for bl != nil && !bl.isBreakable {
		upval = upval || bl.upval
		bl = bl.previous
	}
	if bl == nil {
		fs.c.errorAt(pos, "no loop to break")
	}
	if upval {
		fs.codeABC(vm.OpClose, bl.nactvar, 0, 0)
	}
	fs.concat(&bl.breaklist, fs.jump())
}

// endPos returns the position of a node's last line, for the jump back of
// a loop.
func endPos(n ast.Node) vm.Pos {
	if e := n.End(); e.IsValid() {
		return toPos(e)
	}
	return toPos(n.Pos())
}
