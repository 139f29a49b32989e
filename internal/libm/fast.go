package libm

import (
	"math"
	"math/big"
	"sync"
)

// The fast paths evaluate in double-double arithmetic with table-driven
// argument reduction and Horner's rule, then apply [fastRound]. The tables
// and coefficients are computed once, on first use, with math/big (so no
// hand-copied constants), and rounded to double-double.

const (
	// expDDTerms: Taylor terms of e^t for |t| ≤ 1/128 (1/13!·2^-91 < 2^-113).
	expDDTerms = 13
	// logDDTerms: terms of atanh(z)/z for |z| ≤ 1/90 (z^20 < 2^-130).
	logDDTerms = 10
	// sinDDTerms, cosDDTerms: Taylor terms for |r| ≤ 0.8.
	sinDDTerms = 15
	cosDDTerms = 16
	// atanDDTerms: terms of atan(u)/u for |u| ≤ 1/127 (u^18 < 2^-125).
	atanDDTerms = 9
	// sinhDDTerms: terms of sinh(x)/x for |x| ≤ 1.
	sinhDDTerms = 16
	// trigFastMax bounds the arguments reduced with a three-part π/2
	// (Cody and Waite); larger ones go to math/big.
	trigFastMax = 0x1p20

	// Error bounds (relative) of the double-double evaluations: each
	// double-double operation errs by a few units of 2^-106, a Horner
	// scheme of n steps by about n of them; the bounds below leave a
	// factor of at least 2^4 to spare.
	expEps   = 0x1p-92
	logEps   = 0x1p-94
	trigEps  = 0x1p-95
	atanEps  = 0x1p-95
	hyperEps = 0x1p-92
)

type fastConsts struct {
	ln2      [3]float64
	ln2DD    dd
	invLn10  dd
	pio2     [3]float64
	pi       dd
	halfPi   dd
	expT     [2*expTableHalf + 1]dd
	invFact  [32]dd // 1/n!
	logT     [logTableHi - logTableLo + 1]dd
	oddInv   [atanDDTerms + logDDTerms]dd // 1/(2k+1)
	atanT    [65]dd                       // atan(j/64)
	sinCoef  [sinDDTerms]dd               // (-1)^k/(2k+1)!
	cosCoef  [cosDDTerms]dd               // (-1)^k/(2k)!
	atanCoef [atanDDTerms]dd              // (-1)^k/(2k+1)
	sinhCoef [sinhDDTerms]dd              // 1/(2k+1)!
}

var (
	fcOnce sync.Once
	fc     fastConsts
)

func consts() *fastConsts {
	fcOnce.Do(initFast)
	return &fc
}

func initFast() {
	const prec = 256
	ln2 := ln2Const.get(prec)
	fc.ln2 = toTriple(ln2)
	fc.ln2DD = toDD(ln2)
	fc.invLn10 = toDD(newF(prec).Quo(big.NewFloat(1), ln10Const.get(prec)))
	pi := piConst.get(prec)
	half := newF(prec).SetMantExp(pi, -1)
	fc.pio2 = toTriple(half)
	fc.pi = toDD(pi)
	fc.halfPi = toDD(half)
	for i, v := range expTable.get(prec) {
		fc.expT[i] = toDD(v)
	}
	for i, v := range logTable.get(prec) {
		fc.logT[i] = toDD(v)
	}
	f := newF(prec).SetInt64(1)
	for n := range fc.invFact {
		if n > 0 {
			f.Mul(f, newF(64).SetInt64(int64(n)))
		}
		fc.invFact[n] = toDD(newF(prec).Quo(big.NewFloat(1), f))
	}
	for k := range fc.oddInv {
		fc.oddInv[k] = toDD(newF(prec).Quo(big.NewFloat(1), newF(64).SetInt64(int64(2*k+1))))
	}
	for j := range fc.atanT {
		fc.atanT[j] = toDD(atanBig(newF(prec).SetFloat64(float64(j)/64), prec+32))
	}
	sign := func(k int, v dd) dd {
		if k%2 == 1 {
			return ddNeg(v)
		}
		return v
	}
	for k := range fc.sinCoef {
		fc.sinCoef[k] = sign(k, fc.invFact[2*k+1])
	}
	for k := range fc.cosCoef {
		fc.cosCoef[k] = sign(k, fc.invFact[2*k])
	}
	for k := range fc.sinhCoef {
		fc.sinhCoef[k] = fc.invFact[2*k+1]
	}
	for k := range fc.atanCoef {
		fc.atanCoef[k] = sign(k, fc.oddInv[k])
	}
}

// horner returns Σ c[k]·t^k, evaluating the terms from c[nd] on in plain
// float64 (they must weigh less than 2^-56 of the sum, so that their
// rounding errors stay below 2^-106 of it) and the first nd in
// double-double.
func horner(c []dd, t dd, nd int) dd {
	tail := c[len(c)-1].hi
	for k := len(c) - 2; k >= nd; k-- {
		tail = float64(tail*t.hi) + c[k].hi
	}
	p := dd{tail, 0}
	for k := nd - 1; k >= 0; k-- {
		p = ddAdd(ddMul(p, t), c[k])
	}
	return p
}

