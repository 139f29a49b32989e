package parser_test

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kestrel-runtime/lua/ast"
	"github.com/kestrel-runtime/lua/parser"
)

var update = flag.Bool("update", false, "rewrite golden files")

// predicate is the rule of issue 2's parsing target.
const predicate = `return function(event)
    local exe = event:get_str(1)
    if not exe then
        return false
    end
    return string.contains(exe, "/tmp/") or
           string.endswith(exe, ".sh") and
           not string.startswith(exe, "/bin/")
end
`

func mustParse(t *testing.T, src string) *ast.Chunk {
	t.Helper()
	c, err := parser.Parse("test", []byte(src))
	require.NoError(t, err, "source: %s", src)
	return c
}

// shape renders an expression fully parenthesised, to check grouping.
func shape(e ast.Expr) string {
	switch e := e.(type) {
	case *ast.Binary:
		return "(" + shape(e.X) + " " + e.Op.String() + " " + shape(e.Y) + ")"
	case *ast.Unary:
		return "(" + e.Op.String() + " " + shape(e.X) + ")"
	case *ast.Name:
		return e.Name
	case *ast.Number:
		return e.Raw
	case *ast.Paren:
		return "[" + shape(e.X) + "]"
	case *ast.Call:
		return shape(e.Fn) + "()"
	}
	return fmt.Sprintf("%T", e)
}

func TestPrecedenceFollowsLparser(t *testing.T) {
	tests := []struct{ src, want string }{
		{"-x^2", "(- (x ^ 2))"},
		{"2^-3^2", "(2 ^ (- (3 ^ 2)))"},
		{"a..b..c", "(a .. (b .. c))"},
		{"not a == b", "((not a) == b)"},
		{"a < b .. c + d", "(a < (b .. (c + d)))"},
		{"a + b * c - d", "((a + (b * c)) - d)"},
		{"a or b and c or d", "((a or (b and c)) or d)"},
		{"a == b ~= c", "((a == b) ~= c)"},
		{"-a * #b % c / d", "((((- a) * (# b)) % c) / d)"},
		{"a ^ b ^ c", "(a ^ (b ^ c))"},
		{"(a + b) * c", "([(a + b)] * c)"},
		{"not not a", "(not (not a))"},
		{"a .. b == c and d", "(((a .. b) == c) and d)"},
		{"1 + 2 < 3 .. 4", "((1 + 2) < (3 .. 4))"},
		{"f() + a", "(f() + a)"},
	}
	for _, tt := range tests {
		c := mustParse(t, "return "+tt.src)
		ret := c.Block.Stmts[0].(*ast.Return)
		assert.Equal(t, tt.want, shape(ret.Exprs[0]), "grouping of %s", tt.src)
	}
}

func TestNumbersAreIntegersWhenTheyFitInt64(t *testing.T) {
	tests := []struct {
		src   string
		isInt bool
		i     int64
		f     float64
	}{
		{"1", true, 1, 0},
		{"010", true, 10, 0},
		{"0x10", true, 16, 0},
		{"0XfF", true, 255, 0},
		{"9223372036854775807", true, 9223372036854775807, 0},
		{"0x7fffffffffffffff", true, 9223372036854775807, 0},
		{"9223372036854775808", false, 0, 9223372036854775808},
		{"0xffffffffffffffff", false, 0, 18446744073709551615},
		{"1.0", false, 0, 1},
		{"1e2", false, 0, 100},
		{".5", false, 0, 0.5},
		{"5.", false, 0, 5},
		{"0x1p4", false, 0, 16},
		{"2.5E-1", false, 0, 0.25},
	}
	for _, tt := range tests {
		c := mustParse(t, "return "+tt.src)
		n, ok := c.Block.Stmts[0].(*ast.Return).Exprs[0].(*ast.Number)
		require.True(t, ok, "%s is a number", tt.src)
		assert.Equal(t, tt.src, n.Raw)
		assert.Equal(t, tt.isInt, n.IsInt, "IsInt of %s", tt.src)
		if tt.isInt {
			assert.Equal(t, tt.i, n.Int, "value of %s", tt.src)
		} else {
			assert.Equal(t, tt.f, n.Float, "value of %s", tt.src)
		}
	}
}

