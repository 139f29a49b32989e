package conformance

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// upstreamTimeout bounds one upstream file's run on either engine (the
// slowest file kept, constructs.lua, takes under a second on lua5.1).
const upstreamTimeout = 60 * time.Second

// suiteEnv overrides the location of the upstream suite.
const suiteEnv = "KESTREL_LUA51_TESTS"

// suiteDir returns the upstream suite folder, or skips the test.
func suiteDir(t *testing.T) string {
	t.Helper()
	dir := os.Getenv(suiteEnv)
	if dir != "" && !filepath.IsAbs(dir) {
		// A relative override is relative to the repository root, like
		// the default.
		dir = filepath.Join(moduleRoot(t), dir)
	}
	if dir == "" {
		// The shared folder sits beside the repository (CI clones the
		// repository next to it).
		dir = filepath.Join(moduleRoot(t), "..", "shared", "conformance", "lua5.1-tests")
	}
	if _, err := os.Stat(filepath.Join(dir, "constructs.lua")); err != nil {
		t.Skipf("upstream Lua 5.1 test suite not found at %s (set %s): %v", dir, suiteEnv, err)
	}
	abs, err := filepath.Abs(dir)
	require.NoError(t, err)
	return abs
}

// referenceSurface lists the names of lua5.1's standard library: every
// global and every field of a global library table, as "name" or
// "table.name", sorted.
func referenceSurface(t *testing.T, ref *Reference) []string {
	const list = `local out = {}
for k, v in pairs(_G) do
  if type(k) == "string" and k ~= "_G" and k ~= "arg" then
    out[#out + 1] = k
    if type(v) == "table" then
      for f in pairs(v) do if type(f) == "string" then out[#out + 1] = k .. "." .. f end end
    end
  end
end
table.sort(out)
io.write(table.concat(out, "\n"))`
	out, err := exec.Command(ref.Path, "-e", list).Output()
	require.NoError(t, err)
	return strings.Split(string(out), "\n")
}

// subsetSurface is the library surface of the conformance profile as
// SUBSET.md defines it, used to restrict lua5.1 when the engine cannot be
// asked.
var subsetMissing = regexp.MustCompile(`^(coroutine|debug|os|package)(\..*)?$|^io\.(?:[^w].*|write.+)$|^(require|module|collectgarbage|gcinfo|newproxy|loadfile)$|^string\.dump$`)

// missingNames returns the names of lua5.1's library that the engine's
// conformance profile lacks: it asks the engine when there is one.
func missingNames(t *testing.T, ref *Reference, eng Engine) []string {
	names := referenceSurface(t, ref)
	var missing []string
	if eng == nil {
		for _, n := range names {
			if subsetMissing.MatchString(n) {
				missing = append(missing, n)
			}
		}
		return missing
	}
	var probe strings.Builder
	probe.WriteString("local names = {\n")
	for _, n := range names {
		fmt.Fprintf(&probe, "  %q,\n", n)
	}
	probe.WriteString(`}
for _, n in ipairs(names) do
  local v = _G
  for part in string.gmatch(n, "[^.]+") do
    if type(v) ~= "table" then v = nil break end
    v = v[part]
  end
  if v == nil then print(n) end
end
`)
	out, err := eng.RunSource(context.Background(), "probe.lua", []byte(probe.String()))
	require.NoError(t, err)
	require.False(t, out.Failed, "surface probe failed: %s", out.Error)
	for _, n := range strings.Split(strings.TrimSpace(out.Stdout), "\n") {
		if n != "" {
			missing = append(missing, n)
		}
	}
	return missing
}

// restrictPrelude is Lua code that removes the given names from lua5.1's
// library, so that lua5.1 runs with kestrel-lua's library surface.
func restrictPrelude(missing []string) string {
	var b strings.Builder
	// Fields first, then whole tables.
	sorted := append([]string(nil), missing...)
	sort.Slice(sorted, func(i, j int) bool {
		di, dj := strings.Count(sorted[i], "."), strings.Count(sorted[j], ".")
		if di != dj {
			return di > dj
		}
		return sorted[i] < sorted[j]
	})
	for _, n := range sorted {
		if tbl, field, ok := strings.Cut(n, "."); ok {
			fmt.Fprintf(&b, "if type(%s) == 'table' then %s[%q] = nil end\n", tbl, tbl, field)
		} else {
			fmt.Fprintf(&b, "%s = nil\n", n)
		}
	}
	return b.String()
}

