package vm

import (
	"errors"
	"runtime"
	"testing"
	"unsafe"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestMeterZeroValueIsUnlimited(t *testing.T) {
	var m Meter
	m.Reset(0, 0)
	require.NoError(t, m.Step(1<<62))
	require.NoError(t, m.Charge(1<<62))
	assert.Equal(t, int64(1<<62), m.Instructions())
	assert.Equal(t, int64(1<<62), m.Bytes())
	assert.Equal(t, int64(1000), m.Reserve(1000))
}

func TestMeterStepStopsExactlyAtTheLimit(t *testing.T) {
	m := NewMeter(10, 0)
	for range 10 {
		require.NoError(t, m.Step(1))
	}
	err := m.Step(1)
	require.Error(t, err)
	assert.ErrorIs(t, err, ErrInstructionLimit)
	assert.NotErrorIs(t, err, ErrMemoryLimit)
	assert.EqualError(t, err, "instruction limit exceeded (limit 10 instructions)")
	assert.Equal(t, int64(10), m.Instructions(), "a refused step is not counted")
	var le *LimitError
	require.True(t, errors.As(err, &le))
	assert.Equal(t, LimitError{Kind: ErrInstructionLimit, Limit: 10, Used: 10, Asked: 1}, *le)
}

func TestMeterStepChargesBulkWorkBeforeItHappens(t *testing.T) {
	m := NewMeter(100, 0)
	require.NoError(t, m.Step(60))
	assert.ErrorIs(t, m.Step(41), ErrInstructionLimit)
	assert.Equal(t, int64(60), m.Instructions())
	require.NoError(t, m.Step(40))
	require.NoError(t, m.Step(0))
	require.NoError(t, m.Step(-5), "negative units are ignored")
	assert.Equal(t, int64(100), m.Instructions())
}

func TestMeterReserveLetsTheInterpreterCountLocally(t *testing.T) {
	// The interpreter's loop: take a quota, count down, commit.
	m := NewMeter(25, 0)
	executed := int64(0)
	var err error
	for err == nil {
		quota := m.Reserve(8)
		if quota == 0 {
			err = m.Step(1) // the next instruction does not fit
			break
		}
		executed += quota
		err = m.Step(quota)
	}
	assert.ErrorIs(t, err, ErrInstructionLimit)
	assert.Equal(t, int64(25), executed)
	assert.Equal(t, int64(25), m.Instructions())
}

func TestMeterChargeRefusesBeforeAllocating(t *testing.T) {
	m := NewMeter(0, 1<<20)
	require.NoError(t, m.Charge(1<<19))
	err := m.Charge(1<<19 + 1)
	require.Error(t, err)
	assert.ErrorIs(t, err, ErrMemoryLimit)
	assert.EqualError(t, err, "not enough memory (limit 1048576 bytes)")
	assert.Equal(t, int64(1<<19), m.Bytes(), "a refused charge is not counted")
	require.NoError(t, m.Charge(1<<19))
	assert.ErrorIs(t, m.Charge(1), ErrMemoryLimit)
	// Huge requests do not overflow the counter.
	assert.ErrorIs(t, m.Charge(1<<63-1), ErrMemoryLimit)
}

func TestMeterResetStartsANewRun(t *testing.T) {
	m := NewMeter(5, 100)
	require.NoError(t, m.Step(5))
	require.NoError(t, m.Charge(100))
	m.Reset(7, 0)
	assert.Equal(t, int64(0), m.Instructions())
	assert.Equal(t, int64(0), m.Bytes())
	assert.Equal(t, int64(7), m.InstructionLimit())
	assert.Equal(t, int64(0), m.MemoryLimit())
	require.NoError(t, m.Step(7))
	assert.ErrorIs(t, m.Step(1), ErrInstructionLimit)
	require.NoError(t, m.Charge(1<<40))
}

func TestCostModelCoversStructSizes(t *testing.T) {
	assert.Equal(t, uintptr(CostValue), unsafe.Sizeof(Value{}))
	assert.GreaterOrEqual(t, uintptr(CostTable), unsafe.Sizeof(Table{}))
	assert.GreaterOrEqual(t, uintptr(CostTableNode), unsafe.Sizeof(tabNode{}))
	assert.GreaterOrEqual(t, uintptr(CostTableArraySlot), unsafe.Sizeof(Value{}))
	assert.Equal(t, int64(CostClosureHeader+3*CostClosureUpval), CostClosure(3))
	assert.Equal(t, int64(CostStringHeader+100+25), CostString(100))
	assert.Equal(t, int64(CostStringHeader+240+60), CostValues(10))
}

var costSink [][]byte

// costMeasure returns the heap bytes f allocates, the least of three
// measurements (so that a stray allocation elsewhere cannot fail a check).
func costMeasure(f func()) int64 {
	best := int64(-1)
	var before, after runtime.MemStats
	for range 3 {
		runtime.ReadMemStats(&before)
		f()
		runtime.ReadMemStats(&after)
		if d := int64(after.TotalAlloc - before.TotalAlloc); best < 0 || d < best {
			best = d
		}
	}
	return best
}

// TestCostModelCoversSizeClasses measures what the Go heap really spends on
// byte slices of many sizes (strings' storage) and checks CostString is an
// upper bound, size-class and page rounding included.
func TestCostModelCoversSizeClasses(t *testing.T) {
	const count = 64
	sizes := []int{1, 7, 8, 9, 15, 16, 17, 24, 25, 33, 48, 49, 100, 129, 257, 513, 769, 1025, 1537, 2049,
		3073, 3457, 4097, 6145, 8193, 10241, 16385, 24577, 27265, 32768, 32769, 40961, 65537, 100000}
	for _, n := range sizes {
		costSink = make([][]byte, 0, count)
		per := costMeasure(func() {
			costSink = costSink[:0]
			for range count {
				costSink = append(costSink, make([]byte, n))
			}
		}) / count
		assert.LessOrEqual(t, per, CostString(n), "a %d-byte string really takes %d bytes", n, per)
	}
	costSink = nil
}

// TestCostModelCoversTables measures tables' real heap cost against the
// charges of CostTableSized and of growth.
func TestCostModelCoversTables(t *testing.T) {
	const count = 32
	for _, sz := range [][2]int{{0, 0}, {1, 0}, {3, 0}, {0, 1}, {0, 5}, {17, 0}, {100, 100}, {1000, 0}} {
		tables := make([]*Table, 0, count)
		per := costMeasure(func() {
			tables = tables[:0]
			for range count {
				tables = append(tables, NewTable(sz[0], sz[1]))
			}
		}) / count
		assert.LessOrEqual(t, per, CostTableSized(sz[0], sz[1]), "NewTable(%d, %d) really takes %d bytes", sz[0], sz[1], per)
		runtime.KeepAlive(tables)
	}
	// Growth: filling tables by appending and by string keys.
	var m *Meter
	tables := make([]*Table, 0, count)
	keys := make([]string, 300)
	for i := range keys {
		keys[i] = string(rune('A'+i%50)) + string(rune('a'+i/50))
	}
	real := costMeasure(func() {
		m = NewMeter(0, 0)
		tables = tables[:0]
		for range count {
			tb := NewTable(0, 0)
			for i := int64(1); i <= 300; i++ {
				_ = tb.SetInt(m, i, True)
			}
			for _, k := range keys {
				_ = tb.SetStr(m, k, True)
			}
			tables = append(tables, tb)
		}
	})
	charged := m.Bytes() + count*CostTable
	assert.LessOrEqual(t, real, charged, "table growth really took %d bytes, charged %d", real, charged)
	runtime.KeepAlive(tables)
}

func BenchmarkMeterStep(b *testing.B) {
	b.ReportAllocs()
	m := NewMeter(0, 0)
	for b.Loop() {
		_ = m.Step(1)
	}
}
