package builtins

import (
	"context"
	"errors"
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kestrel-runtime/lua/vm"
)

type fmtCase struct {
	format string
	args   []vm.Value
	want   string // "error: msg" or "argerror #n: msg" for errors
	// intOnly marks results that depend on the integer subtype, which
	// lua5.1 (all doubles) cannot reproduce.
	intOnly bool
}

var (
	nan    = math.Float64frombits(0xFFF8000000000000) // 0/0 on x86-64
	posNaN = math.Float64frombits(0x7FF8000000000000) // -(0/0)
	inf    = math.Inf(1)
)

func fv(f float64) vm.Value { return vm.Float(f) }
func iv(i int64) vm.Value   { return vm.Int(i) }
func sv(s string) vm.Value  { return vm.String(s) }

var fmtCases = []fmtCase{
	{"plain %% text", nil, "plain % text", false},
	{"%d|%5d|%-5d|%05d|%+d|% d|%.3d|%.0d", []vm.Value{iv(42), iv(42), iv(42), iv(-42), iv(42), iv(42), iv(7), iv(0)}, "42|   42|42   |-0042|+42| 42|007|", false},
	{"%d %i", []vm.Value{iv(1767225600002742581), iv(math.MinInt64)}, "1767225600002742581 -9223372036854775808", true},
	{"%d %d %d %d", []vm.Value{fv(3.7), fv(-3.7), fv(1e20), fv(nan)}, "3 -3 -9223372036854775808 -9223372036854775808", false},
	{"%d", []vm.Value{sv(" 0x10 ")}, "16", false},
	{"%x %X %o %u", []vm.Value{iv(-1), iv(255), iv(8), iv(-1)}, "ffffffffffffffff FF 10 18446744073709551615", false},
	{"%x %x %x %x", []vm.Value{fv(1e20), fv(9223372036854775808), fv(-1), fv(nan)}, "0 8000000000000000 ffffffffffffffff 8000000000000000", false},
	{"%#x %#X %#o %#o %#x", []vm.Value{iv(255), iv(255), iv(8), iv(0), iv(0)}, "0xff 0XFF 010 0 0", false},
	{"%08.3x|%-#8x|", []vm.Value{iv(255), iv(255)}, "     0ff|0xff    |", false},
	{"%c%c%c|%3c|%-3c|", []vm.Value{iv(72), iv(256 + 105), fv(33.9), iv(65), iv(66)}, "Hi!|  A|B  |", false},
	{"a%cb|%3c|", []vm.Value{iv(0), iv(0)}, "ab|  |", false},
	{"%f|%.2f|%10.3f|%-10.1f|%+.0f|%#.0f|%010.2f", []vm.Value{fv(3.14159), fv(2.675), fv(-1.5), fv(2.25), fv(2.5), fv(3), fv(-3.14159)}, "3.141590|2.67|    -1.500|2.2       |+2|3.|-000003.14", false},
	{"%e|%.2E|%.0e|%#.0e|%e", []vm.Value{fv(12345.678), fv(0.000123), fv(5e10), fv(5e10), fv(0)}, "1.234568e+04|1.23E-04|5e+10|5.e+10|0.000000e+00", false},
	{"%g|%g|%g|%g|%g|%g|%g", []vm.Value{fv(100000), fv(1e6), fv(1e-4), fv(1e-5), fv(0.1), fv(123456789), fv(0)}, "100000|1e+06|0.0001|1e-05|0.1|1.23457e+08|0", false},
	{"%.14g|%.3g|%.0g|%#g|%#.3g|%G|%.20g", []vm.Value{fv(0.1), fv(123456), fv(2.5), fv(1), fv(1), fv(1e-10), fv(0.1)}, "0.1|1.23e+05|2|1.00000|1.00|1E-10|0.10000000000000000555", false},
	{"%g|%g|%.17g|%g", []vm.Value{fv(9.9999999e-5), fv(999999.5), fv(1e300), iv(3)}, "0.0001|1e+06|1.0000000000000001e+300|3", false},
	{"%f|%e|%g|%G|%5.1f|%05f|%-6f|%+f", []vm.Value{fv(nan), fv(inf), fv(-inf), fv(posNaN), fv(inf), fv(inf), fv(nan), fv(inf)}, "-nan|inf|-inf|NAN|  inf|  inf|-nan  |+inf", false},
	{"%s|%5s|%-5s|%.2s|%5.1s|%.20s", []vm.Value{sv("abc"), sv("abc"), sv("abc"), sv("abc"), sv("abc"), sv("abc")}, "abc|  abc|abc  |ab|    a|abc", false},
	{"%s %s %s %s", []vm.Value{iv(12), fv(1.5), fv(1e100), iv(-7)}, "12 1.5 1e+100 -7", false},
	{"[%s][%-5s]", []vm.Value{sv("a\x00b"), sv("a\x00b")}, "[a][a    ]", false},
	{"%s", []vm.Value{sv(strings.Repeat("x", 99) + "\x00y")}, strings.Repeat("x", 99) + "\x00y", false},
	{"%.200s", []vm.Value{sv("x")}, "error: invalid format (width or precision too long)", false},
	{"%q", []vm.Value{sv("a\x00b\r\n\"\\z\t")}, "\"a\\000b\\r\\\n\\\"\\\\z\t\"", false},
	{"%10q|%q", []vm.Value{sv("x"), iv(12)}, "\"x\"|\"12\"", false},
	{"%5.2%", []vm.Value{iv(1)}, "error: invalid option '%%' to 'format'", false},
	{"%y", []vm.Value{iv(1)}, "error: invalid option '%y' to 'format'", false},
	{"%5", []vm.Value{iv(1)}, "error: invalid option '%' to 'format'", false},
	{"%-+ #0d", []vm.Value{iv(1)}, "+1", false},
	{"%-+ #0-d", []vm.Value{iv(1)}, "error: invalid format (repeated flags)", false},
	{"%123d", []vm.Value{iv(1)}, "error: invalid format (width or precision too long)", false},
	{"%1.123d", []vm.Value{iv(1)}, "error: invalid format (width or precision too long)", false},
	{"%99.99f", []vm.Value{iv(1)}, "1." + strings.Repeat("0", 99), false},
	{"%d", nil, "argerror #2: no value", false},
	{"%d %d", []vm.Value{iv(1)}, "argerror #3: no value", false},
	{"%d", []vm.Value{sv("x")}, "argerror #2: number expected, got string", false},
	{"%s", []vm.Value{vm.True}, "argerror #2: string expected, got boolean", false},
	{"%", nil, "argerror #2: no value", false},
}

