package vm

import (
	"context"
	"fmt"
	"io"
	"math"
	"runtime/debug"
	"strconv"
)

// Limits of the call machinery, from Lua 5.1's luaconf.h.
const (
	// MaxCalls is the deepest Lua call nesting (LUAI_MAXCALLS); one more
	// call raises "stack overflow".
	MaxCalls = 20000

	// MaxCCalls is the deepest nesting of calls made from Go: pcall,
	// metamethods, tostring, gsub and sort callbacks (LUAI_MAXCCALLS); one
	// more raises "C stack overflow". It bounds the Go stack.
	MaxCCalls = 200

	// MinStack is the number of free stack slots a Go function may Push
	// without growing the stack (LUA_MINSTACK).
	MinStack = 20

	// maxTagLoop bounds __index/__newindex chains (lvm.c MAXTAGLOOP).
	maxTagLoop = 100

	// checkInterval is how many instructions run between two looks at the
	// context's Done channel.
	checkInterval = 4096
)

// Limits are the budgets of one run; 0 means unlimited.
type Limits struct {
	Instructions int64 // instruction units (one per VM instruction plus builtin work)
	MemoryBytes  int64 // bytes charged by the cost model of meter.go
}

// Alert is a message emitted by a rule through the alert library.
type Alert struct{ Rule, Message string }

// Rand is a deterministic pseudo-random generator (xorshift64*) for
// math.random. Reset reseeds it with a fixed seed, so a run's random
// numbers depend only on the run.
type Rand struct{ state uint64 }

// DefaultRandSeed is the seed Reset gives every run.
const DefaultRandSeed = 0x9E3779B97F4A7C15

// Seed restarts the generator from seed.
func (r *Rand) Seed(seed uint64) {
	if seed == 0 {
		seed = DefaultRandSeed
	}
	r.state = seed
}

// Uint64 returns the next 64 random bits.
func (r *Rand) Uint64() uint64 {
	if r.state == 0 {
		r.state = DefaultRandSeed
	}
	x := r.state
	x ^= x >> 12
	x ^= x << 25
	x ^= x >> 27
	r.state = x
	return x * 0x2545F4914F6CDD1D
}

// Float64 returns a number in [0, 1).
func (r *Rand) Float64() float64 { return float64(r.Uint64()>>11) / (1 << 53) }

// frame is one activation record: a Lua closure running in the registers
// from base, or a Go function whose arguments start at base.
type frame struct {
	cl       *Closure    // the running Lua closure; nil for a Go function
	gf       *GoFunction // the running Go function; nil for Lua
	fn       int         // stack index of the called value; results are moved here
	base     int         // stack index of register 0 (Go: of the first argument)
	pc       int         // Lua: index of the next instruction
	nres     int         // results the caller wants; -1 for all
	nvarargs int         // Lua: extra arguments, stored just below base
	fromGo   bool        // called by Go code (Thread.Call): returning leaves execute
	tail     bool        // entered by a tail call
}

// Thread runs Lua code: it owns the register stack, the call frames, the
// meter and the per-run state. A Thread is used by one goroutine at a time
// and is reused from run to run: [Thread.Reset] starts a new run without
// allocating once the stacks have grown.
type Thread struct {
	// Stdout receives print and io.write output; nil discards it.
	Stdout io.Writer
	// StringMeta is the metatable of strings (shared and read-only), so
	// that ("x"):upper() works.
	StringMeta *Table
	// Globals is the global table of the run (getfenv(0)); the host sets
	// it.
	Globals *Table
	// Alerts collects alert.emit calls of the run, at most MaxAlerts of
	// them; AlertsDropped counts the others.
	Alerts        []Alert
	AlertsDropped int
	MaxAlerts     int
	// Rand is the run's random generator, reseeded by Reset.
	Rand Rand
	// Data is free for the host.
	Data any

	ctx    context.Context
	meter  Meter
	stack  []Value
	top    int // first free slot; during a Lua frame, base+MaxStackSize unless a multiple-result sequence is open
	frames []frame

	openUpvals *Upvalue // open upvalues, by stack index, highest first
	nCcalls    int      // nesting of Go-level calls (Call)
	nPcall     int      // active protected calls: no traceback is built while > 0
	nextID     uint64   // per-run object ids

	granted   int64 // instruction units reserved for the running loop
	budget    int64 // of which still unused (synchronised at call-outs)
	sinceDone int64 // builtin units since the context was last checked

	stackHW int // stack slots charged in this run (high-water mark)
	// dirty bounds the stack slots this run may have set to non-nil: the
	// highest th.top reached, raised wherever values are put above the
	// previous top. Reset clears below it (the MinStack slack that
	// stackHW also counts is normally never written).
	dirty   int
	frameHW int // frames charged in this run
	retHW   int // result slots of Call charged in this run (MinStack are free)
	pushErr error

	retBuf  []Value // results of Call
	argBuf  [3]Value
	errBuf  [1]Value
	eventUD Userdata
	event   *Event
}

