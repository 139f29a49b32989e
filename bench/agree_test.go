package bench

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// prepare converts evs for e.
func prepare(tb testing.TB, e *Engine, evs []GoEvent) *EventSet {
	tb.Helper()
	set, err := e.Prepare(evs)
	require.NoError(tb, err)
	return set
}

// TestEnginesAgree checks every engine's P1..P5 against the hand-derived
// expectations on every event, through a fresh runner and through a runner
// reused across all events (as the benchmarks do).
func TestEnginesAgree(t *testing.T) {
	for _, e := range Engines() {
		t.Run("engine="+e.Name, func(t *testing.T) {
			set := prepare(t, e, Events[:])
			for p := range NumPredicates {
				prog, err := e.CompilePredicate(p, set)
				require.NoError(t, err, "compile P%d", p+1)
				r, err := prog.NewRunner()
				require.NoError(t, err)
				for round := range 2 {
					for i := range Events {
						got, err := r.Eval(i)
						require.NoError(t, err, "P%d event %d", p+1, i)
						assert.Equal(t, WantMatches[p][i], got, "P%d on event %d (%+v), round %d", p+1, i, Events[i], round)
					}
				}
			}
		})
	}
}

// TestGoPredicatesMatchExpectations pins the floor itself, so that a typo
// in WantMatches cannot make all engines agree on a wrong answer.
func TestGoPredicatesMatchExpectations(t *testing.T) {
	for p, f := range GoPredicates {
		for i := range Events {
			assert.Equal(t, WantMatches[p][i], f(&Events[i]), fmt.Sprintf("P%d event %d", p+1, i))
		}
	}
}