func runFmtCase(c fmtCase) string {
	var buf strBuf
	err := appendFormat(&buf, c.format, c.args)
	out := buf.b
	if err != nil {
		var ae *argError
		if errorAs(err, &ae) {
			return "argerror #" + strconv.Itoa(ae.n) + ": " + ae.msg
		}
		return "error: " + err.Error()
	}
	return string(out)
}

// luaLiteral writes v as a Lua expression for lua5.1.
func luaLiteral(v vm.Value) string {
	switch v.Kind() {
	case vm.KindInt:
		return strconv.FormatInt(v.AsInt(), 10)
	case vm.KindFloat:
		f := v.AsFloat()
		switch {
		case math.IsNaN(f) && math.Signbit(f):
			return "(0/0)"
		case math.IsNaN(f):
			return "(-(0/0))"
		case math.IsInf(f, 1):
			return "(1/0)"
		case math.IsInf(f, -1):
			return "(-1/0)"
		}
		return strconv.FormatFloat(f, 'g', 17, 64)
	case vm.KindString:
		return luaQuote(v.AsString())
	case vm.KindBool:
		return strconv.FormatBool(v.AsBool())
	}
	return "nil"
}

func TestFormatMatchesGoldenOutput(t *testing.T) {
	for _, c := range fmtCases {
		t.Run(c.format, func(t *testing.T) {
			assert.Equal(t, c.want, runFmtCase(c), "string.format(%q, ...)", c.format)
		})
	}
}

