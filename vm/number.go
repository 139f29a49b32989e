package vm

import (
	"github.com/kestrel-runtime/lua/internal/libm"
	"math"
	"math/bits"
	"strconv"
	"strings"
)

// Numbers: Lua 5.1 number semantics with an integer subtype.
//
// Lua 5.1 has one number type, the C double. kestrel-lua keeps two kinds,
// KindInt (int64) and KindFloat (float64), so that 64-bit event values such
// as nanosecond timestamps stay exact. The rules (also in the package doc)
// keep every result byte-identical to Lua 5.1 wherever 5.1 is exact, that
// is, whenever integers stay within ±2^53:
//
//   - + - * on two integers give an integer unless the result overflows
//     int64; then they give the float result, computed in float64 as 5.1
//     would. A zero product with a negative factor is -0.0 (a float), as
//     in 5.1.
//   - % on two integers is the floored modulo (the sign of the divisor);
//     x % 0 is the float result of 5.1's a - floor(a/b)*b, a NaN.
//   - / and ^ always give floats. Unary minus of an integer is an integer,
//     except -0 (gives -0.0) and -math.mininteger (gives 2^63).
//   - Any operation with a float operand converts the other operand to
//     float64 and computes as 5.1 does.
//   - Comparisons between integers and floats are exact (no rounding of
//     the integer to float64).
//
// Float arithmetic uses explicit float64 conversions around each step so
// that no architecture fuses a*b+c into one FMA instruction, and NaN
// results get the sign x86-64 gives them (numFixNaN), so that "nan" and
// "-nan" print alike on every machine, as lua5.1 prints them on x86-64.

// twoTo63 is 2^63 as a float64: the first float above the int64 range.
const twoTo63 = 9223372036854775808.0

// numDefaultNaN is the NaN that x86-64 SSE produces for an invalid
// operation (0/0, inf-inf, 0*inf): sign bit set, printed "-nan" by glibc.
var numDefaultNaN = math.Float64frombits(0xFFF8000000000000)

// numFixNaN returns, for a NaN result r of an operation on a and b, the
// NaN x86-64 would have produced: the first NaN operand (quieted), else the
// default NaN. Go on other architectures (and Go's math package) may
// produce NaNs with another sign; this makes results machine-independent.
func numFixNaN(a, b float64) float64 {
	if a != a {
		return math.Float64frombits(math.Float64bits(a) | 1<<51)
	}
	if b != b {
		return math.Float64frombits(math.Float64bits(b) | 1<<51)
	}
	return numDefaultNaN
}

// FormatNumber returns the text tostring gives a number: every digit of an
// integer, and a float as C's printf("%.14g") prints it on glibc ("1e+15",
// "0.1", "inf", "-inf", "nan", "-nan"). It returns "" for non-numbers.
func FormatNumber(v Value) string {
	var buf [32]byte
	return string(AppendNumber(buf[:0], v))
}

// AppendNumber appends the text of [FormatNumber] to buf.
func AppendNumber(buf []byte, v Value) []byte {
	switch v.k {
	case KindInt:
		return strconv.AppendInt(buf, int64(v.n), 10)
	case KindFloat:
		return numAppendFloat(buf, v.AsFloat())
	}
	return buf
}

// numAppendFloat appends f formatted as glibc's "%.14g" (LUAI_NUMFFORMAT).
// Go's 'g' format with precision 14 follows the same rules as C's: the
// exponent form is used when the decimal exponent is < -4 or >= 14, trailing
// zeros are removed, the exponent has at least two digits; rounding is
// exact, with ties to even, as glibc does.
func numAppendFloat(buf []byte, f float64) []byte {
	switch {
	case f != f:
		if math.Signbit(f) {
			return append(buf, "-nan"...)
		}
		return append(buf, "nan"...)
	case math.IsInf(f, 1):
		return append(buf, "inf"...)
	case math.IsInf(f, -1):
		return append(buf, "-inf"...)
	}
	return strconv.AppendFloat(buf, f, 'g', 14, 64)
}

// numIsSpace reports whether c is a C isspace character in the C locale.
func numIsSpace(c byte) bool {
	return c == ' ' || c >= '\t' && c <= '\r'
}

