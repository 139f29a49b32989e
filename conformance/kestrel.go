package conformance

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"time"

	lua "github.com/kestrel-runtime/lua"
	"github.com/kestrel-runtime/lua/vm"
)

// An Engine runs a whole program and reports its outcome.
type Engine interface {
	// RunSource runs src as a main chunk named chunkName, in the
	// conformance profile, and returns the outcome with chunkName
	// normalised in the error message.
	RunSource(ctx context.Context, chunkName string, src []byte) (Outcome, error)
	// RunFile runs the file path (relative to dir, which must be the
	// working directory) as `lua5.1 path` does, in the conformance
	// profile.
	RunFile(ctx context.Context, dir, path string) (Outcome, error)
}

// Kestrel runs programs with kestrel-lua's [lua.Exec] in the conformance
// profile.
type Kestrel struct {
	// Limits of one run; 0 means unlimited. The conformance tests set a
	// generous memory limit so that a runaway program fails instead of
	// exhausting the machine.
	InstructionLimit int64
	MemoryLimitKB    int64
	// NoOptimize runs plain bytecode (the optimiser off).
	NoOptimize bool
	// Sandbox runs in the rules' sandbox profile instead of the
	// conformance profile (RunFile and programs that need loadstring,
	// setfenv or io.write then fail).
	Sandbox bool

	// Last is the resource use of the most recent run (not safe for
	// concurrent runs; tests read it after a run).
	Last lua.ExecResult
}

// RunSource implements [Engine].
func (k *Kestrel) RunSource(ctx context.Context, chunkName string, src []byte) (Outcome, error) {
	return k.run(ctx, chunkName, src)
}

// RunFile implements [Engine].
func (k *Kestrel) RunFile(ctx context.Context, dir, path string) (Outcome, error) {
	if !filepath.IsAbs(path) && dir != "" {
		// Exec reads Path relative to the working directory, which the
		// caller has set to dir; the chunk name stays path as given.
		_ = dir
	}
	return k.run(ctx, path, nil)
}

// cancelGrace is how long run waits for Exec to return after ctx ends
// before giving up on it.
const cancelGrace = 5 * time.Second

// ErrNotCanceled reports that Exec did not return within cancelGrace after
// its context ended (a bug: the engine must notice cancellation).
var ErrNotCanceled = errors.New("kestrel-lua did not stop after its context ended")

func (k *Kestrel) run(ctx context.Context, chunkName string, src []byte) (Outcome, error) {
	// Exec runs in its own goroutine so that an engine that ignores
	// cancellation fails the test instead of hanging it (the goroutine is
	// then abandoned).
	var stdout bytes.Buffer
	var err error
	done := make(chan struct{})
	go func() {
		defer close(done)
		profile := lua.ProfileConformance
		if k.Sandbox {
			profile = lua.ProfileSandbox
		}
		k.Last, err = lua.Exec(ctx, lua.ExecOptions{
			Profile:          profile,
			Path:             chunkName,
			Source:           src,
			Stdout:           &stdout,
			InstructionLimit: k.InstructionLimit,
			MemoryLimitKB:    k.MemoryLimitKB,
			NoOptimize:       k.NoOptimize,
		})
	}()
	select {
	case <-done:
	case <-ctx.Done():
		select {
		case <-done:
		case <-time.After(cancelGrace):
			return Outcome{}, fmt.Errorf("%s: %w (%v)", chunkName, ErrNotCanceled, ctx.Err())
		}
	}
	out := Outcome{Stdout: stdout.String()}
	if err == nil {
		return out, nil
	}
	msg, compile, ok := luaMessage(err)
	if !ok {
		// Not a Lua error: a limit, cancellation or I/O failure. Report it
		// as an outcome that cannot match lua5.1's, so the test shows it.
		out.Failed = true
		out.Error = fmt.Sprintf("<kestrel-lua host error: %v>", err)
		if ctx.Err() != nil {
			return out, fmt.Errorf("%s: %w", chunkName, err)
		}
		return out, nil
	}
	out.Failed = true
	out.Compile = compile
	out.Error = NormalizeError(msg, chunkName)
	return out, nil
}

// luaMessage returns the message Lua code would see for err (as lua.c
// reports it), and whether err was a compile error.
func luaMessage(err error) (msg string, compile, ok bool) {
	var re *vm.RuntimeError
	if errors.As(err, &re) {
		switch re.Value.Kind() {
		case vm.KindString, vm.KindInt, vm.KindFloat:
			return re.LuaMessage(), false, true
		}
		return "(error object is a " + re.Value.TypeName() + " value)", false, true
	}
	var lm interface{ LuaMessage() string }
	if errors.As(err, &lm) {
		return lm.LuaMessage(), true, true
	}
	return "", false, false
}
