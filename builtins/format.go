package builtins

// This file is string.format (str_format in Lua 5.1's lstrlib.c): the
// format string is copied, and each conversion specification is checked
// like scanformat does (at most 5 flag characters, a width and a precision
// of at most 2 digits each) and rendered like sprintf does (cfmt.go).
//
// Quirks of 5.1 that are kept, because output must be byte-identical:
//   - sprintf's output is measured with strlen, so a %c of 0 (and
//     everything after it in that item) vanishes, and %s stops at the
//     first NUL of its argument, unless the string has 100 bytes or more
//     and the item has no precision, in which case 5.1 copies the whole
//     string unformatted;
//   - %d and %i convert floats with C's (long) cast, %o %u %x %X with
//     (unsigned long), %c with (int), as x86-64 code does; integers print
//     exactly;
//   - %q escapes '"', '\\', newline (as "\\\n"), "\r" (as "\\r") and NUL
//     (as "\\000"), ignoring flags and width.

import (
	"strings"

	"github.com/kestrel-runtime/lua/vm"
)

// formatFlags are the flag characters of a conversion (FLAGS in lstrlib.c).
const formatFlags = "-+ #0"

// argError is an argument error found by a library algorithm; the library
// function turns it into "bad argument #N to 'name' (msg)".
type argError struct {
	n   int // 1-based argument number
	msg string
}

func (e *argError) Error() string { return e.msg }

// luaError is an error message found by a library algorithm, raised with
// the caller's position (luaL_error).
type luaError struct{ msg string }

func (e *luaError) Error() string { return e.msg }

// typeErrorMsg is luaL_typerror's "X expected, got Y".
func typeErrorMsg(expected string, v vm.Value) string {
	return expected + " expected, got " + v.TypeName()
}

// appendFormat appends string.format(format, args...) to buf. args[0] is
// the Lua argument #2. Each piece is reserved in buf (charged) before it
// is appended. A conversion is rendered into a stack buffer large enough
// for any piece (formatPieceMax), so the only heap allocations are buf's
// backing arrays and the text of a number given to %s or %q, both charged.
func appendFormat(buf *strBuf, format string, args []vm.Value) error {
	var scratch [formatPieceMax]byte // the rendered conversion
	var numText [32]byte             // a number's text for %s and %q
	arg := 0                         // index into args of the next argument
	for i := 0; i < len(format); {
		c := format[i]
		if c != '%' {
			j := strings.IndexByte(format[i:], '%')
			if j < 0 {
				j = len(format) - i
			}
			if err := buf.appendString(format[i : i+j]); err != nil {
				return err
			}
			i += j
			continue
		}
		i++
		if i < len(format) && format[i] == '%' {
			if err := buf.appendString("%"); err != nil {
				return err
			}
			i++
			continue
		}
		if arg >= len(args) {
			return &argError{n: arg + 2, msg: "no value"}
		}
		sp, next, err := scanFormat(format, i)
		if err != nil {
			return err
		}
		i = next
		v := args[arg]
		narg := arg + 2
		arg++
		piece := scratch[:0]
		switch sp.conv {
		case 'c', 'd', 'i', 'o', 'u', 'x', 'X', 'e', 'E', 'f', 'g', 'G':
			// luaL_checknumber: a string is scanned (charged) first.
			if err := buf.scan(v); err != nil {
				return err
			}
			n, ok := vm.ToNumber(v)
			if !ok {
				return &argError{n: narg, msg: typeErrorMsg("number", v)}
			}
			switch sp.conv {
			case 'c':
				f, _ := n.ToFloat()
				ch := [1]byte{byte(cInt(f))}
				piece = appendPadded(piece, sp, "", ch[:], false)
				piece = cutAtNUL(piece)
			case 'd', 'i':
				x := n.AsInt()
				if n.Kind() == vm.KindFloat {
					x = cLong(n.AsFloat())
				}
				piece = appendCInt(piece, sp, x)
			case 'o', 'u', 'x', 'X':
				x := uint64(n.AsInt())
				if n.Kind() == vm.KindFloat {
					x = cUlong(n.AsFloat())
				}
				piece = appendCUint(piece, sp, x)
			default:
				f, _ := n.ToFloat()
				piece = appendCFloat(piece, sp, f)
			}
		case 'q':
			s, ok := toStringArg(v, numText[:0])
			if !ok {
				return &argError{n: narg, msg: typeErrorMsg("string", v)}
			}
			if err := buf.chargeText(v, s); err != nil {
				return err
			}
			if err := buf.reserve(quotedLen(s)); err != nil {
				return err
			}
			buf.b = appendQuoted(buf.b, s)
			continue
		case 's':
			s, ok := toStringArg(v, numText[:0])
			if !ok {
				return &argError{n: narg, msg: typeErrorMsg("string", v)}
			}
			if err := buf.chargeText(v, s); err != nil {
				return err
			}
			if sp.prec < 0 && len(s) >= 100 {
				// 5.1 keeps a long string as it is, NULs included.
				if err := buf.appendString(s); err != nil {
					return err
				}
				continue
			}
			if j := strings.IndexByte(s, 0); j >= 0 {
				s = s[:j] // sprintf's %s reads a C string
			}
			piece = appendCString(piece, sp, s)
		case 0: // the format ends inside the item; C prints no character
			return &luaError{msg: "invalid option '%' to 'format'"}
		default:
			opt := [1]byte{sp.conv}
			return &luaError{msg: "invalid option '%" + string(opt[:]) + "' to 'format'"}
		}
		if err := buf.reserve(len(piece)); err != nil {
			return err
		}
		buf.b = append(buf.b, piece...)
	}
	return nil
}

