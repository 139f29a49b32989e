package parser_test

import (
	"errors"
	"fmt"

	"github.com/kestrel-runtime/lua/ast"
	"github.com/kestrel-runtime/lua/parser"
)

func ExampleParse() {
	chunk, err := parser.Parse("rule.lua", []byte("return -x^2 .. 'a' .. 'b'"))
	if err != nil {
		panic(err)
	}
	ret := chunk.Block.Stmts[0].(*ast.Return)
	fmt.Printf("%T %s\n", ret.Exprs[0], ast.Format(ret.Exprs[0]))
	// Output: *ast.Binary -x ^ 2 .. "a" .. "b"
}

func ExampleSyntaxError() {
	_, err := parser.Parse("rule.lua", []byte("local exe = event:get_str(1)\nif exe = nil then end"))
	var se *parser.SyntaxError
	if errors.As(err, &se) {
		fmt.Println(se.Error())
		fmt.Println(se.LuaMessage())
	}
	// Output:
	// rule.lua:2:8: 'then' expected near '='
	// rule.lua:2: 'then' expected near '='
}
