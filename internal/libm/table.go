package libm

import (
	"math/big"
	"sync"
	"sync/atomic"
)

// table is a list of constants computed on demand to the largest precision
// asked so far, like [constant].
type table struct {
	mu      sync.Mutex
	v       atomic.Pointer[tableVals]
	compute func(prec uint) []*big.Float
}

type tableVals struct {
	prec uint
	vals []*big.Float
}

// get returns the table with at least prec correct bits per entry. The
// entries are shared: use them only as operands.
func (t *table) get(prec uint) []*big.Float {
	if v := t.v.Load(); v != nil && v.prec >= prec {
		return v.vals
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	if v := t.v.Load(); v != nil && v.prec >= prec {
		return v.vals
	}
	pub := (prec + 255) &^ 255
	vals := t.compute(pub + 64)
	for i, x := range vals {
		vals[i] = newF(pub).Set(x)
	}
	t.v.Store(&tableVals{prec: pub, vals: vals})
	return vals
}
