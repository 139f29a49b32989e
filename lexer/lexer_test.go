package lexer_test

import (
	"math"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kestrel-runtime/lua/lexer"
)

// lexAll returns the tokens of src up to and including EOF, or the error.
func lexAll(src string) ([]lexer.Token, error) {
	l := lexer.NewString(src)
	var toks []lexer.Token
	for {
		t, err := l.Next()
		if err != nil {
			return toks, err
		}
		toks = append(toks, t)
		if t.Type == lexer.EOF {
			return toks, nil
		}
	}
}

func types(toks []lexer.Token) []lexer.Type {
	out := make([]lexer.Type, len(toks))
	for i, t := range toks {
		out[i] = t.Type
	}
	return out
}

func TestEveryTokenKind(t *testing.T) {
	toks, err := lexAll("and break do else elseif end false for function if in local nil not or repeat return then true until while " +
		"name _x1 + - * / % ^ # == ~= <= >= < > = ( ) { } [ ] ; : , . .. ... 1 'a' \"b\" [[c]] ~ @")
	require.NoError(t, err)
	want := []lexer.Type{
		lexer.And, lexer.Break, lexer.Do, lexer.Else, lexer.Elseif, lexer.End, lexer.False, lexer.For,
		lexer.Function, lexer.If, lexer.In, lexer.Local, lexer.Nil, lexer.Not, lexer.Or, lexer.Repeat,
		lexer.Return, lexer.Then, lexer.True, lexer.Until, lexer.While,
		lexer.Name, lexer.Name, '+', '-', '*', '/', '%', '^', '#', lexer.Eq, lexer.Ne, lexer.Le, lexer.Ge,
		'<', '>', '=', '(', ')', '{', '}', '[', ']', ';', ':', ',', '.', lexer.Concat, lexer.Dots,
		lexer.Number, lexer.String, lexer.String, lexer.String, '~', '@', lexer.EOF,
	}
	assert.Equal(t, want, types(toks))
	for _, tok := range toks[:21] {
		assert.True(t, tok.Type.IsKeyword(), "%s is a keyword", tok.Text)
	}
}

func TestStringEscapesDecodeAsLua51(t *testing.T) {
	tests := []struct{ src, want string }{
		{`"abc"`, "abc"},
		{`'it''s'`, "it"}, // two strings; the first is checked
		{`"\a\b\f\n\r\t\v\\\"\'"`, "\a\b\f\n\r\t\v\\\"'"},
		{`"\65\066\0677"`, "AB\x437"},
		{`"\0x"`, "\x00x"},
		{`"\255"`, "\xff"},
		{`"\q\z"`, "qz"},
		{"\"a\\\nb\"", "a\nb"},
		{"\"a\\\r\nb\"", "a\nb"},
		{"\"caf\xe9 \xff\"", "caf\xe9 \xff"},
		{"[[\nfirst newline skipped]]", "first newline skipped"},
		{"[[\r\nx]]", "x"},
		{"[==[a]]b]=]c]==]", "a]]b]=]c"},
		{"[[a\r\nb\n\rc\rd]]", "a\nb\nc\nd"},
	}
	for _, tt := range tests {
		toks, err := lexAll(tt.src)
		require.NoError(t, err, tt.src)
		require.Equal(t, lexer.String, toks[0].Type, tt.src)
		assert.Equal(t, tt.want, toks[0].Text, "value of %q", tt.src)
	}
}

func TestNumerals(t *testing.T) {
	tests := []struct {
		src   string
		isInt bool
		i     int64
		f     float64
	}{
		{"0", true, 0, 0},
		{"42", true, 42, 0},
		{"0x2A", true, 42, 0},
		{"9223372036854775807", true, 1<<63 - 1, 0},
		{"9223372036854775808", false, 0, 1 << 63},
		{"1.5", false, 0, 1.5},
		{".25", false, 0, .25},
		{"3.", false, 0, 3},
		{"1e3", false, 0, 1000},
		{"1E+3", false, 0, 1000},
		{"25e-2", false, 0, .25},
		{"0x1P4", false, 0, 16},
		{"1e400", false, 0, math.Inf(1)}, // as strtod gives
	}
	for _, tt := range tests {
		toks, err := lexAll(tt.src)
		require.NoError(t, err, tt.src)
		tok := toks[0]
		require.Equal(t, lexer.Number, tok.Type, tt.src)
		assert.Equal(t, tt.src, tok.Text)
		assert.Equal(t, tt.isInt, tok.IsInt, "IsInt of %s", tt.src)
		if tt.isInt {
			assert.Equal(t, tt.i, tok.Int, tt.src)
		} else {
			assert.Equal(t, tt.f, tok.Float, tt.src)
		}
	}
}

