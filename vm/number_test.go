package vm

import (
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// numRunLua51 runs a Lua script under the reference lua5.1 and returns its
// standard output, or skips the test when lua5.1 is not installed.
func numRunLua51(t *testing.T, script string) string {
	t.Helper()
	path, err := exec.LookPath("lua5.1")
	if err != nil {
		t.Skip("lua5.1 not installed: skipping the comparison with reference Lua (.ci/run installs it)")
	}
	file := filepath.Join(t.TempDir(), "script.lua")
	require.NoError(t, os.WriteFile(file, []byte(script), 0o644))
	out, err := exec.Command(path, file).CombinedOutput()
	require.NoError(t, err, "lua5.1 failed: %s", out)
	return string(out)
}

// numLuaQuote returns s as a Lua 5.1 string literal (decimal escapes for
// everything but printable ASCII).
func numLuaQuote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x20 && c < 0x7f && c != '"' && c != '\\' {
			b.WriteByte(c)
		} else {
			fmt.Fprintf(&b, "\\%03d", c)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// numHexLiteral returns a string glibc's strtod reads back as exactly f.
func numHexLiteral(f float64) string {
	switch {
	case f != f:
		if math.Signbit(f) {
			return "-nan"
		}
		return "nan"
	case math.IsInf(f, 0):
		if f > 0 {
			return "inf"
		}
		return "-inf"
	}
	return strconv.FormatFloat(f, 'x', -1, 64)
}

var negZero = math.Copysign(0, -1)

func TestFormatNumberPrintsIntegersInFullAndFloatsLikePercent14g(t *testing.T) {
	tests := []struct {
		v    Value
		want string
	}{
		{Int(0), "0"},
		{Int(-5), "-5"},
		{Int(math.MaxInt64), "9223372036854775807"},
		{Int(math.MinInt64), "-9223372036854775808"},
		{Int(1767225600002742581), "1767225600002742581"},
		{Float(0), "0"},
		{Float(negZero), "-0"},
		{Float(0.1), "0.1"},
		{Float(100), "100"},
		{Float(1.5), "1.5"},
		{Float(1e14), "1e+14"},
		{Float(1e15), "1e+15"},
		{Float(123456789012345), "1.2345678901234e+14"},
		{Float(99999999999999), "99999999999999"},
		{Float(10000000000000.5), "10000000000000"},
		{Float(1.0 / 3), "0.33333333333333"},
		{Float(1e-5), "1e-05"},
		{Float(0.0001), "0.0001"},
		{Float(1e100), "1e+100"},
		{Float(5e-324), "4.9406564584125e-324"},
		{Float(twoTo63), "9.2233720368548e+18"},
		{Float(math.Inf(1)), "inf"},
		{Float(math.Inf(-1)), "-inf"},
		{Float(numDefaultNaN), "-nan"},
		{Float(-numDefaultNaN), "nan"},
		{String("1"), ""},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, FormatNumber(tt.v), "FormatNumber(%v kind %d)", tt.v.n, tt.v.k)
	}
}

// numSampleFloats returns a deterministic mix of floats that exercise
// %.14g: both notations, rounding ties, subnormals, integers around 1e15.
func numSampleFloats() []float64 {
	fs := []float64{0, negZero, 0.1, 0.5, 1.0 / 3, 2.0 / 3, 1e14, 1e15, 1e16, 1e-4, 1e-5,
		123456789012345, 12345678901234.5, 0.000123456789012345, 1.5e300, 2.5e-300, 5e-324,
		math.MaxFloat64, math.SmallestNonzeroFloat64, 9007199254740993, 4503599627370497.5,
		math.Pi, math.E, -math.Pi * 1e20, 1e21, 1e22, 100, 1234567.0, 0.30000000000000004}
	r := rand.New(rand.NewPCG(1, 2))
	for range 300 {
		// Random mantissas at random decimal scales.
		fs = append(fs, (r.Float64()-0.5)*math.Pow(10, float64(r.IntN(40)-20)))
	}
	for range 100 {
		// Numbers with exactly 15 significant digits: the 15th digit
		// decides the rounding of %.14g, including exact ties.
		m := r.Int64N(900000000000000) + 100000000000000
		if r.IntN(2) == 0 {
			m = m/10*10 + 5
		}
		fs = append(fs, float64(m)*math.Pow(10, float64(r.IntN(10)-5)))
	}
	for range 100 {
		fs = append(fs, math.Float64frombits(r.Uint64()))
	}
	return fs
}

func TestFormatNumberMatchesLua51(t *testing.T) {
	fs := numSampleFloats()
	var script strings.Builder
	for _, f := range fs {
		fmt.Fprintf(&script, "print(tonumber(%s))\n", numLuaQuote(numHexLiteral(f)))
	}
	lines := strings.Split(strings.TrimSuffix(numRunLua51(t, script.String()), "\n"), "\n")
	require.Len(t, lines, len(fs))
	for i, f := range fs {
		assert.Equal(t, lines[i], FormatNumber(Float(f)), "float %x (%v)", math.Float64bits(f), f)
	}
}

func TestStringToNumberKinds(t *testing.T) {
	tests := []struct {
		in   string
		want Value
		ok   bool
	}{
		{"10", Int(10), true},
		{"  10  ", Int(10), true},
		{"\t\n\v\f\r10\n", Int(10), true},
		{"+10", Int(10), true},
		{"-10", Int(-10), true},
		{"-0", Float(negZero), true},
		{"0", Int(0), true},
		{"007", Int(7), true},
		{"9223372036854775807", Int(math.MaxInt64), true},
		{"-9223372036854775808", Int(math.MinInt64), true},
		{"9223372036854775808", Float(twoTo63), true},
		{"1767225600002742581", Int(1767225600002742581), true},
		{"10.0", Float(10), true},
		{"1e3", Float(1000), true},
		{"1E+3", Float(1000), true},
		{".5", Float(0.5), true},
		{"5.", Float(5), true},
		{"1e400", Float(math.Inf(1)), true},
		{"-1e400", Float(math.Inf(-1)), true},
		{"1e-400", Float(0), true},
		{"0x10", Int(16), true},
		{" 0X1f ", Int(31), true},
		{"-0x10", Int(-16), true},
		{"0x7fffffffffffffff", Int(math.MaxInt64), true},
		{"-0x8000000000000000", Int(math.MinInt64), true},
		{"0xffffffffffffffff", Float(18446744073709551615), true},
		{"0x1p4", Float(16), true},
		{"0x1.8", Float(1.5), true},
		{"0x.8", Float(0.5), true},
		{"inf", Float(math.Inf(1)), true},
		{"-Infinity", Float(math.Inf(-1)), true},
		{"", Nil, false},
		{"   ", Nil, false},
		{"0x", Nil, false},
		{"0x.", Nil, false},
		{"0xg", Nil, false},
		{"1e", Nil, false},
		{"1e+", Nil, false},
		{"0x1p", Nil, false},
		{".", Nil, false},
		{"-", Nil, false},
		{"1 2", Nil, false},
		{"10a", Nil, false},
		{"in", Nil, false},
		{"infinit", Nil, false},
		{"nan(", Nil, false},
		{"nan(a b)", Nil, false},
		{"1_000", Nil, false},
		{"0b101", Nil, false},
	}
	for _, tt := range tests {
		got, ok := StringToNumber(tt.in)
		if assert.Equal(t, tt.ok, ok, "StringToNumber(%q) ok", tt.in) && ok {
			assert.Equal(t, tt.want.k, got.k, "StringToNumber(%q) kind", tt.in)
			assert.Equal(t, tt.want.n, got.n, "StringToNumber(%q) = %s, want %s", tt.in, FormatNumber(got), FormatNumber(tt.want))
		}
	}
	for _, s := range []string{"nan", "NaN(chars_123)", " nan "} {
		got, ok := StringToNumber(s)
		require.True(t, ok, s)
		assert.Equal(t, "nan", FormatNumber(got), s)
	}
	got, ok := StringToNumber("-nan")
	require.True(t, ok)
	assert.Equal(t, "-nan", FormatNumber(got))
}

func TestStringToNumberMatchesLua51(t *testing.T) {
	inputs := []string{"10", " 0x10 ", "0x1p4", "0x1.8", "0x1.8p-3", "0X.1P+4", "-0x1F", "1e", "1e+", ".5", "5.", ".",
		"-.5e-3", "+.5E+3", "inf", "-inf", "INF", "infinity", "-Infinity", "infinit", "nan", "-nan", "NAN", "nan()",
		"nan(123)", "nan(abc_DEF)", "nan(", "nan(1", "nanx", "0x", "0x.", "0xg", "1 2", " \t\n12\v\f\r", "12 x",
		"--1", "+-1", "1e400", "-1e400", "1e-400", "4.9406564584124654e-324", "2.2250738585072011e-308",
		"0x1.fffffffffffff8p0", "0x1.0000000000000801p0", "123456789012345678901234567890",
		"0.1000000000000000055511151231257827", "9007199254740993", "1e15", "1e+14", "-0", "0e0",
		"0x0", "0x10000000000000000", "0xffffffffffffffff", "1.5e308", "1.8e308", "0x1p1024", "0x1p-1075",
		"1e99999999999999999999", "1e-99999999999999999999", "", " ", "\0001", "1\000", "0b1", "1_0"}
	// Random strings over the alphabet of numerals.
	r := rand.New(rand.NewPCG(3, 4))
	const alphabet = "0123456789abcdefxXpPeE+-. \tinfatyINF()_"
	for range 400 {
		b := make([]byte, 1+r.IntN(8))
		for i := range b {
			b[i] = alphabet[r.IntN(len(alphabet))]
		}
		inputs = append(inputs, string(b))
	}
	var script strings.Builder
	for _, s := range inputs {
		fmt.Fprintf(&script, "print(tonumber(%s))\n", numLuaQuote(s))
	}
	lines := strings.Split(strings.TrimSuffix(numRunLua51(t, script.String()), "\n"), "\n")
	require.Len(t, lines, len(inputs))
	for i, s := range inputs {
		got, ok := StringToNumber(s)
		text := "nil"
		if ok {
			// 5.1 holds every number as a double: compare the double.
			f, _ := got.ToFloat()
			text = FormatNumber(Float(f))
		}
		assert.Equal(t, lines[i], text, "tonumber(%q)", s)
	}
}

func TestToInteger(t *testing.T) {
	tests := []struct {
		in   Value
		want int64
		ok   bool
	}{
		{Int(7), 7, true},
		{Float(3.9), 3, true},
		{Float(-3.9), -3, true},
		{String(" 12 "), 12, true},
		{String("1.5"), 1, true},
		{Float(1e300), math.MinInt64, true},
		{Float(numDefaultNaN), math.MinInt64, true},
		{String("x"), 0, false},
		{True, 0, false},
	}
	for _, tt := range tests {
		got, ok := ToInteger(tt.in)
		assert.Equal(t, tt.ok, ok)
		assert.Equal(t, tt.want, got, "ToInteger(%s)", tt.in.TypeName())
	}
}

func TestArithIntegerSubtype(t *testing.T) {
	tests := []struct {
		name string
		op   Opcode
		a, b Value
		want Value
	}{
		{"int add", OpAdd, Int(2), Int(3), Int(5)},
		{"int add overflow gives float", OpAdd, Int(math.MaxInt64), Int(1), Float(twoTo63)},
		{"int sub overflow gives float", OpSub, Int(math.MinInt64), Int(1), Float(-twoTo63)},
		{"int sub", OpSub, Int(2), Int(3), Int(-1)},
		{"int mul", OpMul, Int(-4), Int(3), Int(-12)},
		{"int mul min", OpMul, Int(math.MinInt64), Int(1), Int(math.MinInt64)},
		{"int mul to min", OpMul, Int(-1 << 62), Int(2), Int(math.MinInt64)},
		{"int mul overflow gives float", OpMul, Int(1 << 62), Int(2), Float(twoTo63)},
		{"int mul negative overflow", OpMul, Int(math.MinInt64), Int(-1), Float(twoTo63)},
		{"int mul big ints exact", OpMul, Int(3037000499), Int(3037000499), Int(9223372030926249001)},
		{"zero times negative is -0", OpMul, Int(0), Int(-1), Float(negZero)},
		{"negative times zero is -0", OpMul, Int(-5), Int(0), Float(negZero)},
		{"zero times positive is 0", OpMul, Int(0), Int(5), Int(0)},
		{"int div is float", OpDiv, Int(10), Int(2), Float(5)},
		{"int div by zero", OpDiv, Int(1), Int(0), Float(math.Inf(1))},
		{"int div negative by zero", OpDiv, Int(-1), Int(0), Float(math.Inf(-1))},
		{"zero div zero", OpDiv, Int(0), Int(0), Float(numDefaultNaN)},
		{"int pow is float", OpPow, Int(2), Int(10), Float(1024)},
		{"int pow 2^63", OpPow, Int(2), Int(63), Float(twoTo63)},
		{"negative root is -nan", OpPow, Int(-2), Float(0.5), Float(numDefaultNaN)},
		{"mod positive", OpMod, Int(7), Int(3), Int(1)},
		{"mod negative dividend", OpMod, Int(-7), Int(3), Int(2)},
		{"mod negative divisor", OpMod, Int(7), Int(-3), Int(-2)},
		{"mod both negative", OpMod, Int(-7), Int(-3), Int(-1)},
		{"mod exact negative", OpMod, Int(-6), Int(3), Int(0)},
		{"mod min by -1", OpMod, Int(math.MinInt64), Int(-1), Int(0)},
		{"mod by zero is -nan", OpMod, Int(5), Int(0), Float(numDefaultNaN)},
		{"float mod", OpMod, Float(5.5), Int(2), Float(1.5)},
		{"float mod negative", OpMod, Float(-5.5), Int(2), Float(0.5)},
		{"float mod inf", OpMod, Int(5), Float(math.Inf(1)), Float(numDefaultNaN)},
		{"unm", OpUnm, Int(5), Nil, Int(-5)},
		{"unm zero is -0", OpUnm, Int(0), Nil, Float(negZero)},
		{"unm min int", OpUnm, Int(math.MinInt64), Nil, Float(twoTo63)},
		{"unm float", OpUnm, Float(0.5), Nil, Float(-0.5)},
		{"unm nan flips sign", OpUnm, Float(numDefaultNaN), Nil, Float(-numDefaultNaN)},
		{"mixed add", OpAdd, Int(1), Float(0.5), Float(1.5)},
		{"mixed add integral float stays float", OpAdd, Int(1), Float(1), Float(2)},
		{"string coercion", OpAdd, String("10"), Int(1), Int(11)},
		{"string float coercion", OpMul, String(" 0x10 "), String("1.5"), Float(24)},
		{"inf minus inf", OpSub, Float(math.Inf(1)), Float(math.Inf(1)), Float(numDefaultNaN)},
		{"nan operand propagates", OpAdd, Float(-numDefaultNaN), Int(1), Float(-numDefaultNaN)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := Arith(tt.op, tt.a, tt.b)
			require.True(t, ok)
			assert.Equal(t, tt.want.k, got.k, "kind of %s", FormatNumber(got))
			assert.Equal(t, tt.want.n, got.n, "got %s (%x), want %s (%x)", FormatNumber(got), got.n, FormatNumber(tt.want), tt.want.n)
		})
	}
}

