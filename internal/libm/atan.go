package libm

import (
	"math"
	"math/big"
)

// atanHalvings is the number of times atanBig applies
// atan(a) = 2·atan(a/(1+√(1+a²))) to bring |a| ≤ 1 below tan(π/32) ≈ 0.098,
// where the Taylor series gains 6.7 bits per term.
const atanHalvings = 3

// atanSeries returns atan(z) = Σ (-1)^k z^(2k+1)/(2k+1) at precision wp.
func atanSeries(z *big.Float, wp uint) *big.Float {
	sum := newF(wp).Set(z)
	if z.Sign() == 0 {
		return sum
	}
	z2 := newF(wp).Mul(z, z)
	pw := newF(wp).Set(z)
	term := newF(wp)
	d := newF(64)
	for k := int64(1); ; k++ {
		pw.Mul(pw, z2)
		term.Quo(pw, d.SetInt64(2*k+1))
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

// atanBig returns atan(z) for a finite big.Float z, with relative error
// below 2^-(wp-8).
func atanBig(z *big.Float, wp uint) *big.Float {
	a := newF(wp).Abs(z)
	inv := a.Cmp(big.NewFloat(1)) > 0
	if inv {
		a.Quo(big.NewFloat(1), a)
	}
	one := big.NewFloat(1)
	t := newF(wp)
	for range atanHalvings {
		t.Mul(a, a)
		t.Add(t, one)
		t.Sqrt(t)
		t.Add(t, one)
		a.Quo(a, t)
	}
	v := atanSeries(a, wp)
	v.SetMantExp(v, atanHalvings)
	if inv {
		h := newF(wp).Set(piConst.get(wp))
		h.SetMantExp(h, -1)
		v.Sub(h, v)
	}
	if z.Sign() < 0 {
		v.Neg(v)
	}
	return v
}

// halfPi returns π/2 times sign, at precision prec.
func halfPi(prec uint, sign float64) *big.Float {
	h := newF(prec).Set(piConst.get(prec))
	h.SetMantExp(h, -1)
	if sign < 0 {
		h.Neg(h)
	}
	return h
}

// Atan returns the arctangent of x correctly rounded.
//
// Special cases: Atan(±0) = ±0, Atan(±Inf) = ±π/2, Atan(NaN) = NaN.
func Atan(x float64) float64 {
	switch {
	case x != x:
		return quietNaN(x)
	case x == 0:
		return x
	case math.IsInf(x, 0):
		return toFloat(halfPi(128, x))
	}
	if ax := math.Abs(x); ax >= 0x1p-900 && ax <= 0x1p900 { // Dekker's split stays in range
		v := atanDD(dd{ax, 0})
		if x < 0 {
			v = ddNeg(v)
		}
		if r, ok := fastRound(v, atanEps); ok {
			return r
		}
	}
	return atanSlow(x)
}

// atanSlow is Atan without the fast path: math/big and Ziv's loop only.
func atanSlow(x float64) float64 {
	bx := exact(x)
	return round(func(p uint) *big.Float { return atanBig(bx, p+guardBits) })
}

// Atan2 returns the argument of the point (x, y), in [-π, π], correctly
// rounded.
//
// Special cases (C99 F.9.1.4): Atan2(±0, x) = ±0 for x > 0 or x = +0 and
// ±π for x < 0 or x = -0; Atan2(y, ±0) = ±π/2 for y ≠ 0 (sign of y);
// Atan2(±Inf, +Inf) = ±π/4; Atan2(±Inf, -Inf) = ±3π/4; Atan2(±Inf, x) =
// ±π/2 for finite x; Atan2(y, +Inf) = ±0 and Atan2(y, -Inf) = ±π for
// finite y; a NaN argument gives NaN (x's if both are).
func Atan2(y, x float64) float64 {
	switch {
	case x != x:
		return quietNaN(x)
	case y != y:
		return quietNaN(y)
	case y == 0:
		if x > 0 || (x == 0 && !math.Signbit(x)) {
			return y
		}
		return math.Copysign(math.Pi, y)
	case x == 0:
		return math.Copysign(math.Pi/2, y)
	case math.IsInf(y, 0):
		switch {
		case math.IsInf(x, 1):
			return math.Copysign(math.Pi/4, y)
		case math.IsInf(x, -1):
			return math.Copysign(3*math.Pi/4, y)
		}
		return math.Copysign(math.Pi/2, y)
	case math.IsInf(x, 1):
		return math.Copysign(0, y)
	case math.IsInf(x, -1):
		return math.Copysign(math.Pi, y)
	}
	// math.Pi, math.Pi/2, math.Pi/4 and 3*math.Pi/4 (an exact product by 3
	// rounded once) are the correctly rounded values.
	if r, ok := atan2Fast(y, x); ok {
		return r
	}
	return atan2Slow(y, x)
}

// atan2Slow is Atan2 without the fast path: math/big and Ziv's loop only.
func atan2Slow(y, x float64) float64 {
	bx, by := exact(x), exact(y)
	return round(func(p uint) *big.Float {
		wp := p + guardBits
		if math.Abs(y) <= math.Abs(x) {
			v := atanBig(newF(wp).Quo(by, bx), wp)
			if x < 0 {
				pi := newF(wp).Set(piConst.get(wp))
				if y < 0 {
					pi.Neg(pi)
				}
				v.Add(v, pi)
			}
			return v
		}
		v := atanBig(newF(wp).Quo(bx, by), wp)
		return v.Sub(halfPi(wp, y), v)
	})
}

// Asin returns the arcsine of x correctly rounded.
//
// Special cases: Asin(±0) = ±0, Asin(x) = NaN for |x| > 1 (sign bit clear,
// as glibc's), Asin(NaN) = NaN.
func Asin(x float64) float64 {
	switch {
	case x != x:
		return quietNaN(x)
	case x == 0:
		return x
	case math.Abs(x) > 1:
		return posNaN
	case math.Abs(x) == 1:
		return math.Copysign(math.Pi/2, x)
	}
	// asin(x) = atan(x/√((1-x)(1+x))) in double-double first.
	d := ddMul(twoSum(1, -math.Abs(x)), twoSum(1, math.Abs(x)))
	v := atanDD(ddDiv(dd{math.Abs(x), 0}, ddSqrt(d)))
	if x < 0 {
		v = ddNeg(v)
	}
	if r, ok := fastRound(v, atanEps+0x1p-100); ok {
		return r
	}
	return asinSlow(x)
}

// asinSlow is Asin without the fast path: math/big and Ziv's loop only.
func asinSlow(x float64) float64 {
	bx := exact(x)
	return round(func(p uint) *big.Float {
		// asin(x) = atan(x/√((1-x)(1+x))), 1-x and 1+x exact.
		wp := p + guardBits
		d := newF(wp).Sub(big.NewFloat(1), bx)
		d.Mul(d, newF(wp).Add(big.NewFloat(1), bx))
		d.Sqrt(d)
		return atanBig(d.Quo(bx, d), wp)
	})
}

// Acos returns the arccosine of x correctly rounded.
//
// Special cases: Acos(1) = +0, Acos(x) = NaN for |x| > 1 (sign bit clear,
// as glibc's), Acos(NaN) = NaN.
func Acos(x float64) float64 {
	switch {
	case x != x:
		return quietNaN(x)
	case math.Abs(x) > 1:
		return posNaN
	case x == 1:
		return 0
	case x == -1:
		return math.Pi
	}
	// acos(x) = 2·atan(√((1-x)/(1+x))) in double-double first.
	v := atanDD(ddSqrt(ddDiv(twoSum(1, -x), twoSum(1, x))))
	if r, ok := fastRound(ldexpDD(v, 1), atanEps+0x1p-100); ok {
		return r
	}
	return acosSlow(x)
}

// acosSlow is Acos without the fast path: math/big and Ziv's loop only.
func acosSlow(x float64) float64 {
	bx := exact(x)
	return round(func(p uint) *big.Float {
		// acos(x) = 2·atan(√((1-x)/(1+x))), 1-x and 1+x exact.
		wp := p + guardBits
		d := newF(wp).Sub(big.NewFloat(1), bx)
		d.Quo(d, newF(wp).Add(big.NewFloat(1), bx))
		d.Sqrt(d)
		v := atanBig(d, wp)
		return v.SetMantExp(v, 1)
	})
}

// atan2Fast evaluates Atan2 for finite non-zero x and y in double-double:
// the angle of (|x|, |y|) in the first quadrant, reflected.
func atan2Fast(y, x float64) (float64, bool) {
	ax, ay := math.Abs(x), math.Abs(y)
	const lo, hi = 0x1p-500, 0x1p500 // keep Dekker's split and products in range
	if !(ax >= lo && ax <= hi && ay >= lo && ay <= hi) {
		return 0, false
	}
	c := consts()
	var v dd
	if ay <= ax {
		v = atanDD(ddDiv(dd{ay, 0}, dd{ax, 0}))
	} else {
		v = ddSub(c.halfPi, atanDD(ddDiv(dd{ax, 0}, dd{ay, 0})))
	}
	if x < 0 {
		v = ddSub(c.pi, v)
	}
	if y < 0 {
		v = ddNeg(v)
	}
	return fastRound(v, atanEps+0x1p-100)
}