func TestCallSugarAndMethodNames(t *testing.T) {
	c := mustParse(t, "f'a' f{1} a.b:c(1) function a.b.c:m(x) end local function l() end")
	require.Len(t, c.Block.Stmts, 5)

	call := c.Block.Stmts[0].(*ast.CallStmt).Call.(*ast.Call)
	require.Len(t, call.Args, 1)
	assert.Equal(t, "a", call.Args[0].(*ast.String).Value)

	call = c.Block.Stmts[1].(*ast.CallStmt).Call.(*ast.Call)
	require.Len(t, call.Args, 1)
	assert.IsType(t, &ast.Table{}, call.Args[0])

	m := c.Block.Stmts[2].(*ast.CallStmt).Call.(*ast.MethodCall)
	assert.Equal(t, "c", m.Name.Name)
	idx := m.Recv.(*ast.Index)
	assert.True(t, idx.Dot)
	assert.Equal(t, "b", idx.Key.(*ast.String).Value)

	fs := c.Block.Stmts[3].(*ast.FunctionStmt)
	assert.Equal(t, "a.b.c:m", fs.Func.Name)
	assert.Equal(t, "m", fs.Name.Method.Name)
	require.Len(t, fs.Func.Params, 1, "self is not added to the parameters")
	assert.Equal(t, "x", fs.Func.Params[0].Name)

	lf := c.Block.Stmts[4].(*ast.LocalFunction)
	assert.Equal(t, "l", lf.Func.Name)
}

func TestPositionsAreLineAndByteColumn(t *testing.T) {
	c := mustParse(t, "local x = 1\n  return x +\n y")
	local := c.Block.Stmts[0].(*ast.Local)
	assert.Equal(t, ast.Pos{Line: 1, Col: 1}, local.Pos())
	assert.Equal(t, ast.Pos{Line: 1, Col: 12}, local.End())
	ret := c.Block.Stmts[1].(*ast.Return)
	assert.Equal(t, ast.Pos{Line: 2, Col: 3}, ret.Pos())
	bin := ret.Exprs[0].(*ast.Binary)
	assert.Equal(t, ast.Pos{Line: 2, Col: 12}, bin.OpPos)
	assert.Equal(t, ast.Pos{Line: 3, Col: 3}, bin.End())
	assert.Equal(t, ast.Pos{Line: 3, Col: 3}, c.Block.End())
}

func TestSyntaxErrorRenderings(t *testing.T) {
	_, err := parser.Parse("rule.lua", []byte("local a = 1\nx = = 1"))
	var se *parser.SyntaxError
	require.True(t, errors.As(err, &se))
	assert.Equal(t, "rule.lua", se.Chunk)
	assert.Equal(t, ast.Pos{Line: 2, Col: 5}, se.Pos)
	assert.Equal(t, "unexpected symbol near '='", se.Msg)
	assert.Equal(t, "rule.lua:2:5: unexpected symbol near '='", se.Error())
	assert.Equal(t, "rule.lua:2: unexpected symbol near '='", se.LuaMessage())
}

func TestLuaLineIsTheLastLineOfAMultiLineToken(t *testing.T) {
	// lua5.1 reports the line its lexer reached: the end of the long
	// string, while the column points at its start.
	_, err := parser.Parse("r", []byte("x = 1 [[a\nb\nc]]"))
	var se *parser.SyntaxError
	require.ErrorAs(t, err, &se)
	assert.Equal(t, "r:3: unexpected symbol near '[[a\nb\nc]]'", se.LuaMessage())
	assert.Equal(t, ast.Pos{Line: 1, Col: 7}, se.Pos)
}