// NewThread returns a Thread with empty budgets (unlimited) and a
// background context.
func NewThread() *Thread {
	th := &Thread{ctx: context.Background(), MaxAlerts: 100}
	th.stack = make([]Value, 256)
	th.frames = make([]frame, 0, 16)
	th.retBuf = make([]Value, 0, MinStack)
	th.eventUD.id = eventUDID
	th.eventUD.meta = eventMeta
	th.Reset(context.Background(), Limits{})
	return th
}

// Reset starts a new run with the given context and budgets: counters,
// object ids, alerts and the random seed start afresh. The stacks keep
// their capacity.
func (th *Thread) Reset(ctx context.Context, limits Limits) {
	if ctx == nil {
		ctx = context.Background()
	}
	th.ctx = ctx
	th.meter.Reset(limits.Instructions, limits.MemoryBytes)
	// Drop the last run's values. The few slots a rule uses are cheaper
	// to store in a loop than to hand to memclr.
	if s := th.stack[:min(max(th.top, th.dirty), len(th.stack))]; len(s) <= 16 {
		for j := 0; j < len(s); j++ {
			s[j] = Nil
		}
	} else {
		clear(s)
	}
	th.dirty = 0
	th.top = 0
	th.frames = th.frames[:0]
	th.openUpvals = nil
	// The count starts at 1 for the host's entry, as lua.c's lua_cpcall
	// does, so that nesting limits hit at the same depth as in lua5.1.
	th.nCcalls, th.nPcall = 1, 0
	th.nextID = runIDBase
	th.granted, th.budget, th.sinceDone = 0, 0, 0
	th.stackHW, th.frameHW, th.retHW = 0, 0, MinStack
	th.pushErr = nil
	th.Alerts = th.Alerts[:0]
	th.AlertsDropped = 0
	th.Rand.Seed(DefaultRandSeed)
	th.event = nil
	th.eventUD.Data = nil
}

// Meter returns the run's meter.
func (th *Thread) Meter() *Meter { return &th.meter }

// Context returns the run's context.
func (th *Thread) Context() context.Context { return th.ctx }

// newID returns the next per-run object id.
func (th *Thread) newID() uint64 {
	th.nextID++
	return th.nextID
}

// Charge charges bytes about to be allocated to the run's memory budget.
func (th *Thread) Charge(bytes int64) error { return th.meter.Charge(bytes) }

// Step charges units of builtin work to the instruction budget and checks
// the context every few thousand units.
func (th *Thread) Step(units int64) error {
	if err := th.meter.Step(units); err != nil {
		return err
	}
	th.sinceDone += units
	if th.sinceDone >= checkInterval {
		th.sinceDone = 0
		return th.checkContext()
	}
	return nil
}

func (th *Thread) checkContext() error {
	if th.ctx.Done() != nil {
		if err := th.ctx.Err(); err != nil {
			return &CanceledError{Err: err}
		}
	}
	return nil
}

// NewTable returns a new table with the given size hints, charged to the
// memory budget.
func (th *Thread) NewTable(narr, nhash int) (*Table, error) {
	if err := th.meter.Charge(CostTableSized(narr, nhash)); err != nil {
		return nil, err
	}
	t := NewTable(narr, nhash)
	t.id = th.newID()
	return t, nil
}

