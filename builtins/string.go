package builtins

// The string library (lstrlib.c of Lua 5.1) minus string.dump. The
// algorithms live in pattern.go, strcore.go and format.go; the functions
// here check arguments as 5.1 does, meter the work and build results.
//
// Metering: every function charges the memory of each string it creates
// (vm.Thread.NewString) before creating it, and one instruction unit per
// BytesPerStep bytes it scans, copies or produces; pattern functions also
// charge one unit per matcher step. Substrings (sub, captures, match
// results) share the subject's bytes and cost no memory.

import (
	"strings"

	"github.com/kestrel-runtime/lua/vm"
)

// OpenString installs the string library into env.string.
func OpenString(env *vm.Table) error {
	setFuncs(libTable(env, "string", 32), map[string]goFn{
		"byte":    strByte,
		"char":    strChar,
		"find":    strFindFn,
		"format":  strFormat,
		"gmatch":  strGmatch,
		"gsub":    strGsub,
		"len":     strLen,
		"lower":   strLower,
		"match":   strMatch,
		"rep":     strRep,
		"reverse": strReverse,
		"sub":     strSub,
		"upper":   strUpper,
	})
	return nil
}

func strLen(th *vm.Thread, args []vm.Value) (int, error) {
	s, err := checkString(th, args, 1)
	if err != nil {
		return 0, err
	}
	th.Push(vm.Int(int64(len(s))))
	return 1, nil
}

func strSub(th *vm.Thread, args []vm.Value) (int, error) {
	s, err := checkString(th, args, 1)
	if err != nil {
		return 0, err
	}
	i, err := checkInt(th, args, 2)
	if err != nil {
		return 0, err
	}
	j, err := optInt(th, args, 3, -1)
	if err != nil {
		return 0, err
	}
	l := int64(len(s))
	start, end := posRelat(i, len(s)), posRelat(j, len(s))
	if start < 1 {
		start = 1
	}
	if end > l {
		end = l
	}
	if start > end {
		th.Push(vm.String(""))
		return 1, nil
	}
	th.Push(vm.String(s[start-1 : end]))
	return 1, nil
}

// mapBytes returns s with f applied to every byte, charged.
func mapBytes(th *vm.Thread, s string, f func(byte) byte) (string, error) {
	if s == "" {
		return "", nil
	}
	if err := newString(th, len(s)); err != nil {
		return "", err
	}
	b := make([]byte, len(s))
	for i := 0; i < len(s); i++ {
		b[i] = f(s[i])
	}
	return string(b), nil
}

func strUpper(th *vm.Thread, args []vm.Value) (int, error) {
	s, err := checkString(th, args, 1)
	if err != nil {
		return 0, err
	}
	r, err := mapBytes(th, s, func(c byte) byte {
		if c >= 'a' && c <= 'z' {
			return c - 'a' + 'A'
		}
		return c
	})
	if err != nil {
		return 0, err
	}
	th.Push(vm.String(r))
	return 1, nil
}

func strLower(th *vm.Thread, args []vm.Value) (int, error) {
	s, err := checkString(th, args, 1)
	if err != nil {
		return 0, err
	}
	r, err := mapBytes(th, s, func(c byte) byte {
		if c >= 'A' && c <= 'Z' {
			return c - 'A' + 'a'
		}
		return c
	})
	if err != nil {
		return 0, err
	}
	th.Push(vm.String(r))
	return 1, nil
}

func strReverse(th *vm.Thread, args []vm.Value) (int, error) {
	s, err := checkString(th, args, 1)
	if err != nil {
		return 0, err
	}
	if len(s) <= 1 {
		th.Push(vm.String(s))
		return 1, nil
	}
	if err := newString(th, len(s)); err != nil {
		return 0, err
	}
	b := make([]byte, len(s))
	for i := 0; i < len(s); i++ {
		b[len(s)-1-i] = s[i]
	}
	th.Push(vm.String(string(b)))
	return 1, nil
}

// MaxStringLen bounds the strings a builtin builds (string.rep,
// table.concat, gsub...) even without a memory limit; longer requests fail
// with the memory error, as a failed allocation does in Lua.
const MaxStringLen = 1 << 31

// memError is the memory error of a string too long to build.
func memError(th *vm.Thread, n int64) error {
	m := th.Meter()
	return &vm.LimitError{Kind: vm.ErrMemoryLimit, Limit: m.MemoryLimit(), Used: m.Bytes(), Asked: n}
}

func strRep(th *vm.Thread, args []vm.Value) (int, error) {
	s, err := checkString(th, args, 1)
	if err != nil {
		return 0, err
	}
	n, err := checkCInt(th, args, 2)
	if err != nil {
		return 0, err
	}
	if n <= 0 {
		th.Push(vm.String(""))
		return 1, nil
	}
	// Size the result before building anything: string.rep("x", 1e9) fails
	// here, at the memory or instruction limit, without allocating.
	if len(s) > 0 && n > MaxStringLen/int64(len(s)) {
		return 0, memError(th, MaxStringLen)
	}
	total := int(n) * len(s)
	if err := th.NewString(total); err != nil {
		return 0, err
	}
	if err := th.Step(byteSteps(max(total, int(min(n, MaxStringLen))))); err != nil {
		return 0, err
	}
	th.Push(vm.String(strings.Repeat(s, int(n))))
	return 1, nil
}

