package compiler

import (
	"github.com/kestrel-runtime/lua/ast"
	"github.com/kestrel-runtime/lua/vm"
)

// Event field accessors.
//
// A method call NAME:accessor(K), where NAME is a local variable (of this
// or an enclosing function), accessor one of the event accessors below and
// K an integer literal or (when a schema is given) a string literal, is an
// event field site. A string K names a field of the schema and is replaced
// by its id at compile time (in both Optimize modes); a name the schema
// does not know is a compile error. Without a schema, a string K leaves
// the call an ordinary method call. With a schema, an accessor whose type disagrees with the field's
// type is a compile error too.
//
// With Optimize, a site whose receiver is a local of the current function
// compiles to one OpField A B C: R(A) := R(B):accessor(id), with
// Proto.Fields[C] = {id, kind}. It yields exactly one value, like a
// parenthesised call: the event accessors return one value, so results
// are the call's, except for a receiver that is not an event and whose own
// get_* method returns several values in a multi-value context (the last
// argument of a call, of a return or of a constructor), where only the
// first survives. A site used as a statement, or beyond the MaxFieldSites
// distinct references of a function, compiles to an ordinary method call.

// accessor describes one event accessor method.
type accessor struct {
	kind vm.FieldKind
	typ  vm.EventType // the field type it reads; TypeNone: any (has_field)
}

var accessors = map[string]accessor{
	"get_i64":   {vm.FieldGetI64, vm.TypeI64},
	"get_u64":   {vm.FieldGetU64, vm.TypeU64},
	"get_f64":   {vm.FieldGetF64, vm.TypeF64},
	"get_str":   {vm.FieldGetStr, vm.TypeString},
	"get_bool":  {vm.FieldGetBool, vm.TypeBool},
	"get_bytes": {vm.FieldGetBytes, vm.TypeBytes},
	"has_field": {vm.FieldHas, vm.TypeNone},
}

// methodCall compiles Recv:Name(Args). stmt is true for a call statement,
// whose result is discarded.
func (fs *funcState) methodCall(e *ast.MethodCall, v *expdesc, stmt bool) {
	pos := callPos(e.Name, e, e.Args)
	args := e.Args
	if acc, ok := accessors[e.Name.Name]; ok && len(args) == 1 {
		if recv, ok := e.Recv.(*ast.Name); ok && fs.isLocalName(recv.Name) {
			if id, ok := fs.fieldID(e.Name.Name, acc, args[0]); ok {
				if reg := fs.searchVar(recv.Name); reg >= 0 && !stmt && fs.c.opts.Optimize {
					if idx, ok := fs.fieldIndex(vm.FieldRef{ID: id, Kind: acc.kind}); ok {
						v.init(vRelocable, fs.code(vm.ABC(vm.OpField, 0, reg, idx), pos))
						return
					}
				}
				if _, isStr := args[0].(*ast.String); isStr {
					num := &ast.Number{Span: spanOf(args[0]), IsInt: true, Int: id}
					args = []ast.Expr{num}
				}
			}
		}
	}
	fs.expr(e.Recv, v)
	var key expdesc
	key.init(vK, fs.stringK(e.Name.Name))
	// Lua emits SELF, fetching the receiver first, once the method name
	// is read.
	fs.pos = openPos(e.Name, e)
	fs.self(v, &key, fs.pos)
	fs.funcArgs(v, e, args, pos)
}

func spanOf(n ast.Node) ast.Span { return ast.Span{From: n.Pos(), To: n.End()} }

// isLocalName reports whether name resolves to a local variable of this or
// an enclosing function (not a global).
func (fs *funcState) isLocalName(name string) bool {
	for f := fs; f != nil; f = f.prev {
		if f.searchVar(name) >= 0 {
			return true
		}
	}
	return false
}

// fieldID returns the field id of the accessor argument arg, resolving
// names through the schema and checking the accessor's type. ok is false
// when arg is not a literal id or name.
func (fs *funcState) fieldID(method string, acc accessor, arg ast.Expr) (id int64, ok bool) {
	schema := fs.c.opts.Schema
	var fld Field
	found := false
	switch a := arg.(type) {
	case *ast.Number:
		if !a.IsInt {
			return 0, false
		}
		id = a.Int
		if schema != nil {
			fld, found = schema.FieldByID(id)
		}
	case *ast.String:
		if schema == nil {
			// Without a schema a name means nothing to the compiler: the
			// call stays an ordinary method call, valid Lua on any
			// receiver (an event rejects the string id at run time).
			return 0, false
		}
		if fld, found = schema.FieldByName(a.Value); !found {
			fs.c.errorAt(arg.Pos(), "unknown event field '%s'", a.Value)
		}
		id = fld.ID
	default:
		return 0, false
	}
	if found && acc.typ != vm.TypeNone && fld.Type != acc.typ {
		fs.c.errorAt(arg.Pos(), "event field %d '%s' has type %s, but %s reads %s",
			fld.ID, fld.Name, fld.Type, method, acc.typ)
	}
	return id, true
}

// fieldIndex returns the index of ref in Proto.Fields, adding it; ok is
// false when OpField's C operand cannot encode more references.
func (fs *funcState) fieldIndex(ref vm.FieldRef) (int, bool) {
	for i, r := range fs.f.Fields {
		if r == ref {
			return i, true
		}
	}
	if len(fs.f.Fields) >= MaxFieldSites {
		return 0, false
	}
	fs.f.Fields = append(fs.f.Fields, ref)
	return len(fs.f.Fields) - 1, true
}
