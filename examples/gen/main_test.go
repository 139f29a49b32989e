package main

import (
	"bufio"
	"bytes"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestEventsFileIsUpToDate regenerates the stream and compares it with the
// committed examples/events.jsonl (regenerate with
// go run ./examples/gen > examples/events.jsonl).
func TestEventsFileIsUpToDate(t *testing.T) {
	var buf bytes.Buffer
	w := bufio.NewWriter(&buf)
	generate(w)
	require.NoError(t, w.Flush())
	want, err := os.ReadFile("../events.jsonl")
	require.NoError(t, err)
	assert.True(t, bytes.Equal(want, buf.Bytes()), "examples/events.jsonl is stale: run go run ./examples/gen > examples/events.jsonl")
	assert.Equal(t, numEvents, bytes.Count(buf.Bytes(), []byte("\n")))
	assert.Contains(t, buf.String(), `"ts_wall":1767225600002742581,`)
}
