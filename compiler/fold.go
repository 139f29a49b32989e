package compiler

import (
	"math"

	"github.com/kestrel-runtime/lua/vm"
)

// constFold replaces e1 by the constant result of op applied to two
// numeric constants (lcode.c constfolding). The result is computed by
// [vm.Arith], the very function the VM runs, so folding never changes what
// a program computes; like lcode.c it declines division and modulo by zero
// and NaN results, and it also declines negative zero (which a constant
// table lookup could confuse with zero).
func (fs *funcState) constFold(op vm.Opcode, e1, e2 *expdesc) bool {
	if !e1.isNumeral() || !e2.isNumeral() {
		return false
	}
	if op == vm.OpDiv || op == vm.OpMod {
		if f, _ := e2.nval.ToFloat(); f == 0 {
			return false
		}
	}
	r, ok := vm.Arith(op, e1.nval, e2.nval)
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
