package main

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func init() {
	// Another test file of the package may declare -update as a package
	// variable (initialised before init functions run); share it.
	if flag.Lookup("update") == nil {
		flag.Bool("update", false, "rewrite the golden files in testdata")
	}
}

func updateGolden() bool { return flag.Lookup("update").Value.String() == "true" }

// cli runs the command line and returns its exit code and outputs.
func cli(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = run(args, strings.NewReader(stdin), &out, &errOut)
	return code, out.String(), errOut.String()
}

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if updateGolden() {
		require.NoError(t, os.MkdirAll("testdata", 0o755))
		require.NoError(t, os.WriteFile(path, []byte(got), 0o644))
		return
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run go test ./cmd/kestrel-lua -run %s -update", t.Name())
	assert.Equal(t, string(want), got, "%s differs (rerun with -update if the change is intended)", path)
}

// withoutTiming drops the summary's last line (elapsed time and rate).
func withoutTiming(stderr string) string {
	lines := strings.Split(strings.TrimSuffix(stderr, "\n"), "\n")
	if n := len(lines); n > 0 && strings.HasSuffix(lines[n-1], "events/s") {
		lines = lines[:n-1]
	}
	return strings.Join(lines, "\n") + "\n"
}

func TestRunExamplesGolden(t *testing.T) {
	args := []string{"run", "--rules", "../../examples/rules", "--events", "../../examples/events.jsonl",
		"--schema", "../../examples/schema.json"}
	code, stdout, stderr := cli(t, "", append(args, "--workers", "2")...)
	assert.Equal(t, exitSome, code, "the examples contain deliberately malformed lines")
	golden(t, "run_examples.stdout", stdout)
	golden(t, "run_examples.stderr", withoutTiming(stderr))
	assert.Contains(t, stdout, `"ts_wall":1767225600002742581,`)

	// The output does not depend on the number of workers, nor on the
	// optimiser.
	for _, extra := range [][]string{{"--workers", "1"}, {"--workers", "5"}, {"--no-jit"}} {
		code2, stdout2, stderr2 := cli(t, "", append(args, extra...)...)
		assert.Equal(t, code, code2, extra)
		assert.Equal(t, stdout, stdout2, extra)
		assert.Equal(t, withoutTiming(stderr), withoutTiming(stderr2), extra)
	}
}

func TestRunTsWallRoundTripIsExact(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "marker.lua"),
		[]byte("return function(event)\n  return event:ts_wall() == 1767225600002742581\nend\n"), 0o644))
	events := `{"event_type":1,"ts_wall":1767225600002742581,"entity_key":18446744073709551615}
{"event_type":1,"ts_wall":1767225600002742580}
{"event_type":1,"ts_wall":1767225600002742582}
`
	code, stdout, stderr := cli(t, events, "run", "--rules", dir, "--events", "-", "--quiet")
	assert.Equal(t, exitOK, code, stderr)
	assert.Equal(t, `{"event":0,"rule":"marker","entity_key":18446744073709551615,"ts_wall":1767225600002742581,"messages":[]}`+"\n", stdout)
}

func TestRunReportsAndSkipsBadLines(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "all.lua"), []byte(`return function(event)
		alert.emit("all", "pid " .. tostring(event:get_i64(2)))
		return true
	end`), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "broken.lua"), []byte("return function(event)\n  return event:get_str(2):len()\nend\n"), 0o644))
	events := `{"event_type":1,"fields":{"2":1}}
{"event_type":1,"fields":{"2":
not json at all

{"event_type":1,"fields":{"2":"x"}}
{"event_type":1,"fields":{"2":3}}
`
	code, stdout, stderr := cli(t, events, "run", "--rules", dir, "--events", "-")
	assert.Equal(t, exitSome, code)
	assert.Equal(t, `{"event":0,"rule":"all","entity_key":0,"ts_wall":0,"messages":["pid 1"]}
{"event":4,"rule":"broken","entity_key":0,"ts_wall":0,"messages":[]}
{"event":5,"rule":"all","entity_key":0,"ts_wall":0,"messages":["pid 3"]}
`, stdout)
	assert.Contains(t, stderr, "kestrel-lua: stdin:2: bad event skipped: malformed JSON")
	assert.Contains(t, stderr, "kestrel-lua: stdin:3: bad event skipped: malformed JSON")
	assert.NotContains(t, stderr, "stdin:4:", "blank lines are not events")
	assert.Contains(t, stderr, "kestrel-lua: stdin:1: rule broken: "+filepath.Join(dir, "broken.lua")+":2:23: get_str: event field 2 has type i64, not string\n")
	assert.Contains(t, stderr, "kestrel-lua: stdin:5: rule all: "+filepath.Join(dir, "all.lua")+":2:53: get_i64: event field 2 has type string, not i64\n")
	assert.Contains(t, stderr, "kestrel-lua: 3 events, 2 bad lines, 3 matches, 3 evaluation errors, 2 rules\n")
}

