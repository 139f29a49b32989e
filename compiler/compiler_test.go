package compiler_test

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kestrel-runtime/lua/compiler"
	"github.com/kestrel-runtime/lua/parser"
	"github.com/kestrel-runtime/lua/vm"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// compile parses and compiles src.
func compile(t testing.TB, src string, opts compiler.Options) (*vm.Proto, error) {
	t.Helper()
	chunk, err := parser.Parse("test.lua", []byte(src))
	require.NoError(t, err, "parse")
	return compiler.Compile(chunk, opts)
}

func mustCompile(t testing.TB, src string, opts compiler.Options) *vm.Proto {
	t.Helper()
	p, err := compile(t, src, opts)
	require.NoError(t, err)
	return p
}

// listing returns the disassembly of p.
func listing(p *vm.Proto) string {
	var b bytes.Buffer
	vm.Disassemble(&b, p)
	return b.String()
}

// ops returns the opcode names of p's code, space-separated.
func ops(p *vm.Proto) string {
	var names []string
	for _, i := range p.Code {
		names = append(names, i.Op().String())
	}
	return strings.Join(names, " ")
}

// TestGolden compiles every testdata/*.lua file (except the error scripts)
// and compares the disassembly with testdata/NAME.golden. The listing is
// the full one (constants, locals with pc ranges, upvalues) of the
// optimized code, followed by the plain one when it differs. Run
// `go test ./compiler -update` to rewrite the golden files.
func TestGolden(t *testing.T) {
	files, err := filepath.Glob("testdata/*.lua")
	require.NoError(t, err)
	require.NotEmpty(t, files)
	for _, file := range files {
		if strings.HasPrefix(filepath.Base(file), "errors") {
			continue
		}
		t.Run(filepath.Base(file), func(t *testing.T) {
			src, err := os.ReadFile(file)
			require.NoError(t, err)
			chunk, err := parser.Parse(filepath.Base(file), src)
			require.NoError(t, err)
			opt, err := compiler.Compile(chunk, compiler.Options{Optimize: true})
			require.NoError(t, err)
			plain, err := compiler.Compile(chunk, compiler.Options{})
			require.NoError(t, err)
			got := fullListing(opt)
			if p := fullListing(plain); p != got {
				got += "\n-- Optimize=false\n" + p
			}
			golden := strings.TrimSuffix(file, ".lua") + ".golden"
			if *update {
				require.NoError(t, os.WriteFile(golden, []byte(got), 0o644))
				return
			}
			want, err := os.ReadFile(golden)
			require.NoError(t, err, "missing golden file: run go test ./compiler -update")
			assert.Equal(t, string(want), got, "listing of %s differs from %s", file, golden)
		})
	}
}

// checkInvariants verifies properties every prototype must have.
func checkInvariants(t *testing.T, p *vm.Proto) {
	t.Helper()
	assert.Len(t, p.PosTab, len(p.Code), "one position per instruction")
	assert.GreaterOrEqual(t, p.MaxStackSize, 2)
	assert.LessOrEqual(t, p.MaxStackSize, compiler.MaxRegisters)
	for _, lv := range p.LocVars {
		assert.LessOrEqual(t, lv.StartPC, lv.EndPC, "local %s range", lv.Name)
		assert.LessOrEqual(t, lv.EndPC, len(p.Code))
	}
	require.NotEmpty(t, p.Code)
	assert.Equal(t, vm.OpReturn, p.Code[len(p.Code)-1].Op(), "a function ends with RETURN")
	for _, q := range p.Protos {
		checkInvariants(t, q)
	}
}

func TestMainChunkIsVarargWithoutParams(t *testing.T) {
	p := mustCompile(t, "local a = ...\nreturn a", compiler.Options{})
	assert.True(t, p.IsVararg)
	assert.Equal(t, 0, p.NumParams)
	assert.Equal(t, 0, p.LineDefined)
	assert.Equal(t, "test.lua", p.Source)
	assert.Equal(t, "VARARG RETURN RETURN", ops(p))
	checkInvariants(t, p)
}

