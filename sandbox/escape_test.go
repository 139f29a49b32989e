package sandbox_test

// The sandbox-escape and denial-of-service suite.
//
// Every file of testdata/attacks is one attack, written as the rule a
// hostile author would submit. Its header says what it tries and how the
// engine must answer:
//
//	-- attack: what the rule tries
//	-- expect: KINDS [REGEXP]
//	-- budget: instructions=N memory_kb=M     (optional; default: the engine's defaults)
//	-- alerts: N dropped: M                   (optional: alerts kept and counted)
//	-- bug: what is wrong                     (optional: a known open bug; the case is
//	                                          skipped unless KESTREL_KNOWN_BUGS is set)
//
// KINDS is one kind or several separated by '|' (the attack may end either
// way, e.g. "instructions|memory"):
//
//	load          LoadRule fails (the attack runs in the main chunk)
//	runtime       the evaluation fails with a *vm.RuntimeError that is not a limit error
//	instructions  the evaluation fails with a limit error wrapping lua.ErrInstructionLimit
//	memory        the evaluation fails with a limit error wrapping lua.ErrMemoryLimit
//	result        the evaluation succeeds; REGEXP matches "true" or "false"
//
// REGEXP, when present, must match the error's text (or the result).
//
// For each attack the test also checks what every attack must leave
// intact: the counts reported are within the budgets; evaluating the
// attack again gives the same outcome and the same counts (nothing it did
// survived the first evaluation); a probe rule loaded before the attack,
// and another loaded after it, still see pristine libraries and answer
// correctly; and the error prints without running Lua code. Each attack
// runs with the optimiser on and off (on only, under -short).

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	lua "github.com/kestrel-runtime/lua"
	"github.com/kestrel-runtime/lua/vm"
)

// probeRule checks that the environment a rule sees is pristine: every
// attack of the suite tries to change something it reads.
const probeRule = `
local upper, find = string.upper, string.find
return function(event)
  assert(("abc"):upper() == "ABC", "string method")
  assert(getmetatable("").__index == string, "string metatable")
  assert(string.find("abc", "b") == 2 and find == string.find, "string.find")
  assert(string.contains("abc", "b") and not string.contains("abc", "x"), "string.contains")
  assert(table.concat({"a", "b"}, ",") == "a,b", "table.concat")
  assert(math.pi > 3.14 and math.pi < 3.15 and math.max(1, 2) == 2, "math")
  assert(math.floor(2.5) == 2, "math.floor")
  assert(rawget(_G, "seen") == nil and rawget(_G, "count") == nil, "globals")
  assert(print ~= nil and string.rep ~= nil and upper == string.upper, "library functions")
  assert(not pcall(function() return io end), "io stays forbidden")
  assert(event:get_str(1) == "/bin/ls" and event:get_i64(2) == 42, "event accessors")
  return true
end
`

// attack is one parsed file of testdata/attacks.
type attack struct {
	name, what string
	kinds      map[string]bool
	pattern    *regexp.Regexp // nil: any text
	cfg        lua.Config
	alerts     int // -1: not checked
	dropped    int
	bug        string
	src        string
}

// knownBugs reports whether cases documenting open bugs should run.
func knownBugs() bool { return os.Getenv("KESTREL_KNOWN_BUGS") != "" }

func parseAttack(t *testing.T, path string) attack {
	t.Helper()
	src, err := os.ReadFile(path)
	require.NoError(t, err)
	a := attack{
		name:   strings.TrimSuffix(filepath.Base(path), ".lua"),
		kinds:  map[string]bool{},
		cfg:    lua.DefaultConfig(),
		alerts: -1,
		src:    string(src),
	}
	sc := bufio.NewScanner(bytes.NewReader(src))
	for sc.Scan() {
		line := sc.Text()
		if !strings.HasPrefix(line, "-- ") {
			break
		}
		key, val, ok := strings.Cut(strings.TrimPrefix(line, "-- "), ": ")
		if !ok {
			continue
		}
		switch key {
		case "attack":
			a.what = val
		case "expect":
			kinds, re, _ := strings.Cut(val, " ")
			for k := range strings.SplitSeq(kinds, "|") {
				require.Contains(t, []string{"load", "runtime", "instructions", "memory", "result"}, k, "%s: expect kind", path)
				a.kinds[k] = true
			}
			if re != "" {
				a.pattern = regexp.MustCompile(re)
			}
		case "budget":
			for f := range strings.FieldsSeq(val) {
				k, v, _ := strings.Cut(f, "=")
				n, err := strconv.Atoi(v)
				require.NoError(t, err, "%s: budget %q", path, f)
				switch k {
				case "instructions":
					a.cfg.InstructionLimit = n
				case "memory_kb":
					a.cfg.MemoryLimitKB = n
				default:
					t.Fatalf("%s: unknown budget %q", path, k)
				}
			}
		case "bug":
			a.bug = val
		case "alerts":
			_, err := fmt.Sscanf(val, "%d dropped: %d", &a.alerts, &a.dropped)
			require.NoError(t, err, "%s: alerts line", path)
		}
	}
	require.NotEmpty(t, a.what, "%s: missing '-- attack:' line", path)
	require.NotEmpty(t, a.kinds, "%s: missing '-- expect:' line", path)
	return a
}

