package libm

import (
	"math"
	"testing"
)

// FuzzFastPathAgreesWithBig checks on arbitrary arguments that each
// function's double-double fast path rounds as its math/big evaluation
// does (a wrong error bound in a fast path would show as a difference), and
// that Pow keeps the symmetries C99 prescribes.
func FuzzFastPathAgreesWithBig(f *testing.F) {
	f.Add(3.14159, 255.0)
	f.Add(0x1p53, -2.25)
	f.Add(-8.0, 3.0)
	f.Add(1e-310, 2.0)
	f.Fuzz(func(t *testing.T, x, y float64) {
		unary := []struct {
			name       string
			fast, slow func(float64) float64
			domain     func(float64) bool
		}{
			{"Exp", Exp, expSlow, func(x float64) bool { return math.Abs(x) < 745 && x != 0 }},
			{"Log", Log, logSlow, func(x float64) bool { return x > 0 && x != 1 && !math.IsInf(x, 0) }},
			{"Sin", Sin, sinSlow, func(x float64) bool { return x != 0 && !math.IsInf(x, 0) }},
			{"Cos", Cos, cosSlow, func(x float64) bool { return x != 0 && !math.IsInf(x, 0) }},
			{"Tan", Tan, tanSlow, func(x float64) bool { return x != 0 && !math.IsInf(x, 0) }},
			{"Atan", Atan, atanSlow, func(x float64) bool { return x != 0 && !math.IsInf(x, 0) }},
			{"Asin", Asin, asinSlow, func(x float64) bool { return x != 0 && math.Abs(x) < 1 }},
			{"Acos", Acos, acosSlow, func(x float64) bool { return math.Abs(x) < 1 }},
		}
		for _, u := range unary {
			if x == x && u.domain(x) {
				if got, want := u.fast(x), u.slow(x); !same(got, want) {
					t.Errorf("%s(%v): fast %v, math/big %v", u.name, x, got, want)
				}
			}
		}
		if got, want := Pow(x, y), powSlow(x, y); !same(got, want) {
			t.Errorf("Pow(%v, %v): fast %v, math/big %v", x, y, got, want)
		}
		if x == x && y == y && x != 0 && isOddInt(y) {
			if got, want := Pow(-x, y), -Pow(x, y); !same(got, want) {
				t.Errorf("Pow(%v, %v) = %v, want -Pow(%v, %v) = %v", -x, y, got, x, y, want)
			}
		}
		if x == x && y == y && !math.IsInf(x, 0) && !math.IsInf(y, 0) && x != 0 && y != 0 {
			if got, want := Atan2(y, x), atan2Slow(y, x); !same(got, want) {
				t.Errorf("Atan2(%v, %v): fast %v, math/big %v", y, x, got, want)
			}
		}
	})
}
