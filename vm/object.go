package vm

import (
	"sync/atomic"
	"unsafe"
)

// Heap objects other than tables: Lua closures, Go functions and userdata.
//
// Every heap object struct starts with an `id uint64` field. Tables hash
// objects used as keys by reading that first word (never the address, which
// would make iteration order depend on the allocator), and tostring prints
// it ("function: 0x00100003"). Ids are deterministic: objects created while
// a script runs take the next number of their Thread's counter, which
// Reset rewinds; objects created at setup time (library functions,
// prototype closures made by the host) take numbers from a process-wide
// counter in creation order.

// setupIDs numbers objects created outside a run (library tables and
// functions, main chunk closures). Setup code runs in a fixed order, so the
// numbers are deterministic.
var setupIDs atomic.Uint64

// nextSetupID returns a fresh id for an object created at setup time.
func nextSetupID() uint64 { return setupIDs.Add(1) }

// runIDBase is the first id a Thread hands out in each run. Run-time ids
// start far above setup ids so that the two never print alike.
const runIDBase = 1 << 20

// Closure is a Lua function value: a prototype plus its upvalues and its
// environment table (Lua 5.1 function environments: GETGLOBAL and SETGLOBAL
// index the environment of the running closure).
type Closure struct {
	id     uint64
	Proto  *Proto
	env    *Table
	upvals []*Upvalue
}

// Upvalue is a variable captured by a closure. While the function that
// declared the variable is active the upvalue is open: v points at the
// variable's register in the thread's stack. When the variable goes out of
// scope (OpClose, return) the value is copied into closed and v points
// there (lfunc.c luaF_close). Open upvalues of a thread form a list sorted
// by stack index, highest first, so that closures capturing the same
// variable share one Upvalue.
type Upvalue struct {
	v      *Value
	closed Value
	index  int      // stack index while open
	next   *Upvalue // next open upvalue (lower index)
}

// Get returns the upvalue's current value.
func (u *Upvalue) Get() Value { return *u.v }

// NewClosure returns a closure of p with environment env, for a main chunk
// (which has no upvalues) or any prototype whose upvalues should start as
// nil. It is meant for setup code; closures created by running code come
// from OpClosure.
func NewClosure(p *Proto, env *Table) *Closure {
	c := &Closure{id: nextSetupID(), Proto: p, env: env}
	p.prepare()
	if n := len(p.Upvals); n > 0 {
		c.upvals = make([]*Upvalue, n)
		for i := range c.upvals {
			u := &Upvalue{}
			u.v = &u.closed
			c.upvals[i] = u
		}
	}
	return c
}

// Env returns the closure's environment table.
func (c *Closure) Env() *Table { return c.env }

// SetEnv replaces the closure's environment table (setfenv).
func (c *Closure) SetEnv(t *Table) { c.env = t }

// NumUpvalues returns the number of upvalues of the closure.
func (c *Closure) NumUpvalues() int { return len(c.upvals) }

// Upvalue returns upvalue i of the closure.
func (c *Closure) Upvalue(i int) Value { return *c.upvals[i].v }

// GoFunction is a function implemented in Go. Fn receives the arguments
// (aliasing the caller's registers: valid only during the call, never to
// be retained), pushes its results with [Thread.Push] and returns their
// count. Errors are returned as Go errors, normally made by
// [Thread.Errorf], [Thread.ArgError] or [Thread.Raise].
type GoFunction struct {
	id   uint64
	Name string
	Fn   func(th *Thread, args []Value) (int, error)

	// Fast, if set, is a frameless form of Fn for its common case, which
	// the interpreter tries first at OP_CALL and OP_TAILCALL (see
	// FastFunc). Fn alone defines the function's behaviour: Fast must
	// agree with it on every call it accepts, results and charges alike.
	Fast FastFunc

	// Bind, if set, specialises Fast to call sites whose first argument
	// is the constant c, such as the pattern of regex.match: the
	// predicate fast path (Leaf) binds each such call once, at load. The
	// FastFunc it returns must agree with Fast, results and charges
	// alike, on every call whose first argument is c; nil means no
	// specialisation.
	Bind func(c Value) FastFunc

	// Iter and Step, if set, are the frameless forms of a generic for's
	// functions (ipairs and its iterator), which the predicate fast path
	// (Leaf) runs in place. Iter, for a call with the one argument arg,
	// returns what Fn returns: the iterator, its state and the first
	// control value. Step, for a call (state, control), returns the next
	// control value and value (k nil at the end, when Fn returns nothing).
	// Either declines (ok false) whatever is not its plain case, and
	// neither charges anything: like Fn, whose cost is the call's frame
	// and stack.
	Iter func(arg Value) (f *GoFunction, state, control Value, ok bool)
	Step func(state, control Value) (k, v Value, ok bool)
}

