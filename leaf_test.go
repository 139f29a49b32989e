package lua

import (
	"context"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/kestrel-runtime/lua/vm"
)

// leafPrograms are rules for the predicate fast path (vm.Leaf), each with
// whether it should have one. Between them they use every instruction a
// Leaf translates, on operands it handles and on operands it must give up
// on (metamethods, coercion, errors, calls without a frameless form, runs
// past the first look at the context).
var leafPrograms = []struct {
	leaf bool
	src  string
}{
	// The issue-6 predicates.
	{true, `return function(event) local exe = event:get_str(1) return exe ~= nil and (string.contains(exe, "/tmp/") or (string.endswith(exe, ".sh") and not string.startswith(exe, "/bin/"))) end`},
	{true, `return function(event) return event:get_i64(2) > 1000 and event:get_i64(5) == 0 and event:get_bool(4) end`},
	{true, `return function(event) local exe = event:get_str(1) return exe ~= nil and regex.match("^/(tmp|dev/shm)/.*\\.(sh|py)$", exe) end`},
	{true, `local needles = {"ssh", "miner", "nc", "xmrig", "python", "kit"}
	return function(event)
	  local name = event:get_str(3)
	  if name == nil then return false end
	  for i = 1, #needles do
	    if string.contains(name, needles[i]) then return true end
	  end
	  return false
	end`},
	{true, `return function(event) return true end`},
	{true, `return function() return 1 < 2 end`},
	// Arithmetic: integer fast paths, overflow, integer division (which
	// the interpreter's slow path does), floats, negation.
	{true, `return function(e) local pid = e:get_i64(2) return pid + 1 > 1000 and pid * 2 < 1e9 and pid - 5 ~= 7 end`},
	{true, `return function(e) local pid = e:get_i64(2) return pid / 2 >= 3.5 end`},
	{true, `return function(e) local x = e:get_f64(6) return x ~= nil and x * 2.0 - 1.5 + x / 4.0 > 0 and -x < 0 end`},
	{true, `return function(e) local x = 9223372036854775807 return x + e:get_i64(5) > 0 end`},
	{true, `return function(e) return -e:get_i64(2) < 0 and -0 == 0 end`},
	{true, `return function(e) return e:get_i64(2) == 4242.0 or e:get_u64(8) == 18446744073709551615 end`},
	{true, `return function(e) return e:has_field(1) and not e:has_field(9) and e:get_f64(6) end`},
	// Strings: order, length, long strings (units per 64 bytes), the
	// same content at different addresses.
	{true, `return function(e) local n = e:get_str(3) return n ~= nil and n < "m" and n <= "zz" and #n > 3 end`},
	{true, `return function(e) return e:get_str(7) == "` + strings.Repeat("x", 200) + `" end`},
	{true, `return function(e) local s = e:get_str(7) return s ~= nil and s > "` + strings.Repeat("x", 150) + `w" end`},
	{true, `return function(e) return e:get_str(3) == "sshd" end`},
	{true, `return function(e) return #e:get_str(3) end`},
	// Frameless builtins: memory charges (lower, upper), substrings,
	// type, a tail call, two results, a builtin without a fast form, a
	// call that declines (a number argument).
	{true, `return function(e) return string.lower(e:get_str(3) or "") == "sshd" end`},
	{true, `return function(e) return string.upper(e:get_str(7) or "x") end`},
	{true, `return function(e) return string.sub(e:get_str(1) or "", 1, 5) == "/tmp/" end`},
	{true, `return function(e) return type(e:get_str(1)) == "string" end`},
	{true, `return function(e) return string.contains(e:get_str(1) or "", "tmp") end`},
	{true, `return function(e) local a, b = string.contains(e:get_str(1) or "", "x") return a and b == nil end`},
	{true, `return function(e) return tostring(e:get_i64(2)) == "4242" end`},
	{true, `return function(e) return string.contains(e:get_i64(2), "4") end`},
	{true, `return function(e) return regex.match("^/tmp/", e:get_str(1) or "") end`},
	{true, `return function(e) return regex.match("(", e:get_str(1) or "") end`},
	{true, `return function(e) return regex.match("^/tmp/", e:get_i64(2)) end`},
	// Errors: a field of the wrong type, an undefined function.
	{true, `return function(e) return e:get_str(2) end`},
	{true, `return function(e) return e:get_i64(2) < "x" end`},
	// Tables: a frozen upvalue with __index, identity, a length.
	{true, `local t = setmetatable({}, {__index = function(t, k) return k end}) return function(e) return t.x == "x" end`},
	{true, `local a, b = {}, {} return function(e) return a == b or a == a end`},
	{true, `local t = {1, 2, 3, x = "y"} return function(e) return #t == 3 and t.x == "y" and t[2] == 2 end`},
	// Tests and their jumps, nil locals.
	{true, `return function(e) return not e:get_bool(4) or (e:get_i64(5) == 0 and "root") or nil end`},
	{true, `return function(e) local a, b, c return a == nil and b == c end`},
	// Loops: steps down, float steps, past the first look at the
	// context.
	{true, `return function(e) local n = 0 for i = 10, 1, -2 do n = n + i end return n == 30 end`},
	{true, `return function(e) local n = 0.0 for i = 1.5, 3.5, 0.5 do n = n + i end return n end`},
	{true, `return function(e) local n = 0 for i = 1, 5000 do n = n + 1 end return n end`},
	// Generic for over ipairs (GoFunction.Iter and Step): early and
	// normal ends, a hole, one loop variable, a table whose __index the
	// raw iteration ignores, a value that is not a table, nesting.
	{true, `local l = {"a", "sshd", "c"} return function(e) for _, v in ipairs(l) do if v == e:get_str(3) then return true end end return false end`},
	{true, `local l = {1, 2, 3, nil, 5} return function(e) local n = 0 for i, v in ipairs(l) do n = n + i * v end return n end`},
	{true, `local l = {"x", "y"} return function(e) local n = 0 for i in ipairs(l) do n = n + i end return n end`},
	{true, `local l = setmetatable({1}, {__index = function(t, k) return k end}) return function(e) local n = 0 for _, v in ipairs(l) do n = n + v end return n end`},
	{true, `local l = {} return function(e) for _, v in ipairs(e:get_str(3) or l) do return v end return "empty" end`},
	{true, `local n = 5 return function(e) if e:get_bool(4) then return false end for _, v in ipairs(n) do end return true end`},
	{true, `local a, b = {"ssh", "xm"}, {"d", "rig"} return function(e) local n = e:get_str(3) or "" for _, x in ipairs(a) do for _, y in ipairs(b) do if n == x .. y then return true end if string.contains(n, x) and string.endswith(n, y) then return x end end end return false end`},
	// Instructions a Leaf does not run, on some paths only: an alert and
	// a concatenation when the rule matches, a generic for after an
	// early return, the event passed on in one branch.
	{true, `return function(e) local exe = e:get_str(1) if exe ~= nil and string.contains(exe, "/tmp/") then alert.emit("r", "exec " .. exe) return true end return false end`},
	{true, `local l = {"sshd", "xmrig"} return function(e) local n = e:get_str(3) if n == nil then return false end for _, v in ipairs(l) do if v == n then return true end end return false end`},
	{true, `return function(e) if e:get_bool(4) then return tostring(e) ~= nil end return e:get_i64(5) == 0 end`},
	// A long global name (units per 64 bytes of the key).
	{true, strings.Repeat("g", 70) + ` = 5 return function(e) return ` + strings.Repeat("g", 70) + ` == 5 end`},
	// Not leaves, as no run can complete without what a Leaf does not
	// run: the event passed on, a closure, a table built, a
	// concatenation, a method call on a string, a generic for, a loop
	// without end.
	{false, `return function(e) return tostring(e) ~= nil end`},
	{false, `return function(e) local f = function() return 1 end return f() == 1 end`},
	{false, `return function(e) local t = {} return #t == 0 end`},
	{false, `return function(e) return (e:get_str(3) or "") .. "x" == "sshdx" end`},
	{false, `return function(e) return (e:get_str(3) or ""):len() > 2 end`},
	{false, `return function(e) while true do end end`},
}

