// Package lexer splits Lua 5.1 source into tokens.
//
// The lexer is a hand-written scanner modelled on llex.c of Lua 5.1. It
// works on bytes, not runes: identifiers are ASCII letters, digits and '_'
// (the C locale), and every other byte is either part of a string, a comment
// or a one-byte token of its own (which the parser then rejects as an
// "unexpected symbol"). Latin-1 or UTF-8 bytes inside strings pass through
// unchanged.
//
// # Algorithm
//
// [Lexer.Next] skips white space and comments, then dispatches on the first
// byte of the token:
//
//   - letters and '_' start a name; a name that is one of the 21 reserved
//     words becomes a keyword token of its own type;
//   - digits, and '.' followed by a digit, start a numeral, scanned as
//     llex.c's read_numeral does (digits and dots, an optional exponent
//     sign after 'e'/'E', then any run of letters, digits and '_') and then
//     converted with the rules of C's strtod, so "0x1F", "1e5", ".5" and
//     "0x1p4" are numbers while "3x", "1e" and "1..2" are malformed;
//   - a double or single quote starts a short string, with the escapes \a \b \f \n \r \t
//     \v \\ \" \' \<newline> and \ddd (at most three decimal digits, at most
//     255); any other escaped byte stands for itself, as in Lua 5.1;
//   - '[' followed by '='* and '[' starts a long string of that level;
//     "--" starts a comment, long when followed by a long bracket.
//
// A line end is "\n", "\r", "\r\n" or "\n\r", each counted as one line, as
// in llex.c's inclinenumber. Positions are 1-based lines and byte columns.
//
// Errors are [*Error] values carrying Lua 5.1's message ("unfinished
// string", "malformed number", ...), the text Lua would quote after "near",
// and the line Lua would report (the line the scanner had reached).
//
// Numerals: a decimal numeral without '.' or exponent, or a hexadecimal one
// without '.' or 'p', whose value fits in int64 is an integer
// ([Token.IsInt]); every other numeral is a float64, rounded as strtod
// rounds.
package lexer

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Type is the type of a token. One-byte tokens ('+', '(', '@', ...) use
// the byte value itself as their type, as llex.c does; the other tokens use
// the constants below, all above 255.
type Type int32

// Token types other than single bytes.
const (
	EOF Type = -1 // end of input (participle's lexer.EOF)

	firstReserved Type = 257 + iota
	And
	Break
	Do
	Else
	Elseif
	End
	False
	For
	Function
	If
	In
	Local
	Nil
	Not
	Or
	Repeat
	Return
	Then
	True
	Until
	While
	lastReserved

	Concat // ..
	Dots   // ...
	Eq     // ==
	Ge     // >=
	Le     // <=
	Ne     // ~=
	Number // numeral
	Name   // identifier
	String // string literal (short or long)

	// Invalid marks the place where lexing failed; the parser reports the
	// lexer error when it reaches this token, as Lua would.
	Invalid
)

var typeNames = map[Type]string{
	EOF: "<eof>", And: "and", Break: "break", Do: "do", Else: "else",
	Elseif: "elseif", End: "end", False: "false", For: "for",
	Function: "function", If: "if", In: "in", Local: "local", Nil: "nil",
	Not: "not", Or: "or", Repeat: "repeat", Return: "return", Then: "then",
	True: "true", Until: "until", While: "while", Concat: "..", Dots: "...",
	Eq: "==", Ge: ">=", Le: "<=", Ne: "~=", Number: "<number>",
	Name: "<name>", String: "<string>", Invalid: "<invalid>",
}

// String returns the text luaX_token2str gives for the token type:
// reserved words and operators as written, "<name>", "<string>",
// "<number>" and "<eof>" for the classes, a byte as itself, and a control
// byte as "char(N)".
func (t Type) String() string {
	if t >= 0 && t < 256 {
		if t < 32 || t == 127 {
			return fmt.Sprintf("char(%d)", int(t))
		}
		return string([]byte{byte(t)})
	}
	if s, ok := typeNames[t]; ok {
		return s
	}
	return fmt.Sprintf("Type(%d)", int32(t))
}

// IsKeyword reports whether t is one of the 21 reserved words.
func (t Type) IsKeyword() bool { return t > firstReserved && t < lastReserved }

