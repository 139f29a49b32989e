package vm

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
)

// Disassemble writes a listing of p and, recursively, of its nested
// prototypes in the format of `luac5.1 -l` (luac.c's print.c): a header per
// function, then one line per instruction with its pc (1-based), source
// line, opcode, operands (constants as -1-index, as luac prints them) and a
// comment naming constants, globals, upvalues and jump targets.
//
// Where luac prints a memory address, the listing prints a stable id (the
// function's position in a depth-first walk, main = 1), so that listings
// are deterministic. OpField, which luac does not have, shows its accessor
// and field id.
func Disassemble(w io.Writer, p *Proto) {
	d := &disasm{w: w, ids: map[*Proto]int{}}
	d.number(p)
	d.function(p)
}

// DisassembleFull writes the listing of [Disassemble] with, after each
// function's code, its constants, local variables (with their live pc
// ranges, 1-based) and upvalues, as `luac5.1 -l -l` prints them, followed
// by its event field references when it has any.
func DisassembleFull(w io.Writer, p *Proto) {
	d := &disasm{w: w, ids: map[*Proto]int{}, full: true}
	d.number(p)
	d.function(p)
}

type disasm struct {
	w    io.Writer
	ids  map[*Proto]int
	buf  []byte
	full bool
}

func (d *disasm) number(p *Proto) {
	d.ids[p] = len(d.ids) + 1
	for _, q := range p.Protos {
		d.number(q)
	}
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

func (d *disasm) function(p *Proto) {
	kind := "function"
	if p.LineDefined == 0 {
		kind = "main"
	}
	n := len(p.Code)
	fmt.Fprintf(d.w, "\n%s <%s:%d,%d> (%d instruction%s, %d bytes at 0x%08x)\n",
		kind, p.Source, p.LineDefined, p.LastLineDefined, n, plural(n), 4*n, d.ids[p])
	vararg := ""
	if p.IsVararg {
		vararg = "+"
	}
	fmt.Fprintf(d.w, "%d%s param%s, %d slot%s, %d upvalue%s, %d local%s, %d constant%s, %d function%s\n",
		p.NumParams, vararg, plural(p.NumParams), p.MaxStackSize, plural(p.MaxStackSize),
		len(p.Upvals), plural(len(p.Upvals)), len(p.LocVars), plural(len(p.LocVars)),
		len(p.Consts), plural(len(p.Consts)), len(p.Protos), plural(len(p.Protos)))
	for pc := 0; pc < n; pc++ {
		pc = d.instruction(p, pc)
	}
	if d.full {
		d.debug(p)
	}
	for _, q := range p.Protos {
		d.function(q)
	}
}

// debug prints the constants, locals, upvalues and field references of p
// (luac.c PrintDebug).
func (d *disasm) debug(p *Proto) {
	id := d.ids[p]
	b := fmt.Appendf(d.buf[:0], "constants (%d) for 0x%08x:\n", len(p.Consts), id)
	for i := range p.Consts {
		b = fmt.Appendf(b, "\t%d\t", i+1)
		b = appendConst(b, p, i)
		b = append(b, '\n')
	}
	b = fmt.Appendf(b, "locals (%d) for 0x%08x:\n", len(p.LocVars), id)
	for i, lv := range p.LocVars {
		b = fmt.Appendf(b, "\t%d\t%s\t%d\t%d\n", i, lv.Name, lv.StartPC+1, lv.EndPC+1)
	}
	b = fmt.Appendf(b, "upvalues (%d) for 0x%08x:\n", len(p.Upvals), id)
	for i, u := range p.Upvals {
		b = fmt.Appendf(b, "\t%d\t%s\n", i, u.Name)
	}
	if len(p.Fields) > 0 {
		b = fmt.Appendf(b, "fields (%d) for 0x%08x:\n", len(p.Fields), id)
		for i, f := range p.Fields {
			b = fmt.Appendf(b, "\t%d\t%s\t%d\n", i, f.Kind, f.ID)
		}
	}
	d.buf = b
	d.w.Write(b)
}

// rk formats an RK operand as luac does: constants as -1-index.
func rk(x int) int {
	if IsK(x) {
		return -1 - IndexK(x)
	}
	return x
}

// instruction prints the instruction at pc and returns the pc of the last
// word it used (OpSetList with C = 0 takes two).
func (d *disasm) instruction(p *Proto, pc int) int {
	i := p.Code[pc]
	op := i.Op()
	a, b, c, bx, sbx := i.A(), i.B(), i.C(), i.Bx(), i.SBx()
	b2 := d.buf[:0]
	b2 = append(b2, '\t')
	b2 = strconv.AppendInt(b2, int64(pc+1), 10)
	b2 = append(b2, '\t')
	if pc < len(p.PosTab) && p.PosTab[pc].Line > 0 {
		b2 = append(b2, '[')
		b2 = strconv.AppendInt(b2, int64(p.PosTab[pc].Line), 10)
		b2 = append(b2, "]\t"...)
	} else {
		b2 = append(b2, "[-]\t"...)
	}
	if op >= numOpcodes {
		b2 = fmt.Appendf(b2, "%-9s\t%d\n", "OP?", uint32(i))
		d.buf = b2
		d.w.Write(b2)
		return pc
	}
	info := &OpInfos[op]
	b2 = fmt.Appendf(b2, "%-9s\t", info.Name)
	switch info.Mode {
	case ModeABC:
		b2 = strconv.AppendInt(b2, int64(a), 10)
		if info.B != ArgN {
			b2 = fmt.Appendf(b2, " %d", rk(b))
		}
		if info.C != ArgN {
			b2 = fmt.Appendf(b2, " %d", rk(c))
		}
	case ModeABx:
		if info.B == ArgK {
			b2 = fmt.Appendf(b2, "%d %d", a, -1-bx)
		} else {
			b2 = fmt.Appendf(b2, "%d %d", a, bx)
		}
	case ModeAsBx:
		if op == OpJmp {
			b2 = strconv.AppendInt(b2, int64(sbx), 10)
		} else {
			b2 = fmt.Appendf(b2, "%d %d", a, sbx)
		}
	}
	switch op {
	case OpLoadK:
		b2 = append(b2, "\t; "...)
		b2 = appendConst(b2, p, bx)
	case OpGetUpval, OpSetUpval:
		name := "-"
		if b < len(p.Upvals) {
			name = p.Upvals[b].Name
		}
		b2 = append(b2, "\t; "...)
		b2 = append(b2, name...)
	case OpGetGlobal, OpSetGlobal:
		b2 = append(b2, "\t; "...)
		if bx < len(p.Consts) && p.Consts[bx].Kind() == KindString {
			b2 = append(b2, p.Consts[bx].AsString()...)
		} else {
			b2 = appendConst(b2, p, bx)
		}
	case OpGetTable, OpSelf:
		if IsK(c) {
			b2 = append(b2, "\t; "...)
			b2 = appendConst(b2, p, IndexK(c))
		}
	case OpSetTable, OpAdd, OpSub, OpMul, OpDiv, OpPow, OpEq, OpLt, OpLe: // not OpMod, as luac 5.1
		if IsK(b) || IsK(c) {
			b2 = append(b2, "\t; "...)
			if IsK(b) {
				b2 = appendConst(b2, p, IndexK(b))
			} else {
				b2 = append(b2, '-')
			}
			b2 = append(b2, ' ')
			if IsK(c) {
				b2 = appendConst(b2, p, IndexK(c))
			} else {
				b2 = append(b2, '-')
			}
		}
	case OpJmp, OpForLoop, OpForPrep:
		b2 = fmt.Appendf(b2, "\t; to %d", sbx+pc+2)
	case OpClosure:
		id := 0
		if bx < len(p.Protos) {
			id = d.ids[p.Protos[bx]]
		}
		b2 = fmt.Appendf(b2, "\t; 0x%08x", id)
	case OpSetList:
		if c == 0 && pc+1 < len(p.Code) {
			pc++
			b2 = fmt.Appendf(b2, "\t; %d", uint32(p.Code[pc]))
		} else {
			b2 = fmt.Appendf(b2, "\t; %d", c)
		}
	case OpField:
		if c < len(p.Fields) {
			f := p.Fields[c]
			b2 = fmt.Appendf(b2, "\t; %s %d", f.Kind, f.ID)
		}
	}
	b2 = append(b2, '\n')
	d.buf = b2
	d.w.Write(b2)
	return pc
}

// appendConst appends constant k as luac's PrintConstant does: strings
// quoted with C escapes, numbers as tostring prints them.
func appendConst(b []byte, p *Proto, k int) []byte {
	if k >= len(p.Consts) {
		return append(b, "?"...)
	}
	v := p.Consts[k]
	switch v.Kind() {
	case KindNil:
		return append(b, "nil"...)
	case KindBool:
		if v.AsBool() {
			return append(b, "true"...)
		}
		return append(b, "false"...)
	case KindInt:
		return strconv.AppendInt(b, v.AsInt(), 10)
	case KindFloat:
		return appendFloat14g(b, v.AsFloat())
	case KindString:
		return appendQuoted(b, v.AsString())
	}
	return fmt.Appendf(b, "? type=%d", v.Kind())
}

// appendFloat14g formats f as C's "%.14g" (LUA_NUMBER_FMT).
func appendFloat14g(b []byte, f float64) []byte {
	switch {
	case f != f:
		if math.Signbit(f) {
			return append(b, "-nan"...)
		}
		return append(b, "nan"...)
	case math.IsInf(f, 1):
		return append(b, "inf"...)
	case math.IsInf(f, -1):
		return append(b, "-inf"...)
	}
	return strconv.AppendFloat(b, f, 'g', 14, 64)
}

// appendQuoted quotes s as luac's PrintString: C escapes for the usual
// control characters, \ddd for other unprintable bytes.
func appendQuoted(b []byte, s string) []byte {
	b = append(b, '"')
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch c {
		case '"':
			b = append(b, `\"`...)
		case '\\':
			b = append(b, `\\`...)
		case '\a':
			b = append(b, `\a`...)
		case '\b':
			b = append(b, `\b`...)
		case '\f':
			b = append(b, `\f`...)
		case '\n':
			b = append(b, `\n`...)
		case '\r':
			b = append(b, `\r`...)
		case '\t':
			b = append(b, `\t`...)
		case '\v':
			b = append(b, `\v`...)
		default:
			if c >= 0x20 && c < 0x7f {
				b = append(b, c)
			} else {
				b = fmt.Appendf(b, "\\%03d", c)
			}
		}
	}
	return append(b, '"')
}

var fieldKindNames = [...]string{
	FieldGetI64:   "get_i64",
	FieldGetU64:   "get_u64",
	FieldGetF64:   "get_f64",
	FieldGetStr:   "get_str",
	FieldGetBool:  "get_bool",
	FieldGetBytes: "get_bytes",
	FieldHas:      "has_field",
}

// String returns the script method name of the accessor ("get_str").
func (k FieldKind) String() string {
	if int(k) < len(fieldKindNames) {
		return fieldKindNames[k]
	}
	return "get_?"
}

// DisassembleString returns the listing of [Disassemble] as a string.
func DisassembleString(p *Proto) string {
	var sb strings.Builder
	Disassemble(&sb, p)
	return sb.String()
}
