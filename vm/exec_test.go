package vm_test

import (
	"strings"
	"testing"

	"github.com/kestrel-runtime/lua/vm"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestExecPrograms(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"arith", "return 1+2, 7//1 == nil, 2^10, 7 % 3, -7 % 3, 10/4", ""},
		{"ints", "return 1+2, 2^10, 7 % 3, -7 % 3, 10/4, 9223372036854775807 + 1", "3, 1024, 1, 2, 2.5, 9.2233720368548e+18"},
		{"concat", "local x = 1 return 'a' .. x .. 2.5 .. 'b'", `"a12.5b"`},
		{"closures", `
			local function counter()
				local n = 0
				return function() n = n + 1 return n end
			end
			local c1, c2 = counter(), counter()
			c1() c1()
			return c1(), c2()`, "3, 1"},
		{"loop closures", `
			local fs = {}
			for i = 1, 3 do fs[i] = function() return i end end
			return fs[1](), fs[2](), fs[3]()`, "1, 2, 3"},
		{"varargs", `
			local function f(...) return select('#', ...), ... end
			return f(1, nil, 3)`, "3, 1, nil, 3"},
		{"tail calls", `
			local function loop(n, acc) if n == 0 then return acc end return loop(n - 1, acc + 1) end
			return loop(100000, 0)`, "100000"},
		{"recursion", `
			local function fib(n) if n < 2 then return n end return fib(n-1) + fib(n-2) end
			return fib(20)`, "6765"},
		{"for float", "local s = 0 for i = 1, 2, 0.5 do s = s + i end return s", "4.5"},
		{"for down", "local s = '' for i = 3, 1, -1 do s = s .. i end return s", `"321"`},
		{"generic for", `
			local t = {10, 20, 30, x = 1}
			local s = 0
			for k, v in pairs(t) do s = s + v end
			return s`, "61"},
		{"setlist", "local t = {1, 2, 3, (function() return 4, 5, 6 end)()} return #t, t[6]", "6, 6"},
		{"metatables", `
			local mt = {__index = function(t, k) return k .. '!' end,
			            __add = function(a, b) return 'added' end,
			            __call = function(self, x) return x * 2 end,
			            __eq = function() return true end,
			            __lt = function() return true end,
			            __concat = function(a, b) return 'cat' end,
			            __len = function() return 99 end,
			            __unm = function() return 'neg' end}
			local a = setmetatable({}, mt)
			local b = setmetatable({}, mt)
			return a.foo, a + 1, a(21), a == b, a < b, a <= b, a .. 'x', 'x' .. a, #a, -a`,
			`"foo!", "added", 42, true, true, false, "cat", "cat", 0, "neg"`},
		{"newindex", `
			local log = {}
			local t = setmetatable({}, {__newindex = function(t, k, v) log[#log+1] = k end})
			t.a = 1 t.b = 2
			local proxy = setmetatable({}, {__newindex = log})
			proxy.z = 5
			return #log, log[1], log[2], log.z, rawget == nil`, `2, "a", "b", 5, true`},
		{"pcall", `
			local ok, e = pcall(function() local x = nil; return x.y end)
			return ok, e`, `false, "test:2: attempt to index local 'x' (a nil value)"`},
		{"error values", `
			local ok, e = pcall(error, {code = 1})
			local ok2, e2 = pcall(error, "msg", 0)
			local ok3, e3 = pcall(error)
			return type(e), e.code, e2, e3`, `"table", 1, "msg", nil`},
		{"error level", `
			local function f() error("boom", 2) end
			local ok, e = pcall(function()
				f()
			end)
			return e`, `"test:4: boom"`},
		{"xpcall", `return xpcall(function() error("x") end, function(m) return "handled: " .. m end)`,
			`false, "handled: test:1: x"`},
		{"string meta", "", ""},
	}
	for _, tt := range tests {
		if tt.want == "" {
			continue
		}
		t.Run(tt.name, func(t *testing.T) {
			r := run(t, tt.src, vm.Limits{})
			require.NoError(t, r.err)
			assert.Equal(t, tt.want, show(r.res))
		})
	}
}

