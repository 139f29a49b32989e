package builtins

// The base library (lbaselib.c of Lua 5.1), minus what the subset leaves
// out (coroutines, collectgarbage, gcinfo, newproxy, load*, dofile,
// getfenv/setfenv: see conformance.go for the last ones).

import (
	"io"
	"math"
	"strings"
	"sync"

	"github.com/kestrel-runtime/lua/vm"
)

// MaxUnpack bounds the results of unpack, as lua_checkstack does with
// LUAI_MAXCSTACK (8000 slots in Lua 5.1's luaconf.h).
const MaxUnpack = 8000

// OpenBase installs the base library into env.
func OpenBase(env *vm.Table) error {
	setFuncs(env, map[string]goFn{
		"assert":       baseAssert,
		"error":        baseError,
		"getmetatable": baseGetmetatable,
		"next":         baseNext,
		"pcall":        basePcall,
		"print":        basePrint,
		"rawequal":     baseRawequal,
		"rawget":       baseRawget,
		"rawset":       baseRawset,
		"select":       baseSelect,
		"setmetatable": baseSetmetatable,
		"tonumber":     baseTonumber,
		"tostring":     baseTostring,
		"type":         baseType,
		"unpack":       baseUnpack,
		"xpcall":       baseXpcall,
	})
	attachFast(env, map[string]vm.FastFunc{"type": fastType})
	// pairs and ipairs return the shared iterators next and ipairs' own.
	next := env.GetStr("next")
	aux := vm.NewGoFunction("(for generator)", baseIpairsAux)
	aux.Step = stepIpairs
	ipairsAux := vm.FunctionValue(aux)
	env.SetStr(nil, "pairs", vm.FunctionValue(vm.NewGoFunction("pairs", func(th *vm.Thread, args []vm.Value) (int, error) {
		if _, err := checkTable(th, args, 1); err != nil {
			return 0, err
		}
		th.Push(next)
		th.Push(args[0])
		th.Push(vm.Nil)
		return 3, nil
	})))
	ipairs := vm.NewGoFunction("ipairs", func(th *vm.Thread, args []vm.Value) (int, error) {
		if _, err := checkTable(th, args, 1); err != nil {
			return 0, err
		}
		th.Push(ipairsAux)
		th.Push(args[0])
		th.Push(vm.Int(0))
		return 3, nil
	})
	ipairs.Iter = func(arg vm.Value) (*vm.GoFunction, vm.Value, vm.Value, bool) {
		return aux, arg, vm.Int(0), arg.Kind() == vm.KindTable
	}
	env.SetStr(nil, "ipairs", vm.FunctionValue(ipairs))
	env.SetStr(nil, "_G", vm.TableValue(env))
	env.SetStr(nil, "_VERSION", vm.String("Lua 5.1"))
	return nil
}

func baseAssert(th *vm.Thread, args []vm.Value) (int, error) {
	if err := checkAny(th, args, 1); err != nil {
		return 0, err
	}
	if !args[0].Truthy() {
		msg, err := optString(th, args, 2, "assertion failed!")
		if err != nil {
			return 0, err
		}
		return 0, th.ErrorAt(1, msg)
	}
	for _, a := range args {
		th.Push(a)
	}
	return len(args), nil
}

func baseError(th *vm.Thread, args []vm.Value) (int, error) {
	level, err := optCInt(th, args, 2, 1)
	if err != nil {
		return 0, err
	}
	return 0, th.Raise(arg(args, 1), int(level))
}

func baseGetmetatable(th *vm.Thread, args []vm.Value) (int, error) {
	if err := checkAny(th, args, 1); err != nil {
		return 0, err
	}
	mt := th.Metatable(args[0])
	if mt == nil {
		th.Push(vm.Nil)
		return 1, nil
	}
	if protected := mt.GetStr("__metatable"); !protected.IsNil() {
		th.Push(protected)
		return 1, nil
	}
	th.Push(vm.TableValue(mt))
	return 1, nil
}

func baseSetmetatable(th *vm.Thread, args []vm.Value) (int, error) {
	mtv := arg(args, 2)
	t, err := checkTable(th, args, 1)
	if err != nil {
		return 0, err
	}
	// luaL_argcheck(t == LUA_TNIL || t == LUA_TTABLE): a missing argument
	// (LUA_TNONE) is neither.
	if k := mtv.Kind(); len(args) < 2 || k != vm.KindNil && k != vm.KindTable {
		return 0, th.ArgError(2, "nil or table expected")
	}
	if old := t.Metatable(); old != nil && !old.GetStr("__metatable").IsNil() {
		return 0, th.Errorf("cannot change a protected metatable")
	}
	if t.Frozen() {
		return 0, tableError(th, vm.ErrReadOnly)
	}
	if mtv.IsNil() {
		t.SetMetatable(nil)
	} else {
		t.SetMetatable(mtv.AsTable())
	}
	th.Push(args[0])
	return 1, nil
}

