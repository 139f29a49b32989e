package vm

// The instruction set, modelled on Lua 5.1's lopcodes.h.
//
// An Instruction is an unsigned 32-bit integer. The opcode sits in the low 6
// bits; the operands follow in one of three formats:
//
//	 31       23       14        6     0
//	+--------+---------+--------+------+
//	|   B:9  |   C:9   |  A:8   | op:6 |   iABC
//	+--------+---------+--------+------+
//	|      Bx:18       |  A:8   | op:6 |   iABx
//	+------------------+--------+------+
//	|     sBx:18       |  A:8   | op:6 |   iAsBx  (Bx minus MaxArgSBx)
//	+------------------+--------+------+
//
// Notation, as in lopcodes.h:
//
//	R(x)   register x of the running function's frame
//	K(x)   constant x of the prototype
//	RK(x)  if IsK(x) then K(x - BitRK) else R(x)
//	U[x]   upvalue x of the running closure
//	G[k]   the closure's environment table, indexed by k
//	F(x)   field reference x of the prototype (Proto.Fields)
//	pc+=n  a jump relative to the instruction after this one
//
// Every opcode below has one line of semantics. Opcodes from OpMove to
// OpVararg are Lua 5.1's, with Lua 5.1's meaning, except that closures take
// their upvalue descriptions from Proto.Upvals (as Lua 5.2 does) instead of
// pseudo-instructions after OpClosure. The opcodes after OpVararg are
// kestrel-lua's own.

// Instruction is one encoded VM instruction.
type Instruction uint32

// Operand sizes and limits of the encoding (lopcodes.h).
const (
	SizeOp = 6
	SizeA  = 8
	SizeB  = 9
	SizeC  = 9
	SizeBx = SizeB + SizeC

	posOp = 0
	posA  = posOp + SizeOp
	posC  = posA + SizeA
	posB  = posC + SizeC
	posBx = posC

	MaxArgA   = 1<<SizeA - 1
	MaxArgB   = 1<<SizeB - 1
	MaxArgC   = 1<<SizeC - 1
	MaxArgBx  = 1<<SizeBx - 1
	MaxArgSBx = MaxArgBx >> 1 // sBx is Bx minus this excess

	// BitRK marks a B or C operand that names a constant (lopcodes.h BITRK).
	BitRK = 1 << (SizeB - 1)
	// MaxIndexRK is the largest constant index an RK operand can hold.
	MaxIndexRK = BitRK - 1

	// FieldsPerFlush is the number of list items OpSetList stores at once
	// (LFIELDS_PER_FLUSH).
	FieldsPerFlush = 50
)

// Opcode is the operation of an instruction.
type Opcode uint8

// The opcodes. The comment on each is its whole semantics.
const (
	OpMove      Opcode = iota // A B     R(A) := R(B)
	OpLoadK                   // A Bx    R(A) := K(Bx)
	OpLoadBool                // A B C   R(A) := (Bool)B; if (C) pc++
	OpLoadNil                 // A B     R(A) := ... := R(B) := nil
	OpGetUpval                // A B     R(A) := U[B]
	OpGetGlobal               // A Bx    R(A) := G[K(Bx)]
	OpGetTable                // A B C   R(A) := R(B)[RK(C)]
	OpSetGlobal               // A Bx    G[K(Bx)] := R(A)
	OpSetUpval                // A B     U[B] := R(A)
	OpSetTable                // A B C   R(A)[RK(B)] := RK(C)
	OpNewTable                // A B C   R(A) := {} (array size hint B, hash size hint C, as fb2int)
	OpSelf                    // A B C   R(A+1) := R(B); R(A) := R(B)[RK(C)]
	OpAdd                     // A B C   R(A) := RK(B) + RK(C)
	OpSub                     // A B C   R(A) := RK(B) - RK(C)
	OpMul                     // A B C   R(A) := RK(B) * RK(C)
	OpDiv                     // A B C   R(A) := RK(B) / RK(C)
	OpMod                     // A B C   R(A) := RK(B) % RK(C)
	OpPow                     // A B C   R(A) := RK(B) ^ RK(C)
	OpUnm                     // A B     R(A) := -R(B)
	OpNot                     // A B     R(A) := not R(B)
	OpLen                     // A B     R(A) := length of R(B)
	OpConcat                  // A B C   R(A) := R(B).. ... ..R(C)
	OpJmp                     // sBx     pc+=sBx
	OpEq                      // A B C   if ((RK(B) == RK(C)) ~= A) then pc++
	OpLt                      // A B C   if ((RK(B) <  RK(C)) ~= A) then pc++
	OpLe                      // A B C   if ((RK(B) <= RK(C)) ~= A) then pc++
	OpTest                    // A C     if not (R(A) <=> C) then pc++
	OpTestSet                 // A B C   if (R(B) <=> C) then R(A) := R(B) else pc++
	OpCall                    // A B C   R(A), ... ,R(A+C-2) := R(A)(R(A+1), ... ,R(A+B-1))
	OpTailCall                // A B C   return R(A)(R(A+1), ... ,R(A+B-1))
	OpReturn                  // A B     return R(A), ... ,R(A+B-2)
	OpForLoop                 // A sBx   R(A)+=R(A+2); if R(A) <?= R(A+1) then { pc+=sBx; R(A+3)=R(A) }
	OpForPrep                 // A sBx   R(A)-=R(A+2); pc+=sBx
	OpTForLoop                // A C     R(A+3), ... ,R(A+2+C) := R(A)(R(A+1), R(A+2)); if R(A+3) ~= nil then R(A+2)=R(A+3) else pc++
	OpSetList                 // A B C   R(A)[(C-1)*FPF+i] := R(A+i), 1 <= i <= B
	OpClose                   // A       close all upvalues of registers >= R(A)
	OpClosure                 // A Bx    R(A) := closure(KPROTO[Bx], upvalues from Proto.Upvals)
	OpVararg                  // A B     R(A), R(A+1), ..., R(A+B-2) = vararg

	// kestrel-lua's own opcodes.

	OpField // A B C   R(A) := R(B):get_<F(C).Kind>(F(C).ID)  (event field access, no call frame)

	numOpcodes
)

