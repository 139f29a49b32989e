package vm

import (
	"math"
	"slices"
)

// The predicate fast path.
//
// Most detection rules are leaf predicates: a function of the event that
// reads fields, compares them with constants, calls a few detection
// builtins and returns a boolean, without calling Lua functions, creating
// tables or closures, or writing anything but its own registers. For such a
// function the general machinery of a run (a Thread taken from a pool and
// reset, a stack, a frame, the deferred recovery, the interpreter's entry
// and exit) costs several times the predicate itself. A Leaf runs it
// without any of that.
//
// NewLeaf translates the function's instructions, at the same indexes,
// into a pre-decoded form (leafInst), resolving what the function cannot
// change: the environment and the upvalues of a loaded rule are frozen, so
// `string.contains` (GETGLOBAL, then GETTABLE with a constant key) is a
// constant. Common sequences run as one instruction: a builtin call with
// the loads of its function and simple arguments (leafSite), a field read
// with the compare and jump after it, a test or compare with its jump, a
// call with the test of its result. A generic for over ipairs runs through
// the frameless forms of ipairs and its iterator (GoFunction.Iter, Step),
// at the call and at TFORLOOP. A jump into the middle of such a
// sequence, which the compiler never makes, would run the instructions'
// own translations, which are kept. Every translated instruction counts the
// units of the instructions it stands for, so a Leaf's instruction count is
// the interpreter's, unit for unit. An instruction the translation does
// not handle (a Lua call, a concatenation, a table constructor, an alert
// through a Go function without a frameless form, any use of the event
// but a field read) becomes leafBail, a point where the Leaf gives up; a
// function where every path to a return passes one has no Leaf. So the
// event's register is never read or written by a Leaf: it holds no value.
//
// Leaf.Run is a speculation that either completes exactly as the
// interpreter would or gives up having changed nothing. It gives up on
// everything that is not the plain case: a leafBail; an operand that would
// need a metamethod, coercion or an error message; a callee that is not a
// builtin with a frameless form (FastFunc), or a call the FastFunc
// declines; a run that would reach its instruction or memory limit, or the
// first look at the context (checkInterval units, which a run of the
// interpreter shorter than that never takes). The caller then runs the
// function on a Thread from the start, which produces the errors, limits,
// alerts and results. A Leaf writes nothing outside its own registers, so
// running it again is safe, and a run it completes has the result,
// instruction units and bytes the interpreter's run has: the bytes are
// those of the interpreter's entry (Thread.Eval), frame, and the stack and
// frame high-water marks its frameless calls raise (Thread.fastCall),
// replayed in the same order. The root package's TestLeafAgrees compares
// the two on every program of its corpus at every instruction and memory
// limit around each run's needs, and FuzzLeaf on arbitrary rules.

// Leaf is a function compiled for the predicate fast path. It is immutable
// and safe for concurrent use.
type Leaf struct {
	code    []leafInst
	consts  []Value        // the prototype's constants, then the resolved values
	fields  []leafFieldRef // the prototype's field references
	sites   []leafSite     // the calls of resolved builtins
	nregs   int            // registers of the function
	entry   int64          // bytes charged by the interpreter's entry
	stackHW int            // the stack high-water mark after the entry
}

// MaxLeafRegisters is the most registers a function run as a Leaf may
// have: its registers live in an array on the Go stack.
const MaxLeafRegisters = 32

// leafOp is the operation of a leafInst. Each counts one unit when it is
// dispatched; leafLoadK, the fused forms and the call sites also count the
// units of the other instructions they stand for.
type leafOp uint8

const (
	leafMove         leafOp = iota // R(A) := R(B)
	leafLoadK                      // R(A) := K(B); units += C; pc = J   (LOADK, GETGLOBAL, GETUPVAL, and pairs ending in GETTABLE)
	leafLoadBool                   // R(A) := (Bool)B; pc = J
	leafLoadNil                    // R(A) := ... := R(B) := nil
	leafGetTable                   // R(A) := R(B)[RK(C)]
	leafField                      // R(A) := event:get_<F(C).Kind>(F(C).ID)
	leafEq                         // if (RK(B) == RK(C)) == A then (JMP) pc = J, else pc++ past the JMP
	leafLt                         // as leafEq with <
	leafLe                         // as leafEq with <=
	leafFieldEq                    // R(X) := event field F(Y), then leafEq (FIELD, EQ and JMP)
	leafFieldLt                    // R(X) := event field F(Y), then leafLt
	leafFieldLe                    // R(X) := event field F(Y), then leafLe
	leafTest                       // if R(A) <=> C then (JMP) pc = J, else skip the JMP
	leafTestSet                    // if R(B) <=> C then R(A) := R(B); (JMP) pc = J, else skip the JMP
	leafJmp                        // pc = J
	leafNot                        // R(A) := not R(B)
	leafAdd                        // R(A) := RK(B) + RK(C)
	leafSub                        // R(A) := RK(B) - RK(C)
	leafMul                        // R(A) := RK(B) * RK(C)
	leafDiv                        // R(A) := RK(B) / RK(C)
	leafUnm                        // R(A) := -R(B)
	leafLen                        // R(A) := #R(B)
	leafCall                       // R(A), ..., R(A+C-2) := R(A)(R(A+1), ..., R(A+B-1)), a FastFunc
	leafTailCall                   // return R(A)(R(A+1), ..., R(A+B-1)), a FastFunc (TAILCALL and its RETURN)
	leafCallSite                   // leafCall of the resolved builtin of site B, its arguments loaded; pc = the site's next
	leafTailCallSite               // leafTailCall of the resolved builtin of site B, its arguments loaded
	leafBail                       // give up: an instruction a Leaf does not run
	leafReturn                     // return R(A) (B >= 2) or nil (B == 1)
	leafForPrep                    // R(A) -= R(A+2); pc = J
	leafForLoop                    // R(A) += R(A+2); if R(A) <?= R(A+1) then { pc = J; R(A+3) = R(A) }
	leafTForLoop                   // R(A+3), ..., R(A+2+C) := R(A)(R(A+1), R(A+2)), a GoFunction.Step; if R(A+3) ~= nil then R(A+2) := R(A+3); (JMP) pc = J, else skip the JMP
)