// StringToNumber converts a string to a number as Lua 5.1's luaO_str2d does
// on glibc: the whole string, less leading and trailing whitespace, must be
// a number that strtod accepts. That is a decimal number with optional
// fraction and exponent, a hexadecimal number ("0x1F", and glibc's hex
// floats "0x1.8p3"), "inf", "infinity" or "nan", "nan(chars)" (any case),
// each with an optional sign.
//
// The result is an integer when the text is an integer numeral (digits
// only, or 0x and hex digits only, after the sign) whose value fits int64,
// except "-0" which is -0.0; every other form (a '.', an exponent, inf,
// nan, or an integer numeral out of range) gives a float, exactly the
// double 5.1 would compute. ok is false when s is not a number. As in 5.1,
// which converts the C string, a NUL byte ends the text ("1\0x" is 1).
func StringToNumber(s string) (v Value, ok bool) {
	// 5.1 converts the C string: the text ends at the first NUL byte.
	if z := strings.IndexByte(s, 0); z >= 0 {
		s = s[:z]
	}
	i, j := 0, len(s)
	for i < j && numIsSpace(s[i]) {
		i++
	}
	for j > i && numIsSpace(s[j-1]) {
		j--
	}
	body := s[i:j]
	if body == "" {
		return Nil, false
	}
	neg := false
	p := body
	if p[0] == '+' || p[0] == '-' {
		neg = p[0] == '-'
		p = p[1:]
	}
	if len(p) >= 2 && p[0] == '0' && p[1]|0x20 == 'x' {
		return numParseHex(p[2:], neg)
	}
	if len(p) > 0 && (p[0]|0x20 == 'i' || p[0]|0x20 == 'n') {
		return numParseSpecial(p, neg)
	}
	// Decimal: digits [. digits] [e [sign] digits], at least one digit in
	// the mantissa.
	k, nd := 0, 0
	for k < len(p) && numIsDigit(p[k]) {
		k++
		nd++
	}
	integral := true
	if k < len(p) && p[k] == '.' {
		integral = false
		k++
		for k < len(p) && numIsDigit(p[k]) {
			k++
			nd++
		}
	}
	if nd == 0 {
		return Nil, false
	}
	if k < len(p) && p[k]|0x20 == 'e' {
		integral = false
		e := k + 1
		if e < len(p) && (p[e] == '+' || p[e] == '-') {
			e++
		}
		if e >= len(p) || !numIsDigit(p[e]) {
			return Nil, false // strtod stops before the 'e': trailing garbage
		}
		for e < len(p) && numIsDigit(p[e]) {
			e++
		}
		k = e
	}
	if k != len(p) {
		return Nil, false
	}
	if integral {
		if n, err := strconv.ParseUint(p, 10, 64); err == nil {
			if r, ok := numSignedInt(n, neg); ok {
				return r, true
			}
		}
	}
	f, err := strconv.ParseFloat(p, 64)
	if err != nil && !numIsRangeErr(err) {
		return Nil, false // not reached: the syntax was checked above
	}
	if neg {
		f = -f
	}
	return Float(f), true
}

func numIsDigit(c byte) bool { return c >= '0' && c <= '9' }

func numHexDigit(c byte) (int, bool) {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0'), true
	case c|0x20 >= 'a' && c|0x20 <= 'f':
		return int(c|0x20-'a') + 10, true
	}
	return 0, false
}

func numIsRangeErr(err error) bool {
	ne, ok := err.(*strconv.NumError)
	return ok && ne.Err == strconv.ErrRange
}

// numSignedInt applies a sign to a magnitude: ok is false when the result
// does not fit int64. A negative zero becomes the float -0.0.
func numSignedInt(n uint64, neg bool) (Value, bool) {
	if !neg {
		if n > math.MaxInt64 {
			return Nil, false
		}
		return Int(int64(n)), true
	}
	if n == 0 {
		return Float(math.Copysign(0, -1)), true
	}
	if n > 1<<63 {
		return Nil, false
	}
	return Int(int64(-n)), true
}

