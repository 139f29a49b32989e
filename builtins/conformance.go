package builtins

// The conformance profile: the functions of Lua 5.1 that the sandbox never
// offers but that the upstream test suite needs (loadstring, load, dofile,
// getfenv, setfenv) and the 5.0 compatibility names that 5.1 still had
// (math.mod, table.foreach, table.foreachi, table.getn, table.setn,
// string.gfind; unpack is in Base).
//
// Loading source needs the parser and compiler, which builtins must not
// import (builtins depends only on vm), so the host passes them in as a
// [Loader].

import (
	"errors"
	"io/fs"
	"strings"

	"github.com/kestrel-runtime/lua/vm"
)

// Loader compiles Lua source into a function (a main chunk closure whose
// environment is th.Globals). chunkname is Lua 5.1's chunk name: "=name",
// "@file" or the source text itself; a loader shows it as
// ChunkID(chunkname, MaxSrc) in syntax errors and as
// ChunkID(chunkname, LuaIDSize) in the prototypes' Source (runtime errors),
// as 5.1 does. A syntax error is returned as an error; if it has a
// LuaMessage() string method, that is the message Lua code sees
// ("chunk:line: msg").
type Loader func(th *vm.Thread, chunkname string, src []byte) (vm.Value, error)

// Conformance configures the conformance-profile library.
type Conformance struct {
	Load Loader
	// ReadFile reads a file for dofile; nil makes dofile fail as if no
	// file existed.
	ReadFile func(name string) ([]byte, error)
}

// Open installs the conformance-profile functions into env. It needs Base,
// String, Table and Math installed first.
func (c Conformance) Open(env *vm.Table) error {
	if c.Load == nil {
		return errors.New("builtins: Conformance.Load is nil")
	}
	setFuncs(env, map[string]goFn{
		"dofile":     c.dofile,
		"getfenv":    baseGetfenv,
		"load":       c.load,
		"loadstring": c.loadstring,
		"setfenv":    baseSetfenv,
	})
	if s := env.GetStr("string"); s.Kind() == vm.KindTable {
		s.AsTable().SetStr(nil, "gfind", s.AsTable().GetStr("gmatch"))
	}
	if m := env.GetStr("math"); m.Kind() == vm.KindTable {
		m.AsTable().SetStr(nil, "mod", m.AsTable().GetStr("fmod"))
	}
	if t := env.GetStr("table"); t.Kind() == vm.KindTable {
		setFuncs(t.AsTable(), map[string]goFn{
			"foreach":  tabForeach,
			"foreachi": tabForeachi,
			"getn":     tabGetn,
			"setn":     tabSetn,
		})
	}
	return nil
}

// Sizes of chunk id buffers, terminator included: LUA_IDSIZE (luaconf.h)
// for runtime messages and tracebacks, MAXSRC (llex.c) for syntax errors.
const (
	LuaIDSize = 60
	MaxSrc    = 80
)

// ChunkID turns a chunk name into the name messages show, in a buffer of
// bufflen bytes (luaO_chunkid): "=name" shows name; "@file" shows the file
// name, keeping its end if long; any other name is source text, shown as
// [string "first line..."]. Lua 5.1 uses MaxSrc for syntax errors and
// LuaIDSize for runtime errors, so a long source string is cut at
// different lengths in the two.
func ChunkID(source string, bufflen int) string {
	if i := strings.IndexByte(source, 0); i >= 0 {
		source = source[:i]
	}
	switch {
	case strings.HasPrefix(source, "="):
		s := source[1:]
		if len(s) > bufflen-1 {
			s = s[:bufflen-1]
		}
		return s
	case strings.HasPrefix(source, "@"):
		s := source[1:]
		max := bufflen - len(" '...' ") - 1
		if len(s) > max {
			return "..." + s[len(s)-max:]
		}
		return s
	}
	n := strings.IndexAny(source, "\n\r")
	if n < 0 {
		n = len(source)
	}
	max := bufflen - len(" [string \"...\"] ") - 1
	if n > max {
		n = max
	}
	if n < len(source) {
		return "[string \"" + source[:n] + "...\"]"
	}
	return "[string \"" + source + "\"]"
}

