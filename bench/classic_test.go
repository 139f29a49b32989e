package bench

import (
	"math"
	"testing"

	"github.com/stretchr/testify/require"
)

// compileScript compiles a classic program on e.
func compileScript(tb testing.TB, e *ScriptEngine, p ClassicProgram) ScriptRunner {
	tb.Helper()
	r, err := e.Compile(p.Name, p.Source)
	require.NoError(tb, err)
	return r
}

// TestClassicProgramsGiveReferenceResults runs every classic program on
// every script engine (twice, to prove the reused state gives the same
// answer) and compares with reference Lua 5.1's result.
func TestClassicProgramsGiveReferenceResults(t *testing.T) {
	progs, err := ClassicPrograms()
	require.NoError(t, err)
	require.Len(t, progs, len(classicWant))
	for _, e := range ScriptEngines() {
		for _, p := range progs {
			t.Run("engine="+e.Name+"/prog="+p.Name, func(t *testing.T) {
				r := compileScript(t, e, p)
				for range 2 {
					got, err := r.Run()
					require.NoError(t, err)
					require.InDelta(t, p.Want, got, math.Abs(p.Want)*1e-12, "got %.17g want %.17g", got, p.Want)
				}
			})
		}
	}
}

var sinkFloat float64

// BenchmarkClassic runs the classic Lua programs, compiled once, on
// kestrel-lua and gopher-lua.
func BenchmarkClassic(b *testing.B) {
	progs, err := ClassicPrograms()
	require.NoError(b, err)
	for _, p := range progs {
		for _, e := range ScriptEngines() {
			b.Run("prog="+p.Name+"/engine="+e.Name, func(b *testing.B) {
				r := compileScript(b, e, p)
				b.ReportAllocs()
				b.ResetTimer()
				for i := 0; i < b.N; i++ {
					v, err := r.Run()
					if err != nil {
						b.Fatal(err)
					}
					sinkFloat = v
				}
			})
		}
	}
}
