package libm

// glibc computes sinh, cosh, tanh and log10 with the classic fdlibm
// algorithms (Sun, 1993), which are not correctly rounded: they round a
// few intermediate results, so lua5.1 prints what those intermediates
// give. This file evaluates the same formulas with the same constants and
// the same order of float64 operations, on top of the correctly rounded
// exp and log of libm.go (glibc's exp and log), so that the results are
// bit for bit glibc's. Products are wrapped in float64() so that no
// compiler fuses them with an addition (glibc's x86-64 build has no FMA).

import "math"

// highWord is the upper 32 bits of x's representation.
func highWord(x float64) uint32 { return uint32(math.Float64bits(x) >> 32) }

func lowWord(x float64) uint32 { return uint32(math.Float64bits(x)) }

// withHighWord returns x with its upper 32 bits replaced.
func withHighWord(x float64, hi uint32) float64 {
	return math.Float64frombits(uint64(hi)<<32 | math.Float64bits(x)&0xFFFFFFFF)
}

// Constants of fdlibm's expm1, given by their bits.
var (
	em1Ln2Hi  = math.Float64frombits(0x3FE62E42FEE00000)
	em1Ln2Lo  = math.Float64frombits(0x3DEA39EF35793C76)
	em1InvLn2 = math.Float64frombits(0x3FF71547652B82FE)
	em1Q1     = math.Float64frombits(0xBFA11111111110F4)
	em1Q2     = math.Float64frombits(0x3F5A01A019FE5585)
	em1Q3     = math.Float64frombits(0xBF14CE199EAADBB7)
	em1Q4     = math.Float64frombits(0x3ED0CFCA86E65239)
	em1Q5     = math.Float64frombits(0xBE8AFDB76E09C32D)
)

// expm1 is e^x - 1 as fdlibm's expm1 computes it: x = k ln2 + r, a
// rational approximation of e^r - 1 on the reduced argument, and a
// reconstruction that depends on k.
func expm1(x float64) float64 {
	hx := highWord(x)
	neg := hx&0x80000000 != 0
	hx &= 0x7fffffff
	if hx >= 0x4043687A { // |x| >= 56 ln2
		if hx >= 0x40862E42 { // |x| >= 709.78
			if hx >= 0x7ff00000 {
				if x != x {
					return x
				}
				if neg {
					return -1
				}
				return x
			}
			if x > math.Float64frombits(0x40862E42FEFA39EF) {
				return math.Inf(1)
			}
		}
		if neg {
			return -1
		}
	}
	var hi, lo, c float64
	var k int32
	switch {
	case hx > 0x3fd62e42: // |x| > ln2/2
		if hx < 0x3FF0A2B2 { // and |x| < 1.5 ln2
			if !neg {
				hi, lo, k = x-em1Ln2Hi, em1Ln2Lo, 1
			} else {
				hi, lo, k = x+em1Ln2Hi, -em1Ln2Lo, -1
			}
		} else {
			half := 0.5
			if neg {
				half = -0.5
			}
			k = int32(float64(em1InvLn2*x) + half)
			t := float64(k)
			hi = x - float64(t*em1Ln2Hi) // exact
			lo = float64(t * em1Ln2Lo)
		}
		x = hi - lo
		c = (hi - x) - lo
	case hx < 0x3c900000: // |x| < 2^-54
		return x
	}
	hfx := float64(0.5 * x)
	hxs := float64(x * hfx)
	r1 := 1 + float64(hxs*(em1Q1+float64(hxs*(em1Q2+float64(hxs*(em1Q3+float64(hxs*(em1Q4+float64(hxs*em1Q5)))))))))
	t := 3 - float64(r1*hfx)
	e := float64(hxs * ((r1 - t) / (6 - float64(x*t))))
	if k == 0 {
		return x - (float64(x*e) - hxs)
	}
	e = float64(x*(e-c)) - c
	e -= hxs
	switch {
	case k == -1:
		return float64(0.5*(x-e)) - 0.5
	case k == 1:
		if x < -0.25 {
			return float64(-2 * (e - (x + 0.5)))
		}
		return 1 + float64(2*(x-e))
	case k <= -2 || k > 56:
		y := 1 - (e - x)
		y = withHighWord(y, highWord(y)+uint32(k)<<20)
		return y - 1
	case k < 20:
		t := withHighWord(1, 0x3ff00000-(0x200000>>uint(k))) // 1 - 2^-k
		y := t - (e - x)
		return withHighWord(y, highWord(y)+uint32(k)<<20)
	}
	t = math.Float64frombits(uint64(0x3ff-k) << 52) // 2^-k
	y := x - (e + t)
	y++
	return withHighWord(y, highWord(y)+uint32(k)<<20)
}