func baseNext(th *vm.Thread, args []vm.Value) (int, error) {
	t, err := checkTable(th, args, 1)
	if err != nil {
		return 0, err
	}
	// th.Next charges the empty slots it passes over, so that next on a
	// sparse table does not scan its whole array or hash part for the
	// price of one call.
	k, v, ok, err := th.Next(t, arg(args, 2))
	if err != nil {
		return 0, tableError(th, err)
	}
	if !ok {
		th.Push(vm.Nil)
		return 1, nil
	}
	th.Push(k)
	th.Push(v)
	return 2, nil
}

// stepIpairs is baseIpairsAux's frameless form (GoFunction.Step): a
// table and an integer control value below the int32 limit checkCInt
// narrows to.
func stepIpairs(state, control vm.Value) (vm.Value, vm.Value, bool) {
	if state.Kind() != vm.KindTable || control.Kind() != vm.KindInt || control.AsInt() < 0 || control.AsInt() >= math.MaxInt32 {
		return vm.Nil, vm.Nil, false
	}
	i := control.AsInt() + 1
	v := state.AsTable().GetInt(i)
	if v.IsNil() {
		return vm.Nil, vm.Nil, true
	}
	return vm.Int(i), v, true
}

func baseIpairsAux(th *vm.Thread, args []vm.Value) (int, error) {
	i, err := checkCInt(th, args, 2)
	if err != nil {
		return 0, err
	}
	t, err := checkTable(th, args, 1)
	if err != nil {
		return 0, err
	}
	i++
	v := t.GetInt(i)
	if v.IsNil() {
		return 0, nil
	}
	th.Push(vm.Int(i))
	th.Push(v)
	return 2, nil
}

func basePcall(th *vm.Thread, args []vm.Value) (int, error) {
	if err := checkAny(th, args, 1); err != nil {
		return 0, err
	}
	ok, res, err := th.PCall(args[0], args[1:], vm.Nil)
	if err != nil {
		return 0, err
	}
	th.Push(vm.Bool(ok))
	for _, r := range res {
		th.Push(r)
	}
	return 1 + len(res), nil
}

func baseXpcall(th *vm.Thread, args []vm.Value) (int, error) {
	if err := checkAny(th, args, 2); err != nil {
		return 0, err
	}
	// 5.1's xpcall passes no arguments to the function. A nil handler is
	// a handler that cannot be called ("error in error handling" when the
	// function fails), not the absence of one as for th.PCall; any
	// uncallable value stands for it.
	handler := args[1]
	if handler.IsNil() {
		handler = vm.False
	}
	ok, res, err := th.PCall(args[0], nil, handler)
	if err != nil {
		return 0, err
	}
	th.Push(vm.Bool(ok))
	for _, r := range res {
		th.Push(r)
	}
	return 1 + len(res), nil
}

// basePrint writes its arguments converted by the global tostring,
// separated by tabs and ended by a newline, to th.Stdout. Like 5.1's
// fputs, it writes each string up to its first NUL byte. As 5.1 does, it
// writes each piece as soon as it is converted (so the pieces before a
// failing tostring are written): it never builds the whole line, which
// could be any multiple of the memory a rule is charged for its strings.
// Each piece costs one unit per BytesPerStep bytes written.
func basePrint(th *vm.Thread, args []vm.Value) (int, error) {
	// lua_getglobal: the thread's globals, through __index if any.
	tostring := vm.Nil
	if th.Globals != nil {
		var err error
		if tostring, err = th.Index(vm.TableValue(th.Globals), vm.String("tostring")); err != nil {
			return 0, err
		}
	}
	var arg [1]vm.Value
	for i, a := range args {
		arg[0] = a
		res, err := th.Call(tostring, arg[:], 1)
		if err != nil {
			return 0, err
		}
		s := res[0]
		if s.Kind() != vm.KindString {
			if !s.IsNumber() {
				return 0, th.Errorf("'tostring' must return a string to 'print'")
			}
			str := vm.FormatNumber(s)
			if err := th.NewString(len(str)); err != nil {
				return 0, err
			}
			s = vm.String(str)
		}
		str := s.AsString()
		if j := strings.IndexByte(str, 0); j >= 0 {
			str = str[:j]
		}
		if err := stepBytes(th, len(str)+1); err != nil {
			return 0, err
		}
		if i > 0 {
			if err := writeOut(th, "\t"); err != nil {
				return 0, th.Errorf("print: %s", err.Error())
			}
		}
		if err := writeOut(th, str); err != nil {
			return 0, th.Errorf("print: %s", err.Error())
		}
	}
	if err := writeOut(th, "\n"); err != nil {
		return 0, th.Errorf("print: %s", err.Error())
	}
	return 0, nil
}