func attackEvent(t *testing.T) *lua.Event {
	t.Helper()
	ev, err := lua.NewEventBuilder().EventType(1).EntityKey(7).
		Field(1, lua.String("/bin/ls")).Field(2, lua.I64(42)).Build()
	require.NoError(t, err)
	return ev
}

// outcome classifies an evaluation or load error.
func outcome(err error) string {
	var re *vm.RuntimeError
	switch {
	case err == nil:
		return "result"
	case errors.Is(err, lua.ErrInstructionLimit):
		return "instructions"
	case errors.Is(err, lua.ErrMemoryLimit):
		return "memory"
	case errors.As(err, &re):
		return "runtime"
	}
	return fmt.Sprintf("untyped error %T", err)
}

func attackFiles(t *testing.T) []string {
	files, err := filepath.Glob(filepath.Join("testdata", "attacks", "*.lua"))
	require.NoError(t, err)
	require.NotEmpty(t, files)
	return files
}

func TestAttacksEndInTheirExpectedTypedOutcome(t *testing.T) {
	ev := attackEvent(t)
	ctx := context.Background()
	for _, path := range attackFiles(t) {
		a := parseAttack(t, path)
		modes := []bool{true, false}
		if testing.Short() {
			modes = modes[:1] // the -race run: one mode is enough
		}
		for _, jit := range modes {
			t.Run(fmt.Sprintf("%s/jit=%v", a.name, jit), func(t *testing.T) {
				if a.bug != "" && !knownBugs() {
					t.Skip("BUG: " + a.bug)
				}
				cfg := a.cfg
				cfg.EnableJIT = jit
				e, err := lua.NewEngine(cfg, nil)
				require.NoError(t, err)
				probe, err := e.LoadRule("probe", probeRule)
				require.NoError(t, err)
				ok, err := probe.Evaluate(ctx, ev)
				require.NoError(t, err)
				require.True(t, ok)

				r, err := e.LoadRule(a.name, a.src)
				if a.kinds["load"] {
					require.Error(t, err, "%s: %s: loading must fail", a.name, a.what)
					var rerr *lua.RuleError
					assert.ErrorAs(t, err, &rerr)
					if a.pattern != nil {
						assert.Regexp(t, a.pattern, err.Error())
					}
				} else {
					require.NoError(t, err, "%s: loading", a.name)
					first, err := r.EvaluateDetailed(ctx, ev)
					got := outcome(err)
					text := fmt.Sprint(first.Matched)
					if err != nil {
						text = err.Error() // must print without running Lua code
					}
					assert.True(t, a.kinds[got], "%s: %s: got %s (%s), want %v", a.name, a.what, got, text, a.kinds)
					if a.pattern != nil {
						assert.Regexp(t, a.pattern, text)
					}
					assert.LessOrEqual(t, first.Instructions, int64(cfg.InstructionLimit), "instructions within budget")
					assert.LessOrEqual(t, first.MemoryBytes, int64(cfg.MemoryLimitKB)*1024, "memory within budget")
					if a.alerts >= 0 {
						assert.Len(t, first.Alerts, a.alerts, "alerts kept")
						assert.Equal(t, a.dropped, first.AlertsDropped, "alerts dropped")
					}

					// Nothing survives an evaluation: the second is identical.
					second, err2 := r.EvaluateDetailed(ctx, ev)
					assert.Equal(t, got, outcome(err2), "second evaluation outcome")
					if err != nil && err2 != nil {
						assert.Equal(t, err.Error(), err2.Error(), "second evaluation error")
					}
					assert.Equal(t, first, second, "second evaluation counts")
				}

				// The engine keeps serving: the probe loaded before the attack
				// and a new rule loaded after it see pristine libraries.
				ok, err = probe.Evaluate(ctx, ev)
				require.NoError(t, err, "probe after %s", a.name)
				assert.True(t, ok)
				after, err := e.LoadRule("probe-after", probeRule)
				require.NoError(t, err, "loading a rule after %s", a.name)
				ok, err = after.Evaluate(ctx, ev)
				require.NoError(t, err, "new rule after %s", a.name)
				assert.True(t, ok)
			})
		}
	}
}

