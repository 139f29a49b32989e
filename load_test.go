package lua

// Load and faults: many goroutines evaluating a mix of good, erroring,
// limit-hitting and panicking rules must get exactly the results one
// goroutine gets, leak no goroutine, and leave the heap where it was.

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kestrel-runtime/lua/vm"
)

// loadRules is the rule mix of the load test: every outcome an evaluation
// can have.
var loadRules = map[string]string{
	// Good rules.
	"spec": specScript,
	"table": `return {
		event_types = {1, 2},
		severity = "high",
		match = function(event)
			local exe, pid = event:get_str(1), event:get_i64(2)
			if exe and string.endswith(exe, ".sh") then
				alert.emit("table", "shell script " .. exe .. " pid " .. tostring(pid))
				return true
			end
			return false
		end,
	}`,
	"strings": `local suspicious = {"/tmp/", "/dev/shm/", "curl", "wget"}
		return function(event)
			local exe = event:get_str(1) or ""
			local parts = {}
			for part in exe:gmatch("[^/]+") do parts[#parts + 1] = part:upper() end
			local joined = table.concat(parts, "|")
			for _, s in ipairs(suspicious) do
				if exe:find(s, 1, true) then return #joined > 0 end
			end
			return string.format("%s:%d", joined, event:get_i64(2) or 0) == "x"
		end`,
	"alerts": `return function(event)
			local n = (event:get_i64(2) or 0) % 100
			for i = 1, n do alert.emit("alerts", "a" .. i) end -- beyond 64 are counted, not kept
			return n > 50
		end`,
	// Erroring rules (a Lua error on some events).
	"nilindex": `return function(event)
			local exe = event:get_str(1)
			if event:get_i64(2) % 3 == 0 then exe = nil end
			return exe:sub(1, 1) == "/"
		end`,
	"raise": `return function(event)
			local pid = event:get_i64(2)
			if pid % 7 == 0 then error({code = pid}) end
			if pid % 5 == 0 then error("pid " .. pid .. " is a multiple of 5") end
			return pcall(error, "caught") == false
		end`,
	// Limit-hitting rules (on some events).
	"loop": `return function(event)
			if event:get_i64(2) % 4 == 0 then while true do end end
			local s = 0
			for i = 1, 100 do s = s + i end
			return s == 5050
		end`,
	"memory": `return function(event)
			local t = {}
			local n = event:get_i64(2) % 11 == 0 and 1e9 or 100
			for i = 1, n do t[i] = {i} end
			return #t == 100
		end`,
	// A host native module that panics on some events.
	"native": `return function(event)
			return host.check(event:get_str(1), event:get_i64(2))
		end`,
}

// loadOutcome is what one evaluation gave, comparable across runs.
type loadOutcome struct {
	Matched       bool
	Alerts        int
	AlertsDropped int
	Instructions  int64
	MemoryBytes   int64
	Err           string
	Kind          string
}

func loadEngine(t testing.TB) (*Engine, []*Rule) {
	t.Helper()
	cfg := DefaultConfig()
	cfg.InstructionLimit = 20_000
	cfg.MemoryLimitKB = 256
	cfg.EnableFFI = true
	e := newEngine(t, cfg, nil)
	require.NoError(t, e.RegisterModule("host", map[string]NativeFunc{
		"check": func(args []vm.Value) (vm.Value, error) {
			if len(args) < 2 || args[1].Kind() != vm.KindInt {
				return vm.Nil, errors.New("check: want (exe, pid)")
			}
			pid := args[1].AsInt()
			switch {
			case pid%13 == 0:
				panic(fmt.Sprintf("host module bug on pid %d", pid))
			case pid%17 == 0:
				var m map[string]int
				m["nil map"]++ // a runtime error panic, as real host bugs are
			}
			return vm.Bool(pid%2 == 0), nil
		},
	}))
	var rules []*Rule
	for _, id := range sortedKeys(loadRules) {
		r, err := e.LoadRule(id, loadRules[id])
		require.NoError(t, err, id)
		rules = append(rules, r)
	}
	return e, rules
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	for i := 1; i < len(keys); i++ {
		for j := i; j > 0 && keys[j] < keys[j-1]; j-- {
			keys[j], keys[j-1] = keys[j-1], keys[j]
		}
	}
	return keys
}

