package sandbox

import (
	"context"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kestrel-runtime/lua/builtins"
	"github.com/kestrel-runtime/lua/vm"
)

func keys(t *testing.T, tab *vm.Table) []string {
	t.Helper()
	var names []string
	var k vm.Value
	for {
		nk, _, ok, err := tab.Next(k)
		require.NoError(t, err)
		if !ok {
			break
		}
		if nk.Kind() == vm.KindString {
			names = append(names, nk.AsString())
		}
		k = nk
	}
	slices.Sort(names)
	return names
}

func newThread(env *Env) *vm.Thread {
	th := vm.NewThread()
	env.Setup(th)
	th.Reset(context.Background(), vm.Limits{})
	return th
}

func TestSandboxProfileHasNoHostAccess(t *testing.T) {
	env, err := New(Options{Profile: ProfileSandbox})
	require.NoError(t, err)
	names := keys(t, env.Globals())
	for _, f := range Forbidden {
		assert.NotContains(t, names, f)
	}
	for _, want := range []string{"_G", "alert", "ipairs", "math", "pairs", "pcall", "print", "regex", "string", "table", "tostring", "type"} {
		assert.Contains(t, names, want)
	}
	str := env.Globals().GetStr("string").AsTable()
	assert.True(t, str.GetStr("dump").IsNil())
	for _, f := range []string{"contains", "startswith", "endswith", "glob_match", "format", "find"} {
		assert.True(t, str.GetStr(f).IsFunction(), f)
	}
}

func TestForbiddenNamesRaiseAnExplanation(t *testing.T) {
	env, err := New(Options{Profile: ProfileSandbox})
	require.NoError(t, err)
	th := newThread(env)
	renv := env.RuleEnv()
	for _, name := range Forbidden {
		_, err := th.Index(vm.TableValue(renv), vm.String(name))
		require.Error(t, err, name)
		assert.Contains(t, err.Error(), "native access (FFI) is disabled: '"+name+"' is not available in the sandbox")
	}
	_, err = th.Index(env.Globals().GetStr("string"), vm.String("dump"))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "'string.dump' is not available in the sandbox")

	// Any other missing name is nil, as in Lua; rawget sees nothing.
	v, err := th.Index(vm.TableValue(renv), vm.String("nosuch"))
	require.NoError(t, err)
	assert.True(t, v.IsNil())
	assert.True(t, renv.GetStr("io").IsNil())
}

func TestSharedTablesAreFrozen(t *testing.T) {
	env, err := New(Options{Profile: ProfileSandbox})
	require.NoError(t, err)
	g := env.Globals()
	assert.True(t, g.Frozen())
	assert.ErrorIs(t, g.SetStr(nil, "x", vm.True), vm.ErrReadOnly)
	for _, lib := range []string{"string", "table", "math", "regex", "alert"} {
		assert.True(t, g.GetStr(lib).AsTable().Frozen(), lib)
	}
	assert.True(t, env.StringMeta().Frozen())
}

func TestRuleEnvIsAPrivateCopy(t *testing.T) {
	env, err := New(Options{Profile: ProfileSandbox})
	require.NoError(t, err)
	a, b := env.RuleEnv(), env.RuleEnv()
	assert.NotSame(t, a, b)
	assert.Same(t, a, a.GetStr("_G").AsTable(), "_G is the rule's own environment")
	require.NoError(t, a.SetStr(nil, "helper", vm.Int(1)))
	assert.True(t, b.GetStr("helper").IsNil())
	assert.True(t, env.Globals().GetStr("helper").IsNil())
	assert.Same(t, env.Globals().GetStr("string").AsTable(), a.GetStr("string").AsTable(), "libraries are shared")
}

func TestModulesOnlyWithFFI(t *testing.T) {
	double := vm.NewGoFunction("double", func(th *vm.Thread, args []vm.Value) (int, error) {
		th.Push(vm.Int(2 * args[0].AsInt()))
		return 1, nil
	})
	mods := []Module{{Name: "host", Funcs: []*vm.GoFunction{double}}}

	env, err := New(Options{Profile: ProfileFFI, Modules: mods})
	require.NoError(t, err)
	host := env.Globals().GetStr("host")
	require.Equal(t, vm.KindTable, host.Kind())
	assert.True(t, host.AsTable().GetStr("double").IsFunction())
	th := newThread(env)
	_, err = th.Index(vm.TableValue(env.RuleEnv()), vm.String("io"))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "'io' is not available in the sandbox (FFI exposes only the host's registered native modules)")

	env, err = New(Options{Profile: ProfileSandbox, Modules: mods})
	require.NoError(t, err)
	assert.True(t, env.Globals().GetStr("host").IsNil())
	th = newThread(env)
	_, err = th.Index(vm.TableValue(env.RuleEnv()), vm.String("host"))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "native access (FFI) is disabled: 'host' is not available in the sandbox")

	_, err = New(Options{Profile: ProfileFFI, Modules: []Module{{Name: "string"}}})
	assert.Error(t, err, "a module may not shadow a library")
}

func TestConformanceProfile(t *testing.T) {
	_, err := New(Options{Profile: ProfileConformance})
	require.Error(t, err, "the conformance profile needs a Loader")

	load := func(th *vm.Thread, name string, src []byte) (vm.Value, error) { return vm.Nil, nil }
	env, err := New(Options{Profile: ProfileConformance, Conformance: builtins.Conformance{Load: load}})
	require.NoError(t, err)
	names := keys(t, env.Globals())
	for _, want := range []string{"dofile", "getfenv", "io", "load", "loadstring", "setfenv", "unpack"} {
		assert.Contains(t, names, want)
	}
	assert.False(t, env.Globals().Frozen(), "scripts own their globals")
	assert.Same(t, env.Globals(), env.RuleEnv())
}

func TestProfileString(t *testing.T) {
	assert.Equal(t, "sandbox", ProfileSandbox.String())
	assert.Equal(t, "ffi", ProfileFFI.String())
	assert.Equal(t, "conformance", ProfileConformance.String())
}
