// Package compiler turns a syntax tree ([ast.Chunk]) into a function
// prototype ([vm.Proto]) of 32-bit register instructions.
//
// # Algorithm
//
// The compiler is a one-pass code generator over the tree, organised like
// Lua 5.1's lparser.c and lcode.c, so that the bytecode it produces has the
// same shape as luac's (and `kestrel-lua disasm` output lines up with
// `luac5.1 -l`). The VM relies on that shape: it names the variables in
// runtime error messages ("attempt to index local 'exe'") by symbolic
// execution over the bytecode, as ldebug.c's getobjname does.
//
// Each function being compiled has a funcState: its prototype, its active
// local variables, its upvalues, its constant table and the first free
// register (freereg). Local variable i of a function always lives in
// register i; temporaries are allocated above the active locals in stack
// order (reserve n registers, free the most recent one), so the register
// allocator is a single counter.
//
// An expression is compiled into an expression descriptor (expdesc) that
// says where its value is *without* necessarily having generated code to
// put it in a register: a constant (VNIL, VTRUE, VFALSE, VK, VKNUM), a
// variable (VLOCAL, VUPVAL, VGLOBAL, VINDEXED: table register plus RK key),
// an instruction whose destination register is not yet fixed (VRELOCABLE),
// a value already in a fixed register (VNONRELOC), a call or "..." whose
// number of results is not yet fixed (VCALL, VVARARG), or a comparison
// that is a pending conditional jump (VJMP). The consumer decides: an
// assignment to a local discharges the value straight into the local's
// register; an arithmetic operand becomes an RK operand (a constant index
// with the BitRK bit when the constant table is small enough, otherwise a
// register); a condition turns into jumps.
//
// Boolean control flow uses jump lists: every expdesc carries a "true
// list" and a "false list" of pending jumps, linked through the sBx
// operands of the jump instructions themselves (NO_JUMP ends a list). `and`
// and `or` concatenate lists; when a value is finally needed in a register,
// the pending jumps are patched either to the end (TESTSET instructions then
// copy the tested value into the destination register) or to small
// LOADBOOL sequences that materialise true or false. `not` of a pending
// comparison just inverts its condition.
//
// Scopes (blocks) record the number of active locals at entry, whether a
// local declared in them is captured by a closure (then OpClose runs at the
// block's end, so each loop iteration gets fresh upvalues), and, for loops,
// the list of pending `break` jumps.
//
// With [Options.Optimize] the compiler folds arithmetic on numeric
// constants (only when the result is exactly what the VM would compute:
// never division or modulo by zero, NaN or negative zero results) and
// compiles event field accessors on a local (`ev:get_str(1)`) into one
// OpField instruction. Without it, the bytecode is plain Lua 5.1 code; the
// results of running it are the same either way.
//
// Compile errors are reported as [*Error] with the position of the
// offending construct and Lua 5.1's wording.
//
// # Agreement with luac5.1
//
// The tests compare the generated code with `luac5.1 -l -l` (Lua 5.1.5)
// instruction by instruction, with local variable ranges, upvalue names
// and function lines, for the programs in testdata/luac and for every file
// of the upstream Lua 5.1 test suite. The deliberate differences are:
//
//   - OpClosure takes its upvalue descriptions from Proto.Upvals; luac
//     emits one MOVE or GETUPVAL pseudo-instruction per upvalue after it.
//   - Integer and float constants are distinct constants (5000 and 5e3
//     print alike but compute differently under the integer subtype); luac
//     merges equal numbers into one constant.
//   - Constant folding uses the VM's own arithmetic ([vm.Arith]) and
//     declines negative zero results, which luac folds.
//   - Lua reports compile errors at the line of the token it has just
//     read and adds "near 'token'" to "function or expression too
//     complex". The compiler works on a tree, which keeps no tokens: it
//     knows that token only when the registers run out between the
//     expressions of a list or at a binary operator (it is then the first
//     token of the next expression, unless that is a string literal, whose
//     quotes the tree does not keep); elsewhere it reports the line and
//     column of the construct and no "near" part.
//   - The column of a call is the end of the called expression (where its
//     "(" is unless there is white space between them); the AST keeps no
//     position for the parenthesis.
//
// # Source lines
//
// The source line of every instruction is luac's, so that the line in a
// Lua-visible runtime error message ("rule.lua:3: attempt to index ...")
// is byte-identical to Lua 5.1's. Lua stamps an instruction with the line
// of the last token read when it is emitted (ls->lastline), which is not
// always the line of the construct the instruction belongs to. The
// compiler keeps that line in funcState.pos while it walks the tree in
// source order: at the end of each expression it is the line where the
// expression ends, and it moves on at the tokens Lua reads before emitting
// code: a binary operator (the left operand of "a.b\n and c" is fetched on
// the operator's line), the ")" of a call or of a parenthesised expression
// (the last argument is fetched once ")" is read), the "}" of a
// constructor (the last list item and the final SETLIST), the name of a
// method (the receiver and SELF), the last token of a block (the jump back
// of a loop, CLOSE, the jump over the other arms of an if). A variable
// fetched late takes the line current at the fetch. Calls take the line of
// their "(" (lparser.c funcargs), or of the end of a string argument, or of
// the "{" of a table argument; FORLOOP the line of "for"; TFORLOOP, which
// calls the generator, the line of the first token after "in"; FORPREP,
// which raises "'for' initial value must be a number", the line of "do".
// Lua reads one token ahead after a name that starts a constructor item;
// that puts the fetch of the name and a call on it ("{ f\n(1) }") on the
// line of the token after the name.
//
// The tree keeps no position for some tokens, which are then placed by
// rule. Where the rule is wrong, the line of an error can differ from Lua
// 5.1's (TestLinesMatchLuac checks every instruction against luac5.1 on
// programs outside these cases):
//
//   - "do" is taken to be on the line where the loop header ends: with "do"
//     on a line of its own, FORPREP (and the jumps of a generic for) are a
//     line early.
//   - "," and ";" between expressions and constructor items are taken to be
//     on the line where the item before them ends: in "f(t.a\n, b)" Lua
//     fetches t.a on the line of the ",".
//   - "=" is taken to be on the line where the last assigned target (or
//     table key) ends.
//   - In a constructor item starting with a name, the "(", "." or "[" after
//     the name is taken to be on the line of the first argument (of the
//     ")" for no argument) or of the key.
//
// The column, a kestrel-lua addition, points at the operator, the "." or
// "[", or the call; it is 0 (unknown) when that is not on the reported
// line.
package compiler