// runRestricted runs `lua5.1 -e PRELUDE file` from dir, as `lua5.1 file`
// runs it but with the prelude's names removed, and parses lua.c's report.
func runRestricted(ctx context.Context, ref *Reference, dir, file, prelude string) (Outcome, error) {
	cmd := exec.CommandContext(ctx, ref.Path, "-e", prelude, file)
	cmd.Dir = dir
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	out := Outcome{Stdout: stdout.String()}
	if err == nil {
		return out, nil
	}
	if ctx.Err() != nil {
		return out, fmt.Errorf("lua5.1 %s: %v", file, ctx.Err())
	}
	// lua.c reports "progname: message" where progname is argv[0].
	msg, ok := strings.CutPrefix(stderr.String(), ref.Path+": ")
	if !ok {
		return out, fmt.Errorf("lua5.1 %s: %v: %s", file, err, stderr.String())
	}
	msg, _, _ = strings.Cut(msg, "\nstack traceback:\n")
	out.Failed = true
	out.Error = NormalizeError(strings.TrimSuffix(msg, "\n"), file)
	return out, nil
}

// TestUpstream runs the upstream Lua 5.1 test suite: every file of the
// folder must be in the manifest; each file that is not skipped runs under
// lua5.1 restricted to kestrel-lua's library surface (which must end as the
// manifest says) and under kestrel-lua (which must end identically, with the
// same output).
func TestUpstream(t *testing.T) {
	dir := suiteDir(t)
	ref := needReference(t)
	eng := upstreamEngine(t)

	files, err := filepath.Glob(filepath.Join(dir, "*.lua"))
	require.NoError(t, err)
	inFolder := map[string]bool{}
	for _, f := range files {
		inFolder[filepath.Base(f)] = true
	}
	inManifest := map[string]bool{}
	for _, e := range Manifest {
		require.False(t, inManifest[e.File], "%s is listed twice in the manifest", e.File)
		inManifest[e.File] = true
		assert.True(t, inFolder[e.File], "manifest lists %s, which is not in %s", e.File, dir)
		if e.Status != Pass {
			assert.NotEmpty(t, e.Reason, "%s: a %s entry needs a reason", e.File, e.Status)
		}
	}
	for name := range inFolder {
		assert.True(t, inManifest[name], "%s is in the suite but not in the manifest: add it to conformance/manifest.go", name)
	}

	missing := missingNames(t, ref, eng)
	prelude := restrictPrelude(missing)
	t.Logf("library names of lua5.1 absent from kestrel-lua's conformance profile (%d): %s", len(missing), strings.Join(missing, " "))

	results := map[string]string{}
	for _, e := range Manifest {
		if e.Status == Skip {
			results[e.File] = "not run"
			continue
		}
		t.Run(e.File, func(t *testing.T) {
			results[e.File] = "FAIL"
			ctx, cancel := context.WithTimeout(context.Background(), upstreamTimeout)
			want, err := runRestricted(ctx, ref, dir, e.File, prelude)
			cancel()
			require.NoError(t, err)
			if !checkEntry(t, e, want, "restricted lua5.1 (the manifest is wrong)") {
				return
			}
			if eng == nil {
				results[e.File] = "lua5.1 only"
				return
			}
			t.Chdir(dir)
			ctx, cancel = context.WithTimeout(context.Background(), upstreamTimeout)
			got, err := eng.RunFile(ctx, dir, e.File)
			cancel()
			require.NoError(t, err)
			if d := Diff(want, got); d != "" {
				t.Errorf("%s: kestrel-lua ends differently from lua5.1 (restricted to the same library):\n%s", e.File, d)
				return
			}
			if checkEntry(t, e, got, "kestrel-lua") {
				results[e.File] = "ok"
			}
		})
	}
	t.Log("\n" + manifestTable(results))
}

// checkEntry reports whether o is the ending e expects.
func checkEntry(t *testing.T, e Entry, o Outcome, who string) bool {
	t.Helper()
	switch e.Status {
	case Pass:
		if o.Failed {
			t.Errorf("%s: %s: expected to pass, ended with error %q", e.File, who, o.Error)
			return false
		}
	case Partial:
		if !o.Failed {
			t.Errorf("%s: %s: expected to stop at line %d (%s), but ran to the end: update the manifest", e.File, who, e.StopLine, e.Reason)
			return false
		}
		if !regexp.MustCompile(e.StopError).MatchString(o.Error) {
			t.Errorf("%s: %s: expected to stop at line %d with an error matching %q, got %q", e.File, who, e.StopLine, e.StopError, o.Error)
			return false
		}
	}
	return true
}

