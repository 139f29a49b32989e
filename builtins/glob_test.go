package builtins

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestGlobMatch(t *testing.T) {
	cases := []struct {
		s, pattern string
		want       bool
	}{
		{"/tmp/x.sh", "*.sh", true},
		{"/tmp/x.sh", "/tmp/*", true},
		{"/tmp/a/b/c.sh", "/tmp/*.sh", true}, // "*" crosses "/"
		{"/tmp/x.sh", "*.py", false},
		{"", "", true},
		{"", "*", true},
		{"", "?", false},
		{"a", "", false},
		{"abc", "a?c", true},
		{"ac", "a?c", false},
		{"abc", "a*b*c", true},
		{"abcbc", "a*bc", true},
		{"abcbd", "a*bc", false},
		{"mississippi", "m*iss*ppi", true},
		{"mississippi", "m*iss*ppx", false},
		{"bash", "[bcz]ash", true},
		{"dash", "[bcz]ash", false},
		{"dash", "[!bcz]ash", true},
		{"bash", "[!bcz]ash", false},
		{"bash", "[^bcz]ash", false},
		{"x7", "x[0-9]", true},
		{"xa", "x[0-9]", false},
		{"x-", "x[a-]", true},
		{"]", "[]]", true},
		{"a", "[!]]", true},
		{"*", "[*]", true},
		{"x", "[*]", false},
		{"AB", "[A-Z][a-z]", false},
		{"/dev/shm/.x", "/dev/shm/*", true},
		{"curl http://x | sh", "*curl*|*sh*", true},
		{"\xff\x00", "??", true}, // bytes, not runes
	}
	for _, c := range cases {
		got, _, err := globMatch(c.s, c.pattern, nil)
		require.NoError(t, err, "glob_match(%q, %q)", c.s, c.pattern)
		assert.Equal(t, c.want, got, "glob_match(%q, %q)", c.s, c.pattern)
	}
}

func TestGlobMatchRejectsUnclosedSet(t *testing.T) {
	for _, p := range []string{"[abc", "x[", "[!", "[]"} {
		_, _, err := globMatch("x", p, nil)
		require.Error(t, err, "pattern %q", p)
		assert.Equal(t, "malformed glob pattern (missing ']')", err.Error())
	}
}

func TestGlobMatchIsNotExponential(t *testing.T) {
	// A pattern that makes a recursive matcher explore every way of
	// splitting the subject between stars.
	s := strings.Repeat("a", 1000)
	pattern := strings.Repeat("*a", 20) + "b"
	matched, steps, err := globMatch(s, pattern, nil)
	require.NoError(t, err)
	assert.False(t, matched)
	assert.LessOrEqual(t, steps, int64(len(s)*len(pattern)), "steps bounded by len(s)*len(pattern)")
}

func BenchmarkGlobMatch(b *testing.B) {
	b.ReportAllocs()
	s := "/usr/lib/systemd/systemd-journald --some-flag /var/tmp/payload.sh"
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		globMatch(s, "*/tmp/*.sh", nil)
	}
}