func TestLineEndsCountOnce(t *testing.T) {
	toks, err := lexAll("a\nb\r\nc\n\rd\re\n\nf")
	require.NoError(t, err)
	var lines []int32
	for _, tok := range toks[:6] {
		lines = append(lines, tok.Line)
	}
	assert.Equal(t, []int32{1, 2, 3, 4, 5, 7}, lines)
}

func TestPositions(t *testing.T) {
	toks, err := lexAll("local x = [[a\nbc]] -- c\n  y")
	require.NoError(t, err)
	s := toks[3]
	assert.Equal(t, lexer.String, s.Type)
	assert.Equal(t, [4]int32{1, 11, 2, 5}, [4]int32{s.Line, s.Col, s.EndLine, s.EndCol})
	y := toks[4]
	assert.Equal(t, [2]int32{3, 3}, [2]int32{y.Line, y.Col})
	assert.Equal(t, lexer.EOF, toks[5].Type)
}

func TestCommentsAreSkipped(t *testing.T) {
	toks, err := lexAll("-- line\n--[[ long\n]] --[==[ x ]] ]==] a --[ short\n--[=x short\nb")
	require.NoError(t, err)
	assert.Equal(t, []lexer.Type{lexer.Name, lexer.Name, lexer.EOF}, types(toks))
}

func TestErrorsUseLua51Wording(t *testing.T) {
	tests := []struct {
		src     string
		message string
		line    int
		col     int
		luaLine int
	}{
		{`x = "abc`, "unfinished string near '<eof>'", 1, 5, 1},
		{"x = 'abc\ny'", "unfinished string near ''abc'", 1, 5, 1},
		{`x = "a\300"`, `escape sequence too large near '"a'`, 1, 5, 1},
		{"x = [[abc\n", "unfinished long string near '<eof>'", 1, 5, 2},
		{"--[==[abc\n\n", "unfinished long comment near '<eof>'", 1, 1, 3},
		{"x = [==x", "invalid long string delimiter near '[=='", 1, 5, 1},
		{"x = [[ [[ ]]", "nesting of [[...]] is deprecated near '['", 1, 5, 1},
		{"x = 3x", "malformed number near '3x'", 1, 5, 1},
		{"x = 0x", "malformed number near '0x'", 1, 5, 1},
		{"x = 1.2.3", "malformed number near '1.2.3'", 1, 5, 1},
		{"x = 1e+", "malformed number near '1e+'", 1, 5, 1},
		{"\n\n  08z", "malformed number near '08z'", 3, 3, 3},
	}
	for _, tt := range tests {
		_, err := lexAll(tt.src)
		var le *lexer.Error
		require.ErrorAs(t, err, &le, tt.src)
		assert.Equal(t, tt.message, le.Message(), tt.src)
		assert.Equal(t, [3]int{tt.line, tt.col, tt.luaLine}, [3]int{le.Line, le.Col, le.LuaLine}, "position of %q", tt.src)
	}
}

func TestTypeStringsAreLuaTokenNames(t *testing.T) {
	assert.Equal(t, "<eof>", lexer.EOF.String())
	assert.Equal(t, "<name>", lexer.Name.String())
	assert.Equal(t, "...", lexer.Dots.String())
	assert.Equal(t, "+", lexer.Type('+').String())
	assert.Equal(t, "char(1)", lexer.Type(1).String())
	assert.Equal(t, "\xe9", lexer.Type(0xe9).String())
}

// benchSource is a mix of typical rule code, about 40 KB.
var benchSource = strings.Repeat(`-- Detect shells started from temporary directories.
return function(event)
    local exe = event:get_str(1)
    if not exe then
        return false
    end
    local args, n = {}, 0
    for i = 1, #exe do n = n + i * 2.5e-1 end
    local msg = "suspicious \"exec\"\tfrom " .. exe .. [[ (long
string) ]] .. 'x' .. 0x1F
    return string.contains(exe, "/tmp/") or
           string.endswith(exe, ".sh") and
           not string.startswith(exe, "/bin/") and n >= 10
end
`, 100)

func BenchmarkLex(b *testing.B) {
	src := []byte(benchSource)
	b.ReportAllocs()
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		l := lexer.New(src)
		for {
			t, err := l.Next()
			if err != nil {
				b.Fatal(err)
			}
			if t.Type == lexer.EOF {
				break
			}
		}
	}
}

func TestKeywordsTableAgreesWithTheScanner(t *testing.T) {
	for word, typ := range lexer.Keywords {
		toks, err := lexAll(word)
		require.NoError(t, err)
		assert.Equal(t, typ, toks[0].Type, word)
		toks, err = lexAll(word + "x")
		require.NoError(t, err)
		assert.Equal(t, lexer.Name, toks[0].Type, word+"x")
	}
}