// NewUserdata returns a new userdata with a per-run id, charged to the
// memory budget.
func (th *Thread) NewUserdata(data any, meta *Table) (*Userdata, error) {
	if err := th.meter.Charge(CostUserdata); err != nil {
		return nil, err
	}
	return &Userdata{id: th.newID(), Data: data, meta: meta}, nil
}

// NewGoFunction returns a Go function created while a script runs (an
// iterator, a closure over builtin state), with a per-run id and charged
// like a closure without upvalues.
func (th *Thread) NewGoFunction(name string, fn func(th *Thread, args []Value) (int, error)) (*GoFunction, error) {
	if err := th.meter.Charge(CostClosure(0)); err != nil {
		return nil, err
	}
	return &GoFunction{id: th.newID(), Name: name, Fn: fn}, nil
}

// NewString charges a string of n bytes built by a builtin; call it before
// building the string.
func (th *Thread) NewString(n int) error { return th.meter.Charge(CostString(n)) }

// ensureStack makes the stack at least n slots long, charging slots beyond
// the run's high-water mark. Growing the stack moves it, so open upvalues
// are re-pointed (ldo.c correctstack).
//
// Registers, varargs and call frames live in two stacks that a Thread keeps
// from run to run, so what a run really allocates is its deepest use of
// them. The charge follows that: CostValues for stack slots and CostFrame
// for frames beyond the deepest point reached earlier in the same run. It
// depends only on the run (Reset rewinds both marks), never on how much
// capacity earlier runs left behind, so counts stay deterministic.
func (th *Thread) ensureStack(n int) error {
	if n > th.stackHW {
		if err := th.meter.Charge(CostValues(n - th.stackHW)); err != nil {
			return err
		}
		th.stackHW = n
	}
	if n > len(th.stack) {
		th.growStack(n)
	}
	return nil
}

func (th *Thread) growStack(n int) {
	size := 2 * len(th.stack)
	if size < n {
		size = n
	}
	s := make([]Value, size)
	copy(s, th.stack)
	th.stack = s
	for u := th.openUpvals; u != nil; u = u.next {
		u.v = &s[u.index]
	}
}

// pushFrame appends a zeroed frame and returns it, charging frames beyond
// the run's high-water mark, and enforces the call depth limit.
func (th *Thread) pushFrame() (*frame, error) {
	n := len(th.frames) + 1
	if n > MaxCalls {
		return nil, errorf("stack overflow")
	}
	if n > th.frameHW {
		if err := th.meter.Charge(CostFrame); err != nil {
			return nil, err
		}
		th.frameHW = n
	}
	if n <= cap(th.frames) {
		th.frames = th.frames[:n]
		f := &th.frames[n-1]
		*f = frame{}
		return f, nil
	}
	th.frames = append(th.frames, frame{})
	return &th.frames[n-1], nil
}

// moveValues copies src to dst (same length; dst may overlap src only at a
// lower address): a plain loop for the usual few values, copy for many.
func moveValues(dst, src []Value) {
	if len(src) > 8 {
		copy(dst, src)
		return
	}
	for i, v := range src {
		dst[i] = v
	}
}

// Push pushes a result of a Go function. Slots beyond the run's
// high-water mark are charged (MinStack at a time) through ensureStack,
// whatever capacity earlier runs left in the stack, so that a reused
// thread is charged exactly what a fresh one is.
func (th *Thread) Push(v Value) {
	if th.top >= th.stackHW { // stackHW <= len(th.stack)
		if err := th.ensureStack(th.top + MinStack); err != nil {
			if th.pushErr == nil {
				th.pushErr = err
			}
			return
		}
	}
	th.stack[th.top] = v
	th.top++
	th.markTop()
}

// markTop records th.top in th.dirty (see Thread.dirty): called after
// every store of values above the previous top.
func (th *Thread) markTop() {
	if th.top > th.dirty {
		th.dirty = th.top
	}
}