// TestAttacksAcrossRulesShareNothing runs every attack of the suite that
// loads, interleaved on one engine, then checks the probe: no attack may
// leave a trace for another rule, whatever the order.
func TestAttacksAcrossRulesShareNothing(t *testing.T) {
	ev := attackEvent(t)
	ctx := context.Background()
	cfg := lua.DefaultConfig()
	cfg.InstructionLimit = 20000 // every attack, cut short
	e, err := lua.NewEngine(cfg, nil)
	require.NoError(t, err)
	probe, err := e.LoadRule("probe", probeRule)
	require.NoError(t, err)
	var rules []*lua.Rule
	for _, path := range attackFiles(t) {
		a := parseAttack(t, path)
		if r, err := e.LoadRule(a.name, a.src); err == nil {
			rules = append(rules, r)
		}
	}
	require.NotEmpty(t, rules)
	for round := range 2 {
		for _, r := range rules {
			_, _ = r.Evaluate(ctx, ev)
			ok, err := probe.Evaluate(ctx, ev)
			require.NoError(t, err, "round %d: probe after %s", round, r.ID())
			require.True(t, ok)
		}
	}
}

// TestInstructionBudgetIsNeverExceeded runs programs whose instructions
// carry extra units (long strings compared or hashed, long vararg lists
// moved) under every budget of a range: the units counted when the limit
// error surfaces must never exceed the budget.
func TestInstructionBudgetIsNeverExceeded(t *testing.T) {
	programs := map[string]string{
		"long string ==": `local a, b = string.rep("a", 100000) .. "b", string.rep("a", 100000) .. "c"
			return function(ev) local n = 0 while true do if a == b then n = n + 1 end end end`,
		"long string key": `local k1, k2 = string.rep("k", 100000) .. "1", string.rep("k", 100000) .. "1"
			local t = {[k1] = 1}
			return function(ev) local n = 0 while true do n = n + t[k2] end end`,
		"long vararg list": `local l = {string.byte(string.rep("x", 7000), 1, -1)}
			local function f(...) return f(...) end
			return function(ev) return f(unpack(l)) end`,
	}
	ev := attackEvent(t)
	for name, src := range programs {
		for limit := 30000; limit <= 30100; limit += 7 {
			cfg := lua.DefaultConfig()
			cfg.InstructionLimit = limit
			e, err := lua.NewEngine(cfg, nil)
			require.NoError(t, err)
			cfg.InstructionLimit = 1 << 24 // loading builds the inputs
			r, err := e.LoadRule(name, src)
			require.NoError(t, err, name)
			res, err := r.EvaluateDetailed(context.Background(), ev)
			require.ErrorIs(t, err, lua.ErrInstructionLimit, name)
			assert.LessOrEqual(t, res.Instructions, int64(limit), "%s: limit %d", name, limit)
		}
	}
}

// BenchmarkAttackCostPerUnit evaluates every attack that loads and reports
// the wall time per instruction unit charged ("ns/unit"): the instruction
// budget bounds an evaluation's time only as far as this stays close to
// the VM's own speed (a few ns per instruction). Run with
// go test ./sandbox -run '^$' -bench AttackCostPerUnit -benchtime 1x.
func BenchmarkAttackCostPerUnit(b *testing.B) {
	files, err := filepath.Glob(filepath.Join("testdata", "attacks", "*.lua"))
	require.NoError(b, err)
	ev, err := lua.NewEventBuilder().EventType(1).Field(1, lua.String("/bin/ls")).Field(2, lua.I64(42)).Build()
	require.NoError(b, err)
	for _, path := range files {
		src, err := os.ReadFile(path)
		require.NoError(b, err)
		name := strings.TrimSuffix(filepath.Base(path), ".lua")
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			e, err := lua.NewEngine(lua.DefaultConfig(), nil)
			require.NoError(b, err)
			r, err := e.LoadRule(name, string(src))
			if err != nil {
				b.Skip("does not load")
			}
			var units int64
			b.ResetTimer()
			for b.Loop() {
				res, _ := r.EvaluateDetailed(context.Background(), ev)
				units += res.Instructions
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(max(units, 1)), "ns/unit")
		})
	}
}

