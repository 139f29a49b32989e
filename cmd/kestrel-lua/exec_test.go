package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func writeScript(t *testing.T, src string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "s.lua")
	require.NoError(t, os.WriteFile(path, []byte(src), 0o644))
	return path
}

func TestExecPrintsAndPassesArguments(t *testing.T) {
	path := writeScript(t, `print("args", select("#", ...), ...) print(arg[0] ~= nil, arg[1], arg[2], #arg)`)
	code, stdout, stderr := cli(t, "", "exec", path, "a", "b")
	assert.Equal(t, exitOK, code, stderr)
	assert.Equal(t, "args\t2\ta\tb\ntrue\ta\tb\t2\n", stdout)
}

func TestExecConformanceProfile(t *testing.T) {
	path := writeScript(t, `io.write(loadstring("return 1 + 1")(), "\n") print(math.mod(7, 3), table.getn({1, 2}))`)
	code, stdout, stderr := cli(t, "", "exec", "--profile", "conformance", path)
	assert.Equal(t, exitOK, code, stderr)
	assert.Equal(t, "2\n1\t2\n", stdout)

	code, _, stderr = cli(t, "", "exec", path)
	assert.Equal(t, exitSome, code)
	assert.Contains(t, stderr, "native access (FFI) is disabled: 'io' is not available in the sandbox")
}

func TestExecErrorFormat(t *testing.T) {
	path := writeScript(t, "local t = nil\nprint(t.x)\n")
	code, stdout, stderr := cli(t, "", "exec", path)
	assert.Equal(t, exitSome, code)
	assert.Empty(t, stdout)
	assert.Equal(t, "kestrel-lua: "+path+":2: attempt to index local 't' (a nil value)\nstack traceback:\n\t"+path+":2: in main chunk\n\t[C]: ?\n", stderr)

	path = writeScript(t, "x = = 1\n")
	code, _, stderr = cli(t, "", "exec", path)
	assert.Equal(t, exitSome, code)
	assert.Equal(t, "kestrel-lua: "+path+":1: unexpected symbol near '='\n", stderr)
}

func TestExecLimits(t *testing.T) {
	path := writeScript(t, "while true do end\n")
	code, _, stderr := cli(t, "", "exec", "--instruction-limit", "1000", path)
	assert.Equal(t, exitSome, code)
	assert.Contains(t, stderr, "instruction limit exceeded")

	path = writeScript(t, "local s = 'x' while true do s = s .. s end\n")
	code, _, stderr = cli(t, "", "exec", "--memory-limit-kb", "64", path)
	assert.Equal(t, exitSome, code)
	assert.Contains(t, stderr, "not enough memory")
}

func TestExecStdinAndUsage(t *testing.T) {
	code, stdout, _ := cli(t, "print(1 + 2)", "exec", "-")
	assert.Equal(t, exitOK, code)
	assert.Equal(t, "3\n", stdout)
	code, _, _ = cli(t, "", "exec")
	assert.Equal(t, exitFatal, code)
	code, _, _ = cli(t, "", "exec", "--profile", "nope", "x.lua")
	assert.Equal(t, exitFatal, code)
	code, _, stderr := cli(t, "", "exec", "/nonexistent/x.lua")
	assert.Equal(t, exitFatal, code)
	assert.Equal(t, "kestrel-lua: cannot open /nonexistent/x.lua\n", stderr)
}
