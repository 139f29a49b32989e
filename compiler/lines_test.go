package compiler_test

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kestrel-runtime/lua/compiler"
	"github.com/kestrel-runtime/lua/parser"
	"github.com/kestrel-runtime/lua/vm"
)

// lineListing renders the code of a listed function as one "pc op [line]"
// row per instruction. For a luac listing, p is the matching prototype,
// whose nested functions' upvalue counts tell how many pseudo-instructions
// follow each CLOSURE (dropped, as in normalizeLuac); kestrel-lua listings
// have none (p is nil). Every instruction's line is kept, not only those
// of instructions that can raise errors: a GETGLOBAL has no error of its
// own, but when it is emitted on the wrong line (a variable fetched late,
// at an operator on a later line) the same shift hits the GETTABLE next
// to it.
func lineListing(fn listedFunc, lines []string, p *vm.Proto) string {
	var b strings.Builder
	n := 0
	for pc := 0; pc < len(fn.code); pc++ {
		n++
		fmt.Fprintf(&b, "%d %s [%s]\n", n, fn.code[pc].op, lines[pc])
		if fn.code[pc].op == "CLOSURE" && p != nil {
			pc += len(p.Protos[fn.code[pc].operands[1]].Upvals)
		}
	}
	return b.String()
}

// allLines returns, per function of a listing, the source line of every
// instruction (parseListing keeps only the lines of error-raising ones).
func allLines(text string) [][]string {
	var out [][]string
	for _, line := range strings.Split(text, "\n") {
		if headerRE.MatchString(line) {
			out = append(out, nil)
			continue
		}
		if m := instrRE.FindStringSubmatch(line); m != nil && len(out) > 0 {
			out[len(out)-1] = append(out[len(out)-1], m[2])
		}
	}
	return out
}

// TestLinesMatchLuac compiles the programs in testdata/lines/, in both
// Optimize modes, and checks that every instruction carries the source
// line luac5.1 gives it. The programs spread expressions, operators,
// calls, constructors and loop headers over several lines, where Lua 5.1's
// rule (the line of the last token read when the instruction is emitted)
// differs from "the line of the construct"; that line is what Lua-visible
// runtime error messages carry. The programs avoid constant arithmetic and
// negative numerals, so that plain and optimized code are both luac's code.
func TestLinesMatchLuac(t *testing.T) {
	luac, err := exec.LookPath("luac5.1")
	if err != nil {
		t.Skip("luac5.1 not installed: cannot compare source lines with the reference compiler")
	}
	files, err := filepath.Glob("testdata/lines/*.lua")
	require.NoError(t, err)
	require.NotEmpty(t, files)
	for _, file := range files {
		src, err := os.ReadFile(file)
		require.NoError(t, err)
		var stdout, stderr bytes.Buffer
		cmd := exec.Command(luac, "-l", "-p", file)
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		require.NoError(t, cmd.Run(), "luac5.1: %s", stderr.String())
		want := parseListing(t, stdout.String())
		wantLines := allLines(stdout.String())
		for _, optimize := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s/optimize=%v", filepath.Base(file), optimize), func(t *testing.T) {
				chunk, err := parser.Parse(file, src)
				require.NoError(t, err)
				p, err := compiler.Compile(chunk, compiler.Options{Optimize: optimize, CompatVarargArg: true})
				require.NoError(t, err)
				text := fullListing(p)
				got := parseListing(t, text)
				gotLines := allLines(text)
				ps := protos(p)
				require.Len(t, got, len(want), "number of functions")
				for i := range want {
					assert.Equal(t,
						lineListing(want[i], wantLines[i], ps[i]),
						lineListing(got[i], gotLines[i], nil),
						"function %d (line %d): lines (luac5.1 first)", i, ps[i].LineDefined)
				}
			})
		}
	}
}
