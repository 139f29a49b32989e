package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

func runDisasmCmd(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = run(append([]string{"disasm"}, args...), strings.NewReader(""), &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestDisasmShowsFieldForEventAccessors(t *testing.T) {
	file := writeFile(t, t.TempDir(), "rule.lua", "return function(event) return event:get_str(1) end\n")
	code, stdout, stderr := runDisasmCmd(t, file)
	assert.Equal(t, 0, code, stderr)
	assert.Contains(t, stdout, "\nmain <"+file+":0,0> (3 instructions, 12 bytes at 0x00000001)\n")
	assert.Contains(t, stdout, "\tFIELD    \t1 0 0\t; get_str 1\n")

	code, stdout, _ = runDisasmCmd(t, "--plain", file)
	assert.Equal(t, 0, code)
	assert.NotContains(t, stdout, "FIELD")
	assert.Contains(t, stdout, "\tSELF     \t1 0 -1\t; \"get_str\"\n")
}

func TestDisasmFullListsLocals(t *testing.T) {
	file := writeFile(t, t.TempDir(), "x.lua", "#!/usr/bin/lua\nlocal x = 1\nreturn x\n")
	code, stdout, stderr := runDisasmCmd(t, "--full", file)
	assert.Equal(t, 0, code, stderr)
	assert.Contains(t, stdout, "locals (1) for 0x00000001:\n\t0\tx\t2\t3\n")
}

func TestDisasmReportsErrorsWithLineAndColumn(t *testing.T) {
	dir := t.TempDir()
	bad := writeFile(t, dir, "bad.lua", "local x = = 1\n")
	code, stdout, stderr := runDisasmCmd(t, bad)
	assert.Equal(t, 1, code)
	assert.Empty(t, stdout)
	assert.Equal(t, bad+":1:11: unexpected symbol near '='\n", stderr)

	// Without a schema a field name is not resolved: the call stays a
	// plain method call (valid Lua on any receiver), not a FIELD.
	field := writeFile(t, dir, "field.lua", "return function(ev)\n  return ev:get_str('exe')\nend\n")
	code, stdout, stderr = runDisasmCmd(t, field)
	assert.Equal(t, 0, code, stderr)
	assert.Contains(t, stdout, "SELF")
	assert.NotContains(t, stdout, "FIELD")

	code, _, stderr = runDisasmCmd(t)
	assert.Equal(t, 2, code)
	assert.Contains(t, stderr, "usage: kestrel-lua disasm")
}