// leafInst is a pre-decoded instruction: operands as in the instruction it
// translates (RK operands keep BitRK), J an absolute target, X and Y the
// operands of the FIELD of a fused FIELD and compare. Twelve bytes: the
// Leaf is kept for the life of the rule.
type leafInst struct {
	op         leafOp
	x, y       uint8
	a, b, c, j int16
}

// leafWide is a leafInst as translate builds it, before the operands are
// narrowed (narrow gives up on a function too large for them).
type leafWide struct {
	op         leafOp
	a, b, c, j int32
	x, y       int32
}

// narrow returns in as a leafInst, or ok false when an operand does not
// fit.
func (in leafWide) narrow() (leafInst, bool) {
	fits := func(v int32) bool { return v >= math.MinInt16 && v <= math.MaxInt16 }
	if !fits(in.a) || !fits(in.b) || !fits(in.c) || !fits(in.j) || uint32(in.x) > math.MaxUint8 || uint32(in.y) > math.MaxUint8 {
		return leafInst{}, false
	}
	return leafInst{op: in.op, x: uint8(in.x), y: uint8(in.y), a: int16(in.a), b: int16(in.b), c: int16(in.c), j: int16(in.j)}, true
}

// leafFieldRef is a field reference of a Leaf, with the type its accessor
// wants.
type leafFieldRef struct {
	id   int64
	kind FieldKind
	want EventType
}

// get is eventGet for a Leaf: the field's value, or ok false where
// eventGet reports a type mismatch.
func (f *leafFieldRef) get(ev *Event) (Value, bool) {
	var ef *EventField
	if fs, i := ev.Fields, f.id-1; uint64(i) < uint64(len(fs)) && fs[i].ID == f.id {
		ef = &fs[i]
	} else {
		ef = ev.Field(f.id)
	}
	switch {
	case f.kind == FieldHas:
		return Bool(ef != nil), true
	case ef == nil:
		return Nil, true
	case ef.Type != f.want:
		return Nil, false
	}
	return fieldValue(ef), true
}

// leafSite is a call of a resolved builtin with simple arguments, as
// lcode.c emits `string.contains(exe, "/tmp/")`: the instructions that
// load the function (GETGLOBAL, GETTABLE), one (or a table and GETTABLE)
// per argument, then the CALL or TAILCALL, run as one instruction
// counting the units of all of them.
type leafSite struct {
	gf    *GoFunction // the builtin, stored in R(A) as its loads store it
	fast  FastFunc    // its FastFunc, bound to a constant first argument (GoFunction.Bind)
	args  []leafArg   // the arguments, stored in R(A+1), ... as loaded
	units int64       // the units of the instructions, but those of run-time keys
	next  int32       // the instruction after the CALL

	// A result tested at once, if string.contains(...) then: the TEST
	// of R(A) after the CALL and its JMP run with the call (the JMP's
	// target is the site's instruction's J).
	test  bool
	testC bool // the TEST's C

	iter bool // gf starts a generic for (GoFunction.Iter): ipairs(t)
}

// leafArg is how a leafSite argument is loaded.
type leafArg struct {
	kind leafArgKind
	x    int32 // the register, constant or field reference; the table's constant
	key  int32 // argIndex: the key's register
}

type leafArgKind uint8

const (
	argReg   leafArgKind = iota // MOVE: R(x)
	argConst                    // LOADK, or a resolved GETGLOBAL or GETUPVAL (and GETTABLE with a constant key): K(x)
	argField                    // FIELD: the event's field F(x)
	argIndex                    // a resolved table and GETTABLE by a register: K(x)[R(key)]
)

