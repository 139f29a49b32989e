package lua

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/kestrel-runtime/lua/builtins"
	"github.com/kestrel-runtime/lua/compiler"
	"github.com/kestrel-runtime/lua/parser"
	"github.com/kestrel-runtime/lua/sandbox"
	"github.com/kestrel-runtime/lua/vm"
)

// Profile selects the libraries a script run by [Exec] sees.
type Profile int

const (
	// ProfileSandbox gives the rules' environment: the subset libraries
	// and the detection builtins, print to ExecOptions.Stdout, and no
	// io, os, load... (reading them raises "native access (FFI) is
	// disabled"). Unlike a rule, a script may define globals.
	ProfileSandbox Profile = iota
	// ProfileConformance adds what the Lua 5.1 test suite needs:
	// loadstring, load, dofile (reading the host's files), setfenv,
	// getfenv, math.mod, table.getn, table.setn, string.gfind, unpack,
	// io.write, and the implicit "arg" table of vararg functions. It is
	// not a sandbox: never run untrusted code with it.
	ProfileConformance
)

// String returns "sandbox" or "conformance".
func (p Profile) String() string {
	if p == ProfileConformance {
		return "conformance"
	}
	return "sandbox"
}

// ParseProfile returns the profile named "sandbox" or "conformance".
func ParseProfile(name string) (Profile, error) {
	switch name {
	case "sandbox":
		return ProfileSandbox, nil
	case "conformance":
		return ProfileConformance, nil
	}
	return 0, fmt.Errorf("unknown profile %q (want sandbox or conformance)", name)
}

// ExecOptions configures [Exec].
type ExecOptions struct {
	Profile Profile
	// Path names the script: it is the chunk name in messages and arg[0].
	// If Source is nil, the script is read from Path.
	Path   string
	Source []byte
	// Args are the script's arguments: arg[1], arg[2], ... and the main
	// chunk's "...".
	Args []string
	// Stdout receives print and io.write output; nil discards it.
	Stdout io.Writer
	// InstructionLimit and MemoryLimitKB bound the whole run; 0 means
	// unlimited.
	InstructionLimit int64
	MemoryLimitKB    int64
	// NoOptimize compiles plain Lua 5.1 bytecode (Config.EnableJIT off).
	NoOptimize bool
}

// ExecResult reports the resources a run used.
type ExecResult struct {
	Instructions int64 // instruction units executed
	MemoryBytes  int64 // bytes charged
}

// Exec runs a whole Lua script the way the lua5.1 interpreter runs a file:
// a fresh environment of the chosen profile, the global table arg
// (arg[0] = Path, arg[1..] = Args, arg[-1] = "kestrel-lua"), the
// arguments also passed as the main chunk's "...", output to
// opts.Stdout. It returns the first error: *parser.SyntaxError,
// *compiler.Error, *vm.RuntimeError (with a Traceback when no pcall
// caught it; LuaMessage gives lua5.1's text), or a limit error
// (errors.Is ErrInstructionLimit / ErrMemoryLimit), or a
// *vm.CanceledError when ctx ends.
func Exec(ctx context.Context, opts ExecOptions) (ExecResult, error) {
	if opts.InstructionLimit < 0 || opts.MemoryLimitKB < 0 {
		return ExecResult{}, fmt.Errorf("%w: negative limit", ErrInvalidConfig)
	}
	src := opts.Source
	if src == nil {
		var err error
		if src, err = os.ReadFile(opts.Path); err != nil {
			return ExecResult{}, err
		}
	}
	chunkname := "@" + opts.Path // as lua5.1 names a script file
	copts := compiler.Options{Optimize: !opts.NoOptimize, CompatVarargArg: opts.Profile == ProfileConformance}
	sopts := sandbox.Options{Profile: sandbox.ProfileSandbox}
	if opts.Profile == ProfileConformance {
		sopts.Profile = sandbox.ProfileConformance
		sopts.Conformance = builtins.Conformance{Load: Loader(copts), ReadFile: os.ReadFile}
	}
	env, err := sandbox.New(sopts)
	if err != nil {
		return ExecResult{}, err
	}

	proto, err := loadChunk(chunkname, src, copts)
	if err != nil {
		return ExecResult{}, err
	}
	globals := env.RuleEnv() // a mutable copy in the sandbox; the globals themselves in conformance
	th := vm.NewThread()
	env.Setup(th)
	th.Globals = globals
	th.Stdout = opts.Stdout
	th.Reset(ctx, vm.Limits{Instructions: opts.InstructionLimit, MemoryBytes: opts.MemoryLimitKB * 1024})

	argt := vm.NewTable(len(opts.Args), 2)
	args := make([]vm.Value, len(opts.Args))
	for i, a := range opts.Args {
		args[i] = vm.String(a)
		if err := argt.SetInt(nil, int64(i+1), args[i]); err != nil {
			return ExecResult{}, err
		}
	}
	if err := errors.Join(argt.SetInt(nil, 0, vm.String(opts.Path)), argt.SetInt(nil, -1, vm.String("kestrel-lua")),
		globals.SetStr(nil, "arg", vm.TableValue(argt))); err != nil {
		return ExecResult{}, err
	}

	_, err = th.Call(vm.ClosureValue(vm.NewClosure(proto, globals)), args, 0)
	m := th.Meter()
	return ExecResult{Instructions: m.Instructions(), MemoryBytes: m.Bytes()}, err
}

func compileChunk(chunkname string, src []byte, opts compiler.Options) (*vm.Proto, error) {
	chunk, err := parser.Parse(chunkname, src)
	if err != nil {
		return nil, err
	}
	return compiler.Compile(chunk, opts)
}

// loadChunk compiles src named by a Lua 5.1 chunk name ("@file", "=name"
// or the source itself), showing it as lua5.1 does: syntax and compile
// errors use the MAXSRC form of the name, runtime errors (Proto.Source)
// the LUA_IDSIZE form.
func loadChunk(chunkname string, src []byte, opts compiler.Options) (*vm.Proto, error) {
	p, err := compileChunk(builtins.ChunkID(chunkname, builtins.MaxSrc), src, opts)
	if err != nil {
		return nil, err
	}
	if short := builtins.ChunkID(chunkname, builtins.LuaIDSize); short != p.Source {
		setSource(p, short)
	}
	return p, nil
}

// setSource renames a freshly compiled prototype tree (not yet shared).
func setSource(p *vm.Proto, name string) {
	p.Source = name
	for _, q := range p.Protos {
		setSource(q, name)
	}
}

// Loader returns the builtins.Loader of the conformance profile (used by
// loadstring, load and dofile): it parses and compiles with opts and
// closes the function over the running thread's globals.
func Loader(opts compiler.Options) builtins.Loader {
	return func(th *vm.Thread, chunkname string, src []byte) (vm.Value, error) {
		p, err := loadChunk(chunkname, src, opts)
		if err != nil {
			return vm.Nil, err
		}
		return vm.ClosureValue(vm.NewClosure(p, th.Globals)), nil
	}
}
