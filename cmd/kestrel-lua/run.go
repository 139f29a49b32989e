package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"strconv"
	"strings"
	"time"

	lua "github.com/kestrel-runtime/lua"
)

func init() {
	commands["run"] = command{summary: "evaluate rules over JSON-lines events", run: runCommand}
}

// Exit codes of run (and check).
const (
	exitOK    = 0 // every line and every rule was fine
	exitSome  = 1 // the run completed, but some lines were bad, some rules failed to load or some evaluations failed
	exitFatal = 2 // usage error, unreadable input or schema, no rule loaded, output failure
)

const runUsage = `usage: kestrel-lua run --rules DIR --events FILE [--schema FILE] [flags]

Evaluates every rule of DIR (*.lua, id = file name) on every event of FILE,
a JSON-lines stream ("-" reads standard input), one event per line:

  {"event_type":1,"ts_mono":..,"ts_wall":..,"entity_key":..,"fields":{"1":"/tmp/x.sh","pid":1234}}

Field keys are decimal ids or, with --schema, field names. Integers are
exact (int64; beyond int64, u64). Rules with event_types only see events of
those types.

Standard output gets one JSON line per match, ordered by event then rule id
(identical from run to run, whatever the number of workers):

  {"event":N,"rule":"id","entity_key":K,"ts_wall":T,"messages":["..."]}

N is the 0-based line index in FILE; messages are the rule's alert.emit
messages. A rule that emitted alerts counts as matching even if its
predicate returned false, so no alert is lost.

Standard error gets bad lines (line number and reason; the line is
skipped), rule load errors, evaluation errors (the first 10 per rule), a
progress line when it is a terminal, and a summary at the end.

Exit status: 0 all lines and rules were fine; 1 the run completed, but some
lines were bad, some rules did not load or some evaluations failed; 2 usage
error, unreadable rules directory, events or schema, no usable rule, or an
output error.

Flags:
`

// maxErrorsPerRule bounds the evaluation errors printed for one rule; the
// rest are counted in the summary.
const maxErrorsPerRule = 10

// batchLines is the number of lines a worker takes at once.
const batchLines = 256

func runCommand(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("run", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(stderr, runUsage); fs.PrintDefaults() }
	rulesDir := fs.String("rules", "", "directory of rule files (*.lua)")
	eventsPath := fs.String("events", "", `JSON-lines events file ("-" for standard input)`)
	schemaPath := fs.String("schema", "", "JSON schema file naming and typing event fields")
	workers := fs.Int("workers", runtime.GOMAXPROCS(0), "evaluation goroutines")
	instrLimit := fs.Int("instruction-limit", lua.DefaultInstructionLimit, "instruction budget per evaluation")
	memLimit := fs.Int("memory-limit-kb", lua.DefaultMemoryLimitKB, "memory budget per evaluation, KiB")
	noJIT := fs.Bool("no-jit", false, "disable the optimising compiler passes")
	quiet := fs.Bool("quiet", false, "no summary and no progress line")
	maxLine := fs.Int("max-line-bytes", defaultMaxLineBytes, "longest event line; longer lines are reported and skipped")
	if err := fs.Parse(args); err != nil {
		return exitFatal
	}
	if *rulesDir == "" || *eventsPath == "" || fs.NArg() > 0 || *workers < 1 || *maxLine < 1 {
		fs.Usage()
		return exitFatal
	}
	fatal := func(format string, a ...any) int {
		fmt.Fprintf(stderr, "kestrel-lua: "+format+"\n", a...)
		return exitFatal
	}

	cfg := lua.DefaultConfig()
	cfg.InstructionLimit, cfg.MemoryLimitKB, cfg.EnableJIT = *instrLimit, *memLimit, !*noJIT
	var schema *lua.SchemaRegistry
	if *schemaPath != "" {
		s, err := lua.LoadSchemaFile(*schemaPath)
		if err != nil {
			return fatal("%v", err)
		}
		schema = s
	}
	engine, err := lua.NewEngine(cfg, schema)
	if err != nil {
		return fatal("%v", err)
	}
	rules, loadErr := engine.LoadRules(*rulesDir)
	if rules == nil {
		return fatal("%v", loadErr)
	}
	status := exitOK
	if loadErr != nil {
		printRuleErrors(stderr, loadErr)
		status = exitSome
	}
	if rules.Len() == 0 {
		return fatal("no rule loaded from %s", *rulesDir)
	}

	var in io.Reader = stdin
	name := "stdin"
	if *eventsPath != "-" {
		f, err := os.Open(*eventsPath)
		if err != nil {
			return fatal("%v", err)
		}
		defer f.Close()
		in, name = f, *eventsPath
	}

	r := &runner{
		engine:   engine,
		rules:    rules,
		schema:   schema,
		name:     name,
		workers:  *workers,
		maxLine:  *maxLine,
		stdout:   stdout,
		stderr:   stderr,
		progress: !*quiet && isTerminal(stderr),
	}
	st, err := r.run(context.Background(), in)
	if err != nil {
		return fatal("%v", err)
	}
	if !*quiet {
		st.summary(stderr, rules)
	}
	if st.badLines > 0 || st.evalErrors() > 0 {
		status = exitSome
	}
	return status
}

