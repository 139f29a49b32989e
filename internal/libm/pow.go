package libm

import (
	"math"
	"math/big"
)

const (
	// powExactMaxExp bounds the integral exponents for which Pow computes
	// x^n exactly (53·64 bits at most). Above it no result can be exact or
	// a midpoint unless x is a power of two: x^n with an odd mantissa of
	// at least 2 bits needs more than 54 bits once n > 34.
	powExactMaxExp = 64
	// powDyadicMaxShift bounds k for exponents y = M/2^k tried for an exact
	// result (x^y exact needs x to be a perfect 2^k-th power).
	powDyadicMaxShift = 10
	// powLogOverflow and powLogUnderflow bound y·log(x) outside of which
	// x^y rounds to +Inf or +0 (see expOverflow, expUnderflow).
	powLogOverflow  = expOverflow
	powLogUnderflow = expUnderflow
	// powFastMaxY keeps the double-double product y·log(x) free of
	// overflow in Dekker's split; powFastMaxT keeps e^t within reach of
	// fastRoundScaled (e^-745.2 is below half the smallest subnormal).
	powFastMaxY = 0x1p900
	powFastMaxT = 745.2
)

// isOddInt reports whether y is an odd integer.
func isOddInt(y float64) bool {
	if math.Abs(y) >= 1<<53 || y != math.Trunc(y) {
		return false
	}
	return int64(y)&1 == 1
}

// Pow returns x^y correctly rounded, as glibc's pow.
//
// Special cases (C99 F.9.4.4): Pow(x, ±0) = 1 for any x, even NaN;
// Pow(1, y) = 1 for any y, even NaN; Pow(-1, ±Inf) = 1; otherwise a NaN
// argument gives NaN (x's if both are; with
// the sign bit cleared when x is a negative NaN and y an odd integer, as
// glibc's); Pow(±0, y) = ±Inf for y an odd
// negative integer, +Inf for other y < 0, ±0 for y an odd positive
// integer, +0 for other y > 0; Pow(x, -Inf) = +Inf for |x| < 1, +0 for
// |x| > 1; Pow(x, +Inf) = +0 for |x| < 1, +Inf for |x| > 1; Pow(-Inf, y) =
// Pow(-0, -y); Pow(+Inf, y) = +0 for y < 0, +Inf for y > 0; Pow(x, y) =
// NaN (sign bit set, as glibc's) for finite x < 0 and finite non-integral
// y; results beyond the float64 range overflow to ±Inf or underflow
// (gradually) to ±0.
func Pow(x, y float64) float64 { return pow(x, y, true) }

// powSlow is Pow without the double-double fast path.
func powSlow(x, y float64) float64 { return pow(x, y, false) }

func pow(x, y float64, fast bool) float64 {
	switch {
	case y == 0 || x == 1:
		return 1
	case y != y:
		if x != x {
			return quietNaN(x)
		}
		return quietNaN(y)
	case x != x:
		// glibc squares a NaN x, then negates the square when x has its
		// sign bit set and y is an odd integer.
		if math.Signbit(x) && isOddInt(y) {
			return -quietNaN(x)
		}
		return quietNaN(x)
	case y == 1:
		return x
	case y == 2:
		return x * x
	case y == -1:
		return 1 / x
	case math.IsInf(y, 0):
		ax := math.Abs(x)
		switch {
		case ax == 1:
			return 1
		case (ax < 1) == (y > 0):
			return 0
		}
		return math.Inf(1)
	case x == 0:
		switch {
		case y < 0 && isOddInt(y):
			return 1 / x
		case y < 0:
			return math.Inf(1)
		case isOddInt(y):
			return x
		}
		return 0
	case math.IsInf(x, 1):
		if y < 0 {
			return 0
		}
		return x
	case math.IsInf(x, -1):
		odd := isOddInt(y)
		switch {
		case y < 0 && odd:
			return math.Copysign(0, -1)
		case y < 0:
			return 0
		case odd:
			return x
		}
		return math.Inf(1)
	}
	neg := false
	if x < 0 {
		if y != math.Trunc(y) {
			return negNaN
		}
		neg = isOddInt(y)
		x = -x
	}
	r := powPositive(x, y, fast)
	if neg {
		r = -r
	}
	return r
}

