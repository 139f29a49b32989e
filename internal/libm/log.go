package libm

import (
	"math"
	"math/big"
)

const (
	// logTableScale is the spacing 1/32 of the log table: the reduced
	// mantissa m in [1/√2, √2) is m = c·(1+u) with c = j/32, j = 23..45.
	logTableScale = 32
	logTableLo    = 23
	logTableHi    = 45
)

// logTable holds log(j/32) for j = 23..45 at index j-23.
var logTable = &table{compute: func(prec uint) []*big.Float {
	vals := make([]*big.Float, logTableHi-logTableLo+1)
	for j := logTableLo; j <= logTableHi; j++ {
		// log(j/32) = 2·atanh((j-32)/(j+32)).
		z := newF(prec).Quo(big.NewFloat(float64(j-logTableScale)), big.NewFloat(float64(j+logTableScale)))
		v := atanhSeries(z, prec)
		vals[j-logTableLo] = v.Mul(v, big.NewFloat(2))
	}
	return vals
}}

// atanhSeries returns atanh(z) = Σ z^(2k+1)/(2k+1) at precision wp.
func atanhSeries(z *big.Float, wp uint) *big.Float {
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
		sum.Add(sum, term)
	}
}

// logBig returns log(x) for a positive finite float64 x with relative error
// below 2^-(wp-8).
func logBig(x float64, wp uint) *big.Float {
	m, e := math.Frexp(x)
	if m < math.Sqrt2/2 {
		m *= 2
		e--
	}
	j := int(math.Floor(float64(m*logTableScale) + 0.5))
	c := float64(j) / logTableScale
	num := newF(wp).Sub(exact(m), exact(c))
	den := newF(wp).Add(exact(m), exact(c))
	z := num.Quo(num, den)
	v := atanhSeries(z, wp)
	v.Mul(v, big.NewFloat(2))
	v.Add(v, logTable.get(wp)[j-logTableLo])
	if e != 0 {
		l := newF(wp + 16).SetInt64(int64(e))
		l.Mul(l, ln2Const.get(wp+16))
		v.Add(v, l)
	}
	return v
}

// Log returns the natural logarithm of x correctly rounded.
//
// Special cases: Log(NaN) = NaN, Log(x < 0) = NaN (sign bit set, as
// glibc's), Log(±0) = -Inf, Log(+Inf) = +Inf, Log(1) = +0.
func Log(x float64) float64 {
	switch {
	case x != x:
		return quietNaN(x)
	case x < 0:
		return negNaN
	case x == 0:
		return math.Inf(-1)
	case math.IsInf(x, 1):
		return x
	case x == 1:
		return 0
	}
	if r, ok := fastRound(logDD(x), logEps); ok {
		return r
	}
	return logSlow(x)
}

// logSlow is Log without the fast path: math/big and Ziv's loop only.
func logSlow(x float64) float64 {
	return round(func(p uint) *big.Float {
		return logBig(x, p+guardBits)
	})
}
