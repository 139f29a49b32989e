package vm_test

import (
	"bytes"
	"context"
	"testing"

	"github.com/kestrel-runtime/lua/vm"
	"github.com/stretchr/testify/require"
)

// TestResetLeavesNoValueOnTheStack checks Thread.dirty: Reset clears only
// below the highest top a run reached, and that must cover every value
// the run stored (varargs, metamethods, Go results, pcall, deep calls).
func TestResetLeavesNoValueOnTheStack(t *testing.T) {
	src := `
local function v(...) local a, b, c = ... return select('#', ...), ... end
local mt = {__index = function(t, k) return k .. "!" end,
            __add = function(a, b) return {} end,
            __call = function(self, ...) return ... end}
local o = setmetatable({}, mt)
local function deep(n) if n == 0 then return {v(1, 2, 3, "x", {}, {}, {}, {}, {}, {}, {}, {}, {}, {})} end return deep(n - 1) end
local r = {v(unpack and unpack({1}) or 1, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {})}
local x = o.name .. tostring(o + o)
local ok, e = pcall(error, {})
local s = {o({}, {}, {}, {}, {}, {}, {})}
for k, w in next, {a = {}, b = {}} do x = x .. k end
return deep(30), r, x, s, ok, e
`
	var out bytes.Buffer
	g := testGlobals(&out)
	th := vm.NewThread()
	th.Globals = g
	p := compile(t, src, true)
	_, err := th.Call(vm.ClosureValue(vm.NewClosure(p, g)), nil, -1)
	require.NoError(t, err)
	th.Reset(context.Background(), vm.Limits{})
	require.Empty(t, vm.StackNonNil(th))
}
