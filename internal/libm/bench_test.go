package libm

import (
	"math"
	"testing"
)

// sink keeps the compiler from discarding benchmarked results.
var sink float64

func benchUnary(b *testing.B, f func(float64) float64, args []float64) {
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		sink = f(args[i%len(args)])
	}
}

func benchArgs(gen func(r *rng) float64) []float64 {
	r := &rng{s: 12345}
	args := make([]float64, 256)
	for i := range args {
		args[i] = gen(r)
	}
	return args
}

func BenchmarkExp(b *testing.B) {
	benchUnary(b, Exp, benchArgs(func(r *rng) float64 { return r.uniform(-700, 700) }))
}
func BenchmarkLog(b *testing.B)   { benchUnary(b, Log, benchArgs(genLog)) }
func BenchmarkLog10(b *testing.B) { benchUnary(b, Log10, benchArgs(genLog)) }
func BenchmarkSin(b *testing.B) {
	benchUnary(b, Sin, benchArgs(func(r *rng) float64 { return r.uniform(-10, 10) }))
}
func BenchmarkSinHuge(b *testing.B) {
	benchUnary(b, Sin, benchArgs(func(r *rng) float64 { return r.magnitude(900, 1023, true) }))
}
func BenchmarkCos(b *testing.B) {
	benchUnary(b, Cos, benchArgs(func(r *rng) float64 { return r.uniform(-10, 10) }))
}
func BenchmarkTan(b *testing.B) {
	benchUnary(b, Tan, benchArgs(func(r *rng) float64 { return r.uniform(-10, 10) }))
}
func BenchmarkAsin(b *testing.B) { benchUnary(b, Asin, benchArgs(genUnit)) }
func BenchmarkAcos(b *testing.B) { benchUnary(b, Acos, benchArgs(genUnit)) }
func BenchmarkAtan(b *testing.B) {
	benchUnary(b, Atan, benchArgs(func(r *rng) float64 { return r.magnitude(-10, 10, true) }))
}
func BenchmarkSinh(b *testing.B) { benchUnary(b, Sinh, benchArgs(genHyper)) }
func BenchmarkCosh(b *testing.B) { benchUnary(b, Cosh, benchArgs(genHyper)) }
func BenchmarkTanh(b *testing.B) { benchUnary(b, Tanh, benchArgs(genHyper)) }
func BenchmarkGoExp(b *testing.B) {
	benchUnary(b, math.Exp, benchArgs(func(r *rng) float64 { return r.uniform(-700, 700) }))
}

func benchBinary(b *testing.B, f func(float64, float64) float64, gen func(r *rng) (float64, float64)) {
	r := &rng{s: 12345}
	var xs, ys [256]float64
	for i := range xs {
		xs[i], ys[i] = gen(r)
	}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		sink = f(xs[i%256], ys[i%256])
	}
}

func BenchmarkAtan2(b *testing.B) {
	benchBinary(b, Atan2, func(r *rng) (float64, float64) { return r.uniform(-10, 10), r.uniform(-10, 10) })
}

// BenchmarkPowGeneral: non-integral exponents (log, then exp).
func BenchmarkPowGeneral(b *testing.B) {
	benchBinary(b, Pow, func(r *rng) (float64, float64) { return r.uniform(0, 100), r.uniform(-20, 20) })
}

// BenchmarkPowSmallInt: x^n for small integers n, the common case in rules.
func BenchmarkPowSmallInt(b *testing.B) {
	benchBinary(b, Pow, func(r *rng) (float64, float64) { return r.uniform(-100, 100), float64(r.intn(9) - 4) })
}

// BenchmarkPowInt64: x^n for |n| ≤ 64.
func BenchmarkPowInt64(b *testing.B) {
	benchBinary(b, Pow, func(r *rng) (float64, float64) { return r.uniform(0, 10), float64(r.intn(129) - 64) })
}

// BenchmarkPowSqrt: x^0.5.
func BenchmarkPowSqrt(b *testing.B) {
	benchBinary(b, Pow, func(r *rng) (float64, float64) { return r.uniform(0, 1e6), 0.5 })
}

func BenchmarkGoPow(b *testing.B) {
	benchBinary(b, math.Pow, func(r *rng) (float64, float64) { return r.uniform(0, 100), r.uniform(-20, 20) })
}
