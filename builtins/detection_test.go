package builtins_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kestrel-runtime/lua/vm"
)

// eval runs `return <expr>` and renders its results like print does.
func eval(t *testing.T, expr string) string {
	t.Helper()
	o, _ := runKestrel(t, "print("+expr+")", vm.Limits{})
	if o.failed {
		return "error: " + o.err
	}
	return strings.TrimSuffix(o.stdout, "\n")
}

func TestStringContains(t *testing.T) {
	cases := []struct{ expr, want string }{
		{`string.contains("/tmp/evil.sh", "/tmp/")`, "true"},
		{`string.contains("/usr/bin/ls", "/tmp/")`, "false"},
		{`string.contains("abc", "")`, "true"},
		{`string.contains("", "")`, "true"},
		{`string.contains("a.b", ".")`, "true"},    // plain text, not a pattern
		{`string.contains("abc", "a.c")`, "false"}, // plain text, not a pattern
		{`string.contains("x%d", "%d")`, "true"},
		{`("hello"):contains("ell")`, "true"},
		{`string.contains(12345, 234)`, "true"},
		{`string.contains(nil, "x")`, "error: chunk:1: bad argument #1 to 'contains' (string expected, got nil)"},
		{`string.contains("x")`, "error: chunk:1: bad argument #2 to 'contains' (string expected, got no value)"},
	}
	for _, c := range cases {
		assert.Equal(t, c.want, eval(t, c.expr), c.expr)
	}
}

func TestStringStartsWith(t *testing.T) {
	cases := []struct{ expr, want string }{
		{`string.startswith("/bin/sh", "/bin/")`, "true"},
		{`string.startswith("/usr/bin/sh", "/bin/")`, "false"},
		{`string.startswith("ab", "abc")`, "false"},
		{`string.startswith("abc", "")`, "true"},
		{`string.startswith("^abc", "^a")`, "true"},
		{`("x.sh"):endswith(".sh")`, "true"},
		{`string.endswith("x.sh", ".py")`, "false"},
		{`string.endswith("sh", ".sh")`, "false"},
		{`string.endswith("a$", "$")`, "true"},
		{`string.startswith({}, "x")`, "error: chunk:1: bad argument #1 to 'startswith' (string expected, got table)"},
	}
	for _, c := range cases {
		assert.Equal(t, c.want, eval(t, c.expr), c.expr)
	}
}

func TestRegexMatch(t *testing.T) {
	cases := []struct{ expr, want string }{
		{`regex.match("suspicious.*pattern", "a suspicious looking pattern")`, "true"},
		{`regex.match("^/tmp/", "/var/tmp/x")`, "false"},
		{`regex.match("tmp", "/var/tmp/x")`, "true"}, // unanchored
		{`regex.match("(?i)CURL.*\\|\\s*sh", "curl http://x | sh")`, "true"},
		{`regex.match("\\d{3}-\\d{4}", "call 555-1234")`, "true"},
		{`regex.match("a(b", "ab")`, "error: chunk:1: invalid regex pattern 'a(b': missing closing ): `a(b`"},
		{`regex.match("(a)\\1", "aa")`, "error: chunk:1: invalid regex pattern '(a)\\1': invalid escape sequence: `\\1`"},
		{`regex.match(nil, "x")`, "error: chunk:1: bad argument #1 to 'match' (string expected, got nil)"},
		// Programs up to MaxRegexInsts (10,000) instructions compile; the
		// estimate refuses far larger ones before expanding them.
		{`regex.match(string.rep("a{1000}", 9), "x")`, "false"},
		{`regex.match(string.rep("a{1000}", 10), "x")`, "error: chunk:1: invalid regex pattern '" + strings.Repeat("a{1000}", 10) +
			"': program too large (10002 instructions, more than 10000)"},
		{`regex.match(string.rep("a{1000}", 30), "x")`, "error: chunk:1: invalid regex pattern '" + strings.Repeat("a{1000}", 30) +
			"': program too large (more than 10000 instructions)"},
	}
	for _, c := range cases {
		assert.Equal(t, c.want, eval(t, c.expr), c.expr)
	}
}