import (
	"fmt"
	"slices"
	"sync"

	"github.com/kestrel-runtime/lua/ast"
	"github.com/kestrel-runtime/lua/vm"
)

// Limits of the compiler, from Lua 5.1's luaconf.h, llimits.h and lopcodes.h.
const (
	// MaxLocals is the number of local variables active at once in one
	// function (LUAI_MAXVARS).
	MaxLocals = 200
	// MaxUpvalues is the number of upvalues of one function
	// (LUAI_MAXUPVALUES).
	MaxUpvalues = 60
	// MaxRegisters is the number of registers one function may use
	// (lcode.h MAXSTACK); beyond it: "function or expression too complex".
	MaxRegisters = 250
	// MaxConstants is the size of a constant table (MAXARG_Bx).
	MaxConstants = vm.MaxArgBx
	// MaxFieldSites is the number of distinct event field references one
	// function can encode in OpField's C operand; further sites compile to
	// ordinary method calls.
	MaxFieldSites = vm.MaxArgC + 1
)

// noJump ends a jump list (lcode.h NO_JUMP).
const noJump = -1

// noReg means "no register" in patchTestReg (lopcodes.h NO_REG).
const noReg = vm.MaxArgA

// multRet asks for all results of a call or "..." (LUA_MULTRET).
const multRet = -1

// Options control code generation.
type Options struct {
	// Optimize enables constant folding and OpField. Off, the compiler
	// emits plain Lua 5.1 bytecode. Results are identical either way.
	Optimize bool
	// CompatVarargArg gives vararg functions Lua 5.1's LUA_COMPAT_VARARG
	// implicit local "arg" (conformance profile only).
	CompatVarargArg bool
	// Schema, if set, resolves event field names used as accessor
	// arguments and checks accessor types. Without a schema only integer
	// field ids are accepted.
	Schema Schema
}

