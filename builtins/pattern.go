package builtins

// This file is the Lua 5.1 pattern matcher (lstrlib.c's match and helpers),
// written over Go strings.
//
// The matcher is a backtracking recursive descent over the pattern, exactly
// as in lstrlib.c, so every pattern matches the same substrings with the same
// captures as lua5.1:
//
//   - a single-character class (".", "%a", "[set]", a literal) followed by
//     "*" or "+" expands greedily and backs off one character at a time
//     (maxExpand); followed by "-" it expands lazily (minExpand); followed by
//     "?" it tries with and without the character;
//   - "(" opens a capture, "()" records a position, ")" closes the innermost
//     open capture; a failed continuation undoes the capture;
//   - "%1".."%9" match a copy of an earlier capture, "%bxy" a balanced
//     substring, "%f[set]" the frontier where the previous character is not
//     in set and the next one is;
//   - "$" at the very end of the pattern anchors at the end of the subject.
//     "^" at the start is handled by the callers (find, match, gsub), not by
//     the matcher, exactly as in 5.1 (so gmatch treats "^" as a literal).
//
// As in 5.1 (whose patterns are C strings), a pattern ends at its first NUL
// byte; use "%z" to match a zero byte.
//
// Two things are added for the sandbox:
//
//   - Work is metered. Every entry into match and every character examined
//     by an expansion, a balance scan or a back-reference costs one step.
//     Steps are counted locally and handed to the step callback every
//     patternStepFlush steps and when the match finishes, so a catastrophic
//     backtracking pattern stops at the instruction limit.
//   - Recursion is bounded by MaxMatchDepth, giving "pattern too complex"
//     (Lua 5.2's guard; 5.1 relied on the C stack) instead of exhausting the
//     Go stack.
//
// One shortcut does not change results: when a pattern starts with a
// literal byte that is not optional, find skips with strings.IndexByte to
// the next position holding it instead of attempting a match at every
// position (the skipped bytes cost one step per BytesPerStep).

import (
	"errors"
	"strings"
)

// MaxCaptures is the maximum number of captures in one pattern
// (LUA_MAXCAPTURES in luaconf.h).
const MaxCaptures = 32

// MaxMatchDepth bounds the recursion of the matcher (MAXCCALLS in Lua 5.2's
// lstrlib.c; Lua 5.1 had no bound and could overflow the C stack).
const MaxMatchDepth = 200

// patternStepFlush is how many steps the matcher accumulates before it calls
// its step callback.
const patternStepFlush = 1024

// Capture lengths with a special meaning (CAP_UNFINISHED and CAP_POSITION in
// lstrlib.c).
const (
	capUnfinished = -1
	capPosition   = -2
)

// specials are the characters that make a find pattern more than plain text
// (SPECIALS in lstrlib.c).
const specials = "^$*+?.([%-"

// PatternError is an error in a pattern or in the use of its captures, with
// Lua 5.1's message ("malformed pattern (missing ']')", "invalid capture
// index", ...).
type PatternError struct{ Msg string }

func (e *PatternError) Error() string { return e.Msg }

// matchAbort carries an error out of the recursive matcher by panic; the
// exported entry points recover it.
type matchAbort struct{ err error }

type capture struct {
	init int // start offset in src
	len  int // length, or capUnfinished / capPosition
}

// matcher is the state of one match (MatchState in lstrlib.c). It is reused
// across the match attempts of find, gmatch and gsub.
type matcher struct {
	src   string
	pat   string // truncated at the first NUL, as C sees it
	level int    // number of captures (finished or not)
	depth int
	caps  [MaxCaptures]capture

	pending int64   // steps not yet handed to step
	total   int64   // all steps counted, for tests
	step    stepper // the meter; may be nil
}

// stepper is the meter of a matcher: *vm.Thread, or a stepFunc in tests.
// (An interface holding a pointer does not allocate, unlike a method value
// bound to the thread.)
type stepper interface{ Step(units int64) error }

// stepFunc adapts a function to stepper.
type stepFunc func(int64) error

func (f stepFunc) Step(n int64) error { return f(n) }

// newMatcher prepares a matcher for subject src and pattern pat.
func (m *matcher) reset(src, pat string, step stepper) {
	if i := strings.IndexByte(pat, 0); i >= 0 {
		pat = pat[:i]
	}
	m.src, m.pat, m.step = src, pat, step
	m.level, m.depth, m.pending, m.total = 0, 0, 0, 0
}