func TestConstantFolding(t *testing.T) {
	tests := []struct {
		src       string
		optimized string // opcodes with Optimize
		plain     string // opcodes without
		k         []vm.Value
	}{
		{"return 1 + 2", "LOADK RETURN RETURN", "ADD RETURN RETURN", []vm.Value{vm.Int(3)}},
		{"return 2 * 3 - 1", "LOADK RETURN RETURN", "MUL SUB RETURN RETURN", []vm.Value{vm.Int(5)}},
		{"return 7 / 2", "LOADK RETURN RETURN", "DIV RETURN RETURN", []vm.Value{vm.Float(3.5)}},
		{"return -5 % 3", "LOADK RETURN RETURN", "LOADK UNM MOD RETURN RETURN", []vm.Value{vm.Int(1)}},
		{"return 2 ^ 10", "LOADK RETURN RETURN", "POW RETURN RETURN", []vm.Value{vm.Float(1024)}},
		// Never folded: division and modulo by zero, NaN, negative zero.
		{"return 1 / 0", "DIV RETURN RETURN", "DIV RETURN RETURN", nil},
		{"return 1 % 0", "MOD RETURN RETURN", "MOD RETURN RETURN", nil},
		{"return -0.0", "LOADK UNM RETURN RETURN", "LOADK UNM RETURN RETURN", nil},
		// Integer overflow gives the float result, as the VM does.
		{"return 9223372036854775807 + 1", "LOADK RETURN RETURN", "ADD RETURN RETURN", []vm.Value{vm.Float(9223372036854775808)}},
		// Not numbers: nothing to fold.
		{`return "1" + 2`, "ADD RETURN RETURN", "ADD RETURN RETURN", nil},
	}
	for _, tt := range tests {
		t.Run(tt.src, func(t *testing.T) {
			p := mustCompile(t, tt.src, compiler.Options{Optimize: true})
			assert.Equal(t, tt.optimized, ops(p))
			if tt.k != nil {
				assert.Equal(t, tt.k, p.Consts)
			}
			q := mustCompile(t, tt.src, compiler.Options{})
			assert.Equal(t, tt.plain, ops(q))
		})
	}
}

func TestTableSizeHints(t *testing.T) {
	tests := []struct {
		src  string
		b, c int
	}{
		{"return {}", 0, 0},
		{"return {1, 2, 3}", 3, 0},
		{"return {x = 1, y = 2}", 0, 2},
		{"return {1, 2, f()}", 2, 0},
		// 100 items: luaO_int2fb(100) = 37, that is (8+5) * 2^3 = 104 >= 100.
		{"return {" + strings.Repeat("1,", 100) + "}", 37, 0},
	}
	for _, tt := range tests {
		t.Run(tt.src[:min(len(tt.src), 20)], func(t *testing.T) {
			p := mustCompile(t, tt.src, compiler.Options{})
			i := p.Code[0]
			require.Equal(t, vm.OpNewTable, i.Op())
			assert.Equal(t, tt.b, i.B(), "array size hint")
			assert.Equal(t, tt.c, i.C(), "hash size hint")
		})
	}
}

func TestSetListBatches(t *testing.T) {
	p := mustCompile(t, "return {"+strings.Repeat("1,", 120)+"}", compiler.Options{})
	var batches [][2]int
	for _, i := range p.Code {
		if i.Op() == vm.OpSetList {
			batches = append(batches, [2]int{i.B(), i.C()})
		}
	}
	assert.Equal(t, [][2]int{{50, 1}, {50, 2}, {20, 3}}, batches)

	p = mustCompile(t, "return {1, 2, ...}", compiler.Options{})
	assert.Equal(t, "NEWTABLE LOADK LOADK VARARG SETLIST RETURN RETURN", ops(p))
	assert.Equal(t, 0, p.Code[4].B(), "SETLIST B=0 stores up to the stack top")
}

func TestTailCall(t *testing.T) {
	p := mustCompile(t, "return f(1)", compiler.Options{})
	assert.Equal(t, "GETGLOBAL LOADK TAILCALL RETURN RETURN", ops(p))
	p = mustCompile(t, "return (f(1))", compiler.Options{})
	assert.Equal(t, "GETGLOBAL LOADK CALL RETURN RETURN", ops(p))
}

func TestMethodCallUsesSelf(t *testing.T) {
	p := mustCompile(t, "local s = 'x'\nreturn s:upper()", compiler.Options{Optimize: true})
	assert.Equal(t, "LOADK SELF TAILCALL RETURN RETURN", ops(p))
}

func TestFunctionNames(t *testing.T) {
	p := mustCompile(t, `
function a.b.c:m() end
local function helper() end
function g() end
local anon = function() end
`, compiler.Options{})
	require.Len(t, p.Protos, 4)
	assert.Equal(t, "a.b.c:m", p.Protos[0].Name)
	assert.Equal(t, 1, p.Protos[0].NumParams, "methods get self")
	assert.Equal(t, "self", p.Protos[0].LocVars[0].Name)
	assert.Equal(t, "helper", p.Protos[1].Name)
	assert.Equal(t, "g", p.Protos[2].Name)
	assert.Equal(t, "", p.Protos[3].Name)
	assert.Equal(t, 2, p.Protos[0].LineDefined)
	checkInvariants(t, p)
}

func TestUpvalues(t *testing.T) {
	p := mustCompile(t, `
local x = 1
local function f()
  local function g() return x end
  return g
end
`, compiler.Options{})
	f := p.Protos[0]
	g := f.Protos[0]
	assert.Equal(t, []vm.UpvalDesc{{Name: "x", InStack: true, Index: 0}}, f.Upvals)
	assert.Equal(t, []vm.UpvalDesc{{Name: "x", InStack: false, Index: 0}}, g.Upvals)
	assert.Equal(t, "GETUPVAL RETURN RETURN", ops(g))
}

func TestLoopClosuresCloseEachIteration(t *testing.T) {
	p := mustCompile(t, `
local fs = {}
for i = 1, 3 do
  local j = i
  fs[i] = function() return j end
end
while true do
  local k = 1
  fs[k] = function() return k end
  if k then break end
end
`, compiler.Options{})
	n := strings.Count(ops(p), "CLOSE")
	assert.Equal(t, 3, n, "CLOSE at the end of each body and before break: %s", ops(p))
}