// Keywords maps each reserved word to its token type.
var Keywords = map[string]Type{
	"and": And, "break": Break, "do": Do, "else": Else, "elseif": Elseif,
	"end": End, "false": False, "for": For, "function": Function, "if": If,
	"in": In, "local": Local, "nil": Nil, "not": Not, "or": Or,
	"repeat": Repeat, "return": Return, "then": Then, "true": True,
	"until": Until, "while": While,
}

// keyword returns the type of a reserved word, or Name. A switch is
// several times faster than a lookup in Keywords.
func keyword(s string) Type {
	if len(s) < 2 || len(s) > 8 || s[0] < 'a' || s[0] > 'w' {
		return Name
	}
	switch s {
	case "and":
		return And
	case "break":
		return Break
	case "do":
		return Do
	case "else":
		return Else
	case "elseif":
		return Elseif
	case "end":
		return End
	case "false":
		return False
	case "for":
		return For
	case "function":
		return Function
	case "if":
		return If
	case "in":
		return In
	case "local":
		return Local
	case "nil":
		return Nil
	case "not":
		return Not
	case "or":
		return Or
	case "repeat":
		return Repeat
	case "return":
		return Return
	case "then":
		return Then
	case "true":
		return True
	case "until":
		return Until
	case "while":
		return While
	}
	return Name
}

// Token is one lexical token.
type Token struct {
	// Text is the name for a Name or keyword, the decoded value for a
	// String, the source text for a Number and an operator.
	Text string
	// Numeric value of a Number token: Int when IsInt, else Float.
	Int   int64
	Float float64
	Type  Type
	// Line and Col locate the first byte; EndLine and EndCol the position
	// just after the last byte. Offset and EndOffset are byte offsets.
	Line, Col         int32
	EndLine, EndCol   int32
	Offset, EndOffset int32
	IsInt             bool
}

// Error is a lexical error, worded as llex.c words it.
type Error struct {
	Line, Col int    // where the offending token starts
	LuaLine   int    // the line Lua reports (the scanner's current line)
	Msg       string // "unfinished string", "malformed number", ...
	// Near is the text Lua quotes after "near" ("<eof>", the token text
	// read so far); empty when Lua adds no "near" part.
	Near string
}

// Message returns the message as Lua prints it after "chunk:line:".
func (e *Error) Message() string {
	if e.Near == "" {
		return e.Msg
	}
	return e.Msg + " near '" + CString(e.Near) + "'"
}

// CString cuts s at its first NUL byte, as Lua's message formatting (a C
// "%s") does with the quoted token text.
func CString(s string) string {
	if i := strings.IndexByte(s, 0); i >= 0 {
		return s[:i]
	}
	return s
}

// Error formats the error as "line:col: message".
func (e *Error) Error() string {
	return fmt.Sprintf("%d:%d: %s", e.Line, e.Col, e.Message())
}

// Lexer scans one source text. The zero value is not usable; call [New].
type Lexer struct {
	src       string
	pos       int // offset of the next byte
	line      int // current line
	lineStart int // offset of the first byte of the current line
	buf       []byte
}

// New returns a lexer over src. The bytes are copied once into a string so
// that token texts can share it.
func New(src []byte) *Lexer {
	return &Lexer{src: string(src), line: 1}
}

// NewString returns a lexer over src.
func NewString(src string) *Lexer {
	return &Lexer{src: src, line: 1}
}

// Source returns the source text being scanned.
func (l *Lexer) Source() string { return l.src }

const (
	cAlpha = 1 << iota // letters and '_'
	cDigit
	cSpace
	cHex
)

var class [256]uint8

func init() {
	for c := 0; c < 256; c++ {
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c == '_':
			class[c] |= cAlpha
		case c >= '0' && c <= '9':
			class[c] |= cDigit
		case c == ' ', c == '\t', c == '\n', c == '\r', c == '\v', c == '\f':
			class[c] |= cSpace
		}
		if c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' {
			class[c] |= cHex
		}
	}
}

// cur returns the byte at pos, or -1 at the end of input.
func (l *Lexer) cur() int {
	if l.pos < len(l.src) {
		return int(l.src[l.pos])
	}
	return -1
}

func (l *Lexer) peekAt(i int) int {
	if l.pos+i < len(l.src) {
		return int(l.src[l.pos+i])
	}
	return -1
}

