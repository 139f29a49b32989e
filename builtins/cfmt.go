package builtins

// This file reproduces the conversions of C's printf that Lua 5.1's
// string.format delegates to sprintf, byte for byte as glibc prints them:
// flags "-+ #0", a width and a precision, and the conversions d i o u x X
// c e E f g G s. Floats are converted by strconv, which rounds the exact
// binary value correctly (ties to even), as glibc does; the rest (sign,
// alternate forms, %g's choice of style and its trailing-zero removal,
// padding) follows the C standard.

import (
	"math"
	"strconv"
)

// cSpec is one parsed conversion specification.
type cSpec struct {
	minus, plus, space, hash, zero bool
	width                          int // 0 when absent
	prec                           int // -1 when absent
	conv                           byte
}

// appendPadded appends sign+prefix+body justified to the width: spaces on
// the left (or the right with "-"), or zeros between the prefix and the
// body with "0" when zeroOK.
func appendPadded[T string | []byte](dst []byte, sp cSpec, prefix string, body T, zeroOK bool) []byte {
	n := len(prefix) + len(body)
	pad := sp.width - n
	if pad <= 0 {
		dst = append(dst, prefix...)
		return append(dst, body...)
	}
	switch {
	case sp.minus:
		dst = append(dst, prefix...)
		dst = append(dst, body...)
		return appendRepeat(dst, ' ', pad)
	case sp.zero && zeroOK:
		dst = append(dst, prefix...)
		dst = appendRepeat(dst, '0', pad)
		return append(dst, body...)
	}
	dst = appendRepeat(dst, ' ', pad)
	dst = append(dst, prefix...)
	return append(dst, body...)
}

func appendRepeat(dst []byte, c byte, n int) []byte {
	for ; n > 0; n-- {
		dst = append(dst, c)
	}
	return dst
}

// signPrefix is the sign C prints before a number.
func signPrefix(sp cSpec, neg bool) string {
	switch {
	case neg:
		return "-"
	case sp.plus:
		return "+"
	case sp.space:
		return " "
	}
	return ""
}

// appendCInt formats v with %d or %i.
func appendCInt(dst []byte, sp cSpec, v int64) []byte {
	u := uint64(v)
	if v < 0 {
		u = -u
	}
	var digits [maxIntDigits]byte
	return appendPadded(dst, sp, signPrefix(sp, v < 0), intDigits(digits[:0], u, 10, false, sp.prec), sp.prec < 0)
}

// appendCUint formats u with %o, %u, %x or %X.
func appendCUint(dst []byte, sp cSpec, u uint64) []byte {
	base, upper := 10, false
	switch sp.conv {
	case 'o':
		base = 8
	case 'x':
		base = 16
	case 'X':
		base, upper = 16, true
	}
	var buf [maxIntDigits + 1]byte
	prefix := ""
	if sp.hash && base == 8 {
		// The first digit of the alternate form is 0: write one, and drop
		// it below if the digits already start with 0.
		buf[0] = '0'
		digits := intDigits(buf[:1], u, base, upper, sp.prec)
		if len(digits) > 1 && digits[1] == '0' {
			digits = digits[1:]
		}
		return appendPadded(dst, sp, prefix, digits, sp.prec < 0)
	}
	digits := intDigits(buf[:0], u, base, upper, sp.prec)
	if sp.hash && base == 16 && u != 0 {
		prefix = "0x"
		if upper {
			prefix = "0X"
		}
	}
	return appendPadded(dst, sp, prefix, digits, sp.prec < 0)
}

// maxIntDigits bounds intDigits' output: a precision of at most 99 digits,
// or the 22 octal digits of a 64-bit value.
const maxIntDigits = 100

// intDigits appends u in base with at least prec digits to dst; a zero
// value with a zero precision has no digits.
func intDigits(dst []byte, u uint64, base int, upper bool, prec int) []byte {
	if u == 0 && prec == 0 {
		return dst
	}
	start := len(dst)
	dst = strconv.AppendUint(dst, u, base)
	if upper {
		for i := start; i < len(dst); i++ {
			if c := dst[i]; c >= 'a' && c <= 'f' {
				dst[i] = c - 'a' + 'A'
			}
		}
	}
	if n := len(dst) - start; n < prec {
		// Shift the digits right and fill the gap with zeros.
		pad := prec - n
		dst = appendRepeat(dst, '0', pad)
		copy(dst[start+pad:], dst[start:start+n])
		for i := start; i < start+pad; i++ {
			dst[i] = '0'
		}
	}
	return dst
}

