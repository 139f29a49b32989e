package bench

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestKestrelEvaluateAllocatesNothing pins issue 6's zero-allocation
// target: after warm-up, evaluating any of P1..P5 on any workload event
// allocates nothing.
func TestKestrelEvaluateAllocatesNothing(t *testing.T) {
	set, err := KestrelEngine.Prepare(Events[:])
	require.NoError(t, err)
	for p := range NumPredicates {
		prog, err := KestrelEngine.CompilePredicate(p, set)
		require.NoError(t, err)
		r, err := prog.NewRunner()
		require.NoError(t, err)
		for i := range Events {
			_, err := r.Eval(i)
			require.NoError(t, err)
		}
		i := 0
		allocs := testing.AllocsPerRun(200, func() {
			if _, err := r.Eval(i & 7); err != nil {
				t.Fatal(err)
			}
			i++
		})
		assert.Zero(t, allocs, "P%d allocations per evaluation", p+1)
	}
}