// Sinh is fdlibm's sinh: from expm1 below 22, from exp above.
func Sinh(x float64) float64 {
	jx := highWord(x)
	ix := jx & 0x7fffffff
	if ix >= 0x7ff00000 {
		return x + x
	}
	h := 0.5
	if jx&0x80000000 != 0 {
		h = -h
	}
	a := math.Abs(x)
	if ix < 0x40360000 { // |x| < 22
		if ix < 0x3e300000 { // |x| < 2^-28
			return x
		}
		t := expm1(a)
		if ix < 0x3ff00000 {
			return float64(h * (float64(2*t) - float64(t*t)/(t+1)))
		}
		return float64(h * (t + t/(t+1)))
	}
	if ix < 0x40862e42 { // |x| < log(maxdouble)
		return float64(h * Exp(a))
	}
	if ix < 0x408633ce || ix == 0x408633ce && lowWord(x) <= 0x8fb9f87d {
		w := Exp(float64(0.5 * a))
		t := float64(h * w)
		return float64(t * w)
	}
	return math.Copysign(math.Inf(1), x)
}

// Cosh is fdlibm's cosh.
func Cosh(x float64) float64 {
	ix := highWord(x) & 0x7fffffff
	a := math.Abs(x)
	if ix < 0x40360000 { // |x| < 22
		if ix < 0x3fd62e43 { // |x| < ln2/2
			if ix < 0x3c800000 {
				return 1
			}
			t := expm1(a)
			w := 1 + t
			return 1 + float64(t*t)/(w+w)
		}
		t := Exp(a)
		return float64(0.5*t) + 0.5/t
	}
	if ix < 0x40862e42 {
		return float64(0.5 * Exp(a))
	}
	if ix < 0x408633ce || ix == 0x408633ce && lowWord(x) <= 0x8fb9f87d {
		w := Exp(float64(0.5 * a))
		t := float64(0.5 * w)
		return float64(t * w)
	}
	if ix >= 0x7ff00000 {
		return float64(x * x)
	}
	return math.Inf(1)
}

// Tanh is fdlibm's tanh.
func Tanh(x float64) float64 {
	jx := highWord(x)
	ix := jx & 0x7fffffff
	if ix >= 0x7ff00000 {
		if x != x {
			return x
		}
		return math.Copysign(1, x)
	}
	var z float64
	if ix < 0x40360000 { // |x| < 22
		if x == 0 {
			return x
		}
		if ix < 0x3c800000 { // |x| < 2^-55
			return float64(x * (1 + x))
		}
		a := math.Abs(x)
		if ix >= 0x3ff00000 { // |x| >= 1
			t := expm1(float64(2 * a))
			z = 1 - 2/(t+2)
		} else {
			t := expm1(float64(-2 * a))
			z = -t / (t + 2)
		}
	} else {
		z = 1
	}
	if jx&0x80000000 != 0 {
		return -z
	}
	return z
}

// Constants of fdlibm's log10.
var (
	l10Ivln10  = math.Float64frombits(0x3FDBCB7B1526E50E)
	l10Log2Hi  = math.Float64frombits(0x3FD34413509F6000)
	l10Log2Lo  = math.Float64frombits(0x3D59FEF311F12B36)
	l10TwoTo54 = math.Float64frombits(0x4350000000000000)
)

// Log10 is fdlibm's log10: x = 2^k m, log10 x = k log10(2) + log(m)/ln 10
// with log10(2) split in two parts. Domain errors are handled by the
// caller.
//
// Special cases: Log10(NaN) = NaN, Log10(x < 0) = NaN (sign bit clear, as
// glibc's), Log10(±0) = -Inf, Log10(+Inf) = +Inf.
func Log10(x float64) float64 {
	switch {
	case x != x:
		return quietNaN(x)
	case x < 0:
		return posNaN
	case x == 0:
		return math.Inf(-1)
	case math.IsInf(x, 1):
		return x
	}
	k := int32(0)
	hx := int32(highWord(x))
	if hx < 0x00100000 { // subnormal
		k -= 54
		x *= l10TwoTo54
		hx = int32(highWord(x))
	}
	k += hx>>20 - 1023
	i := int32(uint32(k) & 0x80000000 >> 31)
	hx = hx&0x000fffff | (0x3ff-i)<<20
	y := float64(k + i)
	x = withHighWord(x, uint32(hx))
	z := float64(y*l10Log2Lo) + float64(l10Ivln10*Log(x))
	return z + float64(y*l10Log2Hi)
}
