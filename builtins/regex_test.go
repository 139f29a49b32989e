package builtins

import (
	"regexp/syntax"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestRegexInstBoundFollowsTheCompiler compares the estimate regex.match
// makes from a pattern's syntax tree, before expanding its repetitions,
// with the size of the program regexp/syntax compiles: it must be close,
// so that the estimate can refuse a pattern far too large without
// compiling it and never refuses one that fits.
func TestRegexInstBoundFollowsTheCompiler(t *testing.T) {
	patterns := []string{
		"b", "", "^$", "a|b|c", "(a)(b)", "[a][b][c]", "x*", "x+?", "(?:ab)?",
		"a{1000}", "a{1000}b{1000}c{1000}", "(?:[a-z]{100}){10}", "a{3,}", "(?:ab){0,5}", "x{0}",
		"(?i)(foo|bar|baz)+qux\\d{3}", `^/tmp/[a-z0-9]{8,64}\.sh$`, `(?s).*\bcurl\b.*\|\s*(ba)?sh`,
		"[\\p{L}\\d]{100}x{100}", strings.Repeat("a{1000}", 9), "(a{2,5}|b{3}){1,4}",
	}
	for _, p := range patterns {
		tree, err := syntax.Parse(p, syntax.Perl)
		require.NoError(t, err, p)
		bound := regexInstBound(tree, 1<<30)
		prog, err := syntax.Compile(tree.Simplify())
		require.NoError(t, err, p)
		n := len(prog.Inst) - 2 // the compiler's Fail and Match
		assert.GreaterOrEqual(t, bound, n*3/4, "%q: estimate %d, program %d", p, bound, n)
		assert.LessOrEqual(t, bound, 2*n+1, "%q: estimate %d, program %d", p, bound, n)
	}
}
