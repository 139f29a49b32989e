package builtins

import (
	"errors"
	"fmt"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"unsafe"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// patCase is one call of a pattern function: fn is "find", "match",
// "gmatch" or "gsub" (with a string replacement r and a maximum n). want
// is the rendering of the results (see renderLua): values joined by tabs;
// gmatch iterations joined by "|"; "error: msg" for an error.
type patCase struct {
	fn    string
	s, p  string
	init  int64 // find/match; 0 = absent
	plain bool
	r     string // gsub replacement
	n     int64  // gsub maximum; 0 = absent
	want  string
}

var patCases = []patCase{
	// Plain text and specials.
	{fn: "find", s: "hello world", p: "o w", want: "5\t7"},
	{fn: "find", s: "hello", p: "l", init: -2, want: "4\t4"},
	{fn: "find", s: "hello", p: "", init: 10, want: "6\t5"},
	{fn: "find", s: "hello", p: "", init: -10, want: "1\t0"},
	{fn: "find", s: "a.b", p: ".", plain: true, want: "2\t2"},
	{fn: "find", s: "a+b", p: "+", init: 1, plain: true, want: "2\t2"},
	{fn: "find", s: "abc", p: "x", want: "nil"},
	{fn: "find", s: "a\x00b", p: "\x00", want: "2\t2"},
	{fn: "find", s: "a\x00b", p: "%z", want: "2\t2"},
	{fn: "find", s: "abc", p: "b\x00*", want: "nil"}, // plain: "b" has no specials
	// Classes and sets.
	{fn: "match", s: "  key = value  ", p: "^%s*(%w+)%s*=%s*(%w+)", want: "key\tvalue"},
	{fn: "match", s: "x=0x1F;", p: "%x+;", want: "1F;"},
	{fn: "match", s: "Hello World", p: "%u%l+$", want: "World"},
	{fn: "match", s: "a,b;c", p: "%p", want: ","},
	{fn: "match", s: "abc123", p: "%D+", want: "abc"},
	{fn: "match", s: "tab\there", p: "%c", want: "\t"},
	{fn: "match", s: "ab]cd", p: "[]]", want: "]"},
	{fn: "match", s: "ab-cd", p: "[a-]+", want: "a"},
	{fn: "match", s: "xyz-ab", p: "[^%a]", want: "-"},
	{fn: "match", s: "hello", p: "[h-l]+", want: "h"},
	{fn: "match", s: "a%b", p: "[%%]", want: "%"},
	{fn: "match", s: "a^b", p: "[b^]+", want: "^b"},
	{fn: "match", s: "--x", p: "[%-x]+", want: "--x"},
	// Quantifiers.
	{fn: "match", s: "<<a>>b>", p: "<(.*)>", want: "<a>>b"},
	{fn: "match", s: "<<a>>b>", p: "<(.-)>", want: "<a"},
	{fn: "match", s: "color colour", p: "colou?r", want: "color"},
	{fn: "find", s: "aaab", p: "a+b", want: "1\t4"},
	{fn: "find", s: "b", p: "a+b", want: "nil"},
	{fn: "find", s: "b", p: "a*b", want: "1\t1"},
	{fn: "find", s: "xab", p: "a-b", want: "2\t3"},
	// Anchors.
	{fn: "find", s: "abc", p: "^b", want: "nil"},
	{fn: "find", s: "abc", p: "^b", init: 2, want: "2\t2"},
	{fn: "find", s: "abc", p: "c$", want: "3\t3"},
	{fn: "find", s: "a$c", p: "$c", want: "2\t3"},
	{fn: "find", s: "abc", p: "^", want: "1\t0"},
	// Captures.
	{fn: "find", s: "hello world", p: "(o)(r)", want: "8\t9\to\tr"},
	{fn: "find", s: "hello", p: "()ll()", want: "3\t4\t3\t5"},
	{fn: "match", s: "hello", p: "()", want: "1"},
	{fn: "match", s: "key=val", p: "((%w+)=(%w+))", want: "key=val\tkey\tval"},
	{fn: "match", s: "abcabc", p: "(abc)%1", want: "abc"},
	{fn: "match", s: "xx\"quoted\"yy", p: "([\"'])(.-)%1", want: "\"\tquoted"},
	{fn: "match", s: "aa", p: "()a%1", want: "nil"},
	// Balance and frontier.
	{fn: "match", s: "f(a(b)c) d", p: "%b()", want: "(a(b)c)"},
	{fn: "match", s: "f(a(b c", p: "%b()", want: "nil"},
	{fn: "find", s: "THE (quick) fox", p: "%f[%a]%a+", want: "1\t3"},
	{fn: "gmatch", s: "THE (quick) fox", p: "%f[%a]%a+", want: "THE|quick|fox"},
	{fn: "gmatch", s: "hello", p: "%f[%z]", want: ""},
	{fn: "find", s: "aXb", p: "%f[%u]", want: "2\t1"},
	// gmatch.
	{fn: "gmatch", s: "one two  three", p: "%a+", want: "one|two|three"},
	{fn: "gmatch", s: "k1=v1, k2=v2", p: "(%w+)=(%w+)", want: "k1,v1|k2,v2"},
	{fn: "gmatch", s: "abc", p: "", want: "|||"},
	{fn: "gmatch", s: "a^b", p: "^b", want: "^b"},
	{fn: "gmatch", s: "abc", p: "()", want: "1|2|3|4"},
	// gsub.
	{fn: "gsub", s: "hello world", p: "o", r: "0", want: "hell0 w0rld\t2"},
	{fn: "gsub", s: "hello world", p: "o", r: "0", n: 1, want: "hell0 world\t1"},
	{fn: "gsub", s: "hello world", p: "(%w+)", r: "<%1>", want: "<hello> <world>\t2"},
	{fn: "gsub", s: "hello", p: "", r: "-", want: "-h-e-l-l-o-\t6"},
	{fn: "gsub", s: "abc", p: "%w", r: "%0%0", want: "aabbcc\t3"},
	{fn: "gsub", s: "abc", p: "b", r: "%%", want: "a%c\t1"},
	{fn: "gsub", s: "abc", p: "b", r: "%x", want: "axc\t1"},
	{fn: "gsub", s: "abc", p: "b", r: "%", want: "a\x00c\t1"},
	{fn: "gsub", s: "abc", p: "b", r: "%1", want: "abc\t1"},
	{fn: "gsub", s: "abc", p: "()b", r: "%1", want: "a2c\t1"},
	{fn: "gsub", s: "aaa", p: "^a", r: "b", want: "baa\t1"},
	{fn: "gsub", s: "abc", p: "x*", r: "-", want: "-a-b-c-\t4"},
	{fn: "gsub", s: "abc", p: "b", r: "x", n: -1, want: "abc\t0"},
	{fn: "gsub", s: "abc", p: "$", r: "!", want: "abc!\t1"},
	// Errors.
	{fn: "find", s: "a", p: "%", want: "error: malformed pattern (ends with '%')"},
	{fn: "find", s: "a", p: "[a", want: "error: malformed pattern (missing ']')"},
	{fn: "find", s: "a", p: "[a%", want: "error: malformed pattern (missing ']')"},
	{fn: "find", s: "a", p: "%f", want: "error: missing '[' after '%f' in pattern"},
	{fn: "find", s: "a", p: "%fa", want: "error: missing '[' after '%f' in pattern"},
	{fn: "find", s: "a", p: "%1", want: "error: invalid capture index"},
	{fn: "find", s: "a", p: "(a%1)", want: "error: invalid capture index"},
	{fn: "find", s: "a", p: "%0", want: "error: invalid capture index"},
	{fn: "match", s: "a", p: "a)", want: "error: invalid pattern capture"},
	{fn: "find", s: "a", p: "(a", want: "error: unfinished capture"},
	{fn: "match", s: "a", p: "(()", want: "error: unfinished capture"},
	{fn: "find", s: "a", p: "%b", want: "error: unbalanced pattern"},
	{fn: "find", s: "a", p: "%ba", want: "error: unbalanced pattern"},
	{fn: "find", s: "a", p: strings.Repeat("()", 33), want: "error: too many captures"},
	{fn: "gsub", s: "abc", p: "b", r: "%2", want: "error: invalid capture index"},
	{fn: "gsub", s: "abc", p: "(b", r: "%1", want: "error: unfinished capture"},
}

// runPatCase runs c with the Go implementation and renders the result.
func runPatCase(c patCase) string {
	var m matcher
	render := func(vals []string, err error) string {
		if err != nil {
			return "error: " + err.Error()
		}
		return strings.Join(vals, "\t")
	}
	captures := func(s, e int, whole bool) ([]string, error) {
		var vals []string
		for i := 0; i < m.ncaptures(whole); i++ {
			cv, err := m.capture(i, s, e)
			if err != nil {
				return nil, err
			}
			if cv.isPos {
				vals = append(vals, strconv.Itoa(cv.pos))
			} else {
				vals = append(vals, cv.s)
			}
		}
		return vals, nil
	}
	switch c.fn {
	case "find", "match":
		init := c.init
		if init == 0 {
			init = 1
		}
		r, err := m.strFind(c.s, c.p, init, c.plain, c.fn == "find", nil)
		if err != nil {
			return render(nil, err)
		}
		if !r.found {
			return "nil"
		}
		var vals []string
		if c.fn == "find" {
			vals = []string{strconv.Itoa(r.start + 1), strconv.Itoa(r.end)}
			if r.plain {
				return render(vals, nil)
			}
		}
		caps, err := captures(r.start, r.end, c.fn == "match")
		return render(append(vals, caps...), err)
	case "gmatch":
		var items []string
		pos := 0
		for len(items) < 50 {
			r, err := m.gmatchNext(c.s, c.p, &pos, nil)
			if err != nil {
				return render(nil, err)
			}
			if !r.found {
				break
			}
			caps, err := captures(r.start, r.end, true)
			if err != nil {
				return render(nil, err)
			}
			items = append(items, strings.Join(caps, ","))
		}
		return strings.Join(items, "|")
	case "gsub":
		n := c.n
		if n == 0 {
			n = int64(len(c.s)) + 1
		}
		var buf strBuf
		repl := func(s, e int) error {
			n, err := replStringLen(&m, c.r, s, e)
			if err != nil {
				return err
			}
			before := len(buf.b)
			buf.b, err = appendReplString(&m, buf.b, c.r, s, e)
			if err == nil && len(buf.b)-before != n {
				panic("replStringLen disagrees with appendReplString")
			}
			return err
		}
		count, err := m.gsub(c.s, c.p, n, repl, &buf, nil)
		if err != nil {
			return render(nil, err)
		}
		return string(buf.b) + "\t" + strconv.FormatInt(count, 10)
	}
	panic("unknown fn " + c.fn)
}

// luaPatCall is the Lua expression that computes c with lua5.1.
func luaPatCall(c patCase) string {
	args := []string{luaQuote(c.s), luaQuote(c.p)}
	switch c.fn {
	case "find", "match":
		if c.init != 0 || c.plain {
			init := c.init
			if init == 0 {
				init = 1
			}
			args = append(args, strconv.FormatInt(init, 10))
		}
		if c.plain {
			args = append(args, "true")
		}
	case "gsub":
		args = append(args, luaQuote(c.r))
		if c.n != 0 {
			args = append(args, strconv.FormatInt(c.n, 10))
		}
	}
	return fmt.Sprintf("%q, string.%s, %s", c.fn, c.fn, strings.Join(args, ", "))
}

// luaQuote writes s as a Lua string literal with decimal escapes.
func luaQuote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 32 || c >= 127 || c == '"' || c == '\\' {
			fmt.Fprintf(&b, "\\%03d", c)
		} else {
			b.WriteByte(c)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// luaRenderPrelude defines run(fn, f, ...) in Lua, rendering like
// runPatCase, and a record separator.
const luaRenderPrelude = `
local function pack(...) return {n = select('#', ...), ...} end
local function join(t, sep)
  local out = {}
  for i = 1, t.n do out[i] = tostring(t[i]) end
  return table.concat(out, sep)
end
function run(name, f, ...)
  local r
  if name == "gmatch" then
    -- The iterator is called by pcall directly, so that its errors carry
    -- no position, as in the other functions.
    local it, items = f(...), {n = 0}
    while items.n < 50 do
      local v = pack(pcall(it))
      if not v[1] then r = "error: " .. v[2] break end
      if v[2] == nil then break end
      table.remove(v, 1); v.n = v.n - 1
      items.n = items.n + 1
      items[items.n] = join(v, ",")
    end
    r = r or join(items, "|")
  else
    local v = pack(pcall(f, ...))
    if not v[1] then r = "error: " .. v[2] else
      table.remove(v, 1); v.n = v.n - 1
      r = join(v, "\t")
    end
  end
  io.write(r, "\n@@\n")
end
`

// runLua runs a Lua program with lua5.1 and returns its output, skipping
// the test when lua5.1 is not installed.
func runLua(t *testing.T, src string) string {
	t.Helper()
	path, err := exec.LookPath("lua5.1")
	if err != nil {
		t.Skip("lua5.1 not installed; expectations not re-verified (.ci/run installs it)")
	}
	cmd := exec.Command(path, "-")
	cmd.Stdin = strings.NewReader(src)
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "lua5.1 failed: %s", out)
	return string(out)
}

func TestPatternFunctionsMatchGoldenResults(t *testing.T) {
	for _, c := range patCases {
		t.Run(c.fn+" "+c.p, func(t *testing.T) {
			assert.Equal(t, c.want, runPatCase(c), "string.%s(%q, %q)", c.fn, c.s, c.p)
		})
	}
}

func TestPatternGoldenResultsAgreeWithLua51(t *testing.T) {
	var src strings.Builder
	src.WriteString(luaRenderPrelude)
	for _, c := range patCases {
		fmt.Fprintf(&src, "run(%s)\n", luaPatCall(c))
	}
	out := runLua(t, src.String())
	got := strings.Split(strings.TrimSuffix(out, "\n@@\n"), "\n@@\n")
	require.Len(t, got, len(patCases), "lua5.1 output: %s", out)
	for i, c := range patCases {
		assert.Equal(t, c.want, got[i], "lua5.1: string.%s(%q, %q)", c.fn, c.s, c.p)
	}
}

func TestPatternMeteringCountsSteps(t *testing.T) {
	cases := []struct {
		s, p  string
		steps int64
	}{
		{"abc", "abc", 4},         // one step per matched item and one at the end
		{"aaaa", "a*$", 6},        // 4 chars expanded, 2 match calls
		{"xaaaa", "a*$", 8},       // the failed attempt at x costs too
		{"(a(b)c)", "%b()", 8},    // 6 balance bytes, 2 match steps
		{"abcabc", "(abc)%1", 10}, // 3 back-reference bytes
	}
	for _, c := range cases {
		var m matcher
		var charged int64
		m.reset(c.s, c.p, stepFunc(func(n int64) error { charged += n; return nil }))
		_, _, err := m.find(0, false)
		require.NoError(t, err)
		assert.Equal(t, c.steps, m.total, "steps of %q on %q", c.p, c.s)
		assert.Equal(t, m.total, charged, "all steps reach the meter")
	}
}

var errTestLimit = errors.New("test limit")

func TestPatternBacktrackingBombStopsAtLimit(t *testing.T) {
	// Each of the 20 "a*" tries every split of the 30 a's before the final
	// "b" fails: far more than 10^6 steps.
	var m matcher
	var charged int64
	m.reset(strings.Repeat("a", 30), strings.Repeat("a*", 20)+"b", stepFunc(func(n int64) error {
		charged += n
		if charged > 1_000_000 {
			return errTestLimit
		}
		return nil
	}))
	_, _, err := m.find(0, false)
	require.ErrorIs(t, err, errTestLimit)
	assert.LessOrEqual(t, charged, int64(1_000_000+patternStepFlush))
}

func TestPatternRecursionIsBounded(t *testing.T) {
	var m matcher
	m.reset(strings.Repeat("a", 300), strings.Repeat("a?", 300), nil)
	_, _, err := m.find(0, false)
	require.Error(t, err)
	assert.Equal(t, "pattern too complex", err.Error())
	assert.True(t, isPatternError(err))
}

func BenchmarkMatcherFind(b *testing.B) {
	b.ReportAllocs()
	s := "/usr/lib/systemd/systemd-journald --flag /var/tmp/payload.sh"
	b.SetBytes(int64(len(s)))
	var m matcher
	for b.Loop() {
		if r, err := m.strFind(s, "/tmp/[%w_]+%.sh$", 1, false, true, nil); err != nil || !r.found {
			b.Fatal("no match", err)
		}
	}
}

// TestRandomPatternsAgreeWithLua51 compares find, match, gmatch and gsub
// on generated subjects and patterns (errors included) with lua5.1.
func TestRandomPatternsAgreeWithLua51(t *testing.T) {
	state := uint64(0x2545F4914F6CDD1D)
	next := func(n int) int { // xorshift64: fixed, so the cases are the same every run
		state ^= state << 13
		state ^= state >> 7
		state ^= state << 17
		return int(state % uint64(n))
	}
	subjectChars := "aab(b)c1 2-."
	tokens := []string{"a", "b", ".", "%a", "%d", "%s", "[ab]", "[^a]", "[%d-]", "*", "+", "-", "?", "(", ")", "()", "%1", "%b()", "%f[%w]", "$", "c", " "}
	var cases []patCase
	fns := []string{"find", "match", "gmatch", "gsub"}
	for i := 0; i < 400; i++ {
		var s, p strings.Builder
		for n := next(12); n > 0; n-- {
			s.WriteByte(subjectChars[next(len(subjectChars))])
		}
		if next(4) == 0 {
			p.WriteByte('^')
		}
		for n := 1 + next(5); n > 0; n-- {
			p.WriteString(tokens[next(len(tokens))])
		}
		c := patCase{fn: fns[next(len(fns))], s: s.String(), p: p.String()}
		switch c.fn {
		case "find", "match":
			c.init = int64(next(7) - 3)
			if c.init == 0 {
				c.init = 1
			}
		case "gsub":
			c.r = []string{"<%0>", "%1", "x", "%%"}[next(4)]
		}
		cases = append(cases, c)
	}
	var src strings.Builder
	src.WriteString(luaRenderPrelude)
	for _, c := range cases {
		fmt.Fprintf(&src, "run(%s)\n", luaPatCall(c))
	}
	out := runLua(t, src.String())
	got := strings.Split(strings.TrimSuffix(out, "\n@@\n"), "\n@@\n")
	require.Len(t, got, len(cases), "lua5.1 output: %s", out)
	bad := 0
	for i, c := range cases {
		if mine := runPatCase(c); mine != got[i] {
			bad++
			if bad <= 20 {
				t.Errorf("string.%s(%q, %q, init %d, repl %q): got %q, lua5.1 %q", c.fn, c.s, c.p, c.init, c.r, mine, got[i])
			}
		}
	}
}

// TestMatcherCostCoversItsSize checks the charge for a heap-allocated
// matcher against its size (640 is the Go size class above 576).
func TestMatcherCostCoversItsSize(t *testing.T) {
	size := unsafe.Sizeof(matcher{})
	assert.LessOrEqual(t, int64(size), int64(matcherCost))
	assert.Greater(t, int64(size), int64(576), "a smaller matcher fits a smaller size class: lower matcherCost")
}
