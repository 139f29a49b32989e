package vm

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// Errors.
//
// A Lua error is a Go error of type *RuntimeError carrying the Lua-visible
// error value (what pcall returns), the position where it was raised and,
// when no protected call was active, a traceback. Errors made by the VM
// itself use the wording of Lua 5.1's ldebug.c, including the variable
// names it recovers from the bytecode (see getObjName).
//
// Limit errors (ErrInstructionLimit, ErrMemoryLimit) and cancellation are
// not Lua errors: they are not *RuntimeError, pcall does not catch them,
// and they leave the VM unchanged through every call level.

// RuntimeError is a Lua error raised while running a script.
type RuntimeError struct {
	Value     Value  // the Lua error value, byte-identical to what Lua 5.1's pcall returns
	Chunk     string // chunk name of the position, "" when unknown
	Line, Col int    // position of the error; 0 when unknown
	Msg       string // the message without position
	Traceback string // "stack traceback:\n\t..." when the error escaped every pcall; else ""

	cause error // the Go error the message came from (ErrReadOnly, ...), if any
}

// Unwrap returns the Go error the Lua error was made from, such as
// [ErrReadOnly] for a write to a frozen table, or nil.
func (e *RuntimeError) Unwrap() error { return e.cause }

// Error returns "chunk:line:col: msg" when the position is known, else the
// message.
func (e *RuntimeError) Error() string {
	if e.Line > 0 {
		if e.Col > 0 {
			return e.Chunk + ":" + strconv.Itoa(e.Line) + ":" + strconv.Itoa(e.Col) + ": " + e.Msg
		}
		return e.Chunk + ":" + strconv.Itoa(e.Line) + ": " + e.Msg
	}
	return e.Msg
}

// LuaMessage returns the error as lua5.1 prints it: the error value when
// it is a string or number, else a description of its type.
func (e *RuntimeError) LuaMessage() string {
	switch e.Value.k {
	case KindString:
		return e.Value.AsString()
	case KindInt, KindFloat:
		return FormatNumber(e.Value)
	}
	return e.Msg
}

// CanceledError reports that the run's context was canceled. It wraps the
// context's error, so errors.Is(err, context.Canceled) works.
type CanceledError struct{ Err error }

func (e *CanceledError) Error() string { return "kestrel-lua: run canceled: " + e.Err.Error() }
func (e *CanceledError) Unwrap() error { return e.Err }

// Catchable reports whether pcall may catch err: true for Lua errors, false
// for limit errors, cancellation and nil.
func Catchable(err error) bool {
	if err == nil {
		return false
	}
	var re *RuntimeError
	return errors.As(err, &re) && !isUncatchable(err)
}

func isUncatchable(err error) bool {
	return errors.Is(err, ErrInstructionLimit) || errors.Is(err, ErrMemoryLimit) ||
		errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)
}

// luaError is an unpositioned message produced by VM helpers; the error exit
// of the execute loop (or the Go call boundary) turns it into a
// *RuntimeError with the position of the running function.
type luaError struct{ msg string }

func (e *luaError) Error() string { return e.msg }

func errorf(format string, a ...any) error { return &luaError{fmt.Sprintf(format, a...)} }

// position returns the chunk and position of frame fi's current
// instruction, or ok=false when fi is not a Lua frame.
func (th *Thread) position(fi int) (chunk string, pos Pos, ok bool) {
	if fi < 0 || fi >= len(th.frames) {
		return "", Pos{}, false
	}
	f := &th.frames[fi]
	if f.cl == nil {
		return "", Pos{}, false
	}
	p := f.cl.Proto
	pc := f.pc - 1
	if pc >= 0 && pc < len(p.PosTab) {
		pos = p.PosTab[pc]
	}
	return p.Source, pos, pos.Line > 0
}

// newError builds the RuntimeError of a string message raised with the
// position of frame fi (luaG_runerror when fi is the running frame;
// luaL_where(level) in general). A non-positive frame index gives no
// position. The error value is a new string, charged to the memory budget
// like any other, so that a loop raising and catching long messages cannot
// allocate without bound; when the budget refuses it, the limit error is
// returned instead.
func (th *Thread) newError(fi int, msg string) error {
	e := &RuntimeError{Msg: msg, Value: String(msg)}
	if chunk, pos, ok := th.position(fi); ok {
		e.Chunk, e.Line, e.Col = chunk, int(pos.Line), int(pos.Col)
		prefix := chunk + ":" + strconv.Itoa(e.Line) + ": "
		if err := th.meter.Charge(CostString(len(prefix) + len(msg))); err != nil {
			return err
		}
		e.Value = String(prefix + msg)
	}
	th.addTraceback(e)
	return e
}

