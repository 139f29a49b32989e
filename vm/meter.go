package vm

import (
	"errors"
	"math"
	"strconv"
)

// Metering: the instruction and memory budgets of one run, and the cost
// model that turns every allocation into a byte charge.
//
// A run has two budgets. The instruction budget counts units of work: one
// per executed VM instruction, plus what builtins charge in proportion to
// their work (bytes scanned or produced, pattern-matching steps, sort
// comparisons). The memory budget counts bytes: every allocation a script
// causes (strings, tables and their growth, closures, upvalues, varargs,
// frames) is charged *before* it happens, using the Cost* constants and
// functions below, so that a refused allocation never takes place.
//
// Charges are cumulative for the run: nothing is refunded when memory
// becomes garbage. That makes the counts a pure function of the program and
// its input (the garbage collector's timing never enters), so tests can
// assert exact numbers and every machine stops at the same point.

// ErrInstructionLimit is wrapped by the error a run gets when it exceeds its
// instruction budget. pcall cannot catch it.
var ErrInstructionLimit = errors.New("instruction limit exceeded")

// ErrMemoryLimit is wrapped by the error a run gets when an allocation would
// exceed its memory budget. pcall cannot catch it. Its wording is Lua's
// memory error message (ldo.c LUA_ERRMEM "not enough memory").
var ErrMemoryLimit = errors.New("not enough memory")

// LimitError reports an exceeded budget. errors.Is(err, ErrInstructionLimit)
// or errors.Is(err, ErrMemoryLimit) tells which one.
type LimitError struct {
	Kind  error // ErrInstructionLimit or ErrMemoryLimit
	Limit int64 // the budget: instructions or bytes
	Used  int64 // what had been used when the request was refused
	Asked int64 // the refused request: instruction units or bytes
}

// Error returns, for example, "instruction limit exceeded (limit 1000
// instructions)" or "not enough memory (limit 1048576 bytes)".
func (e *LimitError) Error() string {
	unit := " bytes)"
	if e.Kind == ErrInstructionLimit {
		unit = " instructions)"
	}
	return e.Kind.Error() + " (limit " + strconv.FormatInt(e.Limit, 10) + unit
}

// Unwrap returns the sentinel, for errors.Is.
func (e *LimitError) Unwrap() error { return e.Kind }

// Meter holds the budgets and counters of one run. The zero Meter is
// unlimited. A Meter belongs to one Thread and is not safe for concurrent
// use.
//
// The interpreter does not call Step for every instruction. It keeps a
// local countdown obtained from [Meter.Reserve], decrements it per
// instruction (a register decrement and a sign test), and when the
// countdown runs out, or before it calls out to a builtin or returns,
// commits the instructions it actually executed with [Meter.Step], which
// also reports the limit. Because Reserve never grants more than the
// remaining budget, the limit error surfaces at exactly the same
// instruction on every run.
type Meter struct {
	instrUsed  int64
	instrMax   int64 // the limit, or math.MaxInt64 when unlimited
	bytesUsed  int64
	bytesMax   int64 // the limit, or math.MaxInt64 when unlimited
	instrLimit int64 // the limit as given (0 = unlimited), for errors
	bytesLimit int64
}

// NewMeter returns a Meter with the given budgets (0 = unlimited).
func NewMeter(instructions, memoryBytes int64) *Meter {
	m := &Meter{}
	m.Reset(instructions, memoryBytes)
	return m
}

// Reset starts a new run: it sets the budgets (0 or negative = unlimited)
// and zeroes the counters.
func (m *Meter) Reset(instructions, memoryBytes int64) {
	*m = Meter{instrLimit: max(instructions, 0), bytesLimit: max(memoryBytes, 0)}
	m.instrMax = meterMax(instructions)
	m.bytesMax = meterMax(memoryBytes)
}

func meterMax(limit int64) int64 {
	if limit <= 0 {
		return math.MaxInt64
	}
	return limit
}

// Instructions returns the instruction units used so far in this run.
func (m *Meter) Instructions() int64 { return m.instrUsed }

// Bytes returns the bytes charged so far in this run.
func (m *Meter) Bytes() int64 { return m.bytesUsed }

// InstructionLimit returns the instruction budget (0 = unlimited).
func (m *Meter) InstructionLimit() int64 { return m.instrLimit }

// MemoryLimit returns the memory budget in bytes (0 = unlimited).
func (m *Meter) MemoryLimit() int64 { return m.bytesLimit }

// Step charges units of work. If the work would exceed the instruction
// budget, nothing is charged and a *LimitError wrapping ErrInstructionLimit
// is returned; callers charge before doing the work. Negative units are
// ignored.
func (m *Meter) Step(units int64) error {
	if units <= m.instrMax-m.instrUsed {
		if units > 0 {
			m.instrUsed += units
		}
		return nil
	}
	return &LimitError{Kind: ErrInstructionLimit, Limit: m.instrLimit, Used: m.instrUsed, Asked: units}
}