func TestArithRejectsNonNumbers(t *testing.T) {
	for _, v := range []Value{Nil, True, String("x"), String("10x"), String("")} {
		_, ok := Arith(OpAdd, v, Int(1))
		assert.False(t, ok, "%s + 1", v.TypeName())
		_, ok = Arith(OpAdd, Int(1), v)
		assert.False(t, ok, "1 + %s", v.TypeName())
		_, ok = Arith(OpUnm, v, Nil)
		assert.False(t, ok, "-%s", v.TypeName())
	}
	_, ok := Arith(OpEq, Int(1), Int(1))
	assert.False(t, ok, "OpEq is not arithmetic")
}

// TestArithMatchesLua51 computes every operator on a grid of operands both
// here and in lua5.1 and compares the printed results. Integers stay within
// ±2^40, where 5.1 is exact, so the results must be byte-identical.
func TestArithMatchesLua51(t *testing.T) {
	operands := []Value{Int(0), Int(1), Int(-1), Int(2), Int(3), Int(-3), Int(7), Int(-7), Int(1 << 40), Int(-(1 << 40)),
		Float(0.5), Float(-0.5), Float(2.5), Float(-2.5), Float(negZero), Float(1e300), Float(-1e300),
		Float(math.Inf(1)), Float(math.Inf(-1)), Float(numDefaultNaN), Float(-numDefaultNaN), Float(0.1), Float(3)}
	ops := []struct {
		op  Opcode
		lua string
	}{{OpAdd, "+"}, {OpSub, "-"}, {OpMul, "*"}, {OpDiv, "/"}, {OpMod, "%"}, {OpPow, "^"}}
	var script strings.Builder
	script.WriteString("local function n(s) return tonumber(s) end\nlocal a, b\n")
	var want []string
	lit := func(v Value) string {
		if v.k == KindInt {
			return numLuaQuote(FormatNumber(v))
		}
		return numLuaQuote(numHexLiteral(v.AsFloat()))
	}
	for _, a := range operands {
		fmt.Fprintf(&script, "a = n(%s) print(-a)\n", lit(a))
		r, ok := Arith(OpUnm, a, Nil)
		require.True(t, ok)
		want = append(want, fmt.Sprintf("-(%s) = %s", FormatNumber(a), FormatNumber(r)))
		for _, b := range operands {
			fmt.Fprintf(&script, "b = n(%s)\n", lit(b))
			for _, op := range ops {
				fmt.Fprintf(&script, "print(a %s b)\n", op.lua)
				r, ok := Arith(op.op, a, b)
				require.True(t, ok)
				want = append(want, fmt.Sprintf("%s %s %s = %s", FormatNumber(a), op.lua, FormatNumber(b), FormatNumber(r)))
			}
		}
	}
	lines := strings.Split(strings.TrimSuffix(numRunLua51(t, script.String()), "\n"), "\n")
	require.Len(t, lines, len(want))
	for i, w := range want {
		got := w[strings.LastIndex(w, " = ")+3:]
		assert.Equal(t, lines[i], got, "%s (lua5.1 says %s)", w, lines[i])
	}
}

