package builtins_test

import (
	"bytes"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kestrel-runtime/lua/builtins"
	"github.com/kestrel-runtime/lua/vm"
)

// charges runs src and returns the instruction units and bytes it used.
func charges(t *testing.T, src string) (instr, bytes int64) {
	t.Helper()
	o, th := runKestrel(t, src, vm.Limits{})
	require.False(t, o.failed, "%s: %s", src, o.err)
	return th.Meter().Instructions(), th.Meter().Bytes()
}

// TestBuiltinChargesAreExact compares each program with a baseline that
// executes the same instructions with an argument that makes the builtin
// do no work, so the difference is exactly the builtin's charge.
func TestBuiltinChargesAreExact(t *testing.T) {
	cases := []struct {
		name             string
		src, baseline    string
		instr, bytes     int64
		bytesIsStringLen int // when > 0, bytes = vm.CostString(bytesIsStringLen)
	}{
		{name: "rep charges its result and one unit per 16 bytes",
			src: `local s = string.rep("x", 160)`, baseline: `local s = string.rep("x", 0)`,
			instr: 10, bytesIsStringLen: 160},
		{name: "upper charges like rep",
			src: `local s = string.upper("` + repeatString("a", 33) + `")`, baseline: `local s = string.upper("")`,
			instr: 3, bytesIsStringLen: 33},
		{name: "sub shares the subject's bytes",
			src: `local s = string.sub("hello world", 1, 5)`, baseline: `local s = string.sub("hello world", 1, 0)`,
			instr: 0, bytes: 0},
		{name: "contains scans the subject",
			src: `local b = string.contains("` + repeatString("a", 64) + `", "b")`, baseline: `local b = string.contains("", "b")`,
			instr: 4, bytes: 0},
		{name: "find with a pattern charges matcher steps",
			src: `local a = string.find("aaab", "a+b")`, baseline: `local a = string.find("", "a+b")`,
			// "a" then "+" expanding over 2 more a's, "b", the end: 5 steps;
			// the baseline fails in 1.
			instr: 4, bytes: 0},
		{name: "concat charges its result and a unit per element",
			src: `local s = table.concat({"ab", "cd"}, ",", 1, 2)`, baseline: `local s = table.concat({"ab", "cd"}, ",", 2, 1)`,
			instr: 3, bytesIsStringLen: 5},
		{name: "tonumber charges the string it scans",
			src: `local n = tonumber("` + repeatString(" ", 159) + `1")`, baseline: `local n = tonumber("1")`,
			// 160 bytes: 10 units, against 1 for "1".
			instr: 9, bytes: 0},
		{name: "a numeric string argument is charged like tonumber",
			src: `local n = math.floor("` + repeatString(" ", 159) + `1")`, baseline: `local n = math.floor("1")`,
			instr: 9, bytes: 0},
		{name: "rawequal charges equal-length strings it compares",
			src: `local b = rawequal("` + repeatString("a", 64) + `", "` + repeatString("b", 64) + `")`, baseline: `local b = rawequal("", "")`,
			instr: 4, bytes: 0},
		{name: "rawequal of strings of different lengths compares nothing",
			src: `local b = rawequal("` + repeatString("a", 64) + `", "b")`, baseline: `local b = rawequal("", "")`,
			instr: 0, bytes: 0},
		{name: "rawget charges a long string key as t[k] does",
			src:      `local k = string.rep("k", 640) local t = {[k] = 1} local v = rawget(t, string.rep("k", 640))`,
			baseline: `local k = string.rep("k", 640) local t = {[k] = 1} local v = rawget(t, string.rep("k", 0))`,
			// string.rep: 40 units for 640 bytes; the key: 640/64.
			instr: 40 + 10, bytesIsStringLen: 640},
		{name: "maxn charges every slot of the hash part",
			src:      `local e, t = {}, {} for i = 1, 64 do t["k" .. i] = i end local n = table.maxn(t)`,
			baseline: `local e, t = {}, {} for i = 1, 64 do t["k" .. i] = i end local n = table.maxn(e)`,
			// 64 nodes and the end: 65/16 + 1 units, against 0/16 + 1.
			instr: 4, bytes: 0},
		{name: "next charges the empty slots it passes over",
			src:      `local e, t = {}, {} for i = 1, 64 do t[i] = i end for i = 1, 63 do t[i] = nil end local k = next(t)`,
			baseline: `local e, t = {}, {} for i = 1, 64 do t[i] = i end for i = 1, 63 do t[i] = nil end local k = next(e)`,
			// 63 empty slots at 8 per unit.
			instr: 7, bytes: 0},
		{name: "glob charges a unit per 16 steps and one for the call",
			src: `local b = string.glob_match("` + repeatString("a", 40) + `", "*b")`, baseline: `local b = string.glob_match("", "*b")`,
			// 42 steps (3 units) + 1 for the call, against 2 steps (1) + 1.
			instr: 2, bytes: 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			i1, b1 := charges(t, c.src)
			i0, b0 := charges(t, c.baseline)
			assert.Equal(t, c.instr, i1-i0, "instruction units: got %d - %d", i1, i0)
			want := c.bytes
			if c.bytesIsStringLen > 0 {
				want = vm.CostString(c.bytesIsStringLen)
			}
			assert.Equal(t, want, b1-b0, "bytes: got %d - %d", b1, b0)
		})
	}
}