func TestCompatVarargArg(t *testing.T) {
	src := `
function f(a, ...) return arg end
function g(...) return ... end
`
	p := mustCompile(t, src, compiler.Options{CompatVarargArg: true})
	f, g := p.Protos[0], p.Protos[1]
	assert.True(t, f.NeedsArg)
	assert.Equal(t, 1, f.NumParams)
	assert.Equal(t, "arg", f.LocVars[1].Name, "arg is the local after the parameters")
	assert.Equal(t, "RETURN RETURN", ops(f))
	assert.Equal(t, 1, f.Code[0].A(), "arg is returned from its register")
	assert.False(t, g.NeedsArg, "a body using ... gets no arg table")
	assert.False(t, p.NeedsArg, "the main chunk never has arg")

	p = mustCompile(t, src, compiler.Options{})
	assert.False(t, p.Protos[0].NeedsArg)
	assert.Equal(t, "GETGLOBAL RETURN RETURN", ops(p.Protos[0]), "without compat, arg is a global")
}

func TestMultipleAssignmentConflict(t *testing.T) {
	// a[i], i = 1, 2 must index a with the old i: the compiler copies i.
	p := mustCompile(t, "local a, i = {}, 1\na[i], i = 10, 20", compiler.Options{})
	assert.Equal(t, "NEWTABLE LOADK MOVE LOADK LOADK SETTABLE RETURN", ops(p))
	set := p.Code[5]
	assert.Equal(t, 2, set.B(), "SETTABLE uses the copy of i")
}

func TestRepeatUntilSeesBodyLocals(t *testing.T) {
	p := mustCompile(t, "repeat local x = f() until x", compiler.Options{})
	assert.Equal(t, "GETGLOBAL CALL TEST JMP RETURN", ops(p))
	p = mustCompile(t, "repeat local x = f(); g(function() return x end) until x", compiler.Options{})
	assert.Contains(t, ops(p), "TEST JMP CLOSE JMP CLOSE JMP")
}

func TestPositions(t *testing.T) {
	src := "local a, b = 1, 2\nlocal c = a +\n  b\nprint (c)\nc = a.x\nreturn a - b"
	p := mustCompile(t, src, compiler.Options{})
	find := func(op vm.Opcode) vm.Pos {
		for pc, i := range p.Code {
			if i.Op() == op {
				return p.PosTab[pc]
			}
		}
		t.Fatalf("no %v", op)
		return vm.Pos{}
	}
	assert.Equal(t, vm.Pos{Line: 3}, find(vm.OpAdd), "arithmetic spanning lines: Lua 5.1's line (the end), no column")
	assert.Equal(t, int32(4), find(vm.OpCall).Line)
	assert.Equal(t, vm.Pos{Line: 5, Col: 6}, find(vm.OpGetTable), "indexing at the dot")
	assert.Equal(t, vm.Pos{Line: 6, Col: 10}, find(vm.OpSub), "arithmetic at its operator")
}

// TestCompileConcurrently compiles the same chunk from several goroutines
// (the compiler reuses pooled scratch buffers): every result must be the
// same, and `go test -race` must stay quiet.
func TestCompileConcurrently(t *testing.T) {
	src, err := os.ReadFile("testdata/luac/closures.lua")
	require.NoError(t, err)
	chunk, err := parser.Parse("closures.lua", src)
	require.NoError(t, err)
	want, err := compiler.Compile(chunk, compiler.Options{Optimize: true})
	require.NoError(t, err)
	wantListing := fullListing(want)
	results := make(chan string, 8)
	for range 8 {
		go func() {
			var last string
			for range 20 {
				p, err := compiler.Compile(chunk, compiler.Options{Optimize: true})
				if err != nil {
					last = err.Error()
					break
				}
				last = fullListing(p)
			}
			results <- last
		}()
	}
	for range 8 {
		assert.Equal(t, wantListing, <-results)
	}
	assert.Equal(t, wantListing, fullListing(want), "earlier results are not modified by later compilations")
}

// TestFieldSitesBeyondOperandRangeFallBackToCalls checks that a function
// with more distinct field references than OpField's C operand can name
// compiles the extra ones as ordinary method calls.
func TestFieldSitesBeyondOperandRangeFallBackToCalls(t *testing.T) {
	var sb strings.Builder
	sb.WriteString("local ev = ...\n")
	n := compiler.MaxFieldSites + 8
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&sb, "x = ev:get_i64(%d)\n", i)
	}
	sb.WriteString("y = ev:get_i64(1)\n") // a reference already listed: FIELD
	p := mustCompile(t, sb.String(), compiler.Options{Optimize: true})
	assert.Len(t, p.Fields, compiler.MaxFieldSites)
	assert.Equal(t, compiler.MaxFieldSites+1, strings.Count(ops(p), "FIELD"))
	assert.Equal(t, 8, strings.Count(ops(p), "SELF"))
	checkInvariants(t, p)
}