// TestNestingIsLimitedAsInLua checks lparser.c's LUAI_MAXCCALLS limit at
// the exact depth where lua5.1's loadstring stops, and that absurd depths
// fail cleanly instead of exhausting the Go stack.
func TestNestingIsLimitedAsInLua(t *testing.T) {
	nest := func(open, mid, close string, n int) string {
		return strings.Repeat(open, n) + mid + strings.Repeat(close, n)
	}
	tests := []struct {
		name string
		src  string
		ok   bool
	}{
		{"196 parentheses", "return " + nest("(", "1", ")", 196), true},
		{"197 parentheses", "return " + nest("(", "1", ")", 197), false},
		{"197 do blocks", nest("do ", "", " end", 197), true},
		{"198 do blocks", nest("do ", "", " end", 198), false},
		{"197 tables", "x = " + nest("{", "", "}", 197), true},
		{"198 tables", "x = " + nest("{", "", "}", 198), false},
		{"a million parentheses", "return " + strings.Repeat("(", 1_000_000), false},
		{"100000 unary minus", "return " + strings.Repeat("- ", 100_000) + "1", false},
		{"a million brackets", "x = " + strings.Repeat("{[(", 333_333), false},
		{"nested functions up to the size limit", strings.Repeat("function f() ", parser.MaxSourceSize/13), false},
		{"100000 concatenations", "return " + strings.Repeat("a .. ", 100_000) + "a", false},
		{"ifs up to the size limit", strings.Repeat("if x then ", parser.MaxSourceSize/10), false},
	}
	for _, tt := range tests {
		_, err := parser.Parse("r", []byte(tt.src))
		if tt.ok {
			assert.NoError(t, err, tt.name)
			continue
		}
		var se *parser.SyntaxError
		if assert.ErrorAs(t, err, &se, tt.name) {
			assert.Equal(t, "chunk has too many syntax levels", se.Msg, tt.name)
		}
	}
}

func TestAssignmentTargetsAreLimited(t *testing.T) {
	// lparser.c: checklimit(fs, nvars, LUAI_MAXCCALLS - nCcalls,
	// "variables in assignment"); lua5.1's loadstring accepts 197 targets.
	targets := func(n int) string {
		s := make([]string, n)
		for i := range s {
			s[i] = "a"
		}
		return strings.Join(s, ", ") + " = 1"
	}
	_, err := parser.Parse("r", []byte(targets(198)))
	assert.NoError(t, err)
	_, err = parser.Parse("r", []byte(targets(199)))
	var se *parser.SyntaxError
	require.ErrorAs(t, err, &se)
	assert.Equal(t, "r:1: main function has more than 197 variables in assignment", se.LuaMessage())
}

func TestSourceSizeIsLimited(t *testing.T) {
	src := make([]byte, parser.MaxSourceSize+1)
	_, err := parser.Parse("big", src)
	var se *parser.SyntaxError
	require.ErrorAs(t, err, &se)
	assert.Contains(t, se.Msg, "source too large")
}

func conformanceDir() string {
	if d := os.Getenv("KESTREL_LUA51_TESTS"); d != "" {
		return d
	}
	return filepath.Join("..", "..", "shared", "conformance", "lua5.1-tests")
}

func conformanceFiles(t *testing.T) []string {
	files, _ := filepath.Glob(filepath.Join(conformanceDir(), "*.lua"))
	if len(files) == 0 {
		t.Skipf("no Lua 5.1 test suite in %s (set KESTREL_LUA51_TESTS)", conformanceDir())
	}
	return files
}

// TestConformanceSuiteParses parses every file of the upstream Lua 5.1
// test suite (after the "#" first line that lua.c skips).
func TestConformanceSuiteParses(t *testing.T) {
	for _, f := range conformanceFiles(t) {
		src, err := os.ReadFile(f)
		require.NoError(t, err)
		_, err = parser.Parse(filepath.Base(f), parser.SkipShebang(src))
		assert.NoError(t, err, f)
	}
}

// TestPrintThenParseGivesTheSameTree parses, prints with ast.Print and
// parses again: the trees must be equal, positions aside.
func TestPrintThenParseGivesTheSameTree(t *testing.T) {
	var sources []string
	for _, f := range conformanceFiles(t) {
		src, err := os.ReadFile(f)
		require.NoError(t, err)
		sources = append(sources, string(parser.SkipShebang(src)))
	}
	for _, file := range scriptFiles(t) {
		for _, c := range readChunks(t, file) {
			if c.want == nil {
				sources = append(sources, c.src)
			}
		}
	}
	sources = append(sources, predicate,
		"f()\n;(g)()", "return -(-x), - -x, -(2^2), (-2)^2, (a..b)..c, a-(b-c), (not a) == b, not (a == b)",
		"x = ('s'):rep(2) .. (\"\\0\\1\\255\\r\\n\\\"\\\\\")")
	for i, src := range sources {
		c1, err := parser.Parse("a", []byte(src))
		require.NoError(t, err, "source %d", i)
		text := ast.Format(c1)
		c2, err := parser.Parse("b", []byte(text))
		require.NoError(t, err, "printed source %d:\n%s", i, text)
		if !assert.Equal(t, dump(c1.Block), dump(c2.Block), "source %d", i) {
			t.Logf("printed:\n%s", text)
		}
	}
}