// NewLeaf compiles the Lua function cl for the predicate fast path, or
// returns nil when no run of it could complete as a Leaf (a vararg
// function, more than MaxLeafRegisters registers, no return reachable
// without giving up). cl's environment and every
// value reachable from its upvalues must be frozen and no function may
// write its upvalues, as the engine guarantees for a loaded rule: NewLeaf
// resolves globals and upvalues once, at compile time.
func NewLeaf(cl *Closure) *Leaf {
	p := cl.Proto
	if p.IsVararg || p.MaxStackSize > MaxLeafRegisters || cl.env == nil || !cl.env.Frozen() {
		return nil
	}
	l := &Leaf{
		code:   make([]leafInst, len(p.Code)),
		consts: p.Consts, // copied by the first resolved value added
		fields: make([]leafFieldRef, len(p.Fields)),
		nregs:  p.MaxStackSize,
	}
	for j, ref := range p.Fields {
		l.fields[j] = leafFieldRef{id: ref.ID, kind: ref.Kind}
		if int(ref.Kind) < len(fieldKindTypes) {
			l.fields[j].want = fieldKindTypes[ref.Kind]
		}
	}
	c := leafCompiler{l: l, cl: cl, hasEvent: p.NumParams > 0}
	for pc := range p.Code {
		if in, ok := c.translate(pc); ok {
			l.code[pc] = in
		} else {
			l.code[pc] = leafInst{op: leafBail}
		}
	}
	if !l.completes() {
		return nil // every run would give up
	}
	// Kept for the life of the rule: no spare capacity.
	if c.copied {
		l.consts = slices.Clone(l.consts)
	}
	l.sites = slices.Clone(l.sites)
	for j := range l.sites {
		l.sites[j].args = slices.Clone(l.sites[j].args)
	}
	// The entry, as Thread.evalLua charges it: Call1's reservation, the
	// frame's registers, the frame.
	hw := 1 + 1 + 1 + MinStack
	l.entry = CostValues(hw)
	if n := 1 + p.MaxStackSize + 1; n > hw {
		l.entry += CostValues(n - hw)
		hw = n
	}
	l.entry += CostFrame
	l.stackHW = hw
	return l
}

// leafCompiler translates a prototype's instructions.
type leafCompiler struct {
	l        *Leaf
	cl       *Closure
	copied   bool // l.consts is the Leaf's own, no longer the prototype's
	hasEvent bool // register 0 is the event
}

// constant adds v to the Leaf's constants and returns its index.
func (c *leafCompiler) constant(v Value) int32 {
	if !c.copied {
		c.l.consts, c.copied = slices.Clone(c.l.consts), true
	}
	c.l.consts = append(c.l.consts, v)
	return int32(len(c.l.consts) - 1)
}

// reads reports whether register r may be read by an instruction other
// than OpField: the event register may not.
func (c *leafCompiler) reads(r int) bool { return !(c.hasEvent && r == 0) }

// readsRK is reads for an RK operand.
func (c *leafCompiler) readsRK(x int) bool { return x&BitRK != 0 || c.reads(x) }

// writes reports whether register r may be written: not the event.
func (c *leafCompiler) writes(r int) bool { return !(c.hasEvent && r == 0) }

// resolved returns the value the constant-producing instruction i
// (GETGLOBAL, GETUPVAL) loads and its units beyond the first, if the
// function cannot change it.
func (c *leafCompiler) resolved(i Instruction) (Value, int64, bool) {
	switch i.Op() {
	case OpGetGlobal:
		key := c.cl.Proto.Consts[i.Bx()]
		env := c.cl.env
		v := env.Get(key)
		if v.IsNil() && env.Metatable() != nil {
			return Nil, 0, false // __index decides, at run time
		}
		return v, keyUnits(key), true
	case OpGetUpval:
		if i.B() >= len(c.cl.upvals) {
			return Nil, 0, false
		}
		u := c.cl.upvals[i.B()]
		if u.v != &u.closed {
			return Nil, 0, false // still open on some thread's stack
		}
		return u.closed, 0, true
	}
	return Nil, 0, false
}

// load resolves the GETGLOBAL or GETUPVAL at pc and, when the next
// instruction indexes the loaded table in place with a constant key (the
// pair that loads a library function, lib.name) and the table is frozen,
// that GETTABLE too: the value, the units of the instructions and how many
// there are (a jump to the GETTABLE alone runs its own translation).
func (c *leafCompiler) load(pc int) (v Value, units int64, width int, ok bool) {
	p := c.cl.Proto
	i := p.Code[pc]
	if v, units, ok = c.resolved(i); !ok {
		return Nil, 0, 0, false
	}
	units, width = units+1, 1
	if pc+1 < len(p.Code) && v.k == KindTable {
		n, a := p.Code[pc+1], i.A()
		if n.Op() == OpGetTable && n.A() == a && n.B() == a && n.C()&BitRK != 0 {
			t := (*Table)(v.p)
			key := p.Consts[n.C()&^BitRK]
			if fv := t.Get(key); t.Frozen() && (!fv.IsNil() || t.Metatable() == nil) {
				return fv, units + 1 + keyUnits(key), 2, true
			}
		}
	}
	return v, units, width, true
}