// TestFFIModulesAreFrozenAndInvisibleWithoutFFI checks the host's native
// modules: with FFI they cannot be replaced or extended by a rule (which
// would hijack another rule's calls); without FFI they cannot be reached.
func TestFFIModulesAreFrozenAndInvisibleWithoutFFI(t *testing.T) {
	ev := attackEvent(t)
	ctx := context.Background()
	mod := map[string]lua.NativeFunc{"ok": func(args []vm.Value) (vm.Value, error) { return vm.True, nil }}
	for _, ffi := range []bool{true, false} {
		cfg := lua.DefaultConfig()
		cfg.EnableFFI = ffi
		e, err := lua.NewEngine(cfg, nil)
		require.NoError(t, err)
		require.NoError(t, e.RegisterModule("host", mod))
		for name, src := range map[string]string{
			"replace":   `return function(e) host.ok = function() return false end return true end`,
			"rawset":    `return function(e) rawset(host, "ok", nil) return true end`,
			"extend":    `return function(e) host.extra = 1 return true end`,
			"metatable": `return function(e) setmetatable(host, {__index = function() return error end}) return true end`,
		} {
			r, err := e.LoadRule(name, src)
			require.NoError(t, err)
			_, err = r.Evaluate(ctx, ev)
			var re *vm.RuntimeError
			require.ErrorAs(t, err, &re, "ffi=%v %s", ffi, name)
			if ffi {
				assert.Contains(t, err.Error(), "attempt to modify a read-only table", name)
			} else {
				assert.Contains(t, err.Error(), "native access (FFI) is disabled: 'host' is not available in the sandbox", name)
			}
		}
		if ffi {
			r, err := e.LoadRule("call", `return function(e) return host.ok() end`)
			require.NoError(t, err)
			ok, err := r.Evaluate(ctx, ev)
			require.NoError(t, err)
			assert.True(t, ok, "the module still works after the attempts")
		}
	}
}

// deepChainRule builds, at load time, a chain of nested tables as deep as
// a 1 GiB budget allows, and keeps it reachable from the predicate so that
// the engine must freeze it.
const deepChainRule = `local t = {}
for i = 1, 5e6 do t = {t} end
return function(event) return t ~= nil end`

// TestDeepTableChainAtLoadDoesNotCrashTheHost loads deepChainRule under
// the largest memory budget a Config accepts. The freezer of the root
// package used to walk reachable tables recursively, one Go frame per
// level: 5 million levels exceed Go's 1 GB stack limit, which is a fatal
// error that kills the host process (recover cannot catch it). The load
// runs in a child process so that a crash is observed instead of suffered.
func TestDeepTableChainAtLoadDoesNotCrashTheHost(t *testing.T) {
	if os.Getenv("KESTREL_DEEP_CHAIN_CHILD") != "" {
		cfg := lua.DefaultConfig()
		cfg.MemoryLimitKB = lua.MaxMemoryLimitKB
		cfg.InstructionLimit = 1 << 30
		e, err := lua.NewEngine(cfg, nil)
		require.NoError(t, err)
		_, err = e.LoadRule("deep", deepChainRule)
		fmt.Println("load returned:", err)
		return
	}
	if testing.Short() {
		t.Skip("needs ~1 GB of RAM and ~20 s")
	}
	exe, err := os.Executable()
	require.NoError(t, err)
	cmd := exec.Command(exe, "-test.run=^TestDeepTableChainAtLoadDoesNotCrashTheHost$", "-test.count=1")
	cmd.Env = append(os.Environ(), "KESTREL_DEEP_CHAIN_CHILD=1")
	out, err := cmd.CombinedOutput()
	head := string(out[:min(len(out), 400)]) // a Go crash dump runs to megabytes
	assert.NoError(t, err, "the child process must not die: %s", head)
	assert.False(t, strings.Contains(string(out), "fatal error: stack overflow"), "the host crashed: %s", head)
	assert.True(t, strings.Contains(string(out), "load returned:"), "the load must return: %s", head)
}
