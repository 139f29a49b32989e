package libm

import (
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestConcurrentCallsAgree runs the slow paths, whose constant caches grow
// on demand, from several goroutines at once (run with -race), and checks
// every goroutine gets the same results.
func TestConcurrentCallsAgree(t *testing.T) {
	args := []float64{1e300, 0x1p1000, 3e200, 7e150, 1e22, 5.5e77, 0x1p900 + 0x1p848}
	want := make([]float64, len(args))
	for i, x := range args {
		want[i] = sinSlow(x) + cosSlow(x)
	}
	const workers = 4
	var wg sync.WaitGroup
	got := make([][]float64, workers)
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for _, x := range args {
				got[w] = append(got[w], sinSlow(x)+cosSlow(x)+0*Exp(x/1e300)+0*Log(x))
			}
		}()
	}
	wg.Wait()
	for w := range workers {
		assert.Equal(t, want, got[w], "goroutine %d", w)
	}
}
