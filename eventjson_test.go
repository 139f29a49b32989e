package lua

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDecodeEventJSONExactIntegers(t *testing.T) {
	ev, err := DecodeEventJSON([]byte(`{"event_type":1,"ts_mono":9007199254740993,"ts_wall":1767225600002742581,"entity_key":18446744073709551615,
		"fields":{"1":"/tmp/x.sh","2":-9223372036854775808,"3":9223372036854775808,"4":true,"5":0.25,"6":1e3}}`), nil)
	require.NoError(t, err)
	assert.Equal(t, uint64(9007199254740993), ev.TsMono())
	assert.Equal(t, uint64(1767225600002742581), ev.TsWall())
	assert.Equal(t, uint64(18446744073709551615), ev.EntityKey())
	want := map[int64]FieldValue{
		1: String("/tmp/x.sh"),
		2: I64(-9223372036854775808),
		3: U64(9223372036854775808),
		4: Bool(true),
		5: F64(0.25),
		6: F64(1000),
	}
	for id, w := range want {
		got, ok := ev.Field(id)
		require.True(t, ok, "field %d", id)
		assert.Equal(t, w, got, "field %d", id)
	}
}

func TestDecodeEventJSONWithSchema(t *testing.T) {
	s := testSchema(t)
	ev, err := DecodeEventJSON([]byte(`{"event_type":2,"fields":{"exe":"/bin/ls","2":42,"inode":7,"score":3,"blob":"3q0=","flag":null}}`), s)
	require.NoError(t, err)
	assert.Equal(t, int64(2), ev.EventType())
	for id, w := range map[int64]FieldValue{1: String("/bin/ls"), 2: I64(42), 6: U64(7), 7: F64(3), 8: Bytes([]byte{0xde, 0xad})} {
		got, ok := ev.Field(id)
		require.True(t, ok, "field %d", id)
		assert.Equal(t, w, got, "field %d", id)
	}
	_, ok := ev.Field(4)
	assert.False(t, ok, "null means absent")
	assert.Equal(t, "pid", ev.VM().FieldName(2))
}

func TestDecodeEventJSONErrors(t *testing.T) {
	s := testSchema(t)
	for _, tc := range []struct {
		line   string
		schema bool
		want   string
	}{
		{`{"event_type":1,`, false, "malformed JSON"},
		{`not json`, false, "malformed JSON"},
		{`[1]`, false, "an event object expected, got an array"},
		{`{"event_type":1.5}`, false, "event_type: 1.5 is not an int64"},
		{`{"ts_wall":-1}`, false, "ts_wall: -1 is not a uint64"},
		{`{"ts_wall":"1"}`, false, "ts_wall: integer expected, got a string"},
		{`{"event_tpye":1}`, false, `unknown key "event_tpye"`},
		{`{"event_type":1,"event_type":2}`, false, `duplicate key "event_type"`},
		{`{"fields":{"exe":"x"}}`, false, "keys must be decimal field ids without a schema"},
		{`{"fields":{"1":"a","1":"b"}}`, false, "field 1: duplicate field"},
		{`{"fields":{"1":[1]}}`, false, "got an array"},
		{`{"fields":{"1":{}}}`, false, "got an object"},
		{`{"fields":{"1":99999999999999999999}}`, false, "out of the i64 and u64 ranges"},
		{`{"fields":{"1":-99999999999999999999}}`, false, "out of the i64 range"},
		{`{} {}`, false, "unexpected data after the event object"},
		{`{"fields":{"nosuch":1}}`, true, "unknown field"},
		{`{"fields":{"99":1}}`, true, "unknown field"},
		{`{"fields":{"pid":"12"}}`, true, "field pid: i64 expected, got a string"},
		{`{"fields":{"pid":1.5}}`, true, "field pid: i64 expected, got 1.5"},
		{`{"fields":{"inode":-1}}`, true, "out of the u64 range"},
		{`{"fields":{"exe":true}}`, true, "string expected, got a boolean"},
		{`{"fields":{"blob":"!!"}}`, true, "base64"},
		{`{"fields":{"exe":"a","1":"b"}}`, true, "duplicate field"},
	} {
		var schema *SchemaRegistry
		if tc.schema {
			schema = s
		}
		_, err := DecodeEventJSON([]byte(tc.line), schema)
		require.Error(t, err, tc.line)
		assert.Contains(t, err.Error(), tc.want, tc.line)
	}
}

func TestAppendEventJSONRoundTrip(t *testing.T) {
	s := testSchema(t)
	ev, err := s.NewEventBuilder().EventType(-4).TsMono(1).TsWall(1767225600002742581).EntityKey(1<<63+5).
		Field(1, String("a\"b\x00<")).Field(2, I64(-1)).Field(4, Bool(false)).Field(6, U64(1<<64-1)).
		Field(7, F64(2)).Field(8, Bytes([]byte("\x00\xff"))).Build()
	require.NoError(t, err)
	line, err := AppendEventJSON(nil, ev)
	require.NoError(t, err)
	assert.Equal(t, `{"event_type":-4,"ts_mono":1,"ts_wall":1767225600002742581,"entity_key":9223372036854775813,`+
		`"fields":{"1":"a\"b\u0000\u003c","2":-1,"4":false,"6":18446744073709551615,"7":2.0,"8":"AP8="}}`, string(line))
	back, err := DecodeEventJSON(line, s)
	require.NoError(t, err)
	assert.Equal(t, ev.ev.Fields, back.ev.Fields)
	assert.Equal(t, ev.TsWall(), back.TsWall())
}

func BenchmarkDecodeEvent(b *testing.B) {
	s := testSchema(b)
	line := []byte(`{"event_type":1,"ts_mono":1002694678,"ts_wall":1767225600002742581,"entity_key":6840123409045655463,"fields":{"exe":"/usr/bin/python3","pid":4012,"name":"python3","flag":false,"uid":1000,"inode":18446744073709551615,"score":0.25,"blob":"3q2+7w=="}}`)
	d := NewEventDecoder(s)
	b.SetBytes(int64(len(line)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := d.Decode(line); err != nil {
			b.Fatal(err)
		}
	}
}
