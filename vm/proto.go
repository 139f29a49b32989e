package vm

import (
	"sync/atomic"
	"unsafe"
)

// Pos is a source position in a prototype's line table: a 1-based line and
// a 1-based byte column; zero means unknown. (vm cannot import ast, so it
// has its own copy of the type.)
type Pos struct {
	Line, Col int32
}

// Proto is a compiled function prototype: the immutable output of the
// compiler. A Proto is never modified after compilation, so one Proto can be
// run by any number of goroutines at once.
type Proto struct {
	Source          string // chunk name, e.g. "rule.lua"
	Name            string // name for tracebacks, e.g. "a.b:m"; empty if anonymous
	LineDefined     int    // line of "function"; 0 for the main chunk
	LastLineDefined int    // line of the closing "end"

	NumParams    int  // number of fixed parameters
	IsVararg     bool // the function takes "..."
	NeedsArg     bool // conformance profile: the function uses the implicit 5.0 "arg" table
	MaxStackSize int  // registers the function needs

	Code   []Instruction // the instructions
	PosTab []Pos         // PosTab[pc] is the source position of Code[pc]
	Consts []Value       // the constants (nil, booleans, numbers, strings)
	Protos []*Proto      // the prototypes of nested functions (OpClosure Bx)

	Upvals  []UpvalDesc // how OpClosure captures each upvalue
	LocVars []LocVar    // local variable names and live ranges, for error messages

	// Fields lists the event field references of OpField instructions.
	Fields []FieldRef

	// kh caches the table hash (tabStrHash) of every string constant, so
	// that OpGetGlobal and OpGetTable with a constant name do not rehash
	// it on every execution. It is filled by NewClosure for the whole
	// prototype tree before any run; a prototype without it is run with
	// hashes computed on the spot. Racing fills store equal slices. It
	// points at the first of len(Consts) hashes: one allocation, no slice
	// header of its own.
	kh atomic.Pointer[uint32]
}

// prepare fills the constant hash caches of p and of every prototype
// nested in it (setup time, uncharged like the Proto itself). It walks the
// tree with an explicit work list.
func (p *Proto) prepare() {
	work := []*Proto{p}
	for len(work) > 0 {
		q := work[len(work)-1]
		work = work[:len(work)-1]
		if q.kh.Load() == nil && len(q.Consts) > 0 {
			h := make([]uint32, len(q.Consts))
			for i, k := range q.Consts {
				if k.k == KindString {
					h[i] = tabStrHash(k.AsString())
				}
			}
			q.kh.Store(&h[0])
		}
		work = append(work, q.Protos...)
	}
}

// constHashes returns the cached string constant hashes, or nil.
func (p *Proto) constHashes() []uint32 {
	if h := p.kh.Load(); h != nil {
		return unsafe.Slice(h, len(p.Consts))
	}
	return nil
}

// UpvalDesc describes one upvalue of a closure: either register Index of the
// enclosing function (InStack) or upvalue Index of the enclosing closure.
type UpvalDesc struct {
	Name    string
	InStack bool
	Index   int
}

// LocVar names a local variable living in register order of declaration
// while StartPC <= pc < EndPC (lobject.h LocVar).
type LocVar struct {
	Name           string
	StartPC, EndPC int
}

// FieldKind selects which event accessor an OpField instruction performs.
type FieldKind uint8

// The event accessors that compile to OpField, named after the script API
// methods event:get_i64(id) and so on.
const (
	FieldGetI64 FieldKind = iota
	FieldGetU64
	FieldGetF64
	FieldGetStr
	FieldGetBool
	FieldGetBytes
	FieldHas
)

// FieldRef is a field access compiled into an OpField instruction: the
// field id and the accessor.
type FieldRef struct {
	ID   int64
	Kind FieldKind
}
