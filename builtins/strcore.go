package builtins

// This file holds the searching algorithms of string.find, string.match,
// string.gmatch and string.gsub over Go strings (str_find_aux, gmatch_aux
// and str_gsub in lstrlib.c). The library functions in string.go convert
// their arguments and results; the algorithms here are independent of the
// VM so that they can be tested on their own.

import "strings"

// posRelat turns a possibly negative string position into a non-negative
// one: -1 is the last byte (posrelat in lstrlib.c).
func posRelat(pos int64, n int) int64 {
	if pos < 0 {
		pos += int64(n) + 1
	}
	if pos < 0 {
		return 0
	}
	return pos
}

// findResult is the outcome of strFind. When found and !plain, the captures
// are in the matcher.
type findResult struct {
	found      bool
	plain      bool
	start, end int // 0-based, end exclusive
}

// strFind is the search of string.find (find) and string.match (!find):
// init is the 1-based Lua argument, plain the fourth argument of find.
// step meters the work: one unit per BytesPerStep bytes scanned by a plain
// search, plus one; the matcher's steps otherwise.
func (m *matcher) strFind(s, p string, init int64, plain, find bool, step stepper) (findResult, error) {
	i := posRelat(init, len(s)) - 1
	if i < 0 {
		i = 0
	} else if i > int64(len(s)) {
		i = int64(len(s))
	}
	start := int(i)
	if find && (plain || !hasSpecials(p)) {
		// A plain search (lmemfind): the whole pattern, NULs included.
		j := strings.Index(s[start:], p)
		scanned := len(s) - start
		if j >= 0 {
			scanned = j + len(p)
		}
		if step != nil {
			if err := step.Step(byteSteps(scanned) + 1); err != nil {
				return findResult{}, err
			}
		}
		if j < 0 {
			return findResult{}, nil
		}
		return findResult{found: true, plain: true, start: start + j, end: start + j + len(p)}, nil
	}
	anchor := len(p) > 0 && p[0] == '^'
	if anchor {
		p = p[1:]
	}
	m.reset(s, p, step)
	b, e, err := m.find(start, anchor)
	if err != nil || b < 0 {
		return findResult{}, err
	}
	return findResult{found: true, start: b, end: e}, nil
}

// gmatchNext finds the next match of a string.gmatch iteration at or after
// *pos, and moves *pos past it (gmatch_aux). The pattern is not anchored:
// "^" is an ordinary character here, as in 5.1.
func (m *matcher) gmatchNext(s, p string, pos *int, step stepper) (findResult, error) {
	if *pos > len(s) {
		return findResult{}, nil
	}
	m.reset(s, p, step)
	b, e, err := m.find(*pos, false)
	if err != nil || b < 0 {
		*pos = len(s) + 1
		return findResult{}, err
	}
	if e == b {
		*pos = e + 1 // an empty match: go at least one position further
	} else {
		*pos = e
	}
	return findResult{found: true, start: b, end: e}, nil
}

// gsubReplacer appends the replacement of match src[s:e] to the buffer
// gsub builds, reserving its size before appending it; the captures are in
// the matcher running gsub. The replacer knows both (they are not passed,
// so that they may stay on the caller's stack instead of escaping through
// the function value).
type gsubReplacer func(s, e int) error

// gsub replaces up to maxN matches of p in src (str_gsub), building the
// result in buf: the bytes of the subject it keeps are reserved before
// they are copied (the replacer reserves its own output); step meters the
// matcher.
func (m *matcher) gsub(src, p string, maxN int64, repl gsubReplacer, buf *strBuf, step stepper) (n int64, err error) {
	anchor := len(p) > 0 && p[0] == '^'
	if anchor {
		p = p[1:]
	}
	m.reset(src, p, step)
	s := 0
	for n < maxN {
		e, err := m.matchAt(s)
		if err != nil {
			return n, err
		}
		if e >= 0 {
			n++
			if err := repl(s, e); err != nil {
				return n, err
			}
		}
		switch {
		case e > s:
			s = e
		case s < len(src):
			if err := buf.reserve(1); err != nil {
				return n, err
			}
			buf.b = append(buf.b, src[s])
			s++
		default:
			goto done
		}
		if anchor {
			break
		}
	}
done:
	return n, buf.appendString(src[s:])
}

// appendReplString appends the expansion of the gsub replacement string r
// for match src[s:e] (add_s): "%0" is the whole match, "%1".."%9" the
// captures, "%" followed by any other character that character (a "%" at
// the very end adds a NUL byte, as 5.1 reads the C string's terminator).
func appendReplString(m *matcher, out []byte, r string, s, e int) ([]byte, error) {
	for i := 0; i < len(r); i++ {
		c := r[i]
		if c != '%' {
			out = append(out, c)
			continue
		}
		i++
		var d byte
		if i < len(r) {
			d = r[i]
		}
		switch {
		case d < '0' || d > '9':
			out = append(out, d)
		case d == '0':
			out = append(out, m.src[s:e]...)
		default:
			cv, err := m.capture(int(d-'1'), s, e)
			if err != nil {
				return nil, err
			}
			if cv.isPos {
				out = appendInt(out, int64(cv.pos))
			} else {
				out = append(out, cv.s...)
			}
		}
	}
	return out, nil
}

// replStringLen is the length appendReplString will append.
func replStringLen(m *matcher, r string, s, e int) (int, error) {
	n := 0
	for i := 0; i < len(r); i++ {
		if r[i] != '%' {
			n++
			continue
		}
		i++
		var d byte
		if i < len(r) {
			d = r[i]
		}
		switch {
		case d < '0' || d > '9':
			n++
		case d == '0':
			n += e - s
		default:
			cv, err := m.capture(int(d-'1'), s, e)
			if err != nil {
				return 0, err
			}
			if cv.isPos {
				n += len(appendInt(nil, int64(cv.pos)))
			} else {
				n += len(cv.s)
			}
		}
	}
	return n, nil
}

func appendInt(out []byte, i int64) []byte {
	var buf [20]byte
	n := len(buf)
	u := uint64(i)
	if i < 0 {
		u = -u
	}
	for {
		n--
		buf[n] = byte('0' + u%10)
		u /= 10
		if u == 0 {
			break
		}
	}
	if i < 0 {
		out = append(out, '-')
	}
	return append(out, buf[n:]...)
}
