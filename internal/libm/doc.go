// Package libm computes the elementary functions Lua exposes (pow, exp,
// log, log10, sin, cos, tan, asin, acos, atan, atan2, sinh, cosh, tanh) as
// glibc does, identically on every architecture. pow, exp, log, sin, cos,
// tan, asin, acos, atan and atan2 are correctly rounded: each result is the
// float64 nearest to the exact mathematical value (ties to even). log10,
// sinh, cosh and tanh are glibc's own fdlibm formulas, evaluated with the
// same operations in the same order (fdlibm.go), because glibc is 1-2 ulps
// off there and lua5.1 prints what glibc computes. All follow the
// special-value behaviour of
// C99 Annex F as glibc implements it on x86-64 (including the sign of the
// NaNs it returns, which lua5.1 prints as "nan" or "-nan").
//
// # Why correctly rounded
//
// Reference lua5.1 calls glibc and prints floats with %.14g, so a
// last-bit difference sometimes shows in output. Go's math package is
// accurate to about one ulp and may use FMA on some architectures, so its
// last bit differs from glibc's for about 0.5% of arguments and can even
// differ between machines. glibc 2.28+ rounds exp, log, pow, sin, cos,
// tan, asin, acos, atan and atan2 correctly except for roughly one argument
// in a thousand (and which ones depends on whether the CPU has FMA: glibc
// picks an FMA variant at run time); its log10, sinh, cosh and tanh err by
// up to 2 ulps. A correctly rounded result is the only target that is
// unique: it is the same on every machine whatever algorithm produced it,
// and it agrees with glibc wherever glibc is right. The tests measure the
// agreement (TestAgreesWithGlibc) and check correct rounding against
// mpmath (TestCorrectlyRounded).
//
// # Ziv's strategy, in two layers
//
// A function value is computed as an approximation v with a proven bound
// on its relative error ε. If every value within ε·|v| of v rounds to the
// same float64, the exact value, which is among them, rounds to it too.
// Otherwise the exact value is close to a rounding boundary (a midpoint
// between two floats) and the evaluation is repeated more accurately.
//
//  1. The fast path evaluates in double-double arithmetic (about 106 bits,
//     dd.go) with table-driven argument reduction and Horner's rule, for
//     ε about 2^-84 to 2^-95 (larger only for the rare trigonometric
//     arguments within 2^-30 of a multiple of π/2); [fastRound] then
//     decides all but about one argument in 2^30. The error-free transformations it builds on are
//     exact only if no product is fused into an FMA, which Go does on
//     arm64, ppc64, s390x and riscv64 for x*y + z unless the product is
//     explicitly converted; every product is (TestNoFusedMultiplyAdd checks
//     an arm64 build for fused instructions).
//  2. The slow path (the *Slow functions) evaluates with math/big at 90
//     bits of accuracy plus guard bits, doubling until [decide] succeeds.
//     It also handles the arguments the fast path leaves out: results in
//     or near the subnormal range or near overflow, and trigonometric
//     arguments beyond 2^20. math/big is integer arithmetic, so it is
//     exact and deterministic on every architecture.
//
// Transcendental values of float64 arguments are never exactly midpoints
// (Lindemann–Weierstrass), and the hardest known cases need about 120
// bits, so the loop ends after one or two rounds. The exact cases are
// detected instead: exp(0), log(1), log10(10^n), pow with an integral
// exponent (x^n is computed exactly when |n| ≤ 64) or a dyadic one
// (y = M/2^k with x a perfect 2^k-th power, found by exact square roots).
//
// The float64 code uses only exact operations besides the double-double
// arithmetic: comparisons, Frexp, Ldexp, Floor, Trunc, Sqrt (correctly
// rounded by IEEE 754), Nextafter. Nothing calls Go's math functions that
// round.
//
// # Argument reduction
//
//   - exp: x = k·ln2 + j/64 + t, |t| ≤ 1/128, with a table of e^(j/64) and
//     the Taylor series of e^t; ln2 is split in three float64 (Cody and
//     Waite) in the fast path.
//   - log: x = 2^e·m, m in [1/√2, √2), c = j/32 nearest to m, with a table of
//     log(j/32), and log(m/c) = 2·atanh((m-c)/(m+c)), |(m-c)/(m+c)| < 1/90.
//   - sin, cos, tan: x = n·π/2 + r. The fast path subtracts n·π/2 with π/2
//     in three float64 for |x| ≤ 2^20; the slow path computes x·(2/π) with
//     2/π to as many bits as x's exponent plus 80 (no float64 is closer
//     than about 2^-61 to a multiple of π/2, so the fraction keeps its
//     precision) for any finite x. Then the Taylor series of sin and cos.
//   - atan: 1/x above 1, then c = j/64 nearest to x with a table of
//     atan(j/64) and atan(x) = atan(c) + atan((x-c)/(1+xc)) (fast path), or
//     three halvings atan(x) = 2·atan(x/(1+√(1+x²))) (slow path), and the
//     Taylor series. asin, acos and atan2 go through atan with 1-x and 1+x
//     computed exactly: asin(x) = atan(x/√((1-x)(1+x))),
//     acos(x) = 2·atan(√((1-x)/(1+x))).
//   - sinh, cosh, tanh, log10: fdlibm's formulas on top of the correctly
//     rounded exp and log (fdlibm.go).
//   - pow: e^(y·log x) with log x to 2^-94, since an error δ in log x is an
//     error |y·log x|·δ ≤ 2^10·δ in the result; integral exponents up to 64
//     by binary powering, ±1, 2 and 0.5 by one correctly rounded operation.
//
// The constants (π, ln2, ln10, the tables, the series coefficients) are
// computed with math/big on first use, to the precision asked, and cached
// for concurrent readers; none is copied by hand.
package libm
