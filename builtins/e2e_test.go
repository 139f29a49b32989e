package builtins_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kestrel-runtime/lua/builtins"
	"github.com/kestrel-runtime/lua/compiler"
	"github.com/kestrel-runtime/lua/internal/chunkedfile"
	"github.com/kestrel-runtime/lua/parser"
	"github.com/kestrel-runtime/lua/vm"
)

// chunkName is the name scripts run under, on both engines.
const chunkName = "chunk"

// optimize selects the compiler's optimising passes for the tests' loader
// (TestScripts runs both ways; results must be identical).
var optimize = true

// load compiles Lua source into a main closure with environment th.Globals;
// it is the Loader of the conformance profile in these tests. Chunk names
// are shown as 5.1 shows them: cut to MaxSrc in syntax errors, to
// LuaIDSize at run time.
func load(th *vm.Thread, name string, src []byte) (vm.Value, error) {
	chunk, err := parser.Parse(builtins.ChunkID(name, builtins.MaxSrc), src)
	if err != nil {
		return vm.Nil, err
	}
	p, err := compiler.Compile(chunk, compiler.Options{Optimize: optimize})
	if err != nil {
		return vm.Nil, err
	}
	rename(p, builtins.ChunkID(name, builtins.LuaIDSize))
	return vm.ClosureValue(vm.NewClosure(p, th.Globals)), nil
}

// rename sets the chunk name of p and its nested prototypes.
func rename(p *vm.Proto, source string) {
	p.Source = source
	for _, q := range p.Protos {
		rename(q, source)
	}
}

// loadMain compiles a script run as a file (the chunk name is used as is).
func loadMain(th *vm.Thread, name string, src []byte) (vm.Value, error) {
	return load(th, "="+name, src)
}

// env builds globals with every library, the conformance profile included.
func newEnv(t testing.TB) *vm.Table {
	env := vm.NewTable(0, 64)
	err := builtins.Register(env, builtins.Base, builtins.String, builtins.Table, builtins.Math,
		builtins.Detection, builtins.IOWrite, builtins.Conformance{Load: load, ReadFile: os.ReadFile}.Open)
	require.NoError(t, err)
	return env
}

// outcome is what running a chunk gives: its output and error message.
type outcome struct {
	stdout string
	failed bool
	err    string
}

// newThread returns a thread over env writing to out.
func newThread(env *vm.Table, out io.Writer, limits vm.Limits) *vm.Thread {
	th := vm.NewThread()
	th.Reset(context.Background(), limits)
	th.Globals = env
	th.StringMeta = builtins.StringMetatable(env)
	th.Stdout = out
	return th
}

// runKestrel runs src with kestrel-lua and every library.
func runKestrel(t testing.TB, src string, limits vm.Limits) (outcome, *vm.Thread) {
	var out bytes.Buffer
	th := newThread(newEnv(t), &out, limits)
	fn, err := loadMain(th, chunkName, []byte(src))
	if err == nil {
		_, err = th.Call(fn, nil, -1)
	}
	o := outcome{stdout: out.String()}
	if err != nil {
		o.failed = true
		o.err = errorValue(err)
	}
	return o, th
}

// errorValue is the Lua-visible message of err.
func errorValue(err error) string {
	var re *vm.RuntimeError
	if errors.As(err, &re) {
		if re.Value.Kind() == vm.KindString {
			return re.Value.AsString()
		}
		return re.Msg
	}
	var lm interface{ LuaMessage() string }
	if errors.As(err, &lm) {
		return lm.LuaMessage()
	}
	return err.Error()
}

// runReference runs src with lua5.1 as file chunkName in dir.
func runReference(t testing.TB, lua, dir, src string) outcome {
	path := filepath.Join(dir, chunkName)
	require.NoError(t, os.WriteFile(path, []byte(src), 0o644))
	var stdout, stderr bytes.Buffer
	cmd := exec.Command(lua, chunkName)
	cmd.Dir = dir
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	o := outcome{stdout: stdout.String()}
	if err != nil {
		o.failed = true
		msg := strings.TrimPrefix(stderr.String(), lua+": ")
		if i := strings.Index(msg, "\nstack traceback:"); i >= 0 {
			msg = msg[:i]
		}
		o.err = strings.TrimSuffix(msg, "\n")
	}
	return o
}

// TestScripts runs every chunk of testdata/*.lua with kestrel-lua, checks
// its error mark, and compares output and error with lua5.1's when it is
// installed.
func TestScripts(t *testing.T) {
	files, err := filepath.Glob("testdata/*.lua")
	require.NoError(t, err)
	require.NotEmpty(t, files)
	lua, _ := exec.LookPath("lua5.1")
	if lua == "" {
		t.Log("lua5.1 not installed: outputs are not compared with the reference (.ci/run installs it)")
	}
	dir := t.TempDir()
	refs := map[string]outcome{} // lua5.1's outcome by chunk source
	defer func() { optimize = true }()
	for _, opt := range []bool{false, true} {
		optimize = opt
		mode := map[bool]string{false: "plain", true: "optimized"}[opt]
		for _, file := range files {
			chunks, err := chunkedfile.Read(file)
			require.NoError(t, err)
			for i := range chunks {
				c := &chunks[i]
				t.Run(mode+"/"+c.Name(), func(t *testing.T) {
					got, _ := runKestrel(t, c.Source, vm.Limits{Instructions: 50_000_000, MemoryBytes: 256 << 20})
					assert.NoError(t, c.Check(chunkName, got.failed, got.err))
					if lua == "" {
						return
					}
					want, ok := refs[c.Source]
					if !ok {
						want = runReference(t, lua, dir, c.Source)
						refs[c.Source] = want
					}
					require.NoError(t, c.Check(chunkName, want.failed, want.err), "lua5.1 disagrees with the mark: the test is wrong")
					assert.Equal(t, want.stdout, got.stdout, "output differs from lua5.1")
					assert.Equal(t, want.err, got.err, "error differs from lua5.1")
				})
			}
		}
	}
}