// callSite matches, from pc, the loads of the arguments and the CALL (with
// fixed results) or TAILCALL of fn, loaded into register a with the given
// units, when fn is a builtin with a FastFunc. It returns the CALL's C
// and whether it is a tail call.
func (c *leafCompiler) callSite(fn Value, a, pc int, units int64) (site leafSite, cc int, tail, ok bool) {
	if fn.k != KindGoFunction || (*GoFunction)(fn.p).Fast == nil && (*GoFunction)(fn.p).Iter == nil {
		return site, 0, false, false
	}
	gf := (*GoFunction)(fn.p)
	site = leafSite{gf: gf, fast: gf.Fast, units: units}
	code := c.cl.Proto.Code
	for pc < len(code) {
		i := code[pc]
		n := len(site.args)
		switch i.Op() {
		case OpCall:
			if i.A() != a || i.B() != n+1 || i.C() == 0 || a+max(n+1, i.C()-1) > c.l.nregs {
				return site, 0, false, false
			}
			site.units++
			site.next = int32(pc + 1)
			if gf.Fast == nil { // a generic for's start, ipairs(t): three results
				site.iter = true
				return site, i.C(), false, n == 1 && i.C() == 4
			}
			site.bind(gf, c.l.consts)
			if t := pc + 1; t+1 < len(code) && code[t].Op() == OpTest && code[t].A() == a && code[t+1].Op() == OpJmp {
				site.test, site.testC = true, code[t].C() != 0
			}
			return site, i.C(), false, true
		case OpTailCall:
			if gf.Fast == nil || i.A() != a || i.B() != n+1 || pc+1 >= len(code) || code[pc+1].Op() != OpReturn ||
				code[pc+1].A() != a || code[pc+1].B() != 0 {
				return site, 0, false, false
			}
			site.units++
			site.bind(gf, c.l.consts)
			return site, 0, true, true
		}
		r := a + 1 + n
		if n == MaxFastArgs || i.A() != r || !c.writes(r) {
			return site, 0, false, false
		}
		arg := leafArg{kind: argConst}
		width := 1
		switch i.Op() {
		case OpMove:
			if !c.reads(i.B()) {
				return site, 0, false, false
			}
			arg = leafArg{kind: argReg, x: int32(i.B())}
			site.units++
		case OpLoadK:
			arg.x = int32(i.Bx())
			site.units++
		case OpField:
			if !c.hasEvent || i.B() != 0 {
				return site, 0, false, false
			}
			arg = leafArg{kind: argField, x: int32(i.C())}
			site.units++
		case OpGetGlobal, OpGetUpval:
			v, u, w, known := c.load(pc)
			if !known {
				return site, 0, false, false
			}
			arg.x, width = c.constant(v), w
			site.units += u
			// A frozen table indexed by a local: needles[i].
			if n := pc + w; w == 1 && n < len(code) && v.k == KindTable && (*Table)(v.p).Frozen() {
				if g := code[n]; g.Op() == OpGetTable && g.A() == r && g.B() == r && g.C()&BitRK == 0 && g.C() != r && c.reads(g.C()) {
					arg = leafArg{kind: argIndex, x: arg.x, key: int32(g.C())}
					width = 2
					site.units++
				}
			}
		default:
			return site, 0, false, false
		}
		site.args = append(site.args, arg)
		pc += width
	}
	return site, 0, false, false
}

// bind specialises the site's FastFunc to its first argument when that
// is a constant and gf can bind it.
func (site *leafSite) bind(gf *GoFunction, consts []Value) {
	if gf.Bind == nil || len(site.args) == 0 || site.args[0].kind != argConst {
		return
	}
	if f := gf.Bind(consts[site.args[0].x]); f != nil {
		site.fast = f
	}
}

// keyUnits returns the extra units of looking up key: one per longString
// bytes of a long string (as OpGetGlobal and OpGetTable charge).
func keyUnits(key Value) int64 {
	if key.k == KindString && key.n > longString {
		return int64(key.n / longString)
	}
	return 0
}

// translate translates the instruction at pc, reporting false for one a
// Leaf cannot run.
func (c *leafCompiler) translate(pc int) (leafInst, bool) {
	in, ok := c.translateWide(pc)
	if !ok {
		return leafInst{}, false
	}
	return in.narrow()
}