func TestFormatGoldenOutputAgreesWithLua51(t *testing.T) {
	var src strings.Builder
	src.WriteString(`
function run(...)
  local ok, r = pcall(string.format, ...)
  if not ok then
    local n, msg = r:match("^bad argument #(%d+) to '%?' %((.*)%)$")
    if n then r = "argerror #" .. n .. ": " .. msg else r = "error: " .. r end
  end
  io.write(r, "\n@@\n")
end
`)
	var cases []fmtCase
	for _, c := range fmtCases {
		if !c.intOnly {
			cases = append(cases, c)
		}
	}
	for _, c := range cases {
		args := []string{luaQuote(c.format)}
		for _, a := range c.args {
			args = append(args, luaLiteral(a))
		}
		src.WriteString("run(" + strings.Join(args, ", ") + ")\n")
	}
	out := runLua(t, src.String())
	got := strings.Split(strings.TrimSuffix(out, "\n@@\n"), "\n@@\n")
	require.Len(t, got, len(cases), "lua5.1 output: %s", out)
	for i, c := range cases {
		assert.Equal(t, c.want, got[i], "lua5.1: string.format(%q, ...)", c.format)
	}
}

func TestFormatChargesEveryPieceBeforeAppending(t *testing.T) {
	th := vm.NewThread()
	th.Reset(context.Background(), vm.Limits{})
	buf := strBuf{th: th}
	require.NoError(t, appendFormat(&buf, "ab%5dcd%s", []vm.Value{iv(1), sv("xyz")}))
	assert.Equal(t, "ab    1cdxyz", string(buf.b))
	assert.Equal(t, len(buf.b), buf.total, "every byte is reserved")
	assert.Equal(t, int64(minBuf), buf.alloc, "one backing array")
	assert.Equal(t, buf.alloc, th.Meter().Bytes(), "the backing array is charged")

	// A piece the budget cannot pay for is refused before it is appended.
	th.Reset(context.Background(), vm.Limits{MemoryBytes: 4 << 10})
	buf = strBuf{th: th}
	err := appendFormat(&buf, "x%s", []vm.Value{sv(strings.Repeat("x", 10000))})
	assert.ErrorIs(t, err, vm.ErrMemoryLimit)
	assert.Equal(t, "x", string(buf.b))
}

// TestStrBufChargesEveryBackingArray checks that a buffer grown piece by
// piece charges the capacity of every backing array it allocates (the
// doublings, not only the bytes kept) and that Go allocates exactly that.
func TestStrBufChargesEveryBackingArray(t *testing.T) {
	th := vm.NewThread()
	th.Reset(context.Background(), vm.Limits{})
	buf := strBuf{th: th}
	for i := 0; i < 5000; i++ {
		require.NoError(t, buf.appendString("abcdefghijklm"))
	}
	var want int64
	for c := minBuf; c < 65000; c *= 2 {
		want += int64(c)
	}
	want += int64(bufCap(65536)) // 64 KiB: whole pages
	assert.Equal(t, want, buf.alloc)
	assert.Equal(t, want, th.Meter().Bytes())
	assert.Equal(t, 65536, cap(buf.b))
	// Sizes the allocator serves exactly: powers of two up to 32 KiB
	// (each a size class), whole 8 KiB pages beyond.
	for n, want := range map[int]int{1: 32, 32: 32, 33: 64, 4096: 4096, 4097: 8192,
		32 << 10: 32 << 10, 32<<10 + 1: 40 << 10, 100000: 13 * 8192} {
		assert.Equal(t, want, bufCap(n), "bufCap(%d)", n)
	}
}

func errorAs(err error, target any) bool { return errors.As(err, target) }

