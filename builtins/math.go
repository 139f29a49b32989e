package builtins

// The math library (lmathlib.c of Lua 5.1). Functions computing in floating
// point return floats, as 5.1 does. floor and ceil return integer arguments
// unchanged, and integers for float arguments whose result is below 10^15
// in magnitude (where an integer prints exactly as 5.1 prints the float);
// abs, max, min and fmod keep integer arguments exact, so 64-bit values
// survive them. math.random draws from the run's
// deterministic generator (vm.Thread.Rand), reseeded at every
// vm.Thread.Reset, never from Go's global one.

import (
	"github.com/kestrel-runtime/lua/internal/libm"
	"math"

	"github.com/kestrel-runtime/lua/vm"
)

// OpenMath installs the math library into env.math.
func OpenMath(env *vm.Table) error {
	t := libTable(env, "math", 32)
	fns := map[string]goFn{
		"abs":        mathAbs,
		"ceil":       mathCeil,
		"floor":      mathFloor,
		"fmod":       mathFmod,
		"modf":       mathModf,
		"frexp":      mathFrexp,
		"ldexp":      mathLdexp,
		"max":        mathMax,
		"min":        mathMin,
		"random":     mathRandom,
		"randomseed": mathRandomseed,
	}
	// The functions compute what glibc computes (internal/libm): correctly
	// rounded, as glibc's nearly always are, or by glibc's own fdlibm
	// formulas (sinh, cosh, tanh, log10). For an argument outside its domain, each
	// returns glibc's NaN: most compute it with an invalid operation, whose
	// NaN has the sign bit set ("-nan"); acos, asin and log10 return a
	// positive one.
	for name, f := range map[string]func(float64) float64{
		"acos": libm.Acos, "asin": libm.Asin, "atan": libm.Atan, "cos": libm.Cos,
		"cosh": libm.Cosh, "exp": libm.Exp, "log": libm.Log, "log10": libm.Log10,
		"sin": libm.Sin, "sinh": libm.Sinh, "sqrt": math.Sqrt, "tan": libm.Tan,
		"tanh": libm.Tanh,
		// lmathlib.c divides by RADIANS_PER_DEGREE (pi/180) for deg and
		// multiplies by it for rad; the same operations round the same.
		"deg": func(x float64) float64 { return x / (math.Pi / 180.0) },
		"rad": func(x float64) float64 { return x * (math.Pi / 180.0) },
	} {
		domainNaN := negNaN
		switch name {
		case "acos", "asin", "log10":
			domainNaN = math.NaN()
		}
		fns[name] = math1(f, domainNaN)
	}
	fns["atan2"] = math2(libm.Atan2)
	// math.pow is the ^ operator's function, so that math.pow(x, y) == x^y
	// as in 5.1, where both call C's pow.
	fns["pow"] = math2(vm.NumPow)
	setFuncs(t, fns)
	t.SetStr(nil, "pi", vm.Float(math.Pi))
	t.SetStr(nil, "huge", vm.Float(math.Inf(1)))
	return nil
}

// negNaN is the NaN an invalid operation gives on x86-64 (the "default
// NaN", sign bit set), which glibc prints as "-nan".
var negNaN = math.Float64frombits(0xFFF8000000000000)

// math1 wraps a float function of one argument. As C's functions do, it
// returns a NaN argument itself (keeping its sign, which Go's functions
// drop), and domainNaN where f gives NaN for a number.
func math1(f func(float64) float64, domainNaN float64) goFn {
	return func(th *vm.Thread, args []vm.Value) (int, error) {
		x, err := checkFloat(th, args, 1)
		if err != nil {
			return 0, err
		}
		r := x
		if x == x {
			if r = f(x); r != r {
				r = domainNaN
			}
		}
		th.Push(vm.Float(r))
		return 1, nil
	}
}

// math2 wraps a float function of two arguments. Like lua5.1, it checks
// the second argument first: lmathlib.c checks both inside one C call,
// f(luaL_checknumber(L, 1), luaL_checknumber(L, 2)), and the gcc build of
// lua5.1 evaluates the call's arguments right to left, so
// math.pow(nil, nil) blames argument #2.
func math2(f func(float64, float64) float64) goFn {
	return func(th *vm.Thread, args []vm.Value) (int, error) {
		y, err := checkFloat(th, args, 2)
		if err != nil {
			return 0, err
		}
		x, err := checkFloat(th, args, 1)
		if err != nil {
			return 0, err
		}
		th.Push(vm.Float(f(x, y)))
		return 1, nil
	}
}

func mathAbs(th *vm.Thread, args []vm.Value) (int, error) {
	v, err := checkNumber(th, args, 1)
	if err != nil {
		return 0, err
	}
	if v.Kind() == vm.KindInt {
		if i := v.AsInt(); i < 0 {
			if i == math.MinInt64 {
				v = vm.Float(-float64(i))
			} else {
				v = vm.Int(-i)
			}
		}
		th.Push(v)
		return 1, nil
	}
	th.Push(vm.Float(math.Abs(v.AsFloat())))
	return 1, nil
}

// maxIntResult bounds the integral float results that floor, ceil and
// random return as integers: below 10^15 in magnitude an integer prints as
// the float does under 5.1's %.14g, so the subtype is invisible; beyond, the
// result stays a float and prints as in 5.1.
const maxIntResult = 1e15

// integral returns the integral float f as an Int when |f| < maxIntResult
// (and f is not -0), else as a Float.
func integral(f float64) vm.Value {
	if f > -maxIntResult && f < maxIntResult && !(f == 0 && math.Signbit(f)) {
		return vm.Int(int64(f))
	}
	return vm.Float(f)
}

