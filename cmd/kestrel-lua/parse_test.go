package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func runParse(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = run(append([]string{"parse"}, args...), strings.NewReader(""), &out, &errOut)
	return code, out.String(), errOut.String()
}

func writeFile(t *testing.T, dir, name, src string) string {
	t.Helper()
	path := filepath.Join(dir, name)
	require.NoError(t, os.WriteFile(path, []byte(src), 0o644))
	return path
}

func TestParseCommandIsSilentOnValidFiles(t *testing.T) {
	dir := t.TempDir()
	a := writeFile(t, dir, "a.lua", "#!/usr/bin/lua\nreturn function(e) return e end\n")
	b := writeFile(t, dir, "b.lua", "local x = 1\n")
	code, stdout, stderr := runParse(t, a, b)
	assert.Equal(t, 0, code)
	assert.Empty(t, stdout)
	assert.Empty(t, stderr)
}

func TestParseCommandReportsEachErrorWithLineAndColumn(t *testing.T) {
	dir := t.TempDir()
	good := writeFile(t, dir, "good.lua", "x = 1\n")
	bad1 := writeFile(t, dir, "bad1.lua", "local a = 1\nx = = 1\n")
	bad2 := writeFile(t, dir, "bad2.lua", "if x then\n")
	code, stdout, stderr := runParse(t, bad1, good, bad2)
	assert.Equal(t, 1, code)
	assert.Empty(t, stdout)
	assert.Equal(t, bad1+":2:5: unexpected symbol near '='\n"+
		bad2+":2:1: 'end' expected (to close 'if' at line 1) near '<eof>'\n", stderr)
}

func TestParseCommandPrintsTheTree(t *testing.T) {
	dir := t.TempDir()
	f := writeFile(t, dir, "a.lua", "return -x^2, a..b..c")
	code, stdout, stderr := runParse(t, "--ast", f)
	assert.Equal(t, 0, code, stderr)
	assert.Equal(t, "return -x ^ 2, a .. b .. c\n", stdout)
}

func TestParseCommandUsage(t *testing.T) {
	code, _, stderr := runParse(t)
	assert.Equal(t, 2, code)
	assert.Contains(t, stderr, "usage: kestrel-lua parse")
	code, _, stderr = runParse(t, filepath.Join(t.TempDir(), "missing.lua"))
	assert.Equal(t, 1, code)
	assert.Contains(t, stderr, "missing.lua")
}
