package compiler_test

import (
	"context"
	"errors"
	"io"
	"testing"

	"github.com/kestrel-runtime/lua/compiler"
	"github.com/kestrel-runtime/lua/parser"
	"github.com/kestrel-runtime/lua/vm"
)

// FuzzCompile parses and compiles arbitrary input in both Optimize modes
// and disassembles the result: no input may panic, every failure must be a
// *compiler.Error, and every prototype must keep its invariants (one
// position per instruction, registers within MaxRegisters, jumps inside
// the code). Seeds are in testdata/fuzz/FuzzCompile.
func FuzzCompile(f *testing.F) {
	f.Add([]byte("return function(event) return event:get_str(1) end"))
	f.Add([]byte("local a, b = 1\nfor i = 1, 10 do a = a + i end\nreturn a .. b"))
	f.Fuzz(func(t *testing.T, src []byte) {
		chunk, err := parser.Parse("fuzz.lua", src)
		if err != nil {
			return
		}
		for _, opts := range []compiler.Options{{}, {Optimize: true}, {Optimize: true, CompatVarargArg: true}} {
			p, err := compiler.Compile(chunk, opts)
			if err != nil {
				var ce *compiler.Error
				if !errors.As(err, &ce) {
					t.Fatalf("error of type %T: %v", err, err)
				}
				continue
			}
			checkProto(t, p)
			vm.Disassemble(io.Discard, p)
		}
	})
}

// checkProto verifies structural invariants of a prototype tree.
func checkProto(t *testing.T, p *vm.Proto) {
	if len(p.PosTab) != len(p.Code) {
		t.Fatalf("%d positions for %d instructions", len(p.PosTab), len(p.Code))
	}
	if p.MaxStackSize < 2 || p.MaxStackSize > compiler.MaxRegisters {
		t.Fatalf("MaxStackSize %d", p.MaxStackSize)
	}
	for pc := 0; pc < len(p.Code); pc++ {
		i := p.Code[pc]
		switch i.Op() {
		case vm.OpJmp, vm.OpForLoop, vm.OpForPrep:
			if dest := pc + 1 + i.SBx(); dest < 0 || dest >= len(p.Code) {
				t.Fatalf("pc %d: jump to %d outside the code", pc, dest)
			}
		case vm.OpSetList:
			if i.C() == 0 {
				pc++ // the batch number word
			}
		case vm.OpClosure:
			if i.Bx() >= len(p.Protos) {
				t.Fatalf("pc %d: closure %d of %d", pc, i.Bx(), len(p.Protos))
			}
		case vm.OpField:
			if i.C() >= len(p.Fields) {
				t.Fatalf("pc %d: field %d of %d", pc, i.C(), len(p.Fields))
			}
		}
		if info := vm.OpInfos[i.Op()]; info.Mode == vm.ModeABC && info.B == vm.ArgR && i.B() >= p.MaxStackSize {
			t.Fatalf("pc %d: %v reads register %d beyond MaxStackSize %d", pc, i.Op(), i.B(), p.MaxStackSize)
		}
		if i.Op() != vm.OpJmp && i.Op() != vm.OpClose && i.Op() != vm.OpSetList && vm.OpInfos[i.Op()].SetA && i.A() >= p.MaxStackSize {
			t.Fatalf("pc %d: %v writes register %d beyond MaxStackSize %d", pc, i.Op(), i.A(), p.MaxStackSize)
		}
	}
	for _, q := range p.Protos {
		checkProto(t, q)
	}
}

// FuzzCompileRun compiles arbitrary input in both Optimize modes and runs
// both on the VM (empty globals, bounded budgets): when neither run hits a
// budget, they must return the same values or fail with the same message.
// This catches code generation bugs that only one mode has. Seeds are in
// testdata/fuzz/FuzzCompileRun.
func FuzzCompileRun(f *testing.F) {
	f.Add([]byte("local a, b = 1, 2\nfor i = 1, 10 do a = a + i * b end\nreturn a, -b, #{1, 2}"))
	f.Add([]byte("local t = {}\nfor i = 1, 3 do t[i] = function() return i end end\nreturn t[2]()"))
	f.Add([]byte("local x = -0.0\nreturn 1 / x, -(2 ^ 63), 7 % -3, 1 == 1.0"))
	f.Fuzz(func(t *testing.T, src []byte) {
		chunk, err := parser.Parse("fuzz.lua", src)
		if err != nil {
			return
		}
		var outs [2]string
		for i, optimize := range []bool{true, false} {
			p, err := compiler.Compile(chunk, compiler.Options{Optimize: optimize})
			if err != nil {
				return // limits are the same in both modes, but stop here
			}
			th := vm.NewThread()
			th.Reset(context.Background(), vm.Limits{Instructions: 100_000, MemoryBytes: 1 << 20})
			res, err := th.Call(vm.ClosureValue(vm.NewClosure(p, vm.NewTable(0, 0))), nil, -1)
			switch {
			case errors.Is(err, vm.ErrInstructionLimit) || errors.Is(err, vm.ErrMemoryLimit):
				return // the modes execute different numbers of instructions
			case err != nil:
				outs[i] = "error: " + err.Error()
			default:
				outs[i] = format(res)
			}
		}
		if outs[0] != outs[1] {
			t.Fatalf("Optimize=true: %s\nOptimize=false: %s", outs[0], outs[1])
		}
	})
}