// addTraceback fills e.Traceback when no protected call is active, that is
// when the error is going to reach the host.
func (th *Thread) addTraceback(e *RuntimeError) {
	if th.nPcall == 0 && e.Traceback == "" {
		e.Traceback = th.Traceback()
	}
}

// toRuntimeError turns an error that left frame fi into a *RuntimeError
// positioned at fi, unless it already is one or is uncatchable.
func (th *Thread) toRuntimeError(fi int, err error) error {
	switch e := err.(type) {
	case *RuntimeError:
		return e
	case *luaError:
		return th.newError(fi, e.msg)
	}
	if isUncatchable(err) {
		return err
	}
	var re *RuntimeError
	if errors.As(err, &re) {
		return re
	}
	e := th.newError(fi, err.Error())
	if re, ok := e.(*RuntimeError); ok {
		re.cause = err
	}
	return e
}

// Traceback returns the current call stack in the style of lua5.1's
// standalone interpreter ("stack traceback:\n\t[C]: in function 'error'...").
func (th *Thread) Traceback() string {
	// The levels, top down: each frame, a "(tail call)" level below a
	// tail-called frame, and the host's call as a final "[C]: ?" level.
	// Only the printed ones are rendered.
	type level struct{ frame int } // frame index, or -1 tail call, -2 host
	var levels []level
	for i := len(th.frames) - 1; i >= 0; i-- {
		levels = append(levels, level{i})
		if th.frames[i].tail {
			levels = append(levels, level{-1})
		}
	}
	if len(th.frames) > 0 && th.frames[0].cl != nil {
		levels = append(levels, level{-2})
	}
	// Print them as ldblib.c db_errorfunc does (called by lua.c at level
	// 2): the first levels, "...", and the last ones when there are too
	// many.
	const levels1, levels2 = 12, 10 // ldblib.c LEVELS1, LEVELS2
	var b strings.Builder
	b.WriteString("stack traceback:")
	exists := func(l int) bool { return l-2 < len(levels) }
	first := true
	for l := 2; exists(l); {
		l++
		if l > levels1 && first {
			if !exists(l + levels2) {
				l--
			} else {
				b.WriteString("\n\t...")
				for exists(l + levels2) {
					l++
				}
			}
			first = false
			continue
		}
		b.WriteString("\n\t")
		switch lv := levels[l-3]; lv.frame {
		case -1:
			b.WriteString("(tail call): ?")
		case -2:
			b.WriteString("[C]: ?")
		default:
			b.WriteString(th.frameLine(lv.frame))
		}
	}
	return b.String()
}

// frameLine describes frame i for a traceback.
func (th *Thread) frameLine(i int) string {
	f := &th.frames[i]
	var b strings.Builder
	if f.cl == nil {
		b.WriteString("[C]:")
	} else {
		b.WriteString(f.cl.Proto.Source)
		b.WriteByte(':')
		if _, pos, ok := th.position(i); ok {
			b.WriteString(strconv.Itoa(int(pos.Line)))
			b.WriteByte(':')
		}
	}
	switch kind, name := th.funcName(i); {
	case kind != "":
		b.WriteString(" in function '" + name + "'")
	case f.cl != nil && f.cl.Proto.LineDefined == 0:
		b.WriteString(" in main chunk")
	case f.cl == nil:
		b.WriteString(" ?")
	default:
		b.WriteString(" in function <" + f.cl.Proto.Source + ":" + strconv.Itoa(f.cl.Proto.LineDefined) + ">")
	}
	return b.String()
}

// funcName returns how the caller of frame fi named the function it called
// (ldebug.c getfuncname): ("global", "foo"), ("method", "m"), ("for
// iterator", "for iterator"), or "" when unknown (called from Go, tail call).
func (th *Thread) funcName(fi int) (kind, name string) {
	if fi <= 0 || fi >= len(th.frames) {
		return "", ""
	}
	f := &th.frames[fi]
	if f.tail || f.fromGo {
		return "", ""
	}
	caller := &th.frames[fi-1]
	if caller.cl == nil {
		return "", ""
	}
	p := caller.cl.Proto
	pc := caller.pc - 1
	if pc < 0 || pc >= len(p.Code) {
		return "", ""
	}
	i := p.Code[pc]
	switch i.Op() {
	case OpCall, OpTailCall:
		return getObjName(p, pc, i.A())
	case OpTForLoop:
		return "for iterator", "for iterator"
	case OpField:
		return "method", fieldMethodNames[p.Fields[i.C()].Kind]
	}
	return "", ""
}

