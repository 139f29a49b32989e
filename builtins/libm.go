package builtins

// This file computes the transcendental functions of the math library
// (but sinh, cosh, tanh and log10: fdlibm.go) correctly rounded, as glibc's libm (which lua5.1 calls) does in all but
// astronomically rare cases: Go's math package is accurate to about one
// ulp, and a last bit that differs becomes a different printed digit
// often enough (about one value in a hundred under %.14g) to break
// byte-identical output.
//
// The algorithm: each function is evaluated in double-double arithmetic
// (a value is an unevaluated sum hi+lo of two float64, about 106 bits) and
// the result is rounded once to float64. exp reduces its argument by
// multiples of ln 2 and sums a Taylor series; log, atan and asin refine
// Go's float64 result by one Newton step of the inverse function, which
// doubles its precision; sin, cos and tan reduce the argument modulo pi/2
// with math/big (exactly, whatever the magnitude) and sum Taylor series.
// The constants (pi, ln 2, ln 10) are computed once with math/big series.
//
// The one known difference: glibc's own results are within about 0.52 ulp,
// not 0.5, so for roughly one argument in a thousand, whose exact value
// lies within a few thousandths of an ulp of a rounding midpoint, glibc
// rounds the other way and the last bit differs (a %.17g digit; under
// 5.1's %.14g about one value in 10^5). Reproducing those would need
// glibc's tables and polynomials.
//
// Determinism: the double-double operations are written with explicit
// float64 conversions so that no compiler may fuse a multiply and an add,
// and math.FMA gives exact products on every platform.

import (
	"math"
	"math/big"
	"sync"
)

// dd is a double-double number hi+lo with |lo| <= ulp(hi)/2.
type dd struct{ hi, lo float64 }

func twoSum(a, b float64) dd {
	s := a + b
	bb := s - a
	return dd{s, (a - (s - bb)) + (b - bb)}
}

func fastTwoSum(a, b float64) dd {
	s := a + b
	return dd{s, b - (s - a)}
}

func twoProd(a, b float64) dd {
	p := float64(a * b)
	return dd{p, math.FMA(a, b, -p)}
}

func (a dd) add(b dd) dd {
	s := twoSum(a.hi, b.hi)
	t := twoSum(a.lo, b.lo)
	s = fastTwoSum(s.hi, s.lo+t.hi)
	return fastTwoSum(s.hi, s.lo+t.lo)
}

func (a dd) neg() dd { return dd{-a.hi, -a.lo} }

func (a dd) sub(b dd) dd { return a.add(b.neg()) }

func (a dd) mul(b dd) dd {
	p := twoProd(a.hi, b.hi)
	return fastTwoSum(p.hi, p.lo+(float64(a.hi*b.lo)+float64(a.lo*b.hi)))
}

func (a dd) mulF(b float64) dd {
	p := twoProd(a.hi, b)
	return fastTwoSum(p.hi, p.lo+float64(a.lo*b))
}

func (a dd) div(b dd) dd {
	q1 := a.hi / b.hi
	r := a.sub(b.mulF(q1))
	q2 := r.hi / b.hi
	r = r.sub(b.mulF(q2))
	q3 := r.hi / b.hi
	return fastTwoSum(q1, q2).add(dd{q3, 0})
}

func (a dd) divF(b float64) dd { return a.div(dd{b, 0}) }

// float rounds a to the nearest float64 (hi is that already when a is
// normalised; adding recovers it after an unnormalised sum).
func (a dd) float() float64 { return a.hi + a.lo }

// Constants, computed once with math/big.
var (
	libmOnce  sync.Once
	bigPi     *big.Float // pi to bigPiPrec bits
	ddPi      dd         // pi
	ddPio2    dd         // pi/2
	ln2Parts  [3]float64 // ln 2 = ln2Parts[0] + [1] + [2] (about 159 bits)
	ddLn2     dd
	ddInvL10  dd         // 1/ln 10
	pio2Parts [3]float64 // pi/2 = pio2Parts[0] + [1] + [2] (about 159 bits)
	invFact   [42]dd     // 1/n!
)

// bigPiPrec covers the reduction of the largest float64 (2^1024) modulo
// pi/2 with 200 bits to spare.
const bigPiPrec = 1300

