package conformance

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestEngineStopsWhenCanceled checks what the harness relies on to bound
// every run: kestrel-lua notices that its context ended, whatever the loop
// it is in does (the engine promises a check every few thousand
// instructions and inside long builtins).
func TestEngineStopsWhenCanceled(t *testing.T) {
	loops := []struct{ name, src string }{
		{"empty loop", "while true do end"},
		{"table constructors", "while true do local t = {} end"},
		{"concatenation", "local A = 1 while true do local a = A .. A A = A + 1 end"},
		{"builtin calls", "local A = 1 while true do local a = tostring(A) end"},
		{"pattern calls", "local s = string.rep('x', 100) while true do s:find('y') end"},
	}
	for _, l := range loops {
		t.Run(l.name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
			defer cancel()
			// The instruction limit ends a run that ignores the context a
			// second or so later, so that a failing case does not leave
			// a goroutine spinning through the rest of the tests.
			out, err := (&Kestrel{InstructionLimit: 20_000_000}).RunSource(ctx, "loop.lua", []byte(l.src))
			require.False(t, errors.Is(err, ErrNotCanceled), "%s: the run ignored its canceled context", l.src)
			assert.True(t, out.Failed)
			assert.Contains(t, out.Error, "canceled", "want a *vm.CanceledError")
		})
	}
}