var (
	spanType = reflect.TypeOf(ast.Span{})
	posType  = reflect.TypeOf(ast.Pos{})
)

// dump renders a tree without its positions.
func dump(n any) string {
	var b strings.Builder
	dumpValue(&b, reflect.ValueOf(n))
	return b.String()
}

func dumpValue(b *strings.Builder, v reflect.Value) {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			b.WriteString("nil")
			return
		}
		dumpValue(b, v.Elem())
	case reflect.Struct:
		b.WriteString(v.Type().Name() + "{")
		for i := 0; i < v.NumField(); i++ {
			f := v.Field(i)
			if f.Type() == spanType || f.Type() == posType {
				continue
			}
			b.WriteString(v.Type().Field(i).Name + ":")
			dumpValue(b, f)
			b.WriteString(" ")
		}
		b.WriteString("}")
	case reflect.Slice:
		b.WriteString("[")
		for i := 0; i < v.Len(); i++ {
			dumpValue(b, v.Index(i))
			b.WriteString(" ")
		}
		b.WriteString("]")
	default:
		fmt.Fprintf(b, "%#v", v.Interface())
	}
}

// TestGrammarGolden keeps the EBNF of the participle grammar in
// testdata/grammar.ebnf; run with -update after changing the grammar.
func TestGrammarGolden(t *testing.T) {
	golden := filepath.Join("testdata", "grammar.ebnf")
	got := parser.GrammarEBNF() + "\n"
	if *update {
		require.NoError(t, os.WriteFile(golden, []byte(got), 0o644))
	}
	want, err := os.ReadFile(golden)
	require.NoError(t, err, "run go test ./parser -run TestGrammarGolden -update")
	assert.Equal(t, string(want), got)
}

func TestParseIsSafeForConcurrentUse(t *testing.T) {
	done := make(chan error)
	for i := 0; i < 4; i++ {
		go func() {
			var err error
			for j := 0; j < 50 && err == nil; j++ {
				_, err = parser.Parse("p", []byte(predicate))
			}
			done <- err
		}()
	}
	for i := 0; i < 4; i++ {
		assert.NoError(t, <-done)
	}
}

func BenchmarkParse(b *testing.B) {
	src := []byte(predicate)
	if _, err := parser.Parse("rule.lua", src); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		if _, err := parser.Parse("rule.lua", src); err != nil {
			b.Fatal(err)
		}
	}
}

// TestNulBytesBehaveAsInLua51 pins down what lua5.1 does with NUL bytes
// outside strings, quirks of its C implementation included: a NUL is token
// 0, which gets no "near" part; llex.c's check_next takes a NUL for '.' and
// for the exponent characters; messages quote text only up to a NUL.
func TestNulBytesBehaveAsInLua51(t *testing.T) {
	tests := []struct{ src, want string }{
		{"x = \x00", "r:1: unexpected symbol"},
		{"x = 1 .\x00 2", ""}, // ".\x00" is ".."
		{"x = 1\x00", ""},     // "1\x00" is the number 1
		{"x = 'a\x00b' .. c d", "r:1: '=' expected near '<eof>'"},
		{"x = 'a\x00b' 1", "r:1: unexpected symbol near '1'"},
		{"x = 3\x00x y", "r:1: '=' expected near '<eof>'"}, // the numeral "3\x00x" reads as 3
		{"x = 1 'a\x00b", "r:1: unfinished string near '<eof>'"},
	}
	for _, tt := range tests {
		_, err := parser.Parse("r", []byte(tt.src))
		if tt.want == "" {
			assert.NoError(t, err, "%q", tt.src)
			continue
		}
		var se *parser.SyntaxError
		if assert.ErrorAs(t, err, &se, "%q", tt.src) {
			assert.Equal(t, tt.want, se.LuaMessage(), "%q", tt.src)
		}
	}
}