// newline consumes a line end ("\n", "\r", "\n\r" or "\r\n") at pos.
func (l *Lexer) newline() {
	c := l.src[l.pos]
	l.pos++
	if l.pos < len(l.src) {
		if d := l.src[l.pos]; (d == '\n' || d == '\r') && d != c {
			l.pos++
		}
	}
	l.line++
	l.lineStart = l.pos
}

func (l *Lexer) col() int { return l.pos - l.lineStart + 1 }

// errorf builds an error positioned at the token start (line, col).
func (l *Lexer) errorf(line, col int, msg, near string) *Error {
	return &Error{Line: line, Col: col, LuaLine: l.line, Msg: msg, Near: near}
}

// Next returns the next token. At the end of input it returns a token of
// type EOF (repeatedly). After an error the lexer must not be used again.
func (l *Lexer) Next() (Token, error) {
	// Skip white space and comments.
	for l.pos < len(l.src) {
		c := l.src[l.pos]
		if c == '\n' || c == '\r' {
			l.newline()
			continue
		}
		if class[c]&cSpace != 0 {
			l.pos++
			continue
		}
		if c == '-' && l.peekAt(1) == '-' {
			line, col := l.line, l.col()
			l.pos += 2
			if l.cur() == '[' {
				save := l.pos
				if sep := l.skipSep(); sep >= 0 {
					if _, err := l.longString(line, col, sep, false); err != nil {
						return Token{}, err
					}
					continue
				}
				l.pos = save
			}
			for l.pos < len(l.src) && l.src[l.pos] != '\n' && l.src[l.pos] != '\r' {
				l.pos++
			}
			continue
		}
		break
	}
	tok := Token{Line: int32(l.line), Col: int32(l.col()), Offset: int32(l.pos)}
	if l.pos >= len(l.src) {
		tok.Type = EOF
		tok.EndLine, tok.EndCol, tok.EndOffset = tok.Line, tok.Col, tok.Offset
		return tok, nil
	}
	line, col := int(tok.Line), int(tok.Col)
	start := l.pos
	c := l.src[l.pos]
	switch {
	case class[c]&cAlpha != 0:
		l.pos++
		for l.pos < len(l.src) && class[l.src[l.pos]]&(cAlpha|cDigit) != 0 {
			l.pos++
		}
		tok.Text = l.src[start:l.pos]
		tok.Type = keyword(tok.Text)
	case class[c]&cDigit != 0:
		if err := l.numeral(&tok); err != nil {
			return Token{}, err
		}
	default:
		l.pos++
		tok.Type = Type(c)
		switch c {
		case '"', '\'':
			s, err := l.shortString(line, col, c)
			if err != nil {
				return Token{}, err
			}
			tok.Type, tok.Text = String, s
		case '[':
			l.pos = start
			sep := l.skipSep()
			if sep >= 0 {
				s, err := l.longString(line, col, sep, true)
				if err != nil {
					return Token{}, err
				}
				tok.Type, tok.Text = String, s
			} else if sep != -1 {
				return Token{}, l.errorf(line, col, "invalid long string delimiter", l.src[start:l.pos])
			}
		case '=':
			if l.cur() == '=' {
				l.pos++
				tok.Type = Eq
			}
		case '<':
			if l.cur() == '=' {
				l.pos++
				tok.Type = Le
			}
		case '>':
			if l.cur() == '=' {
				l.pos++
				tok.Type = Ge
			}
		case '~':
			if l.cur() == '=' {
				l.pos++
				tok.Type = Ne
			}
		case '.':
			// llex.c tests these with check_next(ls, "."), and C's
			// strchr also finds the NUL ending ".": a NUL byte counts as
			// a dot here, as in lua5.1.
			if c := l.cur(); c == '.' || c == 0 {
				l.pos++
				tok.Type = Concat
				if c := l.cur(); c == '.' || c == 0 {
					l.pos++
					tok.Type = Dots
				}
			} else if c := l.cur(); c >= 0 && class[c]&cDigit != 0 {
				l.pos = start
				if err := l.numeral(&tok); err != nil {
					return Token{}, err
				}
			}
		}
		if tok.Type != String && tok.Type != Number {
			tok.Text = l.src[start:l.pos]
		}
	}
	tok.EndLine, tok.EndCol, tok.EndOffset = int32(l.line), int32(l.col()), int32(l.pos)
	return tok, nil
}