func loadEvents(t testing.TB, n int) []*Event {
	t.Helper()
	exes := []string{"/usr/bin/ls", "/tmp/x.sh", "/dev/shm/curl", "/home/u/run.sh", "/bin/wget", "relative"}
	evs := make([]*Event, n)
	for i := range evs {
		evs[i] = mustEvent(t, NewEventBuilder().EventType(int64(1+i%3)).EntityKey(uint64(i)).
			Field(1, String(exes[i%len(exes)])).Field(2, I64(int64(i))))
	}
	return evs
}

// evaluateAll evaluates every rule that applies on every event, in order.
func evaluateAll(ctx context.Context, rules []*Rule, evs []*Event) []loadOutcome {
	out := make([]loadOutcome, 0, len(rules)*len(evs))
	var res Result
	for _, ev := range evs {
		for _, r := range rules {
			if !r.AppliesTo(ev.EventType()) {
				continue
			}
			err := r.EvaluateInto(ctx, ev, &res)
			o := loadOutcome{Matched: res.Matched, Alerts: len(res.Alerts), AlertsDropped: res.AlertsDropped,
				Instructions: res.Instructions, MemoryBytes: res.MemoryBytes}
			if err != nil {
				o.Err = err.Error()
				o.Kind = outcomeKind(err)
			}
			out = append(out, o)
		}
	}
	return out
}

func outcomeKind(err error) string {
	var re *vm.RuntimeError
	switch {
	case errors.Is(err, ErrInstructionLimit):
		return "instructions"
	case errors.Is(err, ErrMemoryLimit):
		return "memory"
	case errors.As(err, &re):
		return "runtime"
	}
	return fmt.Sprintf("%T", err)
}

// heapAfterGC returns the live heap after two collections (the second
// empties sync.Pool victim caches).
func heapAfterGC() uint64 {
	var ms runtime.MemStats
	runtime.GC()
	runtime.GC()
	runtime.ReadMemStats(&ms)
	return ms.HeapAlloc
}

// settleGoroutines waits until at most n goroutines run (goroutines that
// finished their work may take a moment to exit); it returns the count.
func settleGoroutines(n int) int {
	for range 200 {
		if g := runtime.NumGoroutine(); g <= n {
			return g
		}
		time.Sleep(5 * time.Millisecond)
	}
	return runtime.NumGoroutine()
}