// localName returns the name of the n-th (1-based) local variable active at
// pc (lfunc.c luaF_getlocalname).
func localName(p *Proto, n, pc int) string {
	for _, lv := range p.LocVars {
		if lv.StartPC > pc {
			break
		}
		if pc < lv.EndPC {
			n--
			if n == 0 {
				return lv.Name
			}
		}
	}
	return ""
}

// getObjName names the value in register reg at instruction pc the way
// Lua 5.1's ldebug.c getobjname does: a local variable's name, or, by
// symbolic execution of the bytecode up to pc, the global, field, upvalue
// or method the register was loaded from. kind is "" when no name is known.
func getObjName(p *Proto, pc, reg int) (kind, name string) {
	for depth := 0; depth < 100; depth++ {
		if n := localName(p, reg+1, pc); n != "" {
			return "local", n
		}
		last := symbexec(p, pc, reg)
		if last < 0 {
			return "", ""
		}
		i := p.Code[last]
		switch i.Op() {
		case OpGetGlobal:
			if k := p.Consts[i.Bx()]; k.k == KindString {
				return "global", k.AsString()
			}
			return "", ""
		case OpMove:
			if b := i.B(); b < i.A() {
				reg = b
				continue
			}
			return "", ""
		case OpGetTable:
			return "field", constName(p, i.C())
		case OpGetUpval:
			if b := i.B(); b < len(p.Upvals) && p.Upvals[b].Name != "" {
				return "upvalue", p.Upvals[b].Name
			}
			return "upvalue", "?"
		case OpSelf:
			return "method", constName(p, i.C())
		}
		return "", ""
	}
	return "", ""
}

// constName returns the string constant named by an RK operand, or "?"
// (ldebug.c kname).
func constName(p *Proto, rk int) string {
	if IsK(rk) {
		if k := p.Consts[IndexK(rk)]; k.k == KindString {
			return k.AsString()
		}
	}
	return "?"
}

// symbexec returns the pc of the last instruction before lastpc that
// changed register reg, following forward jumps that stay before lastpc,
// or -1 (ldebug.c symbexec, without the verification part).
func symbexec(p *Proto, lastpc, reg int) int {
	last := -1
	code := p.Code
	for pc := 0; pc < lastpc && pc < len(code); pc++ {
		i := code[pc]
		op := i.Op()
		if op >= numOpcodes {
			return -1
		}
		a := i.A()
		if OpInfos[op].SetA && a == reg {
			last = pc
		}
		switch op {
		case OpLoadNil:
			if a <= reg && reg <= i.B() {
				last = pc
			}
		case OpSelf:
			if reg == a+1 {
				last = pc
			}
		case OpTForLoop:
			if reg >= a+2 {
				last = pc
			}
		case OpForLoop, OpForPrep, OpJmp:
			dest := pc + 1 + i.SBx()
			if pc < dest && dest <= lastpc {
				pc += i.SBx()
			}
		case OpCall, OpTailCall:
			if reg >= a {
				last = pc
			}
		case OpSetList:
			if i.C() == 0 {
				pc++
			}
		}
	}
	return last
}

// typeError raises "attempt to <op> <kind> '<name>' (a <type> value)"
// for the value v, which is register reg of the running Lua frame, or
// not in a register when reg < 0 (ldebug.c luaG_typeerror).
func (th *Thread) typeError(v Value, reg int, op string) error {
	if reg >= 0 {
		f := &th.frames[len(th.frames)-1]
		if f.cl != nil {
			// The symbolic execution scans the function up to pc: one
			// instruction unit per instruction scanned.
			if err := th.meter.Step(int64(f.pc)); err != nil {
				return err
			}
			if kind, name := getObjName(f.cl.Proto, f.pc-1, reg); kind != "" {
				return errorf("attempt to %s %s '%s' (a %s value)", op, kind, name, v.TypeName())
			}
		}
	}
	return errorf("attempt to %s a %s value", op, v.TypeName())
}

// orderError raises the comparison error of ldebug.c luaG_ordererror.
func orderError(a, b Value) error {
	t1, t2 := a.TypeName(), b.TypeName()
	if t1 == t2 {
		return errorf("attempt to compare two %s values", t1)
	}
	return errorf("attempt to compare %s with %s", t1, t2)
}
