package compiler_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kestrel-runtime/lua/compiler"
	"github.com/kestrel-runtime/lua/parser"
	"github.com/kestrel-runtime/lua/vm"
)

// format renders results as lua5.1's print does for nil, booleans, numbers
// and strings.
func format(vals []vm.Value) string {
	parts := make([]string, len(vals))
	for i, v := range vals {
		switch v.Kind() {
		case vm.KindNil:
			parts[i] = "nil"
		case vm.KindBool:
			parts[i] = "false"
			if v.AsBool() {
				parts[i] = "true"
			}
		case vm.KindInt, vm.KindFloat:
			parts[i] = vm.FormatNumber(v)
		case vm.KindString:
			parts[i] = v.AsString()
		default:
			parts[i] = v.TypeName()
		}
	}
	return strings.Join(parts, "\t")
}

// run compiles src and runs it on the VM with an empty global table.
func run(t *testing.T, name string, src []byte, opts compiler.Options) ([]vm.Value, error) {
	t.Helper()
	chunk, err := parser.Parse(name, src)
	require.NoError(t, err)
	p, err := compiler.Compile(chunk, opts)
	require.NoError(t, err)
	th := vm.NewThread()
	th.Reset(context.Background(), vm.Limits{Instructions: 10_000_000})
	cl := vm.NewClosure(p, vm.NewTable(0, 0))
	return th.Call(vm.ClosureValue(cl), nil, -1)
}

// TestRunPrograms runs the programs in testdata/run/ (which use no library
// function) on the VM, compiled in both Optimize modes, and checks the
// returned values against lua5.1 running the same file (when installed).
func TestRunPrograms(t *testing.T) {
	files, err := filepath.Glob("testdata/run/*.lua")
	require.NoError(t, err)
	require.NotEmpty(t, files)
	lua, _ := exec.LookPath("lua5.1")
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			src, err := os.ReadFile(file)
			require.NoError(t, err)
			var outs []string
			for _, optimize := range []bool{true, false} {
				res, err := run(t, filepath.Base(file), src, compiler.Options{Optimize: optimize})
				require.NoError(t, err, "Optimize=%v", optimize)
				outs = append(outs, format(res))
			}
			assert.Equal(t, outs[0], outs[1], "both Optimize modes compute the same")
			if lua == "" {
				t.Log("lua5.1 not installed: results not checked against the reference")
				return
			}
			out, err := exec.Command(lua, "-e", "print(dofile(arg[1]))", file).Output()
			if err != nil {
				// lua5.1 -e runs before the script args are set: pass the
				// file name in the chunk instead.
				out, err = exec.Command(lua, "-e", "print(dofile('"+file+"'))").Output()
			}
			require.NoError(t, err)
			assert.Equal(t, strings.TrimSuffix(string(out), "\n"), outs[0], "results differ from lua5.1")
		})
	}
}

// TestRuntimeErrorsNameVariables checks that the code shape lets the VM
// name variables in error messages, as Lua 5.1 does.
func TestRuntimeErrorsNameVariables(t *testing.T) {
	tests := []struct{ src, msg string }{
		{"local exe = nil\nreturn exe.x", "e.lua:2: attempt to index local 'exe' (a nil value)"},
		{"return foo()", "e.lua:1: attempt to call global 'foo' (a nil value)"},
		{"local t = {}\nreturn t.a.b", "e.lua:2: attempt to index field 'a' (a nil value)"},
		{"local t = {}\nreturn t:nope()", "e.lua:2: attempt to call method 'nope' (a nil value)"},
		{"local x = {}\nreturn 1 + x", "e.lua:2: attempt to perform arithmetic on local 'x' (a table value)"},
		{"local function f() return up.x end\nreturn f()", "e.lua:1: attempt to index global 'up' (a nil value)"},
		{"local u\nlocal function f() return u.x end\nreturn f()", "e.lua:2: attempt to index upvalue 'u' (a nil value)"},
	}
	for _, tt := range tests {
		t.Run(tt.msg, func(t *testing.T) {
			for _, optimize := range []bool{true, false} {
				_, err := run(t, "e.lua", []byte(tt.src), compiler.Options{Optimize: optimize})
				require.Error(t, err)
				var re *vm.RuntimeError
				require.ErrorAs(t, err, &re)
				assert.Equal(t, tt.msg, re.Value.AsString())
			}
		})
	}
}