// TestFormatFloatsAgreeWithLua51 compares many float conversions with
// lua5.1's (glibc's printf): values of every magnitude, with halfway cases,
// under every float conversion and a range of precisions and flags.
func TestFormatFloatsAgreeWithLua51(t *testing.T) {
	var values []float64
	state := uint64(0x9E3779B97F4A7C15)
	next := func() uint64 { // xorshift64*: fixed, so the test is the same every run
		state ^= state >> 12
		state ^= state << 25
		state ^= state >> 27
		return state * 0x2545F4914F6CDD1D
	}
	for i := 0; i < 150; i++ {
		mant := float64(next()%2000000) / 1000 // three decimals: many ties
		exp := int(next()%41) - 20
		v := mant * math.Pow(10, float64(exp))
		if next()%2 == 0 {
			v = -v
		}
		values = append(values, v)
	}
	values = append(values, 0.5, 1.5, 2.5, 0.125, 1e15, 1e16, 123456789012345678, 5e-324, math.MaxFloat64, 0.1, 1.0/3)
	formats := []string{"%g", "%.3g", "%.10g", "%#.4g", "%e", "%.0e", "%.12E", "%f", "%.1f", "%.0f", "%+12.4f", "%-12.3e|", "%012.5g", "% .2f"}
	var cases []fmtCase
	for _, v := range values {
		for _, f := range formats {
			cases = append(cases, fmtCase{format: f, args: []vm.Value{vm.Float(v)}})
		}
	}
	var src strings.Builder
	for _, c := range cases {
		src.WriteString("io.write(string.format(" + luaQuote(c.format) + ", " + luaLiteral(c.args[0]) + "), '\\n')\n")
	}
	out := runLua(t, src.String())
	want := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	require.Len(t, want, len(cases))
	bad := 0
	for i, c := range cases {
		if got := runFmtCase(c); got != want[i] {
			bad++
			if bad <= 20 {
				t.Errorf("string.format(%q, %v): got %q, lua5.1 %q", c.format, c.args[0].AsFloat(), got, want[i])
			}
		}
	}
}

// TestFormatIntegerFlagsAgreeWithLua51 compares integer, character and
// string conversions under generated flag, width and precision
// combinations with lua5.1's.
func TestFormatIntegerFlagsAgreeWithLua51(t *testing.T) {
	state := uint64(0x123456789)
	next := func(n int) int {
		state ^= state << 13
		state ^= state >> 7
		state ^= state << 17
		return int(state % uint64(n))
	}
	ints := []int64{0, 1, -1, 7, -42, 255, 65, 1000000, -2147483648, 4294967295, 1 << 52}
	strs := []string{"", "a", "hello", "a\x00b"}
	var cases []fmtCase
	for i := 0; i < 600; i++ {
		var f strings.Builder
		f.WriteByte('%')
		for _, fl := range "-+ #0" {
			if next(3) == 0 {
				f.WriteRune(fl)
			}
		}
		if next(2) == 0 {
			f.WriteString(strconv.Itoa(next(15)))
		}
		if next(2) == 0 {
			f.WriteString("." + strconv.Itoa(next(12)))
		}
		conv := "dioxXucs"[next(8)]
		f.WriteByte(conv)
		var a vm.Value
		switch conv {
		case 's':
			a = vm.String(strs[next(len(strs))])
		case 'c':
			a = vm.Int(int64(32 + next(90)))
		default:
			a = vm.Int(ints[next(len(ints))])
		}
		cases = append(cases, fmtCase{format: "[" + f.String() + "]", args: []vm.Value{a}})
	}
	var src strings.Builder
	for _, c := range cases {
		src.WriteString("io.write(string.format(" + luaQuote(c.format) + ", " + luaLiteral(c.args[0]) + "), '\\n')\n")
	}
	out := runLua(t, src.String())
	want := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	require.Len(t, want, len(cases))
	bad := 0
	for i, c := range cases {
		if got := runFmtCase(c); got != want[i] {
			bad++
			if bad <= 20 {
				t.Errorf("string.format(%q, %s): got %q, lua5.1 %q", c.format, luaLiteral(c.args[0]), got, want[i])
			}
		}
	}
}