func TestLoadManyGoroutinesMatchOneGoroutine(t *testing.T) {
	const workers = 8
	nevents, rounds := 1000, 2
	if testing.Short() || raceEnabled {
		nevents, rounds = 150, 1
	}
	ctx := context.Background()
	e, rules := loadEngine(t)
	evs := loadEvents(t, nevents)

	want := evaluateAll(ctx, rules, evs) // the single-goroutine reference
	kinds := map[string]int{}
	for _, o := range want {
		kinds[o.Kind]++
	}
	require.Positive(t, kinds[""], "some evaluations succeed")
	require.Positive(t, kinds["runtime"], "some evaluations raise")
	require.Positive(t, kinds["instructions"], "some evaluations exhaust instructions")
	require.Positive(t, kinds["memory"], "some evaluations exhaust memory")
	panics := 0
	for _, o := range want {
		if strings.Contains(o.Err, "panicked") {
			panics++
		}
	}
	require.Positive(t, panics, "some native calls panic")

	baseHeap := heapAfterGC()
	baseG := runtime.NumGoroutine()
	start := time.Now()
	var wg sync.WaitGroup
	got := make([][][]loadOutcome, workers)
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for round := range rounds {
				// Each worker starts at a different event, so that the
				// workers interleave differently on the shared rules.
				off := (w*nevents/workers + round*31) % nevents
				rotated := append(append([]*Event{}, evs[off:]...), evs[:off]...)
				res := evaluateAll(ctx, rules, rotated)
				// Undo the rotation for the comparison.
				back := make([]loadOutcome, 0, len(res))
				split := 0
				for _, ev := range evs[off:] {
					for _, r := range rules {
						if r.AppliesTo(ev.EventType()) {
							split++
						}
					}
				}
				back = append(back, res[split:]...)
				back = append(back, res[:split]...)
				got[w] = append(got[w], back)
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)

	evals := 0
	for w := range workers {
		for round, res := range got[w] {
			evals += len(res)
			require.Equal(t, len(want), len(res))
			for i := range want {
				if !assert.Equal(t, want[i], res[i], "worker %d round %d evaluation %d", w, round, i) {
					return
				}
			}
		}
	}
	g := settleGoroutines(baseG)
	assert.LessOrEqual(t, g, baseG, "goroutines leaked")
	heap := heapAfterGC()
	runtime.KeepAlive(e)
	// The slack covers the thread pool's idle threads and runtime noise;
	// a leak of per-evaluation state (alerts, tables, closures) would be
	// megabytes here.
	const heapSlack = 2 << 20
	assert.LessOrEqual(t, heap, baseHeap+heapSlack, "heap back to its baseline (before %d, after %d)", baseHeap, heap)
	t.Logf("%d workers x %d rounds: %d evaluations in %v (%.0f/s); outcomes per round: %d ok, %d runtime errors (%d native panics), %d instruction limits, %d memory limits; heap %d -> %d bytes; goroutines %d -> %d",
		workers, rounds, evals, elapsed.Round(time.Millisecond), float64(evals)/elapsed.Seconds(),
		kinds[""], kinds["runtime"], panics, kinds["instructions"], kinds["memory"], baseHeap, heap, baseG, g)
}

// TestNativePanicFailsOnlyThatEvaluation checks a host module that panics:
// that evaluation gets a positioned runtime error naming the function, the
// other rules on the same event and the next evaluation of the same rule
// are unaffected.
func TestNativePanicFailsOnlyThatEvaluation(t *testing.T) {
	ctx := context.Background()
	e, rules := loadEngine(t)
	byID := map[string]*Rule{}
	for _, r := range rules {
		byID[r.ID()] = r
	}
	native := byID["native"]
	boom := mustEvent(t, NewEventBuilder().EventType(1).Field(1, String("/tmp/x.sh")).Field(2, I64(26))) // 26 % 13 == 0
	nilMap := mustEvent(t, NewEventBuilder().EventType(1).Field(1, String("/tmp/x.sh")).Field(2, I64(34)))
	fine := mustEvent(t, NewEventBuilder().EventType(1).Field(1, String("/tmp/x.sh")).Field(2, I64(10)))

	_, err := native.Evaluate(ctx, boom)
	require.Error(t, err)
	var re *vm.RuntimeError
	require.ErrorAs(t, err, &re)
	assert.Contains(t, err.Error(), "native function 'host.check' panicked: host module bug on pid 26")
	assert.Equal(t, 2, re.Line, "the position of the call in the rule")

	_, err = native.Evaluate(ctx, nilMap)
	require.ErrorAs(t, err, &re)
	assert.Contains(t, err.Error(), "assignment to entry in nil map")

	ok, err := native.Evaluate(ctx, fine)
	require.NoError(t, err, "the next evaluation of the same rule")
	assert.True(t, ok)
	ok, err = byID["table"].Evaluate(ctx, boom)
	require.NoError(t, err, "another rule on the same event")
	assert.True(t, ok)
	ok, err = byID["spec"].Evaluate(ctx, boom)
	require.NoError(t, err)
	assert.True(t, ok)
	_ = e
}
