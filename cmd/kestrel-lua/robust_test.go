package main

// CLI robustness: hostile event streams and rule folders. Every bad line or
// rule is reported with its position, every good event is evaluated by
// every good rule, and the exit code says what happened.

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// runCLI runs the command line with stdin and returns the exit code and
// outputs.
func runCLI(t *testing.T, stdin []byte, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(args, bytes.NewReader(stdin), &out, &errOut)
	return code, out.String(), errOut.String()
}

// robustRules are good rules: "all" matches every event and echoes the
// length of field 1; "shell" matches executables ending in ".sh".
var robustRules = map[string]string{
	"all.lua": `return function(event)
  local exe = event:get_str(1)
  alert.emit("all", tostring(exe and #exe or -1))
  return true
end
`,
	"shell.lua": `return {
  event_types = {1},
  match = function(event)
    local exe = event:get_str(1)
    return exe ~= nil and string.endswith(exe, ".sh")
  end,
}
`,
}

func writeRules(t *testing.T, rules map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, src := range rules {
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644))
	}
	return dir
}

// eventLine is one line of a hostile stream: its bytes and whether the
// decoder must accept it.
type eventLine struct {
	name string
	data []byte
	good bool
}

func hostileLines() []eventLine {
	big := strings.Repeat("A", 10<<20)
	return []eventLine{
		{"good", []byte(`{"event_type":1,"fields":{"1":"/tmp/x.sh"}}`), true},
		{"malformed JSON", []byte(`{"event_type":1,"fields":{"1":"/tmp/x.sh"}`), false},
		{"not an object", []byte(`[1,2,3]`), false},
		{"garbage", []byte(`hello world`), false},
		{"trailing data", []byte(`{"event_type":1} {"event_type":2}`), false},
		{"event_type as string", []byte(`{"event_type":"one"}`), false},
		{"event_type fractional", []byte(`{"event_type":1.5}`), false},
		{"ts_wall negative", []byte(`{"ts_wall":-1}`), false},
		{"entity_key beyond u64", []byte(`{"entity_key":18446744073709551616}`), false},
		{"fields not an object", []byte(`{"fields":[1]}`), false},
		{"nested field value", []byte(`{"fields":{"1":{"x":1}}}`), false},
		{"field key not an id", []byte(`{"fields":{"exe":"/bin/sh"}}`), false},
		{"duplicate field", []byte(`{"fields":{"1":"a","1":"b"}}`), false},
		{"unknown top-level key", []byte(`{"evil":1}`), false},
		{"good after bad ones", []byte(`{"event_type":2,"fields":{"1":"/bin/ls","2":7}}`), true},
		{"10 MB string field", []byte(`{"event_type":1,"fields":{"1":"` + big + `.sh"}}`), true},
		{"10 MB of garbage", []byte(big), false},
		{"invalid UTF-8 in a string", []byte("{\"event_type\":1,\"fields\":{\"1\":\"/tmp/\xff\xfe.sh\"}}"), true},
		{"invalid UTF-8 outside strings", []byte("{\"event_type\":1\xff}"), false},
		{"NUL byte outside strings", []byte("{\"event_type\":1}\x00"), false},
		{"raw NUL inside a string", []byte("{\"fields\":{\"1\":\"a\x00b\"}}"), false},
		{"escaped NUL inside a string", []byte(`{"event_type":1,"fields":{"1":"a\u0000b.sh"}}`), true},
		{"empty object", []byte(`{}`), true},
	}
}

// matchLines parses the run's stdout: for each rule, the event indexes it
// matched, and the alert messages of "all" by event.
func matchLines(t *testing.T, stdout string) (map[string][]int, map[int]string) {
	t.Helper()
	re := regexp.MustCompile(`^\{"event":(\d+),"rule":"([^"]+)".*"messages":\[(.*)\]`)
	matched := map[string][]int{}
	messages := map[int]string{}
	for _, line := range strings.Split(strings.TrimSuffix(stdout, "\n"), "\n") {
		if line == "" {
			continue
		}
		m := re.FindStringSubmatch(line)
		require.NotNil(t, m, "output line %q", line)
		ev, err := strconv.Atoi(m[1])
		require.NoError(t, err)
		matched[m[2]] = append(matched[m[2]], ev)
		if m[2] == "all" {
			messages[ev] = m[3]
		}
	}
	return matched, messages
}

