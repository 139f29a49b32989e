package compiler

import (
	"github.com/kestrel-runtime/lua/ast"
	"github.com/kestrel-runtime/lua/vm"
)

// This file compiles expressions, following lparser.c's expression
// functions (simpleexp, primaryexp, funcargs, constructor, body).

// expr compiles e into the descriptor v, emitting as little code as
// possible: the consumer decides where the value goes.
func (fs *funcState) expr(e ast.Expr, v *expdesc) {
	switch e := e.(type) {
	case *ast.Nil:
		v.init(vNil, 0)
	case *ast.True:
		v.init(vTrue, 0)
	case *ast.False:
		v.init(vFalse, 0)
	case *ast.Number:
		v.init(vKNum, 0)
		if e.IsInt {
			v.nval = vm.Int(e.Int)
		} else {
			v.nval = vm.Float(e.Float)
		}
	case *ast.String:
		v.init(vK, fs.stringK(e.Value))
	case *ast.Vararg:
		if !fs.f.IsVararg {
			fs.c.errorAt(e.Pos(), "cannot use '...' outside a vararg function near '...'")
		}
		fs.usesVararg = true
		// Lua emits VARARG before it reads the "...".
		v.init(vVararg, fs.code(vm.ABC(vm.OpVararg, 0, 1, 0), fs.at(toPos(e.Pos()))))
	case *ast.Function:
		fs.body(e, false, v, e.Pos(), e.Name)
	case *ast.Table:
		fs.constructor(e, v)
	case *ast.Name:
		fs.singleVar(e, v)
	case *ast.Paren:
		fs.expr(e.X, v)
		fs.readTo(e.End())  // Lua fetches the value once ")" is read
		fs.dischargeVars(v) // truncates calls and "..." to one value
	case *ast.Index:
		fs.expr(e.X, v)
		if e.X == fs.lookahead && e.Key.Pos().IsValid() {
			fs.pos = vm.Pos{Line: int32(e.Key.Pos().Line)} // the "." or "[": guessed from the key
		}
		fs.exp2AnyReg(v)
		var key expdesc
		if s, ok := e.Key.(*ast.String); ok && e.Dot {
			key.init(vK, fs.stringK(s.Value))
		} else {
			fs.expr(e.Key, &key)
			fs.exp2Val(&key)
		}
		fs.indexed(v, &key, luaPos(e.End(), openPos(e.X, e)))
	case *ast.Call:
		fs.expr(e.Fn, v)
		pos := callPos(e.Fn, e, e.Args)
		if e.Fn == fs.lookahead {
			pos = lookaheadCallPos(e)
			fs.pos = pos
		}
		fs.exp2NextReg(v)
		fs.funcArgs(v, e, e.Args, pos)
	case *ast.MethodCall:
		fs.methodCall(e, v, false)
	case *ast.Binary:
		fs.expr(e.X, v)
		if e.OpPos.IsValid() {
			// Lua prepares the left operand once the operator is read.
			fs.pos = toPos(e.OpPos)
		}
		fs.next = e.Y
		fs.infix(e.Op, v)
		fs.next = nil
		var v2 expdesc
		fs.expr(e.Y, &v2)
		pos := e.OpPos
		if !pos.IsValid() {
			pos = e.Pos()
		}
		fs.posfix(e.Op, v, &v2, luaPos(e.End(), toPos(pos)))
	case *ast.Unary:
		fs.expr(e.X, v)
		fs.prefix(e.Op, v, luaPos(e.End(), toPos(e.Pos())))
	default:
		panic("compiler: unknown expression")
	}
	// Code emitted from now on (when the value is discharged, jumps of the
	// enclosing statement) belongs to the line where e ends, as in Lua,
	// whose code generator stamps instructions with the line of the last
	// token read.
	if end := e.End(); end.IsValid() {
		fs.pos = luaPos(end, toPos(e.Pos()))
	}
}

// openPos is the position of the token after x inside n, which is where a
// call's "(" or an index's "." or "[" is; it falls back to n's start.
func openPos(x, n ast.Node) vm.Pos {
	if p := x.End(); p.IsValid() {
		return toPos(p)
	}
	return toPos(n.Pos())
}

// luaPos is the position recorded for an instruction that Lua 5.1 emits
// once the construct ending at end has been read (an operator, an index,
// an assignment's store): Lua gives it the line of the construct's last
// token, and runtime errors must report that line to be identical to Lua
// 5.1's. The column is at's (the operator, the "." or "[", the target)
// when at is on that line, else unknown (0).
func luaPos(end ast.Pos, at vm.Pos) vm.Pos {
	if !end.IsValid() {
		return at
	}
	if int(at.Line) == end.Line {
		return at
	}
	return vm.Pos{Line: int32(end.Line)}
}

