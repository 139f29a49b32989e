package libm

import (
	"math"
	"math/big"
)

const (
	// hyperOverflow: sinh and cosh round to ±Inf above it (sinh(710.48) ≈
	// MaxFloat64).
	hyperOverflow = 711
	// tanhSaturate: tanh rounds to ±1 above it (1 - tanh(20) ≈ 8.5e-18 is
	// below 2^-54, half an ulp under 1).
	tanhSaturate = 20
	// hyperFastMax bounds the fast paths of sinh and cosh, whose results
	// fastRound takes up to 2^1000.
	hyperFastMax = 690
	// hyperHalfExp: above it sinh(x) and cosh(x) are e^|x|/2 to within
	// e^-2|x| < 2^-115 relative.
	hyperHalfExp = 40
)

// halfExpFast returns e^x/2 for hyperHalfExp < x < hyperOverflow,
// rounded (to +Inf on overflow), or ok false.
func halfExpFast(x float64) (float64, bool) {
	p, k := expDDParts(dd{x, 0})
	return fastRoundScaled(p, k-1, expEps+0x1p-115)
}

// sinhSeries returns sinh(x) = Σ x^(2k+1)/(2k+1)! at precision wp; for
// |x| ≤ 1.
func sinhSeries(x *big.Float, wp uint) *big.Float {
	sum := newF(wp).Set(x)
	x2 := newF(wp).Mul(x, x)
	term := newF(wp).Set(x)
	d := newF(64)
	for k := int64(1); ; k++ {
		term.Mul(term, x2)
		term.Quo(term, d.SetInt64((2*k)*(2*k+1)))
		if negligible(term, sum, wp) {
			return sum
		}
		sum.Add(sum, term)
	}
}

// Sinh returns the hyperbolic sine of x correctly rounded.
//
// Special cases: Sinh(±0) = ±0, Sinh(±Inf) = ±Inf, Sinh(NaN) = NaN.
func Sinh(x float64) float64 {
	switch {
	case x != x:
		return quietNaN(x)
	case x == 0 || math.IsInf(x, 0):
		return x
	case math.Abs(x) > hyperOverflow:
		return math.Copysign(math.Inf(1), x)
	}
	if r, ok := sinhFast(x); ok {
		return r
	}
	return sinhSlow(x)
}

// sinhSlow is Sinh without the fast path: math/big and Ziv's loop only.
func sinhSlow(x float64) float64 {
	bx := exact(x)
	return round(func(p uint) *big.Float {
		wp := p + guardBits
		if math.Abs(x) <= 1 {
			return sinhSeries(bx, wp)
		}
		e := expBig(bx, wp)
		inv := newF(wp).Quo(big.NewFloat(1), e)
		e.Sub(e, inv)
		return e.SetMantExp(e, -1)
	})
}

// Cosh returns the hyperbolic cosine of x correctly rounded.
//
// Special cases: Cosh(±0) = 1, Cosh(±Inf) = +Inf, Cosh(NaN) = NaN.
func Cosh(x float64) float64 {
	switch {
	case x != x:
		return quietNaN(x)
	case x == 0:
		return 1
	case math.Abs(x) > hyperOverflow:
		return math.Inf(1)
	}
	if math.Abs(x) > hyperHalfExp {
		if r, ok := halfExpFast(math.Abs(x)); ok {
			return r
		}
	} else if math.Abs(x) <= hyperFastMax {
		e := expDD(dd{math.Abs(x), 0})
		v := ldexpDD(ddAdd(e, ddDiv(dd{1, 0}, e)), -1)
		if r, ok := fastRound(v, hyperEps); ok {
			return r
		}
	}
	return coshSlow(x)
}

// coshSlow is Cosh without the fast path: math/big and Ziv's loop only.
func coshSlow(x float64) float64 {
	bx := exact(x)
	return round(func(p uint) *big.Float {
		wp := p + guardBits
		e := expBig(bx, wp)
		inv := newF(wp).Quo(big.NewFloat(1), e)
		e.Add(e, inv)
		return e.SetMantExp(e, -1)
	})
}

// Tanh returns the hyperbolic tangent of x correctly rounded.
//
// Special cases: Tanh(±0) = ±0, Tanh(±Inf) = ±1, Tanh(NaN) = NaN.
func Tanh(x float64) float64 {
	switch {
	case x != x:
		return quietNaN(x)
	case x == 0:
		return x
	case math.Abs(x) > tanhSaturate:
		return math.Copysign(1, x)
	}
	if r, ok := tanhFast(x); ok {
		return r
	}
	return tanhSlow(x)
}

// tanhSlow is Tanh without the fast path: math/big and Ziv's loop only.
func tanhSlow(x float64) float64 {
	bx := exact(x)
	return round(func(p uint) *big.Float {
		wp := p + guardBits
		if math.Abs(x) <= 1 {
			// tanh = s/√(1+s²) with s = sinh(x).
			s := sinhSeries(bx, wp)
			c := newF(wp).Mul(s, s)
			c.Add(c, big.NewFloat(1))
			c.Sqrt(c)
			return s.Quo(s, c)
		}
		// tanh = (e^2|x| - 1)/(e^2|x| + 1), no cancellation for |x| > 1.
		e := expBig(newF(wp).Abs(bx).SetMantExp(newF(wp).Abs(bx), 1), wp)
		num := newF(wp).Sub(e, big.NewFloat(1))
		e.Add(e, big.NewFloat(1))
		v := num.Quo(num, e)
		if x < 0 {
			v.Neg(v)
		}
		return v
	})
}

// sinhFast evaluates Sinh in double-double: the series below 1, else
// (e^|x| - e^-|x|)/2, which cancels less than two bits.
func sinhFast(x float64) (float64, bool) {
	ax := math.Abs(x)
	var v dd
	switch {
	case ax <= 1:
		v = sinhSeriesDD(ax)
	case ax > hyperHalfExp:
		r, ok := halfExpFast(ax)
		return math.Copysign(r, x), ok
	case ax <= hyperFastMax:
		e := expDD(dd{ax, 0})
		v = ldexpDD(ddSub(e, ddDiv(dd{1, 0}, e)), -1)
	default:
		return 0, false
	}
	if x < 0 {
		v = ddNeg(v)
	}
	return fastRound(v, hyperEps)
}

// tanhFast evaluates Tanh in double-double: s/√(1+s²) with s = sinh(x)
// below 1, else (e^2|x| - 1)/(e^2|x| + 1).
func tanhFast(x float64) (float64, bool) {
	ax := math.Abs(x)
	var v dd
	if ax <= 1 {
		s := sinhSeriesDD(ax)
		v = ddDiv(s, ddSqrt(ddAddF(ddMul(s, s), 1)))
	} else {
		e := expDD(dd{2 * ax, 0})
		v = ddDiv(ddAddF(e, -1), ddAddF(e, 1))
	}
	if x < 0 {
		v = ddNeg(v)
	}
	return fastRound(v, hyperEps)
}