// translateWide is translate before the operands are narrowed.
func (c *leafCompiler) translateWide(pc int) (leafWide, bool) {
	p := c.cl.Proto
	i := p.Code[pc]
	a, b, cc := i.A(), i.B(), i.C()
	in := leafWide{a: int32(a), b: int32(b), c: int32(cc), j: int32(pc + 1)}
	// jump returns the target of the JMP after a test at pc.
	jump := func() (int32, bool) {
		if pc+1 >= len(p.Code) || p.Code[pc+1].Op() != OpJmp {
			return 0, false
		}
		return int32(pc + 2 + p.Code[pc+1].SBx()), true
	}
	ok := true
	switch i.Op() {
	case OpMove:
		in.op = leafMove
		ok = c.reads(b) && c.writes(a)
	case OpLoadK:
		in.op, in.b, in.c = leafLoadK, int32(i.Bx()), 0
		ok = c.writes(a)
	case OpLoadBool:
		in.op = leafLoadBool
		if cc != 0 {
			in.j = int32(pc + 2)
		}
		ok = c.writes(a)
	case OpLoadNil:
		in.op = leafLoadNil
		ok = c.writes(a) && c.writes(b)
	case OpGetGlobal, OpGetUpval:
		v, units, width, known := c.load(pc)
		if !known || !c.writes(a) {
			return in, false
		}
		if site, cc, tail, ok := c.callSite(v, a, pc+width, units); ok {
			in.op, in.b, in.c = leafCallSite, int32(len(c.l.sites)), int32(cc)
			if tail {
				in.op = leafTailCallSite
			}
			if site.test { // the target of the JMP after the TEST after the CALL
				in.j = site.next + 2 + int32(p.Code[site.next+1].SBx())
			}
			c.l.sites = append(c.l.sites, site)
		} else {
			in.op, in.b, in.c, in.j = leafLoadK, c.constant(v), int32(units-1), int32(pc+width)
		}
	case OpGetTable:
		in.op = leafGetTable
		ok = c.reads(b) && c.readsRK(cc) && c.writes(a)
	case OpField:
		in.op = leafField
		ok = c.hasEvent && b == 0 && a != 0
		// A field compared at once, event:get_i64(2) > 1000: FIELD, the
		// compare and its JMP as one instruction. A jump to the compare
		// runs its own translation.
		if pc+2 < len(p.Code) && p.Code[pc+2].Op() == OpJmp {
			if n := p.Code[pc+1]; (n.Op() == OpEq || n.Op() == OpLt || n.Op() == OpLe) &&
				(n.B() == a || n.C() == a) && c.readsRK(n.B()) && c.readsRK(n.C()) {
				in = leafWide{op: leafFieldEq + leafOp(n.Op()-OpEq), a: int32(n.A()), b: int32(n.B()), c: int32(n.C()),
					j: int32(pc + 3 + p.Code[pc+2].SBx()), x: int32(a), y: int32(cc)}
			}
		}
	case OpEq, OpLt, OpLe:
		in.op = map[Opcode]leafOp{OpEq: leafEq, OpLt: leafLt, OpLe: leafLe}[i.Op()]
		in.j, ok = jump()
		ok = ok && c.readsRK(b) && c.readsRK(cc)
	case OpTest:
		in.op = leafTest
		in.j, ok = jump()
		ok = ok && c.reads(a)
	case OpTestSet:
		in.op = leafTestSet
		in.j, ok = jump()
		ok = ok && c.reads(b) && c.writes(a)
	case OpJmp:
		in.op, in.j = leafJmp, int32(pc+1+i.SBx())
	case OpNot, OpUnm, OpLen:
		in.op = map[Opcode]leafOp{OpNot: leafNot, OpUnm: leafUnm, OpLen: leafLen}[i.Op()]
		ok = c.reads(b) && c.writes(a)
	case OpAdd, OpSub, OpMul, OpDiv:
		in.op = map[Opcode]leafOp{OpAdd: leafAdd, OpSub: leafSub, OpMul: leafMul, OpDiv: leafDiv}[i.Op()]
		ok = c.readsRK(b) && c.readsRK(cc) && c.writes(a)
	case OpCall:
		// Fixed arguments and results only; the callee is checked at
		// run time.
		in.op = leafCall
		ok = b != 0 && b-1 <= MaxFastArgs && cc != 0 && a+max(b, cc-1) <= p.MaxStackSize
		for r := a; ok && r < a+max(b, cc-1); r++ {
			ok = c.reads(r) && c.writes(r)
		}
	case OpTailCall:
		// Always followed by RETURN A 0, which returns the one result.
		in.op = leafTailCall
		ok = b != 0 && b-1 <= MaxFastArgs && pc+1 < len(p.Code) &&
			p.Code[pc+1].Op() == OpReturn && p.Code[pc+1].A() == a && p.Code[pc+1].B() == 0
		for r := a; ok && r < a+b; r++ {
			ok = c.reads(r) && c.writes(r)
		}
	case OpReturn:
		in.op = leafReturn
		ok = b != 0 && (b == 1 || c.reads(a))
		if b == 0 && pc > 0 && p.Code[pc-1].Op() == OpTailCall {
			// Reached only through the TAILCALL before it, which
			// returns; translated as a plain return of R(A) for a jump
			// here, which the compiler never makes.
			in.b, ok = 2, c.reads(a)
		}
	case OpForPrep:
		in.op, in.j = leafForPrep, int32(pc+1+i.SBx())
		ok = a+3 < p.MaxStackSize && c.writes(a)
	case OpForLoop:
		in.op, in.j = leafForLoop, int32(pc+1+i.SBx())
		ok = a+3 < p.MaxStackSize && c.writes(a)
	case OpTForLoop:
		in.op = leafTForLoop
		in.j, ok = jump()
		ok = ok && cc >= 1 && a+3+cc <= p.MaxStackSize && c.writes(a)
	default:
		return in, false
	}
	return in, ok
}

