package lua

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/kestrel-runtime/lua/sandbox"
	"github.com/kestrel-runtime/lua/vm"
)

// NativeFunc is a host function that rules may call when Config.EnableFFI
// is set, as module.name(args...). It receives the Lua arguments (valid
// only during the call: copy strings you keep) and returns one result.
// Returning an error raises it as a Lua error at the call site. A panic is
// recovered and becomes an error of that evaluation only.
//
// A NativeFunc runs on the evaluating goroutine, possibly on many
// goroutines at once: it must be safe for concurrent use. It escapes the
// engine's determinism and budgets (only the call itself is metered), which
// is why FFI is off by default.
type NativeFunc func(args []vm.Value) (vm.Value, error)

// ErrEngineInUse is returned by RegisterModule after the engine has loaded
// or evaluated a rule.
var ErrEngineInUse = errors.New("modules must be registered before the first rule is loaded")

// RegisterModule makes funcs callable from rules as name.fn(...) when
// Config.EnableFFI is set (with FFI disabled they stay invisible, and
// touching the module raises "native access (FFI) is disabled"). It must
// be called before the first rule is loaded or evaluated. name and the
// function names must be identifiers not already used by a library.
func (e *Engine) RegisterModule(name string, funcs map[string]NativeFunc) error {
	e.setupMu.Lock()
	defer e.setupMu.Unlock()
	if e.env.Load() != nil {
		return ErrEngineInUse
	}
	if !isIdentifier(name) {
		return fmt.Errorf("module name %q is not an identifier", name)
	}
	for _, m := range e.modules {
		if m.Name == name {
			return fmt.Errorf("module %q registered twice", name)
		}
	}
	names := make([]string, 0, len(funcs))
	for fn := range funcs {
		if !isIdentifier(fn) {
			return fmt.Errorf("module %s: function name %q is not an identifier", name, fn)
		}
		names = append(names, fn)
	}
	slices.Sort(names) // the table is built in a fixed order
	mod := sandbox.Module{Name: name}
	for _, fn := range names {
		mod.Funcs = append(mod.Funcs, wrapNative(name+"."+fn, funcs[fn]))
	}
	e.modules = append(e.modules, mod)
	return nil
}

// wrapNative turns a NativeFunc into a vm.GoFunction that recovers panics.
func wrapNative(qualified string, fn NativeFunc) *vm.GoFunction {
	short := qualified[strings.LastIndexByte(qualified, '.')+1:]
	return vm.NewGoFunction(short, func(th *vm.Thread, args []vm.Value) (n int, err error) {
		defer func() {
			if p := recover(); p != nil {
				err = th.Errorf("native function '%s' panicked: %v", qualified, p)
			}
		}()
		v, err := fn(args)
		if err != nil {
			var re *vm.RuntimeError
			if errors.As(err, &re) {
				return 0, err
			}
			return 0, th.Errorf("%s", err.Error())
		}
		th.Push(v)
		return 1, nil
	})
}