// outChunk is the size of the buffers through which writeOut copies a
// string to a writer that takes only []byte.
const outChunk = 4 << 10

// outBufs holds writeOut's copy buffers, so that writing a long string to
// a plain io.Writer allocates no copy of it.
var outBufs = sync.Pool{New: func() any { return new([outChunk]byte) }}

// writeOut writes s to th.Stdout (nil discards it) without allocating: a
// writer with WriteString (os.File, bytes.Buffer, bufio.Writer,
// io.Discard) takes s as it is; another gets it in chunks copied through a
// pooled buffer rather than as one []byte copy of s.
func writeOut(th *vm.Thread, s string) error {
	w := th.Stdout
	if w == nil || s == "" {
		return nil
	}
	if sw, ok := w.(io.StringWriter); ok {
		_, err := sw.WriteString(s)
		return err
	}
	buf := outBufs.Get().(*[outChunk]byte)
	defer outBufs.Put(buf)
	for len(s) > 0 {
		n := copy(buf[:], s)
		if _, err := w.Write(buf[:n]); err != nil {
			return err
		}
		s = s[n:]
	}
	return nil
}

func baseRawequal(th *vm.Thread, args []vm.Value) (int, error) {
	if err := checkAny(th, args, 1); err != nil {
		return 0, err
	}
	if err := checkAny(th, args, 2); err != nil {
		return 0, err
	}
	// Two strings of the same length are compared byte by byte: charged
	// by their length, as the VM charges ==.
	if a, b := args[0], args[1]; a.Kind() == vm.KindString && b.Kind() == vm.KindString &&
		len(a.AsString()) == len(b.AsString()) {
		if err := stepString(th, a); err != nil {
			return 0, err
		}
	}
	th.Push(vm.Bool(vm.RawEqual(args[0], args[1])))
	return 1, nil
}

func baseRawget(th *vm.Thread, args []vm.Value) (int, error) {
	t, err := checkTable(th, args, 1)
	if err != nil {
		return 0, err
	}
	if err := checkAny(th, args, 2); err != nil {
		return 0, err
	}
	if err := stepKey(th, args[1]); err != nil {
		return 0, err
	}
	th.Push(t.Get(args[1]))
	return 1, nil
}

func baseRawset(th *vm.Thread, args []vm.Value) (int, error) {
	t, err := checkTable(th, args, 1)
	if err != nil {
		return 0, err
	}
	if err := checkAny(th, args, 2); err != nil {
		return 0, err
	}
	if err := checkAny(th, args, 3); err != nil {
		return 0, err
	}
	if err := stepKey(th, args[1]); err != nil {
		return 0, err
	}
	if err := t.Set(th.Meter(), args[1], args[2]); err != nil {
		return 0, tableError(th, err)
	}
	th.Push(args[0])
	return 1, nil
}

func baseSelect(th *vm.Thread, args []vm.Value) (int, error) {
	n := int64(len(args))
	if a := arg(args, 1); a.Kind() == vm.KindString && strings.HasPrefix(a.AsString(), "#") {
		th.Push(vm.Int(n - 1))
		return 1, nil
	}
	i, err := checkCInt(th, args, 1)
	if err != nil {
		return 0, err
	}
	if i < 0 {
		i = n + i
	} else if i > n {
		i = n
	}
	if i < 1 {
		return 0, th.ArgError(1, "index out of range")
	}
	for _, a := range args[i:] {
		th.Push(a)
	}
	return int(n - i), nil
}

func baseType(th *vm.Thread, args []vm.Value) (int, error) {
	if err := checkAny(th, args, 1); err != nil {
		return 0, err
	}
	th.Push(vm.String(args[0].TypeName()))
	return 1, nil
}