func TestGlobMatchFromLua(t *testing.T) {
	cases := []struct{ expr, want string }{
		{`string.glob_match("/tmp/evil", "*/evil*")`, "true"},
		{`string.glob_match("/tmp/x.sh", "/tmp/*.sh")`, "true"},
		{`string.glob_match("/tmp/x.py", "/tmp/*.sh")`, "false"},
		{`string.glob_match("bash", "[bcz]ash")`, "true"},
		{`string.glob_match("x", "[x")`, "error: chunk:1: malformed glob pattern (missing ']')"},
		{`("/dev/shm/x"):glob_match("/dev/shm/?")`, "true"},
	}
	for _, c := range cases {
		assert.Equal(t, c.want, eval(t, c.expr), c.expr)
	}
}

func TestAlertEmitRecordsAlertsAndCountsOverflow(t *testing.T) {
	var out bytes.Buffer
	th := newThread(newEnv(t), &out, vm.Limits{})
	th.MaxAlerts = 3
	fn, err := loadMain(th, chunkName, []byte(`
for i = 1, 5 do alert.emit("rule-" .. i, "message " .. i) end
return #"done"`))
	require.NoError(t, err)
	res, err := th.Call(fn, nil, -1)
	require.NoError(t, err)
	require.Len(t, res, 1)
	assert.Equal(t, []vm.Alert{{Rule: "rule-1", Message: "message 1"}, {Rule: "rule-2", Message: "message 2"}, {Rule: "rule-3", Message: "message 3"}}, th.Alerts)
	assert.Equal(t, 2, th.AlertsDropped, "alerts beyond MaxAlerts are counted, not lost silently")
	assert.Equal(t, "error: chunk:1: bad argument #2 to 'emit' (string expected, got no value)", eval(t, `alert.emit("r")`))
}

// TestRegexChargesDependOnTheProgramNotTheCache checks that regex.match
// charges the same on a cache miss and a hit, and in proportion to the
// compiled program: compiling and matching a{1000} (1,002 instructions)
// costs far more than a 1-byte pattern.
func TestRegexChargesDependOnTheProgramNotTheCache(t *testing.T) {
	src := func(p string) string {
		return `local n = 0 for i = 1, 3 do if regex.match("` + p + `", "xyz") then n = n + 1 end end`
	}
	// A pattern no other test uses: the first run compiles it.
	miss, missBytes := charges(t, src("q{1000}(?:charges)?"))
	hit, hitBytes := charges(t, src("q{1000}(?:charges)?"))
	assert.Equal(t, miss, hit, "instruction units, cache miss vs hit")
	assert.Equal(t, missBytes, hitBytes, "bytes, cache miss vs hit")

	small, smallBytes := charges(t, src("q"))
	// 3 calls x (8 units and 64 bytes per instruction to compile, 3 bytes
	// of text x 1,000 more instructions / 16 to match), and the 17 extra
	// bytes of the pattern parsed.
	assert.GreaterOrEqual(t, hit-small, int64(3*(8*1000+3*1000/16)))
	assert.GreaterOrEqual(t, hitBytes-smallBytes, int64(3*64*1000))
}

func TestRegexCacheIsSafeAcrossGoroutines(t *testing.T) {
	env := newEnv(t)
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			th := newThread(env, nil, vm.Limits{})
			// 300 distinct patterns: more than the cache holds.
			src := fmt.Sprintf(`local n = 0
for i = 1, 300 do if regex.match("x" .. i .. "y", "ax%dyb") then n = n + 1 end end
return n`, g+1)
			fn, err := loadMain(th, chunkName, []byte(src))
			if err != nil {
				errs <- err
				return
			}
			res, err := th.Call(fn, nil, 1)
			if err != nil {
				errs <- err
				return
			}
			if res[0].AsInt() != 1 {
				errs <- fmt.Errorf("goroutine %d matched %d patterns, want 1", g, res[0].AsInt())
			}
		}(g)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

// benchCall runs `f(args)` through the VM b.N times in one Lua loop.
func benchLua(b *testing.B, body string) {
	b.ReportAllocs()
	th := newThread(newEnv(b), nil, vm.Limits{})
	fn, err := loadMain(th, chunkName, []byte(`local n = ... local s = "/usr/lib/systemd/systemd-journald --flag /var/tmp/payload.sh"
for i = 1, n do `+body+` end`))
	require.NoError(b, err)
	args := []vm.Value{vm.Int(int64(b.N))}
	b.ResetTimer()
	if _, err := th.Call(fn, args, 0); err != nil {
		b.Fatal(err)
	}
}