// numParseHex parses what follows "0x": hex digits [. hex digits]
// [p [sign] decimal digits], as glibc's strtod does.
func numParseHex(p string, neg bool) (Value, bool) {
	k, nd := 0, 0
	var mant uint64
	overflow := false
	for k < len(p) {
		d, ok := numHexDigit(p[k])
		if !ok {
			break
		}
		if mant>>60 != 0 {
			overflow = true
		}
		mant = mant<<4 | uint64(d)
		k++
		nd++
	}
	integral := true
	if k < len(p) && p[k] == '.' {
		integral = false
		k++
		for k < len(p) {
			if _, ok := numHexDigit(p[k]); !ok {
				break
			}
			k++
			nd++
		}
	}
	if nd == 0 {
		return Nil, false // strtod reads just the "0"; the 'x' is garbage
	}
	hasExp := false
	if k < len(p) && p[k]|0x20 == 'p' {
		e := k + 1
		if e < len(p) && (p[e] == '+' || p[e] == '-') {
			e++
		}
		if e >= len(p) || !numIsDigit(p[e]) {
			return Nil, false
		}
		for e < len(p) && numIsDigit(p[e]) {
			e++
		}
		k = e
		hasExp = true
		integral = false
	}
	if k != len(p) {
		return Nil, false
	}
	if integral && !overflow {
		if r, ok := numSignedInt(mant, neg); ok {
			return r, true
		}
	}
	text := "0x" + p
	if !hasExp {
		text += "p0"
	}
	f, err := strconv.ParseFloat(text, 64)
	if err != nil && !numIsRangeErr(err) {
		return Nil, false
	}
	if neg {
		f = -f
	}
	return Float(f), true
}

// numParseSpecial parses "inf", "infinity", "nan" and "nan(n-char-seq)"
// (case-insensitive), as glibc's strtod.
func numParseSpecial(p string, neg bool) (Value, bool) {
	var f float64
	switch {
	case numEqualFold(p, "inf") || numEqualFold(p, "infinity"):
		f = math.Inf(1)
	case len(p) >= 3 && numEqualFold(p[:3], "nan"):
		rest := p[3:]
		if rest != "" {
			if rest[0] != '(' || rest[len(rest)-1] != ')' {
				return Nil, false
			}
			for _, c := range []byte(rest[1 : len(rest)-1]) {
				if !(numIsDigit(c) || c|0x20 >= 'a' && c|0x20 <= 'z' || c == '_') {
					return Nil, false
				}
			}
		}
		f = math.Float64frombits(0x7FF8000000000000) // glibc: positive quiet NaN
	default:
		return Nil, false
	}
	if neg {
		f = -f
	}
	return Float(f), true
}

func numEqualFold(s, lower string) bool {
	if len(s) != len(lower) {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i]|0x20 != lower[i] {
			return false
		}
	}
	return true
}

// ToNumber converts v to a number as Lua's arithmetic does (lvm.c
// luaV_tonumber): numbers as they are, strings by [StringToNumber]. ok is
// false for every other value and for strings that are not numbers.
func ToNumber(v Value) (Value, bool) {
	switch v.k {
	case KindInt, KindFloat:
		return v, true
	case KindString:
		return StringToNumber(v.AsString())
	}
	return Nil, false
}

// ToInteger converts a number or numeric string to an int64 as Lua 5.1's
// lua_tointeger does on x86-64: floats are truncated toward zero; NaN and
// floats outside the int64 range give math.MinInt64 (the x86-64 "integer
// indefinite" of cvttsd2si), so results are the same on every machine. ok
// is false when v is not convertible to a number.
func ToInteger(v Value) (int64, bool) {
	n, ok := ToNumber(v)
	if !ok {
		return 0, false
	}
	if n.k == KindInt {
		return n.AsInt(), true
	}
	return numFloatToInt(n.AsFloat()), true
}

// numFloatToInt truncates f like x86-64 cvttsd2si.
func numFloatToInt(f float64) int64 {
	if f >= -twoTo63 && f < twoTo63 {
		return int64(f)
	}
	return math.MinInt64
}