// Instruction formats (lopcodes.h OpMode).
type OpMode uint8

const (
	ModeABC OpMode = iota
	ModeABx
	ModeAsBx
)

// OpArgMask says how an instruction uses its B or C operand
// (lopcodes.h OpArgMask): not at all, as a plain number or jump offset, as
// a register, or as a register-or-constant.
type OpArgMask uint8

const (
	ArgN OpArgMask = iota // not used
	ArgU                  // used as a number
	ArgR                  // a register or a jump offset
	ArgK                  // a constant or register (RK)
)

// OpInfo describes an opcode for the disassembler and tests.
type OpInfo struct {
	Name string // upper-case name as printed by luac -l
	Mode OpMode // instruction format
	B, C OpArgMask
	SetA bool // the instruction writes register A
	Test bool // the instruction is a test: the next one is a jump
}

// OpInfos describes every opcode, keyed by opcode (lopcodes.c luaP_opnames
// and luaP_opmodes).
var OpInfos = [numOpcodes]OpInfo{
	OpMove:      {"MOVE", ModeABC, ArgR, ArgN, true, false},
	OpLoadK:     {"LOADK", ModeABx, ArgK, ArgN, true, false},
	OpLoadBool:  {"LOADBOOL", ModeABC, ArgU, ArgU, true, false},
	OpLoadNil:   {"LOADNIL", ModeABC, ArgR, ArgN, true, false},
	OpGetUpval:  {"GETUPVAL", ModeABC, ArgU, ArgN, true, false},
	OpGetGlobal: {"GETGLOBAL", ModeABx, ArgK, ArgN, true, false},
	OpGetTable:  {"GETTABLE", ModeABC, ArgR, ArgK, true, false},
	OpSetGlobal: {"SETGLOBAL", ModeABx, ArgK, ArgN, false, false},
	OpSetUpval:  {"SETUPVAL", ModeABC, ArgU, ArgN, false, false},
	OpSetTable:  {"SETTABLE", ModeABC, ArgK, ArgK, false, false},
	OpNewTable:  {"NEWTABLE", ModeABC, ArgU, ArgU, true, false},
	OpSelf:      {"SELF", ModeABC, ArgR, ArgK, true, false},
	OpAdd:       {"ADD", ModeABC, ArgK, ArgK, true, false},
	OpSub:       {"SUB", ModeABC, ArgK, ArgK, true, false},
	OpMul:       {"MUL", ModeABC, ArgK, ArgK, true, false},
	OpDiv:       {"DIV", ModeABC, ArgK, ArgK, true, false},
	OpMod:       {"MOD", ModeABC, ArgK, ArgK, true, false},
	OpPow:       {"POW", ModeABC, ArgK, ArgK, true, false},
	OpUnm:       {"UNM", ModeABC, ArgR, ArgN, true, false},
	OpNot:       {"NOT", ModeABC, ArgR, ArgN, true, false},
	OpLen:       {"LEN", ModeABC, ArgR, ArgN, true, false},
	OpConcat:    {"CONCAT", ModeABC, ArgR, ArgR, true, false},
	OpJmp:       {"JMP", ModeAsBx, ArgR, ArgN, false, false},
	OpEq:        {"EQ", ModeABC, ArgK, ArgK, false, true},
	OpLt:        {"LT", ModeABC, ArgK, ArgK, false, true},
	OpLe:        {"LE", ModeABC, ArgK, ArgK, false, true},
	OpTest:      {"TEST", ModeABC, ArgR, ArgU, true, true},
	OpTestSet:   {"TESTSET", ModeABC, ArgR, ArgU, true, true},
	OpCall:      {"CALL", ModeABC, ArgU, ArgU, true, false},
	OpTailCall:  {"TAILCALL", ModeABC, ArgU, ArgU, true, false},
	OpReturn:    {"RETURN", ModeABC, ArgU, ArgN, false, false},
	OpForLoop:   {"FORLOOP", ModeAsBx, ArgR, ArgN, true, false},
	OpForPrep:   {"FORPREP", ModeAsBx, ArgR, ArgN, true, false},
	OpTForLoop:  {"TFORLOOP", ModeABC, ArgN, ArgU, false, true},
	OpSetList:   {"SETLIST", ModeABC, ArgU, ArgU, false, false},
	OpClose:     {"CLOSE", ModeABC, ArgN, ArgN, false, false},
	OpClosure:   {"CLOSURE", ModeABx, ArgU, ArgN, true, false},
	OpVararg:    {"VARARG", ModeABC, ArgU, ArgN, true, false},
	OpField:     {"FIELD", ModeABC, ArgR, ArgU, true, false},
}