func repeatString(s string, n int) string {
	out := ""
	for i := 0; i < n; i++ {
		out += s
	}
	return out
}

func TestSortChargesPerComparison(t *testing.T) {
	// auxsort compares a[3]<a[1] and a[2]<a[1]; for {3, 1, 2} both hold and
	// it stops after 2 comparisons; for {1, 2, 3} neither does and it also
	// compares a[3]<a[2]: 3 comparisons.
	i2, _ := charges(t, `local t = {3, 1, 2} table.sort(t)`)
	i3, _ := charges(t, `local t = {1, 2, 3} table.sort(t)`)
	assert.Equal(t, int64(1), i3-i2)
}

// TestSortChargesStringComparisonsByLength sorts three long strings with
// the default order: each comparison also costs one unit per 16 bytes of
// the shorter string, as the bytes compared are not bounded otherwise.
func TestSortChargesStringComparisonsByLength(t *testing.T) {
	prelude := `local a = string.rep("x", 1600) local t, e = {a .. "c", a .. "a", a .. "b"}, {"c", "a", "b"} `
	short, _ := charges(t, prelude+`table.sort(e)`)
	long, _ := charges(t, prelude+`table.sort(t)`)
	// Both sorts make the same 2 comparisons (see
	// TestSortChargesPerComparison): 1601/16 = 100 more units each.
	assert.Equal(t, int64(2*100), long-short)
}

func TestChargesAreDeterministic(t *testing.T) {
	src := `
local words = {}
for w in ("the quick brown fox jumps over the lazy dog"):gmatch("%a+") do words[#words + 1] = w:upper() end
table.sort(words)
local s = string.format("%s|%5.2f|%q", table.concat(words, ","), math.pi, "x\n")
return s:gsub("O", "0")`
	i1, b1 := charges(t, src)
	for k := 0; k < 5; k++ {
		i, b := charges(t, src)
		require.Equal(t, i1, i, "instructions differ between runs")
		require.Equal(t, b1, b, "bytes differ between runs")
	}
}

// TestLimitBombsStopQuickly runs programs whose work or memory is huge;
// each must end with the right typed error, which pcall cannot catch.
func TestLimitBombsStopQuickly(t *testing.T) {
	limits := vm.Limits{Instructions: 1_000_000, MemoryBytes: 1 << 20}
	cases := []struct {
		name string
		src  string
		want error
	}{
		{"rep bomb", `local s = string.rep("x", 1e9)`, vm.ErrMemoryLimit},
		{"rep bomb without memory limit", `local s = string.rep("x", 1e9)`, vm.ErrInstructionLimit},
		{"rep beyond MaxStringLen", `local s = string.rep("xx", 2^31 - 1)`, vm.ErrMemoryLimit},
		{"rep bomb under pcall", `print(pcall(string.rep, "x", 1e9))`, vm.ErrMemoryLimit},
		{"rep of rep", `local s = string.rep(string.rep("x", 1000), 1e6)`, vm.ErrMemoryLimit},
		{"backtracking bomb", `local s = string.rep("a", 30) return string.find(s, string.rep("a*", 20) .. "b")`, vm.ErrInstructionLimit},
		{"backtracking bomb under pcall", `return pcall(string.match, string.rep("a", 30), string.rep("a*", 20) .. "b")`, vm.ErrInstructionLimit},
		{"gsub growth", `local s = string.rep("x", 1e4) return string.gsub(s, "x", string.rep("y", 1000))`, vm.ErrMemoryLimit},
		{"gsub replacement expansion", `local s = string.rep("x", 1e4) return string.gsub(s, ".+", string.rep("%0", 200))`, vm.ErrMemoryLimit},
		{"huge concat", `local s = string.rep("x", 1e4) local t = {} for i = 1, 1000 do t[i] = s end return table.concat(t)`, vm.ErrMemoryLimit},
		{"format of a huge string", `local s = string.rep("x", 6e5) return string.format("%s%s", s, s)`, vm.ErrMemoryLimit},
		{"glob bomb", `local s = string.rep("a", 1e5) return string.glob_match(s, "*" .. string.rep("a", 1000) .. "b")`, vm.ErrInstructionLimit},
		{"unpack far", `return select("#", unpack({}, 1, 7990))`, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			l := limits
			if c.name == "rep bomb without memory limit" || c.name == "rep beyond MaxStringLen" {
				l.MemoryBytes = 0
			}
			o, th := runKestrel(t, c.src, l)
			if c.want == nil {
				assert.False(t, o.failed, o.err)
				return
			}
			require.True(t, o.failed, "the program must fail")
			_ = th
			err := lastError(t, c.src, l)
			assert.ErrorIs(t, err, c.want, "got %v", err)
		})
	}
}

