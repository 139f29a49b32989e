// Package vm is kestrel-lua's virtual machine: the bytecode contract
// shared with the compiler, the value representation, tables, numbers, the
// register interpreter and the meter that makes every run's cost exact.
//
// # Bytecode
//
// opcode.go draws the 32-bit instruction layout and declares every opcode
// with one line of semantics, in Lua 5.1's notation (lopcodes.h). A
// compiled function is a [Proto]: immutable after compilation, so one Proto
// is run by any number of goroutines at once. All mutable state of a run
// (registers, call frames, the meter) lives in a Thread, one per goroutine,
// reused from run to run without allocating.
//
// # Values
//
// A [Value] is a three-word tagged union (value.go): a pointer p, a payload
// word n and a [Kind] byte, 24 bytes in all. Nil, booleans and numbers live
// entirely in n, so number, boolean and nil work never allocates. A string
// is its data pointer in p and its length in n, which turns a Go string
// into a Value without copying or allocating. Tables, closures, Go
// functions and userdata are a pointer to their struct in p.
//
// Every heap object struct (Table, Closure, GoFunction, Userdata) has
// `id uint64` as its first field. Tables hash such keys by reading that
// word through p, and tostring prints it; memory addresses never influence
// behaviour, so iteration order and output are the same on every run and
// machine. Ids come from a per-thread counter rewound at each run, or from
// a setup counter for objects made before any run.
//
// # Numbers
//
// Lua 5.1 has only doubles; kestrel-lua adds an integer subtype so that
// 64-bit event values (nanosecond timestamps, entity keys) stay exact.
// KindInt holds an int64, KindFloat a float64. The rules (number.go) make
// every result byte-identical to Lua 5.1 wherever 5.1 is exact, that is,
// while integers stay within ±2^53:
//
//   - Integer numerals (decimal digits, or 0x and hex digits, with no '.'
//     or exponent) whose value fits int64 are integers; every other numeral
//     is a float, even when integral ("1e3", "10.0"). "-0" is the float
//     -0.0. The same rule converts strings ([StringToNumber], tonumber, the
//     coercion "10"+1), which otherwise accepts exactly what 5.1's strtod
//     accepts on glibc: surrounding whitespace, hex floats, inf and nan.
//   - + - * of two integers stay integers unless the result overflows
//     int64, in which case the result is the float 5.1 computes; a zero
//     product with a negative factor and unary minus of 0 give -0.0, as
//     5.1 does. % of integers is the floored modulo; x % 0 is 5.1's NaN.
//     / and ^ always give floats. An operation with a float operand is
//     computed in float64 exactly as 5.1 does (no fused multiply-add).
//   - Comparisons between integers and floats are exact: 2^53+1 (integer)
//     is greater than 2^53 (float). 1 == 1.0, and t[1] and t[1.0] are the
//     same table key.
//   - tostring prints every digit of an integer, and a float with "%.14g"
//     exactly as glibc prints it ("1e+15", "0.1", "inf", "-nan"). NaN signs
//     follow x86-64 on every machine, so lua5.1's "nan"/"-nan" output is
//     reproduced everywhere.
//
// The deliberate differences from 5.1 are therefore confined to integers
// of 15 or more digits (|x| >= 1e14, where "%.14g" stops printing every
// digit): such an integer prints in full (100000000000000, where 5.1
// prints 1e+14), and beyond ±2^53 integer arithmetic is exact where 5.1
// rounds. Floats, including integral ones such as 2^53 or 1e15, print
// and compute exactly as in 5.1.
//
// # Tables
//
// A [Table] is Lua 5.1's ltable.c redone in Go: an array part for the keys
// 1..n and a chained scatter hash part with Brent's variation, resized by
// 5.1's rule (the array part is the largest power of two n with more than
// n/2 of the keys 1..n present). Strings, numbers and booleans hash with
// 5.1's own functions, so sizes, the # border and the order of next/pairs
// are those of lua5.1 (the tests replay random workloads in lua5.1 and
// compare). Frozen tables ([Table.Freeze], [Table.FreezeDeep]) reject
// writes with [ErrReadOnly] and are safe to share between goroutines,
// because reading a table never writes to it.
//
// # Metering
//
// A run has two budgets, held by a [Meter]: instructions and memory bytes.
// Each executed instruction costs one unit, plus extra units for work that
// grows with its operands (long strings compared, looked up as keys or
// converted to numbers; long value lists moved), paid before the work so
// that no run ends past its budget. Builtins charge units in proportion to
// their work with [Thread.Step]; [Thread.Next] and [Thread.ToNumber] are
// next and string-to-number conversion with their work charged. Each
// allocation a script causes is charged in bytes with [Meter.Charge]
// before it happens, so a refused allocation never takes place, and
// exceeding either budget is an error wrapping [ErrInstructionLimit] or
// [ErrMemoryLimit] that pcall cannot catch. Charges are cumulative
// (garbage is never refunded), so counts depend only on the program and
// its input, never on the garbage collector: tests assert exact numbers.
//
// The interpreter does not touch the Meter per instruction. It takes a
// countdown from [Meter.Reserve] (never more than the remaining budget),
// decrements it in a register, and commits what it executed when the
// countdown runs out or before calling out to a builtin or metamethod.
// The context is checked at the same points, every few thousand
// instructions, never with a select per instruction.
//
// # Calls
//
// A Lua-to-Lua call pushes a frame and continues in the same loop. A call
// of a Go function goes through precall: a frame, the arguments as a
// slice of the stack, results pushed back. Builtins on the hot path of
// detection rules (string.contains, startswith, endswith, glob_match, len,
// sub, lower, upper, regex.match, type) also carry a frameless form, a
// [FastFunc], which the CALL and TAILCALL instructions try first: a pure
// function of its arguments (by value) and budgets, it returns one value
// and the units and bytes its work costs, or declines anything unusual,
// which then runs through the general path and its errors. The
// interpreter charges the frame and stack the general path would, so the
// counts of a run do not depend on the path a call takes;
// builtins/fast_test.go checks that at every budget. [Thread.Eval] is the
// engine's entry for one evaluation: Reset and the predicate's frame set
// up directly, charged as [Thread.Call1] charges.
//
// # The predicate fast path
//
// Most rules are leaf predicates: they read fields, compare, call a few
// builtins and return, without calling Lua functions or building
// anything. For them the fixed cost of a Thread's run (the pool, Reset,
// the frame, the interpreter's entry and exit) is several times the
// predicate. A [Leaf] (leaf.go) is such a function translated once, at
// load, into pre-decoded instructions with what the rule cannot change
// resolved (frozen globals and upvalues, so string.contains is a
// constant), builtin calls with simple arguments fused into one
// instruction, a field compared at once fused with its compare and jump,
// and a generic for over ipairs run through the frameless forms of ipairs
// and its iterator (GoFunction.Iter and Step). Each translated instruction still counts the units of the
// instructions it stands for. [Leaf.Run] runs it on an array of registers
// on the Go stack and either completes exactly as a Thread would (result,
// instruction units, bytes) or gives up, having written nothing, on
// anything else: an instruction it does not translate (an alert, a
// concatenation, a Lua call), an operand that needs a metamethod or an
// error, a FastFunc that declines, or a run reaching a limit or the first
// look at the context. The engine then runs the rule on a Thread from the
// start. So the fast path changes speed, never results or counts; the
// root package's TestLeafAgrees and FuzzLeaf compare the two paths at
// every limit edge.
//
// The cost model (meter.go) prices each allocation at an upper bound of
// what the Go heap spends on it, size-class rounding included:
//
//	Value / register / vararg    CostValue = 24 per Value; a slice of n: CostValues(n) = 30n+16
//	table header                 CostTable = 128 (the struct is 80 bytes)
//	table array slot             CostTableArraySlot = 32 (a 24-byte Value plus rounding)
//	table hash node              CostTableNode = 64 (56 bytes plus rounding)
//	table growth                 the whole new array and/or node vector, as ltable.c reallocates
//	string of n bytes            CostString(n) = n + n/4 + 16
//	closure with k upvalues      CostClosure(k) = 80 + 16k
//	captured variable (upvalue)  CostUpval = 48
//	call frame                   CostFrame = 96
//	userdata                     CostUserdata = 48
//
// Go's size classes round a small allocation up by at most 18.7%, and
// large ones to 8 KiB pages; b + b/4 + 16 covers both. The tests measure
// real allocations with runtime.ReadMemStats and check every figure is an
// upper bound.
package vm