// callPos is the position of a call (lparser.c funcargs): where its
// arguments open. Lua takes the line of the current token when it starts
// reading them: the "(" or "{", or the end of a string argument (the
// sugar f"str" and f[[long string]], where the lexer has read the whole
// string). A sugar call has no closing parenthesis, so it ends where its
// only argument ends.
func callPos(fn, call ast.Node, args []ast.Expr) vm.Pos {
	if sugarCall(call, args) {
		switch a := args[0].(type) {
		case *ast.String:
			return luaPos(a.End(), toPos(a.Pos()))
		case *ast.Table:
			return toPos(a.Pos())
		}
	}
	return openPos(fn, call)
}

// lookaheadCallPos is the position of a call f(args) whose function is
// the name starting a list item of a table constructor. lparser.c
// constructor reads one token ahead after such a name (to tell "name ="
// from an expression), which moves its idea of the previous line to the
// line of the "(": so "{ f\n(1) }" is a call (elsewhere a "(" on a new
// line is an ambiguity error) and it, with the fetch of f, belongs to the
// line of the "(". The tree keeps no position for the "("; it lies between
// the name and the first argument, and is taken to be on the line of the
// first argument (of the call's ")" when there is none).
func lookaheadCallPos(call *ast.Call) vm.Pos {
	if sugarCall(call, call.Args) {
		return callPos(call.Fn, call, call.Args) // string or table argument
	}
	line := call.End().Line
	if len(call.Args) > 0 {
		line = call.Args[0].Pos().Line
	}
	if line == 0 { // no positions in the tree
		return callPos(call.Fn, call, call.Args)
	}
	if fn := call.Fn.End(); fn.Line == line {
		return toPos(fn)
	}
	return vm.Pos{Line: int32(line)}
}

// leftmostName returns the name that is the first token of e, if e is a
// name, or a call, index, method call or binary operation starting with
// one.
func leftmostName(e ast.Expr) *ast.Name {
	name, _ := leftmost(e).(*ast.Name)
	return name
}

// readTo records that the token ending at end (a ")", "]" or "}") has
// been read: code emitted from now on belongs to its line.
func (fs *funcState) readTo(end ast.Pos) {
	if end.IsValid() && end.Line != int(fs.pos.Line) {
		fs.pos = vm.Pos{Line: int32(end.Line), Col: int32(max(end.Col-1, 0))}
	}
}

// sugarCall reports whether call is f"str", f[[str]] or f{...}: its only
// argument ends where the call ends (there is no ")").
func sugarCall(call ast.Node, args []ast.Expr) bool {
	if len(args) != 1 || !call.End().IsValid() || call.End() != args[0].End() {
		return false
	}
	switch args[0].(type) {
	case *ast.String, *ast.Table:
		return true
	}
	return false
}

// explist compiles a list of expressions: all but the last go to
// consecutive registers; the last is left in v. It returns the count.
func (fs *funcState) explist(es []ast.Expr, v *expdesc) int {
	fs.expr(es[0], v)
	for _, e := range es[1:] {
		fs.next = e
		fs.exp2NextReg(v)
		fs.next = nil
		fs.expr(e, v)
	}
	return len(es)
}

// funcArgs compiles the arguments of a call whose function is in register
// f.info and emits the OpCall (lparser.c funcargs).
func (fs *funcState) funcArgs(f *expdesc, call ast.Node, args []ast.Expr, pos vm.Pos) {
	var a expdesc
	if len(args) == 0 {
		a.init(vVoid, 0)
	} else {
		fs.explist(args, &a)
		if hasMultRet(a.k) {
			fs.setMultRet(&a)
		}
	}
	if !sugarCall(call, args) {
		// Lua closes the last argument once ")" is read.
		fs.readTo(call.End())
	}
	base := f.info
	var nparams int
	if hasMultRet(a.k) {
		nparams = multRet // open call
	} else {
		if a.k != vVoid {
			fs.exp2NextReg(&a) // close last argument
		}
		nparams = fs.freereg - (base + 1)
	}
	f.init(vCall, fs.code(vm.ABC(vm.OpCall, base, nparams+1, 2), pos))
	fs.freereg = base + 1 // the call removes function and arguments, leaves one result
}

