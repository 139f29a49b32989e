// Package sandbox composes the builtin libraries into the global
// environments of kestrel-lua's three profiles, and enforces what a rule
// may touch.
//
// # Profiles
//
//   - [ProfileSandbox] (Config.EnableFFI = false, the default): the Lua 5.1
//     subset libraries (base, string, table, math) plus the detection
//     builtins (string.contains, string.startswith, string.endswith,
//     string.glob_match, regex.match, alert.emit). Nothing that reaches the
//     host: io, os, debug, load, loadstring, loadfile, dofile, require,
//     module, package, string.dump, setfenv, getfenv, collectgarbage,
//     gcinfo, newproxy and coroutine are absent.
//   - [ProfileFFI] (Config.EnableFFI = true): the same, plus the native Go
//     modules the host registered ([Module]), and nothing else.
//   - [ProfileConformance] (the exec command and the upstream test suite):
//     the subset plus the compatibility functions the Lua 5.1 tests use
//     (loadstring, load, dofile, setfenv, getfenv, math.mod, table.getn,
//     string.gfind, unpack, io.write to the run's output, the arg table).
//     It is not a sandbox and is never used for rules.
//
// # Enforcement
//
// Absent names are not merely nil: a rule reading one gets an error that
// says why, e.g.
//
//	io.popen('rm -rf /')
//	--> rule.lua:1: native access (FFI) is disabled: 'io' is not available in the sandbox
//
// The check is done at run time, by an __index metamethod on the rule's
// environment (and on the string library, for string.dump) that raises for
// the known forbidden names and returns nil for any other missing name, as
// plain Lua would. A compile-time check would miss dynamic accesses such
// as _G["i".."o"] and rawget(_G, "io"); the metamethod only runs when a
// global is missing, so it costs nothing on the hot path. rawget cannot
// reach a forbidden value either, because none is ever stored.
//
// # Sharing
//
// In the sandbox and FFI profiles, the globals and every library table are
// frozen (vm.Table.FreezeDeep) once built, so one [Env] is shared by every
// rule and goroutine of an engine (and, without native modules, by every
// engine of the process). Each rule's main chunk runs in its own
// environment table ([Env.RuleEnv]): a copy of the globals, so that a
// rule's top-level definitions do not leak into other rules, which the
// engine freezes after the main chunk has run. A rule that left its copy
// exactly as it found it, and never holds it as a value, is moved back to
// the shared globals and its copy dropped (the root package's
// shareGlobals): it cannot tell the difference, and an engine of
// thousands of rules does not keep thousands of copies.
package sandbox

import (
	"fmt"
	"slices"

	"github.com/kestrel-runtime/lua/builtins"
	"github.com/kestrel-runtime/lua/vm"
)

// Profile selects the libraries of an environment.
type Profile int

// The profiles.
const (
	ProfileSandbox     Profile = iota // rules, FFI disabled
	ProfileFFI                        // rules, FFI enabled: plus registered native modules
	ProfileConformance                // whole scripts and the Lua 5.1 test suite; not a sandbox
)

func (p Profile) String() string {
	switch p {
	case ProfileSandbox:
		return "sandbox"
	case ProfileFFI:
		return "ffi"
	case ProfileConformance:
		return "conformance"
	}
	return fmt.Sprintf("Profile(%d)", int(p))
}

// Forbidden lists the globals that are absent from the sandbox and FFI
// profiles and raise an explanatory error when read. Sorted.
var Forbidden = []string{
	"collectgarbage", "coroutine", "debug", "dofile", "gcinfo", "getfenv", "io", "load",
	"loadfile", "loadstring", "module", "newproxy", "os", "package", "require", "setfenv",
}

// ForbiddenString lists the string library functions absent from the
// sandbox and FFI profiles.
var ForbiddenString = []string{"dump"}

// Module is a native module: a global table of Go functions, registered by
// the host and visible only in the FFI profile.
type Module struct {
	Name  string
	Funcs []*vm.GoFunction // each named by its field name
}

// Options configures [New].
type Options struct {
	Profile Profile
	// Modules are the host's native modules. In the FFI profile they
	// become globals; in the sandbox profile their names raise "native
	// access (FFI) is disabled".
	Modules []Module
	// Conformance configures the conformance profile's extra functions
	// (its Load hook is required in that profile).
	Conformance builtins.Conformance
}

// Env is a built environment: the globals and the string metatable.
type Env struct {
	profile    Profile
	globals    *vm.Table
	stringMeta *vm.Table
	guard      *vm.Table // metatable of rule environments; nil in the conformance profile
}

