package compiler_test

import (
	"testing"

	"github.com/kestrel-runtime/lua/compiler"
	"github.com/kestrel-runtime/lua/parser"
)

// predicate is the 300-byte rule of issue 2.
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

// BenchmarkCompile measures source to runnable prototype (parse included)
// for the issue-2 predicate; the target is 60 µs.
func BenchmarkCompile(b *testing.B) {
	src := []byte(predicate)
	for _, bc := range []struct {
		name string
		opts compiler.Options
	}{{"optimized", compiler.Options{Optimize: true}}, {"plain", compiler.Options{}}} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(src)))
			for b.Loop() {
				chunk, err := parser.Parse("rule.lua", src)
				if err != nil {
					b.Fatal(err)
				}
				if _, err := compiler.Compile(chunk, bc.opts); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkCompileOnly measures the compiler alone on a parsed predicate.
func BenchmarkCompileOnly(b *testing.B) {
	chunk, err := parser.Parse("rule.lua", []byte(predicate))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := compiler.Compile(chunk, compiler.Options{Optimize: true}); err != nil {
			b.Fatal(err)
		}
	}
}