// TestEventFieldsSameResultsBothModes runs a rule reading event fields with
// OpField (Optimize) and with ordinary method calls (plain): the results
// and the error messages must be the same.
func TestEventFieldsSameResultsBothModes(t *testing.T) {
	schema := testSchema{{ID: 1, Name: "exe", Type: vm.TypeString}, {ID: 2, Name: "pid", Type: vm.TypeI64}}
	src := `return function(ev)
  local exe, pid = ev:get_str("exe"), ev:get_i64(2)
  local t = {ev:get_str(1), ev:has_field(3), ev:get_i64(3)}
  return exe, pid, #t, t[2], ev:has_field("pid")
end`
	ev := &vm.Event{Fields: []vm.EventField{
		{ID: 1, Type: vm.TypeString, S: "/tmp/x.sh"},
		{ID: 2, Type: vm.TypeI64, N: 42},
	}}
	var outs []string
	for _, optimize := range []bool{true, false} {
		chunk, err := parser.Parse("rule.lua", []byte(src))
		require.NoError(t, err)
		p, err := compiler.Compile(chunk, compiler.Options{Optimize: optimize, Schema: schema})
		require.NoError(t, err)
		if optimize {
			require.Contains(t, listing(p), "FIELD")
		} else {
			require.NotContains(t, listing(p), "FIELD")
		}
		th := vm.NewThread()
		th.Reset(context.Background(), vm.Limits{})
		res, err := th.Call(vm.ClosureValue(vm.NewClosure(p, vm.NewTable(0, 0))), nil, 1)
		require.NoError(t, err)
		rule := res[0]
		res, err = th.Call(rule, []vm.Value{th.EventValue(ev)}, -1)
		require.NoError(t, err, "Optimize=%v", optimize)
		outs = append(outs, format(res))
	}
	assert.Equal(t, "/tmp/x.sh\t42\t2\tfalse\ttrue", outs[0])
	assert.Equal(t, outs[0], outs[1], "both modes compute the same")
}

// TestRuntimeErrorColumns checks the columns the VM reports from PosTab:
// the "." or "[" of an index, the "(" of a call, the operator of
// arithmetic and comparisons.
func TestRuntimeErrorColumns(t *testing.T) {
	tests := []struct {
		src       string
		line, col int
	}{
		{"local t\nreturn t.x", 2, 9},
		{"local t\nreturn t[1]", 2, 9},
		{"return foo(1)", 1, 11},
		{"local s = {}\nreturn s:m()", 2, 11},
		{"local x = {}\nreturn 1 + x", 2, 10},
		{"local x = {}\nreturn 1 +\n  x", 3, 0}, // Lua's line: the end; the operator is elsewhere
		{"local x = {}\nreturn 1 < x", 2, 10},
		{"local x = {}\nreturn #x .. x", 2, 11},
	}
	for _, tt := range tests {
		t.Run(tt.src, func(t *testing.T) {
			for _, optimize := range []bool{true, false} {
				_, err := run(t, "c.lua", []byte(tt.src), compiler.Options{Optimize: optimize})
				var re *vm.RuntimeError
				require.ErrorAs(t, err, &re)
				assert.Equal(t, [2]int{tt.line, tt.col}, [2]int{re.Line, re.Col}, "%v", err)
			}
		})
	}
}