// formatPieceMax bounds the text of one conversion other than %s of a
// long string and %q: the width and the precision have at most two
// digits, so the longest is %99.99f of the largest double (309 integer
// digits, the point and 99 decimals) or a string cut or padded to 99.
const formatPieceMax = 512

// scanFormat parses the conversion specification starting after the '%'
// at format[i:] (scanformat in lstrlib.c) and returns it with the index
// after its conversion character.
func scanFormat(format string, i int) (cSpec, int, error) {
	sp := cSpec{prec: -1}
	at := func(j int) byte {
		if j < len(format) {
			return format[j]
		}
		return 0
	}
	start := i
	for ; i < len(format) && strings.IndexByte(formatFlags, format[i]) >= 0; i++ {
		switch format[i] {
		case '-':
			sp.minus = true
		case '+':
			sp.plus = true
		case ' ':
			sp.space = true
		case '#':
			sp.hash = true
		case '0':
			sp.zero = true
		}
	}
	if i-start >= len(formatFlags)+1 { // sizeof(FLAGS) counts the NUL
		return sp, i, &luaError{msg: "invalid format (repeated flags)"}
	}
	isDigit := func(c byte) bool { return c >= '0' && c <= '9' }
	for k := 0; k < 2 && isDigit(at(i)); k++ {
		sp.width = sp.width*10 + int(format[i]-'0')
		i++
	}
	if at(i) == '.' {
		i++
		sp.prec = 0
		for k := 0; k < 2 && isDigit(at(i)); k++ {
			sp.prec = sp.prec*10 + int(format[i]-'0')
			i++
		}
	}
	if isDigit(at(i)) {
		return sp, i, &luaError{msg: "invalid format (width or precision too long)"}
	}
	sp.conv = at(i)
	return sp, i + 1, nil
}

// toStringArg converts a string or number argument to its text
// (luaL_checklstring); a number's digits are written into buf and returned
// as a new string (see strBuf.chargeText).
func toStringArg(v vm.Value, buf []byte) (string, bool) {
	switch v.Kind() {
	case vm.KindString:
		return v.AsString(), true
	case vm.KindInt, vm.KindFloat:
		return string(vm.AppendNumber(buf, v)), true
	}
	return "", false
}

// cutAtNUL cuts b at its first zero byte, as strlen sees a C string.
func cutAtNUL(b []byte) []byte {
	for i, c := range b {
		if c == 0 {
			return b[:i]
		}
	}
	return b
}

// quotedLen is the length of appendQuoted's output for s.
func quotedLen(s string) int {
	n := 2 + len(s)
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '"', '\\', '\n', '\r':
			n++
		case 0:
			n += 3
		}
	}
	return n
}

// appendQuoted appends s as %q writes it (addquoted in lstrlib.c).
func appendQuoted(dst []byte, s string) []byte {
	dst = append(dst, '"')
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '"', '\\', '\n':
			dst = append(dst, '\\', c)
		case '\r':
			dst = append(dst, '\\', 'r')
		case 0:
			dst = append(dst, '\\', '0', '0', '0')
		default:
			dst = append(dst, c)
		}
	}
	return append(dst, '"')
}