func TestRunHostileEventStream(t *testing.T) {
	rules := writeRules(t, robustRules)
	lines := hostileLines()
	var stream bytes.Buffer
	var goodIdx, goodType1, badIdx []int
	idx := 0
	for _, l := range lines {
		stream.Write(l.data)
		stream.WriteByte('\n')
		if l.good {
			goodIdx = append(goodIdx, idx)
			if !bytes.Contains(l.data, []byte(`"event_type":2`)) && bytes.Contains(l.data, []byte(`"event_type":1`)) {
				goodType1 = append(goodType1, idx)
			}
		} else {
			badIdx = append(badIdx, idx)
		}
		idx++
		stream.WriteString("\n") // blank lines are not events
		idx++
	}
	// A truncated last line, without its newline.
	stream.WriteString(`{"event_type":1,"fields":{"1":"/tmp/trunc`)
	badIdx = append(badIdx, idx)

	events := filepath.Join(t.TempDir(), "events.jsonl")
	require.NoError(t, os.WriteFile(events, stream.Bytes(), 0o644))
	for _, workers := range []string{"1", "3"} {
		t.Run("workers="+workers, func(t *testing.T) {
			code, stdout, stderr := runCLI(t, nil, "run", "--rules", rules, "--events", events, "--workers", workers)
			assert.Equal(t, exitSome, code, "bad lines make the exit status 1")

			// Every bad line is reported, with its 1-based line number.
			for _, i := range badIdx {
				assert.Contains(t, stderr, fmt.Sprintf("%s:%d: bad event skipped: ", events, i+1), "line %d", i+1)
			}
			reported := regexp.MustCompile(`:(\d+): bad event skipped`).FindAllStringSubmatch(stderr, -1)
			assert.Len(t, reported, len(badIdx), "exactly the bad lines are reported")
			assert.Contains(t, stderr, fmt.Sprintf("%d events, %d bad lines", len(goodIdx), len(badIdx)))
			assert.Less(t, len(stderr), 64<<10, "a 10 MB bad line is not echoed in full")

			// Every good event was evaluated by every rule that applies.
			matched, messages := matchLines(t, stdout)
			assert.Equal(t, goodIdx, matched["all"], "'all' matches every good event")
			sort.Ints(goodType1)
			var shell []int
			for _, i := range goodType1 {
				if i != goodIdx[len(goodIdx)-1] { // {} has no field 1
					shell = append(shell, i)
				}
			}
			assert.Equal(t, shell, matched["shell"], "'shell' matches the .sh events of type 1")
			big := goodIdx[2] // the 10 MB field
			assert.Equal(t, fmt.Sprintf(`"%d"`, 10<<20+3), messages[big], "the 10 MB field reached the rule intact")
		})
	}
}

func TestRunEmptyAndCleanStreams(t *testing.T) {
	rules := writeRules(t, robustRules)
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty.jsonl")
	require.NoError(t, os.WriteFile(empty, nil, 0o644))
	code, stdout, stderr := runCLI(t, nil, "run", "--rules", rules, "--events", empty)
	assert.Equal(t, exitOK, code, stderr)
	assert.Empty(t, stdout)
	assert.Contains(t, stderr, "0 events, 0 bad lines, 0 matches, 0 evaluation errors, 2 rules")

	blank := filepath.Join(dir, "blank.jsonl")
	require.NoError(t, os.WriteFile(blank, []byte("\n\n  \n\t\n"), 0o644))
	code, _, stderr = runCLI(t, nil, "run", "--rules", rules, "--events", blank)
	assert.Equal(t, exitOK, code, stderr)

	// A clean stream on standard input, last line without its newline.
	code, stdout, stderr = runCLI(t, []byte("{\"event_type\":1,\"fields\":{\"1\":\"/a.sh\"}}\n{\"event_type\":1}"),
		"run", "--rules", rules, "--events", "-")
	assert.Equal(t, exitOK, code, stderr)
	matched, _ := matchLines(t, stdout)
	assert.Equal(t, []int{0, 1}, matched["all"])
	assert.Equal(t, []int{0}, matched["shell"])

	code, _, stderr = runCLI(t, nil, "run", "--rules", rules, "--events", filepath.Join(dir, "missing.jsonl"))
	assert.Equal(t, exitFatal, code, "an unreadable events file is fatal")
	assert.Contains(t, stderr, "missing.jsonl")
}