func mathFloor(th *vm.Thread, args []vm.Value) (int, error) {
	v, err := checkNumber(th, args, 1)
	if err != nil {
		return 0, err
	}
	if v.Kind() == vm.KindFloat {
		v = integral(math.Floor(v.AsFloat()))
	}
	th.Push(v)
	return 1, nil
}

func mathCeil(th *vm.Thread, args []vm.Value) (int, error) {
	v, err := checkNumber(th, args, 1)
	if err != nil {
		return 0, err
	}
	if v.Kind() == vm.KindFloat {
		v = integral(math.Ceil(v.AsFloat()))
	}
	th.Push(v)
	return 1, nil
}

// mathFmod is C's fmod: the remainder has the sign of the dividend. For
// integers it is computed exactly; a zero remainder of a negative dividend
// is C's -0 (math.fmod(-6, 3) prints "-0" in 5.1). Arguments are checked
// second first, as in math2.
func mathFmod(th *vm.Thread, args []vm.Value) (int, error) {
	b, err := checkNumber(th, args, 2)
	if err != nil {
		return 0, err
	}
	a, err := checkNumber(th, args, 1)
	if err != nil {
		return 0, err
	}
	if a.Kind() == vm.KindInt && b.Kind() == vm.KindInt && b.AsInt() != 0 {
		r := int64(0)
		if b.AsInt() != -1 { // MinInt64 % -1 overflows
			r = a.AsInt() % b.AsInt()
		}
		if r == 0 && a.AsInt() < 0 {
			th.Push(vm.Float(math.Copysign(0, -1)))
		} else {
			th.Push(vm.Int(r))
		}
		return 1, nil
	}
	x, _ := a.ToFloat()
	y, _ := b.ToFloat()
	th.Push(vm.Float(cFmod(x, y)))
	return 1, nil
}

// cFmod is glibc's fmod, including the sign of its NaN for a zero divisor
// or an infinite dividend (the x86-64 default NaN, which prints as "-nan").
// A NaN argument is returned itself, x's when both are.
func cFmod(x, y float64) float64 {
	switch {
	case x != x:
		return x
	case y != y:
		return y
	case y == 0 || math.IsInf(x, 0):
		return negNaN
	}
	return math.Mod(x, y)
}

func mathModf(th *vm.Thread, args []vm.Value) (int, error) {
	x, err := checkFloat(th, args, 1)
	if err != nil {
		return 0, err
	}
	ip, fp := math.Modf(x)
	if math.IsInf(x, 0) {
		fp = math.Copysign(0, x)
	}
	th.Push(vm.Float(ip))
	th.Push(vm.Float(fp))
	return 2, nil
}

func mathFrexp(th *vm.Thread, args []vm.Value) (int, error) {
	x, err := checkFloat(th, args, 1)
	if err != nil {
		return 0, err
	}
	m, e := math.Frexp(x)
	th.Push(vm.Float(m))
	th.Push(vm.Int(int64(e)))
	return 2, nil
}

// mathLdexp checks its second argument first, as math2 does.
func mathLdexp(th *vm.Thread, args []vm.Value) (int, error) {
	e, err := checkCInt(th, args, 2)
	if err != nil {
		return 0, err
	}
	m, err := checkFloat(th, args, 1)
	if err != nil {
		return 0, err
	}
	e = max(min(e, 1<<20), -(1 << 20)) // beyond, the result is 0 or inf anyway
	th.Push(vm.Float(math.Ldexp(m, int(e))))
	return 1, nil
}

// mathMinMax returns the least (or greatest) argument; numbers compare
// exactly, and the chosen argument keeps its subtype.
func mathMinMax(th *vm.Thread, args []vm.Value, greatest bool) (int, error) {
	best, err := checkNumber(th, args, 1)
	if err != nil {
		return 0, err
	}
	for i := 2; i <= len(args); i++ {
		v, err := checkNumber(th, args, i)
		if err != nil {
			return 0, err
		}
		if greatest && vm.NumLess(best, v) || !greatest && vm.NumLess(v, best) {
			best = v
		}
	}
	th.Push(best)
	return 1, nil
}

func mathMax(th *vm.Thread, args []vm.Value) (int, error) { return mathMinMax(th, args, true) }

func mathMin(th *vm.Thread, args []vm.Value) (int, error) { return mathMinMax(th, args, false) }

// mathRandom is 5.1's math.random over the run's generator: no argument
// gives a float in [0,1), math.random(u) an integer in [1,u],
// math.random(l,u) one in [l,u].
func mathRandom(th *vm.Thread, args []vm.Value) (int, error) {
	r := th.Rand.Float64()
	switch len(args) {
	case 0:
		th.Push(vm.Float(r))
	case 1:
		u, err := checkCInt(th, args, 1)
		if err != nil {
			return 0, err
		}
		if u < 1 {
			return 0, th.ArgError(1, "interval is empty")
		}
		th.Push(integral(math.Floor(r*float64(u)) + 1))
	case 2:
		l, err := checkCInt(th, args, 1)
		if err != nil {
			return 0, err
		}
		u, err := checkCInt(th, args, 2)
		if err != nil {
			return 0, err
		}
		if l > u {
			return 0, th.ArgError(2, "interval is empty")
		}
		// u-l+1 is computed in C's int, wrapping as lua5.1's does.
		width := int32(u) - int32(l) + 1
		th.Push(integral(math.Floor(r*float64(width)) + float64(l)))
	default:
		return 0, th.Errorf("wrong number of arguments")
	}
	return 1, nil
}

func mathRandomseed(th *vm.Thread, args []vm.Value) (int, error) {
	seed, err := checkCInt(th, args, 1)
	if err != nil {
		return 0, err
	}
	th.Rand.Seed(uint64(seed))
	return 0, nil
}
