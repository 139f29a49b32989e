package lua

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func testSchema(t testing.TB) *SchemaRegistry {
	t.Helper()
	s, err := ParseSchema([]byte(`{"fields": [
		{"id": 1, "name": "exe", "type": "string", "description": "executable path"},
		{"id": 2, "name": "pid", "type": "i64"},
		{"id": 3, "name": "name", "type": "string"},
		{"id": 4, "name": "flag", "type": "bool"},
		{"id": 5, "name": "uid", "type": "i64"},
		{"id": 6, "name": "inode", "type": "u64"},
		{"id": 7, "name": "score", "type": "f64"},
		{"id": 8, "name": "blob", "type": "bytes"}
	]}`))
	require.NoError(t, err)
	return s
}

func TestSchemaRegistryRegisterAndLookup(t *testing.T) {
	s := NewSchemaRegistry()
	require.NoError(t, s.Register(1, "exe", TypeString))
	require.NoError(t, s.Register(2, "pid", TypeI64))
	f, ok := s.Lookup("pid")
	require.True(t, ok)
	assert.Equal(t, SchemaField{ID: 2, Name: "pid", Type: TypeI64}, f)
	f, ok = s.Field(1)
	require.True(t, ok)
	assert.Equal(t, "exe", f.Name)
	_, ok = s.Field(3)
	assert.False(t, ok)
	assert.Equal(t, []SchemaField{{1, "exe", TypeString}, {2, "pid", TypeI64}}, s.Fields())
}

func TestSchemaRegistryRejectsBadFields(t *testing.T) {
	for _, tc := range []struct {
		name string
		id   int64
		fn   string
		typ  FieldType
		want string
	}{
		{"duplicate id", 1, "other", TypeI64, "field id 1 registered twice"},
		{"duplicate name", 9, "exe", TypeI64, `field name "exe" registered twice`},
		{"zero id", 0, "x", TypeI64, "field id must be positive"},
		{"bad name", 9, "9lives", TypeI64, "is not an identifier"},
		{"no type", 9, "x", 0, "invalid type"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := NewSchemaRegistry()
			require.NoError(t, s.Register(1, "exe", TypeString))
			err := s.Register(tc.id, tc.fn, tc.typ)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
		})
	}
}

func TestParseSchemaErrors(t *testing.T) {
	for _, tc := range []struct{ src, want string }{
		{`{"fields": [{"id": 1, "name": "exe", "type": "str"}]}`, `unknown field type "str"`},
		{`{"fields": [{"id": 1, "name": "exe", "tpye": "string"}]}`, `unknown field "tpye"`},
		{`{"fields": [{"name": "exe", "type": "string"}]}`, `has no id`},
		{`{"fields": [`, `unexpected EOF`},
		{`{"fields": []} {}`, `trailing data`},
	} {
		_, err := ParseSchema([]byte(tc.src))
		require.Error(t, err, tc.src)
		assert.Contains(t, err.Error(), tc.want, tc.src)
	}
}

func TestEventBuilderSortsFields(t *testing.T) {
	ev, err := NewEventBuilder().EventType(1).TsMono(10).TsWall(1767225600002742581).EntityKey(0x123).
		Field(5, I64(1000)).Field(1, String("/tmp/x")).Field(3, Bool(true)).Build()
	require.NoError(t, err)
	assert.Equal(t, int64(1), ev.EventType())
	assert.Equal(t, uint64(10), ev.TsMono())
	assert.Equal(t, uint64(1767225600002742581), ev.TsWall())
	assert.Equal(t, uint64(0x123), ev.EntityKey())
	require.Equal(t, 3, ev.NumFields())
	var ids []int64
	for i := range ev.NumFields() {
		id, _ := ev.FieldAt(i)
		ids = append(ids, id)
	}
	assert.Equal(t, []int64{1, 3, 5}, ids)
	v, ok := ev.Field(5)
	require.True(t, ok)
	n, ok := v.Int64()
	assert.True(t, ok)
	assert.Equal(t, int64(1000), n)
	_, ok = ev.Field(2)
	assert.False(t, ok)
}

func TestEventBuilderRejectsDuplicateIDs(t *testing.T) {
	_, err := NewEventBuilder().Field(1, String("a")).Field(2, I64(1)).Field(1, String("b")).Build()
	require.ErrorIs(t, err, ErrDuplicateField)
	assert.Equal(t, "field 1: duplicate field", err.Error())
}

func TestEventBuilderChecksSchemaTypes(t *testing.T) {
	s := testSchema(t)
	_, err := s.NewEventBuilder().Field(2, String("1234")).Build()
	var fte *FieldTypeError
	require.ErrorAs(t, err, &fte)
	assert.Equal(t, "field 2 (pid): schema type is i64, got string", err.Error())

	_, err = s.NewEventBuilder().Field(99, I64(1)).Build()
	require.ErrorIs(t, err, ErrUnknownField)

	ev, err := s.NewEventBuilder().NamedField("exe", String("/bin/sh")).Field(2, I64(7)).Build()
	require.NoError(t, err)
	v, ok := ev.Field(1)
	require.True(t, ok)
	str, _ := v.Str()
	assert.Equal(t, "/bin/sh", str)
	assert.Equal(t, "exe", ev.VM().FieldName(1), "schema builders name fields for error messages")
}

func TestEventBuilderRejectsUntypedValue(t *testing.T) {
	_, err := NewEventBuilder().Field(1, FieldValue{}).Build()
	require.Error(t, err)
	assert.Contains(t, err.Error(), "value has no type")
}

func TestEventBuilderReuse(t *testing.T) {
	b := NewEventBuilder()
	e1, err := b.Field(1, String("a")).Build()
	require.NoError(t, err)
	b.Reset()
	e2, err := b.Field(1, String("b")).Build()
	require.NoError(t, err)
	v1, _ := e1.Field(1)
	v2, _ := e2.Field(1)
	assert.Equal(t, `string "a"`, v1.String())
	assert.Equal(t, `string "b"`, v2.String())
}

func TestFieldValueString(t *testing.T) {
	for _, tc := range []struct {
		v    FieldValue
		want string
	}{
		{I64(-3), "i64 -3"},
		{U64(18446744073709551615), "u64 18446744073709551615"},
		{F64(0.5), "f64 0.5"},
		{String("x"), `string "x"`},
		{Bool(true), "bool true"},
		{Bytes([]byte{0xde, 0xad}), "bytes dead"},
		{FieldValue{}, "none"},
	} {
		assert.Equal(t, tc.want, tc.v.String())
	}
}