// brokenRules are rules that fail to load, each for a different reason,
// with the position the report must name.
var brokenRules = map[string]string{
	"syntax.lua":  "return function(event)\n  return event:get_str(1) ==\nend\n",
	"runtime.lua": "local x = nil\nlocal y = x.field\nreturn function(event) return true end\n",
	"shape.lua":   "return 42\n",
	"forbid.lua":  "local f = io.open\nreturn function(event) return true end\n",
	"loop.lua":    "while true do end\nreturn function(event) return true end\n",
	"upvalue.lua": "local n = 0\nreturn function(event)\n  n = n + 1\n  return true\nend\n",
}

func TestRunRulesFolderWithBrokenRules(t *testing.T) {
	want := map[string]string{ // file -> position and message in the report
		"syntax.lua":  `syntax.lua:3:1: unexpected symbol near 'end'`,
		"runtime.lua": `runtime.lua:2:`,
		"shape.lua":   `shape.lua:1:`,
		"forbid.lua":  `forbid.lua:1:`,
		"loop.lua":    `instruction limit exceeded`,
		"upvalue.lua": `upvalue.lua:3:`,
	}
	files := map[string]string{}
	for name, src := range robustRules {
		files[name] = src
	}
	for name, src := range brokenRules {
		files[name] = src
	}
	files["binary.lua"] = "\x1bLua\x51\x00\x01\x04\x08\x04\x08\x00"
	files["empty.lua"] = ""
	files["notes.txt"] = "not a rule: ignored"
	want["binary.lua"] = `binary.lua:1:`
	want["empty.lua"] = `empty.lua`
	rules := writeRules(t, files)

	events := filepath.Join(t.TempDir(), "events.jsonl")
	require.NoError(t, os.WriteFile(events, []byte(
		"{\"event_type\":1,\"fields\":{\"1\":\"/tmp/x.sh\"}}\n{\"event_type\":2,\"fields\":{\"1\":\"/bin/ls\"}}\n"), 0o644))

	code, stdout, stderr := runCLI(t, nil, "run", "--rules", rules, "--events", events, "--instruction-limit", "10000")
	assert.Equal(t, exitSome, code, "broken rules make the exit status 1")
	for name, pos := range want {
		line := ""
		for _, l := range strings.Split(stderr, "\n") {
			if strings.Contains(l, filepath.Join(rules, name)) || strings.Contains(l, "rule "+strings.TrimSuffix(name, ".lua")+":") {
				line = l
				break
			}
		}
		if assert.NotEmpty(t, line, "%s is reported:\n%s", name, stderr) {
			assert.Contains(t, line, pos, "%s: report names the position", name)
		}
	}
	assert.NotContains(t, stderr, "notes.txt")
	matched, _ := matchLines(t, stdout)
	assert.Equal(t, []int{0, 1}, matched["all"], "good rules still evaluate every event")
	assert.Equal(t, []int{0}, matched["shell"])
	assert.Contains(t, stderr, "2 events, 0 bad lines, 3 matches, 0 evaluation errors, 2 rules")

	// A budget exhausted at load has no source position: the report names
	// the file.
	assert.Regexp(t, regexp.MustCompile(regexp.QuoteMeta(filepath.Join(rules, "loop.lua"))+`(:\d+:\d+)?: instruction limit exceeded`), stderr)

	// check reports the same rules and exits 1.
	code, _, stderr = runCLI(t, nil, "check", "--rules", rules)
	assert.Equal(t, exitSome, code, stderr)
	for name := range want {
		assert.Contains(t, stderr, strings.TrimSuffix(name, ".lua"), "check reports %s", name)
	}

	// Only broken rules: nothing to run with.
	only := writeRules(t, map[string]string{"syntax.lua": brokenRules["syntax.lua"]})
	code, _, stderr = runCLI(t, nil, "run", "--rules", only, "--events", events)
	assert.Equal(t, exitFatal, code, "no usable rule is fatal")
	assert.Contains(t, stderr, "syntax.lua:3:1:")
}

