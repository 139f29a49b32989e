package vm

import (
	"math"
	"unsafe"
)

// Kind is the dynamic type tag of a [Value]. Lua's type() folds KindInt and
// KindFloat into "number", and KindLuaFunction and KindGoFunction into
// "function".
type Kind uint8

// The value kinds.
const (
	KindNil Kind = iota
	KindBool
	KindInt   // an integer-valued number that is exact in int64 (see SUBSET.md)
	KindFloat // every other number
	KindString
	KindTable
	KindLuaFunction
	KindGoFunction
	KindUserdata // host data such as the event; p points to a *Userdata
)

// Value is a Lua value: a tagged union that never boxes numbers, booleans
// or nil on the heap.
//
// The representation is three words:
//
//	k  the Kind
//	n  the payload of scalars: int64 bits (KindInt), float64 bits
//	   (KindFloat), 0 or 1 (KindBool); for strings, the length
//	p  the payload of references: the first byte of a string's data, or a
//	   *Table, *Closure, *GoFunction or *Userdata
//
// Keeping a string as (data pointer, length) rather than as a pointer to a
// string header means a Go string becomes a Value without allocating, which
// is what makes field access and string builtins allocation-free. The
// pointer keeps the bytes alive for the garbage collector; Go strings are
// immutable, so sharing them is safe.
//
// The zero Value is nil.
type Value struct {
	p unsafe.Pointer
	n uint64
	k Kind
}

// Nil is the nil value.
var Nil = Value{}

// True and False are the boolean values.
var (
	True  = Value{k: KindBool, n: 1}
	False = Value{k: KindBool}
)

// Bool returns the boolean value b.
func Bool(b bool) Value {
	if b {
		return True
	}
	return False
}

// Int returns the integer number i.
func Int(i int64) Value { return Value{k: KindInt, n: uint64(i)} }

// Float returns the float number f. It does not normalise integral floats
// to integers; use [Number] for that.
func Float(f float64) Value { return Value{k: KindFloat, n: math.Float64bits(f)} }

// Number returns f as an integer Value when f is integral and exactly
// representable in int64, and as a float Value otherwise. Negative zero
// stays a float so that 1/(-0) remains -inf.
func Number(f float64) Value {
	if f >= -9223372036854775808 && f < 9223372036854775808 {
		i := int64(f)
		if float64(i) == f && (i != 0 || !math.Signbit(f)) {
			return Int(i)
		}
	}
	return Float(f)
}

// String returns the string value s without copying it.
func String(s string) Value {
	return Value{k: KindString, p: unsafe.Pointer(unsafe.StringData(s)), n: uint64(len(s))}
}

// Kind returns v's dynamic type tag.
func (v Value) Kind() Kind { return v.k }

// IsNil reports whether v is nil.
func (v Value) IsNil() bool { return v.k == KindNil }

// IsNumber reports whether v is a number (integer or float).
func (v Value) IsNumber() bool { return v.k == KindInt || v.k == KindFloat }

// Truthy reports whether v counts as true in a condition: everything but
// nil and false.
func (v Value) Truthy() bool { return v.k > KindBool || v.k == KindBool && v.n != 0 }

// AsBool returns the payload of a boolean value.
func (v Value) AsBool() bool { return v.n != 0 }

// AsInt returns the payload of a KindInt value.
func (v Value) AsInt() int64 { return int64(v.n) }

// AsFloat returns the payload of a KindFloat value.
func (v Value) AsFloat() float64 { return math.Float64frombits(v.n) }

// AsString returns the payload of a KindString value, without copying.
func (v Value) AsString() string { return unsafe.String((*byte)(v.p), int(v.n)) }

// ToFloat returns the value of a number as a float64; ok is false when v is
// not a number.
func (v Value) ToFloat() (f float64, ok bool) {
	switch v.k {
	case KindInt:
		return float64(int64(v.n)), true
	case KindFloat:
		return math.Float64frombits(v.n), true
	}
	return 0, false
}

// TypeName returns the name Lua's type() gives v's type.
func (v Value) TypeName() string { return typeNames[v.k] }

var typeNames = [...]string{
	KindNil:         "nil",
	KindBool:        "boolean",
	KindInt:         "number",
	KindFloat:       "number",
	KindString:      "string",
	KindTable:       "table",
	KindLuaFunction: "function",
	KindGoFunction:  "function",
	KindUserdata:    "userdata",
}
