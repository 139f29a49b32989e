package compiler_test

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kestrel-runtime/lua/ast"
	"github.com/kestrel-runtime/lua/compiler"
	"github.com/kestrel-runtime/lua/internal/chunkedfile"
	"github.com/kestrel-runtime/lua/parser"
	"github.com/kestrel-runtime/lua/vm"
)

// testSchema is a fixed event schema for the tests.
type testSchema []compiler.Field

func (s testSchema) FieldByName(name string) (compiler.Field, bool) {
	for _, f := range s {
		if f.Name == name {
			return f, true
		}
	}
	return compiler.Field{}, false
}

func (s testSchema) FieldByID(id int64) (compiler.Field, bool) {
	for _, f := range s {
		if f.ID == id {
			return f, true
		}
	}
	return compiler.Field{}, false
}

// TestErrorScripts runs the chunked scripts testdata/errors*.lua: every
// chunk marked with -- ### "regexp" must fail to compile with a matching
// message at the marked line; every other chunk must compile, in both
// Optimize modes. errors.lua holds Lua 5.1 errors, which luac5.1 -p must
// report too (checked when luac5.1 is installed); errors_fields.lua holds
// kestrel-lua's event field errors, compiled with the test schema.
func TestErrorScripts(t *testing.T) {
	files, err := filepath.Glob("testdata/errors*.lua")
	require.NoError(t, err)
	require.NotEmpty(t, files)
	schema := testSchema{
		{ID: 1, Name: "exe", Type: 4},    // string
		{ID: 2, Name: "pid", Type: 1},    // i64
		{ID: 3, Name: "uid", Type: 2},    // u64
		{ID: 4, Name: "score", Type: 3},  // f64
		{ID: 5, Name: "root", Type: 5},   // bool
		{ID: 6, Name: "packet", Type: 6}, // bytes
	}
	luac, _ := exec.LookPath("luac5.1")
	for _, file := range files {
		chunks, err := chunkedfile.Read(file)
		require.NoError(t, err)
		for _, c := range chunks {
			t.Run(c.Name(), func(t *testing.T) {
				for _, optimize := range []bool{false, true} {
					chunk, err := parser.Parse("chunk.lua", []byte(c.Source))
					require.NoError(t, err, "chunks must parse; only compilation may fail")
					_, err = compiler.Compile(chunk, compiler.Options{Optimize: optimize, Schema: schema})
					msg := ""
					if err != nil {
						var ce *compiler.Error
						require.True(t, errors.As(err, &ce), "error type %T", err)
						msg = ce.LuaMessage()
					}
					assert.NoError(t, c.Check("chunk.lua", err != nil, msg), "Optimize=%v", optimize)
				}
				if luac == "" || filepath.Base(file) != "errors.lua" {
					return
				}
				// The reference compiler must agree.
				dir := t.TempDir()
				path := filepath.Join(dir, "chunk.lua")
				require.NoError(t, os.WriteFile(path, []byte(c.Source), 0o644))
				cmd := exec.Command(luac, "-p", "chunk.lua")
				cmd.Dir = dir
				out, err := cmd.CombinedOutput()
				msg := strings.TrimSpace(strings.TrimPrefix(string(out), "luac5.1: "))
				assert.NoError(t, c.Check("chunk.lua", err != nil, msg), "luac5.1 -p")
			})
		}
	}
}

func TestErrorRenderings(t *testing.T) {
	e := &compiler.Error{Chunk: "rule.lua", Pos: ast.Pos{Line: 3, Col: 14}, Msg: "unknown event field 'exe'"}
	assert.Equal(t, "rule.lua:3:14: unknown event field 'exe'", e.Error())
	assert.Equal(t, "rule.lua:3: unknown event field 'exe'", e.LuaMessage())
}

func TestErrorPositions(t *testing.T) {
	src := "return function(ev)\n  return ev:get_str('nope')\nend"
	_, err := compile(t, src, compiler.Options{Schema: testSchema{}})
	var ce *compiler.Error
	require.True(t, errors.As(err, &ce))
	assert.Equal(t, ast.Pos{Line: 2, Col: 21}, ce.Pos, "at the argument")
	assert.Equal(t, "test.lua", ce.Chunk)
}

// generated builds chunks too large for a script file.
func TestLimitErrors(t *testing.T) {
	tests := []struct {
		name string
		src  string
		msg  string
	}{
		{"locals", strings.Repeat("local a\n", 201), "test.lua:201: main function has more than 200 local variables"},
		{"locals in function", "function f()\n" + strings.Repeat("local a\n", 201) + "end", "test.lua:202: function at line 1 has more than 200 local variables"},
		{"registers", "return f(" + strings.Repeat("a,", 260) + "a)", "test.lua:1: function or expression too complex near 'a'"},
		{"registers near a number", "print(" + strings.Repeat("1,\n", 260) + "1)", "test.lua:250: function or expression too complex near '1'"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := compile(t, tt.src, compiler.Options{})
			var ce *compiler.Error
			require.True(t, errors.As(err, &ce), "want a compile error, got %v", err)
			assert.Equal(t, tt.msg, ce.LuaMessage())
		})
	}
}

// TestControlStructureTooLong builds an if whose body needs a jump beyond
// sBx; the AST is built by hand because the source would be large.
func TestControlStructureTooLong(t *testing.T) {
	n := vm.MaxArgSBx + 10
	body := make([]ast.Stmt, n)
	x := &ast.Name{Name: "x", Span: ast.Span{From: ast.Pos{Line: 2, Col: 1}}}
	one := &ast.Number{IsInt: true, Int: 1}
	for i := range body {
		body[i] = &ast.Assign{Targets: []ast.Expr{x}, Exprs: []ast.Expr{one}, Span: ast.Span{From: ast.Pos{Line: 2, Col: 1}}}
	}
	chunk := &ast.Chunk{Name: "big.lua", Block: &ast.Block{Stmts: []ast.Stmt{
		&ast.Local{Names: []*ast.Name{{Name: "x"}}, Span: ast.Span{From: ast.Pos{Line: 1, Col: 1}}},
		&ast.If{Span: ast.Span{From: ast.Pos{Line: 1, Col: 1}}, Clauses: []*ast.IfClause{{Cond: x, Body: &ast.Block{Stmts: body}}}},
	}}}
	_, err := compiler.Compile(chunk, compiler.Options{})
	var ce *compiler.Error
	require.True(t, errors.As(err, &ce), "want a compile error, got %v", err)
	assert.Equal(t, "control structure too long", ce.Msg)
}

func TestConstantTableOverflow(t *testing.T) {
	n := compiler.MaxConstants + 2
	fields := make([]*ast.TableField, n)
	for i := range fields {
		fields[i] = &ast.TableField{Kind: ast.FieldPositional, Value: &ast.Number{IsInt: true, Int: int64(i)}}
	}
	chunk := &ast.Chunk{Name: "big.lua", Block: &ast.Block{Stmts: []ast.Stmt{
		&ast.Return{Exprs: []ast.Expr{&ast.Table{Fields: fields}}},
	}}}
	_, err := compiler.Compile(chunk, compiler.Options{})
	var ce *compiler.Error
	require.True(t, errors.As(err, &ce), "want a compile error, got %v", err)
	assert.Equal(t, "constant table overflow", ce.Msg)
}
