package bench

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// sinkBool keeps results alive so the compiler cannot drop the work.
var sinkBool bool

// benchPredicate measures one evaluation of predicate p on each engine,
// cycling through the eight workload events.
func benchPredicate(b *testing.B, p int) {
	for _, e := range Engines() {
		b.Run("engine="+e.Name, func(b *testing.B) {
			set := prepare(b, e, Events[:])
			prog, err := e.CompilePredicate(p, set)
			require.NoError(b, err)
			r, err := prog.NewRunner()
			require.NoError(b, err)
			for i := range Events { // warm caches and lazily built state
				_, err := r.Eval(i)
				require.NoError(b, err)
			}
			b.ReportAllocs()
			b.ResetTimer()
			var res bool
			for i := 0; i < b.N; i++ {
				m, err := r.Eval(i & 7)
				if err != nil {
					b.Fatal(err)
				}
				res = res != m
			}
			sinkBool = res
		})
	}
}

// BenchmarkP1 is exe present and (contains "/tmp/" or (endswith ".sh" and
// not startswith "/bin/")).
func BenchmarkP1(b *testing.B) { benchPredicate(b, 0) }

// BenchmarkP2 is pid > 1000 and uid == 0 and flag.
func BenchmarkP2(b *testing.B) { benchPredicate(b, 1) }

// BenchmarkP3 is a precompiled regular expression match on exe.
func BenchmarkP3(b *testing.B) { benchPredicate(b, 2) }

// BenchmarkP4 is a loop over 20 substrings held by the rule.
func BenchmarkP4(b *testing.B) { benchPredicate(b, 3) }

// BenchmarkP5 is "return true": the cost of calling a rule.
func BenchmarkP5(b *testing.B) { benchPredicate(b, 4) }