func libmInit() {
	libmOnce.Do(func() {
		const prec = bigPiPrec + 64
		// Machin: pi = 16 atan(1/5) - 4 atan(1/239).
		pi := new(big.Float).SetPrec(prec).Mul(big.NewFloat(16).SetPrec(prec), bigArctanInv(5, prec))
		pi.Sub(pi, new(big.Float).SetPrec(prec).Mul(big.NewFloat(4).SetPrec(prec), bigArctanInv(239, prec)))
		bigPi = pi
		ddPi = bigToDD(pi)
		half := new(big.Float).SetPrec(prec).Quo(pi, big.NewFloat(2))
		ddPio2 = bigToDD(half)
		// ln 2 = 2 atanh(1/3); ln 10 = 3 ln 2 + 2 atanh(1/9).
		ln2 := new(big.Float).SetPrec(prec).Mul(big.NewFloat(2), bigArctanhInv(3, prec))
		rest := new(big.Float).SetPrec(prec).Set(ln2)
		for i := range ln2Parts {
			ln2Parts[i], _ = rest.Float64()
			rest.Sub(rest, new(big.Float).SetFloat64(ln2Parts[i]))
		}
		ddLn2 = bigToDD(ln2)
		ln10 := new(big.Float).SetPrec(prec).Mul(big.NewFloat(3), ln2)
		ln10.Add(ln10, new(big.Float).SetPrec(prec).Mul(big.NewFloat(2), bigArctanhInv(9, prec)))
		ddInvL10 = bigToDD(new(big.Float).SetPrec(prec).Quo(big.NewFloat(1).SetPrec(prec), ln10))
		rest.Set(half)
		for i := range pio2Parts {
			pio2Parts[i], _ = rest.Float64()
			rest.Sub(rest, new(big.Float).SetFloat64(pio2Parts[i]))
		}
		f := new(big.Float).SetPrec(256).SetInt64(1)
		for n := range invFact {
			if n > 0 {
				f.Mul(f, big.NewFloat(float64(n)))
			}
			invFact[n] = bigToDD(new(big.Float).SetPrec(256).Quo(big.NewFloat(1).SetPrec(256), f))
		}
	})
}

// bigArctanInv is atan(1/n) = sum (-1)^k / ((2k+1) n^(2k+1)).
func bigArctanInv(n int64, prec uint) *big.Float { return bigAtanSeries(n, prec, true) }

// bigArctanhInv is atanh(1/n) = sum 1 / ((2k+1) n^(2k+1)).
func bigArctanhInv(n int64, prec uint) *big.Float { return bigAtanSeries(n, prec, false) }

func bigAtanSeries(n int64, prec uint, alternate bool) *big.Float {
	sum := new(big.Float).SetPrec(prec)
	pow := new(big.Float).SetPrec(prec).Quo(big.NewFloat(1).SetPrec(prec), big.NewFloat(float64(n)))
	n2 := big.NewFloat(float64(n * n)).SetPrec(prec)
	term := new(big.Float).SetPrec(prec)
	eps := new(big.Float).SetMantExp(big.NewFloat(1), -int(prec)-8)
	for k := int64(0); ; k++ {
		term.Quo(pow, big.NewFloat(float64(2*k+1)))
		if alternate && k%2 == 1 {
			sum.Sub(sum, term)
		} else {
			sum.Add(sum, term)
		}
		if term.Cmp(eps) < 0 {
			return sum
		}
		pow.Quo(pow, n2)
	}
}

func bigToDD(x *big.Float) dd {
	hi, _ := x.Float64()
	r := new(big.Float).SetPrec(x.Prec()).Sub(x, new(big.Float).SetFloat64(hi))
	lo, _ := r.Float64()
	return dd{hi, lo}
}

// expDD returns e^x as a double-double scaled by 2^-k (so that results
// beyond float64's range can be scaled by the caller): e^x = v * 2^k.
// x must be finite and |x| < 1100.
func expDD(x float64) (v dd, k int) {
	libmInit()
	kf := math.Round(x / ln2Parts[0])
	// r = x - kf*ln2, exactly enough: each product is exact.
	r := dd{x, 0}.sub(twoProd(kf, ln2Parts[0]))
	r = r.sub(twoProd(kf, ln2Parts[1]))
	r = r.sub(dd{float64(kf * ln2Parts[2]), 0})
	// e^r = (e^(r/2^4))^(2^4), the inner one by its Taylor series to the
	// 14th power (|r/16| < 0.022: the next term is below 2^-110).
	const sq = 4
	sr := dd{math.Ldexp(r.hi, -sq), math.Ldexp(r.lo, -sq)}
	sum := invFact[14]
	for n := 13; n >= 0; n-- {
		sum = sum.mul(sr).add(invFact[n])
	}
	for i := 0; i < sq; i++ {
		sum = sum.mul(sum)
	}
	return sum, int(kf)
}

// scaleDD rounds v*2^k to float64.
func scaleDD(v dd, k int) float64 {
	y := math.Ldexp(v.hi, k)
	if y != 0 && math.Abs(y) >= 0x1p-1022 || math.IsInf(y, 0) {
		return y
	}
	// A subnormal result: round v*2^k once, counting lo.
	return math.Ldexp(v.hi+v.lo, k) // rare; may differ by one unit from a single rounding
}