// skipSep is llex.c's skip_sep: at a '[' or ']', it consumes the bracket
// and any '=' signs and returns their count if the same bracket follows,
// else -count-1. The second bracket is not consumed.
func (l *Lexer) skipSep() int {
	s := l.src[l.pos]
	l.pos++
	count := 0
	for l.pos < len(l.src) && l.src[l.pos] == '=' {
		l.pos++
		count++
	}
	if l.pos < len(l.src) && l.src[l.pos] == s {
		return count
	}
	return -count - 1
}

// longString reads a long string or comment whose opening bracket of level
// sep has been read up to its second '['. It returns the contents, with
// line ends normalised to "\n" and a first line end dropped.
func (l *Lexer) longString(line, col, sep int, isString bool) (string, error) {
	l.pos++ // second '['
	if c := l.cur(); c == '\n' || c == '\r' {
		l.newline()
	}
	contentStart := l.pos
	simple := true // no '\r' seen and no first-newline skip problem
	for {
		if l.pos >= len(l.src) {
			msg := "unfinished long comment"
			if isString {
				msg = "unfinished long string"
			}
			return "", l.errorf(line, col, msg, "<eof>")
		}
		switch c := l.src[l.pos]; c {
		case '[':
			// LUA_COMPAT_LSTR == 1: a nested "[[" in a level-0 long
			// string or comment is an error.
			if l.skipSep() == sep && sep == 0 {
				return "", l.errorf(line, col, "nesting of [[...]] is deprecated", "[")
			}
		case ']':
			closeStart := l.pos
			if l.skipSep() == sep {
				l.pos++ // second ']'
				if !isString {
					return "", nil
				}
				if simple {
					return l.src[contentStart:closeStart], nil
				}
				return normaliseNewlines(l.src[contentStart:closeStart]), nil
			}
		case '\n', '\r':
			if c == '\r' || l.peekAt(1) == '\r' {
				simple = false
			}
			l.newline()
		default:
			l.pos++
		}
	}
}

