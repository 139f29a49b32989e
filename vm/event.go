package vm

// EventType is the type of a typed event field value.
type EventType uint8

// The field types of the event model (the schema's i64, u64, f64, string,
// bool and bytes).
const (
	TypeNone EventType = iota // no value: the field is absent
	TypeI64
	TypeU64
	TypeF64
	TypeString
	TypeBool
	TypeBytes
)

var eventTypeNames = [...]string{
	TypeNone: "none", TypeI64: "i64", TypeU64: "u64", TypeF64: "f64",
	TypeString: "string", TypeBool: "bool", TypeBytes: "bytes",
}

// String returns the schema name of the type ("i64", "string", ...).
func (t EventType) String() string {
	if int(t) < len(eventTypeNames) {
		return eventTypeNames[t]
	}
	return "invalid"
}

// EventField is one typed field of an event. N holds the bits of I64, U64,
// F64 (math.Float64bits) and Bool (0 or 1) values; S holds String and Bytes
// values (bytes as an immutable string, so reading it allocates nothing).
type EventField struct {
	ID   int64
	Type EventType
	N    uint64
	S    string
}

// Event is the VM's view of an event: the header and the typed fields
// sorted by ID (unique). It is built once by the host and only read by the
// VM, so one Event may be evaluated by many goroutines at once.
type Event struct {
	EventType int64
	TsMono    uint64
	TsWall    uint64
	EntityKey uint64
	Fields    []EventField // sorted by ID, no duplicates

	// FieldName, if set, names field ids in error messages (from the
	// schema). It must be safe for concurrent use.
	FieldName func(id int64) string
}

// Field returns the field with the given id, or nil when the event has no
// such field. Fields are found by binary search, or directly when ids are
// dense from 1 (the common case).
func (e *Event) Field(id int64) *EventField {
	fs := e.Fields
	if i := id - 1; i >= 0 && i < int64(len(fs)) && fs[i].ID == id {
		return &fs[i]
	}
	lo, hi := 0, len(fs)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if fs[m].ID < id {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo < len(fs) && fs[lo].ID == id {
		return &fs[lo]
	}
	return nil
}