// leafEvents are events with every field kind a program reads: 1 exe,
// 2 pid, 3 name, 4 flag, 5 uid, 6 an f64, 7 a long string, 8 a u64.
func leafEvents(t testing.TB) []*Event {
	long := strings.Repeat("x", 200)
	var out []*Event
	for _, b := range []*EventBuilder{
		NewEventBuilder().Field(1, String("/tmp/x.sh")).Field(2, I64(4242)).Field(3, String("sshd")).Field(4, Bool(true)).Field(5, I64(0)),
		NewEventBuilder().Field(1, String("/usr/bin/python3")).Field(2, I64(999)).Field(3, String("python3")).Field(4, Bool(false)).Field(5, I64(1000)),
		NewEventBuilder().Field(1, String("/bin/backup.sh")).Field(2, I64(-7)).Field(3, String("xmrig")).Field(5, I64(-1)).Field(6, F64(2.5)).Field(7, String(long)),
		NewEventBuilder().Field(2, I64(math.MaxInt64)).Field(6, F64(-0.25)).Field(7, String(long+"y")).Field(8, U64(math.MaxUint64)),
		NewEventBuilder(),
	} {
		out = append(out, mustEvent(t, b))
	}
	return out
}

// leafOutcome is what a run produced.
type leafOutcome struct {
	out          string
	instr, bytes int64
}