// Call calls fn with args from Go (the host, or a builtin calling back into
// Lua) and returns its results, all of them when nresults is -1, else
// exactly nresults. The result slice is valid until the next call on th.
// On error the frames of the call are unwound and its upvalues closed; the
// error is a *RuntimeError, a limit error, a *CanceledError, or (for the
// host's outermost call only) an *InternalError if Go code panicked.
func (th *Thread) Call(fn Value, args []Value, nresults int) (_ []Value, err error) {
	fi := th.top
	if len(th.frames) == 0 {
		defer th.recoverHost(fi, &err)
	}
	if err := th.ensureStack(fi + 1 + len(args) + max(nresults, 0) + MinStack); err != nil {
		return nil, err
	}
	th.stack[fi] = fn
	moveValues(th.stack[fi+1:fi+1+len(args)], args)
	th.top = fi + 1 + len(args)
	th.markTop()
	if err := th.call(fi, nresults, -1); err != nil {
		return nil, err
	}
	n := th.top - fi
	if n > th.retHW {
		// The result buffer is kept from run to run like the stacks, so
		// it is charged beyond the run's high-water mark (the first
		// MinStack results fit the buffer NewThread allocates).
		if err := th.meter.Charge(CostValues(n - th.retHW)); err != nil {
			th.top = fi
			return nil, err
		}
		th.retHW = n
	}
	if cap(th.retBuf) < n {
		th.retBuf = make([]Value, n, n+4)
	}
	res := th.retBuf[:n]
	moveValues(res, th.stack[fi:th.top])
	th.top = fi
	return res, nil
}

// Call1 is Call(fn, []Value{arg}, 1) returning the one result instead
// of a slice: the shape of a rule's predicate call, without the argument
// and result copies. Charges, counts and errors are exactly Call's.
func (th *Thread) Call1(fn, arg Value) (_ Value, err error) {
	fi := th.top
	if len(th.frames) == 0 {
		defer th.recoverHost(fi, &err)
	}
	if err := th.ensureStack(fi + 1 + 1 + 1 + MinStack); err != nil {
		return Nil, err
	}
	th.stack[fi] = fn
	th.stack[fi+1] = arg
	th.top = fi + 2
	th.markTop()
	if err := th.call(fi, 1, -1); err != nil {
		return Nil, err
	}
	if n := th.top - fi; n > th.retHW { // never with one result; as in Call
		if err := th.meter.Charge(CostValues(n - th.retHW)); err != nil {
			th.top = fi
			return Nil, err
		}
		th.retHW = n
	}
	v := th.stack[fi]
	th.top = fi
	return v, nil
}

// Eval starts a new run (Reset) and calls fn(event) for one result, the
// event passed as EventValue(ev) (Call1): the engine's entry for one
// evaluation of a rule's predicate. For the usual predicate, a Lua
// function with fixed parameters, it sets up the call frame directly
// instead of through the generic call path, with the same charges, in the
// same order, and the same errors.
func (th *Thread) Eval(ctx context.Context, limits Limits, fn Value, ev *Event) (Value, error) {
	th.Reset(ctx, limits)
	arg := th.EventValue(ev)
	if fn.k != KindLuaFunction || (*Closure)(fn.p).Proto.IsVararg {
		return th.Call1(fn, arg)
	}
	return th.evalLua((*Closure)(fn.p), fn, arg)
}