func TestNumComparisonsAreExactAcrossKinds(t *testing.T) {
	const two53 = 1 << 53
	tests := []struct {
		a, b            Value
		less, le, equal bool
	}{
		{Int(1), Float(1), false, true, true},
		{Int(two53 + 1), Float(two53), false, false, false},
		{Float(two53), Int(two53 + 1), true, true, false},
		{Int(two53), Float(two53), false, true, true},
		{Int(math.MaxInt64), Float(twoTo63), true, true, false},
		{Float(twoTo63), Int(math.MaxInt64), false, false, false},
		{Int(math.MinInt64), Float(-twoTo63), false, true, true},
		{Float(-twoTo63), Int(math.MinInt64), false, true, true},
		{Int(math.MinInt64), Float(-1e300), false, false, false},
		{Int(2), Float(2.5), true, true, false},
		{Float(2.5), Int(2), false, false, false},
		{Int(-3), Float(-2.5), true, true, false},
		{Float(-2.5), Int(-2), true, true, false},
		{Float(-2.5), Int(-3), false, false, false},
		{Int(0), Float(negZero), false, true, true},
		{Int(1), Float(math.Inf(1)), true, true, false},
		{Float(math.Inf(-1)), Int(math.MinInt64), true, true, false},
		{Int(1), Float(numDefaultNaN), false, false, false},
		{Float(numDefaultNaN), Int(1), false, false, false},
		{Float(numDefaultNaN), Float(numDefaultNaN), false, false, false},
		{Int(-5), Int(3), true, true, false},
		{Float(0.1), Float(0.2), true, true, false},
	}
	for _, tt := range tests {
		name := FormatNumber(tt.a) + " vs " + FormatNumber(tt.b)
		assert.Equal(t, tt.less, NumLess(tt.a, tt.b), "%s: <", name)
		assert.Equal(t, tt.le, NumLessEq(tt.a, tt.b), "%s: <=", name)
		assert.Equal(t, tt.equal, NumEqual(tt.a, tt.b), "%s: ==", name)
		assert.Equal(t, tt.equal, RawEqual(tt.a, tt.b), "%s: rawequal", name)
	}
}

