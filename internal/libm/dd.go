package libm

import (
	"math"
	"math/big"
)

// Double-double arithmetic: a value is hi + lo with |lo| ≤ ulp(hi)/2, about
// 106 bits. The error-free transformations below (Knuth's TwoSum, Dekker's
// split and product) are exact in IEEE binary64 arithmetic with
// round-to-nearest, provided no operation is fused: Go may compile x*y + z
// into one FMA instruction on arm64, ppc64 and s390x, so every product that
// feeds an addition is wrapped in an explicit float64 conversion, which
// the Go specification guarantees rounds (and so forbids the fusion).
//
// The fast paths use it to reach about 2^-100 relative accuracy, enough for
// Ziv's test to decide all but about 2^-30 of the arguments without
// math/big.

type dd struct{ hi, lo float64 }

// ddSplitter is 2^27+1, Dekker's constant splitting a float64 into two
// halves of 26 bits.
const ddSplitter = 1<<27 + 1

func twoSum(a, b float64) dd {
	s := a + b
	bb := s - a
	return dd{s, (a - (s - bb)) + (b - bb)}
}

// fastTwoSum requires |a| ≥ |b| (or a = 0).
func fastTwoSum(a, b float64) dd {
	s := a + b
	return dd{s, b - (s - a)}
}

func split(a float64) (hi, lo float64) {
	c := float64(ddSplitter * a)
	hi = c - (c - a)
	return hi, a - hi
}

// twoProd returns a·b exactly (for |a|, |b| below 2^995 and a product
// above 2^-969, which the callers guarantee).
func twoProd(a, b float64) dd {
	p := float64(a * b)
	ah, al := split(a)
	bh, bl := split(b)
	e := float64(ah*bh) - p
	e += float64(ah * bl)
	e += float64(al * bh)
	e += float64(al * bl)
	return dd{p, e}
}

func ddAdd(a, b dd) dd {
	s := twoSum(a.hi, b.hi)
	t := twoSum(a.lo, b.lo)
	s = fastTwoSum(s.hi, s.lo+t.hi)
	return fastTwoSum(s.hi, s.lo+t.lo)
}

func ddNeg(a dd) dd { return dd{-a.hi, -a.lo} }

func ddSub(a, b dd) dd { return ddAdd(a, ddNeg(b)) }

func ddAddF(a dd, b float64) dd {
	s := twoSum(a.hi, b)
	return fastTwoSum(s.hi, s.lo+a.lo)
}

func ddMul(a, b dd) dd {
	p := twoProd(a.hi, b.hi)
	e := p.lo + float64(a.hi*b.lo)
	e += float64(a.lo * b.hi)
	return fastTwoSum(p.hi, e)
}

func ddMulF(a dd, b float64) dd {
	p := twoProd(a.hi, b)
	return fastTwoSum(p.hi, p.lo+float64(a.lo*b))
}

func ddDiv(a, b dd) dd {
	q1 := a.hi / b.hi
	r := ddSub(a, ddMulF(b, q1))
	q2 := r.hi / b.hi
	r = ddSub(r, ddMulF(b, q2))
	q3 := r.hi / b.hi
	q := fastTwoSum(q1, q2)
	return ddAddF(q, q3)
}

func ddSqrt(a dd) dd {
	if a.hi <= 0 {
		return dd{}
	}
	s := math.Sqrt(a.hi)
	r := ddSub(a, twoProd(s, s))
	return fastTwoSum(s, r.hi/(2*s))
}

// ldexpDD multiplies by 2^k; the result must stay normal.
func ldexpDD(a dd, k int) dd {
	return dd{math.Ldexp(a.hi, k), math.Ldexp(a.lo, k)}
}

// toDD rounds a big.Float to the nearest double-double.
func toDD(v *big.Float) dd {
	hi, _ := v.Float64()
	r := newF(v.Prec()).Sub(v, exact(hi))
	lo, _ := r.Float64()
	return dd{hi, lo}
}

// toTriple splits a big.Float into three float64 whose sum is within
// 2^-159 of it, relative.
func toTriple(v *big.Float) [3]float64 {
	var out [3]float64
	r := newF(v.Prec()).Set(v)
	for i := range out {
		out[i], _ = r.Float64()
		r.Sub(r, exact(out[i]))
	}
	return out
}

// fastRoundScaled is [fastRound] for the value a·2^k, a near 1, rounded
// into the float64 format: to 53 bits and then scaled (exact, or ±Inf on
// overflow, which IEEE 754 decides after rounding) when the result is
// normal, else to the subnormal grid of 2^-1074.
func fastRoundScaled(a dd, k int, eps float64) (float64, bool) {
	if _, e := math.Frexp(a.hi); e-1+k >= -1022 {
		r, ok := fastRound(a, eps)
		if !ok {
			return 0, false
		}
		return math.Ldexp(r, k), true
	}
	if k+1074 < -60 {
		return 0, false // far below the smallest subnormal; callers exclude it
	}
	w := ldexpDD(a, k+1074) // 0 < w < 2^53: the result in units of 2^-1074
	n := math.Floor(w.hi + 0.5)
	d := (w.hi - n) + w.lo // w.hi - n is exact
	if math.Abs(d)+float64(eps*math.Abs(w.hi))+0x1p-60 >= 0.5 {
		return 0, false
	}
	return math.Ldexp(math.Copysign(n, a.hi), -1074), true
}

const (
	// fastMin and fastMax bound the results the fast paths round: outside,
	// subnormal rounding or overflow needs the exact treatment of math/big.
	fastMin = 0x1p-960
	fastMax = 0x1p1000
)

// fastRound returns the float64 nearest to the exact value v, given a
// double-double approximation a with |a - v| ≤ eps·|a|, when the interval
// [a - eps·|a|, a + eps·|a|] lies inside one rounding interval; ok is
// false otherwise (Ziv's rounding test).
func fastRound(a dd, eps float64) (float64, bool) {
	r := a.hi + a.lo // the float64 nearest to a.hi + a.lo
	ar := math.Abs(r)
	if !(ar >= fastMin && ar <= fastMax) {
		return 0, false
	}
	d := (a.hi - r) + a.lo // a - r; a.hi - r is exact
	err := float64(eps*ar) + float64(math.Abs(d)*0x1p-50)
	// Half the gap to the neighbour on the side of d.
	var half float64
	if (d >= 0) == (r > 0) {
		half = math.Abs(math.Nextafter(r, math.Copysign(math.Inf(1), r))-r) / 2
	} else {
		half = math.Abs(r-math.Nextafter(r, 0)) / 2
	}
	if math.Abs(d)+err < half {
		return r, true
	}
	return 0, false
}
