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
	attachFast(libTable(env, "string", 32), map[string]vm.FastFunc{
		"len":   fastLen,
		"lower": fastLower,
		"sub":   fastSub,
		"upper": fastUpper,
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
	th.Push(vm.String(subRange(s, i, j)))
	return 1, nil
}

// subRange is string.sub(s, i, j) once the arguments are integers: a
// substring sharing s's bytes.
func subRange(s string, i, j int64) string {
	l := int64(len(s))
	start, end := posRelat(i, len(s)), posRelat(j, len(s))
	if start < 1 {
		start = 1
	}
	if end > l {
		end = l
	}
	if start > end {
		return ""
	}
	return s[start-1 : end]
}

// mapBytes returns s with f applied to every byte, charged.
func mapBytes(th *vm.Thread, s string, f func(byte) byte) (string, error) {
	if s == "" {
		return "", nil
	}
	if err := newString(th, len(s)); err != nil {
		return "", err
	}
	return mapString(s, f), nil
}

// mapString returns s with f applied to every byte (uncharged). A Builder
// grown once allocates the string's bytes once (a []byte converted with
// string() would be a second copy).
func mapString(s string, f func(byte) byte) string {
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		b.WriteByte(f(s[i]))
	}
	return b.String()
}

func strUpper(th *vm.Thread, args []vm.Value) (int, error) { return mapCase(th, args, true) }

func strLower(th *vm.Thread, args []vm.Value) (int, error) { return mapCase(th, args, false) }

// mapCase returns its string argument in upper or lower case, ASCII letters
// only, as the C locale's toupper and tolower.
func mapCase(th *vm.Thread, args []vm.Value, upper bool) (int, error) {
	s, err := checkString(th, args, 1)
	if err != nil {
		return 0, err
	}
	r, err := mapBytes(th, s, caseMapper(upper))
	if err != nil {
		return 0, err
	}
	th.Push(vm.String(r))
	return 1, nil
}

// caseMapper returns the byte mapping of string.upper or string.lower:
// ASCII letters only, as the C locale's toupper and tolower.
func caseMapper(upper bool) func(byte) byte {
	if upper {
		return toUpper
	}
	return toLower
}

func toUpper(c byte) byte {
	if c-'a' < 26 {
		return c ^ 0x20 // ASCII letters differ in case by bit 5
	}
	return c
}

func toLower(c byte) byte {
	if c-'A' < 26 {
		return c ^ 0x20
	}
	return c
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
	var b strings.Builder // one allocation, as in mapBytes
	b.Grow(len(s))
	for i := len(s) - 1; i >= 0; i-- {
		b.WriteByte(s[i])
	}
	th.Push(vm.String(b.String()))
	return 1, nil
}

// MaxStringLen bounds the strings a builtin builds (string.rep,
// table.concat, gsub...) even without a memory limit; longer requests fail
// with the memory error, as a failed allocation does in Lua.
const MaxStringLen = 1 << 31

// memError is the memory error of a string too long to build.
func memError(th *vm.Thread, n int64) error {
	if th == nil {
		return &vm.LimitError{Kind: vm.ErrMemoryLimit, Asked: n}
	}
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
	var b strings.Builder // one allocation, as in mapBytes
	b.Grow(len(args))
	for i := range args {
		c, err := checkCInt(th, args, i+1)
		if err != nil {
			return 0, err
		}
		if c < 0 || c > 255 {
			return 0, th.ArgError(i+1, "invalid value")
		}
		b.WriteByte(byte(c))
	}
	th.Push(vm.String(b.String()))
	return 1, nil
}

// strBuf is the buffer of a string built piece by piece (gsub, format),
// charging what it really allocates. Before a piece is appended, reserve
// makes room for it: when the backing array must grow, the new one is at
// least twice as large and of a size the Go allocator serves without
// rounding up (a power of two up to maxPow2Buf, whole pages beyond), and
// its whole capacity is charged before it is allocated, so the charges
// cover every doubling, not only the bytes kept. Work costs one unit per
// BytesPerStep bytes appended, charged every KiB and at the end. The final
// string, a copy of the buffer, is charged as a new string.
type strBuf struct {
	th      *vm.Thread // the meter; nil charges nothing (tests)
	b       []byte
	pending int   // bytes appended since work was last charged
	total   int   // bytes reserved (tests: every byte is reserved)
	alloc   int64 // bytes of backing arrays allocated (and charged)
}

const (
	// minBuf is the smallest backing array of a strBuf.
	minBuf = 32
	// maxPow2Buf is the largest backing array sized as a power of two: the
	// Go allocator's size classes include every power of two up to 32 KiB.
	maxPow2Buf = 32 << 10
	// bufPage rounds larger arrays: Go allocates them in whole 8 KiB pages.
	bufPage = 8 << 10
)

// bufCap returns the capacity to allocate for at least n bytes.
func bufCap(n int) int {
	if n <= maxPow2Buf {
		c := minBuf
		for c < n {
			c <<= 1
		}
		return c
	}
	return (n + bufPage - 1) / bufPage * bufPage
}

