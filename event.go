package lua

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"

	"github.com/kestrel-runtime/lua/vm"
)

// FieldValue is a typed event field value. Make one with [I64], [U64],
// [F64], [String], [Bool] or [Bytes]; the zero FieldValue has no type and
// is rejected by the builder.
type FieldValue struct {
	typ FieldType
	n   uint64 // bits of i64, u64, f64 (math.Float64bits) and bool (0/1)
	s   string // string and bytes payloads
}

// I64 returns a signed 64-bit integer field value.
func I64(v int64) FieldValue { return FieldValue{typ: TypeI64, n: uint64(v)} }

// U64 returns an unsigned 64-bit integer field value.
func U64(v uint64) FieldValue { return FieldValue{typ: TypeU64, n: v} }

// F64 returns a floating-point field value.
func F64(v float64) FieldValue { return FieldValue{typ: TypeF64, n: math.Float64bits(v)} }

// String returns a string field value.
func String(v string) FieldValue { return FieldValue{typ: TypeString, s: v} }

// Bool returns a boolean field value.
func Bool(v bool) FieldValue {
	if v {
		return FieldValue{typ: TypeBool, n: 1}
	}
	return FieldValue{typ: TypeBool}
}

// Bytes returns a byte-string field value. The bytes are copied.
func Bytes(v []byte) FieldValue { return FieldValue{typ: TypeBytes, s: string(v)} }

// Type returns the value's type (vm.TypeNone for the zero FieldValue).
func (v FieldValue) Type() FieldType { return v.typ }

// Int64 returns an i64 value.
func (v FieldValue) Int64() (int64, bool) { return int64(v.n), v.typ == TypeI64 }

// Uint64 returns a u64 value.
func (v FieldValue) Uint64() (uint64, bool) { return v.n, v.typ == TypeU64 }

// Float64 returns an f64 value.
func (v FieldValue) Float64() (float64, bool) { return math.Float64frombits(v.n), v.typ == TypeF64 }

// Str returns a string value.
func (v FieldValue) Str() (string, bool) { return v.s, v.typ == TypeString }

// Boolean returns a bool value.
func (v FieldValue) Boolean() (bool, bool) { return v.n != 0, v.typ == TypeBool }

// ByteSlice returns a copy of a bytes value.
func (v FieldValue) ByteSlice() ([]byte, bool) {
	if v.typ != TypeBytes {
		return nil, false
	}
	return []byte(v.s), true
}

// String formats the value for humans: `i64 -3`, `string "/tmp/x"`.
func (v FieldValue) String() string {
	switch v.typ {
	case TypeI64:
		return "i64 " + strconv.FormatInt(int64(v.n), 10)
	case TypeU64:
		return "u64 " + strconv.FormatUint(v.n, 10)
	case TypeF64:
		return "f64 " + strconv.FormatFloat(math.Float64frombits(v.n), 'g', -1, 64)
	case TypeString:
		return "string " + strconv.Quote(v.s)
	case TypeBool:
		return "bool " + strconv.FormatBool(v.n != 0)
	case TypeBytes:
		return fmt.Sprintf("bytes %x", v.s)
	}
	return "none"
}

// Event is an immutable event: a type, two timestamps, an entity key and
// typed fields identified by numeric ids. Build one with [NewEventBuilder]
// (or [SchemaRegistry.NewEventBuilder], or decode one with
// [EventDecoder]). One Event may be evaluated by any number of goroutines
// at once.
type Event struct {
	ev vm.Event
}

// EventType returns the event's type.
func (e *Event) EventType() int64 { return e.ev.EventType }

// TsMono returns the monotonic timestamp (nanoseconds).
func (e *Event) TsMono() uint64 { return e.ev.TsMono }

// TsWall returns the wall-clock timestamp (nanoseconds since the Unix
// epoch).
func (e *Event) TsWall() uint64 { return e.ev.TsWall }

// EntityKey returns the key of the entity (process, host, ...) the event is
// about.
func (e *Event) EntityKey() uint64 { return e.ev.EntityKey }

// NumFields returns the number of fields.
func (e *Event) NumFields() int { return len(e.ev.Fields) }

// FieldAt returns the i-th field in id order, 0 <= i < NumFields().
func (e *Event) FieldAt(i int) (id int64, v FieldValue) {
	f := &e.ev.Fields[i]
	return f.ID, FieldValue{typ: f.Type, n: f.N, s: f.S}
}

// Field returns the field with the given id.
func (e *Event) Field(id int64) (FieldValue, bool) {
	f := e.ev.Field(id)
	if f == nil {
		return FieldValue{}, false
	}
	return FieldValue{typ: f.Type, n: f.N, s: f.S}, true
}