func BenchmarkContains(b *testing.B)   { benchLua(b, `local r = string.contains(s, "/tmp/")`) }
func BenchmarkStartsWith(b *testing.B) { benchLua(b, `local r = string.startswith(s, "/usr/")`) }
func BenchmarkEndsWith(b *testing.B)   { benchLua(b, `local r = string.endswith(s, ".sh")`) }
func BenchmarkGlobMatchLua(b *testing.B) {
	benchLua(b, `local r = string.glob_match(s, "*/tmp/*.sh")`)
}
func BenchmarkRegexMatch(b *testing.B) { benchLua(b, `local r = regex.match("/tmp/.*\\.sh$", s)`) }
func BenchmarkFindPattern(b *testing.B) {
	benchLua(b, `local r = string.find(s, "/tmp/[%w_]+%.sh$")`)
}
func BenchmarkFindPlain(b *testing.B) { benchLua(b, `local r = string.find(s, "/tmp/", 1, true)`) }

func TestFrozenTablesRejectLibraryWrites(t *testing.T) {
	env := newEnv(t)
	frozen := vm.NewTable(4, 0)
	for i := int64(1); i <= 3; i++ {
		require.NoError(t, frozen.SetInt(nil, i, vm.Int(4-i)))
	}
	frozen.Freeze()
	require.NoError(t, env.SetStr(nil, "frozen", vm.TableValue(frozen)))
	for _, src := range []string{
		`table.insert(frozen, 1)`,
		`table.remove(frozen)`,
		`table.sort(frozen)`,
		`rawset(frozen, 1, 0)`,
		`setmetatable(frozen, {})`,
	} {
		th := newThread(env, nil, vm.Limits{})
		fn, err := loadMain(th, chunkName, []byte(src))
		require.NoError(t, err)
		_, err = th.Call(fn, nil, 0)
		require.Error(t, err, src)
		assert.Contains(t, errorValue(err), "attempt to modify a read-only table", src)
	}
	assert.Equal(t, int64(3), frozen.GetInt(1).AsInt(), "the frozen table is unchanged")
}

func TestPrintUsesTostringThroughGlobalsIndex(t *testing.T) {
	shared := newEnv(t)
	require.NoError(t, shared.SetStr(nil, "tostring", vm.FunctionValue(vm.NewGoFunction("tostring", func(th *vm.Thread, args []vm.Value) (int, error) {
		th.Push(vm.String("<custom>"))
		return 1, nil
	}))))
	globals := vm.NewTable(0, 0)
	meta := vm.NewTable(0, 1)
	require.NoError(t, meta.SetStr(nil, "__index", vm.TableValue(shared)))
	globals.SetMetatable(meta)
	var out bytes.Buffer
	th := newThread(globals, &out, vm.Limits{})
	fn, err := loadMain(th, chunkName, []byte(`print(1, "x")`))
	require.NoError(t, err)
	_, err = th.Call(fn, nil, 0)
	require.NoError(t, err)
	assert.Equal(t, "<custom>\t<custom>\n", out.String())
}

func TestDofileRunsAFileAndRaisesItsErrors(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.lua")
	bad := filepath.Join(dir, "bad.lua")
	require.NoError(t, os.WriteFile(good, []byte("#!/usr/bin/lua\nreturn 1 + 1, ...\n"), 0o644))
	require.NoError(t, os.WriteFile(bad, []byte("\nx = = 1\n"), 0o644))
	cases := []struct{ expr, want string }{
		{fmt.Sprintf("dofile(%q)", good), "2"},
		{fmt.Sprintf("pcall(dofile, %q)", bad), "false\t" + bad + ":2: unexpected symbol near '='"},
		{fmt.Sprintf("pcall(dofile, %q)", filepath.Join(dir, "none.lua")), "false\tcannot open " + filepath.Join(dir, "none.lua") + ": No such file or directory"},
	}
	for _, c := range cases {
		assert.Equal(t, c.want, eval(t, c.expr), c.expr)
	}
}
