package lexer_test

import (
	"errors"
	"fmt"

	"github.com/kestrel-runtime/lua/lexer"
)

func ExampleLexer_Next() {
	l := lexer.NewString("local n = 0x10 .. 'a\\65'")
	for {
		t, err := l.Next()
		if err != nil || t.Type == lexer.EOF {
			break
		}
		fmt.Printf("%d:%d %v %q\n", t.Line, t.Col, t.Type, t.Text)
	}
	// Output:
	// 1:1 local "local"
	// 1:7 <name> "n"
	// 1:9 = "="
	// 1:11 <number> "0x10"
	// 1:16 .. ".."
	// 1:19 <string> "aA"
}

func ExampleError() {
	l := lexer.NewString("x = 3x")
	var err error
	for err == nil { // "x" and "=" lex fine; the numeral does not
		_, err = l.Next()
	}
	var le *lexer.Error
	if errors.As(err, &le) {
		fmt.Println(le.Error())
	}
	// Output: 1:5: malformed number near '3x'
}