// completes reports whether some run can complete: whether a return is
// reachable from the first instruction without passing an instruction
// that gives up.
func (l *Leaf) completes() bool {
	seen := make([]bool, len(l.code))
	work := []int32{0}
	for len(work) > 0 {
		pc := work[len(work)-1]
		work = work[:len(work)-1]
		if pc < 0 || int(pc) >= len(l.code) || seen[pc] {
			continue
		}
		seen[pc] = true
		in := &l.code[pc]
		switch in.op {
		case leafReturn, leafTailCall, leafTailCallSite:
			return true
		case leafBail:
		case leafLoadK, leafLoadBool, leafJmp, leafForPrep:
			work = append(work, int32(in.j))
		case leafEq, leafLt, leafLe, leafTest, leafTestSet, leafTForLoop:
			work = append(work, int32(in.j), pc+2)
		case leafFieldEq, leafFieldLt, leafFieldLe:
			work = append(work, int32(in.j), pc+3)
		case leafCallSite:
			site := &l.sites[in.b]
			work = append(work, site.next)
			if site.test {
				work = append(work, site.next+2, int32(in.j))
			}
		default: // leafForLoop, and the instructions that go on to the next
			work = append(work, pc+1, int32(in.j))
		}
	}
	return false
}

// Run runs the function on ev under limits. When ok is true the run
// completed as a Thread's run would (Thread.Eval with ev as the one
// argument): v is the first result, and instructions and bytes are the
// run's counts. When ok is false the Leaf gave up, and the caller runs the
// function on a Thread from the start.
func (l *Leaf) Run(ev *Event, limits Limits) (v Value, instructions, bytes int64, ok bool) {
	switch {
	case l.nregs <= 4:
		return leafRun[[4]Value](l, ev, limits)
	case l.nregs <= 8:
		return leafRun[[8]Value](l, ev, limits)
	case l.nregs <= 16:
		return leafRun[[16]Value](l, ev, limits)
	default:
		return leafRun[[MaxLeafRegisters]Value](l, ev, limits)
	}
}

// leafRegisters are the register files of leafRun: an array, not a slice,
// so that the registers are a variable of leafRun's own frame, which the
// compiler stores to without write barriers.
type leafRegisters interface {
	[4]Value | [8]Value | [16]Value | [MaxLeafRegisters]Value
}

// leafCold is the state of a run that the loop reads only at calls and
// returns. Five fields keep it in memory (the compiler splits a struct of
// at most four into registers), so the loop's registers are left to pc,
// budget and the instruction.
type leafCold struct {
	cap     int64 // the units the run may use: the countdown's start
	bytes   int64 // bytes charged
	memMax  int64 // the memory limit (math.MaxInt64 for none)
	stackHW int   // the stack high-water mark of a Thread's run
	frames  int   // the frame high-water mark
}

// raise charges what a Thread's call of a Go function charges beyond the
// high-water marks (Thread.precall, Thread.fastCall): the stack up to
// need, then the frame. It reports false when the memory limit refuses.
func (c *leafCold) raise(need int) bool {
	if need > c.stackHW {
		if c.bytes += CostValues(need - c.stackHW); c.bytes > c.memMax {
			return false
		}
		c.stackHW = need
	}
	if c.frames == 1 {
		if c.bytes += CostFrame; c.bytes > c.memMax {
			return false
		}
		c.frames = 2
	}
	return true
}

