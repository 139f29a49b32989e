package libm

import (
	"math"
	"math/big"
)

const (
	// reduceSkip: arguments below π/4 in magnitude need no reduction.
	reduceSkip = 0.785
	// reduceCancel is the number of extra bits the reduction x·2/π - n
	// carries: no float64 lies closer than 2^-62 (relative to 1) to a
	// multiple of π/2 (the worst case, found by Kahan and McDonald's
	// continued-fraction search, is about 2^-61), so these bits cover the
	// cancellation with room to spare.
	reduceCancel = 80
)

// twoOverPiConst is 2/π.
var twoOverPiConst = &constant{compute: func(prec uint) *big.Float {
	return newF(prec).Quo(big.NewFloat(2), piConst.get(prec))
}}

// reduce returns r and n mod 4 with |x| = n·π/2 + r, |r| ≤ π/4 (about),
// r with relative error below 2^-(wp-2). x must be finite and non-zero.
func reduce(ax float64, wp uint) (*big.Float, int) {
	if ax < reduceSkip {
		return newF(wp).SetFloat64(ax), 0
	}
	_, ex := math.Frexp(ax)
	prec := wp + uint(max(ex, 0)) + reduceCancel
	q := newF(prec).Mul(exact(ax), twoOverPiConst.get(prec))
	half := newF(prec).Add(q, big.NewFloat(0.5))
	n, _ := half.Int(nil) // truncation = floor, q > 0
	f := newF(prec).SetInt(n)
	f.Sub(q, f) // exact: q and n are close
	r := newF(wp).Mul(f, piConst.get(wp+8))
	r.SetMantExp(r, -1)
	quadrant := 0
	if words := n.Bits(); len(words) > 0 {
		quadrant = int(words[0] & 3)
	}
	return r, quadrant
}

// sinSeries returns sin(r) = Σ (-1)^k r^(2k+1)/(2k+1)! at precision wp.
func sinSeries(r *big.Float, wp uint) *big.Float {
	sum := newF(wp).Set(r)
	r2 := newF(wp).Mul(r, r)
	term := newF(wp).Set(r)
	d := newF(64)
	for k := int64(1); ; k++ {
		term.Mul(term, r2)
		term.Quo(term, d.SetInt64((2*k)*(2*k+1)))
		if negligible(term, sum, wp) {
			return sum
		}
		if k%2 == 1 {
			sum.Sub(sum, term)
		} else {
			sum.Add(sum, term)
		}
	}
}

// cosSeries returns cos(r) = Σ (-1)^k r^(2k)/(2k)! at precision wp.
func cosSeries(r *big.Float, wp uint) *big.Float {
	sum := newF(wp).SetInt64(1)
	r2 := newF(wp).Mul(r, r)
	term := newF(wp).SetInt64(1)
	d := newF(64)
	for k := int64(1); ; k++ {
		term.Mul(term, r2)
		term.Quo(term, d.SetInt64((2*k-1)*(2*k)))
		if negligible(term, sum, wp) {
			return sum
		}
		if k%2 == 1 {
			sum.Sub(sum, term)
		} else {
			sum.Add(sum, term)
		}
	}
}

// Sin returns the sine of x (radians) correctly rounded.
//
// Special cases: Sin(±0) = ±0, Sin(±Inf) = NaN (sign bit set, as glibc's),
// Sin(NaN) = NaN.
func Sin(x float64) float64 { return sinCos(x, false) }

// Cos returns the cosine of x (radians) correctly rounded.
//
// Special cases: Cos(±Inf) = NaN (sign bit set, as glibc's), Cos(NaN) = NaN.
func Cos(x float64) float64 { return sinCos(x, true) }

// sinCos is Sin, or Cos when cos is set: the special cases, the fast path
// where it decides, else math/big and Ziv's loop.
func sinCos(x float64, cos bool) float64 {
	switch {
	case x != x:
		return quietNaN(x)
	case x == 0:
		if cos {
			return 1
		}
		return x
	case math.IsInf(x, 0):
		return negNaN
	}
	if math.Abs(x) <= trigFastMax {
		if r, ok := sinCosFast(x, cos); ok {
			return r
		}
	}
	return sinCosSlow(x, cos)
}

// sinSlow is Sin without the fast path: math/big and Ziv's loop only.
func sinSlow(x float64) float64 { return sinCosSlow(x, false) }

// cosSlow is Cos without the fast path: math/big and Ziv's loop only.
func cosSlow(x float64) float64 { return sinCosSlow(x, true) }

// sinCosSlow is sinSlow, or cosSlow when cos is set: x is reduced to
// n·π/2 + r, the quadrant n picks the series of r (sine or cosine), and
// the sign follows the quadrant (and, for the sine, the sign of x).
func sinCosSlow(x float64, cos bool) float64 {
	ax := math.Abs(x)
	return round(func(p uint) *big.Float {
		wp := p + guardBits
		r, n := reduce(ax, wp)
		var v *big.Float
		if (n%2 == 0) != cos {
			v = sinSeries(r, wp)
		} else {
			v = cosSeries(r, wp)
		}
		neg := n == 1 || n == 2
		if !cos {
			neg = (n >= 2) != (x < 0)
		}
		if neg {
			v.Neg(v)
		}
		return v
	})
}

// Tan returns the tangent of x (radians) correctly rounded.
//
// Special cases: Tan(±0) = ±0, Tan(±Inf) = NaN (sign bit set, as glibc's),
// Tan(NaN) = NaN.
func Tan(x float64) float64 {
	switch {
	case x != x:
		return quietNaN(x)
	case x == 0:
		return x
	case math.IsInf(x, 0):
		return negNaN
	}
	ax := math.Abs(x)
	if ax <= trigFastMax {
		if r, ok := tanFast(x); ok {
			return r
		}
	}
	return tanSlow(x)
}

// tanSlow is Tan without the fast path: math/big and Ziv's loop only.
func tanSlow(x float64) float64 {
	ax := math.Abs(x)
	return round(func(p uint) *big.Float {
		wp := p + guardBits
		r, n := reduce(ax, wp)
		s := sinSeries(r, wp)
		c := cosSeries(r, wp)
		var v *big.Float
		if n%2 == 0 {
			v = s.Quo(s, c)
		} else {
			v = c.Quo(c, s)
			v.Neg(v)
		}
		if x < 0 {
			v.Neg(v)
		}
		return v
	})
}
