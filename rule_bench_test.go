package lua

import (
	"context"
	"os"
	"testing"

	"github.com/stretchr/testify/require"
)

// ruleBenchEvents are the issue-6 workload's events, in miniature: fields
// 1 exe (string), 2 pid, 4 flag, 5 uid; one event has no exe.
func ruleBenchEvents(b *testing.B) []*Event {
	type ev struct {
		exe      string
		pid, uid int64
		flag     bool
	}
	evs := []ev{
		{"/tmp/x.sh", 4242, 0, true},
		{"/usr/bin/python3", 999, 1000, false},
		{"/home/u/run.sh", 1500, 1000, true},
		{"/bin/backup.sh", 2000, 0, true},
		{"/dev/shm/.x/loader.py", 31337, 0, true},
		{"", 1, 0, false},
		{"/usr/sbin/sshd", 812, 0, false},
		{"/var/tmp/kit/miner", 7001, 0, false},
	}
	var out []*Event
	for _, e := range evs {
		bl := NewEventBuilder().EventType(1).Field(2, I64(e.pid)).Field(4, Bool(e.flag)).Field(5, I64(e.uid))
		if e.exe != "" {
			bl.Field(1, String(e.exe))
		}
		out = append(out, mustEvent(b, bl))
	}
	return out
}

// BenchmarkRulePredicates measures (*Rule).Evaluate on the issue-6
// predicates P1 (string builtins), P2 (field compares) and P5 (the fixed
// cost of an evaluation), cycling over eight events.
func BenchmarkRulePredicates(b *testing.B) {
	for _, bc := range []struct{ name, body string }{
		{"P1", `local exe = event:get_str(1) return exe ~= nil and (string.contains(exe, "/tmp/") or (string.endswith(exe, ".sh") and not string.startswith(exe, "/bin/")))`},
		{"P2", `return event:get_i64(2) > 1000 and event:get_i64(5) == 0 and event:get_bool(4)`},
		{"P5", `return true`},
	} {
		b.Run(bc.name, func(b *testing.B) {
			cfg := DefaultConfig()
			// KESTREL_NO_FAST_PATH=1 measures the VM thread's path
			// (Config.DisableFastPath), as bench/README.md does.
			cfg.DisableFastPath = os.Getenv("KESTREL_NO_FAST_PATH") != ""
			e := newEngine(b, cfg, nil)
			r, err := e.LoadRule("bench", "return function(event) "+bc.body+" end")
			require.NoError(b, err)
			evs := ruleBenchEvents(b)
			ctx := context.Background()
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				if _, err := r.Evaluate(ctx, evs[i&7]); err != nil {
					b.Fatal(err)
				}
				i++
			}
		})
	}
}