func TestRunEvaluationErrorsAreReportedPerLine(t *testing.T) {
	rules := writeRules(t, map[string]string{
		"all.lua": robustRules["all.lua"],
		"fails.lua": `return function(event)
  local n = event:get_i64(2)
  if n % 2 == 0 then error("even pid " .. n) end
  if n % 3 == 0 then while true do end end
  return true
end
`,
	})
	var stream strings.Builder
	for i := range 30 {
		fmt.Fprintf(&stream, "{\"event_type\":1,\"fields\":{\"2\":%d}}\n", i)
	}
	code, stdout, stderr := runCLI(t, []byte(stream.String()), "run", "--rules", rules, "--events", "-", "--instruction-limit", "5000")
	assert.Equal(t, exitSome, code, "evaluation errors make the exit status 1")
	matched, _ := matchLines(t, stdout)
	assert.Len(t, matched["all"], 30, "the other rule evaluated every event")
	var fine []int
	for i := range 30 {
		if i%2 != 0 && i%3 != 0 {
			fine = append(fine, i)
		}
	}
	assert.Equal(t, fine, matched["fails"])
	assert.Contains(t, stderr, "stdin:1: rule fails: "+filepath.Join(rules, "fails.lua")+":3:27: even pid 0")
	assert.Contains(t, stderr, "even pid 0")
	assert.Contains(t, stderr, "stdin:4: rule fails: ")
	assert.Contains(t, stderr, "instruction limit exceeded")
	assert.Contains(t, stderr, "0 bad lines, 40 matches, 20 evaluation errors, 2 rules")
}

// TestRunSchemaWrongTypes feeds values that do not suit their schema field.
func TestRunSchemaWrongTypes(t *testing.T) {
	dir := t.TempDir()
	schema := filepath.Join(dir, "schema.json")
	require.NoError(t, os.WriteFile(schema, []byte(`{"fields": [
		{"id": 1, "name": "exe", "type": "string"},
		{"id": 2, "name": "pid", "type": "i64"},
		{"id": 3, "name": "sent", "type": "u64"},
		{"id": 4, "name": "tty", "type": "bool"},
		{"id": 5, "name": "load", "type": "f64"},
		{"id": 6, "name": "hash", "type": "bytes"}]}`), 0o644))
	rules := writeRules(t, map[string]string{"all.lua": `return function(event)
  return event:get_str("exe") ~= nil or event:get_i64("pid") ~= nil or true
end
`})
	lines := []struct {
		line string
		good bool
	}{
		{`{"event_type":1,"fields":{"exe":"/bin/sh","pid":1,"sent":2,"tty":true,"load":0.5,"hash":"AAE="}}`, true},
		{`{"fields":{"exe":1}}`, false},
		{`{"fields":{"pid":"1"}}`, false},
		{`{"fields":{"pid":1.5}}`, false},
		{`{"fields":{"pid":9223372036854775808}}`, false},
		{`{"fields":{"sent":-1}}`, false},
		{`{"fields":{"tty":"yes"}}`, false},
		{`{"fields":{"tty":1}}`, false},
		{`{"fields":{"load":"0.5"}}`, false},
		{`{"fields":{"hash":"not base64!"}}`, false},
		{`{"fields":{"hash":12}}`, false},
		{`{"fields":{"nosuchfield":1}}`, false},
		{`{"fields":{"99":1}}`, false},
		{`{"fields":{"2":7}}`, true},
		{`{"fields":{"load":1}}`, true},
	}
	var stream strings.Builder
	var good, bad []int
	for i, l := range lines {
		stream.WriteString(l.line + "\n")
		if l.good {
			good = append(good, i)
		} else {
			bad = append(bad, i)
		}
	}
	code, stdout, stderr := runCLI(t, []byte(stream.String()), "run", "--rules", rules, "--events", "-", "--schema", schema)
	assert.Equal(t, exitSome, code)
	for _, i := range bad {
		assert.Contains(t, stderr, fmt.Sprintf("stdin:%d: bad event skipped: ", i+1), "line %d: %s", i+1, lines[i].line)
	}
	matched, _ := matchLines(t, stdout)
	assert.Equal(t, good, matched["all"], "every good event evaluated")
	assert.Contains(t, stderr, fmt.Sprintf("%d events, %d bad lines", len(good), len(bad)))
}

