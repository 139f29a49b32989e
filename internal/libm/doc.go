// Package libm computes the elementary functions Lua exposes (pow, exp,
// log, log10, sin, cos, tan, asin, acos, atan, atan2, sinh, cosh, tanh)
// correctly rounded: each result is the float64 nearest to the exact
// mathematical value (ties to even), with the special-value behaviour of
// C99 Annex F as glibc implements it on x86-64.
//
// Why: glibc 2.28+ computes exp, log, pow, sin, cos, and the IBM-derived
// tan, asin, acos, atan, atan2 correctly rounded (or so nearly that no
// disagreement shows in practice), and reference lua5.1 prints floats with
// %.14g, so a last-bit difference sometimes shows in output. Go's math
// package is accurate to about one ulp, not correctly rounded, and may use
// FMA on some architectures, so its last bit can even differ between
// machines. A correctly rounded result is unique, hence the same on every
// machine whatever algorithm produced it.
//
// # Algorithm: Ziv's rounding test over math/big
//
// Each function has an evaluator that, given a precision p, returns a
// big.Float v whose relative error is below 2^-p (the evaluator works with
// guard bits beyond p to absorb its own rounding errors). The driver
// [round] checks whether v·(1-2^-p) and v·(1+2^-p) round to the same
// float64: if so, the exact value, which lies between them, rounds to it
// too. If not, the exact value is close to a rounding boundary (a midpoint
// between two floats) and the driver retries with twice the precision.
// Transcendental values of float64 arguments are never exactly midpoints
// (Lindemann–Weierstrass), and the hardest known cases need about 120
// bits, so the loop ends after one or two rounds; the few exact cases
// (pow with integral or dyadic exponents, log10 of powers of ten, exp(0),
// log(1)...) are detected and computed exactly.
//
// math/big is pure integer arithmetic, so every step is deterministic and
// independent of the architecture; the float64 code here uses only exact
// operations (comparisons, Frexp/Ldexp, Sqrt, Floor, bit manipulation) and
// products whose rounding cannot change the result (argument-reduction
// guesses that the big.Float code then corrects).
//
// Argument reduction:
//   - exp: x = k·ln2 + r, |r| ≤ ln2/2, then r = j/64 + t with a per-precision
//     table of e^(j/64), and a Taylor series for e^t (|t| ≤ 1/128).
//   - log: x = 2^e·m, m in [1/√2, √2), m = c·(1+u) with c = j/32 from a
//     per-precision table of log(j/32), and log(m/c) = 2·atanh((m-c)/(m+c)).
//   - sin, cos, tan: x·(2/π) = n + f computed with π to enough bits that
//     the fraction f keeps full precision (up to exponent 1024 plus the 62
//     bits of cancellation the worst float64 needs); then Taylor series of
//     sin and cos of f·π/2.
//   - atan: 1/x above 1, then three halvings atan(x) = 2·atan(x/(1+√(1+x²)))
//     and the Taylor series; asin, acos, atan2 are expressed through atan
//     with exactly computed 1-x and 1+x.
//   - sinh, cosh, tanh: Taylor series of sinh below 1, exp above.
//
// Pow has fast exact paths for the common exponents (±1, 2, 0.5) and for
// integral exponents evaluates the exact power of the float when it fits a
// few thousand bits.
package libm
