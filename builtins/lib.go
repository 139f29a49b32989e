package builtins

import (
	"github.com/kestrel-runtime/lua/vm"
)

// Lib installs one library into an environment (a globals table) at setup
// time. The tables and functions it creates are ordinary, mutable and
// uncharged; a host that shares them between runs freezes them
// (vm.Table.FreezeDeep), as the sandbox does.
type Lib func(env *vm.Table) error

// The libraries of the subset.
var (
	// Base is the base library: assert error pcall xpcall type tostring
	// tonumber ipairs pairs next select unpack rawget rawset rawequal
	// setmetatable getmetatable print, and _G and _VERSION.
	Base Lib = OpenBase
	// String is the string library, in env.string.
	String Lib = OpenString
	// Table is the table library, in env.table.
	Table Lib = OpenTable
	// Math is the math library, in env.math.
	Math Lib = OpenMath
	// Detection adds string.contains, string.startswith, string.endswith and
	// string.glob_match to env.string (creating it if needed), and the regex
	// and alert libraries.
	Detection Lib = OpenDetection
)

// Register installs libs into env in order.
func Register(env *vm.Table, libs ...Lib) error {
	for _, lib := range libs {
		if err := lib(env); err != nil {
			return err
		}
	}
	return nil
}

// StringMetatable returns a metatable for strings whose __index is
// env.string, so that ("x"):upper() works; the host stores it in
// vm.Thread.StringMeta (after freezing it). It returns nil when env has no
// string table.
func StringMetatable(env *vm.Table) *vm.Table {
	str := env.GetStr("string")
	if str.Kind() != vm.KindTable {
		return nil
	}
	mt := vm.NewTable(0, 1)
	mt.SetStr(nil, "__index", str)
	return mt
}

// libTable returns env[name] when it is a table, or installs a new one.
func libTable(env *vm.Table, name string, nhash int) *vm.Table {
	if v := env.GetStr(name); v.Kind() == vm.KindTable {
		return v.AsTable()
	}
	t := vm.NewTable(0, nhash)
	env.SetStr(nil, name, vm.TableValue(t))
	return t
}

type goFn = func(th *vm.Thread, args []vm.Value) (int, error)

// setFuncs installs the Go functions of fns into t; name qualifies nothing:
// functions are named by their key, as 5.1 error messages name them.
func setFuncs(t *vm.Table, fns map[string]goFn) {
	// Iterate in a fixed order so that setup-time ids are deterministic.
	for _, name := range sortedKeys(fns) {
		t.SetStr(nil, name, vm.FunctionValue(vm.NewGoFunction(name, fns[name])))
	}
}

func sortedKeys(m map[string]goFn) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	// insertion sort: the maps are small
	for i := 1; i < len(keys); i++ {
		for j := i; j > 0 && keys[j] < keys[j-1]; j-- {
			keys[j], keys[j-1] = keys[j-1], keys[j]
		}
	}
	return keys
}

// BytesPerStep is how many bytes a builtin may scan, copy or produce per
// instruction unit it charges: string work costs one unit per
// BytesPerStep bytes (rounded up), on top of the call instruction itself.
const BytesPerStep = 16

// byteSteps is the instruction units of n bytes of string work.
func byteSteps(n int) int64 {
	if n <= 0 {
		return 0
	}
	return (int64(n) + BytesPerStep - 1) / BytesPerStep
}

// stepBytes charges n bytes of string work.
func stepBytes(th *vm.Thread, n int) error {
	if n <= 0 {
		return nil
	}
	return th.Step(byteSteps(n))
}

// stepString charges the work of scanning v when it is a string: one unit
// per BytesPerStep bytes, paid before the scan, as converting it to a
// number (tonumber, luaL_checknumber) or comparing it byte by byte
// (rawequal) reads every byte. Other values cost nothing.
func stepString(th *vm.Thread, v vm.Value) error {
	if v.Kind() != vm.KindString {
		return nil
	}
	return stepBytes(th, len(v.AsString()))
}

// KeyBytesPerStep is how many bytes of a string key a raw table access
// (rawget, rawset) may compare per instruction unit: a lookup compares
// the key with an equal one byte by byte. It is the VM's rate for t[k]
// with a long string key, so that rawget(t, k) costs what t[k] does.
const KeyBytesPerStep = 64

// stepKey charges a raw table access with key k: one unit per
// KeyBytesPerStep bytes of a string key (short keys cost nothing).
func stepKey(th *vm.Thread, k vm.Value) error {
	if k.Kind() != vm.KindString {
		return nil
	}
	return th.Step(int64(len(k.AsString()) / KeyBytesPerStep))
}

// SlotsPerStep is how many table slots (array slots or hash nodes, full
// or empty) a builtin may visit per instruction unit it charges, as
// table.maxn does walking every key.
const SlotsPerStep = 16

// newString charges a string of n bytes about to be built: its memory and
// the work of producing its bytes.
func newString(th *vm.Thread, n int) error {
	if err := th.NewString(n); err != nil {
		return err
	}
	return stepBytes(th, n)
}