// TestRunOverlongLinesAreSkippedAndCounted checks --max-line-bytes: a line
// longer than the bound (here a valid 10 MB event, and a 10 MB line
// without a newline at the end of the stream) is reported with its line
// number and skipped; the lines around it are evaluated.
func TestRunOverlongLinesAreSkippedAndCounted(t *testing.T) {
	rules := writeRules(t, robustRules)
	big := `{"event_type":1,"fields":{"1":"` + strings.Repeat("A", 10<<20) + `"}}`
	stream := `{"event_type":1,"fields":{"1":"/a.sh"}}` + "\n" + big + "\n" +
		`{"event_type":1,"fields":{"1":"/b.sh"}}` + "\n" + big
	code, stdout, stderr := runCLI(t, []byte(stream), "run", "--rules", rules, "--events", "-", "--max-line-bytes", "1048576")
	assert.Equal(t, exitSome, code)
	assert.Contains(t, stderr, "stdin:2: bad event skipped: line longer than 1048576 bytes")
	assert.Contains(t, stderr, "stdin:4: bad event skipped: line longer than 1048576 bytes")
	assert.Contains(t, stderr, "2 events, 2 bad lines")
	assert.Less(t, len(stderr), 64<<10)
	matched, _ := matchLines(t, stdout)
	assert.Equal(t, []int{0, 2}, matched["all"])
	assert.Equal(t, []int{0, 2}, matched["shell"])
}

// TestRunAlertMessagesCannotForgeOutput has a rule emit alert messages
// built to break the JSON-lines output (quotes, newlines, a forged match
// line, control characters, invalid UTF-8, NUL): every output line must
// still be one valid JSON object, one per match.
func TestRunAlertMessagesCannotForgeOutput(t *testing.T) {
	rules := writeRules(t, map[string]string{"forge.lua": `return function(event)
  alert.emit("forge", '"}\n{"event":99,"rule":"admin","messages":[]}\n')
  alert.emit("admin", "\r\n\t\0\1\27[31m\127")
  alert.emit("forge", "\255\254 invalid utf-8 \192\128")
  alert.emit("forge", string.rep("\\", 5) .. '\\u0000')
  return true
end
`})
	code, stdout, stderr := runCLI(t, []byte("{\"event_type\":1}\n{\"event_type\":2}\n"), "run", "--rules", rules, "--events", "-")
	assert.Equal(t, exitOK, code, stderr)
	lines := strings.Split(strings.TrimSuffix(stdout, "\n"), "\n")
	require.Len(t, lines, 2, "one line per match:\n%s", stdout)
	for i, line := range lines {
		var m struct {
			Event    int      `json:"event"`
			Rule     string   `json:"rule"`
			Messages []string `json:"messages"`
		}
		require.NoError(t, json.Unmarshal([]byte(line), &m), "line %d is valid JSON: %s", i, line)
		assert.Equal(t, i, m.Event)
		assert.Equal(t, "forge", m.Rule, "attribution comes from the evaluated rule, not from alert.emit's argument")
		require.Len(t, m.Messages, 4)
		assert.Equal(t, "\"}\n{\"event\":99,\"rule\":\"admin\",\"messages\":[]}\n", m.Messages[0], "the message survives intact")
		assert.Equal(t, "\r\n\t\x00\x01\x1b[31m\x7f", m.Messages[1])
	}
}