func leafRun[R leafRegisters](l *Leaf, ev *Event, limits Limits) (_ Value, _, _ int64, _ bool) {
	var regs R
	// budget counts down the units the run may still use before the point
	// where a Thread's run commits and looks at the context
	// (checkInterval units) or fails at its limit.
	cold := leafCold{
		cap:     min(meterMax(limits.Instructions), checkInterval),
		bytes:   l.entry,
		memMax:  meterMax(limits.MemoryBytes),
		stackHW: l.stackHW,
		frames:  1,
	}
	if cold.bytes > cold.memMax {
		return Nil, 0, 0, false
	}
	budget := cold.cap
	code, consts := l.code, l.consts
	pc := 0
	var (
		in   *leafInst
		fast FastFunc // a frameless call's function
		args FastArgs // and its arguments
	)
	for {
		if budget <= 0 {
			return Nil, 0, 0, false
		}
		budget--
		in = &code[pc]
		pc++
		switch in.op {
		case leafBail:
			return Nil, 0, 0, false

		case leafMove:
			regs[in.a] = regs[in.b]

		case leafLoadK:
			regs[in.a] = consts[in.b]
			budget -= int64(in.c)
			pc = int(in.j)

		case leafLoadBool:
			regs[in.a] = Bool(in.b != 0)
			pc = int(in.j)

		case leafLoadNil:
			for r := in.a; r <= in.b; r++ {
				regs[r] = Nil
			}

		case leafGetTable:
			t, key := regs[in.b], leafRK(&regs, consts, in.c)
			if t.k != KindTable {
				return Nil, 0, 0, false
			}
			h := (*Table)(t.p)
			v := h.Get(key)
			if v.IsNil() && h.Metatable() != nil {
				return Nil, 0, 0, false
			}
			budget -= keyUnits(key)
			regs[in.a] = v

		case leafField:
			v, ok := l.fields[in.c].get(ev)
			if !ok {
				return Nil, 0, 0, false
			}
			regs[in.a] = v

		case leafEq, leafLt, leafLe, leafFieldEq, leafFieldLt, leafFieldLe:
			op := in.op
			if op >= leafFieldEq {
				// The FIELD, then the compare, a second instruction.
				v, ok := l.fields[in.y].get(ev)
				if !ok || budget <= 0 {
					return Nil, 0, 0, false
				}
				regs[in.x] = v
				budget--
				pc++
				op -= leafFieldEq - leafEq
			}
			b, c := leafRK(&regs, consts, in.b), leafRK(&regs, consts, in.c)
			var r bool
			switch {
			case b.k == KindInt && c.k == KindInt:
				x, y := int64(b.n), int64(c.n)
				r = op == leafEq && x == y || op == leafLt && x < y || op == leafLe && x <= y
			case op == leafEq && b.k == c.k && b.k <= KindBool:
				r = b.n == c.n
			case b.k == KindString && c.k == KindString:
				if op == leafEq {
					if r = b.n == c.n && b.p == c.p; !r && b.n == c.n {
						budget -= int64(b.n / longString)
						r = b.AsString() == c.AsString()
					}
				} else {
					budget -= int64(min(b.n, c.n) / longString)
					if op == leafLt {
						r = b.AsString() < c.AsString()
					} else {
						r = b.AsString() <= c.AsString()
					}
				}
			case b.IsNumber() && c.IsNumber():
				switch op {
				case leafEq:
					r = RawEqual(b, c)
				case leafLt:
					r = NumLess(b, c)
				default:
					r = NumLessEq(b, c)
				}
			case op == leafEq && (b.k != c.k || b.k != KindTable && b.k != KindUserdata || b.p == c.p):
				r = RawEqual(b, c) // __eq is only tried for two different tables or userdata
			default:
				return Nil, 0, 0, false // __eq, __lt, __le, or an error
			}
			if r == (in.a != 0) {
				goto jump
			}
			pc++ // past the JMP

		case leafTest:
			if regs[in.a].Truthy() == (in.c != 0) {
				goto jump
			}
			pc++

		case leafTestSet:
			if b := regs[in.b]; b.Truthy() == (in.c != 0) {
				regs[in.a] = b
				goto jump
			}
			pc++

		case leafJmp:
			pc = int(in.j)

		case leafNot:
			regs[in.a] = Bool(!regs[in.b].Truthy())

		case leafAdd, leafSub, leafMul, leafDiv:
			v, ok := leafArith(in.op, leafRK(&regs, consts, in.b), leafRK(&regs, consts, in.c))
			if !ok {
				return Nil, 0, 0, false
			}
			regs[in.a] = v

		case leafUnm:
			b := regs[in.b]
			if r, ok := negInt(int64(b.n)); b.k == KindInt && ok {
				regs[in.a] = Int(r)
			} else if b.k == KindFloat {
				regs[in.a] = Float(-b.AsFloat())
			} else {
				return Nil, 0, 0, false
			}

		case leafLen:
			switch b := regs[in.b]; b.k {
			case KindString:
				regs[in.a] = Int(int64(b.n))
			case KindTable:
				regs[in.a] = Int((*Table)(b.p).Len())
			default:
				return Nil, 0, 0, false
			}

		case leafReturn:
			if in.b == 1 {
				return Nil, cold.cap - budget, cold.bytes, true
			}
			return regs[in.a], cold.cap - budget, cold.bytes, true

		case leafForPrep:
			a := in.a
			init, limit, step := regs[a], regs[a+1], regs[a+2]
			if !init.IsNumber() || !limit.IsNumber() || !step.IsNumber() {
				return Nil, 0, 0, false // coercion or an error
			}
			regs[a], regs[a+1], regs[a+2] = forPrep(init, limit, step)
			pc = int(in.j)

		case leafForLoop:
			a := in.a
			idx, limit, step := regs[a], regs[a+1], regs[a+2]
			if idx.k == KindInt {
				if r, again := forStepInt(int64(idx.n), int64(step.n), int64(limit.n)); again {
					regs[a] = Value{k: KindInt, n: uint64(r)}
					regs[a+3] = regs[a]
					pc = int(in.j)
				}
			} else if x, again := forStepFloat(idx.AsFloat(), step.AsFloat(), limit.AsFloat()); again {
				regs[a] = Float(x)
				regs[a+3] = regs[a]
				pc = int(in.j)
			}

		case leafTForLoop:
			// Thread's OP_TFORLOOP: the stack for the iterator's call
			// (three values and MinStack above R(A+3)), the frame, the
			// call, its results truncated or padded to C.
			gen := regs[in.a]
			if gen.k != KindGoFunction {
				return Nil, 0, 0, false
			}
			step := (*GoFunction)(gen.p).Step
			if step == nil || !cold.raise(1+int(in.a)+3+3+MinStack) {
				return Nil, 0, 0, false
			}
			k, v, ok := step(regs[in.a+1], regs[in.a+2])
			if !ok {
				return Nil, 0, 0, false
			}
			regs[in.a+3] = k
			if in.c >= 2 {
				regs[in.a+4] = v
			}
			for r := in.a + 5; r < in.a+3+in.c; r++ {
				regs[r] = Nil
			}
			if !k.IsNil() {
				regs[in.a+2] = k
				goto jump
			}
			pc++ // past the JMP

		case leafCall, leafTailCall:
			callee := regs[in.a]
			if callee.k != KindGoFunction {
				return Nil, 0, 0, false
			}
			if fast = (*GoFunction)(callee.p).Fast; fast == nil {
				return Nil, 0, 0, false
			}
			args = FastArgs{N: int(in.b - 1)}
			for j := range args.N {
				args.V[j] = regs[int(in.a)+1+j]
			}
			goto call

		case leafCallSite, leafTailCallSite:
			site := &l.sites[in.b]
			if budget -= site.units - 1; budget < 0 {
				return Nil, 0, 0, false
			}
			regs[in.a] = FunctionValue(site.gf)
			fast = site.fast
			args = FastArgs{N: len(site.args)}
			for j := range site.args {
				var v Value
				switch arg := &site.args[j]; arg.kind {
				case argReg:
					v = regs[arg.x]
				case argConst:
					v = consts[arg.x]
				case argField:
					var ok bool
					if v, ok = l.fields[arg.x].get(ev); !ok {
						return Nil, 0, 0, false
					}
				case argIndex:
					h, key := (*Table)(consts[arg.x].p), regs[arg.key]
					if v = h.Get(key); v.IsNil() && h.Metatable() != nil {
						return Nil, 0, 0, false
					}
					if budget -= keyUnits(key); budget < 0 {
						return Nil, 0, 0, false
					}
				}
				regs[int(in.a)+1+j] = v
				args.V[j] = v
			}
			if site.iter { // ipairs(t): the generator, its state, its control
				f, state, control, ok := site.gf.Iter(args.V[0])
				if !ok || !cold.raise(2+int(in.a)+args.N+MinStack) {
					return Nil, 0, 0, false
				}
				regs[in.a], regs[in.a+1], regs[in.a+2] = FunctionValue(f), state, control
				pc = int(site.next)
				continue
			}
			goto call
		}
		continue

	call:
		// A frameless call of fast at R(in.a) with args: Thread.fastCall's
		// charges, then the FastFunc.
		{
			if !cold.raise(2 + int(in.a) + args.N + MinStack) {
				return Nil, 0, 0, false
			}
			v, u, by, ok := fast(args, budget, cold.memMax-cold.bytes)
			if !ok || u > budget || by > cold.memMax-cold.bytes {
				return Nil, 0, 0, false
			}
			budget -= u
			cold.bytes += by
			if in.op == leafTailCall || in.op == leafTailCallSite {
				if budget <= 0 {
					return Nil, 0, 0, false
				}
				return v, cold.cap - budget + 1, cold.bytes, true // and the RETURN
			}
			regs[in.a] = v
			for r := in.a + 1; r < in.a+in.c-1; r++ {
				regs[r] = Nil
			}
			if in.op == leafCallSite {
				site := &l.sites[in.b]
				pc = int(site.next)
				if site.test { // the TEST, and its JMP when taken
					if budget <= 0 {
						return Nil, 0, 0, false
					}
					budget--
					if pc += 2; v.Truthy() == site.testC {
						goto jump // to the JMP's target, in in.j
					}
				}
			}
		}
		continue

	jump:
		// The JMP after a compare or a test, taken: its own unit.
		if budget <= 0 {
			return Nil, 0, 0, false
		}
		budget--
		pc = int(in.j)
	}
}

