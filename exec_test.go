package lua

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kestrel-runtime/lua/vm"
)

func TestExecProfiles(t *testing.T) {
	dir := t.TempDir()
	lib := filepath.Join(dir, "lib.lua")
	require.NoError(t, os.WriteFile(lib, []byte(`libvalue = 40 + 2`), 0o644))
	for _, tc := range []struct {
		profile Profile
		src     string
		out     string
		err     string
	}{
		{ProfileSandbox, `x = 1 print(x + 1)`, "2\n", ""}, // a script may define globals
		{ProfileSandbox, `print(string.contains("abc", "b"))`, "true\n", ""},
		{ProfileSandbox, `dofile("` + lib + `")`, "", "native access (FFI) is disabled: 'dofile' is not available in the sandbox"},
		{ProfileConformance, `dofile("` + lib + `") print(libvalue)`, "42\n", ""},
		{ProfileConformance, `local f = loadstring("return ...") print(f(1, 2))`, "1\t2\n", ""},
		{ProfileConformance, `print(loadstring("x = = 1"))`, "nil\t[string \"x = = 1\"]:1: unexpected symbol near '='\n", ""},
		{ProfileConformance, `local function f(...) return arg.n end print(f(1, 2, 3))`, "3\n", ""},
		{ProfileConformance, `io.write("a", 1, 2.5, "\n")`, "a12.5\n", ""},
	} {
		var out bytes.Buffer
		_, err := Exec(context.Background(), ExecOptions{Profile: tc.profile, Path: "t.lua", Source: []byte(tc.src), Stdout: &out})
		if tc.err != "" {
			require.Error(t, err, tc.src)
			assert.Contains(t, err.Error(), tc.err, tc.src)
			continue
		}
		require.NoError(t, err, tc.src)
		assert.Equal(t, tc.out, out.String(), tc.src)
	}
}

func TestExecErrorsAreTyped(t *testing.T) {
	_, err := Exec(context.Background(), ExecOptions{Path: "t.lua", Source: []byte("local t\nreturn t.x")})
	var re *vm.RuntimeError
	require.ErrorAs(t, err, &re)
	assert.Equal(t, "t.lua:2: attempt to index local 't' (a nil value)", re.LuaMessage())
	assert.Contains(t, re.Traceback, "stack traceback:")

	res, err := Exec(context.Background(), ExecOptions{Path: "t.lua", Source: []byte("while true do end"), InstructionLimit: 500})
	require.ErrorIs(t, err, ErrInstructionLimit)
	assert.GreaterOrEqual(t, res.Instructions, int64(500))

	_, err = Exec(context.Background(), ExecOptions{Path: "t.lua", Source: []byte("local t = {} for i = 1, 1e7 do t[i] = i end"), MemoryLimitKB: 16})
	require.ErrorIs(t, err, ErrMemoryLimit)

	_, err = Exec(context.Background(), ExecOptions{Path: "/nonexistent/t.lua"})
	require.ErrorIs(t, err, os.ErrNotExist)
}

func TestExecResultsAreDeterministic(t *testing.T) {
	src := []byte(`local t = {} for i = 1, 100 do t[#t + 1] = tostring(i) .. "x" end print(#table.concat(t))`)
	var first ExecResult
	for i := range 3 {
		var out bytes.Buffer
		res, err := Exec(context.Background(), ExecOptions{Path: "t.lua", Source: src, Stdout: &out})
		require.NoError(t, err)
		assert.Equal(t, "292\n", out.String())
		if i == 0 {
			first = res
		}
		assert.Equal(t, first, res)
	}
}

func TestTsWallRoundTripFromJSONThroughARule(t *testing.T) {
	ev, err := DecodeEventJSON([]byte(`{"event_type":1,"ts_wall":1767225600002742581}`), nil)
	require.NoError(t, err)
	forBothModes(t, func(t *testing.T, cfg Config) {
		e := newEngine(t, cfg, nil)
		for src, want := range map[string]bool{
			`return function(e) return e:ts_wall() == 1767225600002742581 end`:     true,
			`return function(e) return e:ts_wall() == 1767225600002742580 end`:     false,
			`return function(e) return e:ts_wall() > 1767225600002742580 end`:      true,
			`return function(e) return e:ts_wall() - 1767225600002742580 == 1 end`: true,
		} {
			got, err := e.Evaluate(context.Background(), src, ev)
			require.NoError(t, err, src)
			assert.Equal(t, want, got, src)
		}
	})
	out, err := AppendEventJSON(nil, ev)
	require.NoError(t, err)
	assert.Contains(t, string(out), `"ts_wall":1767225600002742581,`)
}