// TestSetListExtendedBatch builds a constructor with more than
// MaxArgC*FieldsPerFlush items: the last batches do not fit in C, so
// SETLIST has C = 0 and the batch number in the next word.
func TestSetListExtendedBatch(t *testing.T) {
	n := (vm.MaxArgC+1)*vm.FieldsPerFlush + 7
	src := "local t = {" + strings.Repeat("1,", n-1) + "2}\nreturn #t, t[" + strconv.Itoa(n) + "]"
	p := mustCompile(t, src, compiler.Options{})
	var extended []int
	for pc, i := range p.Code {
		if i.Op() == vm.OpSetList && i.C() == 0 {
			extended = append(extended, int(p.Code[pc+1]))
		}
	}
	assert.Equal(t, []int{vm.MaxArgC + 1, vm.MaxArgC + 2}, extended, "batch numbers in the extra word")
	assert.Contains(t, listing(p), "SETLIST  \t0 50 0\t; 512\n", "the listing shows the batch number")
	res, err := run(t, "big.lua", []byte(src), compiler.Options{})
	require.NoError(t, err)
	assert.Equal(t, strconv.Itoa(n)+"\t2", format(res))
}

// TestRuntimeErrorLinesMatchLua51 checks the lines of errors raised by
// constructs spanning several lines: Lua 5.1 reports the line where the
// construct ends (its last token), and so must kestrel-lua.
func TestRuntimeErrorLinesMatchLua51(t *testing.T) {
	tests := []struct{ src, msg string }{
		{"local a\nlocal s = 'x' ..\n  a", "m.lua:3: attempt to concatenate local 'a' (a nil value)"},
		{"local a\nlocal s = 1 +\n  a", "m.lua:3: attempt to perform arithmetic on local 'a' (a nil value)"},
		{"local a\nreturn a\n  .x", "m.lua:3: attempt to index local 'a' (a nil value)"},
		{"local a\na.x = function()\nend", "m.lua:3: attempt to index local 'a' (a nil value)"},
		{"local a\nreturn -\n  a", "m.lua:3: attempt to perform arithmetic on local 'a' (a nil value)"},
		{"local a\nreturn 1 <\n  a", "m.lua:3: attempt to compare number with nil"},
		{"local a\nlocal t = {[a] =\n  1}", "m.lua:3: table index is nil"},
	}
	for _, tt := range tests {
		t.Run(tt.msg, func(t *testing.T) {
			for _, optimize := range []bool{true, false} {
				_, err := run(t, "m.lua", []byte(tt.src), compiler.Options{Optimize: optimize})
				var re *vm.RuntimeError
				require.ErrorAs(t, err, &re)
				assert.Equal(t, tt.msg, re.Value.AsString())
			}
		})
	}
}

// TestFieldSitesOnNonEventsBehaveLikeCalls runs field sites whose receiver
// is not an event: OpField must do what the method call does.
func TestFieldSitesOnNonEventsBehaveLikeCalls(t *testing.T) {
	srcs := []string{
		"local ev\nreturn ev:get_str(1)",
		"local ev = {}\nreturn ev:get_str(1)",
		// FIELD yields exactly one value, so compare in a one-value context.
		"local ev = {get_str = function(self, id) return id * 2, 'extra' end}\nlocal v = ev:get_str(21)\nreturn v",
		"local ev = 'text'\nreturn ev:has_field(1)",
	}
	for _, src := range srcs {
		t.Run(src, func(t *testing.T) {
			var outs []string
			for _, optimize := range []bool{true, false} {
				res, err := run(t, "f.lua", []byte(src+"\n"), compiler.Options{Optimize: optimize})
				if err != nil {
					var re *vm.RuntimeError
					require.ErrorAs(t, err, &re)
					outs = append(outs, "error: "+re.Value.AsString())
				} else {
					outs = append(outs, format(res))
				}
			}
			assert.Equal(t, outs[1], outs[0], "Optimize=true (FIELD) vs plain call")
		})
	}
}
