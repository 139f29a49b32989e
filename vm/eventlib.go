package vm

import (
	"math"
	"strconv"
)

// The event userdata and its methods.
//
// A rule sees the event as a userdata whose metatable's __index holds the
// accessor methods: event:get_i64(id), get_u64, get_f64, get_str,
// get_bool, get_bytes, has_field(id), type(), ts_mono(), ts_wall(),
// entity_key(). A missing field reads as nil; reading a field through an
// accessor of another type is an error naming the field and both types.
// 64-bit values are exact: i64 fields are integers, and u64 values become
// integers up to math.MaxInt64 and floats above.
//
// Each Thread owns one event userdata, and Thread.EventValue points it at
// the event of the current evaluation, so evaluating an event allocates
// nothing. OpField (event:get_str(1) compiled with Optimize) reads the
// field directly when its object is that userdata, and otherwise does
// exactly what the method call would do.

// fieldMethodNames names the accessor methods by FieldKind.
var fieldMethodNames = [...]string{
	FieldGetI64:   "get_i64",
	FieldGetU64:   "get_u64",
	FieldGetF64:   "get_f64",
	FieldGetStr:   "get_str",
	FieldGetBool:  "get_bool",
	FieldGetBytes: "get_bytes",
	FieldHas:      "has_field",
}

// fieldKindTypes is the field type each accessor reads.
var fieldKindTypes = [...]EventType{
	FieldGetI64:   TypeI64,
	FieldGetU64:   TypeU64,
	FieldGetF64:   TypeF64,
	FieldGetStr:   TypeString,
	FieldGetBool:  TypeBool,
	FieldGetBytes: TypeBytes,
}

// EventValue returns the thread's event userdata, now showing ev. The
// same userdata is reused for every event, so this does not allocate.
func (th *Thread) EventValue(ev *Event) Value {
	th.event = ev
	th.eventUD.Data = ev
	return UserdataValue(&th.eventUD)
}

// u64Value converts an unsigned 64-bit value: an integer when it fits
// int64, else the nearest float.
func u64Value(n uint64) Value {
	if n <= math.MaxInt64 {
		return Int(int64(n))
	}
	return Float(float64(n))
}

// eventGet reads field id of ev with the accessor kind. msg is non-empty
// for a type mismatch.
func eventGet(ev *Event, kind FieldKind, id int64) (v Value, msg string) {
	f := ev.Field(id)
	if kind == FieldHas {
		return Bool(f != nil), ""
	}
	if f == nil {
		return Nil, ""
	}
	if int(kind) >= len(fieldKindTypes) || f.Type != fieldKindTypes[kind] {
		return Nil, fieldTypeMessage(ev, kind, f)
	}
	return fieldValue(f), ""
}

// fieldValue returns the value of f, of any type.
func fieldValue(f *EventField) Value {
	switch f.Type {
	case TypeI64:
		return Int(int64(f.N))
	case TypeU64:
		return u64Value(f.N)
	case TypeF64:
		return Float(math.Float64frombits(f.N))
	case TypeString, TypeBytes:
		return String(f.S)
	case TypeBool:
		return Bool(f.N != 0)
	}
	return Nil
}

func fieldTypeMessage(ev *Event, kind FieldKind, f *EventField) string {
	name := ""
	if ev.FieldName != nil {
		if n := ev.FieldName(f.ID); n != "" {
			name = " ('" + n + "')"
		}
	}
	want := "?"
	if int(kind) < len(fieldKindTypes) {
		want = fieldKindTypes[kind].String()
	}
	return fieldMethodNames[kind] + ": event field " + strconv.FormatInt(f.ID, 10) + name +
		" has type " + f.Type.String() + ", not " + want
}

// fieldSlow is OpField when the object is not the thread's event: the
// generic path of obj:get_x(id).
func (th *Thread) fieldSlow(obj Value, reg int, ref FieldRef) (Value, error) {
	name := fieldMethodNames[ref.Kind]
	m, err := th.index(obj, String(name), reg)
	if err != nil {
		return Nil, err
	}
	if !m.IsFunction() && th.metaOf(m, tmCall).IsNil() {
		return Nil, errorf("attempt to call method '%s' (a %s value)", name, m.TypeName())
	}
	return th.callMeta(m, obj, Int(ref.ID))
}

// checkEvent returns the event of a method's self argument.
func checkEvent(th *Thread, args []Value) (*Event, error) {
	if len(args) > 0 && args[0].k == KindUserdata {
		if ev, ok := (*Userdata)(args[0].p).Data.(*Event); ok && ev != nil {
			return ev, nil
		}
	}
	return nil, th.TypeError(1, "event", args)
}

// checkFieldID returns the integral field id argument.
func checkFieldID(th *Thread, args []Value) (int64, error) {
	if len(args) > 1 {
		switch v := args[1]; v.k {
		case KindInt:
			return v.AsInt(), nil
		case KindFloat:
			if f := v.AsFloat(); f == math.Trunc(f) && f >= -9223372036854775808 && f < 9223372036854775808 {
				return int64(f), nil
			}
		}
	}
	return 0, th.TypeError(2, "integer", args)
}

func eventAccessor(kind FieldKind) func(th *Thread, args []Value) (int, error) {
	return func(th *Thread, args []Value) (int, error) {
		ev, err := checkEvent(th, args)
		if err != nil {
			return 0, err
		}
		id, err := checkFieldID(th, args)
		if err != nil {
			return 0, err
		}
		v, msg := eventGet(ev, kind, id)
		if msg != "" {
			return 0, th.Errorf("%s", msg)
		}
		th.Push(v)
		return 1, nil
	}
}

func eventHeader(get func(ev *Event) Value) func(th *Thread, args []Value) (int, error) {
	return func(th *Thread, args []Value) (int, error) {
		ev, err := checkEvent(th, args)
		if err != nil {
			return 0, err
		}
		th.Push(get(ev))
		return 1, nil
	}
}

// eventMeta is the metatable of every event userdata: __index holds the
// methods, and __metatable hides it from getmetatable/setmetatable. It is
// built once and frozen, so all threads share it.
var eventMeta = newEventMeta()

func newEventMeta() *Table {
	methods := NewTable(0, 16)
	methods.id = nextSetupID()
	for k, name := range fieldMethodNames {
		methods.SetStr(nil, name, FunctionValue(NewGoFunction(name, eventAccessor(FieldKind(k)))))
	}
	headers := []struct {
		name string
		get  func(ev *Event) Value
	}{
		{"type", func(ev *Event) Value { return Int(ev.EventType) }},
		{"ts_mono", func(ev *Event) Value { return u64Value(ev.TsMono) }},
		{"ts_wall", func(ev *Event) Value { return u64Value(ev.TsWall) }},
		{"entity_key", func(ev *Event) Value { return u64Value(ev.EntityKey) }},
	}
	for _, h := range headers {
		methods.SetStr(nil, h.name, FunctionValue(NewGoFunction(h.name, eventHeader(h.get))))
	}
	mt := NewTable(0, 4)
	mt.id = nextSetupID()
	mt.SetStr(nil, tmIndex, TableValue(methods))
	mt.SetStr(nil, "__metatable", String("event"))
	methods.Freeze()
	mt.Freeze()
	return mt
}

// eventUDID is the id of every thread's event userdata: the same in every
// run and thread (tostring(event) is deterministic), and never handed out
// by a Thread's counter, which starts above it.
const eventUDID = runIDBase
