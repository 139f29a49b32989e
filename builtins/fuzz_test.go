package builtins

import (
	"errors"
	"testing"

	"github.com/kestrel-runtime/lua/vm"
)

// fuzzStepLimit bounds the matcher work of one fuzz input.
const fuzzStepLimit = 200_000

// FuzzPatternFind checks that any subject and pattern either match within
// bounds or fail with a pattern error or the step limit: no panic, no
// unbounded recursion, no endless loop.
func FuzzPatternFind(f *testing.F) {
	f.Add("hello world", "(o)(r)", int64(1))
	f.Add("f(a(b)c)", "%b()", int64(1))
	f.Add("THE (quick) fox", "%f[%a]%a+", int64(-3))
	f.Fuzz(func(t *testing.T, s, p string, init int64) {
		var m matcher
		var used int64
		limit := stepFunc(func(n int64) error {
			used += n
			if used > fuzzStepLimit {
				return errTestLimit
			}
			return nil
		})
		for _, find := range []bool{true, false} {
			r, err := m.strFind(s, p, init, false, find, limit)
			if err != nil {
				if !isPatternError(err) && !errors.Is(err, errTestLimit) {
					t.Fatalf("unexpected error %v", err)
				}
				continue
			}
			if r.found {
				if r.start < 0 || r.start > r.end || r.end > len(s) {
					t.Fatalf("match [%d,%d) out of bounds for %d bytes", r.start, r.end, len(s))
				}
				if !r.plain {
					for i := 0; i < m.ncaptures(true); i++ {
						m.capture(i, r.start, r.end) // must not panic
					}
				}
			}
		}
	})
}

// FuzzFormat checks that string.format never panics and meters every byte
// it produces.
func FuzzFormat(f *testing.F) {
	f.Add("%5.2f|%-5d|%q|%x", int64(42), 3.25, "a\"b\n")
	f.Add("%#.0e %+g % i %c", int64(-1), -0.0, "")
	f.Fuzz(func(t *testing.T, format string, i int64, x float64, s string) {
		args := []vm.Value{vm.Int(i), vm.Float(x), vm.String(s), vm.Int(i), vm.Float(x), vm.String(s)}
		var buf strBuf
		err := appendFormat(&buf, format, args)
		if err == nil && buf.total != len(buf.b) {
			t.Fatalf("charged %d bytes for %d", buf.total, len(buf.b))
		}
	})
}

// FuzzGlob checks that glob matching stays within len(s)*len(pattern)
// steps (plus set scanning) and never panics.
func FuzzGlob(f *testing.F) {
	f.Add("/tmp/x.sh", "*/tmp/*.sh")
	f.Add("abc", "[!a-c]*?")
	f.Fuzz(func(t *testing.T, s, p string) {
		_, steps, err := globMatch(s, p, nil)
		if err != nil {
			return
		}
		if bound := int64(len(s)+2) * int64(len(p)+2) * 2; steps > bound {
			t.Fatalf("%d steps for %d x %d", steps, len(s), len(p))
		}
	})
}
