package lua

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"sync"

	"github.com/kestrel-runtime/lua/vm"
)

// FieldType is the type of an event field: one of TypeI64, TypeU64,
// TypeF64, TypeString, TypeBool, TypeBytes.
type FieldType = vm.EventType

// The field types, named as in a schema file.
const (
	TypeI64    FieldType = vm.TypeI64
	TypeU64    FieldType = vm.TypeU64
	TypeF64    FieldType = vm.TypeF64
	TypeString FieldType = vm.TypeString
	TypeBool   FieldType = vm.TypeBool
	TypeBytes  FieldType = vm.TypeBytes
)

// ParseFieldType returns the type a schema names "i64", "u64", "f64",
// "string", "bool" or "bytes".
func ParseFieldType(name string) (FieldType, error) {
	for t := TypeI64; t <= TypeBytes; t++ {
		if t.String() == name {
			return t, nil
		}
	}
	return vm.TypeNone, fmt.Errorf("unknown field type %q (want i64, u64, f64, string, bool or bytes)", name)
}

// SchemaField describes one event field: its numeric id, its name and its
// type.
type SchemaField struct {
	ID   int64
	Name string
	Type FieldType
}

// SchemaRegistry maps event field ids to names and types. Rules may then
// name fields (event:get_str("exe")), the compiler checks that each get_*
// accessor agrees with the field's type, events are checked when built or
// decoded, and runtime errors name fields.
//
// A SchemaRegistry is safe for concurrent use, but fields should all be
// registered before the first rule is compiled against it: a rule that was
// compiled before a field existed keeps failing to find it.
//
// It implements compiler.Schema.
type SchemaRegistry struct {
	mu     sync.RWMutex
	byID   map[int64]SchemaField
	byName map[string]SchemaField
}

// NewSchemaRegistry returns an empty registry.
func NewSchemaRegistry() *SchemaRegistry {
	return &SchemaRegistry{byID: map[int64]SchemaField{}, byName: map[string]SchemaField{}}
}

// Register adds the field id with the given name and type. Ids are
// positive; names are Lua identifiers (letters, digits, '_', not starting
// with a digit) and both are unique.
func (s *SchemaRegistry) Register(id int64, name string, typ FieldType) error {
	if id <= 0 {
		return fmt.Errorf("schema: field id must be positive, got %d", id)
	}
	if !isIdentifier(name) {
		return fmt.Errorf("schema: field %d: name %q is not an identifier", id, name)
	}
	if typ < TypeI64 || typ > TypeBytes {
		return fmt.Errorf("schema: field %d (%s): invalid type %d", id, name, typ)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if f, dup := s.byID[id]; dup {
		return fmt.Errorf("schema: field id %d registered twice (%s and %s)", id, f.Name, name)
	}
	if f, dup := s.byName[name]; dup {
		return fmt.Errorf("schema: field name %q registered twice (ids %d and %d)", name, f.ID, id)
	}
	f := SchemaField{ID: id, Name: name, Type: typ}
	s.byID[id] = f
	s.byName[name] = f
	return nil
}

// Field returns the field with the given id.
func (s *SchemaRegistry) Field(id int64) (SchemaField, bool) {
	if s == nil {
		return SchemaField{}, false
	}
	s.mu.RLock()
	f, ok := s.byID[id]
	s.mu.RUnlock()
	return f, ok
}

// Lookup returns the field with the given name.
func (s *SchemaRegistry) Lookup(name string) (SchemaField, bool) {
	if s == nil {
		return SchemaField{}, false
	}
	s.mu.RLock()
	f, ok := s.byName[name]
	s.mu.RUnlock()
	return f, ok
}

// lookupBytes is Lookup for a name in a byte slice, without allocating.
func (s *SchemaRegistry) lookupBytes(name []byte) (SchemaField, bool) {
	s.mu.RLock()
	f, ok := s.byName[string(name)]
	s.mu.RUnlock()
	return f, ok
}

// Fields returns every field, ordered by id.
func (s *SchemaRegistry) Fields() []SchemaField {
	s.mu.RLock()
	fs := make([]SchemaField, 0, len(s.byID))
	for _, f := range s.byID {
		fs = append(fs, f)
	}
	s.mu.RUnlock()
	slices.SortFunc(fs, func(a, b SchemaField) int { return cmpInt64(a.ID, b.ID) })
	return fs
}

// fieldName names field id for runtime error messages ("" if unknown). It
// is the vm.Event.FieldName hook.
func (s *SchemaRegistry) fieldName(id int64) string {
	f, _ := s.Field(id)
	return f.Name
}

// schemaFile is the JSON schema file format:
//
//	{
//	  "fields": [
//	    {"id": 1, "name": "exe",  "type": "string", "description": "executable path"},
//	    {"id": 2, "name": "pid",  "type": "i64"}
//	  ]
//	}
//
// "description" is optional and ignored by the engine. Unknown keys are
// errors, so a typo ("tpye") does not silently lose a type.
type schemaFile struct {
	Fields []struct {
		ID          *int64 `json:"id"`
		Name        string `json:"name"`
		Type        string `json:"type"`
		Description string `json:"description"`
	} `json:"fields"`
}

// LoadSchemaFile reads a JSON schema file into a new registry. The format
// is an object with one key, "fields", a list of objects with "id" (a
// positive integer), "name" (an identifier), "type" (i64, u64, f64, string,
// bool or bytes) and an optional "description":
//
//	{"fields": [{"id": 1, "name": "exe", "type": "string"}, {"id": 2, "name": "pid", "type": "i64"}]}
func LoadSchemaFile(path string) (*SchemaRegistry, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	s, err := ParseSchema(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return s, nil
}

// ParseSchema parses the JSON schema format of [LoadSchemaFile].
func ParseSchema(data []byte) (*SchemaRegistry, error) {
	var f schemaFile
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("schema: %w", err)
	}
	if dec.More() {
		return nil, fmt.Errorf("schema: trailing data after the schema object")
	}
	s := NewSchemaRegistry()
	for i, fd := range f.Fields {
		if fd.ID == nil {
			return nil, fmt.Errorf("schema: field #%d (%q) has no id", i+1, fd.Name)
		}
		typ, err := ParseFieldType(fd.Type)
		if err != nil {
			return nil, fmt.Errorf("schema: field %d (%s): %w", *fd.ID, fd.Name, err)
		}
		if err := s.Register(*fd.ID, fd.Name, typ); err != nil {
			return nil, err
		}
	}
	return s, nil
}

func isIdentifier(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '_' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z':
		case '0' <= c && c <= '9' && i > 0:
		default:
			return false
		}
	}
	return true
}

func cmpInt64(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