// Schema describes the fields of events.
type Schema interface {
	FieldByName(name string) (Field, bool)
	FieldByID(id int64) (Field, bool)
}

// Field is one event field of a [Schema].
type Field struct {
	ID   int64
	Name string
	Type vm.EventType
}

// Error is a compile error at a position of the source.
type Error struct {
	Chunk string
	Pos   ast.Pos
	Msg   string
}

// Error formats the error as "chunk:line:col: msg".
func (e *Error) Error() string {
	return fmt.Sprintf("%s:%d:%d: %s", e.Chunk, e.Pos.Line, e.Pos.Col, e.Msg)
}

// LuaMessage formats the error as Lua 5.1 does: "chunk:line: msg".
func (e *Error) LuaMessage() string {
	return fmt.Sprintf("%s:%d: %s", e.Chunk, e.Pos.Line, e.Msg)
}

// compiler holds the state of one Compile call, plus scratch buffers
// that are reused between calls: the growing arrays of a prototype are
// built in them and copied out at their exact size when the function is
// finished, which saves the allocations of repeated slice growth.
type compiler struct {
	chunk string
	opts  Options
	bufs  []*funcBufs // scratch per function nesting depth
	depth int
}

// funcBufs are the scratch arrays of one function being compiled.
type funcBufs struct {
	code   []vm.Instruction
	pos    []vm.Pos
	consts []vm.Value
	locs   []vm.LocVar
	actvar []int
}

var compilerPool = sync.Pool{New: func() any { return new(compiler) }}

// Compile compiles a chunk into the prototype of its main function, a
// vararg function with no fixed parameters. The error, if any, is an
// [*Error].
func Compile(chunk *ast.Chunk, opts Options) (p *vm.Proto, err error) {
	c := compilerPool.Get().(*compiler)
	c.chunk, c.opts, c.depth = chunk.Name, opts, 0
	defer func() {
		c.opts = Options{}
		for _, b := range c.bufs {
			clear(b.consts[:cap(b.consts)]) // drop references to strings
		}
		compilerPool.Put(c)
		if r := recover(); r != nil {
			if e, ok := r.(*Error); ok {
				p, err = nil, e
				return
			}
			panic(r)
		}
	}()
	fs := c.openFunc(nil, ast.Pos{})
	fs.f.IsVararg = true
	if chunk.Block != nil {
		fs.chunk(chunk.Block)
		fs.pos = toPos(chunk.Block.End())
		if !chunk.Block.End().IsValid() {
			fs.pos = fs.lastPos()
		}
	}
	fs.closeFunc()
	compactStrings(fs.f)
	return fs.f, nil
}

// errorAt aborts compilation with an error at pos.
func (c *compiler) errorAt(pos ast.Pos, format string, args ...any) {
	panic(&Error{Chunk: c.chunk, Pos: pos, Msg: fmt.Sprintf(format, args...)})
}

// takeBufs returns the scratch arrays for a function opened at the
// current depth.
func (c *compiler) takeBufs() *funcBufs {
	if c.depth == len(c.bufs) {
		c.bufs = append(c.bufs, &funcBufs{})
	}
	b := c.bufs[c.depth]
	c.depth++
	return b
}

// finish copies the arrays of a finished prototype out of the scratch
// buffers, keeping the (possibly grown) buffers for the next function.
func (c *compiler) finish(fs *funcState) {
	c.depth--
	b, f := c.bufs[c.depth], fs.f
	b.code, b.pos, b.consts, b.locs, b.actvar = f.Code[:0], f.PosTab[:0], f.Consts[:0], f.LocVars[:0], fs.actvar[:0]
	f.Code = slices.Clone(f.Code)
	f.PosTab = slices.Clone(f.PosTab)
	f.Consts = slices.Clone(f.Consts)
	f.LocVars = slices.Clone(f.LocVars)
}

func toPos(p ast.Pos) vm.Pos { return vm.Pos{Line: int32(p.Line), Col: int32(p.Col)} }

func fromPos(p vm.Pos) ast.Pos { return ast.Pos{Line: int(p.Line), Col: int(p.Col)} }