// loadResult pushes a loaded function, or nil and the error message.
func loadResult(th *vm.Thread, fn vm.Value, err error) (int, error) {
	if err == nil {
		th.Push(fn)
		return 1, nil
	}
	var ce *vm.CanceledError
	if errors.Is(err, vm.ErrInstructionLimit) || errors.Is(err, vm.ErrMemoryLimit) || errors.As(err, &ce) {
		return 0, err // limits are not load errors
	}
	th.Push(vm.Nil)
	th.Push(vm.String(luaMessage(err)))
	return 2, nil
}

func isSyntaxError(err error) bool {
	_, ok := err.(interface{ LuaMessage() string })
	return ok
}

// luaMessage is the message Lua code sees for a load error.
func luaMessage(err error) string {
	var re *vm.RuntimeError
	if errors.As(err, &re) && re.Value.Kind() == vm.KindString {
		return re.Value.AsString()
	}
	var lm interface{ LuaMessage() string }
	if errors.As(err, &lm) {
		return lm.LuaMessage()
	}
	return err.Error()
}

func (c Conformance) loadstring(th *vm.Thread, args []vm.Value) (int, error) {
	s, err := checkString(th, args, 1)
	if err != nil {
		return 0, err
	}
	name, err := optString(th, args, 2, s)
	if err != nil {
		return 0, err
	}
	if err := stepBytes(th, len(s)); err != nil {
		return 0, err
	}
	// The Loader takes a []byte: the copy of s is charged.
	if err := th.Charge(int64(len(s))); err != nil {
		return 0, err
	}
	fn, err := c.Load(th, name, []byte(s))
	return loadResult(th, fn, err)
}

// load reads the chunk from a reader function called until it returns nil
// or an empty string.
func (c Conformance) load(th *vm.Thread, args []vm.Value) (int, error) {
	name, err := optString(th, args, 2, "=(load)")
	if err != nil {
		return 0, err
	}
	if !arg(args, 1).IsFunction() {
		return 0, th.TypeError(1, "function", args)
	}
	reader := args[0]
	buf := strBuf{th: th} // charges every backing array as the chunk grows
	for {
		ok, res, err := th.PCall(reader, nil, vm.Nil)
		if err != nil {
			return 0, err // a limit: not catchable
		}
		if !ok {
			th.Push(vm.Nil)
			th.Push(res[0])
			return 2, nil
		}
		if len(res) == 0 || res[0].IsNil() {
			break
		}
		var piece string
		switch v := res[0]; v.Kind() {
		case vm.KindString:
			piece = v.AsString()
		case vm.KindInt, vm.KindFloat: // lua_isstring accepts numbers
			piece = vm.FormatNumber(v)
			if err := th.NewString(len(piece)); err != nil {
				return 0, err
			}
		default:
			return loadResult(th, vm.Nil, th.Errorf("reader function must return a string"))
		}
		if piece == "" {
			break
		}
		if err := buf.appendString(piece); err != nil {
			return 0, err
		}
	}
	if err := buf.flush(); err != nil {
		return 0, err
	}
	fn, err := c.Load(th, name, buf.b)
	return loadResult(th, fn, err)
}

// dofile runs a file read with c.ReadFile and returns its results; load
// errors are raised. Unlike 5.1, a file name is required (no stdin).
func (c Conformance) dofile(th *vm.Thread, args []vm.Value) (int, error) {
	name, err := checkString(th, args, 1)
	if err != nil {
		return 0, err
	}
	var src []byte
	if c.ReadFile == nil {
		return 0, rawError("cannot open " + name + ": No such file or directory")
	}
	if src, err = c.ReadFile(name); err != nil {
		return 0, rawError("cannot open " + name + ": " + strerror(err))
	}
	if err := th.Charge(int64(len(src))); err != nil {
		return 0, err
	}
	if err := stepBytes(th, len(src)); err != nil {
		return 0, err
	}
	if len(src) > 0 && src[0] == '#' { // skip a "#!" line, keep its newline
		i := 0
		for i < len(src) && src[i] != '\n' {
			i++
		}
		src = src[i:]
	}
	fn, err := c.Load(th, "@"+name, src)
	if err != nil {
		if isSyntaxError(err) {
			return 0, rawError(luaMessage(err))
		}
		return 0, err
	}
	res, err := th.Call(fn, nil, -1)
	if err != nil {
		return 0, err
	}
	for _, r := range res {
		th.Push(r)
	}
	return len(res), nil
}