func TestRawEqual(t *testing.T) {
	t1, t2 := NewTable(0, 0), NewTable(0, 0)
	s := "abc"
	tests := []struct {
		a, b Value
		want bool
	}{
		{Nil, Nil, true},
		{Nil, False, false},
		{True, True, true},
		{True, False, false},
		{String("abc"), String(strings.Clone(s)), true},
		{String("abc"), String("abd"), false},
		{String("1"), Int(1), false},
		{TableValue(t1), TableValue(t1), true},
		{TableValue(t1), TableValue(t2), false},
		{Int(3), Float(3), true},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, RawEqual(tt.a, tt.b), "rawequal(%s, %s)", tt.a.TypeName(), tt.b.TypeName())
	}
}

func BenchmarkFormatNumberFloat(b *testing.B) {
	b.ReportAllocs()
	buf := make([]byte, 0, 32)
	v := Float(math.Pi)
	for b.Loop() {
		buf = AppendNumber(buf[:0], v)
	}
}

func BenchmarkStringToNumber(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		StringToNumber(" 12345 ")
		StringToNumber("1.5e3")
	}
}

func BenchmarkArithInt(b *testing.B) {
	b.ReportAllocs()
	x, y := Int(12345), Int(678)
	for b.Loop() {
		Arith(OpAdd, x, y)
		Arith(OpMod, x, y)
	}
}

func ExampleStringToNumber() {
	for _, s := range []string{"42", " 0x10 ", "1e3", "-0", "1767225600002742581", "12abc"} {
		v, ok := StringToNumber(s)
		fmt.Printf("%q -> %v %s (integer: %v)\n", s, ok, FormatNumber(v), v.Kind() == KindInt)
	}
	// Output:
	// "42" -> true 42 (integer: true)
	// " 0x10 " -> true 16 (integer: true)
	// "1e3" -> true 1000 (integer: false)
	// "-0" -> true -0 (integer: false)
	// "1767225600002742581" -> true 1767225600002742581 (integer: true)
	// "12abc" -> false  (integer: false)
}

func ExampleArith() {
	show := func(op Opcode, a, b Value) {
		r, _ := Arith(op, a, b)
		fmt.Println(FormatNumber(r))
	}
	show(OpAdd, Int(math.MaxInt64), Int(1)) // overflow: the float result, as Lua 5.1
	show(OpMod, Int(-7), Int(3))            // floored modulo
	show(OpDiv, Int(7), Int(2))             // / always gives a float
	show(OpMul, Float(0.1), Int(3))         // %.14g
	// Output:
	// 9.2233720368548e+18
	// 2
	// 3.5
	// 0.3
}