// printRuleErrors prints each error of errors.Join on its own line.
func printRuleErrors(w io.Writer, err error) {
	var list interface{ Unwrap() []error }
	if errors.As(err, &list) {
		for _, e := range list.Unwrap() {
			fmt.Fprintf(w, "kestrel-lua: %v\n", e)
		}
		return
	}
	fmt.Fprintf(w, "kestrel-lua: %v\n", err)
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// runner evaluates a rule set over a stream: a reader cuts the stream into
// batches of lines, workers decode and evaluate batches in any order, and
// the collector (the calling goroutine) writes the results of batch k only
// after those of batches 0..k-1, so output is ordered by line and, within a
// line, by rule id.
type runner struct {
	engine   *lua.Engine
	rules    *lua.RuleSet
	schema   *lua.SchemaRegistry
	name     string
	workers  int
	maxLine  int
	stdout   io.Writer
	stderr   io.Writer
	progress bool
}

type batch struct {
	seq   int
	first int // 0-based index of the first line
	lines [][]byte
}

// batchResult is what a worker produced for one batch.
type batchResult struct {
	seq      int
	out      []byte     // match lines
	diags    []lineDiag // bad lines and evaluation errors, in line order
	events   int
	badLines int
	matches  []int // per rule index (in rules.Rules() order)
}

type lineDiag struct {
	rule int // index of the rule, -1 for a bad line
	msg  string
}

// stats accumulates over the whole run.
type stats struct {
	lines, events, badLines int
	matches, errors         []int
	start                   time.Time
	elapsed                 time.Duration
}

func (s *stats) evalErrors() int {
	n := 0
	for _, e := range s.errors {
		n += e
	}
	return n
}

func (r *runner) run(ctx context.Context, in io.Reader) (*stats, error) {
	nrules := r.rules.Len()
	index := map[*lua.Rule]int{}
	for i, rule := range r.rules.Rules() {
		index[rule] = i
	}
	st := &stats{matches: make([]int, nrules), errors: make([]int, nrules), start: time.Now()}

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	batches := make(chan batch, r.workers*2)
	results := make(chan batchResult, r.workers*2)
	readErr := make(chan error, 1)
	// inFlight bounds the batches read but not yet written, so that a slow
	// batch cannot make the collector buffer the rest of the stream.
	inFlight := make(chan struct{}, r.workers*4)
	send := func(b batch) bool {
		select {
		case inFlight <- struct{}{}:
		case <-ctx.Done():
			return false
		}
		select {
		case batches <- b:
			return true
		case <-ctx.Done():
			return false
		}
	}

	go func() { // reader
		defer close(batches)
		br := bufio.NewReaderSize(in, 1<<16)
		seq, lineNo := 0, 0
		cur := batch{}
		for {
			line, n, err := readLine(br, r.maxLine)
			if n > 0 {
				cur.lines = append(cur.lines, line) // nil: too long
				if len(cur.lines) == batchLines {
					if !send(cur) {
						readErr <- nil
						return
					}
					seq++
					lineNo += batchLines
					cur = batch{seq: seq, first: lineNo}
				}
			}
			if err != nil {
				if len(cur.lines) > 0 {
					send(cur)
				}
				if err == io.EOF {
					err = nil
				}
				readErr <- err
				return
			}
		}
	}()

	done := make(chan struct{})
	for range r.workers {
		go func() {
			defer func() { done <- struct{}{} }()
			w := worker{r: r, index: index, dec: lua.NewEventDecoder(r.schema)}
			for b := range batches {
				results <- w.process(ctx, b, nrules)
			}
		}()
	}
	go func() {
		for range r.workers {
			<-done
		}
		close(results)
	}()

	// Collector.
	pending := map[int]batchResult{}
	next := 0
	var outErr error
	lastProgress := time.Now()
	for res := range results {
		pending[res.seq] = res
		for {
			b, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			next++
			<-inFlight
			if outErr == nil {
				if _, err := r.stdout.Write(b.out); err != nil {
					outErr = err
					cancel()
				}
			}
			for _, d := range b.diags {
				if d.rule >= 0 {
					st.errors[d.rule]++
					if st.errors[d.rule] > maxErrorsPerRule {
						continue
					}
				}
				if r.progress {
					fmt.Fprint(r.stderr, "\r\033[K")
				}
				fmt.Fprintln(r.stderr, d.msg)
			}
			st.events += b.events
			st.badLines += b.badLines
			for i, m := range b.matches {
				st.matches[i] += m
			}
			if r.progress && time.Since(lastProgress) > 250*time.Millisecond {
				lastProgress = time.Now()
				fmt.Fprintf(r.stderr, "\r\033[Kkestrel-lua: %d events, %.0f events/s", st.events, float64(st.events)/time.Since(st.start).Seconds())
			}
		}
	}
	if r.progress {
		fmt.Fprint(r.stderr, "\r\033[K")
	}
	st.elapsed = time.Since(st.start)
	if err := <-readErr; err != nil {
		return st, fmt.Errorf("%s: %v", r.name, err)
	}
	if outErr != nil {
		return st, fmt.Errorf("writing output: %v", outErr)
	}
	return st, nil
}

// defaultMaxLineBytes bounds one event line (--max-line-bytes); a longer
// line is reported and skipped without being held in memory.
const defaultMaxLineBytes = 64 << 20

// readLine reads one line (with its newline) of at most max bytes. It
// returns the number of bytes consumed; the line is nil when it was longer
// than max (the rest of it is consumed and dropped).
func readLine(br *bufio.Reader, max int) ([]byte, int, error) {
	var line []byte
	n := 0
	for {
		chunk, err := br.ReadSlice('\n')
		n += len(chunk)
		if n <= max {
			line = append(line, chunk...)
		} else {
			line = nil
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		if n > max {
			return nil, n, err
		}
		if line == nil && n > 0 {
			line = []byte{}
		}
		return line, n, err
	}
}

type worker struct {
	r     *runner
	index map[*lua.Rule]int
	dec   *lua.EventDecoder
	res   lua.Result
}

func (w *worker) process(ctx context.Context, b batch, nrules int) batchResult {
	out := batchResult{seq: b.seq, matches: make([]int, nrules)}
	for i, raw := range b.lines {
		lineIdx := b.first + i
		if raw == nil {
			out.badLines++
			out.diags = append(out.diags, lineDiag{-1, fmt.Sprintf("kestrel-lua: %s:%d: bad event skipped: line longer than %d bytes", w.r.name, lineIdx+1, w.r.maxLine)})
			continue
		}
		line := bytes.TrimSpace(raw)
		if len(line) == 0 {
			continue // blank lines are not events
		}
		ev, err := w.dec.Decode(line)
		if err != nil {
			out.badLines++
			out.diags = append(out.diags, lineDiag{-1, fmt.Sprintf("kestrel-lua: %s:%d: bad event skipped: %v", w.r.name, lineIdx+1, err)})
			continue
		}
		out.events++
		for _, rule := range w.r.rules.ForEventType(ev.EventType()) {
			err := rule.EvaluateInto(ctx, ev, &w.res)
			ri := w.index[rule]
			if err != nil {
				out.diags = append(out.diags, lineDiag{ri, fmt.Sprintf("kestrel-lua: %s:%d: %v", w.r.name, lineIdx+1, err)})
				continue
			}
			if !w.res.Matched && len(w.res.Alerts) == 0 {
				continue
			}
			out.matches[ri]++
			out.out = appendMatch(out.out, lineIdx, rule.ID(), ev, &w.res)
		}
	}
	return out
}

// appendMatch appends one output line.
func appendMatch(dst []byte, line int, rule string, ev *lua.Event, res *lua.Result) []byte {
	dst = append(dst, `{"event":`...)
	dst = strconv.AppendInt(dst, int64(line), 10)
	dst = append(dst, `,"rule":`...)
	dst = appendJSONString(dst, rule)
	dst = append(dst, `,"entity_key":`...)
	dst = strconv.AppendUint(dst, ev.EntityKey(), 10)
	dst = append(dst, `,"ts_wall":`...)
	dst = strconv.AppendUint(dst, ev.TsWall(), 10)
	dst = append(dst, `,"messages":[`...)
	for i, a := range res.Alerts {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = appendJSONString(dst, a.Message)
	}
	dst = append(dst, ']')
	if res.AlertsDropped > 0 {
		dst = append(dst, `,"messages_dropped":`...)
		dst = strconv.AppendInt(dst, int64(res.AlertsDropped), 10)
	}
	return append(dst, "}\n"...)
}

// appendJSONString appends s as a JSON string (invalid UTF-8 becomes
// U+FFFD).
func appendJSONString(dst []byte, s string) []byte {
	dst = append(dst, '"')
	for _, c := range s {
		switch {
		case c == '"' || c == '\\':
			dst = append(dst, '\\', byte(c))
		case c == '\n':
			dst = append(dst, '\\', 'n')
		case c == '\t':
			dst = append(dst, '\\', 't')
		case c == '\r':
			dst = append(dst, '\\', 'r')
		case c < 0x20 || c == 0x7f:
			dst = fmt.Appendf(dst, `\u%04x`, c)
		default:
			dst = append(dst, string(c)...)
		}
	}
	return append(dst, '"')
}

func (s *stats) summary(w io.Writer, rules *lua.RuleSet) {
	secs := s.elapsed.Seconds()
	rate := 0.0
	if secs > 0 {
		rate = float64(s.events) / secs
	}
	total := 0
	for _, m := range s.matches {
		total += m
	}
	fmt.Fprintf(w, "kestrel-lua: %d events, %d bad lines, %d matches, %d evaluation errors, %d rules\n",
		s.events, s.badLines, total, s.evalErrors(), rules.Len())
	width := len("rule")
	for _, r := range rules.Rules() {
		width = max(width, len(r.ID()))
	}
	fmt.Fprintf(w, "  %-*s %8s %8s\n", width, "rule", "matches", "errors")
	for i, r := range rules.Rules() {
		fmt.Fprintf(w, "  %-*s %8d %8d\n", width, r.ID(), s.matches[i], s.errors[i])
	}
	fmt.Fprintf(w, "kestrel-lua: %.3fs, %s events/s\n", secs, strings.TrimSuffix(strconv.FormatFloat(rate, 'f', 0, 64), ".0"))
}