// onThread runs r's predicate on ev under lim on a Thread.
func onThread(e *Engine, r *Rule, ev *Event, lim vm.Limits) leafOutcome {
	st := e.acquire()
	v, err := st.th.Eval(context.Background(), lim, r.fn, &ev.ev)
	o := leafOutcome{instr: st.th.Meter().Instructions(), bytes: st.th.Meter().Bytes()}
	if err != nil {
		o.out = "error: " + err.Error()
	} else {
		o.out = fmt.Sprintf("%s %s", v.TypeName(), vm.ToStringRaw(v))
	}
	e.release(st, err)
	return o
}

// leafAgrees runs r's Leaf on ev under lim and, when it completes, checks
// that a Thread's run has the same outcome. It reports whether the Leaf
// completed.
func leafAgrees(t testing.TB, e *Engine, r *Rule, src string, ev *Event, lim vm.Limits) bool {
	v, instr, bytes, ok := r.leaf.Run(&ev.ev, lim)
	if !ok {
		return false
	}
	want := onThread(e, r, ev, lim)
	got := leafOutcome{fmt.Sprintf("%s %s", v.TypeName(), vm.ToStringRaw(v)), instr, bytes}
	require.Equal(t, want, got, "%s\nevent %v, limits %+v", src, ev.ev.Fields, lim)
	return true
}

// TestLeafAgrees runs every program of leafPrograms on every event at
// every instruction limit up to 12 and within 12 of what the run needs,
// and at memory limits around its entry and its total, once on a Thread
// and once as a Leaf: whenever the Leaf completes, the Thread's run
// completed with the same result, instruction units and bytes. The Leaf
// must also complete most unlimited runs of the programs written for it,
// or the comparison would prove little.
func TestLeafAgrees(t *testing.T) {
	e := newEngine(t, DefaultConfig(), nil)
	evs := leafEvents(t)
	runs, completed, fullRuns, fullCompleted := 0, 0, 0, 0
	for n, p := range leafPrograms {
		r, err := e.LoadRule(fmt.Sprintf("leaf%d", n), p.src)
		require.NoError(t, err, p.src)
		require.Equal(t, p.leaf, r.leaf != nil, "has a Leaf: %s", p.src)
		if r.leaf == nil {
			continue
		}
		for _, ev := range evs {
			full := onThread(e, r, ev, e.limits)
			entry := r.leaf.EntryBytes()
			var instrLimits []int64
			for il := int64(1); il <= full.instr+1; il++ {
				if il <= 12 || il >= full.instr-12 {
					instrLimits = append(instrLimits, il)
				}
			}
			for _, il := range append(instrLimits, e.limits.Instructions) {
				for _, ml := range []int64{1, entry - 1, entry, full.bytes - 1, full.bytes, full.bytes + 1, e.limits.MemoryBytes} {
					if ml <= 0 {
						continue
					}
					lim := vm.Limits{Instructions: il, MemoryBytes: ml}
					ok := leafAgrees(t, e, r, p.src, ev, lim)
					runs++
					if ok {
						completed++
					}
					if lim == e.limits {
						fullRuns++
						if ok {
							fullCompleted++
						}
					}
				}
			}
		}
	}
	t.Logf("%d limited runs compared, %d completed by the Leaf; %d of %d unlimited runs", runs, completed, fullCompleted, fullRuns)
	require.Greater(t, fullCompleted, fullRuns/2, "the Leaf completes too few runs for the comparison to prove much")
}

