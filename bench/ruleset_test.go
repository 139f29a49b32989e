package bench

import (
	"runtime"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// ruleSetAgreeEvents is how many rule-set events the agreement test checks
// on every engine (all 100,000 would make the test slow on gopher-lua).
const ruleSetAgreeEvents = 400

// TestRuleSetEnginesAgree checks that every engine's rendering of the
// 500-rule set matches the same number of rules on each of the first
// events as hand-written Go, and that the set matches something.
func TestRuleSetEnginesAgree(t *testing.T) {
	evs := RuleSetGoEvents()[:ruleSetAgreeEvents]
	want := make([]int, len(evs))
	goSet, err := CompileRuleSet(GoEngine, &EventSet{Go: evs})
	require.NoError(t, err)
	gr, err := goSet.NewRunner()
	require.NoError(t, err)
	total := 0
	for i := range evs {
		want[i], err = gr.Eval(i)
		require.NoError(t, err)
		total += want[i]
	}
	require.Greater(t, total, len(evs)/2, "the rule set should match often enough to be a real workload")
	require.Less(t, total, len(evs)*RuleSetSize/4)
	for _, e := range Engines()[1:] {
		t.Run("engine="+e.Name, func(t *testing.T) {
			set := prepare(t, e, evs)
			rs, err := CompileRuleSet(e, set)
			require.NoError(t, err)
			r, err := rs.NewRunner()
			require.NoError(t, err)
			for i := range evs {
				got, err := r.Eval(i)
				require.NoError(t, err)
				assert.Equal(t, want[i], got, "matches on event %d (%+v)", i, evs[i])
			}
		})
	}
}

// BenchmarkRuleSet500 streams the 100,000 rule-set events through 500
// compiled rules; one op is one event through all 500 rules, and the
// events/s metric is the throughput. cores=1 uses one goroutine; cores=all
// uses GOMAXPROCS goroutines, each with its own run state.
func BenchmarkRuleSet500(b *testing.B) {
	evs := RuleSetGoEvents()
	for _, e := range Engines() {
		b.Run("engine="+e.Name, func(b *testing.B) {
			set := prepare(b, e, evs)
			rs, err := CompileRuleSet(e, set)
			require.NoError(b, err)
			b.Run("cores=1", func(b *testing.B) {
				r, err := rs.NewRunner()
				require.NoError(b, err)
				warmRuleSet(b, r)
				b.ReportAllocs()
				b.ResetTimer()
				n := 0
				for i := 0; i < b.N; i++ {
					m, err := r.Eval(i % RuleSetEvents)
					if err != nil {
						b.Fatal(err)
					}
					n += m
				}
				b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "events/s")
			})
			b.Run("cores=all", func(b *testing.B) {
				procs := runtime.GOMAXPROCS(0)
				runners := make([]*RuleSetRunner, procs)
				for i := range runners {
					runners[i], err = rs.NewRunner()
					require.NoError(b, err)
					warmRuleSet(b, runners[i])
				}
				var next atomic.Int64
				var once sync.Once
				b.ReportAllocs()
				b.ResetTimer()
				b.RunParallel(func(pb *testing.PB) {
					g := int(next.Add(1) - 1)
					r := runners[g%procs]
					i := g * (RuleSetEvents / procs)
					for pb.Next() {
						if _, err := r.Eval(i % RuleSetEvents); err != nil {
							once.Do(func() { b.Error(err) })
							return
						}
						i++
					}
				})
				b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "events/s")
			})
		})
	}
}

// warmRuleSet evaluates a few events so that one-off work (regex
// compilation into caches, lazily built run state) is not counted in the
// steady-state allocations.
func warmRuleSet(b *testing.B, r *RuleSetRunner) {
	for i := range 16 {
		_, err := r.Eval(i)
		require.NoError(b, err)
	}
}
