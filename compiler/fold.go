package compiler

import (
	"math"

	"github.com/kestrel-runtime/lua/vm"
)

// constFold replaces e1 by the constant result of op applied to two
// numeric constants, when that result is exactly what the VM would compute
// at run time (lcode.c constfolding). It declines division and modulo by
// zero, NaN and negative-zero results, and operations whose float result
// could depend on the C library (non-exact powers, float modulo).
func (fs *funcState) constFold(op vm.Opcode, e1, e2 *expdesc) bool {
	if !e1.isNumeral() || !e2.isNumeral() {
		return false
	}
	r, ok := foldArith(op, e1.nval, e2.nval)
	if !ok {
		return false
	}
	if r.Kind() == vm.KindFloat {
		f := r.AsFloat()
		if math.IsNaN(f) || f == 0 && math.Signbit(f) {
			return false
		}
	}
	e1.nval = r
	return true
}

// foldArith computes a op b for numeric constants under the integer
// subtype rules of SUBSET.md: + - * % on integers stay integers unless they
// overflow (then the float result), / and ^ give floats.
func foldArith(op vm.Opcode, a, b vm.Value) (vm.Value, bool) {
	if a.Kind() == vm.KindInt && b.Kind() == vm.KindInt {
		x, y := a.AsInt(), b.AsInt()
		switch op {
		case vm.OpAdd:
			if r := x + y; (r > x) == (y > 0) {
				return vm.Int(r), true
			}
		case vm.OpSub:
			if r := x - y; (r < x) == (y > 0) {
				return vm.Int(r), true
			}
		case vm.OpMul:
			if x == 0 || y == 0 {
				return vm.Int(0), true
			}
			if r := x * y; r/y == x && !(x == -1 && y == math.MinInt64) && !(y == -1 && x == math.MinInt64) {
				return vm.Int(r), true
			}
		case vm.OpMod:
			if y == 0 {
				return vm.Nil, false
			}
			if y == -1 {
				return vm.Int(0), true
			}
			r := x % y
			if r != 0 && (r^y) < 0 {
				r += y
			}
			return vm.Int(r), true
		case vm.OpUnm:
			if x != math.MinInt64 {
				return vm.Int(-x), true
			}
		case vm.OpPow:
			return foldPow(float64(x), y)
		}
		// Integer overflow (or / ): fall through to the float result.
	}
	x, okx := a.ToFloat()
	y, oky := b.ToFloat()
	if !okx || !oky {
		return vm.Nil, false
	}
	switch op {
	case vm.OpAdd:
		return vm.Float(x + y), true
	case vm.OpSub:
		return vm.Float(x - y), true
	case vm.OpMul:
		return vm.Float(x * y), true
	case vm.OpDiv:
		if y == 0 {
			return vm.Nil, false
		}
		return vm.Float(x / y), true
	case vm.OpUnm:
		return vm.Float(-x), true
	case vm.OpPow:
		if b.Kind() == vm.KindInt {
			return foldPow(x, b.AsInt())
		}
	}
	return vm.Nil, false
}

// foldPow folds x^n only when it is exact (small non-negative integer
// exponent, result exactly representable), so it cannot differ from the
// C library's pow the VM follows.
func foldPow(x float64, n int64) (vm.Value, bool) {
	if n < 0 || n > 64 || x != math.Trunc(x) || math.Abs(x) > 1<<26 {
		return vm.Nil, false
	}
	r := 1.0
	for i := int64(0); i < n; i++ {
		r *= x
		if math.Abs(r) > 1<<53 {
			return vm.Nil, false
		}
	}
	return vm.Float(r), true
}
