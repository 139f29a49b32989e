package lua

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kestrel-runtime/lua/vm"
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

// FuzzLeaf loads arbitrary rules and, for those with a predicate fast
// path (vm.Leaf), runs it on every event of leafEvents under the limits
// the input picks and under the engine's: whenever the Leaf completes, a
// Thread's run must have the same result, instruction units and bytes
// (leafAgrees). The seeds are leafPrograms.
func FuzzLeaf(f *testing.F) {
	for _, p := range leafPrograms {
		f.Add(p.src, int64(7), int64(900))
	}
	e := newEngine(f, DefaultConfig(), nil)
	evs := leafEvents(f)
	f.Fuzz(func(t *testing.T, src string, instructions, memory int64) {
		r, err := e.LoadRule("fuzz", src)
		if err != nil || r.leaf == nil {
			return
		}
		// Limits small enough that a Thread's run of any rule ends
		// quickly.
		lim := vm.Limits{Instructions: 1 + abs64(instructions)%20_000, MemoryBytes: 1 + abs64(memory)%(1<<20)}
		for _, ev := range evs {
			leafAgrees(t, e, r, src, ev, lim)
			leafAgrees(t, e, r, src, ev, vm.Limits{Instructions: 20_000, MemoryBytes: e.limits.MemoryBytes})
		}
	})
}

// abs64 returns |x|, with math.MinInt64 as 0.
func abs64(x int64) int64 {
	if x < 0 {
		x = -x
	}
	return max(x, 0)
}
