package ast_test

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/kestrel-runtime/lua/ast"
)

func name(s string) *ast.Name { return &ast.Name{Name: s} }
func num(i int64) *ast.Number { return &ast.Number{IsInt: true, Int: i} }
func bin(op ast.BinOp, x, y ast.Expr) *ast.Binary {
	return &ast.Binary{Op: op, X: x, Y: y}
}
func un(op ast.UnOp, x ast.Expr) *ast.Unary { return &ast.Unary{Op: op, X: x} }

// TestPrintAddsParenthesesOnlyWherePrecedenceNeedsThem prints trees built
// by hand (not by the parser), whose grouping the text must preserve.
func TestPrintAddsParenthesesOnlyWherePrecedenceNeedsThem(t *testing.T) {
	a, b, c := name("a"), name("b"), name("c")
	tests := []struct {
		e    ast.Expr
		want string
	}{
		{bin(ast.OpMul, bin(ast.OpAdd, a, b), c), "(a + b) * c"},
		{bin(ast.OpAdd, a, bin(ast.OpMul, b, c)), "a + b * c"},
		{bin(ast.OpSub, a, bin(ast.OpSub, b, c)), "a - (b - c)"},
		{bin(ast.OpSub, bin(ast.OpSub, a, b), c), "a - b - c"},
		{bin(ast.OpConcat, a, bin(ast.OpConcat, b, c)), "a .. b .. c"},
		{bin(ast.OpConcat, bin(ast.OpConcat, a, b), c), "(a .. b) .. c"},
		{bin(ast.OpPow, a, bin(ast.OpPow, b, c)), "a ^ b ^ c"},
		{bin(ast.OpPow, bin(ast.OpPow, a, b), c), "(a ^ b) ^ c"},
		{bin(ast.OpPow, un(ast.OpNeg, a), b), "(-a) ^ b"},
		{un(ast.OpNeg, bin(ast.OpPow, a, b)), "-a ^ b"},
		{un(ast.OpNot, bin(ast.OpEq, a, b)), "not (a == b)"},
		{bin(ast.OpEq, un(ast.OpNot, a), b), "not a == b"},
		{un(ast.OpNeg, un(ast.OpNeg, a)), "- -a"},
		{un(ast.OpLen, a), "#a"},
		{bin(ast.OpOr, bin(ast.OpAnd, a, b), c), "a and b or c"},
		{bin(ast.OpAnd, a, bin(ast.OpOr, b, c)), "a and (b or c)"},
		{&ast.Call{Fn: &ast.String{Value: "s"}, Args: []ast.Expr{num(1)}}, `("s")(1)`},
		{&ast.Index{X: name("t"), Key: &ast.String{Value: "end"}, Dot: true}, `t["end"]`},
		{&ast.Index{X: name("t"), Key: &ast.String{Value: "k"}, Dot: true}, `t.k`},
		{&ast.Number{Float: math.Inf(1)}, "(1/0)"},
		{&ast.Number{Float: 2}, "2.0"},
		{&ast.Number{Raw: "0x10", IsInt: true, Int: 16}, "0x10"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, ast.Format(tt.e))
	}
}

func TestQuoteEscapesControlBytesAndKeepsOthers(t *testing.T) {
	assert.Equal(t, "\"a\\\"b\\\\c\\n\\r\\t\\0001\\127\xe9\"", ast.Quote("a\"b\\c\n\r\t\x001\x7f\xe9"))
	assert.Equal(t, "\"\\0001\"", ast.Quote("\x001"), "three digits, so a following digit is not absorbed")
	assert.Equal(t, "\"caf\xe9\"", ast.Quote("caf\xe9"), "Latin-1 bytes stand for themselves")
}

func TestPrintStatements(t *testing.T) {
	chunk := &ast.Chunk{Block: &ast.Block{Stmts: []ast.Stmt{
		&ast.Local{Names: []*ast.Name{name("x")}, Exprs: []ast.Expr{num(1)}},
		&ast.If{Clauses: []*ast.IfClause{{Cond: name("x"), Body: &ast.Block{Stmts: []ast.Stmt{&ast.Return{}}}}},
			Else: &ast.Block{}},
		&ast.CallStmt{Call: &ast.Call{Fn: &ast.Paren{X: name("f")}}},
		&ast.FunctionStmt{Name: &ast.FuncName{Path: []*ast.Name{name("a"), name("b")}, Method: name("m")},
			Func: &ast.Function{Params: []*ast.Name{name("p")}, IsVararg: true, Body: &ast.Block{}}},
	}}}
	want := "local x = 1\n" +
		"if x then\n  return\nelse\nend;\n" +
		"(f)()\n" +
		"function a.b:m(p, ...)\nend\n"
	assert.Equal(t, want, ast.Format(chunk))
}