// TestLeafEvaluate checks that Evaluate and EvaluateDetailed give the same
// answers, counts and errors with the fast path as without it.
func TestLeafEvaluate(t *testing.T) {
	e := newEngine(t, DefaultConfig(), nil)
	evs := append(leafEvents(t), nil)
	ctx := context.Background()
	for n, p := range leafPrograms {
		r, err := e.LoadRule(fmt.Sprintf("leaf%d", n), p.src)
		require.NoError(t, err)
		slow := *r
		slow.leaf = nil
		for _, ev := range evs {
			m1, err1 := r.Evaluate(ctx, ev)
			m2, err2 := slow.Evaluate(ctx, ev)
			require.Equal(t, fmt.Sprint(m2, err2), fmt.Sprint(m1, err1), p.src)
			d1, err1 := r.EvaluateDetailed(ctx, ev)
			d2, err2 := slow.EvaluateDetailed(ctx, ev)
			require.Equal(t, fmt.Sprint(d2, err2), fmt.Sprint(d1, err1), p.src)
		}
	}
}

// TestLeafAllocs checks that the issue-6 predicates run on the fast path
// and that it allocates nothing.
func TestLeafAllocs(t *testing.T) {
	e := newEngine(t, DefaultConfig(), nil)
	evs := leafEvents(t)[:2] // every field the predicates read
	ctx := context.Background()
	for n, p := range leafPrograms[:5] {
		r, err := e.LoadRule("allocs", p.src)
		require.NoError(t, err)
		require.NotNil(t, r.leaf)
		require.Equal(t, []int{3, 0, 1, 1, 0}[n], r.leaf.Sites(), "builtin calls resolved: %s", p.src)
		for _, ev := range evs {
			_, err := r.Evaluate(ctx, ev) // fills the regex cache
			require.NoError(t, err)
			_, _, _, ok := r.leaf.Run(&ev.ev, e.limits)
			require.True(t, ok, "the Leaf gives up: %s", p.src)
			if raceEnabled {
				continue // the race detector makes sync.Pool (regexp's machines) drop items at random
			}
			allocs := testing.AllocsPerRun(100, func() {
				if _, err := r.Evaluate(ctx, ev); err != nil {
					t.Fatal(err)
				}
			})
			require.Zero(t, allocs, p.src)
		}
	}
}

// TestDisableFastPath checks Config.DisableFastPath: no rule gets a fast
// path, and every evaluation gives what the default engine gives.
func TestDisableFastPath(t *testing.T) {
	cfg := DefaultConfig()
	cfg.DisableFastPath = true
	off, on := newEngine(t, cfg, nil), newEngine(t, DefaultConfig(), nil)
	ctx := context.Background()
	for n, p := range leafPrograms {
		id := fmt.Sprintf("leaf%d", n)
		r1, err := on.LoadRule(id, p.src)
		require.NoError(t, err)
		r2, err := off.LoadRule(id, p.src)
		require.NoError(t, err)
		require.Equal(t, p.leaf, r1.FastPath(), p.src)
		require.False(t, r2.FastPath(), p.src)
		for _, ev := range leafEvents(t) {
			d1, err1 := r1.EvaluateDetailed(ctx, ev)
			d2, err2 := r2.EvaluateDetailed(ctx, ev)
			require.Equal(t, fmt.Sprint(d2, err2), fmt.Sprint(d1, err1), p.src)
		}
	}
}

// TestLeafIpairs checks that a generic for over ipairs runs on the fast
// path: ipairs(l) is a resolved call site, and the loop completes.
func TestLeafIpairs(t *testing.T) {
	e := newEngine(t, DefaultConfig(), nil)
	r, err := e.LoadRule("ipairs", `local l = {"a", "sshd", "c"}
return function(e)
  for _, v in ipairs(l) do
    if v == e:get_str(3) then return true end
  end
  return false
end`)
	require.NoError(t, err)
	require.NotNil(t, r.leaf)
	require.Equal(t, 1, r.leaf.Sites())
	for _, ev := range leafEvents(t) {
		require.True(t, leafAgrees(t, e, r, "ipairs", ev, e.limits), "the loop gives up on %v", ev.ev.Fields)
	}
}