// Arith performs the arithmetic opcode op (OpAdd, OpSub, OpMul, OpDiv,
// OpMod, OpPow or OpUnm; b is ignored for OpUnm) on a and b after coercing
// numeric strings, with the integer-subtype rules of the package doc. ok is
// false when an operand is not a number (the caller then tries
// metamethods) or op is not arithmetic.
func Arith(op Opcode, a, b Value) (Value, bool) {
	if a.k == KindInt && b.k == KindInt {
		return numArithInt(op, a.AsInt(), b.AsInt())
	}
	if op == OpUnm {
		b = a
	}
	x, ok := ToNumber(a)
	if !ok {
		return Nil, false
	}
	y, ok := ToNumber(b)
	if !ok {
		return Nil, false
	}
	if x.k == KindInt && y.k == KindInt {
		return numArithInt(op, x.AsInt(), y.AsInt())
	}
	xf, _ := x.ToFloat()
	yf, _ := y.ToFloat()
	return numArithFloat(op, xf, yf)
}

// numArithInt is Arith on two integers.
func numArithInt(op Opcode, x, y int64) (Value, bool) {
	switch op {
	case OpAdd:
		r := x + y
		if (r^x)&(r^y) < 0 { // overflow: both operands' signs differ from r's
			return Float(float64(x) + float64(y)), true
		}
		return Int(r), true
	case OpSub:
		r := x - y
		if (x^y)&(r^x) < 0 {
			return Float(float64(x) - float64(y)), true
		}
		return Int(r), true
	case OpMul:
		return numMulInt(x, y), true
	case OpMod:
		if y == 0 {
			return numArithFloat(OpMod, float64(x), 0)
		}
		r := x % y // Go: MinInt64 % -1 == 0, no panic
		if r != 0 && (r^y) < 0 {
			r += y
		}
		return Int(r), true
	case OpUnm:
		if x == 0 {
			return Float(math.Copysign(0, -1)), true
		}
		if x == math.MinInt64 {
			return Float(twoTo63), true
		}
		return Int(-x), true
	case OpDiv, OpPow:
		return numArithFloat(op, float64(x), float64(y))
	}
	return Nil, false
}

// numMulInt multiplies two integers: an integer when the product fits,
// else the float product; a zero product with a negative factor is -0.0.
func numMulInt(x, y int64) Value {
	neg := (x < 0) != (y < 0)
	ux, uy := uint64(x), uint64(y)
	if x < 0 {
		ux = -ux
	}
	if y < 0 {
		uy = -uy
	}
	hi, lo := bits.Mul64(ux, uy)
	switch {
	case hi != 0 || lo > 1<<63 || lo == 1<<63 && !neg:
		return Float(float64(x) * float64(y))
	case lo == 0 && (x < 0 || y < 0):
		return Float(math.Copysign(0, -1))
	case neg:
		return Int(int64(-lo))
	}
	return Int(int64(lo))
}

// numArithFloat is Arith on two floats, as Lua 5.1's luai_num* macros.
func numArithFloat(op Opcode, x, y float64) (Value, bool) {
	var r float64
	switch op {
	case OpAdd:
		r = x + y
	case OpSub:
		r = x - y
	case OpMul:
		r = x * y
	case OpDiv:
		r = x / y
	case OpMod:
		r = NumMod(x, y)
		return Float(r), true
	case OpPow:
		return Float(NumPow(x, y)), true
	case OpUnm:
		return Float(-x), true
	default:
		return Nil, false
	}
	if r != r {
		r = numFixNaN(x, y)
	}
	return Float(r), true
}

// NumMod returns Lua 5.1's float modulo a - floor(a/b)*b (luai_nummod),
// evaluated step by step (no fused multiply-add) with x86-64 NaN signs.
func NumMod(a, b float64) float64 {
	q := float64(a / b)
	if q != q {
		q = numFixNaN(a, b)
	}
	fl := math.Floor(q)
	p := float64(fl * b)
	if p != p {
		p = numFixNaN(fl, b)
	}
	r := float64(a - p)
	if r != r {
		r = numFixNaN(a, p)
	}
	return r
}

// NumPow returns a^b as 5.1's luai_numpow, C's pow: the correctly rounded
// power of internal/libm (glibc's pow is correctly rounded in all but rare
// cases; Go's math.Pow is often an ulp or more off, and differs between
// architectures), and glibc's NaN signs. glibc computes pow(NaN, y) as x*x,
// negated when x is negative and y an odd integer, inverted when y < 0;
// pow(x, NaN) is x+y; an invalid operation (a negative base with a
// non-integral exponent) gives 0/0, the default NaN.
func NumPow(a, b float64) float64 {
	if a != a {
		switch {
		case b == 0:
			return 1
		case b != b:
			return numFixNaN(a, b)
		}
		r := numFixNaN(a, a)
		if math.Signbit(a) && numIsOddInt(b) {
			r = -r
		}
		return r
	}
	if b != b {
		if a == 1 {
			return 1
		}
		return numFixNaN(a, b)
	}
	r := libm.Pow(a, b) // correctly rounded, as glibc's pow nearly always is
	if r != r {
		r = numDefaultNaN
	}
	return r
}