func TestRunUsageErrors(t *testing.T) {
	for _, args := range [][]string{
		{"run"},
		{"run", "--rules", "../../examples/rules"},
		{"run", "--rules", "/nonexistent", "--events", "-"},
		{"run", "--rules", "../../examples/rules", "--events", "/nonexistent.jsonl"},
		{"run", "--rules", "../../examples/rules", "--events", "-", "--schema", "/nonexistent.json"},
		{"run", "--bogus"},
	} {
		code, _, stderr := cli(t, "", args...)
		assert.Equal(t, exitFatal, code, "%v: %s", args, stderr)
	}
}

func TestCheckExamples(t *testing.T) {
	code, stdout, stderr := cli(t, "", "check", "--rules", "../../examples/rules", "--schema", "../../examples/schema.json")
	assert.Equal(t, exitOK, code, stderr)
	assert.Equal(t, "11 rules ok, 10 with a fast path\n", stdout)
}

func TestCheckReportsEveryError(t *testing.T) {
	dir := t.TempDir()
	for name, src := range map[string]string{
		"ok.lua":       "return function(event) return event:get_str(\"exe\") ~= nil end\n",
		"syntax.lua":   "return function(event)\n  return 1 +\nend\n",
		"unknown.lua":  "return function(event)\n  return event:get_str(\"exe\") == event:get_str(\"nosuch\")\nend\n",
		"mistyped.lua": "return function(event)\n  local pid = event:get_str(\"pid\")\n  return pid\nend\n",
		"shape.lua":    "return 42\n",
		"upval.lua":    "local n = 0\nreturn function(event)\n  n = n + 1\n  return n\nend\n",
	} {
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644))
	}
	require.NoError(t, os.WriteFile(filepath.Join(dir, "schema.json"),
		[]byte(`{"fields":[{"id":1,"name":"exe","type":"string"},{"id":2,"name":"pid","type":"i64"}]}`), 0o644))
	code, stdout, stderr := cli(t, "", "check", "--rules", dir, "--schema", filepath.Join(dir, "schema.json"))
	assert.Equal(t, exitSome, code)
	assert.Equal(t, "1 rules ok, 5 with errors\n", stdout)
	lines := strings.Split(strings.TrimSpace(stderr), "\n")
	require.Len(t, lines, 5, stderr)
	want := []string{
		filepath.Join(dir, "mistyped.lua") + ":2:29: event field 2 'pid' has type i64",
		filepath.Join(dir, "shape.lua") + ":1:1: a rule must return a function or a rule table, got number",
		filepath.Join(dir, "syntax.lua") + ":3:1: ",
		filepath.Join(dir, "unknown.lua") + ":2:48: unknown event field 'nosuch'",
		filepath.Join(dir, "upval.lua") + ":3:3: attempt to modify module-level variable 'n'",
	}
	for i, w := range want {
		assert.True(t, strings.HasPrefix(lines[i], w), "line %d:\n got %s\nwant %s...", i, lines[i], w)
	}
}

// BenchmarkRunExamples measures the run command on examples/ (decode,
// evaluate 11 rules, write), per event line.
func BenchmarkRunExamples(b *testing.B) {
	events, err := os.ReadFile("../../examples/events.jsonl")
	require.NoError(b, err)
	args := []string{"run", "--rules", "../../examples/rules", "--events", "-", "--schema", "../../examples/schema.json", "--quiet", "--workers", "1"}
	b.SetBytes(int64(len(events)))
	b.ReportAllocs()
	for b.Loop() {
		var out, errOut bytes.Buffer
		run(args, bytes.NewReader(events), &out, &errOut)
	}
}

func TestRunSkipsOverlongLines(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "all.lua"), []byte(`return function(event) return true end`), 0o644))
	long := `{"event_type":1,"fields":{"1":"` + strings.Repeat("x", 100_000) + `"}}`
	events := "{}\n" + long + "\n{}"
	code, stdout, stderr := cli(t, events, "run", "--rules", dir, "--events", "-", "--quiet", "--max-line-bytes", "65536")
	assert.Equal(t, exitSome, code)
	assert.Equal(t, `{"event":0,"rule":"all","entity_key":0,"ts_wall":0,"messages":[]}
{"event":2,"rule":"all","entity_key":0,"ts_wall":0,"messages":[]}
`, stdout)
	assert.Equal(t, "kestrel-lua: stdin:2: bad event skipped: line longer than 65536 bytes\n", stderr)
}