func (m *matcher) fail(msg string) {
	panic(matchAbort{&PatternError{Msg: msg}})
}

// charge counts n steps and hands them to the meter every patternStepFlush.
func (m *matcher) charge(n int64) {
	m.pending += n
	m.total += n
	if m.pending >= patternStepFlush {
		m.flush()
	}
}

func (m *matcher) flush() {
	if m.pending == 0 || m.step == nil {
		m.pending = 0
		return
	}
	n := m.pending
	m.pending = 0
	if err := m.step.Step(n); err != nil {
		panic(matchAbort{err})
	}
}

// at returns the pattern byte at p, or 0 at the end (C's terminating NUL).
func (m *matcher) at(p int) byte {
	if p < len(m.pat) {
		return m.pat[p]
	}
	return 0
}

// srcAt returns the subject byte at s, or 0 at the end.
func (m *matcher) srcAt(s int) byte {
	if s < len(m.src) {
		return m.src[s]
	}
	return 0
}

// classEnd returns the index just past the single-character class at p.
func (m *matcher) classEnd(p int) int {
	c := m.at(p)
	p++
	switch c {
	case '%':
		if p >= len(m.pat) {
			m.fail("malformed pattern (ends with '%')")
		}
		return p + 1
	case '[':
		if m.at(p) == '^' {
			p++
		}
		for { // look for a ']'; the first character is never the end
			if p >= len(m.pat) {
				m.fail("malformed pattern (missing ']')")
			}
			c := m.pat[p]
			p++
			if c == '%' && p < len(m.pat) {
				p++ // skip escapes such as "%]"
			}
			if m.at(p) == ']' {
				return p + 1
			}
		}
	}
	return p
}

// matchClass reports whether c belongs to class cl ("a" for %a, ...); an
// upper-case class letter is the complement. Other characters stand for
// themselves. The classes are those of the C locale.
func matchClass(c, cl byte) bool {
	var res bool
	switch cl | 0x20 {
	case 'a':
		res = isAlpha(c)
	case 'c':
		res = c < 32 || c == 127
	case 'd':
		res = c >= '0' && c <= '9'
	case 'l':
		res = c >= 'a' && c <= 'z'
	case 'p':
		res = isPunct(c)
	case 's':
		res = c == ' ' || c >= '\t' && c <= '\r'
	case 'u':
		res = c >= 'A' && c <= 'Z'
	case 'w':
		res = isAlpha(c) || c >= '0' && c <= '9'
	case 'x':
		res = c >= '0' && c <= '9' || c|0x20 >= 'a' && c|0x20 <= 'f'
	case 'z':
		res = c == 0
	default:
		return cl == c
	}
	if cl >= 'A' && cl <= 'Z' {
		return !res
	}
	return res
}