// constructor compiles a table constructor (lparser.c constructor).
func (fs *funcState) constructor(t *ast.Table, v *expdesc) {
	// Lua emits NEWTABLE before it reads the "{".
	pc := fs.code(vm.ABC(vm.OpNewTable, 0, 0, 0), fs.at(toPos(t.Pos())))
	v.init(vRelocable, pc)
	fs.exp2NextReg(v) // fix it at stack top
	var item expdesc  // last list item read
	item.init(vVoid, 0)
	na, nh, toStore := 0, 0, 0
	for _, fld := range t.Fields {
		// Close the previous list item.
		if item.k != vVoid {
			fs.exp2NextReg(&item)
			item.init(vVoid, 0)
			if toStore == vm.FieldsPerFlush {
				fs.setList(v.info, na, toStore) // flush
				toStore = 0
			}
		}
		switch fld.Kind {
		case ast.FieldPositional:
			saved := fs.lookahead
			fs.lookahead = leftmostName(fld.Value)
			fs.expr(fld.Value, &item)
			fs.lookahead = saved
			na++
			toStore++
		default:
			fs.recField(v, fld)
			nh++
		}
	}
	// The last list item: a call or "..." supplies all its values. Lua
	// closes it, and stores the pending items, once "}" is read.
	fs.readTo(t.End())
	if toStore > 0 {
		if hasMultRet(item.k) {
			fs.setMultRet(&item)
			fs.setList(v.info, na, multRet)
			na-- // do not count the last expression (unknown number of elements)
		} else {
			if item.k != vVoid {
				fs.exp2NextReg(&item)
			}
			fs.setList(v.info, na, toStore)
		}
	}
	i := &fs.f.Code[pc]
	*i = i.WithB(int2fb(na)).WithC(int2fb(nh))
}

// recField compiles a "name = exp" or "[exp] = exp" constructor field.
func (fs *funcState) recField(t *expdesc, fld *ast.TableField) {
	reg := fs.freereg
	var key, val expdesc
	if s, ok := fld.Key.(*ast.String); ok && fld.Kind == ast.FieldNamed {
		key.init(vK, fs.stringK(s.Value))
	} else {
		fs.expr(fld.Key, &key)
		fs.exp2Val(&key)
	}
	// Lua loads a key that does not fit an RK operand once the "=" is
	// read, taken to be on the line where the key ends.
	fs.readTo(fld.Key.End())
	rkKey := fs.exp2RK(&key)
	fs.expr(fld.Value, &val)
	fs.code(vm.ABC(vm.OpSetTable, t.info, rkKey, fs.exp2RK(&val)), luaPos(fld.End(), toPos(fld.Pos())))
	fs.freereg = reg // free registers
}

// body compiles a function body into a new prototype and emits the
// OpClosure that instantiates it (lparser.c body and pushclosure).
func (fs *funcState) body(fn *ast.Function, needSelf bool, v *expdesc, pos ast.Pos, name string) {
	nfs := fs.c.openFunc(fs, pos)
	if pos.Line == 0 {
		nfs.f.LineDefined = 1 // never 0, which means the main chunk
	}
	nfs.f.Name = name
	nfs.f.LastLineDefined = fn.End().Line
	n := 0
	if needSelf {
		nfs.newLocalVar("self", n, pos)
		n++
	}
	for _, p := range fn.Params {
		nfs.newLocalVar(p.Name, n, p.Pos())
		n++
	}
	nparams := n
	if fn.IsVararg {
		nfs.f.IsVararg = true
		if fs.c.opts.CompatVarargArg {
			// LUA_COMPAT_VARARG: an implicit local "arg" after the
			// parameters; the VM fills it unless the body uses "...".
			nfs.newLocalVar("arg", n, pos)
			n++
			nfs.f.NeedsArg = true
		}
	}
	nfs.adjustLocalVars(n)
	nfs.f.NumParams = nparams
	nfs.reserveRegs(n)
	nfs.chunk(fn.Body)
	nfs.pos = endPos(fn)
	nfs.closeFunc()
	fs.f.Protos = append(fs.f.Protos, nfs.f)
	if len(fs.f.Protos) > vm.MaxArgBx {
		fs.c.errorAt(pos, "constant table overflow")
	}
	// Lua emits the closure once the body is read: the line of its "end".
	v.init(vRelocable, fs.code(vm.ABx(vm.OpClosure, 0, len(fs.f.Protos)-1), luaPos(fn.End(), toPos(pos))))
}