func strByte(th *vm.Thread, args []vm.Value) (int, error) {
	s, err := checkString(th, args, 1)
	if err != nil {
		return 0, err
	}
	i, err := optInt(th, args, 2, 1)
	if err != nil {
		return 0, err
	}
	posi := posRelat(i, len(s))
	j, err := optInt(th, args, 3, posi)
	if err != nil {
		return 0, err
	}
	pose := posRelat(j, len(s))
	if posi <= 0 {
		posi = 1
	}
	if pose > int64(len(s)) {
		pose = int64(len(s))
	}
	if posi > pose {
		return 0, nil
	}
	n := pose - posi + 1
	if n+int64(len(args)) > MaxUnpack {
		return 0, th.Errorf("stack overflow (string slice too long)")
	}
	if err := th.Step(byteSteps(int(n))); err != nil {
		return 0, err
	}
	for k := posi; k <= pose; k++ {
		th.Push(vm.Int(int64(s[k-1])))
	}
	return int(n), nil
}

func strChar(th *vm.Thread, args []vm.Value) (int, error) {
	if err := newString(th, len(args)); err != nil {
		return 0, err
	}
	b := make([]byte, len(args))
	for i := range args {
		c, err := checkCInt(th, args, i+1)
		if err != nil {
			return 0, err
		}
		if c < 0 || c > 255 {
			return 0, th.ArgError(i+1, "invalid value")
		}
		b[i] = byte(c)
	}
	th.Push(vm.String(string(b)))
	return 1, nil
}

// bufMeter meters a string being built piece by piece: memory is charged
// before each piece is appended, work every 1 KiB and at the end. The
// final string is charged again when it is made from the buffer (so the
// charge bounds the buffer's doublings too).
type bufMeter struct {
	th      *vm.Thread
	pending int
	total   int
}

func (b *bufMeter) grow(n int) error {
	b.total += n
	if b.total > MaxStringLen {
		return memError(b.th, int64(b.total))
	}
	if err := b.th.Charge(int64(n)); err != nil {
		return err
	}
	b.pending += n
	if b.pending >= 1024 {
		return b.flush()
	}
	return nil
}

func (b *bufMeter) flush() error {
	n := b.pending
	b.pending = 0
	return stepBytes(b.th, n)
}

// finish charges the final string of n bytes.
func (b *bufMeter) finish(n int) error {
	if err := b.flush(); err != nil {
		return err
	}
	return b.th.NewString(n)
}

func strFormat(th *vm.Thread, args []vm.Value) (int, error) {
	f, err := checkString(th, args, 1)
	if err != nil {
		return 0, err
	}
	bm := bufMeter{th: th}
	out, err := appendFormat(nil, f, args[1:], bm.grow)
	if err != nil {
		return 0, algoError(th, err)
	}
	if err := bm.finish(len(out)); err != nil {
		return 0, err
	}
	th.Push(vm.String(string(out)))
	return 1, nil
}

// pushCapture pushes capture i of the match src[s:e].
func pushCapture(th *vm.Thread, m *matcher, i, s, e int) error {
	cv, err := m.capture(i, s, e)
	if err != nil {
		return algoError(th, err)
	}
	th.Push(captureValue(cv))
	return nil
}

func captureValue(cv capValue) vm.Value {
	if cv.isPos {
		return vm.Int(int64(cv.pos))
	}
	return vm.String(cv.s)
}

// pushCaptures pushes the captures of the match src[s:e] (push_captures);
// wholeMatch pushes the whole match when there are no captures.
func pushCaptures(th *vm.Thread, m *matcher, s, e int, wholeMatch bool) (int, error) {
	n := m.ncaptures(wholeMatch)
	for i := 0; i < n; i++ {
		if err := pushCapture(th, m, i, s, e); err != nil {
			return 0, err
		}
	}
	return n, nil
}

// strFindAux is string.find (find) and string.match (!find).
func strFindAux(th *vm.Thread, args []vm.Value, find bool) (int, error) {
	s, err := checkString(th, args, 1)
	if err != nil {
		return 0, err
	}
	p, err := checkString(th, args, 2)
	if err != nil {
		return 0, err
	}
	init, err := optInt(th, args, 3, 1)
	if err != nil {
		return 0, err
	}
	var m matcher
	r, err := m.strFind(s, p, init, find && arg(args, 4).Truthy(), find, th)
	if err != nil {
		return 0, algoError(th, err)
	}
	if !r.found {
		th.Push(vm.Nil)
		return 1, nil
	}
	if !find {
		return pushCaptures(th, &m, r.start, r.end, true)
	}
	th.Push(vm.Int(int64(r.start + 1)))
	th.Push(vm.Int(int64(r.end)))
	if r.plain {
		return 2, nil
	}
	n, err := pushCaptures(th, &m, r.start, r.end, false)
	return n + 2, err
}

