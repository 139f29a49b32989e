package vm_test

import (
	"testing"

	"github.com/kestrel-runtime/lua/vm"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestExactCounts pins the instruction units and bytes charged by small
// programs. Instruction counts follow from the bytecode (one unit per
// executed instruction; a comparison or test that jumps also executes its
// JMP). Bytes follow from the cost model: the host's Call reserves
// len(args)+1+MinStack stack slots, every frame deeper than the run's
// deepest so far costs CostFrame, and stack slots beyond the run's high-water
// mark cost CostValues.
func TestExactCounts(t *testing.T) {
	base := vm.CostValues(1+vm.MinStack) + vm.CostFrame
	tests := []struct {
		name         string
		src          string
		instructions int64
		bytes        int64
	}{
		// LOADK, RETURN. Bytes: the host call's 21 slots and one frame.
		{"return constant", "return 1", 2, base},
		// NEWTABLE, 3 LOADK, FORPREP, 10 SETTABLE, 11 FORLOOP, LEN, RETURN.
		// Bytes: an empty table, then the growth of its array part to 16
		// slots by rehashes at 1, 2, 4, 8 and 16 elements.
		{"fill table", "local t = {} for i = 1, 10 do t[i] = i end return #t", 28,
			base + vm.CostTableSized(0, 0) + 992},
		// CLOSURE, MOVE, LOADK, TAILCALL, then in f: ADD, RETURN. The tail
		// call reuses the frame depth: only the closure is charged.
		{"closure tail call", "local function f(x) return x + 1 end return f(1)", 6, base + vm.CostClosure(0)},
		// 2 LOADK, 2 MOVE, CONCAT, RETURN; the 6-byte result is charged.
		{"concat", "local a, b = 'abc', 'def' return a .. b", 6, base + vm.CostString(6)},
		// A call that is not a tail call costs a second frame; the closure
		// has one upvalue (CostUpval for the captured variable).
		{"upvalue", "local n = 0 local function inc() n = n + 1 end inc() inc() return n", 15,
			base + vm.CostClosure(1) + vm.CostUpval + vm.CostFrame},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := run(t, tt.src, vm.Limits{})
			require.NoError(t, r.err)
			m := r.th.Meter()
			assert.Equal(t, tt.instructions, m.Instructions(), "instructions")
			assert.Equal(t, tt.bytes, m.Bytes(), "bytes")
		})
	}
}
