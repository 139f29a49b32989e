package conformance

import (
	"context"
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kestrel-runtime/lua/internal/chunkedfile"
)

var (
	flagSeeds     = flag.Int("seeds", 2000, "number of generated programs TestDifferential runs")
	flagSeedStart = flag.Uint64("seed-start", 1, "first seed of TestDifferential")
	flagSave      = flag.Bool("save-regressions", false, "write the first shrunk disagreement of each category to testdata/regress_seed<N>.lua")
)

// Generated programs run under this chunk name in both engines.
const genChunk = "gen"

// batchSize is how many programs one lua5.1 process runs.
const batchSize = 250

// maxReported bounds how many disagreements are shrunk and printed in one
// run; the rest are counted.
const maxReported = 12

func TestGenerateIsDeterministic(t *testing.T) {
	for seed := uint64(0); seed < 50; seed++ {
		a, b := Generate(seed).Source(), Generate(seed).Source()
		require.Equal(t, a, b, "seed %d", seed)
	}
	assert.NotEqual(t, Generate(1).Source(), Generate(2).Source())
}

func TestShrinkKeepsTheFailure(t *testing.T) {
	p := Generate(7)
	// A failure that needs one particular statement of the last section.
	last := p.Sections[len(p.Sections)-1]
	target := last.Stmts[len(last.Stmts)-1]
	fails := func(q *Program) bool {
		for _, sec := range q.Sections {
			for _, st := range sec.Stmts {
				if st == target {
					return true
				}
			}
		}
		return false
	}
	require.True(t, fails(p))
	s := Shrink(p, fails)
	require.True(t, fails(s))
	assert.Equal(t, 1, s.Size(), "shrunk to the one statement:\n%s", s.Source())
}

// TestDifferential runs generated programs on both engines and requires
// identical outcomes. -seeds=N runs more (default 2000), -seed-start=S
// starts elsewhere, -save-regressions writes shrunk disagreements to
// testdata/.
func TestDifferential(t *testing.T) {
	ref := needReference(t)
	eng := kestrelEngine(t)
	n := *flagSeeds
	if testing.Short() && n > 500 {
		n = 500
	}
	start := *flagSeedStart
	dir := t.TempDir()

	progs := make([]*Program, n)
	srcs := make([]string, n)
	for i := range progs {
		progs[i] = Generate(start + uint64(i))
		srcs[i] = progs[i].Source()
	}
	began := time.Now()
	wants := make([]Outcome, 0, n)
	for lo := 0; lo < n; lo += batchSize {
		hi := min(lo+batchSize, n)
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
		outs, err := ref.RunBatch(ctx, dir, genChunk, srcs[lo:hi])
		cancel()
		require.NoError(t, err)
		wants = append(wants, outs...)
	}
	refTime := time.Since(began)

	// Every generated program must be valid Lua 5.1, and most must run to
	// the end (errors are meant to be caught by pcall inside the program).
	var uncaught int
	for i, w := range wants {
		require.False(t, w.Compile, "seed %d does not compile under lua5.1: %s\n%s", progs[i].Seed, w.Error, srcs[i])
		if w.Failed {
			uncaught++
		}
	}
	assert.Less(t, uncaught, n/20+1, "too many generated programs end with an uncaught error")

	if eng == nil {
		t.Logf("%d programs run under lua5.1 only (%v)", n, refTime)
		return
	}

	began = time.Now()
	type disagreement struct {
		seed uint64
		diff string
		key  string
	}
	var bad []disagreement
	// Generated programs stay inside the rules' subset, so the sandbox
	// profile must give the same outcome as the conformance profile.
	sandbox := &Kestrel{MemoryLimitKB: testMemoryLimitKB, NoOptimize: *flagNoOptimize, Sandbox: true}
	var sandboxBad int
	for i, p := range progs {
		ctx, cancel := context.WithTimeout(context.Background(), chunkTimeout)
		got, err := eng.RunSource(ctx, genChunk, []byte(srcs[i]))
		cancel()
		require.NoError(t, err)
		if d := Diff(wants[i], got); d != "" {
			bad = append(bad, disagreement{p.Seed, d, category(wants[i], got)})
		}
		ctx, cancel = context.WithTimeout(context.Background(), chunkTimeout)
		sgot, err := sandbox.RunSource(ctx, genChunk, []byte(srcs[i]))
		cancel()
		require.NoError(t, err)
		if d := Diff(got, sgot); d != "" {
			sandboxBad++
			if sandboxBad <= 3 {
				t.Errorf("seed %d: the sandbox profile differs from the conformance profile:\n%s", p.Seed, d)
			}
		}
	}
	assert.Zero(t, sandboxBad, "programs whose outcome differs between the sandbox and conformance profiles")
	engTime := time.Since(began)
	t.Logf("%d generated programs (seeds %d..%d): %d disagreements; lua5.1 %v, kestrel-lua %v",
		n, start, start+uint64(n)-1, len(bad), refTime, engTime)

	// Count the disagreements by category and shrink the first ones of
	// each category (round robin), so one frequent bug does not hide the
	// others.
	counts := map[string]int{}
	var cats []string
	byCat := map[string][]disagreement{}
	for _, d := range bad {
		if counts[d.key] == 0 {
			cats = append(cats, d.key)
		}
		counts[d.key]++
		byCat[d.key] = append(byCat[d.key], d)
	}
	for _, c := range cats {
		t.Errorf("%d disagreement(s) of category %s", counts[c], c)
	}
	var order []disagreement
	for round := 0; len(order) < len(bad); round++ {
		for _, c := range cats {
			if round < len(byCat[c]) {
				order = append(order, byCat[c][round])
			}
		}
	}
	for k, d := range order {
		if k == maxReported {
			t.Errorf("... and %d more disagreements not shrunk", len(bad)-maxReported)
			break
		}
		p := Generate(d.seed)
		// Shrinking keeps the category, so that the small program shows the
		// same bug rather than another one that a deletion uncovered.
		small := Shrink(p, func(q *Program) bool { return disagree(ref, eng, dir, q) == d.key })
		src := small.Source()
		want, _ := ref.RunSource(context.Background(), dir, "gen.lua", []byte(src))
		got, _ := eng.RunSource(context.Background(), "gen.lua", []byte(src))
		t.Errorf("seed %d: kestrel-lua disagrees with lua5.1; shrunk from %d to %d statements:\n%s\n%s",
			d.seed, p.Size(), small.Size(), src, Diff(want, got))
		if *flagSave && k < len(cats) { // the first of each category
			path, err := saveRegression(ref, dir, d.seed, src)
			require.NoError(t, err)
			t.Logf("saved %s", path)
		}
	}
}