// lastError runs src and returns the Go error of the run.
func lastError(t *testing.T, src string, limits vm.Limits) error {
	th := newThread(newEnv(t), nil, limits)
	fn, err := loadMain(th, chunkName, []byte(src))
	require.NoError(t, err)
	_, err = th.Call(fn, nil, -1)
	return err
}

// TestSharedFrozenLibrariesAcrossGoroutines runs one program on many
// threads sharing a frozen environment: outputs and charges must be
// identical (run with -race).
func TestSharedFrozenLibrariesAcrossGoroutines(t *testing.T) {
	env := newEnv(t)
	strMeta := builtins.StringMetatable(env)
	env.FreezeDeep()
	strMeta.Freeze()
	src := `
local t = {}
for w in ("delta alpha charlie bravo"):gmatch("%a+") do t[#t + 1] = w end
table.sort(t, function(a, b) return a > b end)
local s = string.format("%s %d %.3f %q", table.concat(t, ","), #t, math.sqrt(2), "q")
print(s:gsub("a", "A"), math.random(100), regex.match("^d", t[1]), ("x.sh"):endswith(".sh"))`
	type result struct {
		out          string
		instr, bytes int64
	}
	const n = 16
	results := make([]result, n)
	var wg sync.WaitGroup
	for g := 0; g < n; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			var out bytes.Buffer
			th := newThread(env, &out, vm.Limits{Instructions: 1e6, MemoryBytes: 1 << 20})
			th.StringMeta = strMeta
			fn, err := loadMain(th, chunkName, []byte(src))
			if err != nil {
				results[g].out = err.Error()
				return
			}
			if _, err := th.Call(fn, nil, 0); err != nil {
				results[g].out = err.Error()
				return
			}
			results[g] = result{out.String(), th.Meter().Instructions(), th.Meter().Bytes()}
		}(g)
	}
	wg.Wait()
	require.Contains(t, results[0].out, "deltA,chArlie,brAvo,AlphA 4 1.414")
	for g := 1; g < n; g++ {
		assert.Equal(t, results[0], results[g], "goroutine %d", g)
	}
}

// writesOnly is an io.Writer without WriteString that records the size of
// every write.
type writesOnly struct {
	out   bytes.Buffer
	sizes []int
}

func (w *writesOnly) Write(p []byte) (int, error) {
	w.sizes = append(w.sizes, len(p))
	return w.out.Write(p)
}

// TestPrintStreamsWithoutBuildingTheLine checks that print and io.write
// write long strings to a writer without WriteString in bounded chunks
// (never a copy of the whole line) and that the output is the same as
// through a bytes.Buffer; print charges no memory for its line.
func TestPrintStreamsWithoutBuildingTheLine(t *testing.T) {
	src := `local s = string.rep("x", 10000) .. "y" print(s, 1, s) io.write(s, 2.5, "\n")`
	want, _ := runKestrel(t, src, vm.Limits{})
	require.False(t, want.failed, want.err)
	require.Len(t, want.stdout, 3*10001+2+2+3+1)

	w := &writesOnly{}
	th := newThread(newEnv(t), w, vm.Limits{})
	fn, err := loadMain(th, chunkName, []byte(src))
	require.NoError(t, err)
	_, err = th.Call(fn, nil, 0)
	require.NoError(t, err)
	assert.Equal(t, want.stdout, w.out.String())
	for _, n := range w.sizes {
		assert.LessOrEqual(t, n, 4096, "write of %d bytes", n)
	}

	_, withPrint := charges(t, `local s, e = string.rep("x", 10000), string.rep("x", 0) print(s, s, s, s)`)
	_, without := charges(t, `local s, e = string.rep("x", 10000), string.rep("x", 0) print(e, e, e, e)`)
	assert.Equal(t, without, withPrint, "print charges no memory for the line it writes")
}

// Benchmarks of the builtins that build strings piece by piece (their
// allocations are what TestMemoryChargeCoversHeapGrowth compares with
// their charges) and of print to a discarded output.
func BenchmarkGsub(b *testing.B) { benchLua(b, `local r = s:gsub("/", "\\")`) }
func BenchmarkGsubFunction(b *testing.B) {
	benchLua(b, `local r = s:gsub("%a+", function(w) return w end)`)
}
func BenchmarkFormat(b *testing.B) {
	benchLua(b, `local r = string.format("%d:%s:%5.2f:%q", 42, s, 1.5, "x\n")`)
}
func BenchmarkPrint(b *testing.B) { benchLua(b, `print(s, 42, s)`) }
