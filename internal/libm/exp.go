package libm

import (
	"math"
	"math/big"
)

const (
	// expTableScale is the spacing 1/64 of the exp table: after reducing
	// x = k·ln2 + r, r = j/64 + t with |t| ≤ 1/128.
	expTableScale = 64
	// expTableHalf bounds |j|: |r| ≤ ln2/2 < 23/64.
	expTableHalf = 23
	// expOverflow: exp(x) rounds to +Inf for every x above it
	// (exp(709.79) > MaxFloat64 + ulp/2).
	expOverflow = 709.79
	// expUnderflow: exp(x) rounds to +0 for every x below it
	// (exp(-745.14) < 2^-1075, half the smallest subnormal).
	expUnderflow = -745.14
)

// expTable holds e^(j/64) for j = -23..23 at index j+23.
var expTable = &table{compute: func(prec uint) []*big.Float {
	wp := prec + 32
	step := expTaylor(newF(wp).Quo(big.NewFloat(1), big.NewFloat(expTableScale)), wp)
	inv := newF(wp).Quo(big.NewFloat(1), step)
	vals := make([]*big.Float, 2*expTableHalf+1)
	vals[expTableHalf] = newF(wp).SetInt64(1)
	for j := 1; j <= expTableHalf; j++ {
		vals[expTableHalf+j] = newF(wp).Mul(vals[expTableHalf+j-1], step)
		vals[expTableHalf-j] = newF(wp).Mul(vals[expTableHalf-j+1], inv)
	}
	return vals
}}

// expTaylor returns e^t = Σ t^n/n! at precision wp; |t| should be small.
func expTaylor(t *big.Float, wp uint) *big.Float {
	sum := newF(wp).SetInt64(1)
	term := newF(wp).SetInt64(1)
	d := newF(64)
	for n := int64(1); ; n++ {
		term.Mul(term, t)
		term.Quo(term, d.SetInt64(n))
		if negligible(term, sum, wp) {
			return sum
		}
		sum.Add(sum, term)
	}
}

// expBig returns e^x with relative error below 2^-(wp-8), for |x| < 2000.
func expBig(x *big.Float, wp uint) *big.Float {
	xf, _ := x.Float64()
	// k is only a guess (any nearby integer works): its rounding does not
	// matter, the big.Float subtraction below is what is exact.
	k := math.Floor(float64(xf*(1/math.Ln2)) + 0.5)
	rp := wp + 16
	r := newF(rp).SetFloat64(k)
	r.Mul(r, ln2Const.get(rp))
	r.Sub(x, r)
	rf, _ := r.Float64()
	j := int(math.Floor(float64(rf*expTableScale) + 0.5))
	j = max(-expTableHalf, min(expTableHalf, j))
	t := newF(rp).SetFloat64(float64(j) / expTableScale)
	t.Sub(r, t)
	v := expTaylor(t, wp)
	v.Mul(v, expTable.get(wp)[expTableHalf+j])
	return v.SetMantExp(v, int(k))
}

// Exp returns e^x correctly rounded.
//
// Special cases: Exp(NaN) = NaN, Exp(+Inf) = +Inf, Exp(-Inf) = +0,
// Exp(±0) = 1; results beyond the float64 range overflow to +Inf or
// underflow (gradually) to +0.
func Exp(x float64) float64 {
	switch {
	case x != x:
		return quietNaN(x)
	case x == 0:
		return 1
	case x > expOverflow:
		return math.Inf(1)
	case x < expUnderflow:
		return 0
	}
	if p, k := expDDParts(dd{x, 0}); true {
		if r, ok := fastRoundScaled(p, k, expEps); ok {
			return r
		}
	}
	return expSlow(x)
}

// expSlow is Exp without the fast path: math/big and Ziv's loop only.
func expSlow(x float64) float64 {
	bx := exact(x)
	return round(func(p uint) *big.Float {
		return expBig(bx, p+guardBits)
	})
}
