package libm

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
)

// fastCasesPerFunction is the number of arguments per function on which
// the double-double fast path is checked against math/big alone.
const fastCasesPerFunction = 2000

// TestFastPathAgreesWithBig checks, without any reference library, that
// the double-double fast paths (with their claimed error bounds) round
// exactly as the math/big evaluation does, and that they decide nearly
// every ordinary argument themselves.
func TestFastPathAgreesWithBig(t *testing.T) {
	type pair struct {
		name       string
		fast, slow func(x, y float64) float64
		gen        func(r *rng) (float64, float64)
		minFast    float64 // share of arguments the fast path must decide
		fastDecide func(x, y float64) bool
	}
	un := func(f func(float64) float64) func(x, y float64) float64 {
		return func(x, _ float64) float64 { return f(x) }
	}
	ung := func(g func(r *rng) float64) func(r *rng) (float64, float64) {
		return func(r *rng) (float64, float64) { return g(r), 0 }
	}
	decided := func(f func(float64) (float64, bool)) func(x, y float64) bool {
		return func(x, _ float64) bool { _, ok := f(x); return ok }
	}
	mid := func(r *rng) float64 { return r.uniform(-20, 20) }
	cases := []pair{
		{"Exp", un(Exp), un(expSlow), ung(func(r *rng) float64 { return r.uniform(-745.2, 709.8) }), 0.999,
			decided(func(x float64) (float64, bool) {
				p, k := expDDParts(dd{x, 0})
				return fastRoundScaled(p, k, expEps)
			})},
		{"Log", un(Log), un(logSlow), ung(func(r *rng) float64 { return r.magnitude(-1000, 1000, false) }), 0.999,
			decided(func(x float64) (float64, bool) { return fastRound(logDD(x), logEps) })},
		{"Sin", un(Sin), un(sinSlow), ung(genTrig), 0, nil},
		{"Cos", un(Cos), un(cosSlow), ung(genTrig), 0, nil},
		{"Tan", un(Tan), un(tanSlow), ung(genTrig), 0, nil},
		{"SinSmall", un(Sin), un(sinSlow), ung(mid), 0.999,
			decided(func(x float64) (float64, bool) { return sinCosFast(x, false) })},
		{"Asin", un(Asin), un(asinSlow), ung(genUnit), 0, nil},
		{"Acos", un(Acos), un(acosSlow), ung(genUnit), 0, nil},
		{"Atan", un(Atan), un(atanSlow), ung(func(r *rng) float64 { return r.magnitude(-60, 60, true) }), 0, nil},
		{"Atan2", func(x, y float64) float64 { return Atan2(x, y) }, func(x, y float64) float64 { return atan2Slow(x, y) },
			func(r *rng) (float64, float64) { return r.magnitude(-40, 40, true), r.magnitude(-40, 40, true) }, 0, nil},
		{"Pow", Pow, powSlow, genPow, 0, nil},
	}
	r := &rng{s: 0xDEADBEEFCAFEF00D}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			bad, fast := 0, 0
			for range fastCasesPerFunction {
				x, y := c.gen(r)
				got, want := c.fast(x, y), c.slow(x, y)
				if !same(got, want) {
					bad++
					t.Errorf("%s(%v, %v): fast path %.17g (%#x), math/big %.17g (%#x)", c.name, x, y,
						got, math.Float64bits(got), want, math.Float64bits(want))
				}
				if c.fastDecide != nil && c.fastDecide(x, y) {
					fast++
				}
			}
			assert.Zero(t, bad)
			if c.fastDecide != nil {
				assert.GreaterOrEqual(t, float64(fast)/fastCasesPerFunction, c.minFast,
					"fast path decided %d of %d", fast, fastCasesPerFunction)
			}
		})
	}
}
