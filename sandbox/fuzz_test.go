package sandbox_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	lua "github.com/kestrel-runtime/lua"
	"github.com/kestrel-runtime/lua/compiler"
	"github.com/kestrel-runtime/lua/parser"
	"github.com/kestrel-runtime/lua/vm"
)

// fuzzBudgets turns the fuzzer's two numbers into tight budgets: 1,000 to
// 66,535 instructions and 8 to 263 KiB.
func fuzzBudgets(instr uint16, memKB uint8) (int, int) {
	return 1000 + int(instr), 8 + int(memKB)
}

// typedError reports whether err is one of the engine's typed errors.
func typedError(err error) bool {
	var (
		se *parser.SyntaxError
		ce *compiler.Error
		re *vm.RuntimeError
		le *vm.LimitError
		sh *lua.ShapeError
		ro *lua.ReadOnlyUpvalueError
	)
	return errors.As(err, &se) || errors.As(err, &ce) || errors.As(err, &re) || errors.As(err, &le) ||
		errors.As(err, &sh) || errors.As(err, &ro)
}

// FuzzExec runs any source under tight budgets, twice: as a script (Exec,
// sandbox profile) and as a rule (LoadRule, then one evaluation). Each run
// must return a result or a typed error, never panic, never count more
// instructions or bytes than its budgets, and give the same outcome both
// times it is run.
//
// The seed corpus is testdata/fuzz/FuzzExec plus every attack of
// testdata/attacks (those marked "-- bug:" only with KESTREL_KNOWN_BUGS).
func FuzzExec(f *testing.F) {
	files, err := filepath.Glob(filepath.Join("testdata", "attacks", "*.lua"))
	require.NoError(f, err)
	for _, path := range files {
		src, err := os.ReadFile(path)
		require.NoError(f, err)
		if strings.Contains(string(src), "\n-- bug: ") && !knownBugs() {
			continue
		}
		f.Add(string(src), uint16(20000), uint8(120))
	}
	// Found while writing the corpus: the run ended 67 units past its
	// budget (see TestInstructionBudgetIsNeverExceeded).
	f.Add(`local a, b = ("a"):rep(5000) .. "b", ("a"):rep(5000) .. "c" local n = 0 while a ~= b do n = n + 1 end`, uint16(2000), uint8(50))
	ev, err := lua.NewEventBuilder().EventType(1).Field(1, lua.String("/bin/ls")).Field(2, lua.I64(42)).Build()
	require.NoError(f, err)

	f.Fuzz(func(t *testing.T, src string, instr uint16, memKB uint8) {
		instrLimit, memLimitKB := fuzzBudgets(instr, memKB)
		ctx := context.Background()

		// As a script.
		var outs [2]string
		var results [2]lua.ExecResult
		for i := range 2 {
			res, err := lua.Exec(ctx, lua.ExecOptions{
				Profile: lua.ProfileSandbox, Path: "fuzz.lua", Source: []byte(src),
				InstructionLimit: int64(instrLimit), MemoryLimitKB: int64(memLimitKB),
			})
			if err != nil {
				require.True(t, typedError(err), "untyped error %T: %v", err, err)
				outs[i] = err.Error()
			}
			results[i] = res
			require.LessOrEqual(t, res.Instructions, int64(instrLimit), "script past its instruction budget")
			require.LessOrEqual(t, res.MemoryBytes, int64(memLimitKB)*1024, "script past its memory budget")
		}
		assert.Equal(t, outs[0], outs[1], "script outcome is deterministic")
		assert.Equal(t, results[0], results[1], "script counts are deterministic")

		// As a rule.
		cfg := lua.DefaultConfig()
		cfg.InstructionLimit, cfg.MemoryLimitKB = instrLimit, memLimitKB
		e, err := lua.NewEngine(cfg, nil)
		require.NoError(t, err)
		r, err := e.LoadRule("fuzz", src)
		if err != nil {
			var rerr *lua.RuleError
			require.ErrorAs(t, err, &rerr)
			require.True(t, typedError(err), "untyped load error %T: %v", errors.Unwrap(err), err)
			return
		}
		var first lua.Result
		var firstErr string
		for i := range 2 {
			res, err := r.EvaluateDetailed(ctx, ev)
			msg := ""
			if err != nil {
				require.True(t, typedError(err), "untyped evaluation error %T: %v", errors.Unwrap(err), err)
				msg = err.Error()
			}
			require.LessOrEqual(t, res.Instructions, int64(instrLimit), "rule past its instruction budget")
			require.LessOrEqual(t, res.MemoryBytes, int64(memLimitKB)*1024, "rule past its memory budget")
			if i == 0 {
				first, firstErr = res, msg
				continue
			}
			assert.Equal(t, firstErr, msg, "rule outcome is deterministic")
			assert.Equal(t, first.Matched, res.Matched)
			assert.Equal(t, first.Instructions, res.Instructions)
			assert.Equal(t, first.MemoryBytes, res.MemoryBytes)
		}
	})
}