func libmExp(x float64) float64 {
	switch {
	case x != x:
		return x
	case x > 709.8:
		return math.Inf(1)
	case x < -745.2:
		return 0
	}
	v, k := expDD(x)
	return scaleDD(v, k)
}

// logDD returns log x for finite x > 0 as a double-double.
func logDD(x float64) dd {
	libmInit()
	m, e := math.Frexp(x)
	if m < math.Sqrt2/2 {
		m *= 2
		e--
	}
	// One Newton step on e^y = m from y0 = log m: y = y0 + log1p(m e^-y0 - 1).
	y0 := math.Log(m)
	ev, ek := expDD(-y0)
	ev = dd{math.Ldexp(ev.hi, ek), math.Ldexp(ev.lo, ek)}
	t := ev.mulF(m).sub(dd{1, 0})
	y := dd{y0, 0}.add(t).sub(t.mul(t).mulF(0.5))
	if e != 0 {
		fe := float64(e)
		l := twoProd(fe, ln2Parts[0]).add(twoProd(fe, ln2Parts[1]))
		y = l.add(y)
	}
	return y
}

func libmLog(x float64) float64 {
	switch {
	case x != x:
		return x
	case x < 0:
		return negNaN
	case x == 0:
		return math.Inf(-1)
	case math.IsInf(x, 1):
		return x
	case x == 1:
		return 0
	}
	return logDD(x).float()
}

func libmLog10(x float64) float64 {
	switch {
	case x != x:
		return x
	case x < 0:
		return math.NaN()
	case x == 0:
		return math.Inf(-1)
	case math.IsInf(x, 1):
		return x
	case x == 1:
		return 0
	}
	return fdLog10(x)
}

// sinCosDD returns sin y and cos y for |y| <= 1.6 by their Taylor series
// in Horner form, to the 41st power (the next term is below 2^-110 for
// |y| <= pi/2).
func sinCosDD(y dd) (s, c dd) { return sinDD(y), cosDD(y) }

// taylorTerms is the last power sinDD and cosDD sum for y.
func taylorTerms(y dd) int {
	if math.Abs(y.hi) <= math.Pi/4+1e-9 {
		return 27
	}
	return 41
}

// sinDD is sin y = y (1 - y^2/3! + y^4/5! ...) for |y| <= 1.6.
func sinDD(y dd) dd {
	y2 := y.mul(y)
	n := taylorTerms(y)
	s := invFact[n]
	for k := n - 2; k >= 1; k -= 2 {
		s = s.mul(y2).neg().add(invFact[k])
	}
	return s.mul(y)
}

// cosDD is cos y = 1 - y^2/2! + y^4/4! ... for |y| <= 1.6.
func cosDD(y dd) dd {
	y2 := y.mul(y)
	n := taylorTerms(y) - 1
	c := invFact[n]
	for k := n - 2; k >= 0; k -= 2 {
		c = c.mul(y2).neg().add(invFact[k])
	}
	return c
}

// reducePio2 returns r and q with x = q*pi/2 + r, |r| <= pi/4, computed
// with math/big so that no bit of r is lost however large x is.
func reducePio2(x float64) (r dd, q int) {
	libmInit()
	if math.Abs(x) <= math.Pi/4 {
		return dd{x, 0}, 0
	}
	if math.Abs(x) < 0x1p20 {
		// Cody-Waite with pi/2 in three parts: each product k*part is
		// exact as a double-double, so r keeps about 100 bits.
		k := math.Round(x / pio2Parts[0])
		r = dd{x, 0}.sub(twoProd(k, pio2Parts[0]))
		r = r.sub(twoProd(k, pio2Parts[1]))
		r = r.sub(twoProd(k, pio2Parts[2]))
		return r, int(int64(k) & 3)
	}
	_, e := math.Frexp(x)
	prec := uint(max(e, 0)) + 200
	bx := new(big.Float).SetPrec(prec).SetFloat64(x)
	pio2 := new(big.Float).SetPrec(prec).Quo(bigPi, big.NewFloat(2))
	k := new(big.Float).SetPrec(prec).Quo(bx, pio2)
	// Round k to the nearest integer.
	ki, _ := new(big.Float).SetPrec(prec).Add(k, big.NewFloat(math.Copysign(0.5, x))).Int(nil)
	kf := new(big.Float).SetPrec(prec).SetInt(ki)
	rem := new(big.Float).SetPrec(prec).Sub(bx, kf.Mul(kf, pio2))
	q = int(new(big.Int).And(ki, big.NewInt(3)).Int64()) // two's complement: k mod 4
	return bigToDD(rem), q
}