// expDD returns e^x for |x.hi| ≤ 700 with relative error below expEps.
func expDD(x dd) dd {
	p, k := expDDParts(x)
	return ldexpDD(p, k)
}

// expDDParts returns p in [0.7, 1.5] and k with e^x = p·2^k, p with
// relative error below expEps, for |x.hi| ≤ 750.
func expDDParts(x dd) (dd, int) {
	c := consts()
	k := math.Floor(float64(x.hi*(1/math.Ln2)) + 0.5)
	r := ddSub(x, twoProd(k, c.ln2[0]))
	r = ddSub(r, ddMulF(dd{c.ln2[1], c.ln2[2]}, k))
	j := math.Floor(float64(r.hi*expTableScale) + 0.5)
	j = max(-expTableHalf, min(expTableHalf, j))
	t := ddAddF(r, -float64(j/expTableScale))
	p := horner(c.invFact[:expDDTerms+1], t, 7) // 2^-49/7! < 2^-61
	return ddMul(p, c.expT[int(j)+expTableHalf]), int(k)
}

// logDD returns log(x) for a positive finite x with relative error below
// logEps.
func logDD(x float64) dd {
	c := consts()
	m, e := math.Frexp(x)
	if m < math.Sqrt2/2 {
		m *= 2
		e--
	}
	j := math.Floor(float64(m*logTableScale) + 0.5)
	cj := float64(j / logTableScale)
	z := ddDiv(dd{m - cj, 0}, twoSum(m, cj))                     // m - cj is exact (Sterbenz)
	s := ddMul(horner(c.oddInv[:logDDTerms], ddMul(z, z), 5), z) // 2^-65/11 < 2^-68
	s = ddAdd(ldexpDD(s, 1), c.logT[int(j)-logTableLo])
	if e != 0 {
		fe := float64(e)
		s = ddAdd(s, ddAdd(twoProd(fe, c.ln2[0]), ddMulF(dd{c.ln2[1], c.ln2[2]}, fe)))
	}
	return s
}

// reduceDD returns r and n mod 4 with x = n·π/2 + r for 0 < x ≤
// trigFastMax, and the relative error bound of r.
func reduceDD(x float64) (dd, int, float64) {
	c := consts()
	if x < reduceSkip {
		return dd{x, 0}, 0, 0
	}
	n := math.Floor(float64(x*(2/math.Pi)) + 0.5)
	r := ddSub(dd{x, 0}, twoProd(n, c.pio2[0]))
	r = ddSub(r, twoProd(n, c.pio2[1]))
	r = ddSub(r, twoProd(n, c.pio2[2]))
	// The three-part π/2 errs by 2^-159 relative (n·2^-138 absolute), the
	// subtractions by 2^-104 of r plus 2^-104 of n·π/2·2^-53.
	eps := 0x1p-103 + 0x1p-132/math.Abs(r.hi)
	return r, int(n) & 3, eps
}

func sinDD(r dd) dd {
	r2 := ddMul(r, r)
	return ddMul(horner(consts().sinCoef[:], r2, 9), r) // 0.64^9/19! < 2^-62
}

func cosDD(r dd) dd {
	return horner(consts().cosCoef[:], ddMul(r, r), 9) // 0.64^9/18! < 2^-58, cos r > 0.69
}

// sinCosFast returns sin(x) (cos if wantCos) for 0 < |x| ≤ trigFastMax,
// or ok false.
func sinCosFast(x float64, wantCos bool) (float64, bool) {
	r, n, eps := reduceDD(math.Abs(x))
	if wantCos {
		n++
	}
	var v dd
	if n%2 == 0 {
		v = sinDD(r)
	} else {
		v = cosDD(r)
	}
	neg := n&2 != 0
	if !wantCos && x < 0 {
		neg = !neg
	}
	if neg {
		v = ddNeg(v)
	}
	return fastRound(v, eps+trigEps)
}

func tanFast(x float64) (float64, bool) {
	r, n, eps := reduceDD(math.Abs(x))
	s, c := sinDD(r), cosDD(r)
	var v dd
	if n%2 == 0 {
		v = ddDiv(s, c)
	} else {
		v = ddNeg(ddDiv(c, s))
	}
	if x < 0 {
		v = ddNeg(v)
	}
	return fastRound(v, 2*(eps+trigEps))
}

// atanDD returns atan(x) for x ≥ 0 with relative error below atanEps.
func atanDD(x dd) dd {
	c := consts()
	inv := x.hi > 1
	if inv {
		x = ddDiv(dd{1, 0}, x)
	}
	j := math.Floor(float64(x.hi*64) + 0.5)
	cj := float64(j / 64)
	u := ddDiv(ddAddF(x, -cj), ddAddF(ddMulF(x, cj), 1))
	a := ddMul(horner(c.atanCoef[:], ddMul(u, u), 4), u) // 2^-56/9 < 2^-59
	a = ddAdd(c.atanT[int(j)], a)
	if inv {
		a = ddSub(c.halfPi, a)
	}
	return a
}

// sinhSeriesDD returns sinh(x) for |x| ≤ 1.
func sinhSeriesDD(x float64) dd {
	c := consts()
	x2 := twoProd(x, x)
	return ddMulF(horner(c.sinhCoef[:], x2, 10), x) // 1/21! < 2^-65
}