// New builds the environment of a profile.
func New(opts Options) (*Env, error) {
	g := vm.NewTable(0, 64)
	libs := []builtins.Lib{builtins.Base, builtins.String, builtins.Table, builtins.Math}
	if opts.Profile == ProfileConformance {
		libs = append(libs, opts.Conformance.Open, builtins.IOWrite)
	}
	libs = append(libs, builtins.Detection)
	if err := builtins.Register(g, libs...); err != nil {
		return nil, err
	}
	e := &Env{profile: opts.Profile, globals: g}
	if opts.Profile == ProfileConformance {
		e.stringMeta = builtins.StringMetatable(g)
		if err := vm.NumberObjects(g, e.stringMeta); err != nil {
			return nil, err
		}
		return e, nil
	}

	for _, name := range Forbidden { // in case a library installed one
		if err := g.SetStr(nil, name, vm.Nil); err != nil {
			return nil, err
		}
	}
	names := map[string]bool{}
	for _, m := range opts.Modules {
		if names[m.Name] || !g.GetStr(m.Name).IsNil() {
			return nil, fmt.Errorf("sandbox: module name %q is already taken", m.Name)
		}
		names[m.Name] = true
		if opts.Profile != ProfileFFI {
			continue
		}
		t := vm.NewTable(0, len(m.Funcs))
		for _, f := range m.Funcs {
			if err := t.SetStr(nil, f.Name, vm.FunctionValue(f)); err != nil {
				return nil, err
			}
		}
		if err := g.SetStr(nil, m.Name, vm.TableValue(t)); err != nil {
			return nil, err
		}
	}

	// Guards: the rule environments' metatable and the string library's.
	var moduleNames []string
	if opts.Profile == ProfileSandbox {
		for _, m := range opts.Modules {
			moduleNames = append(moduleNames, m.Name)
		}
	}
	e.guard = guardTable(opts.Profile, "", append(slices.Clone(Forbidden), moduleNames...))
	if s := g.GetStr("string"); s.Kind() == vm.KindTable {
		st := s.AsTable()
		for _, name := range ForbiddenString {
			if err := st.SetStr(nil, name, vm.Nil); err != nil {
				return nil, err
			}
		}
		st.SetMetatable(guardTable(opts.Profile, "string.", ForbiddenString))
	}
	g.SetMetatable(e.guard)
	e.stringMeta = builtins.StringMetatable(g)
	// Library objects get ids from their place in the environment, not
	// from how many environments the process built before (tostring).
	if err := vm.NumberObjects(g, e.stringMeta); err != nil {
		return nil, err
	}
	g.FreezeDeep()
	if e.stringMeta != nil {
		e.stringMeta.FreezeDeep()
	}
	return e, nil
}

// ForbiddenMessage is the error message for reading a forbidden name
// (qualified, e.g. "io" or "string.dump") in a profile.
func ForbiddenMessage(p Profile, name string) string {
	if p == ProfileFFI {
		return fmt.Sprintf("'%s' is not available in the sandbox (FFI exposes only the host's registered native modules)", name)
	}
	return fmt.Sprintf("native access (FFI) is disabled: '%s' is not available in the sandbox", name)
}

// guardTable returns a frozen metatable whose __index raises for the given
// names (prefixed for the message) and yields nil for any other key.
func guardTable(p Profile, prefix string, names []string) *vm.Table {
	set := map[string]string{}
	for _, n := range names {
		set[n] = ForbiddenMessage(p, prefix+n)
	}
	index := vm.NewGoFunction("__index", func(th *vm.Thread, args []vm.Value) (int, error) {
		if len(args) >= 2 && args[1].Kind() == vm.KindString {
			if msg, ok := set[args[1].AsString()]; ok {
				return 0, th.Errorf("%s", msg)
			}
		}
		th.Push(vm.Nil)
		return 1, nil
	})
	mt := vm.NewTable(0, 1)
	mt.SetStr(nil, "__index", vm.FunctionValue(index))
	mt.FreezeDeep()
	return mt
}

// Profile returns the environment's profile.
func (e *Env) Profile() Profile { return e.profile }

// Globals returns the global table (frozen, except in the conformance
// profile).
func (e *Env) Globals() *vm.Table { return e.globals }

// StringMeta returns the metatable of strings.
func (e *Env) StringMeta() *vm.Table { return e.stringMeta }

// Setup prepares a thread to run code of this environment: the string
// metatable and the global table.
func (e *Env) Setup(th *vm.Thread) {
	th.StringMeta = e.stringMeta
	th.Globals = e.globals
}

// RuleEnv returns a new environment table for one rule: a copy of the
// globals whose _G is itself, with the guard metatable. It is mutable so
// that the rule's main chunk may define globals; the host freezes it
// afterwards. In the conformance profile it returns the globals
// themselves.
func (e *Env) RuleEnv() *vm.Table {
	if e.guard == nil {
		return e.globals
	}
	t := vm.NewTable(0, 64)
	var k, v vm.Value
	for {
		var ok bool
		var err error
		k, v, ok, err = e.globals.Next(k)
		if err != nil || !ok {
			break
		}
		t.Set(nil, k, v)
	}
	if !e.globals.GetStr("_G").IsNil() {
		t.SetStr(nil, "_G", vm.TableValue(t))
	}
	t.SetMetatable(e.guard)
	return t
}
