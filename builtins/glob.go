package builtins

// This file is string.glob_match(s, pattern), the shell-style wildcard
// match of detection rules ("*/tmp/*.sh").
//
// Syntax, over bytes (no UTF-8 decoding, no escape character):
//
//	*        any sequence of bytes, "/" included, possibly empty
//	?        any one byte
//	[abc]    one byte of the set; "a-z" is a range; a "]" right after
//	         "[" (or "[!") is a member; "[!abc]" (or "[^abc]") negates
//	other    the byte itself; write "[*]", "[?]", "[[]" for a literal
//	         wildcard character
//
// The whole subject must match. A "[" without its "]" is an error,
// "malformed glob pattern (missing ']')", reported before matching starts.
//
// The algorithm is the iterative two-pointer matcher: walk subject and
// pattern together; at a "*" remember where it is and where in the subject
// its run would end; on a mismatch, go back to the last "*" only, letting
// it absorb one more byte. Backing up further is never needed, because a
// later "*" can absorb anything an earlier one could. So each subject
// position is visited at most once per pattern element after the last
// star: time is O(len(s) × len(pattern)), linear in the subject for a
// given rule, never exponential, with no recursion and no allocation. Each
// comparison costs one step, metered like pattern matching.

import "strings"

// globFlush is how many steps globMatch counts between two calls of its
// step callback.
const globFlush = 1024

// globMatch reports whether s matches pattern, and how many steps it took.
// step, if not nil, is called with the steps done every globFlush steps, so
// that a long match can be stopped by the meter; its error ends the match.
func globMatch(s, pattern string, step func(int64) error) (matched bool, steps int64, err error) {
	if err := checkGlob(pattern); err != nil {
		return false, 0, err
	}
	px, sx := 0, 0
	starPx, starSx := -1, 0 // the last star and the subject position after its run
	next := int64(globFlush)
	for sx < len(s) || px < len(pattern) {
		steps++
		if steps >= next && step != nil {
			next += globFlush
			if err := step(globFlush); err != nil {
				return false, steps, err
			}
		}
		if px < len(pattern) {
			switch c := pattern[px]; c {
			case '*':
				starPx, starSx = px, sx
				px++
				continue
			case '?':
				if sx < len(s) {
					px++
					sx++
					continue
				}
			case '[':
				if sx < len(s) {
					ok, end := globSet(pattern, px, s[sx])
					steps += int64(end-px) / 4 // long sets cost more
					if ok {
						px = end
						sx++
						continue
					}
				}
			default:
				if sx < len(s) && s[sx] == c {
					px++
					sx++
					continue
				}
			}
		}
		// Mismatch: let the last star absorb one more byte.
		if starPx >= 0 && starSx < len(s) {
			starSx++
			px, sx = starPx+1, starSx
			continue
		}
		return false, steps, nil
	}
	return true, steps, nil
}

// checkGlob reports a set without its closing "]".
func checkGlob(pattern string) error {
	for i := 0; i < len(pattern); i++ {
		if pattern[i] == '[' {
			end := globSetEnd(pattern, i)
			if end < 0 {
				return &luaError{msg: "malformed glob pattern (missing ']')"}
			}
			i = end - 1
		}
	}
	return nil
}

// globSetEnd returns the index after the "]" closing the set at p, or -1.
func globSetEnd(pattern string, p int) int {
	i := p + 1
	if i < len(pattern) && (pattern[i] == '!' || pattern[i] == '^') {
		i++
	}
	if i < len(pattern) && pattern[i] == ']' {
		i++ // a leading "]" is a member
	}
	j := strings.IndexByte(pattern[i:], ']')
	if j < 0 {
		return -1
	}
	return i + j + 1
}

// globSet reports whether c is in the set at pattern[p] (a checked "["),
// and returns the index after the set.
func globSet(pattern string, p int, c byte) (bool, int) {
	end := globSetEnd(pattern, p)
	i := p + 1
	negate := pattern[i] == '!' || pattern[i] == '^'
	if negate {
		i++
	}
	in := false
	for ; i < end-1; i++ {
		lo := pattern[i]
		if i+2 < end-1 && pattern[i+1] == '-' {
			if lo <= c && c <= pattern[i+2] {
				in = true
			}
			i += 2
			continue
		}
		if lo == c {
			in = true
		}
	}
	return in != negate, end
}