// evalLua is Call1(fn, arg) on a reset thread for fn, the Lua closure cl
// with fixed parameters: Call1's stack reservation, call's C-call count,
// precall's frame, then the interpreter.
func (th *Thread) evalLua(cl *Closure, fn, arg Value) (_ Value, err error) {
	defer th.recoverHost(0, &err)
	p := cl.Proto
	if err := th.ensureStack(1 + 1 + 1 + MinStack); err != nil { // Call1's
		return Nil, err
	}
	// The function is in slot 0, its registers from slot 1.
	const base = 1
	if n := base + p.MaxStackSize + 1; n > th.stackHW || n > len(th.stack) { // precall's
		if err := th.ensureStack(n); err != nil {
			return Nil, th.unwindCall(0, 0, err)
		}
	}
	s := th.stack[:base+p.MaxStackSize]
	s[0] = fn
	for j := base; j < len(s); j++ {
		s[j] = Nil
	}
	if p.NumParams > 0 {
		s[base] = arg
	}
	// The run's first frame, charged as pushFrame charges it (Reset
	// rewound the frame high-water mark).
	if err := th.meter.Charge(CostFrame); err != nil {
		return Nil, th.unwindCall(0, 0, err)
	}
	th.frameHW = 1
	if cap(th.frames) == 0 {
		th.frames = make([]frame, 1, 8)
	}
	th.frames = th.frames[:1]
	th.frames[0] = frame{cl: cl, base: base, nres: 1, fromGo: true}
	th.top = len(s)
	th.markTop()
	th.nCcalls++
	err = th.execute()
	th.nCcalls--
	if err != nil {
		return Nil, th.unwindCall(0, 0, err)
	}
	v := th.stack[0]
	th.top = 0
	return v, nil
}

// InternalError reports a Go panic inside the VM or a Go function, turned
// into an error at the host's call so that a bug cannot crash the host. It
// is not a Lua error: pcall does not catch it. Stack is the Go stack at
// the panic, for the host's logs and the bug report.
type InternalError struct {
	Panic any
	Stack []byte
}

func (e *InternalError) Error() string {
	return fmt.Sprintf("kestrel-lua: internal error: %v", e.Panic)
}

// recoverHost turns a panic escaping the host's Call into an
// *InternalError and restores the thread to the state before the call.
func (th *Thread) recoverHost(fi int, err *error) {
	if r := recover(); r != nil {
		th.closeUpvals(fi)
		th.frames = th.frames[:0]
		th.top = fi
		th.nCcalls, th.nPcall = 1, 0
		th.granted = 0
		*err = &InternalError{Panic: r, Stack: debug.Stack()}
	}
}

// call runs the function at stack[fi] with the arguments above it up to
// th.top, as a Go-level call counted against MaxCCalls (ldo.c luaD_call).
// The results end up at stack[fi:th.top]. reg names the function's register
// in the running Lua frame for error messages, or is -1.
func (th *Thread) call(fi, nres, reg int) error {
	if th.nCcalls+1 >= MaxCCalls {
		return th.toRuntimeError(len(th.frames)-1, errorf("C stack overflow"))
	}
	th.nCcalls++
	nframes := len(th.frames)
	isLua, err := th.precall(fi, nres, reg, true)
	if err == nil && isLua {
		err = th.execute()
	}
	th.nCcalls--
	if err != nil {
		return th.unwindCall(fi, nframes, err)
	}
	return nil
}

// unwindCall ends a failed call of the function at stack[fi], entered with
// nframes frames: it converts err into a *RuntimeError located in the
// innermost frame of the call (limit errors pass unchanged), closes the
// call's upvalues and drops its frames and stack.
func (th *Thread) unwindCall(fi, nframes int, err error) error {
	if len(th.frames) > nframes {
		err = th.toRuntimeError(len(th.frames)-1, err)
	} else {
		err = th.toRuntimeError(nframes-1, err)
	}
	th.closeUpvals(fi)
	th.frames = th.frames[:nframes]
	th.top = fi
	return err
}

