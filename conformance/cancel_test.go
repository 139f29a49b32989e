package conformance

import (
	"context"
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kestrel-runtime/lua/vm"
)

// cancelCheckBound is how many instructions a run may execute after its
// context has ended: the engine promises a check every few thousand
// instructions and inside long builtins, so a generous bound.
const cancelCheckBound = 1_000_000

// TestEngineStopsWhenCanceled checks what the harness relies on to bound
// every run: kestrel-lua notices that its context ended, whatever its loop
// does. The context is canceled before the run, so the check is exact, not
// timed: the run must stop with a cancellation error within
// cancelCheckBound instructions (the instruction limit, ten times higher,
// only ends a run that never looks).
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
			ctx, cancel := context.WithCancel(context.Background())
			cancel()
			k := &Kestrel{InstructionLimit: 10 * cancelCheckBound}
			_, err := k.RunSource(ctx, "loop.lua", []byte(l.src))
			require.Error(t, err)
			var ce *vm.CanceledError
			assert.True(t, errors.As(err, &ce), "%s: want a *vm.CanceledError, got %v", l.src, err)
			assert.ErrorIs(t, err, context.Canceled)
			assert.Less(t, k.Last.Instructions, int64(cancelCheckBound), "%s: instructions run after the context ended", l.src)
		})
	}
}