// negZeroRE matches a -0 (or -nan) number in output.
var negZeroRE = regexp.MustCompile(`(^|[\t\n ,(|])-(0|nan)\b`)

// digitsRE matches runs of digits, to group messages that differ only in
// numbers.
var digitsRE = regexp.MustCompile(`[0-9]+`)

// category names the kind of a disagreement: "negative zero" when the two
// outcomes are equal once every -0 (and -nan) is read as 0 (nan), else the
// first differing output line or error message with digits blurred.
func category(want, got Outcome) string {
	blur := func(o Outcome) Outcome {
		o.Stdout = negZeroRE.ReplaceAllString(o.Stdout, "${1}${2}")
		o.Error = negZeroRE.ReplaceAllString(o.Error, "${1}${2}")
		return o
	}
	if Diff(blur(want), blur(got)) == "" {
		return "[negative zero printed as 0 or nan sign]"
	}
	if want.Failed == got.Failed && want.Error == got.Error && lastDigits(want.Stdout, got.Stdout) {
		return "[floats differ in the last printed digits (math library rounding)]"
	}
	if want.Failed != got.Failed || want.Error != got.Error {
		return fmt.Sprintf("[error %q vs %q]", digitsRE.ReplaceAllString(clip(want.Error), "#"), digitsRE.ReplaceAllString(clip(got.Error), "#"))
	}
	wl, gl := strings.Split(want.Stdout, "\n"), strings.Split(got.Stdout, "\n")
	for i := 0; i < len(wl) && i < len(gl); i++ {
		if wl[i] != gl[i] {
			return fmt.Sprintf("[output %q vs %q]", digitsRE.ReplaceAllString(clip(wl[i]), "#"), digitsRE.ReplaceAllString(clip(gl[i]), "#"))
		}
	}
	return "[output length]"
}

// lastDigits reports whether a and b differ only in numbers that are
// within a relative 1e-12 of each other (a last-place difference of a
// %.14g rendering).
func lastDigits(a, b string) bool {
	at, bt := strings.Fields(a), strings.Fields(b)
	if len(at) != len(bt) {
		return false
	}
	for i := range at {
		if at[i] == bt[i] {
			continue
		}
		x, err1 := strconv.ParseFloat(at[i], 64)
		y, err2 := strconv.ParseFloat(bt[i], 64)
		if err1 != nil || err2 != nil || math.Abs(x-y) > 1e-12*math.Max(math.Abs(x), math.Abs(y)) {
			return false
		}
	}
	return true
}

func clip(s string) string {
	if len(s) > 70 {
		return s[:70] + "..."
	}
	return s
}

// disagree runs q on both engines and returns the category of their
// disagreement, or "" if they agree.
func disagree(ref *Reference, eng Engine, dir string, q *Program) string {
	src := q.Source()
	ctx, cancel := context.WithTimeout(context.Background(), chunkTimeout)
	defer cancel()
	want, err := ref.RunSource(ctx, dir, "gen.lua", []byte(src))
	if err != nil {
		return ""
	}
	got, err := eng.RunSource(ctx, "gen.lua", []byte(src))
	if err != nil || Diff(want, got) == "" {
		return ""
	}
	return category(want, got)
}

// saveRegression writes a shrunk program as a script test in testdata/. If
// lua5.1 ends it with an error, the line that raised it gets an error mark
// so that the file is a valid chunked script test.
func saveRegression(ref *Reference, dir string, seed uint64, src string) (string, error) {
	name := fmt.Sprintf("regress_seed%d.lua", seed)
	out, err := ref.RunSource(context.Background(), dir, name, []byte(src))
	if err != nil {
		return "", err
	}
	if out.Failed {
		_, line, text, ok := chunkedfile.SplitPosition(out.Error)
		lines := strings.Split(src, "\n")
		if !ok || line < 1 || line > len(lines) {
			line = len(lines)
		}
		// The mark's expression is taken literally between its quotes.
		lines[line-1] += ` -- ### "` + regexp.QuoteMeta(text) + `"`
		src = strings.Join(lines, "\n")
	}
	path := filepath.Join("testdata", name)
	return path, os.WriteFile(path, []byte(src), 0o644)
}
