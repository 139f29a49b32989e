package vm_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/kestrel-runtime/lua/vm"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestInfiniteLoopStopsAtInstructionLimit(t *testing.T) {
	r := run(t, "while true do end", vm.Limits{Instructions: 10000})
	require.Error(t, r.err)
	assert.True(t, errors.Is(r.err, vm.ErrInstructionLimit), "got %v", r.err)
	assert.Equal(t, int64(10000), r.th.Meter().Instructions())
}

func TestInstructionLimitNotCatchableByPcall(t *testing.T) {
	r := run(t, "local ok = pcall(function() while true do end end) return 'caught'", vm.Limits{Instructions: 5000})
	assert.True(t, errors.Is(r.err, vm.ErrInstructionLimit), "got %v", r.err)
}

func TestMemoryLimitNotCatchableByPcall(t *testing.T) {
	r := run(t, "local ok = pcall(function() local t = {} for i = 1, 1e7 do t[i] = i end end) return 'caught'",
		vm.Limits{MemoryBytes: 1 << 20})
	assert.True(t, errors.Is(r.err, vm.ErrMemoryLimit), "got %v", r.err)
}

func TestDeepRecursionIsStackOverflow(t *testing.T) {
	r := run(t, "local function f(n) return 1 + f(n + 1) end return f(1)", vm.Limits{})
	var re *vm.RuntimeError
	require.ErrorAs(t, r.err, &re)
	assert.Equal(t, "test:1: stack overflow", re.Value.AsString())
}

func TestMetamethodRecursionIsCStackOverflow(t *testing.T) {
	r := run(t, `
		local t = setmetatable({}, {})
		getmetatable = nil
		local mt = {}
		mt.__index = function(t, k) return t[k] end
		setmetatable(t, mt)
		return t.x`, vm.Limits{})
	var re *vm.RuntimeError
	require.ErrorAs(t, r.err, &re)
	assert.Contains(t, re.Value.AsString(), "C stack overflow")
}

func TestPcallRecursionIsCStackOverflow(t *testing.T) {
	r := run(t, `
		local function f() return pcall(f) end
		return f()`, vm.Limits{})
	require.NoError(t, r.err)
	n := len(r.res)
	require.Equal(t, 199, n, "as lua5.1: 197 times true, then false and the message")
	assert.Equal(t, "false", vm.ToStringRaw(r.res[n-2]))
	assert.Equal(t, "C stack overflow", vm.ToStringRaw(r.res[n-1]))
}

func TestCanceledContextStopsLoop(t *testing.T) {
	p := compile(t, "while true do end", true)
	th := vm.NewThread()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	th.Reset(ctx, vm.Limits{})
	_, err := th.Call(vm.ClosureValue(vm.NewClosure(p, vm.NewTable(0, 0))), nil, -1)
	assert.True(t, errors.Is(err, context.Canceled), "got %v", err)
	assert.False(t, vm.Catchable(err))
}

func TestLongStringComparisonsAreMetered(t *testing.T) {
	src := `local s = "x" for i = 1, 14 do s = s .. s end   -- 16 KiB
		local u = "x" for i = 1, 14 do u = u .. u end   -- equal, another string
		local n = 0
		while true do if s == u then n = n + 1 end end`
	r := run(t, src, vm.Limits{Instructions: 200000, MemoryBytes: 1 << 20})
	assert.True(t, errors.Is(r.err, vm.ErrInstructionLimit), "got %v", r.err)
	// Each comparison costs 16384/64 = 256 units besides its instructions,
	// so the loop stops after a few hundred comparisons.
}

// longStringPrelude builds s, a numeric string of 4097 bytes (4096 spaces
// and "1"), and two distinct 4097-byte strings a and b equal up to their
// last byte, with the VM's own concatenation.
const longStringPrelude = `local s = " " for i = 1, 12 do s = s .. s end
local a, b = s .. "a", s .. "b"
s = s .. "1"
`