// leafRK returns RK(x) of a leafRun.
func leafRK[R leafRegisters](regs *R, consts []Value, x int16) Value {
	if x&BitRK != 0 {
		return consts[x&^BitRK]
	}
	return (*regs)[x]
}

// leafArith is the interpreter's arithmetic fast paths (no coercion, no
// overflow into floats, no metamethods); ok is false for anything else.
func leafArith(op leafOp, b, c Value) (Value, bool) {
	if b.k == KindInt && c.k == KindInt {
		var r int64
		ok := false
		x, y := int64(b.n), int64(c.n)
		switch op {
		case leafAdd:
			r, ok = addInt(x, y)
		case leafSub:
			r, ok = subInt(x, y)
		case leafMul:
			r, ok = mulInt(x, y)
		}
		return Int(r), ok // leafDiv: the interpreter divides integers on its slow path
	}
	if b.k == KindFloat && c.k == KindFloat {
		x, y := b.AsFloat(), c.AsFloat()
		switch op {
		case leafAdd:
			return Float(x + y), true
		case leafSub:
			return Float(x - y), true
		case leafMul:
			return Float(x * y), true
		case leafDiv:
			return Float(x / y), true
		}
	}
	return Nil, false
}

// EntryBytes returns the bytes every run of the function is charged
// before its first instruction (the interpreter's entry and frame).
func (l *Leaf) EntryBytes() int64 { return l.entry }

// Sites returns how many calls of builtins the compilation resolved and
// runs as one instruction each (leafSite), for tests and tools.
func (l *Leaf) Sites() int { return len(l.sites) }
