package vm_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/kestrel-runtime/lua/vm"
)

// TestDisassembleLinesUpWithLuac checks the listing format on a hand-built
// prototype: luac's header lines, operands (constants as -1-index), and
// comments (constants, globals, upvalues, jump targets, stable ids in
// place of addresses, the extra SETLIST word, FIELD accessors).
func TestDisassembleLinesUpWithLuac(t *testing.T) {
	inner := &vm.Proto{
		Source: "t.lua", LineDefined: 3, LastLineDefined: 5, NumParams: 1, MaxStackSize: 2,
		Code: []vm.Instruction{
			vm.ABC(vm.OpGetUpval, 1, 0, 0),
			vm.ABC(vm.OpField, 1, 0, 0),
			vm.ABC(vm.OpReturn, 1, 2, 0),
		},
		PosTab:  []vm.Pos{{Line: 4, Col: 3}, {Line: 4, Col: 9}, {Line: 5}},
		Upvals:  []vm.UpvalDesc{{Name: "up", InStack: true, Index: 0}},
		LocVars: []vm.LocVar{{Name: "ev", StartPC: 0, EndPC: 3}},
		Fields:  []vm.FieldRef{{ID: 7, Kind: vm.FieldGetStr}},
	}
	main := &vm.Proto{
		Source: "t.lua", IsVararg: true, MaxStackSize: 3,
		Code: []vm.Instruction{
			vm.ABx(vm.OpLoadK, 0, 0),
			vm.ABx(vm.OpGetGlobal, 1, 1),
			vm.ABC(vm.OpAdd, 2, 0, vm.RKAsK(2)),
			vm.ABC(vm.OpSetList, 0, 50, 0),
			vm.Instruction(600),
			vm.AsBx(vm.OpJmp, 0, -3),
			vm.ABx(vm.OpClosure, 1, 0),
			vm.ABC(vm.OpEq, 1, vm.RKAsK(3), 0),
			vm.ABC(vm.OpReturn, 0, 1, 0),
		},
		PosTab: []vm.Pos{{Line: 1}, {Line: 1}, {Line: 2}, {Line: 2}, {Line: 2}, {Line: 2}, {}, {Line: 6}, {Line: 6}},
		Consts: []vm.Value{vm.String("a\"b\\\n\x01\xff"), vm.String("print"), vm.Float(0.1), vm.Int(9007199254740993)},
		Protos: []*vm.Proto{inner},
	}
	want := `
main <t.lua:0,0> (9 instructions, 36 bytes at 0x00000001)
0+ params, 3 slots, 0 upvalues, 0 locals, 4 constants, 1 function
	1	[1]	LOADK    	0 -1	; "a\"b\\\n\001\255"
	2	[1]	GETGLOBAL	1 -2	; print
	3	[2]	ADD      	2 0 -3	; - 0.1
	4	[2]	SETLIST  	0 50 0	; 600
	6	[2]	JMP      	-3	; to 4
	7	[-]	CLOSURE  	1 0	; 0x00000002
	8	[6]	EQ       	1 -4 0	; 9007199254740993 -
	9	[6]	RETURN   	0 1

function <t.lua:3,5> (3 instructions, 12 bytes at 0x00000002)
1 param, 2 slots, 1 upvalue, 1 local, 0 constants, 0 functions
	1	[4]	GETUPVAL 	1 0	; up
	2	[4]	FIELD    	1 0 0	; get_str 7
	3	[5]	RETURN   	1 2
`
	var b strings.Builder
	vm.Disassemble(&b, main)
	assert.Equal(t, want, b.String())

	b.Reset()
	vm.DisassembleFull(&b, inner)
	assert.True(t, strings.HasSuffix(b.String(), `	3	[5]	RETURN   	1 2
constants (0) for 0x00000001:
locals (1) for 0x00000001:
	0	ev	1	4
upvalues (1) for 0x00000001:
	0	up
fields (1) for 0x00000001:
	0	get_str	7
`), "full listing:\n%s", b.String())
}

func TestFieldKindNames(t *testing.T) {
	assert.Equal(t, "get_i64", vm.FieldGetI64.String())
	assert.Equal(t, "has_field", vm.FieldHas.String())
	assert.Equal(t, "get_?", vm.FieldKind(99).String())
}
