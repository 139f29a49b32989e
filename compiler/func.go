package compiler

import (
	"github.com/kestrel-runtime/lua/ast"
	"github.com/kestrel-runtime/lua/vm"
)

// funcState is the state of the function being compiled (lparser.h
// FuncState).
type funcState struct {
	c    *compiler
	f    *vm.Proto
	prev *funcState // enclosing function
	bl   *blockCnt  // innermost block

	jpc        int // list of pending jumps to the next instruction
	lastTarget int // pc of the last jump target
	freereg    int // first free register
	nactvar    int // number of active locals
	actvar     []int
	kcache     map[constKey]int

	pos vm.Pos // position given to instructions being emitted

	// lookahead is the name starting the table constructor item being
	// compiled, which lparser.c reads with one token of lookahead (see
	// lookaheadCallPos); nil elsewhere.
	lookahead *ast.Name

	// next is the expression whose first token Lua 5.1 has just read
	// while the code for what precedes it is emitted (the next expression
	// of a list, the right operand of an operator), for the "near" part of
	// "function or expression too complex"; nil when unknown.
	next ast.Expr

	// usesVararg records that the body mentions "..." (clears NeedsArg).
	usesVararg bool
}

// blockCnt is a lexical block (lparser.c BlockCnt).
type blockCnt struct {
	previous    *blockCnt
	breaklist   int  // pending break jumps
	nactvar     int  // active locals outside the block
	upval       bool // some local of the block is captured by a closure
	isBreakable bool // the block is a loop
}

func (c *compiler) openFunc(prev *funcState, pos ast.Pos) *funcState {
	b := c.takeBufs()
	fs := &funcState{
		actvar:     b.actvar[:0],
		c:          c,
		prev:       prev,
		jpc:        noJump,
		lastTarget: -1,
		pos:        toPos(pos),
		f: &vm.Proto{
			Source:       c.chunk,
			LineDefined:  pos.Line,
			MaxStackSize: 2,
			Code:         b.code[:0],
			PosTab:       b.pos[:0],
			Consts:       b.consts[:0],
			LocVars:      b.locs[:0],
		},
	}
	return fs
}

// closeFunc finishes a prototype: final return and local ranges.
func (fs *funcState) closeFunc() {
	fs.removeVars(0)
	fs.ret(0, 0)
	if fs.f.NeedsArg && fs.usesVararg {
		fs.f.NeedsArg = false
	}
	fs.c.finish(fs)
}

func (fs *funcState) enterBlock(bl *blockCnt, isBreakable bool) {
	bl.breaklist = noJump
	bl.isBreakable = isBreakable
	bl.nactvar = fs.nactvar
	bl.upval = false
	bl.previous = fs.bl
	fs.bl = bl
}

func (fs *funcState) leaveBlock() {
	bl := fs.bl
	fs.bl = bl.previous
	fs.removeVars(bl.nactvar)
	if bl.upval {
		fs.codeABC(vm.OpClose, bl.nactvar, 0, 0)
	}
	fs.freereg = fs.nactvar // free registers
	fs.patchToHere(bl.breaklist)
}

// errorLimit reports a function exceeding one of Lua's limits, with
// lparser.c errorlimit's wording.
func (fs *funcState) errorLimit(pos ast.Pos, limit int, what string) {
	if fs.f.LineDefined == 0 {
		fs.c.errorAt(pos, "main function has more than %d %s", limit, what)
	}
	fs.c.errorAt(pos, "function at line %d has more than %d %s", fs.f.LineDefined, limit, what)
}

// newLocalVar declares the n-th pending local (not active until
// adjustLocalVars).
func (fs *funcState) newLocalVar(name string, n int, pos ast.Pos) {
	if fs.nactvar+n+1 > MaxLocals {
		fs.errorLimit(pos, MaxLocals, "local variables")
	}
	fs.f.LocVars = append(fs.f.LocVars, vm.LocVar{Name: name})
	idx := fs.nactvar + n
	for len(fs.actvar) <= idx {
		fs.actvar = append(fs.actvar, 0)
	}
	fs.actvar[idx] = len(fs.f.LocVars) - 1
}

// adjustLocalVars activates the n pending locals from the current pc.
func (fs *funcState) adjustLocalVars(n int) {
	fs.nactvar += n
	for i := n; i > 0; i-- {
		fs.locVar(fs.nactvar - i).StartPC = fs.pc()
	}
}

func (fs *funcState) locVar(i int) *vm.LocVar { return &fs.f.LocVars[fs.actvar[i]] }

// removeVars ends the scope of the locals above level.
func (fs *funcState) removeVars(level int) {
	for fs.nactvar > level {
		fs.nactvar--
		fs.locVar(fs.nactvar).EndPC = fs.pc()
	}
}

// searchVar returns the register of the active local named name, or -1.
func (fs *funcState) searchVar(name string) int {
	for i := fs.nactvar - 1; i >= 0; i-- {
		if fs.locVar(i).Name == name {
			return i
		}
	}
	return -1
}

// markUpval notes that the local in register level is captured, so the
// block declaring it must close its upvalues on exit.
func (fs *funcState) markUpval(level int) {
	bl := fs.bl
	for bl != nil && bl.nactvar > level {
		bl = bl.previous
	}
	if bl != nil {
		bl.upval = true
	}
}

// indexUpvalue returns the index of the upvalue of fs described by v (a
// local or an upvalue of the enclosing function), adding it if new.
func (fs *funcState) indexUpvalue(name string, v *expdesc, pos ast.Pos) int {
	inStack := v.k == vLocal
	for i, u := range fs.f.Upvals {
		if u.InStack == inStack && u.Index == v.info {
			return i
		}
	}
	if len(fs.f.Upvals)+1 > MaxUpvalues {
		fs.errorLimit(pos, MaxUpvalues, "upvalues")
	}
	fs.f.Upvals = append(fs.f.Upvals, vm.UpvalDesc{Name: name, InStack: inStack, Index: v.info})
	return len(fs.f.Upvals) - 1
}

// singleVarAux resolves name in fs and its enclosing functions
// (singlevaraux); base is true in the function where the name is used.
func singleVarAux(fs *funcState, name string, v *expdesc, base bool, pos ast.Pos) expKind {
	if fs == nil {
		v.init(vGlobal, noReg)
		return vGlobal
	}
	if r := fs.searchVar(name); r >= 0 {
		v.init(vLocal, r)
		if !base {
			fs.markUpval(r)
		}
		return vLocal
	}
	if singleVarAux(fs.prev, name, v, false, pos) == vGlobal {
		return vGlobal
	}
	v.info = fs.indexUpvalue(name, v, pos)
	v.k = vUpval
	return vUpval
}

// singleVar compiles a variable reference.
func (fs *funcState) singleVar(n *ast.Name, v *expdesc) {
	if singleVarAux(fs, n.Name, v, true, n.Pos()) == vGlobal {
		v.info = fs.stringK(n.Name)
	}
	v.pos = toPos(n.Pos())
}