// appendCFloat formats f with %e, %E, %f, %g or %G.
func appendCFloat(dst []byte, sp cSpec, f float64) []byte {
	upper := sp.conv == 'E' || sp.conv == 'G'
	neg := math.Signbit(f)
	sign := signPrefix(sp, neg)
	if math.IsInf(f, 0) || math.IsNaN(f) {
		body := "inf"
		if math.IsNaN(f) {
			body = "nan"
		}
		if upper && body == "inf" {
			body = "INF"
		} else if upper {
			body = "NAN"
		}
		return appendPadded(dst, sp, sign, body, false) // never zero-padded
	}
	a := math.Abs(f)
	prec := sp.prec
	if prec < 0 {
		prec = 6
	}
	var fb [formatPieceMax]byte // the body, at most 309 + 1 + 99 bytes
	var body []byte
	switch sp.conv {
	case 'f', 'F':
		body = strconv.AppendFloat(fb[:0], a, 'f', prec, 64)
		if sp.hash && prec == 0 {
			body = append(body, '.')
		}
	case 'e', 'E':
		body = appendExp(fb[:0], a, prec, sp.hash, upper)
	case 'g', 'G':
		p := prec
		if p == 0 {
			p = 1
		}
		// The exponent X the %e style would have, after rounding to p
		// digits, chooses the style: %f if -4 <= X < p.
		x := decimalExponent(a, p)
		if x >= -4 && x < p {
			body = strconv.AppendFloat(fb[:0], a, 'f', p-1-x, 64)
			if sp.hash && p-1-x == 0 {
				body = append(body, '.')
			}
			if !sp.hash {
				body = trimFraction(body)
			}
		} else {
			body = appendExp(fb[:0], a, p-1, sp.hash, upper)
			if !sp.hash {
				// Trim the mantissa's trailing zeros, keep the exponent
				// (moved left over the removed zeros).
				e := len(body) - 1
				for body[e] != 'e' && body[e] != 'E' {
					e--
				}
				mant := trimFraction(body[:e])
				body = append(mant, body[e:]...)
			}
		}
	}
	return appendPadded(dst, sp, sign, body, true)
}

// appendExp formats a >= 0 as d.ddde±XX with prec fraction digits.
func appendExp(dst []byte, a float64, prec int, hash, upper bool) []byte {
	start := len(dst)
	dst = strconv.AppendFloat(dst, a, 'e', prec, 64)
	if hash && prec == 0 { // "1e+05" -> "1.e+05"
		i := start + 1
		dst = append(dst, 0)
		copy(dst[i+1:], dst[i:])
		dst[i] = '.'
	}
	if upper {
		for i := start; i < len(dst); i++ {
			if dst[i] == 'e' {
				dst[i] = 'E'
			}
		}
	}
	return dst
}

// decimalExponent is the exponent of a >= 0 in %e style after rounding to p
// significant digits.
func decimalExponent(a float64, p int) int {
	if a == 0 {
		return 0
	}
	var buf [128]byte // p <= 99 digits, the point and the exponent
	s := strconv.AppendFloat(buf[:0], a, 'e', p-1, 64)
	i := len(s) - 1
	for s[i] != 'e' {
		i--
	}
	x := 0
	for _, c := range s[i+2:] {
		x = x*10 + int(c-'0')
	}
	if s[i+1] == '-' {
		x = -x
	}
	return x
}

// trimFraction removes trailing zeros of a fraction, and the point if no
// digit remains after it.
func trimFraction(b []byte) []byte {
	dot := -1
	for i, c := range b {
		if c == '.' {
			dot = i
			break
		}
	}
	if dot < 0 {
		return b
	}
	for len(b) > dot+1 && b[len(b)-1] == '0' {
		b = b[:len(b)-1]
	}
	if len(b) == dot+1 {
		b = b[:dot]
	}
	return b
}

// appendCString formats s with %s: the precision cuts it, the width pads it.
func appendCString(dst []byte, sp cSpec, s string) []byte {
	if sp.prec >= 0 && len(s) > sp.prec {
		s = s[:sp.prec]
	}
	return appendPadded(dst, sp, "", s, false)
}

// cLong converts a float to C's long as x86-64 code does ((long)d with
// cvttsd2si): truncation, and the "integer indefinite" value MinInt64 for
// NaN and out-of-range values.
func cLong(f float64) int64 {
	if f != f || f >= 9223372036854775808.0 || f < -9223372036854775808.0 {
		return math.MinInt64
	}
	return int64(f)
}

// cUlong converts a float to C's unsigned long as gcc compiles it on
// x86-64: from 2^63 up by converting f - 2^63 and flipping the top bit,
// otherwise (NaN included: the comparison is unordered) through the signed
// conversion.
func cUlong(f float64) uint64 {
	const two63 = 9223372036854775808.0
	if f >= two63 {
		return uint64(cLong(f-two63)) ^ (1 << 63)
	}
	return uint64(cLong(f))
}

// cInt converts a float to C's int ((int)d with the 32-bit cvttsd2si).
func cInt(f float64) int32 {
	if f != f || f >= 2147483648.0 || f <= -2147483649.0 {
		return math.MinInt32
	}
	return int32(f)
}