// FastFunc is the frameless form of a Go function: the interpreter calls
// it in place, without a call frame, without committing its instruction
// countdown, and without the generic result protocol, which is what makes
// string.contains cost a few nanoseconds rather than a hundred.
//
// args are the call's arguments, by value (a call with more than
// MaxFastArgs arguments takes the general path). budget is the instruction
// units the call may use beyond the unit of the calling instruction, and
// memory the bytes the run may still charge. A FastFunc is a pure
// function of these: it either declines, returning ok false, or returns
// the call's one result with the instruction units (at most budget) and
// the bytes (at most memory) that Fn would charge for the same call, and
// the caller charges them. A declined call runs Fn through the general
// path, which also produces every error: a FastFunc never fails, it
// declines. So the counts of a run are the same whichever path a call
// takes. Because it needs neither a Thread nor a pointer into one, the
// same FastFunc serves the interpreter and the predicate fast path
// (Leaf), and its arguments can live on the Go stack.
//
// Before calling a FastFunc the interpreter charges what the general
// path's frame and stack would (Thread.fastCall). A call that wants more
// than the one result gets nil for the others, as from the general path.
type FastFunc func(args FastArgs, budget, memory int64) (result Value, units, bytes int64, ok bool)

// MaxFastArgs is the most arguments a frameless call passes: the
// detection builtins take two or three.
const MaxFastArgs = 3

// FastArgs are the arguments of a frameless call.
type FastArgs struct {
	N int                // the number of arguments passed
	V [MaxFastArgs]Value // V[j] for j >= N is nil
}

// NewGoFunction returns a Go function with a setup-time id.
func NewGoFunction(name string, fn func(th *Thread, args []Value) (int, error)) *GoFunction {
	return &GoFunction{id: nextSetupID(), Name: name, Fn: fn}
}

// Userdata is a host value visible to Lua, with an optional metatable.
type Userdata struct {
	id   uint64
	Data any
	meta *Table
}

// NewUserdata returns a userdata with a setup-time id.
func NewUserdata(data any, meta *Table) *Userdata {
	return &Userdata{id: nextSetupID(), Data: data, meta: meta}
}

// Metatable returns the userdata's metatable.
func (u *Userdata) Metatable() *Table { return u.meta }

// SetMetatable sets the userdata's metatable.
func (u *Userdata) SetMetatable(mt *Table) { u.meta = mt }

// ClosureValue returns c as a Value.
func ClosureValue(c *Closure) Value { return Value{k: KindLuaFunction, p: unsafe.Pointer(c)} }

// FunctionValue returns f as a Value.
func FunctionValue(f *GoFunction) Value { return Value{k: KindGoFunction, p: unsafe.Pointer(f)} }

// UserdataValue returns u as a Value.
func UserdataValue(u *Userdata) Value { return Value{k: KindUserdata, p: unsafe.Pointer(u)} }

// AsClosure returns the closure of a KindLuaFunction value, or nil.
func (v Value) AsClosure() *Closure {
	if v.k != KindLuaFunction {
		return nil
	}
	return (*Closure)(v.p)
}

// AsGoFunction returns the Go function of a KindGoFunction value, or nil.
func (v Value) AsGoFunction() *GoFunction {
	if v.k != KindGoFunction {
		return nil
	}
	return (*GoFunction)(v.p)
}

// AsUserdata returns the userdata of a KindUserdata value, or nil.
func (v Value) AsUserdata() *Userdata {
	if v.k != KindUserdata {
		return nil
	}
	return (*Userdata)(v.p)
}

// IsFunction reports whether v is a Lua or Go function.
func (v Value) IsFunction() bool { return v.k == KindLuaFunction || v.k == KindGoFunction }

// ObjectID returns the deterministic id of a table, function or userdata
// value (what tostring prints), and 0 for other values.
func (v Value) ObjectID() uint64 {
	switch v.k {
	case KindTable, KindLuaFunction, KindGoFunction, KindUserdata:
		return *(*uint64)(v.p)
	}
	return 0
}