// numIsOddInt reports whether f is an odd integer.
func numIsOddInt(f float64) bool {
	if f != math.Trunc(f) || math.Abs(f) >= 1<<53 {
		return false
	}
	return int64(f)&1 != 0
}

// NumLess reports a < b for two numbers of either kind, exactly.
func NumLess(a, b Value) bool {
	switch {
	case a.k == KindInt && b.k == KindInt:
		return a.AsInt() < b.AsInt()
	case a.k == KindFloat && b.k == KindFloat:
		return a.AsFloat() < b.AsFloat()
	case a.k == KindInt:
		return numIntLessFloat(a.AsInt(), b.AsFloat())
	}
	return numFloatLessInt(a.AsFloat(), b.AsInt())
}

// NumLessEq reports a <= b for two numbers of either kind, exactly.
func NumLessEq(a, b Value) bool {
	switch {
	case a.k == KindInt && b.k == KindInt:
		return a.AsInt() <= b.AsInt()
	case a.k == KindFloat && b.k == KindFloat:
		return a.AsFloat() <= b.AsFloat()
	case a.k == KindInt:
		return numIntLessEqFloat(a.AsInt(), b.AsFloat())
	}
	return numFloatLessEqInt(a.AsFloat(), b.AsInt())
}

// NumEqual reports a == b for two numbers of either kind, exactly.
func NumEqual(a, b Value) bool {
	switch {
	case a.k == KindInt && b.k == KindInt:
		return a.n == b.n
	case a.k == KindFloat && b.k == KindFloat:
		return a.AsFloat() == b.AsFloat()
	case a.k == KindInt:
		return numIntEqFloat(a.AsInt(), b.AsFloat())
	}
	return numIntEqFloat(b.AsInt(), a.AsFloat())
}

func numIntEqFloat(i int64, f float64) bool {
	return f >= -twoTo63 && f < twoTo63 && int64(f) == i && float64(int64(f)) == f
}

// i < f  <=>  i < ceil(f), for f in the int64 range.
func numIntLessFloat(i int64, f float64) bool {
	switch {
	case f != f:
		return false
	case f >= twoTo63:
		return true
	case f > -twoTo63:
		return i < int64(math.Ceil(f))
	}
	return false
}

// i <= f  <=>  i <= floor(f).
func numIntLessEqFloat(i int64, f float64) bool {
	switch {
	case f != f:
		return false
	case f >= twoTo63:
		return true
	case f >= -twoTo63:
		return i <= int64(math.Floor(f))
	}
	return false
}

// f < i  <=>  floor(f) < i.
func numFloatLessInt(f float64, i int64) bool {
	switch {
	case f != f:
		return false
	case f >= twoTo63:
		return false
	case f >= -twoTo63:
		return int64(math.Floor(f)) < i
	}
	return true
}

// f <= i  <=>  ceil(f) <= i.
func numFloatLessEqInt(f float64, i int64) bool {
	switch {
	case f != f:
		return false
	case f >= twoTo63:
		return false
	case f > -twoTo63:
		return int64(math.Ceil(f)) <= i
	}
	return true
}

// RawEqual reports whether a and b are primitively equal (lua_rawequal):
// numbers by value across kinds, strings by content, booleans by value,
// tables, functions and userdata by identity.
func RawEqual(a, b Value) bool {
	if a.k != b.k {
		if a.IsNumber() && b.IsNumber() {
			return NumEqual(a, b)
		}
		return false
	}
	switch a.k {
	case KindNil:
		return true
	case KindFloat:
		return a.AsFloat() == b.AsFloat()
	case KindString:
		return a.n == b.n && a.AsString() == b.AsString()
	}
	return a.n == b.n && a.p == b.p
}
