package bench

import (
	"runtime"
	"testing"

	"github.com/stretchr/testify/require"
)

// sinkAny keeps compiled programs alive so the compiler cannot drop them.
var sinkAny any

// BenchmarkCompileP1 measures compiling P1 from source into an evaluable
// program (for kestrel-lua: LoadRule; gopher-lua: parse and compile to a
// FunctionProto; expr: Compile; cel-go: Compile, check and Program).
func BenchmarkCompileP1(b *testing.B) {
	for _, e := range Engines() {
		if e == GoEngine {
			continue // nothing to compile
		}
		b.Run("engine="+e.Name, func(b *testing.B) {
			set := prepare(b, e, Events[:])
			src := e.Source(0)
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				prog, err := e.Compile(src, set)
				if err != nil {
					b.Fatal(err)
				}
				sinkAny = prog
			}
		})
	}
}

// retainedBatch is how many compiled rules the heap measurement keeps.
const retainedBatch = 500

// BenchmarkRetainedHeapP1 reports the heap retained per compiled P1 rule
// ("B/rule"): the live heap after a forced GC with retainedBatch rules
// alive, minus the live heap before, divided by retainedBatch. The time
// per op is that of compiling one rule plus the measurement's overhead.
func BenchmarkRetainedHeapP1(b *testing.B) {
	for _, e := range Engines() {
		if e == GoEngine {
			continue
		}
		b.Run("engine="+e.Name, func(b *testing.B) {
			set := prepare(b, e, Events[:])
			src := e.Source(0)
			perRule := retainedPerRule(b, func() any {
				prog, err := e.Compile(src, set)
				if err != nil {
					b.Fatal(err)
				}
				return prog
			})
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				prog, err := e.Compile(src, set)
				if err != nil {
					b.Fatal(err)
				}
				sinkAny = prog
			}
			b.ReportMetric(perRule, "B/rule")
		})
	}
}

// retainedPerRule measures the live heap retained per object made by mk.
func retainedPerRule(tb testing.TB, mk func() any) float64 {
	tb.Helper()
	keep := make([]any, retainedBatch)
	keep[0] = mk() // first use may build shared, once-only state
	var before, after runtime.MemStats
	runtime.GC()
	runtime.GC()
	runtime.ReadMemStats(&before)
	for i := 1; i < len(keep); i++ {
		keep[i] = mk()
	}
	runtime.GC()
	runtime.GC()
	runtime.ReadMemStats(&after)
	runtime.KeepAlive(keep)
	return float64(int64(after.HeapAlloc)-int64(before.HeapAlloc)) / float64(len(keep)-1)
}

// BenchmarkEngineCreate measures creating an engine ready to load rules:
// kestrel-lua NewEngine with the default config (kestrel-ready adds the
// first LoadRule, which builds the sandbox's globals); gopher-lua an LState with
// the standard libraries and the detection builtins (closed again); cel-go
// the workload's environment. expr has no engine object (its options are
// given per Compile) and hand-written Go has none at all.
func BenchmarkEngineCreate(b *testing.B) {
	cases := []struct {
		name string
		mk   func(b *testing.B) func()
	}{
		{"kestrel", kestrelEngineCreate},
		{"kestrel-ready", kestrelEngineReady},
		{"gopherlua", func(*testing.B) func() {
			return func() { NewGopherState().Close() }
		}},
		{"cel", func(b *testing.B) func() {
			return func() {
				env, err := NewCELEnv()
				if err != nil {
					b.Fatal(err)
				}
				sinkAny = env
			}
		}},
	}
	for _, c := range cases {
		b.Run("engine="+c.name, func(b *testing.B) {
			f := c.mk(b)
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				f()
			}
		})
	}
}

// TestRetainedHeapIsMeasurable checks the heap measurement itself: 100
// retained 1 KiB buffers read as about 1 KiB each.
func TestRetainedHeapIsMeasurable(t *testing.T) {
	got := retainedPerRule(t, func() any { return make([]byte, 1024) })
	require.InDelta(t, 1024, got, 256)
}