// manifestTable renders the manifest grouped by reason, with counts and
// the result of this run.
func manifestTable(results map[string]string) string {
	var b strings.Builder
	counts := map[Status]int{}
	groups := map[Reason][]Entry{}
	var reasons []Reason
	for _, e := range Manifest {
		counts[e.Status]++
		if _, ok := groups[e.Reason]; !ok {
			reasons = append(reasons, e.Reason)
		}
		groups[e.Reason] = append(groups[e.Reason], e)
	}
	sort.Slice(reasons, func(i, j int) bool { return reasons[i] < reasons[j] })
	fmt.Fprintf(&b, "upstream Lua 5.1 suite: %d files: %d pass, %d partial (stop at an out-of-subset feature), %d skipped\n",
		len(Manifest), counts[Pass], counts[Partial], counts[Skip])
	fmt.Fprintf(&b, "%-16s %-8s %-9s %-12s\n", "file", "status", "stops at", "this run")
	for _, r := range reasons {
		if r == ReasonNone {
			fmt.Fprintf(&b, "-- runs to the end\n")
		} else {
			fmt.Fprintf(&b, "-- %s\n", r)
		}
		for _, e := range groups[r] {
			stop := ""
			if e.Status == Partial {
				stop = fmt.Sprintf("line %d", e.StopLine)
			}
			fmt.Fprintf(&b, "%-16s %-8s %-9s %-12s\n", e.File, e.Status, stop, results[e.File])
		}
	}
	return b.String()
}

// upstreamStubs replace, with plain Lua, the out-of-subset functions the
// upstream files call most (collectgarbage, gcinfo, os.clock,
// os.setlocale, table.foreach/foreachi), and math.random, whose numbers
// differ between engines by design. TestUpstreamStubbed runs each file
// after them on both engines, so that the sections behind a manifest stop
// line are compared too.
const upstreamStubs = `collectgarbage = function(opt) return 0 end
gcinfo = function() return 0 end
os = {
  clock = function() return 0 end,
  time = function() return 0 end,
  setlocale = function(l) if l == nil or l == "" or l == "C" then return "C" end return nil end,
}
do
  -- A Park-Miller generator, exact in doubles, so that both engines draw
  -- the same numbers (sort.lua sorts random arrays and prints the
  -- comparator's call count).
  local state = 42
  math.random = function(m, n)
    state = (state * 16807) % 2147483647
    local r = state / 2147483647
    if m == nil then return r end
    if n == nil then m, n = 1, m end
    return m + math.floor(r * (n - m + 1))
  end
  math.randomseed = function(s) state = s % 2147483646 + 1 end
end
table.foreach = function(t, f)
  for k, v in pairs(t) do local r = f(k, v) if r ~= nil then return r end end
end
table.foreachi = function(t, f)
  for i = 1, #t do local r = f(i, t[i]) if r ~= nil then return r end end
end
`

// notStubbed lists the files TestUpstreamStubbed does not run, and why.
var notStubbed = map[string]string{
	"gc.lua":      "loops until the collector frees memory, which a collectgarbage stub never does",
	"closure.lua": "line 26 loops until the collector clears a weak table (__mode is outside the subset)",
}

// TestUpstreamStubbed runs every upstream file that the manifest does not
// skip after upstreamStubs, via dofile, on lua5.1 (restricted to
// kestrel-lua's library surface, then stubbed) and on kestrel-lua, and
// requires identical outcomes. It tests the core-language sections that
// come after an out-of-subset call in files such as constructs, events,
// nextvar and sort.
func TestUpstreamStubbed(t *testing.T) {
	dir := suiteDir(t)
	ref := needReference(t)
	eng := upstreamEngine(t)
	prelude := restrictPrelude(missingNames(t, ref, eng))
	scratch := t.TempDir()
	results := map[string]string{}
	var files []string
	for _, e := range Manifest {
		if e.Status == Skip {
			continue
		}
		if why, ok := notStubbed[e.File]; ok {
			results[e.File] = "not run: " + why
			files = append(files, e.File)
			continue
		}
		files = append(files, e.File)
		t.Run(e.File, func(t *testing.T) {
			results[e.File] = "FAIL"
			// The wrapper lives in the scratch folder, runs from the suite
			// folder, and dofile's the file by name, so that its chunk
			// name is the file name in both engines.
			wrapper := upstreamStubs + fmt.Sprintf("dofile(%q)\n", e.File)
			wpath := filepath.Join(scratch, "stubbed_"+e.File)
			require.NoError(t, os.WriteFile(wpath, []byte(prelude+wrapper), 0o644))
			ctx, cancel := context.WithTimeout(context.Background(), upstreamTimeout)
			want, err := runRestricted(ctx, ref, dir, wpath, "")
			cancel()
			require.NoError(t, err)
			t.Chdir(dir)
			ctx, cancel = context.WithTimeout(context.Background(), upstreamTimeout)
			got, err := eng.RunSource(ctx, wpath, []byte(wrapper))
			cancel()
			require.NoError(t, err)
			if d := Diff(want, got); d != "" {
				t.Errorf("%s (stubbed): kestrel-lua ends differently from lua5.1:\n%s", e.File, d)
				return
			}
			results[e.File] = "same: " + clip(errString(want))
		})
	}
	var b strings.Builder
	fmt.Fprintf(&b, "upstream files after stubs for collectgarbage, os.clock, os.setlocale, table.foreach:\n")
	for _, f := range files {
		fmt.Fprintf(&b, "%-16s %s\n", f, results[f])
	}
	t.Log("\n" + b.String())
}