// reserve makes room for n more bytes, charging them as described at
// strBuf.
func (sb *strBuf) reserve(n int) error {
	need := len(sb.b) + n
	if need > MaxStringLen {
		return memError(sb.th, int64(need))
	}
	if need > cap(sb.b) {
		c := bufCap(max(need, 2*cap(sb.b)))
		if sb.th != nil {
			if err := sb.th.Charge(int64(c)); err != nil {
				return err
			}
		}
		sb.alloc += int64(c)
		nb := make([]byte, len(sb.b), c)
		copy(nb, sb.b)
		sb.b = nb
	}
	sb.total += n
	sb.pending += n
	if sb.pending >= 1024 {
		return sb.flush()
	}
	return nil
}

// appendString appends s, reserving room for it first.
func (sb *strBuf) appendString(s string) error {
	if err := sb.reserve(len(s)); err != nil {
		return err
	}
	sb.b = append(sb.b, s...)
	return nil
}

// newString charges a temporary string of n bytes the algorithm makes (a
// number's text).
func (sb *strBuf) newString(n int) error {
	if sb.th == nil {
		return nil
	}
	return sb.th.NewString(n)
}

// chargeText charges s, the text toStringArg made of v, when v is a
// number: it is a new string.
func (sb *strBuf) chargeText(v vm.Value, s string) error {
	if v.Kind() == vm.KindString {
		return nil
	}
	return sb.newString(len(s))
}

// scan charges the work of reading v when it is a string converted to a
// number.
func (sb *strBuf) scan(v vm.Value) error {
	if sb.th == nil {
		return nil
	}
	return stepString(sb.th, v)
}

func (sb *strBuf) flush() error {
	n := sb.pending
	sb.pending = 0
	if sb.th == nil {
		return nil
	}
	return stepBytes(sb.th, n)
}

// finish charges the remaining work and the final string, and returns it.
func (sb *strBuf) finish() (string, error) {
	if err := sb.flush(); err != nil {
		return "", err
	}
	if sb.th != nil {
		if err := sb.th.NewString(len(sb.b)); err != nil {
			return "", err
		}
	}
	return string(sb.b), nil
}

func strFormat(th *vm.Thread, args []vm.Value) (int, error) {
	f, err := checkString(th, args, 1)
	if err != nil {
		return 0, err
	}
	buf := strBuf{th: th}
	if err := appendFormat(&buf, f, args[1:]); err != nil {
		return 0, algoError(th, err)
	}
	out, err := buf.finish()
	if err != nil {
		return 0, err
	}
	th.Push(vm.String(out))
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

// matcherCost is the memory charged for a matcher allocated on the heap
// (the size class of its 600-odd bytes; TestMatcherCostCoversItsSize).
const matcherCost = 640

// gmatchStateCost is the memory charged for the state of a gmatch iterator
// on top of the function itself, which vm.Thread.NewGoFunction charges:
// its matcher, its Go closure (a code pointer and the subject, the
// pattern and two pointers: 56 bytes, size class 64) and the position
// (8).
const gmatchStateCost = matcherCost + 64 + 16

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
	buf := strBuf{th: th}
	var m matcher
	var capArgs [MaxCaptures]vm.Value // the arguments of a function replacement
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
		replace = func(s, e int) error {
			n, err := replStringLen(&m, r, s, e)
			if err != nil {
				return algoError(th, err)
			}
			if err := buf.reserve(n); err != nil {
				return err
			}
			if buf.b, err = appendReplString(&m, buf.b, r, s, e); err != nil {
				return algoError(th, err)
			}
			return nil
		}
	case vm.KindTable, vm.KindLuaFunction, vm.KindGoFunction:
		replace = func(s, e int) error {
			var v vm.Value
			if repl.Kind() == vm.KindTable {
				cv, err := m.capture(0, s, e)
				if err != nil {
					return algoError(th, err)
				}
				if v, err = th.Index(repl, captureValue(cv)); err != nil {
					return err
				}
			} else {
				caps := capArgs[:m.ncaptures(true)]
				for i := range caps {
					cv, err := m.capture(i, s, e)
					if err != nil {
						return algoError(th, err)
					}
					caps[i] = captureValue(cv)
				}
				res, err := th.Call(repl, caps, 1)
				if err != nil {
					return err
				}
				v = res[0]
			}
			var text string
			switch v.Kind() {
			case vm.KindNil:
				text = m.src[s:e] // keep the original text
			case vm.KindBool:
				if v.AsBool() {
					return th.Errorf("invalid replacement value (a %s)", v.TypeName())
				}
				text = m.src[s:e]
			case vm.KindString:
				text = v.AsString()
			case vm.KindInt, vm.KindFloat:
				text = vm.FormatNumber(v)
				if err := th.NewString(len(text)); err != nil {
					return err
				}
			default:
				return th.Errorf("invalid replacement value (a %s)", v.TypeName())
			}
			return buf.appendString(text)
		}
	default:
		return 0, th.ArgError(3, "string/function/table expected")
	}
	n, err := m.gsub(src, p, maxN, replace, &buf, th)
	if err != nil {
		return 0, algoError(th, err)
	}
	out, err := buf.finish()
	if err != nil {
		return 0, err
	}
	th.Push(vm.String(out))
	th.Push(vm.Int(n))
	return 2, nil
}
