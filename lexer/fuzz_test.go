package lexer_test

import (
	"testing"

	"github.com/kestrel-runtime/lua/lexer"
)

// FuzzLex checks that the lexer never panics, always ends (every token
// consumes input) and keeps positions ordered.
func FuzzLex(f *testing.F) {
	for _, s := range []string{"", "x = 1", benchSource[:500], `"\300"`, "[==[ ]=] ]==]", "--[[ [[ ]]", "0x1p4 .5 3.", "\r\n\n\r"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		l := lexer.New(src)
		prev := int32(-1)
		for n := 0; ; n++ {
			tok, err := l.Next()
			if err != nil {
				return
			}
			if tok.Type == lexer.EOF {
				return
			}
			if tok.EndOffset <= tok.Offset || tok.Offset < prev {
				t.Fatalf("token %d (%v) at %d..%d after %d", n, tok.Type, tok.Offset, tok.EndOffset, prev)
			}
			prev = tok.EndOffset
		}
	})
}