// normaliseNewlines replaces every line end sequence by "\n".
func normaliseNewlines(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '\n' || c == '\r' {
			if i+1 < len(s) && (s[i+1] == '\n' || s[i+1] == '\r') && s[i+1] != c {
				i++
			}
			b.WriteByte('\n')
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

// shortString reads a quoted string whose opening quote del has been
// consumed, decoding escapes as llex.c's read_string does.
func (l *Lexer) shortString(line, col int, del byte) (string, error) {
	start := l.pos
	// Fast path: no escapes and no line ends.
	for l.pos < len(l.src) {
		c := l.src[l.pos]
		if c == del {
			l.pos++
			return l.src[start : l.pos-1], nil
		}
		if c == '\\' || c == '\n' || c == '\r' {
			break
		}
		l.pos++
	}
	buf := append(l.buf[:0], l.src[start:l.pos]...)
	near := func() string { return string(del) + string(buf) }
	for {
		if l.pos >= len(l.src) {
			return "", l.errorf(line, col, "unfinished string", "<eof>")
		}
		c := l.src[l.pos]
		switch c {
		case del:
			l.pos++
			l.buf = buf
			return string(buf), nil
		case '\n', '\r':
			return "", l.errorf(line, col, "unfinished string", near())
		case '\\':
			l.pos++
			if l.pos >= len(l.src) {
				continue // unfinished string at the next iteration
			}
			e := l.src[l.pos]
			switch e {
			case 'a':
				buf = append(buf, '\a')
			case 'b':
				buf = append(buf, '\b')
			case 'f':
				buf = append(buf, '\f')
			case 'n':
				buf = append(buf, '\n')
			case 'r':
				buf = append(buf, '\r')
			case 't':
				buf = append(buf, '\t')
			case 'v':
				buf = append(buf, '\v')
			case '\n', '\r':
				buf = append(buf, '\n')
				l.newline()
				continue
			default:
				if class[e]&cDigit == 0 {
					buf = append(buf, e) // \\, \", \' and any other byte
					break
				}
				v := 0
				for i := 0; i < 3 && l.pos < len(l.src) && class[l.src[l.pos]]&cDigit != 0; i++ {
					v = v*10 + int(l.src[l.pos]-'0')
					l.pos++
				}
				if v > 255 {
					return "", l.errorf(line, col, "escape sequence too large", near())
				}
				buf = append(buf, byte(v))
				continue
			}
			l.pos++
		default:
			buf = append(buf, c)
			l.pos++
		}
	}
}

// numeral scans a numeral as read_numeral does and converts it.
func (l *Lexer) numeral(tok *Token) error {
	start := l.pos
	for l.pos < len(l.src) && (class[l.src[l.pos]]&cDigit != 0 || l.src[l.pos] == '.') {
		l.pos++
	}
	// check_next(ls, "Ee") and check_next(ls, "+-"): like C's strchr,
	// they also accept a NUL byte.
	if c := l.cur(); c == 'e' || c == 'E' || c == 0 {
		l.pos++
		if c := l.cur(); c == '+' || c == '-' || c == 0 {
			l.pos++
		}
	}
	for l.pos < len(l.src) && class[l.src[l.pos]]&(cAlpha|cDigit) != 0 {
		l.pos++
	}
	text := l.src[start:l.pos]
	tok.Type = Number
	tok.Text = text
	// luaO_str2d sees the buffer as a C string, which ends at a NUL.
	isInt, i, f, ok := ParseNumber(CString(text))
	if !ok {
		return l.errorf(int(tok.Line), int(tok.Col), "malformed number", text)
	}
	tok.IsInt, tok.Int, tok.Float = isInt, i, f
	return nil
}

// ParseNumber converts a numeral the way luaO_str2d does (C's strtod,
// which accepts decimal and hexadecimal forms, followed by nothing). The
// numeral is an integer when it has no fraction or exponent and fits in
// int64; then f is its value as a float64 too.
func ParseNumber(s string) (isInt bool, i int64, f float64, ok bool) {
	if len(s) >= 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X') {
		return parseHex(s[2:])
	}
	n := 0
	digits := 0
	for n < len(s) && class[s[n]]&cDigit != 0 {
		n++
		digits++
	}
	intPart := n
	if n < len(s) && s[n] == '.' {
		n++
		for n < len(s) && class[s[n]]&cDigit != 0 {
			n++
			digits++
		}
	}
	if digits == 0 {
		return false, 0, 0, false
	}
	n = skipExponent(s, n, 'e')
	if n != len(s) {
		return false, 0, 0, false
	}
	if intPart == len(s) {
		if v, err := strconv.ParseInt(s, 10, 64); err == nil {
			return true, v, float64(v), true
		}
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil && !isRangeErr(err) {
		return false, 0, 0, false
	}
	return false, 0, v, true
}

// skipExponent returns the index after an exponent starting at s[n]
// (marker, either case, an optional sign and decimal digits), or n when
// there is none; like strtod, a marker without digits is not consumed.
func skipExponent(s string, n int, marker byte) int {
	if n >= len(s) || s[n]|0x20 != marker {
		return n
	}
	m := n + 1
	if m < len(s) && (s[m] == '+' || s[m] == '-') {
		m++
	}
	e := m
	for m < len(s) && class[s[m]]&cDigit != 0 {
		m++
	}
	if m > e {
		return m
	}
	return n
}

func isRangeErr(err error) bool {
	ne, ok := err.(*strconv.NumError)
	return ok && ne.Err == strconv.ErrRange
}

// parseHex converts the part of a hexadecimal numeral after "0x" as glibc's
// strtod does: hex digits, an optional '.' and fraction, an optional binary
// exponent 'p'.
func parseHex(s string) (isInt bool, i int64, f float64, ok bool) {
	n := 0
	digits := 0
	for n < len(s) && class[s[n]]&cHex != 0 {
		n++
		digits++
	}
	intPart := n
	if n < len(s) && s[n] == '.' {
		n++
		for n < len(s) && class[s[n]]&cHex != 0 {
			n++
			digits++
		}
	}
	if digits == 0 {
		return false, 0, 0, false
	}
	mant := n
	n = skipExponent(s, n, 'p')
	if n != len(s) {
		return false, 0, 0, false
	}
	if intPart == len(s) {
		if v, err := strconv.ParseUint(s, 16, 64); err == nil && v <= math.MaxInt64 {
			return true, int64(v), float64(v), true
		}
	}
	// Go's hexadecimal float syntax needs an exponent.
	text := "0x" + s
	if mant == len(s) {
		text += "p0"
	}
	v, err := strconv.ParseFloat(text, 64)
	if err != nil && !isRangeErr(err) {
		return false, 0, 0, false
	}
	return false, 0, v, true
}