// VM returns the VM's view of the event. It must not be modified.
func (e *Event) VM() *vm.Event { return &e.ev }

// EventBuilder assembles an [Event]. Setters chain; the first error is kept
// and returned by Build. A builder may be reused after Build (the built
// Event does not share memory with it).
type EventBuilder struct {
	schema *SchemaRegistry
	hdr    vm.Event
	fields []vm.EventField
	err    error
}

// NewEventBuilder returns a builder that accepts any field ids and types.
func NewEventBuilder() *EventBuilder { return &EventBuilder{} }

// NewEventBuilder returns a builder whose fields are checked against the
// schema: an id the schema does not know, or a value of another type than
// the schema's, makes Build fail. Fields may also be given by name
// ([EventBuilder.NamedField]). Built events name their fields in runtime
// error messages.
func (s *SchemaRegistry) NewEventBuilder() *EventBuilder { return &EventBuilder{schema: s} }

// EventType sets the event type.
func (b *EventBuilder) EventType(t int64) *EventBuilder { b.hdr.EventType = t; return b }

// TsMono sets the monotonic timestamp.
func (b *EventBuilder) TsMono(ns uint64) *EventBuilder { b.hdr.TsMono = ns; return b }

// TsWall sets the wall-clock timestamp.
func (b *EventBuilder) TsWall(ns uint64) *EventBuilder { b.hdr.TsWall = ns; return b }

// EntityKey sets the entity key.
func (b *EventBuilder) EntityKey(k uint64) *EventBuilder { b.hdr.EntityKey = k; return b }

// Field adds field id with value v.
func (b *EventBuilder) Field(id int64, v FieldValue) *EventBuilder {
	if b.err != nil {
		return b
	}
	if v.typ < TypeI64 || v.typ > TypeBytes {
		b.err = fmt.Errorf("field %d: value has no type (use I64, U64, F64, String, Bool or Bytes)", id)
		return b
	}
	if b.schema != nil {
		f, ok := b.schema.Field(id)
		if !ok {
			b.err = fmt.Errorf("field %d: %w", id, ErrUnknownField)
			return b
		}
		if f.Type != v.typ {
			b.err = &FieldTypeError{ID: id, Name: f.Name, Want: f.Type, Got: v.typ}
			return b
		}
	}
	b.fields = append(b.fields, vm.EventField{ID: id, Type: v.typ, N: v.n, S: v.s})
	return b
}

// NamedField adds the schema field called name. It needs a schema builder.
func (b *EventBuilder) NamedField(name string, v FieldValue) *EventBuilder {
	if b.err != nil {
		return b
	}
	f, ok := b.schema.Lookup(name)
	if !ok {
		b.err = fmt.Errorf("field %q: %w", name, ErrUnknownField)
		return b
	}
	return b.Field(f.ID, v)
}

// Reset clears the builder for a new event, keeping its schema and its
// memory.
func (b *EventBuilder) Reset() {
	b.hdr = vm.Event{}
	b.fields = b.fields[:0]
	b.err = nil
}

// ErrUnknownField is wrapped by builder and decoder errors for a field the
// schema does not define.
var ErrUnknownField = errors.New("unknown field")

// ErrDuplicateField is wrapped by the error Build returns for a field id
// given twice.
var ErrDuplicateField = errors.New("duplicate field")

// FieldTypeError reports a field value whose type disagrees with the
// schema.
type FieldTypeError struct {
	ID   int64
	Name string
	Want FieldType // the schema's type
	Got  FieldType // the value's type
}

func (e *FieldTypeError) Error() string {
	return fmt.Sprintf("field %d (%s): schema type is %s, got %s", e.ID, e.Name, e.Want, e.Got)
}

// Build returns the event, or the first error of the chain (an unknown or
// mistyped field under a schema, a field without a value, a duplicate id).
func (b *EventBuilder) Build() (*Event, error) {
	if b.err != nil {
		return nil, b.err
	}
	e := &Event{ev: b.hdr}
	if len(b.fields) > 0 {
		e.ev.Fields = slices.Clone(b.fields)
		slices.SortStableFunc(e.ev.Fields, func(x, y vm.EventField) int { return cmpInt64(x.ID, y.ID) })
		for i := 1; i < len(e.ev.Fields); i++ {
			if e.ev.Fields[i].ID == e.ev.Fields[i-1].ID {
				return nil, fmt.Errorf("field %d: %w", e.ev.Fields[i].ID, ErrDuplicateField)
			}
		}
	}
	if b.schema != nil {
		e.ev.FieldName = b.schema.fieldName
	}
	return e, nil
}
