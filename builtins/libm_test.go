package builtins

import (
	"fmt"
	"github.com/kestrel-runtime/lua/internal/libm"
	"math"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestMathFunctionsMatchGlibc checks the math functions bit for bit
// against what lua5.1 on glibc 2.36 (x86-64) prints with %.17g, at
// arguments that exercise each path: reduction of huge arguments modulo
// pi/2, subnormals, overflow thresholds, the branches of fdlibm's sinh,
// cosh and tanh. (testdata/math_rounding.lua compares the same cases with
// lua5.1 itself when it is installed.)
func TestMathFunctionsMatchGlibc(t *testing.T) {
	fns := map[string]func(float64) float64{
		"sin": libm.Sin, "cos": libm.Cos, "tan": libm.Tan, "exp": libm.Exp, "log": libm.Log,
		"log10": libm.Log10, "asin": libm.Asin, "acos": libm.Acos, "atan": libm.Atan,
		"sinh": libm.Sinh, "cosh": libm.Cosh, "tanh": libm.Tanh,
	}
	cases := []struct{ fn, x, want string }{
		{"sin", "1e+22", "-0.85220084976718879"},
		{"sin", "1.0000000000000001e+300", "-0.81788191211590855"},
		{"cos", "1.0000000000000001e+300", "-0.57538611195754907"},
		{"tan", "1.0000000000000001e+300", "1.4214488238747245"},
		{"sin", "8.9884656743115795e+307", "0.56312777985088402"},
		{"cos", "1000000", "0.93675212753314474"},
		{"sin", "3.1415926535897931", "1.2246467991473532e-16"},
		{"cos", "1.5707963267948966", "6.123233995736766e-17"},
		{"tan", "1.5707963267948966", "16331239353195370"},
		{"sin", "-1e-300", "-1e-300"},
		{"sin", "4.9406564584124654e-324", "4.9406564584124654e-324"},
		{"cos", "4.9406564584124654e-324", "1"},
		{"tan", "1e-10", "1e-10"},
		{"sin", "1e-08", "1e-08"},
		{"sin", "1048575.5", "-0.1624508310778367"},
		{"cos", "1048577.3", "-0.065981730523983442"},
		{"tan", "12345678.9", "-2.0328314207103166"},
		{"exp", "709.77999999999997", "1.7928227943945155e+308"},
		{"exp", "709.78271289338397", "1.7976931348622732e+308"},
		{"exp", "-745.13", "4.9406564584124654e-324"},
		{"exp", "-708.5", "2.006132305331306e-308"},
		{"exp", "-740", "4.1995579896505956e-322"},
		{"exp", "9.9999999999999995e-21", "1"},
		{"exp", "-9.9999999999999995e-21", "1"},
		{"exp", "1", "2.7182818284590451"},
		{"exp", "0.5", "1.6487212707001282"},
		{"exp", "100", "2.6881171418161356e+43"},
		{"exp", "-100", "3.7200759760208361e-44"},
		{"log", "4.9406564584124654e-324", "-744.44007192138122"},
		{"log", "9.9999999999999694e-311", "-713.80137882815416"},
		{"log", "1.7976931348623157e+308", "709.78271289338397"},
		{"log", "2", "0.69314718055994529"},
		{"log", "0.5", "-0.69314718055994529"},
		{"log", "10", "2.3025850929940459"},
		{"log", "1.0000000000000002", "2.2204460492503128e-16"},
		{"log", "0.99999999999999989", "-1.1102230246251565e-16"},
		{"log", "0.70709999999999995", "-0.34658318037194202"},
		{"log", "1.4139999999999999", "0.34642256747438094"},
		{"log10", "1000", "3"},
		{"log10", "1e-300", "-300"},
		{"log10", "4.9406564584124654e-324", "-323.30621534311581"},
		{"log10", "2", "0.3010299956639812"},
		{"log10", "1e+22", "22"},
		{"log10", "0.001", "-3"},
		{"log10", "7", "0.84509804001425681"},
		{"asin", "1", "1.5707963267948966"},
		{"asin", "-1", "-1.5707963267948966"},
		{"asin", "0.5", "0.52359877559829893"},
		{"asin", "0.99999999989999999", "1.5707821846586878"},
		{"asin", "0.99999999999999989", "1.5707963118937354"},
		{"asin", "1.0000000000000001e-09", "1.0000000000000001e-09"},
		{"acos", "0.99999999999999989", "1.4901161193847656e-08"},
		{"acos", "-0.99999999999999989", "3.1415926386886319"},
		{"acos", "-1", "3.1415926535897931"},
		{"acos", "0", "1.5707963267948966"},
		{"acos", "0.5", "1.0471975511965979"},
		{"acos", "-0.5", "2.0943951023931957"},
		{"acos", "0.70001000000000002", "0.79538482728720383"},
		{"acos", "-0.98999999999999999", "3.000053180265366"},
		{"atan", "1.0000000000000001e+300", "1.5707963267948966"},
		{"atan", "-10000000000", "-1.5707963266948965"},
		{"atan", "1", "0.78539816339744828"},
		{"atan", "1.0000000000000001e-09", "1.0000000000000001e-09"},
		{"atan", "2", "1.1071487177940904"},
		{"atan", "0.99999000000000005", "0.78539316337244824"},
		{"atan", "1.0000100000000001", "0.78540316337244842"},
		{"sinh", "1e-10", "1e-10"},
		{"sinh", "0.29999999999999999", "0.3045202934471426"},
		{"sinh", "1", "1.1752011936438014"},
		{"sinh", "21.899999999999999", "1621881641.7888241"},
		{"sinh", "22.100000000000001", "1980970710.6902199"},
		{"sinh", "710", "1.1169973830808557e+308"},
		{"sinh", "710.39999999999998", "1.6663642832806494e+308"},
		{"sinh", "-5", "-74.203210577788752"},
		{"cosh", "0.20000000000000001", "1.0200667556190759"},
		{"cosh", "0.40000000000000002", "1.0810723718384549"},
		{"cosh", "1.0000000000000001e-17", "1"},
		{"cosh", "21.899999999999999", "1621881641.7888238"},
		{"cosh", "30", "5343237290762.2314"},
		{"cosh", "710.39999999999998", "1.6663642832806494e+308"},
		{"cosh", "-3", "10.067661995777765"},
		{"tanh", "9.9999999999999995e-21", "9.9999999999999995e-21"},
		{"tanh", "0.29999999999999999", "0.2913126124515909"},
		{"tanh", "0.90000000000000002", "0.71629787019902447"},
		{"tanh", "1.5", "0.9051482536448664"},
		{"tanh", "21.899999999999999", "1"},
		{"tanh", "25", "1"},
		{"tanh", "-0.69999999999999996", "-0.60436777711716361"},
	}
	for _, c := range cases {
		x, err := strconv.ParseFloat(c.x, 64)
		if err != nil {
			t.Fatal(err)
		}
		got := fmt.Sprintf("%.17g", fns[c.fn](x))
		assert.Equal(t, c.want, glibcText(got), "math.%s(%s)", c.fn, c.x)
	}
	atan2 := []struct{ y, x, want string }{
		{"1", "1e-300", "1.5707963267948966"},
		{"1e-300", "-1", "3.1415926535897931"},
		{"-1", "-1.0000000000000001e+300", "-3.1415926535897931"},
		{"3", "-4", "2.4980915447965089"},
		{"-3", "-4", "-2.4980915447965089"},
		{"1.0000000000000001e+300", "1e-300", "1.5707963267948966"},
		{"0.5", "0.5", "0.78539816339744828"},
		{"-2", "1", "-1.1071487177940904"},
		{"7", "7", "0.78539816339744828"},
		{"-7", "-7", "-2.3561944901923448"},
	}
	for _, c := range atan2 {
		y, _ := strconv.ParseFloat(c.y, 64)
		x, _ := strconv.ParseFloat(c.x, 64)
		got := fmt.Sprintf("%.17g", libm.Atan2(y, x))
		assert.Equal(t, c.want, glibcText(got), "math.atan2(%s, %s)", c.y, c.x)
	}
}

// glibcText spells Go's %g output of infinities as glibc does.
func glibcText(s string) string {
	switch s {
	case "+Inf":
		return "inf"
	case "-Inf":
		return "-inf"
	}
	return s
}

// TestMathNaNSigns checks that NaN arguments come back with their sign and
// that domain errors give glibc's NaN: "-nan" (the x86-64 default NaN) for
// log, sqrt, sin, cos, tan, fmod; "nan" for asin, acos, log10.
func TestMathNaNSigns(t *testing.T) {
	neg := math.Signbit
	assert.True(t, neg(libm.Log(-1)))
	assert.True(t, neg(libm.Sin(math.Inf(1))))
	assert.True(t, neg(libm.Cos(math.Inf(-1))))
	assert.True(t, neg(libm.Tan(math.Inf(1))))
	assert.True(t, neg(cFmod(1, 0)))
	assert.False(t, neg(libm.Asin(2)))
	assert.False(t, neg(libm.Acos(-2)))
	assert.False(t, neg(libm.Log10(-1)))
	for _, f := range []func(float64) float64{libm.Sin, libm.Cos, libm.Tan, libm.Exp, libm.Log, libm.Log10, libm.Asin, libm.Acos, libm.Atan, libm.Sinh, libm.Cosh, libm.Tanh} {
		assert.True(t, neg(f(negNaN)))
		assert.False(t, neg(f(math.NaN())))
	}
	assert.True(t, neg(libm.Atan2(1, negNaN)))
	assert.True(t, neg(cFmod(negNaN, 1)))
}

func BenchmarkMathSin(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		libm.Sin(float64(i%1000) * 0.01)
	}
}

func BenchmarkMathExp(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		libm.Exp(float64(i%1000) * 0.01)
	}
}