func libmSin(x float64) float64 {
	if x != x {
		return x
	}
	if math.IsInf(x, 0) {
		return negNaN
	}
	if x == 0 || math.Abs(x) < 0x1p-26 {
		return x // sin x rounds to x
	}
	r, q := reducePio2(x)
	switch q {
	case 1:
		return cosDD(r).float()
	case 2:
		return -sinDD(r).float()
	case 3:
		return -cosDD(r).float()
	}
	return sinDD(r).float()
}

func libmCos(x float64) float64 {
	if x != x {
		return x
	}
	if math.IsInf(x, 0) {
		return negNaN
	}
	r, q := reducePio2(x)
	switch q {
	case 1:
		return -sinDD(r).float()
	case 2:
		return -cosDD(r).float()
	case 3:
		return sinDD(r).float()
	}
	return cosDD(r).float()
}

func libmTan(x float64) float64 {
	if x != x {
		return x
	}
	if math.IsInf(x, 0) {
		return negNaN
	}
	if x == 0 || math.Abs(x) < 0x1p-27 {
		return x
	}
	r, q := reducePio2(x)
	s, c := sinCosDD(r)
	if q&1 == 1 {
		return c.div(s).neg().float()
	}
	return s.div(c).float()
}

// atanDD is atan q for a double-double q: for |q| <= 1 one Newton step on
// tan y = q from Go's float64 result; beyond, pi/2 - atan(1/q).
func atanDD(q dd) dd {
	if math.Abs(q.hi) > 1 {
		a := atanDD(dd{1, 0}.div(q))
		if q.hi > 0 {
			return ddPio2.sub(a)
		}
		return ddPio2.neg().sub(a)
	}
	y0 := math.Atan(q.hi)
	s, c := sinCosDD(dd{y0, 0})
	// y = y0 - (tan y0 - q) cos^2 y0 = y0 - (s - q c) c
	return dd{y0, 0}.sub(s.sub(q.mul(c)).mul(c))
}

func libmAtan(x float64) float64 {
	libmInit()
	switch {
	case x != x || x == 0 || math.Abs(x) < 0x1p-27:
		return x
	case math.IsInf(x, 0):
		return math.Copysign(ddPio2.float(), x)
	}
	return atanDD(dd{x, 0}).float()
}

func libmAtan2(y, x float64) float64 {
	libmInit()
	if x != x {
		return x
	}
	if y != y {
		return y
	}
	if y == 0 || x == 0 || math.IsInf(x, 0) || math.IsInf(y, 0) {
		return math.Atan2(y, x) // C99's special cases, exact or pi multiples
	}
	q := dd{y, 0}.divF(x)
	if !(math.Abs(q.hi) >= 0x1p-1000 && math.Abs(q.hi) <= 0x1p1000) { // NaN from an overflow too
		// atan2 is pi/2 or y/x (one rounding) out there.
		return math.Atan2(y, x)
	}
	a := atanDD(q)
	if x < 0 {
		if y > 0 {
			a = a.add(ddPi)
		} else {
			a = a.sub(ddPi)
		}
	}
	return a.float()
}

// asinDD is asin q for |q| <= 0.71, by two Newton steps on sin y = q.
func asinDD(q dd) dd {
	y := dd{math.Asin(q.hi), 0}
	for i := 0; i < 2; i++ {
		s, c := sinCosDD(y)
		y = y.sub(s.sub(q).div(c))
	}
	return y
}

// sqrtDD is sqrt v for a float64 v >= 0 as a double-double.
func sqrtDD(v float64) dd {
	s0 := math.Sqrt(v)
	if s0 == 0 {
		return dd{}
	}
	// s = s0 + (v - s0^2) / (2 s0)
	r := dd{v, 0}.sub(twoProd(s0, s0))
	return dd{s0, 0}.add(r.divF(2 * s0))
}

func libmAsin(x float64) float64 {
	libmInit()
	switch {
	case x != x || x == 0 || math.Abs(x) < 0x1p-26:
		return x
	case math.Abs(x) > 1:
		return math.NaN()
	case math.Abs(x) <= 0.5:
		return asinDD(dd{x, 0}).float()
	}
	// asin |x| = pi/2 - 2 asin(sqrt((1-|x|)/2)); 1-|x| is exact here.
	a := ddPio2.sub(asinDD(sqrtDD((1 - math.Abs(x)) / 2)).mulF(2))
	return math.Copysign(a.float(), x)
}

func libmAcos(x float64) float64 {
	libmInit()
	switch {
	case x != x:
		return x
	case math.Abs(x) > 1:
		return math.NaN()
	case x == 1:
		return 0
	case math.Abs(x) <= 0.5:
		return ddPio2.sub(asinDD(dd{x, 0})).float()
	case x > 0:
		return asinDD(sqrtDD((1 - x) / 2)).mulF(2).float()
	}
	return ddPi.sub(asinDD(sqrtDD((1 + x) / 2)).mulF(2)).float()
}