// precall starts a call of the value at stack[fi] with the arguments
// above it up to th.top (ldo.c luaD_precall). For a Lua function it pushes
// the frame and returns true: the caller runs it. A Go function is run to
// completion, its results moved to stack[fi:] (padded or cut to nres unless
// nres is -1) and th.top set after them. A non-function is called through
// its __call metamethod.
func (th *Thread) precall(fi, nres, reg int, fromGo bool) (bool, error) {
	for {
		v := th.stack[fi]
		switch v.k {
		case KindLuaFunction:
			cl := (*Closure)(v.p)
			p := cl.Proto
			nargs := th.top - fi - 1
			base := fi + 1
			np := p.NumParams
			nvar := 0
			if p.IsVararg {
				base = fi + 1 + nargs
				if err := th.ensureStack(base + p.MaxStackSize + 1); err != nil {
					return false, err
				}
				s := th.stack
				for j := 0; j < np; j++ {
					if j < nargs {
						s[base+j] = s[fi+1+j]
						s[fi+1+j] = Nil
					} else {
						s[base+j] = Nil
					}
				}
				if nargs > np {
					nvar = nargs - np
				}
				clear(s[base+np : base+p.MaxStackSize])
				if p.NeedsArg {
					t, err := th.varargTable(s[base-nvar : base])
					if err != nil {
						return false, err
					}
					th.stack[base+np] = TableValue(t)
				}
			} else {
				if err := th.ensureStack(base + p.MaxStackSize + 1); err != nil {
					return false, err
				}
				// Missing parameters and the other registers start nil.
				// A plain loop: a few slots are cheaper to store than
				// to hand to memclr.
				s := th.stack[:base+p.MaxStackSize]
				for j := base + min(nargs, np); j < len(s); j++ {
					s[j] = Nil
				}
			}
			f, err := th.pushFrame()
			if err != nil {
				return false, err
			}
			f.cl, f.fn, f.base, f.nres, f.nvarargs, f.fromGo = cl, fi, base, nres, nvar, fromGo
			th.top = base + p.MaxStackSize
			th.markTop()
			return true, nil

		case KindGoFunction:
			gf := (*GoFunction)(v.p)
			nargs := th.top - fi - 1
			// Fast path: the stack and the frame stack need neither
			// growth nor a charge (the usual case in a reused thread).
			if need := th.top + MinStack; need > th.stackHW || need > len(th.stack) {
				if err := th.ensureStack(need); err != nil {
					return false, err
				}
			}
			if nf := len(th.frames) + 1; nf <= th.frameHW && nf <= cap(th.frames) && nf <= MaxCalls {
				th.frames = th.frames[:nf]
				th.frames[nf-1] = frame{gf: gf, fn: fi, base: fi + 1, nres: nres, fromGo: fromGo}
			} else {
				f, err := th.pushFrame()
				if err != nil {
					return false, err
				}
				f.gf, f.fn, f.base, f.nres, f.fromGo = gf, fi, fi+1, nres, fromGo
			}
			args := th.stack[fi+1 : fi+1+nargs : fi+1+nargs]
			n, err := gf.Fn(th, args)
			if err == nil && th.pushErr != nil {
				err = th.pushErr
			}
			th.pushErr = nil
			if err != nil {
				err = th.toRuntimeError(len(th.frames)-1, err)
				th.frames = th.frames[:len(th.frames)-1]
				return false, err
			}
			th.frames = th.frames[:len(th.frames)-1]
			if n == 1 && nres == 1 && th.top-1 >= fi {
				// One result wanted and given: the common builtin call.
				th.stack[fi] = th.stack[th.top-1]
				th.top = fi + 1
				return false, nil
			}
			th.finishGoResults(fi, n, nres)
			return false, nil

		default:
			tm := th.metaOf(v, "__call")
			if !tm.IsFunction() {
				return false, th.typeError(v, reg, "call")
			}
			if err := th.ensureStack(th.top + 1 + MinStack); err != nil {
				return false, err
			}
			copy(th.stack[fi+1:th.top+1], th.stack[fi:th.top])
			th.stack[fi] = tm
			th.top++
			th.markTop()
		}
	}
}

// finishGoResults moves the n results a Go function pushed (the top n stack
// slots) to stack[fi:], adjusted to nres.
func (th *Thread) finishGoResults(fi, n, nres int) {
	first := th.top - n
	if n < 0 || first < fi {
		first, n = fi, th.top-fi
	}
	moveValues(th.stack[fi:fi+n], th.stack[first:th.top])
	if nres >= 0 {
		for j := n; j < nres; j++ {
			th.stack[fi+j] = Nil
		}
		n = nres
	}
	th.top = fi + n
}