// powPositive returns x^y for finite x > 0 and finite y ∉ {0, 1, -1, 2}.
func powPositive(x, y float64, fast bool) float64 {
	if y == 0.5 {
		return math.Sqrt(x) // correctly rounded
	}
	m, e := math.Frexp(x)
	isInt := y == math.Trunc(y)
	if x == 1 {
		return 1 // (-1)^y for huge even y
	}
	if m == 0.5 && isInt {
		// x = 2^(e-1): the result is a power of two, rounded into the
		// subnormal range or to ±Inf/0 when out of range.
		if math.Abs(y) > 1<<20 {
			if (y > 0) == (e-1 > 0) {
				return math.Inf(1)
			}
			return 0
		}
		v := new(big.Float).SetMantExp(big.NewFloat(1), (e-1)*int(y))
		return toFloat(v)
	}
	if fast && isInt && math.Abs(y) <= powExactMaxExp {
		if r, ok := powIntFast(x, int(y)); ok {
			return r
		}
	}
	if fast && math.Abs(y) < powFastMaxY {
		// Fast path: e^(y·log x) in double-double. An error of logEps
		// relative in log x is one of |t|·logEps absolute in t = y·log x,
		// hence relative in e^t.
		t := ddMulF(logDD(x), y)
		if math.Abs(t.hi) <= powFastMaxT {
			p, k := expDDParts(t)
			if r, ok := fastRoundScaled(p, k, float64(math.Abs(t.hi)*(logEps+0x1p-104))+expEps); ok {
				return r
			}
		}
	}
	if isInt && math.Abs(y) <= powExactMaxExp {
		return powInt(x, int(y))
	}
	// Decide overflow and underflow on a first approximation of y·log(x):
	// with 64 bits its error is far below the margins of the thresholds.
	t := newF(startPrec).Mul(logBig(x, startPrec), exact(y))
	if t.Cmp(big.NewFloat(powLogOverflow)) > 0 {
		return math.Inf(1)
	}
	if t.Cmp(big.NewFloat(powLogUnderflow)) < 0 {
		return 0
	}
	by := exact(y)
	eval := func(p uint) *big.Float {
		// |y·log(x)| ≤ 746 < 2^10: an error of 2^-q relative in log(x) is
		// an error of 2^(10-q) absolute in y·log(x), hence relative in the
		// result; 20 more guard bits cover it.
		wp := p + guardBits + 20
		l := logBig(x, wp)
		l.Mul(l, by)
		return expBig(l, wp)
	}
	for p := uint(startPrec); ; p *= 2 {
		v := eval(p)
		f, ok := decide(v, p)
		if ok || p >= maxPrec {
			return f
		}
		if r, ok := powDyadic(x, y); ok {
			return r
		}
	}
}

// powInt returns x^n correctly rounded for 2 < |n| ≤ powExactMaxExp: the
// power is computed exactly (each factor has 53 bits), then rounded, or
// for negative n its reciprocal is rounded with Ziv's test (1/x^|n| is
// never a midpoint: x^|n| is not a power of two).
func powInt(x float64, n int) float64 {
	an := n
	if an < 0 {
		an = -an
	}
	prec := uint(53*an + 64)
	p := newF(prec).SetInt64(1)
	b := newF(prec).SetFloat64(x)
	for k := an; k > 0; k >>= 1 {
		if k&1 == 1 {
			p.Mul(p, b)
		}
		if k > 1 {
			b.Mul(b, b)
		}
	}
	if n > 0 {
		return toFloat(p)
	}
	return round(func(q uint) *big.Float {
		return newF(q+guardBits).Quo(big.NewFloat(1), p)
	})
}

// powDyadic returns x^y when it is exactly representable or exactly a
// midpoint between two float64 (rounded to even), which happens only for
// y = M/2^k with x a perfect 2^k-th power; ok is false otherwise. Such
// results defeat Ziv's test, whose interval always straddles a midpoint.
func powDyadic(x, y float64) (float64, bool) {
	k := 0
	for y != math.Trunc(y) {
		if k == powDyadicMaxShift {
			return 0, false
		}
		y *= 2 // exact
		k++
	}
	if math.Abs(y) > powExactMaxExp {
		return 0, false
	}
	// Take k exact square roots of x, or fail.
	r := exact(x)
	for range k {
		prec := 2*r.MinPrec() + 2
		s := newF(prec).Sqrt(r)
		if newF(2*prec).Mul(s, s).Cmp(r) != 0 {
			return 0, false
		}
		s.SetPrec(s.MinPrec())
		r = s
	}
	n := int(y)
	an := n
	if an < 0 {
		an = -an
	}
	bits := uint(int(r.MinPrec())*an + 64)
	p := newF(bits).SetInt64(1)
	for range an {
		p.Mul(p, r)
	}
	if n > 0 {
		return toFloat(p), true
	}
	// 1/p is exact (or a midpoint) only when p is a power of two.
	if p.MinPrec() != 1 {
		return 0, false
	}
	return toFloat(p.Quo(big.NewFloat(1), p)), true
}

// powIntFast computes x^n for |n| ≤ powExactMaxExp by binary powering in
// double-double, then rounds with Ziv's test. Each double-double product
// errs by less than 2^-104 relative, and squaring doubles the relative
// error of its operand, so x^|n| errs by less than about 2|n|·2^-104;
// (|n|+2)·2^-100 bounds it with room, including the final reciprocal.
func powIntFast(x float64, n int) (float64, bool) {
	an := n
	if an < 0 {
		an = -an
	}
	// Keep every intermediate power within [2^-950, 2^950], where Dekker's
	// product is exact.
	if _, e := math.Frexp(x); (abs(e)+1)*an > 950 {
		return 0, false
	}
	p, b := dd{1, 0}, dd{x, 0}
	for k := an; ; {
		if k&1 == 1 {
			p = ddMul(p, b)
		}
		k >>= 1
		if k == 0 {
			break
		}
		b = ddMul(b, b)
	}
	if n < 0 {
		p = ddDiv(dd{1, 0}, p)
	}
	return fastRound(p, float64(an+2)*0x1p-100)
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