func TestRuntimeErrorMessages(t *testing.T) {
	tests := []struct{ src, want string }{
		{"local exe; return exe.x", "test:1: attempt to index local 'exe' (a nil value)"},
		{"return foo()", "test:1: attempt to call global 'foo' (a nil value)"},
		{"local t = {} return t.x.y", "test:1: attempt to index field 'x' (a nil value)"},
		{"local t = {x = 'a'} return t.x + 1", "test:1: attempt to perform arithmetic on field 'x' (a string value)"},
		{"return 1 < nil", "test:1: attempt to compare number with nil"},
		{"return {} < {}", "test:1: attempt to compare two table values"},
		{"local x return 'a' .. x", "test:1: attempt to concatenate local 'x' (a nil value)"},
		{"local u; local function f() return u.x end return f()", "test:1: attempt to index upvalue 'u' (a nil value)"},
		{"local t = {} t:m()", "test:1: attempt to call method 'm' (a nil value)"},
		{"return #nil", "test:1: attempt to get length of a nil value"},
		{"local t = setmetatable({}, {}) t[nil] = 1", "test:1: table index is nil"},
		{"for i = 1, 'x' do end", "test:1: 'for' limit must be a number"},
		{"local function f() return f() + 1 end return f()", "test:1: stack overflow"},
		{"local t = setmetatable({}, {}) getmetatable(t).__index = t return t.x", "test:1: attempt to call global 'getmetatable' (a nil value)"},
	}
	for _, tt := range tests {
		t.Run(tt.src, func(t *testing.T) {
			r := run(t, tt.src, vm.Limits{})
			require.Error(t, r.err)
			var re *vm.RuntimeError
			require.ErrorAs(t, r.err, &re)
			assert.Equal(t, tt.want, re.Value.AsString())
			assert.Contains(t, re.Traceback, "stack traceback:")
		})
	}
}

func TestTracebackLikeLua51(t *testing.T) {
	src := "local function f(n) return 1 + f(n + 1) end\nlocal x = 0\nlocal function g() local x = nil; return x.y end\nlocal function h() g() end\nh()\n"
	r := run(t, src, vm.Limits{})
	var re *vm.RuntimeError
	require.ErrorAs(t, r.err, &re)
	assert.Equal(t, "test:3: attempt to index local 'x' (a nil value)", re.LuaMessage())
	assert.Equal(t, "test:3:43: attempt to index local 'x' (a nil value)", re.Error())
	assert.Equal(t, "stack traceback:\n\ttest:3: in function 'g'\n\ttest:4: in function 'h'\n\ttest:5: in main chunk\n\t[C]: ?", re.Traceback)

	r = run(t, "local function f()\n  error('boom')\nend\nf()", vm.Limits{})
	require.ErrorAs(t, r.err, &re)
	assert.Equal(t, "test:2: boom", re.LuaMessage())
	assert.Equal(t, "stack traceback:\n\t[C]: in function 'error'\n\ttest:2: in function 'f'\n\ttest:4: in main chunk\n\t[C]: ?", re.Traceback)
}

func TestWriteToFrozenTableIsCatchableAndTyped(t *testing.T) {
	p := compile(t, "local t = ... t.x = 1", true)
	frozen := vm.NewTable(0, 0)
	frozen.Freeze()
	th := vm.NewThread()
	_, err := th.Call(vm.ClosureValue(vm.NewClosure(p, vm.NewTable(0, 0))), []vm.Value{vm.TableValue(frozen)}, 0)
	var re *vm.RuntimeError
	require.ErrorAs(t, err, &re)
	assert.Equal(t, "test:1: attempt to modify a read-only table", re.LuaMessage())
	assert.ErrorIs(t, err, vm.ErrReadOnly)
	assert.True(t, vm.Catchable(err))
}

func TestStringMetatable(t *testing.T) {
	p := compile(t, `local s = "abc" return s:upper(), ("x"):upper(), #s`, true)
	strlib := vm.NewTable(0, 1)
	require.NoError(t, strlib.SetStr(nil, "upper", vm.FunctionValue(vm.NewGoFunction("upper", func(th *vm.Thread, args []vm.Value) (int, error) {
		th.Push(vm.String(strings.ToUpper(args[0].AsString())))
		return 1, nil
	}))))
	meta := vm.NewTable(0, 1)
	require.NoError(t, meta.SetStr(nil, "__index", vm.TableValue(strlib)))
	th := vm.NewThread()
	th.StringMeta = meta
	res, err := th.Call(vm.ClosureValue(vm.NewClosure(p, vm.NewTable(0, 0))), nil, -1)
	require.NoError(t, err)
	assert.Equal(t, `"ABC", "X", 3`, show(res))
}

func TestNegativeZeroAndNumericErrors(t *testing.T) {
	r := run(t, `local z = 0 local nz, m = -z, z * -1
		local ok, e = pcall(error, 12)
		local ok2, e2 = pcall(function() error(2.5) end)
		return 1 / nz, 1 / m, e, e2`, vm.Limits{})
	require.NoError(t, r.err)
	assert.Equal(t, `-inf, -inf, "12", "test:3: 2.5"`, show(r.res), "error(12) at a level without position still makes a string, as lua5.1")
}

func TestConstructorPresizesArrayLikeLua51(t *testing.T) {
	r := run(t, `local function g(a, b, ...) local t = {...} return #t end
		return g(nil, 9, nil, 12), g(1, 2, true, nil, "x"), #{nil, nil, 3}`, vm.Limits{})
	require.NoError(t, r.err)
	assert.Equal(t, "2, 3, 3", show(r.res))
}