func isAlpha(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

func isPunct(c byte) bool {
	return c > 32 && c < 127 && !isAlpha(c) && !(c >= '0' && c <= '9')
}

// matchBracketClass reports whether c is in the set pat[p:ec+1], where p is
// the '[' and ec the closing ']'.
func (m *matcher) matchBracketClass(c byte, p, ec int) bool {
	sig := true
	if m.at(p+1) == '^' {
		sig = false
		p++
	}
	for p++; p < ec; p++ {
		switch {
		case m.pat[p] == '%':
			p++
			if matchClass(c, m.at(p)) {
				return sig
			}
		case m.at(p+1) == '-' && p+2 < ec:
			p += 2
			if m.pat[p-2] <= c && c <= m.pat[p] {
				return sig
			}
		case m.pat[p] == c:
			return sig
		}
	}
	return !sig
}

// singleMatch reports whether c matches the single-character class
// pat[p:ep].
func (m *matcher) singleMatch(c byte, p, ep int) bool {
	switch m.pat[p] {
	case '.':
		return true
	case '%':
		return matchClass(c, m.at(p+1))
	case '[':
		return m.matchBracketClass(c, p, ep-1)
	}
	return m.pat[p] == c
}

// matchBalance matches "%bxy" (p points at x) at s; it returns the end of
// the balanced substring or -1.
func (m *matcher) matchBalance(s, p int) int {
	if p+1 >= len(m.pat) {
		m.fail("unbalanced pattern")
	}
	if s >= len(m.src) || m.src[s] != m.pat[p] {
		return -1
	}
	b, e := m.pat[p], m.pat[p+1]
	cont := 1
	start := s
	for s++; s < len(m.src); s++ {
		if c := m.src[s]; c == e {
			cont--
			if cont == 0 {
				m.charge(int64(s - start))
				return s + 1
			}
		} else if c == b {
			cont++
		}
	}
	m.charge(int64(s - start))
	return -1
}

// maxExpand matches the greedy repetition of pat[p:ep] followed by the rest
// of the pattern after ep.
func (m *matcher) maxExpand(s, p, ep int) int {
	i := 0
	for s+i < len(m.src) && m.singleMatch(m.src[s+i], p, ep) {
		i++
	}
	m.charge(int64(i))
	for ; i >= 0; i-- { // try with the longest run, then back off
		if res := m.match(s+i, ep+1); res >= 0 {
			return res
		}
	}
	return -1
}

// minExpand matches the lazy repetition of pat[p:ep] followed by the rest of
// the pattern after ep.
func (m *matcher) minExpand(s, p, ep int) int {
	for {
		if res := m.match(s, ep+1); res >= 0 {
			return res
		}
		if s < len(m.src) && m.singleMatch(m.src[s], p, ep) {
			s++ // try with one more repetition
		} else {
			return -1
		}
	}
}

func (m *matcher) startCapture(s, p, what int) int {
	if m.level >= MaxCaptures {
		m.fail("too many captures")
	}
	m.caps[m.level] = capture{init: s, len: what}
	m.level++
	res := m.match(s, p)
	if res < 0 {
		m.level-- // undo the capture
	}
	return res
}

func (m *matcher) endCapture(s, p int) int {
	l := m.captureToClose()
	m.caps[l].len = s - m.caps[l].init
	res := m.match(s, p)
	if res < 0 {
		m.caps[l].len = capUnfinished // undo the capture
	}
	return res
}

func (m *matcher) captureToClose() int {
	for level := m.level - 1; level >= 0; level-- {
		if m.caps[level].len == capUnfinished {
			return level
		}
	}
	m.fail("invalid pattern capture")
	return 0
}

// checkCapture converts the back-reference digit l to a capture index.
func (m *matcher) checkCapture(l byte) int {
	i := int(l) - '1'
	if i < 0 || i >= m.level || m.caps[i].len == capUnfinished {
		m.fail("invalid capture index")
	}
	return i
}

func (m *matcher) matchCapture(s int, l byte) int {
	i := m.checkCapture(l)
	c := m.caps[i]
	// A position capture has no text; in C its length is (size_t)-2, which
	// never fits, so the back-reference fails.
	if c.len < 0 || len(m.src)-s < c.len {
		return -1
	}
	m.charge(int64(c.len))
	if m.src[s:s+c.len] == m.src[c.init:c.init+c.len] {
		return s + c.len
	}
	return -1
}

// match matches the pattern from p against the subject from s and returns
// the end of the match or -1 (match in lstrlib.c). Tail positions loop
// instead of recursing, as the C code does with goto.
func (m *matcher) match(s, p int) int {
	m.depth++
	if m.depth > MaxMatchDepth {
		m.fail("pattern too complex")
	}
	res := m.doMatch(s, p)
	m.depth-- // an abort skips this; reset clears depth
	return res
}

func (m *matcher) doMatch(s, p int) int {
	for {
		m.charge(1)
		if p >= len(m.pat) { // end of pattern
			return s
		}
		switch m.pat[p] {
		case '(':
			if m.at(p+1) == ')' {
				return m.startCapture(s, p+2, capPosition)
			}
			return m.startCapture(s, p+1, capUnfinished)
		case ')':
			return m.endCapture(s, p+1)
		case '$':
			if p+1 == len(m.pat) {
				if s == len(m.src) {
					return s
				}
				return -1
			}
		case '%':
			switch m.at(p + 1) {
			case 'b':
				s = m.matchBalance(s, p+2)
				if s < 0 {
					return -1
				}
				p += 4
				continue
			case 'f':
				p += 2
				if m.at(p) != '[' {
					m.fail("missing '[' after '%f' in pattern")
				}
				ep := m.classEnd(p)
				var prev byte
				if s > 0 {
					prev = m.src[s-1]
				}
				if m.matchBracketClass(prev, p, ep-1) || !m.matchBracketClass(m.srcAt(s), p, ep-1) {
					return -1
				}
				p = ep
				continue
			default:
				if d := m.at(p + 1); d >= '0' && d <= '9' {
					s = m.matchCapture(s, d)
					if s < 0 {
						return -1
					}
					p += 2
					continue
				}
			}
		}
		// The default case: a single-character class, maybe with a suffix.
		ep := m.classEnd(p)
		ok := s < len(m.src) && m.singleMatch(m.src[s], p, ep)
		switch m.at(ep) {
		case '?':
			if ok {
				if res := m.match(s+1, ep+1); res >= 0 {
					return res
				}
			}
			p = ep + 1
		case '*':
			return m.maxExpand(s, p, ep)
		case '+':
			if !ok {
				return -1
			}
			return m.maxExpand(s+1, p, ep)
		case '-':
			return m.minExpand(s, p, ep)
		default:
			if !ok {
				return -1
			}
			s++
			p = ep
		}
	}
}

// recoverAbort turns a matcher abort into *err; it must be deferred.
func (m *matcher) recoverAbort(err *error) {
	if r := recover(); r != nil {
		a, ok := r.(matchAbort)
		if !ok {
			panic(r)
		}
		*err = a.err
	}
}

// matchAt tries one match at s with no anchor search (ms.level reset), and
// flushes the steps.
func (m *matcher) matchAt(s int) (end int, err error) {
	defer m.recoverAbort(&err)
	m.level = 0
	end = m.match(s, 0)
	m.flush()
	return end, nil
}

// find looks for the first match at or after init (a 0-based offset, at
// most len(src)); with anchor only at init. It returns the match bounds,
// or start = -1.
func (m *matcher) find(init int, anchor bool) (start, end int, err error) {
	defer m.recoverAbort(&err)
	first := m.literalPrefix()
	for s := init; s <= len(m.src); s++ {
		if first >= 0 && !anchor {
			// A match must start with this byte: skip to its next
			// occurrence (one step per BytesPerStep bytes skipped).
			i := strings.IndexByte(m.src[s:], byte(first))
			if i < 0 {
				m.charge(int64(len(m.src)-s)/BytesPerStep + 1)
				break
			}
			m.charge(int64(i) / BytesPerStep)
			s += i
		}
		m.level = 0
		if e := m.match(s, 0); e >= 0 {
			m.flush()
			return s, e, nil
		}
		if anchor {
			break
		}
	}
	m.flush()
	return -1, -1, nil
}

// literalPrefix returns the byte every match must start with when the
// pattern begins with a literal character that is not optional, or -1.
func (m *matcher) literalPrefix() int {
	if len(m.pat) == 0 {
		return -1
	}
	c := m.pat[0]
	if strings.IndexByte("()%[.$", c) >= 0 {
		return -1
	}
	if len(m.pat) > 1 && strings.IndexByte("*?-", m.pat[1]) >= 0 {
		return -1
	}
	return int(c)
}

// capValue is one capture as Lua sees it: a substring, or a 1-based position
// when isPos.
type capValue struct {
	s     string
	pos   int
	isPos bool
}

// capture returns capture i of the match src[s:e] (push_onecapture): with no
// explicit captures, capture 0 is the whole match.
func (m *matcher) capture(i, s, e int) (capValue, error) {
	if i >= m.level {
		if i == 0 {
			return capValue{s: m.src[s:e]}, nil
		}
		return capValue{}, &PatternError{Msg: "invalid capture index"}
	}
	c := m.caps[i]
	switch c.len {
	case capUnfinished:
		return capValue{}, &PatternError{Msg: "unfinished capture"}
	case capPosition:
		return capValue{pos: c.init + 1, isPos: true}, nil
	}
	return capValue{s: m.src[c.init : c.init+c.len]}, nil
}

// ncaptures is the number of values a match yields (push_captures): the
// captures, or the whole match when there are none and wholeMatch is set.
func (m *matcher) ncaptures(wholeMatch bool) int {
	if m.level == 0 && wholeMatch {
		return 1
	}
	return m.level
}

// hasSpecials reports whether pattern p (up to its first NUL, as C's
// strpbrk sees it) has a magic character, so find cannot search plain text.
func hasSpecials(p string) bool {
	if i := strings.IndexByte(p, 0); i >= 0 {
		p = p[:i]
	}
	return strings.ContainsAny(p, specials)
}

// isPatternError reports whether err is an error of the pattern itself.
func isPatternError(err error) bool {
	var pe *PatternError
	return errors.As(err, &pe)
}