// Argument checks, as lauxlib.c does them.

func arg(args []vm.Value, n int) vm.Value {
	if n <= len(args) {
		return args[n-1]
	}
	return vm.Nil
}

func isNoneOrNil(args []vm.Value, n int) bool { return n > len(args) || args[n-1].IsNil() }

// checkAny is luaL_checkany: "value expected".
func checkAny(th *vm.Thread, args []vm.Value, n int) error {
	if n > len(args) {
		return th.ArgError(n, "value expected")
	}
	return nil
}

// checkTable is luaL_checktype(n, LUA_TTABLE).
func checkTable(th *vm.Thread, args []vm.Value, n int) (*vm.Table, error) {
	if v := arg(args, n); v.Kind() == vm.KindTable {
		return v.AsTable(), nil
	}
	return nil, th.TypeError(n, "table", args)
}

// checkString is luaL_checklstring: strings, and numbers converted to
// their text.
func checkString(th *vm.Thread, args []vm.Value, n int) (string, error) {
	v := arg(args, n)
	switch v.Kind() {
	case vm.KindString:
		return v.AsString(), nil
	case vm.KindInt, vm.KindFloat:
		s := vm.FormatNumber(v)
		if err := th.NewString(len(s)); err != nil {
			return "", err
		}
		return s, nil
	}
	return "", th.TypeError(n, "string", args)
}

// optString is luaL_optlstring.
func optString(th *vm.Thread, args []vm.Value, n int, def string) (string, error) {
	if isNoneOrNil(args, n) {
		return def, nil
	}
	return checkString(th, args, n)
}

// checkNumber is luaL_checknumber: numbers, and strings convertible to
// numbers; the result keeps the integer subtype.
func checkNumber(th *vm.Thread, args []vm.Value, n int) (vm.Value, error) {
	a := arg(args, n)
	if err := stepString(th, a); err != nil {
		return vm.Nil, err
	}
	if v, ok := vm.ToNumber(a); ok {
		return v, nil
	}
	return vm.Nil, th.TypeError(n, "number", args)
}

// checkFloat is checkNumber as a float64.
func checkFloat(th *vm.Thread, args []vm.Value, n int) (float64, error) {
	v, err := checkNumber(th, args, n)
	if err != nil {
		return 0, err
	}
	f, _ := v.ToFloat()
	return f, nil
}

// checkInt is luaL_checkinteger: floats are truncated as x86-64 does.
func checkInt(th *vm.Thread, args []vm.Value, n int) (int64, error) {
	a := arg(args, n)
	if err := stepString(th, a); err != nil {
		return 0, err
	}
	if i, ok := vm.ToInteger(a); ok {
		return i, nil
	}
	return 0, th.TypeError(n, "number", args)
}

// optInt is luaL_optinteger.
func optInt(th *vm.Thread, args []vm.Value, n int, def int64) (int64, error) {
	if isNoneOrNil(args, n) {
		return def, nil
	}
	return checkInt(th, args, n)
}

// checkCInt is luaL_checkint: luaL_checkinteger narrowed to C's 32-bit
// int by the (int) cast, which keeps the low 32 bits, so that
// select(2^32 + 1, ...) is select(1, ...) and string.rep("x", 2^32 + 2) is
// "xx", as in lua5.1. 5.1 uses it wherever the C code holds an int (counts,
// table positions, levels, bases); string positions (sub, byte, find) are
// 64-bit ptrdiff_t and use checkInt.
func checkCInt(th *vm.Thread, args []vm.Value, n int) (int64, error) {
	i, err := checkInt(th, args, n)
	return int64(int32(i)), err
}

// optCInt is luaL_optint: optInt narrowed as checkCInt does.
func optCInt(th *vm.Thread, args []vm.Value, n int, def int64) (int64, error) {
	i, err := optInt(th, args, n, def)
	return int64(int32(i)), err
}

// algoError converts an error of a library algorithm (argError, luaError,
// PatternError) into the Lua error of the running function.
func algoError(th *vm.Thread, err error) error {
	switch e := err.(type) {
	case *argError:
		return th.ArgError(e.n, e.msg)
	case *luaError:
		return th.ErrorAt(1, e.msg)
	case *PatternError:
		return th.ErrorAt(1, e.Msg)
	}
	return err
}

// rawError is an error raised inside a builtin with no position, as
// luaG_runerror gives when the running function is a C function
// ("table index is nil" from rawset).
func rawError(msg string) error {
	return &vm.RuntimeError{Value: vm.String(msg), Msg: msg}
}

// tableError converts an error of a raw table operation: 5.1's own
// errors ("table index is nil") carry no position, as luaG_runerror gives
// inside a C function; writing to a frozen table is reported at the
// calling Lua code, like a luaL_error.
func tableError(th *vm.Thread, err error) error {
	switch err {
	case vm.ErrTableIndexNil, vm.ErrTableIndexNaN, vm.ErrInvalidNextKey:
		return rawError(err.Error())
	case vm.ErrReadOnly:
		return th.ErrorAt(1, err.Error())
	}
	return err
}