// strerror is C's strerror text for the common file errors.
func strerror(err error) string {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "No such file or directory"
	case errors.Is(err, fs.ErrPermission):
		return "Permission denied"
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// getFunc resolves the first argument of getfenv/setfenv: a function, or a
// stack level (getfunc in lbaselib.c).
func getFunc(th *vm.Thread, args []vm.Value, opt bool) (vm.Value, error) {
	if a := arg(args, 1); a.IsFunction() {
		return a, nil
	}
	var level int64
	var err error
	if opt {
		level, err = optCInt(th, args, 1, 1)
	} else {
		level, err = checkCInt(th, args, 1)
	}
	if err != nil {
		return vm.Nil, err
	}
	if level < 0 {
		return vm.Nil, th.ArgError(1, "level must be non-negative")
	}
	fn, ok := th.StackFunction(int(level))
	if !ok {
		return vm.Nil, th.ArgError(1, "invalid level")
	}
	return fn, nil
}

func baseGetfenv(th *vm.Thread, args []vm.Value) (int, error) {
	fn, err := getFunc(th, args, true)
	if err != nil {
		return 0, err
	}
	if c := fn.AsClosure(); c != nil && c.Env() != nil {
		th.Push(vm.TableValue(c.Env()))
		return 1, nil
	}
	th.Push(vm.TableValue(th.Globals)) // a Go function: the thread's globals
	return 1, nil
}

func baseSetfenv(th *vm.Thread, args []vm.Value) (int, error) {
	env, err := checkTable(th, args, 2)
	if err != nil {
		return 0, err
	}
	fn, err := getFunc(th, args, false)
	if err != nil {
		return 0, err
	}
	if a := args[0]; a.IsNumber() {
		if f, _ := a.ToFloat(); f == 0 {
			th.Globals = env // the thread's environment
			return 0, nil
		}
	}
	c := fn.AsClosure()
	if c == nil {
		return 0, th.Errorf("'setfenv' cannot change environment of given object")
	}
	c.SetEnv(env)
	th.Push(fn)
	return 1, nil
}

func tabGetn(th *vm.Thread, args []vm.Value) (int, error) {
	t, err := checkTable(th, args, 1)
	if err != nil {
		return 0, err
	}
	th.Push(vm.Int(t.Len()))
	return 1, nil
}

func tabSetn(th *vm.Thread, args []vm.Value) (int, error) {
	if _, err := checkTable(th, args, 1); err != nil {
		return 0, err
	}
	return 0, th.Errorf("'setn' is obsolete")
}

// tabForeachi calls f(i, t[i]) for i = 1..#t and returns the first non-nil
// result (foreachi in 5.1's ltablib.c).
func tabForeachi(th *vm.Thread, args []vm.Value) (int, error) {
	t, err := checkTable(th, args, 1)
	if err != nil {
		return 0, err
	}
	if !arg(args, 2).IsFunction() {
		return 0, th.TypeError(2, "function", args)
	}
	f := args[1]
	n := t.Len()
	for i := int64(1); i <= n; i++ {
		res, err := th.Call(f, []vm.Value{vm.Int(i), t.GetInt(i)}, 1)
		if err != nil {
			return 0, err
		}
		if !res[0].IsNil() {
			th.Push(res[0])
			return 1, nil
		}
	}
	return 0, nil
}

// tabForeach calls f(k, v) for every entry of t, in next order, and returns
// the first non-nil result (foreach in 5.1's ltablib.c).
func tabForeach(th *vm.Thread, args []vm.Value) (int, error) {
	t, err := checkTable(th, args, 1)
	if err != nil {
		return 0, err
	}
	if !arg(args, 2).IsFunction() {
		return 0, th.TypeError(2, "function", args)
	}
	f := args[1]
	k := vm.Nil
	for {
		key, val, ok, err := t.Next(k)
		if err != nil {
			return 0, tableError(th, err)
		}
		if !ok {
			return 0, nil
		}
		res, err := th.Call(f, []vm.Value{key, val}, 1)
		if err != nil {
			return 0, err
		}
		if !res[0].IsNil() {
			th.Push(res[0])
			return 1, nil
		}
		k = key
	}
}
