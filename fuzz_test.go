package lua

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// FuzzEventLine decodes arbitrary lines with and without a schema. A line
// either fails with an error or decodes to an event whose JSON form
// decodes back to the same event.
func FuzzEventLine(f *testing.F) {
	for _, seed := range []string{
		`{"event_type":1,"ts_mono":1,"ts_wall":1767225600002742581,"entity_key":291,"fields":{"1":"/tmp/x.sh","2":1234,"4":true}}`,
		`{"fields":{"exe":"/bin/sh","pid":-1,"inode":18446744073709551615,"score":1e308,"blob":"AAE="}}`,
		`{"fields":{"1":9223372036854775808,"2":-0.0,"3":null}}`,
		`{"event_type":`,
		`{} trailing`,
		``,
	} {
		f.Add([]byte(seed), false)
		f.Add([]byte(seed), true)
	}
	schema := testSchema(f)
	f.Fuzz(func(t *testing.T, line []byte, withSchema bool) {
		var s *SchemaRegistry
		if withSchema {
			s = schema
		}
		ev, err := DecodeEventJSON(line, s)
		if err != nil {
			return
		}
		require.True(t, json.Valid(line), "accepted invalid JSON %q", line)
		out, err := AppendEventJSON(nil, ev)
		if err != nil {
			return // NaN and infinities have no JSON form
		}
		back, err := DecodeEventJSON(out, s)
		require.NoError(t, err, "re-decoding %s", out)
		assert.Equal(t, ev.ev.EventType, back.ev.EventType)
		assert.Equal(t, ev.ev.TsMono, back.ev.TsMono)
		assert.Equal(t, ev.ev.TsWall, back.ev.TsWall)
		assert.Equal(t, ev.ev.EntityKey, back.ev.EntityKey)
		assert.Equal(t, ev.ev.Fields, back.ev.Fields)
	})
}