// varargTable builds the implicit "arg" table of a 5.0-style vararg
// function (LUA_COMPAT_VARARG): the extra arguments and n.
func (th *Thread) varargTable(extra []Value) (*Table, error) {
	t, err := th.NewTable(len(extra), 1)
	if err != nil {
		return nil, err
	}
	for i, v := range extra {
		if err := t.SetInt(&th.meter, int64(i+1), v); err != nil {
			return nil, err
		}
	}
	if err := t.SetStr(&th.meter, "n", Int(int64(len(extra)))); err != nil {
		return nil, err
	}
	return t, nil
}

// findUpval returns the open upvalue for stack slot idx, creating it
// (lfunc.c luaF_findupval).
func (th *Thread) findUpval(idx int) (*Upvalue, error) {
	pp := &th.openUpvals
	for u := *pp; u != nil && u.index >= idx; u = *pp {
		if u.index == idx {
			return u, nil
		}
		pp = &u.next
	}
	if err := th.meter.Charge(CostUpval); err != nil {
		return nil, err
	}
	u := &Upvalue{v: &th.stack[idx], index: idx, next: *pp}
	*pp = u
	return u, nil
}

// closeUpvals closes the open upvalues of stack slots >= level (lfunc.c
// luaF_close).
func (th *Thread) closeUpvals(level int) {
	for u := th.openUpvals; u != nil && u.index >= level; u = th.openUpvals {
		u.closed = *u.v
		u.v = &u.closed
		th.openUpvals = u.next
		u.next = nil
	}
}

// PCall calls fn in protected mode (pcall, or xpcall when handler is not
// nil). ok reports success; results are fn's results, or on a Lua error a
// single value: the error value, or what the handler returned for it. err
// is non-nil only for errors pcall cannot catch (limits, cancellation),
// which the caller must return unchanged. results is valid until the next
// call on th. Unlike Lua 5.1, the handler runs after the failed call's
// frames are unwound (it sees the error value, not the failing stack).
func (th *Thread) PCall(fn Value, args []Value, handler Value) (ok bool, results []Value, err error) {
	th.nPcall++
	res, err := th.Call(fn, args, -1)
	th.nPcall--
	if err == nil {
		return true, res, nil
	}
	re := asRuntimeError(err)
	if re == nil || isUncatchable(err) {
		return false, nil, err
	}
	v := re.Value
	if !handler.IsNil() {
		th.argBuf[0] = v
		th.nPcall++
		hres, herr := th.Call(handler, th.argBuf[:1], 1)
		th.nPcall--
		th.argBuf[0] = Nil
		switch {
		case herr == nil:
			v = hres[0]
		case !Catchable(herr):
			return false, nil, herr
		default:
			v = String("error in error handling")
		}
	}
	th.errBuf[0] = v
	return false, th.errBuf[:1], nil
}

func asRuntimeError(err error) *RuntimeError {
	re, _ := err.(*RuntimeError)
	return re
}

// levelFrame returns the index in th.frames of stack level level: 0 is the
// running function (a Go function calling this), 1 its caller, and so on
// (lua_getstack). It returns -1 beyond the stack.
func (th *Thread) levelFrame(level int) int {
	fi := len(th.frames) - 1
	for ; level > 0 && fi >= 0; fi-- {
		level--
	}
	return fi
}

// Errorf returns a Lua error with message fmt.Sprintf(format, a...)
// prefixed with the position of the Lua code that called the running Go
// function (luaL_error, level 1).
func (th *Thread) Errorf(format string, a ...any) error {
	return th.newError(th.levelFrame(1), fmt.Sprintf(format, a...))
}

// ErrorAt returns a Lua error with message msg positioned at stack level
// level (luaL_where(level) .. msg).
func (th *Thread) ErrorAt(level int, msg string) error {
	return th.newError(th.levelFrame(level), msg)
}

// calleeName returns the name the running Go function was called by, and
// whether it was called as a method (getinfo "n").
func (th *Thread) calleeName() (name string, method bool) {
	kind, name := th.funcName(len(th.frames) - 1)
	if kind == "" {
		return "?", false
	}
	return name, kind == "method"
}