// Reserve returns how many instruction units may still be executed, capped
// at n (n > 0). It charges nothing: the caller counts down locally and
// commits with Step. When Reserve returns 0 the budget is spent, and the
// next instruction must fail via Step(1).
func (m *Meter) Reserve(n int64) int64 {
	return min(n, m.instrMax-m.instrUsed)
}

// Charge charges bytes of memory that are about to be allocated. If the
// allocation would exceed the memory budget, nothing is charged and a
// *LimitError wrapping ErrMemoryLimit is returned: the caller must not
// allocate. Negative amounts are ignored (charges are never refunded).
func (m *Meter) Charge(bytes int64) error {
	if bytes <= m.bytesMax-m.bytesUsed {
		if bytes > 0 {
			m.bytesUsed += bytes
		}
		return nil
	}
	return &LimitError{Kind: ErrMemoryLimit, Limit: m.bytesLimit, Used: m.bytesUsed, Asked: bytes}
}

// TryCharge is Charge without the error: it charges bytes and reports
// true if the budget allows them, else charges nothing and reports false
// (the frameless builtins decline then, and the general path reports the
// limit error).
func (m *Meter) TryCharge(bytes int64) bool {
	if bytes <= m.bytesMax-m.bytesUsed {
		if bytes > 0 {
			m.bytesUsed += bytes
		}
		return true
	}
	return false
}

// The cost model: bytes charged per allocation. Each figure is an upper
// bound of what the Go heap really spends on 64-bit platforms, including
// the rounding of every allocation up to Go's size classes (up to 18.7%
// of the size for small objects) or to whole 8 KiB pages (large objects):
// an allocation of b bytes is charged b + b/4 + 16 unless a tighter
// per-element bound is stated. The margins are given per constant;
// TestCostModel* check them against unsafe.Sizeof and Go's size classes,
// and a benchmark compares them with runtime.ReadMemStats.
const (
	// CostValue is the size of a Value: pointer, payload word and kind
	// byte, padded to 24 bytes.
	CostValue = 24

	// CostTable is charged for a table header: the Table struct is 80
	// bytes (an 80-byte size class); 48 bytes of margin.
	CostTable = 128

	// CostTableArraySlot is charged per slot of a table's array part: a
	// Value (24 bytes) plus a third for size-class and page rounding of
	// the slice that holds it (the worst case of any slice of n Values is
	// below 32n bytes).
	CostTableArraySlot = 32

	// CostTableNode is charged per node of a table's hash part: key and
	// value Values and a chain link (56 bytes) plus 8 bytes (1/7) of
	// rounding. Hash parts are powers of two, for which 56-byte nodes never
	// waste more than that.
	CostTableNode = 64

	// CostStringHeader is the fixed part of CostString: Go keeps string
	// bytes in their own allocation, whose size is rounded up to a size
	// class (at least 8 bytes, up to 16 with the tiny allocator).
	CostStringHeader = 16

	// CostClosureHeader is charged for a Closure struct (id, proto, env,
	// upvalue slice header: 56 bytes, class 64) with margin.
	CostClosureHeader = 80

	// CostClosureUpval is charged per upvalue pointer of a closure (8 bytes
	// in the upvalue slice, doubled for rounding).
	CostClosureUpval = 16

	// CostUpval is charged for a captured variable (an Upvalue: a pointer
	// and a Value, 32 bytes) with margin for the allocation class.
	CostUpval = 48

	// CostFrame is charged per call frame pushed by a call (the frame
	// record in the thread's frame stack, amortised growth included).
	CostFrame = 96

	// CostUserdata is charged for a Userdata header (id, interface data,
	// metatable: 32 bytes) with margin.
	CostUserdata = 48
)

// CostString returns the bytes charged for creating a string of n bytes:
// n + n/4 + CostStringHeader.
func CostString(n int) int64 {
	return costAllocBound(int64(n))
}

// CostValues returns the bytes charged for a slice of n Values (registers,
// varargs, results): n Values plus rounding.
func CostValues(n int) int64 {
	return costAllocBound(int64(n) * CostValue)
}

// CostClosure returns the bytes charged for a closure with nup upvalues.
func CostClosure(nup int) int64 {
	return CostClosureHeader + int64(nup)*CostClosureUpval
}

// CostTableSized returns the bytes charged by a table created with room for
// narr array slots and nhash hash entries (rounded up to a power of two),
// that is, what [NewTable] allocates.
func CostTableSized(narr, nhash int) int64 {
	return CostTable + int64(max(narr, 0))*CostTableArraySlot + int64(tabNodeCount(nhash))*CostTableNode
}

// costAllocBound returns an upper bound of the heap bytes a Go allocation
// of b bytes occupies: b + b/4 + 16. Go's small size classes waste at most
// 18.7% (b/4 + 16 covers every class up to 32 KiB, checked by
// TestCostModelCoversSizeClasses) and large objects are rounded to 8 KiB
// pages, less than b/4 for b > 32 KiB.
func costAllocBound(b int64) int64 {
	if b < 0 {
		b = 0
	}
	return b + b/4 + CostStringHeader
}
