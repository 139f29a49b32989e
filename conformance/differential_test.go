package conformance

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
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
	flagSave      = flag.Bool("save-regressions", false, "write each shrunk disagreement to testdata/regress_seed<N>.lua")
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
	for i, p := range progs {
		ctx, cancel := context.WithTimeout(context.Background(), chunkTimeout)
		got, err := eng.RunSource(ctx, genChunk, []byte(srcs[i]))
		cancel()
		require.NoError(t, err)
		if d := Diff(wants[i], got); d != "" {
			bad = append(bad, disagreement{p.Seed, d, ""})
		}
	}
	engTime := time.Since(began)
	t.Logf("%d generated programs (seeds %d..%d): %d disagreements; lua5.1 %v, kestrel-lua %v",
		n, start, start+uint64(n)-1, len(bad), refTime, engTime)

	for k, d := range bad {
		if k == maxReported {
			t.Errorf("... and %d more disagreements", len(bad)-maxReported)
			break
		}
		p := Generate(d.seed)
		small := Shrink(p, func(q *Program) bool { return disagree(t, ref, eng, dir, q) })
		src := small.Source()
		want, _ := ref.RunSource(context.Background(), dir, "gen.lua", []byte(src))
		got, _ := eng.RunSource(context.Background(), "gen.lua", []byte(src))
		t.Errorf("seed %d: kestrel-lua disagrees with lua5.1; shrunk from %d to %d statements:\n%s\n%s",
			d.seed, p.Size(), small.Size(), src, Diff(want, got))
		if *flagSave {
			path, err := saveRegression(ref, dir, d.seed, src)
			require.NoError(t, err)
			t.Logf("saved %s", path)
		}
	}
}

// disagree runs q on both engines and reports whether they differ.
func disagree(t *testing.T, ref *Reference, eng Engine, dir string, q *Program) bool {
	src := q.Source()
	want, err := ref.RunSource(context.Background(), dir, "gen.lua", []byte(src))
	if err != nil {
		return false
	}
	got, err := eng.RunSource(context.Background(), "gen.lua", []byte(src))
	if err != nil {
		return false
	}
	return Diff(want, got) != ""
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
		lines[line-1] += fmt.Sprintf(" -- ### %q", regexp.QuoteMeta(text))
		src = strings.Join(lines, "\n")
	}
	path := filepath.Join("testdata", name)
	return path, os.WriteFile(path, []byte(src), 0o644)
}
