package lua

import (
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kestrel-runtime/lua/vm"
)

// TestRulesShareTheGlobalsWhenUnobservable checks shareGlobals: a rule
// that leaves its globals alone runs on the engine's frozen globals (its
// copy is dropped), while a rule that defines a global or holds its _G as
// a value keeps its own; either way the rule computes, and fails, exactly
// as with its own copy.
func TestRulesShareTheGlobalsWhenUnobservable(t *testing.T) {
	e := newEngine(t, DefaultConfig(), nil)
	ev := mustEvent(t, NewEventBuilder().Field(1, String("/tmp/x.sh")))
	cases := []struct {
		name, src string
		shared    bool
		want      bool   // the predicate's result
		err       string // or its error
	}{
		{"builtins only", `return function(e) return string.contains(e:get_str(1), "/tmp/") end`, true, true, ""},
		{"_G read at run time", `return function(e) return _G == _G and _G.string == string and rawget(_G, "_G") == _G end`, true, true, ""},
		{"upvalue table", `local t = {"/tmp/"} return function(e) return string.contains(e:get_str(1), t[1]) end`, true, true, ""},
		{"rule table", `return {match = function(e) return type(e) == "userdata" end, description = "d"}`, true, true, ""},
		{"nested closure", `local function f(s) return string.endswith(s, ".sh") end return function(e) return f(e:get_str(1)) end`, true, true, ""},
		{"global write fails", `return function(e) x = 1 return true end`, true, false, "read-only"},
		{"defines a global", `function helper(s) return #s > 3 end return function(e) return helper(e:get_str(1)) end`, false, true, ""},
		{"keeps _G in a local", `local g = _G return function(e) return g == _G end`, false, true, ""},
		{"keeps _G in a table", `local t = {g = _G} return function(e) return t.g._G == t.g end`, false, true, ""},
		{"_G as a metatable", `local t = setmetatable({}, {__index = _G}) return function(e) return t.string == string end`, false, true, ""},
		{"removes a global", `print = nil return function(e) return print == nil end`, false, true, ""},
	}
	env, err := e.sandboxEnv()
	require.NoError(t, err)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r, err := e.LoadRule("r", c.src)
			require.NoError(t, err)
			assert.Equal(t, c.shared, r.fn.AsClosure().Env() == env.Globals(), "shared")
			got, err := r.Evaluate(context.Background(), ev)
			if c.err != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), c.err)
				// The same rule with its own copy of the globals fails
				// with the same message.
				own, err2 := e.LoadRule("own", "defined = 1 "+c.src)
				require.NoError(t, err2)
				assert.False(t, own.fn.AsClosure().Env() == env.Globals(), "own copy")
				_, err2 = own.Evaluate(context.Background(), ev)
				require.Error(t, err2)
				msg := func(err error) string { // without the position, which the prefix moves
					return strings.SplitN(err.(*RuleError).Err.Error(), ": ", 2)[1]
				}
				assert.Equal(t, msg(err), msg(err2))
				return
			}
			require.NoError(t, err)
			assert.Equal(t, c.want, got)
		})
	}
}

// TestEnginesShareTheSandboxWithoutModules checks that engines of a
// profile without native modules share one frozen sandbox, and that an
// engine with a module builds its own (so its module stays its own).
func TestEnginesShareTheSandboxWithoutModules(t *testing.T) {
	envOf := func(e *Engine) any {
		env, err := e.sandboxEnv()
		require.NoError(t, err)
		return env
	}
	a, b := newEngine(t, DefaultConfig(), nil), newEngine(t, DefaultConfig(), nil)
	assert.True(t, envOf(a) == envOf(b), "two sandbox engines")
	ffi := DefaultConfig()
	ffi.EnableFFI = true
	f1, f2 := newEngine(t, ffi, nil), newEngine(t, ffi, nil)
	assert.True(t, envOf(f1) == envOf(f2), "two FFI engines")
	assert.False(t, envOf(a) == envOf(f1), "profiles differ")
	m := newEngine(t, ffi, nil)
	require.NoError(t, m.RegisterModule("host", map[string]NativeFunc{
		"one": func([]vm.Value) (vm.Value, error) { return vm.Int(1), nil },
	}))
	assert.False(t, envOf(m) == envOf(f1), "an engine with a module")
	ev := mustEvent(t, NewEventBuilder())
	ok, err := m.Evaluate(context.Background(), `return function() return host.one() == 1 end`, ev)
	require.NoError(t, err)
	assert.True(t, ok)
	_, err = f1.Evaluate(context.Background(), `return function() return host.one() end`, ev)
	require.Error(t, err, "the module is not visible to the shared sandbox")
}