// ArgError returns "bad argument #narg to 'name' (extramsg)" for the
// running Go function, named as its caller named it (luaL_argerror).
func (th *Thread) ArgError(narg int, extramsg string) error {
	name, method := th.calleeName()
	if method {
		narg--
		if narg == 0 {
			return th.Errorf("calling '%s' on bad self (%s)", name, extramsg)
		}
	}
	return th.Errorf("bad argument #%d to '%s' (%s)", narg, name, extramsg)
}

// TypeError returns "bad argument #narg to 'name' (expected expected, got
// <type>)" where the type is that of args[narg-1], or "no value" when the
// argument is absent (luaL_typerror).
func (th *Thread) TypeError(narg int, expected string, args []Value) error {
	got := "no value"
	if narg >= 1 && narg <= len(args) {
		got = args[narg-1].TypeName()
	}
	return th.ArgError(narg, expected+" expected, got "+got)
}

// Raise returns the error of Lua's error(v, level): a string or number
// value gets the position of stack level level prepended when level > 0
// (level 1: the Lua function that called error).
func (th *Thread) Raise(v Value, level int) error {
	e := &RuntimeError{Value: v}
	switch v.k {
	case KindString, KindInt, KindFloat:
		var msg string
		if v.k == KindString {
			msg = v.AsString()
		} else {
			msg = FormatNumber(v)
		}
		e.Msg = msg
		if level > 0 {
			chunk, pos, ok := th.position(th.levelFrame(level))
			if ok {
				e.Chunk, e.Line, e.Col = chunk, int(pos.Line), int(pos.Col)
				prefix := chunk + ":" + strconv.Itoa(e.Line) + ": "
				if err := th.meter.Charge(CostString(len(prefix) + len(msg))); err != nil {
					return err
				}
				msg = prefix + msg
			}
			e.Value = String(msg)
		}
	default:
		e.Msg = "(error object is a " + v.TypeName() + " value)"
	}
	th.addTraceback(e)
	return e
}

// StackFunction returns the function running at stack level level (1: the
// Lua function that called the running Go function), for getfenv/setfenv.
func (th *Thread) StackFunction(level int) (Value, bool) {
	fi := th.levelFrame(level)
	if fi < 0 {
		return Nil, false
	}
	f := &th.frames[fi]
	if f.cl != nil {
		return ClosureValue(f.cl), true
	}
	return FunctionValue(f.gf), true
}

// CallerEnv returns the environment of the Lua function at stack level 1,
// or th.Globals when that is not a Lua function (getfenv()).
func (th *Thread) CallerEnv() *Table {
	if fn, ok := th.StackFunction(1); ok {
		if c := fn.AsClosure(); c != nil {
			return c.env
		}
	}
	return th.Globals
}

// Depth returns the number of active call frames.
func (th *Thread) Depth() int { return len(th.frames) }

// Next is [Table.Next] for code run on behalf of a script (next, pairs):
// it charges one instruction unit per valuesPerUnit (8) empty slots it
// passes over to find the entry, so that next over a sparse table cannot
// scan its whole array or hash part for one unit. It never scans more than
// the remaining budget pays for: when the entry lies further, it fails
// with the instruction limit error instead. err is otherwise
// ErrInvalidNextKey for a key not in t.
func (th *Thread) Next(t *Table, k Value) (key, val Value, ok bool, err error) {
	i, err := t.tabNextIndex(k)
	if err != nil {
		return Nil, Nil, false, err
	}
	limit := math.MaxInt // the most empty slots the budget pays for
	if rem := th.meter.instrMax - th.meter.instrUsed; rem < math.MaxInt/valuesPerUnit-1 {
		limit = int(max(rem, 0)+1)*valuesPerUnit - 1
	}
	j, done := t.tabScan(i, limit)
	units := int64((j - i) / valuesPerUnit)
	if !done {
		units = int64((limit + 1) / valuesPerUnit) // more than remains: refused
	}
	if err := th.Step(units); err != nil {
		return Nil, Nil, false, err
	}
	key, val, ok = t.tabEntry(j)
	return key, val, ok, nil
}