// baseTostring is 5.1's tostring: a __tostring metamethod's result is
// returned as it is; other values get their standard text.
func baseTostring(th *vm.Thread, args []vm.Value) (int, error) {
	if err := checkAny(th, args, 1); err != nil {
		return 0, err
	}
	v := args[0]
	if mt := th.Metatable(v); mt != nil {
		if tm := mt.GetStr("__tostring"); !tm.IsNil() {
			res, err := th.Call(tm, []vm.Value{v}, 1)
			if err != nil {
				return 0, err
			}
			th.Push(res[0])
			return 1, nil
		}
	}
	if v.Kind() == vm.KindString {
		th.Push(v)
		return 1, nil
	}
	s := vm.ToStringRaw(v)
	if err := th.NewString(len(s)); err != nil {
		return 0, err
	}
	th.Push(vm.String(s))
	return 1, nil
}

// baseTonumber is 5.1's tonumber: base 10 converts numbers and numeric
// strings; another base (2..36) reads an unsigned integer as C's strtoul
// does (optional sign, "0x" for base 16, surrounding spaces), whose value
// wraps modulo 2^64 when negated and saturates on overflow.
func baseTonumber(th *vm.Thread, args []vm.Value) (int, error) {
	base, err := optCInt(th, args, 2, 10)
	if err != nil {
		return 0, err
	}
	if base == 10 {
		if err := checkAny(th, args, 1); err != nil {
			return 0, err
		}
		// A string is scanned to its end (leading and trailing white
		// space included): charged by its length before the scan.
		if err := stepString(th, args[0]); err != nil {
			return 0, err
		}
		if n, ok := vm.ToNumber(args[0]); ok {
			th.Push(n)
			return 1, nil
		}
		th.Push(vm.Nil)
		return 1, nil
	}
	s, err := checkString(th, args, 1)
	if err != nil {
		return 0, err
	}
	if base < 2 || base > 36 {
		return 0, th.ArgError(2, "base out of range")
	}
	if err := stepBytes(th, len(s)); err != nil {
		return 0, err
	}
	if n, ok := strtoul(s, int(base)); ok {
		if n <= math.MaxInt64 {
			th.Push(vm.Int(int64(n)))
		} else {
			th.Push(vm.Float(float64(n)))
		}
		return 1, nil
	}
	th.Push(vm.Nil)
	return 1, nil
}

// strtoul parses s like C's strtoul(s, &end, base) followed by Lua's check
// that only spaces follow; s ends at its first NUL, as C sees it.
func strtoul(s string, base int) (uint64, bool) {
	if i := strings.IndexByte(s, 0); i >= 0 {
		s = s[:i]
	}
	isSpace := func(c byte) bool { return c == ' ' || c >= '\t' && c <= '\r' }
	i := 0
	for i < len(s) && isSpace(s[i]) {
		i++
	}
	neg := false
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		neg = s[i] == '-'
		i++
	}
	if base == 16 && i+1 < len(s) && s[i] == '0' && s[i+1]|0x20 == 'x' && i+2 < len(s) && digitVal(s[i+2]) < 16 {
		i += 2
	}
	start := i
	var n uint64
	overflow := false
	for ; i < len(s); i++ {
		d := digitVal(s[i])
		if d >= base {
			break
		}
		if n > (math.MaxUint64-uint64(d))/uint64(base) {
			overflow = true
		}
		n = n*uint64(base) + uint64(d)
	}
	if i == start {
		return 0, false
	}
	for i < len(s) && isSpace(s[i]) {
		i++
	}
	if i != len(s) {
		return 0, false
	}
	if overflow {
		return math.MaxUint64, true
	}
	if neg {
		n = -n
	}
	return n, true
}

// digitVal is the value of c as a digit of bases up to 36, or 99.
func digitVal(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c|0x20 >= 'a' && c|0x20 <= 'z':
		return int(c|0x20-'a') + 10
	}
	return 99
}

func baseUnpack(th *vm.Thread, args []vm.Value) (int, error) {
	t, err := checkTable(th, args, 1)
	if err != nil {
		return 0, err
	}
	i, err := optCInt(th, args, 2, 1)
	if err != nil {
		return 0, err
	}
	var e int64
	if isNoneOrNil(args, 3) {
		e = t.Len()
	} else if e, err = checkCInt(th, args, 3); err != nil {
		return 0, err
	}
	if i > e {
		return 0, nil
	}
	n := e - i + 1
	if n <= 0 || n+int64(len(args)) > MaxUnpack {
		return 0, th.Errorf("too many results to unpack")
	}
	if err := th.Step(n); err != nil {
		return 0, err
	}
	for k := i; k <= e; k++ {
		th.Push(t.GetInt(k))
	}
	return int(n), nil
}
