package parser_test

import (
	"errors"
	"testing"

	"github.com/kestrel-runtime/lua/ast"
	"github.com/kestrel-runtime/lua/parser"
)

// FuzzParse checks that no input panics or crashes the parser, that every
// failure is a positioned *SyntaxError, and that every accepted chunk
// survives print → parse unchanged. Seeds: testdata/fuzz/FuzzParse and the
// f.Add calls below.
func FuzzParse(f *testing.F) {
	for _, s := range []string{predicate, "", "x = = 1", "return (((((1)))))", "a.b:c'd'{e}", "--[[", "local function f(...) return ... end"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		c, err := parser.Parse("fuzz", src)
		if err != nil {
			var se *parser.SyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("error %v is a %T, not a *SyntaxError", err, err)
			}
			if !se.Pos.IsValid() || se.Msg == "" {
				t.Fatalf("error without position or message: %#v", se)
			}
			return
		}
		text := ast.Format(c)
		c2, err := parser.Parse("printed", []byte(text))
		if err != nil {
			t.Fatalf("printed chunk does not parse: %v\n%s", err, text)
		}
		if d1, d2 := dump(c.Block), dump(c2.Block); d1 != d2 {
			t.Fatalf("print → parse changed the tree:\n%s\n%s\nprinted:\n%s", d1, d2, text)
		}
	})
}