// TestExtraUnitsNeverExceedTheBudget runs instructions that carry extra
// units (long strings compared, hashed or coerced to numbers; long value
// lists moved) until the budget runs out, under every budget of a range:
// the limit error must surface without the count passing the budget.
func TestExtraUnitsNeverExceedTheBudget(t *testing.T) {
	programs := map[string]string{
		"==":         `local n = 0 while true do if a == b then n = n + 1 end end`,
		"<":          `local n = 0 while true do if a < b then n = n + 1 end end`,
		"table key":  `local t = {[a] = 1} while true do local x = t[b] end`,
		"coercion":   `local n = 0 while true do n = n + s end`,
		"for prep":   `while true do for i = s, 0 do end end`,
		"unary":      `local n = 0 while true do n = -s end`,
		"vararg":     `local function grow(...) return grow(1, ...) end return grow()`,
		"return all": `local function g(...) return ... end local function f(...) while true do g(...) end end return f(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17)`,
	}
	for name, body := range programs {
		src := longStringPrelude + body
		for limit := int64(3000); limit <= 3100; limit += 7 {
			r := run(t, src, vm.Limits{Instructions: limit})
			require.ErrorIs(t, r.err, vm.ErrInstructionLimit, "%s: limit %d", name, limit)
			assert.LessOrEqual(t, r.th.Meter().Instructions(), limit, "%s: limit %d", name, limit)
		}
	}
}

// TestArithmeticCoercionIsChargedByLength checks that converting a string
// operand to a number costs one unit per 64 bytes, in arithmetic and in a
// numeric for loop's control values.
func TestArithmeticCoercionIsChargedByLength(t *testing.T) {
	units := func(src string) int64 {
		r := run(t, longStringPrelude+src, vm.Limits{})
		require.NoError(t, r.err)
		return r.th.Meter().Instructions()
	}
	short := units(`local n, x = 0, "1" for i = 1, 10 do n = n + x end return n`)
	long := units(`local n, x = 0, s for i = 1, 10 do n = n + x end return n`)
	assert.Equal(t, int64(10*(4097/64)), long-short, "10 additions of a 4097-byte string")
	short = units(`local x = "1" for i = x, 0 do end`)
	long = units(`local x = s for i = x, 0 do end`)
	assert.Equal(t, int64(4097/64), long-short, "a for loop's initial value")
}

// TestLongNamesAreChargedByLength checks that a global or method name of
// more than 64 bytes costs one unit per 64 bytes per access, like any long
// string key: looking it up compares it with the stored key.
func TestLongNamesAreChargedByLength(t *testing.T) {
	name := strings.Repeat("n", 640)
	units := func(src string) int64 {
		r := run(t, src, vm.Limits{})
		require.NoError(t, r.err)
		return r.th.Meter().Instructions()
	}
	short := units(`x = 1 local y = x local o = {m = function() end} o:m()`)
	long := units(name + ` = 1 local y = ` + name + ` local o = {` + name + ` = function() end} o:` + name + `()`)
	// SETGLOBAL, GETGLOBAL, SELF: 10 units each; the constructor's
	// SETTABLE of the field another 10.
	assert.Equal(t, int64(4*10), long-short)
}

// TestFusedJumpsNeverExceedTheBudget checks the comparisons and tests that
// run the jump after them in the same dispatch (EQ, LT, LE, TEST, TESTSET):
// when the budget runs out on the comparison itself, the jump is left to
// the loop, which stops there, so the count never passes the limit. Every
// limit in the range lands the last unit on each instruction of the loop.
func TestFusedJumpsNeverExceedTheBudget(t *testing.T) {
	programs := map[string]string{
		"test":    `local t = {} while true do if t.x then end end`,
		"testset": `local t = {} while true do local y = t.x or t.y end`,
		"eq":      `local t = {} while true do if t.x == 1 then end end`,
		"lt":      `local n = 0 while true do if n < -1 then end end`,
		"le":      `local n = 0 while true do if n <= -1 then end end`,
	}
	for name, body := range programs {
		for limit := int64(1000); limit <= 1012; limit++ {
			r := run(t, body, vm.Limits{Instructions: limit})
			require.ErrorIs(t, r.err, vm.ErrInstructionLimit, "%s: limit %d", name, limit)
			assert.Equal(t, limit, r.th.Meter().Instructions(), "%s: limit %d", name, limit)
		}
	}
}