// String returns the opcode's name as luac -l prints it.
func (op Opcode) String() string {
	if op < numOpcodes {
		return OpInfos[op].Name
	}
	return "OP?"
}

// NumOpcodes is the number of defined opcodes.
const NumOpcodes = int(numOpcodes)

// ABC encodes an iABC instruction.
func ABC(op Opcode, a, b, c int) Instruction {
	return Instruction(op)<<posOp | Instruction(a)<<posA | Instruction(b)<<posB | Instruction(c)<<posC
}

// ABx encodes an iABx instruction.
func ABx(op Opcode, a, bx int) Instruction {
	return Instruction(op)<<posOp | Instruction(a)<<posA | Instruction(bx)<<posBx
}

// AsBx encodes an iAsBx instruction.
func AsBx(op Opcode, a, sbx int) Instruction {
	return ABx(op, a, sbx+MaxArgSBx)
}

// Op returns the instruction's opcode.
func (i Instruction) Op() Opcode { return Opcode(i >> posOp & (1<<SizeOp - 1)) }

// A returns operand A.
func (i Instruction) A() int { return int(i >> posA & MaxArgA) }

// B returns operand B.
func (i Instruction) B() int { return int(i >> posB & MaxArgB) }

// C returns operand C.
func (i Instruction) C() int { return int(i >> posC & MaxArgC) }

// Bx returns operand Bx.
func (i Instruction) Bx() int { return int(i >> posBx & MaxArgBx) }

// SBx returns operand sBx.
func (i Instruction) SBx() int { return i.Bx() - MaxArgSBx }

// WithA returns i with operand A replaced.
func (i Instruction) WithA(a int) Instruction {
	return i&^(MaxArgA<<posA) | Instruction(a)<<posA
}

// WithB returns i with operand B replaced.
func (i Instruction) WithB(b int) Instruction {
	return i&^(MaxArgB<<posB) | Instruction(b)<<posB
}

// WithC returns i with operand C replaced.
func (i Instruction) WithC(c int) Instruction {
	return i&^(MaxArgC<<posC) | Instruction(c)<<posC
}

// WithSBx returns i with operand sBx replaced.
func (i Instruction) WithSBx(sbx int) Instruction {
	return i&^(MaxArgBx<<posBx) | Instruction(sbx+MaxArgSBx)<<posBx
}

// IsK reports whether an RK operand names a constant.
func IsK(x int) bool { return x&BitRK != 0 }

// RKAsK turns a constant index into an RK operand.
func RKAsK(k int) int { return k | BitRK }

// IndexK returns the constant index of an RK operand that names a constant.
func IndexK(x int) int { return x &^ BitRK }
