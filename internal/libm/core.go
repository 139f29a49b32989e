package libm

import (
	"math"
	"math/big"
	"sync"
	"sync/atomic"
)

const (
	// startPrec is the accuracy, in bits, of the first evaluation. Rounding
	// 53 bits out of startPrec fails only when the 37 bits after the
	// rounding position are all 0 or all 1, about once in 2^36 arguments.
	startPrec = 90
	// guardBits are the extra bits an evaluator works with beyond the
	// accuracy it promises, absorbing the rounding errors of a few dozen
	// big.Float operations (each at most half an ulp of the working
	// precision) and the error amplification of the argument reductions.
	guardBits = 38
	// maxPrec bounds Ziv's loop. No float64 argument of these functions is
	// known to need more than about 160 bits; exact and midpoint results are
	// detected separately, so reaching maxPrec means an undetected exact
	// case, for which the last approximation is returned.
	maxPrec = 4096
)

// newF returns a zero big.Float with precision prec, rounding to nearest
// even.
func newF(prec uint) *big.Float { return new(big.Float).SetPrec(prec) }

// exact returns x as a big.Float (53 bits, no rounding). x must not be NaN.
func exact(x float64) *big.Float { return new(big.Float).SetFloat64(x) }

// evaluator returns an approximation of f(x) with relative error below 2^-p.
type evaluator func(p uint) *big.Float

// round runs Ziv's strategy: it evaluates with increasing precision until
// the approximation, widened by its error bound, lies inside one float64
// rounding interval, and returns that float64.
func round(eval evaluator) float64 {
	for p := uint(startPrec); ; p *= 2 {
		v := eval(p)
		if f, ok := decide(v, p); ok || p >= maxPrec {
			return f
		}
	}
}

// decide reports whether every value within relative distance 2^-p of v
// rounds to the same float64 as v, and returns that float64.
func decide(v *big.Float, p uint) (float64, bool) {
	f, _ := v.Float64()
	if v.Sign() == 0 || v.IsInf() {
		return f, true
	}
	exp := v.MantExp(nil) // |v| < 2^exp
	e := new(big.Float).SetMantExp(big.NewFloat(1), exp-int(p))
	prec := v.Prec() + p + 2
	lo := newF(prec).Sub(v, e)
	hi := newF(prec).Add(v, e)
	flo, _ := lo.Float64()
	fhi, _ := hi.Float64()
	return f, flo == fhi && math.Signbit(flo) == math.Signbit(fhi)
}

// toFloat rounds an exact big.Float to the nearest float64, ties to even,
// with gradual underflow and overflow to ±Inf.
func toFloat(v *big.Float) float64 {
	f, _ := v.Float64()
	return f
}

// constant is a mathematical constant computed on demand to the largest
// precision asked so far. Readers share the cached value (never modified
// after publication), so concurrent use needs no lock.
type constant struct {
	mu      sync.Mutex
	v       atomic.Pointer[big.Float]
	compute func(prec uint) *big.Float
}

// get returns the constant with at least prec correct bits. The result is
// shared: use it only as an operand.
func (c *constant) get(prec uint) *big.Float {
	if v := c.v.Load(); v != nil && v.Prec() >= prec {
		return v
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if v := c.v.Load(); v != nil && v.Prec() >= prec {
		return v
	}
	// Round the precision up so that nearby requests share one computation,
	// and compute with 64 extra bits so that the stored value (rounded to
	// the published precision) is correct to within one ulp.
	pub := (prec + 255) &^ 255
	w := c.compute(pub + 64)
	v := newF(pub).Set(w)
	c.v.Store(v)
	return v
}

var (
	// piConst is π, by Machin's formula π = 16·atan(1/5) - 4·atan(1/239).
	piConst = &constant{compute: func(prec uint) *big.Float {
		a := atanInv(5, prec)
		b := atanInv(239, prec)
		a.Mul(a, big.NewFloat(16))
		b.Mul(b, big.NewFloat(4))
		return a.Sub(a, b)
	}}
	// ln2Const is log 2 = 2·atanh(1/3).
	ln2Const = &constant{compute: func(prec uint) *big.Float {
		v := atanhInv(3, prec)
		return v.Mul(v, big.NewFloat(2))
	}}
	// ln10Const is log 10 = 3·log 2 + log(5/4) = 3·log 2 + 2·atanh(1/9).
	ln10Const = &constant{compute: func(prec uint) *big.Float {
		l2 := newF(prec).Set(ln2Const.get(prec))
		l2.Mul(l2, big.NewFloat(3))
		v := atanhInv(9, prec)
		v.Mul(v, big.NewFloat(2))
		return v.Add(v, l2)
	}}
)

// atanInv returns atan(1/n) = Σ (-1)^k / ((2k+1)·n^(2k+1)) for integer n > 1.
func atanInv(n int64, prec uint) *big.Float {
	return inverseSeries(n, prec, true)
}

// atanhInv returns atanh(1/n) = Σ 1 / ((2k+1)·n^(2k+1)) for integer n > 1.
func atanhInv(n int64, prec uint) *big.Float {
	return inverseSeries(n, prec, false)
}

func inverseSeries(n int64, prec uint, alternate bool) *big.Float {
	wp := prec + 32
	nn := newF(wp).SetInt64(n * n)
	pw := newF(wp).Quo(big.NewFloat(1), newF(wp).SetInt64(n)) // 1/n^(2k+1)
	sum := newF(wp).Set(pw)
	term := newF(wp)
	d := newF(wp)
	for k := int64(1); ; k++ {
		pw.Quo(pw, nn)
		term.Quo(pw, d.SetInt64(2*k+1))
		if term.Sign() == 0 || term.MantExp(nil) < sum.MantExp(nil)-int(wp)-2 {
			break
		}
		if alternate && k%2 == 1 {
			sum.Sub(sum, term)
		} else {
			sum.Add(sum, term)
		}
	}
	return sum
}

// negligible reports whether term no longer affects sum at precision wp.
func negligible(term, sum *big.Float, wp uint) bool {
	return term.Sign() == 0 || term.MantExp(nil) < sum.MantExp(nil)-int(wp)-2
}

// quietNaN returns x with the quiet bit set, as an operation propagating a
// NaN operand does on x86-64.
func quietNaN(x float64) float64 {
	return math.Float64frombits(math.Float64bits(x) | 1<<51)
}

var (
	// negNaN is the default NaN x86-64 produces for invalid operations
	// (sign bit set; glibc prints it "-nan").
	negNaN = math.Float64frombits(0xFFF8000000000000)
	// posNaN is the NaN glibc returns for some domain errors (acos(2),
	// log10(-1)): sign bit clear, printed "nan".
	posNaN = math.Float64frombits(0x7FF8000000000000)
)