func strFindFn(th *vm.Thread, args []vm.Value) (int, error) { return strFindAux(th, args, true) }

func strMatch(th *vm.Thread, args []vm.Value) (int, error) { return strFindAux(th, args, false) }

// strGmatch returns an iterator over the matches of a pattern. The
// iterator is a Go function holding the subject, the pattern and the
// position after the last match; it has a per-run id, so tostring shows
// the same text on every run.
func strGmatch(th *vm.Thread, args []vm.Value) (int, error) {
	s, err := checkString(th, args, 1)
	if err != nil {
		return 0, err
	}
	p, err := checkString(th, args, 2)
	if err != nil {
		return 0, err
	}
	if err := th.Charge(gmatchStateCost); err != nil {
		return 0, err
	}
	pos := 0
	var m matcher
	it, err := th.NewGoFunction("(for generator)", func(th *vm.Thread, _ []vm.Value) (int, error) {
		r, err := m.gmatchNext(s, p, &pos, th)
		if err != nil {
			return 0, algoError(th, err)
		}
		if !r.found {
			return 0, nil
		}
		return pushCaptures(th, &m, r.start, r.end, true)
	})
	if err != nil {
		return 0, err
	}
	th.Push(vm.FunctionValue(it))
	return 1, nil
}

// gmatchStateCost is the memory charged for the state of a gmatch iterator
// (its Go closure and matcher) on top of the function itself, which
// vm.Thread.NewGoFunction charges.
const gmatchStateCost = 640

func strGsub(th *vm.Thread, args []vm.Value) (int, error) {
	src, err := checkString(th, args, 1)
	if err != nil {
		return 0, err
	}
	p, err := checkString(th, args, 2)
	if err != nil {
		return 0, err
	}
	repl := arg(args, 3)
	maxN, err := optCInt(th, args, 4, int64(len(src))+1)
	if err != nil {
		return 0, err
	}
	bm := bufMeter{th: th}
	var replace gsubReplacer
	switch repl.Kind() {
	case vm.KindString, vm.KindInt, vm.KindFloat:
		var r string
		if repl.Kind() == vm.KindString {
			r = repl.AsString()
		} else {
			// A number converted to its text, charged as checkString does.
			r = vm.FormatNumber(repl)
			if err := th.NewString(len(r)); err != nil {
				return 0, err
			}
		}
		replace = func(m *matcher, out []byte, s, e int) ([]byte, error) {
			n, err := replStringLen(m, r, s, e)
			if err != nil {
				return nil, algoError(th, err)
			}
			if err := bm.grow(n); err != nil {
				return nil, err
			}
			if out, err = appendReplString(m, out, r, s, e); err != nil {
				return nil, algoError(th, err)
			}
			return out, nil
		}
	case vm.KindTable, vm.KindLuaFunction, vm.KindGoFunction:
		replace = func(m *matcher, out []byte, s, e int) ([]byte, error) {
			var v vm.Value
			if repl.Kind() == vm.KindTable {
				cv, err := m.capture(0, s, e)
				if err != nil {
					return nil, algoError(th, err)
				}
				if v, err = th.Index(repl, captureValue(cv)); err != nil {
					return nil, err
				}
			} else {
				n := m.ncaptures(true)
				caps := make([]vm.Value, n)
				for i := range caps {
					cv, err := m.capture(i, s, e)
					if err != nil {
						return nil, algoError(th, err)
					}
					caps[i] = captureValue(cv)
				}
				res, err := th.Call(repl, caps, 1)
				if err != nil {
					return nil, err
				}
				v = res[0]
			}
			var text string
			switch v.Kind() {
			case vm.KindNil:
				text = m.src[s:e] // keep the original text
			case vm.KindBool:
				if v.AsBool() {
					return nil, th.Errorf("invalid replacement value (a %s)", v.TypeName())
				}
				text = m.src[s:e]
			case vm.KindString:
				text = v.AsString()
			case vm.KindInt, vm.KindFloat:
				text = vm.FormatNumber(v)
			default:
				return nil, th.Errorf("invalid replacement value (a %s)", v.TypeName())
			}
			if err := bm.grow(len(text)); err != nil {
				return nil, err
			}
			return append(out, text...), nil
		}
	default:
		return 0, th.ArgError(3, "string/function/table expected")
	}
	var m matcher
	out, n, err := m.gsub(src, p, maxN, replace, bm.grow, th)
	if err != nil {
		return 0, algoError(th, err)
	}
	if err := bm.finish(len(out)); err != nil {
		return 0, err
	}
	th.Push(vm.String(string(out)))
	th.Push(vm.Int(n))
	return 2, nil
}
