package builtins

// The detection builtins of kestrel-lua: plain-text tests on strings,
// glob matching, RE2 regular expressions and alerts.
//
//	string.contains(s, sub)       plain substring test (no patterns)
//	string.startswith(s, prefix)  plain prefix test
//	string.endswith(s, suffix)    plain suffix test
//	string.glob_match(s, pattern) shell wildcards, see glob.go
//	regex.match(pattern, text)    Go regexp (RE2) syntax, unanchored
//	alert.emit(rule_id, message)  records an alert in the run's result
//
// The plain tests allocate nothing. Regular expressions are compiled once
// and kept in a bounded cache shared by all goroutines (compiled regexps
// are safe for concurrent use); the cache evicts the oldest entry first,
// and its state never changes what a rule computes or is charged: every
// call costs the same whether its pattern was cached or not.

import (
	"fmt"
	"regexp"
	"regexp/syntax"
	"strings"
	"sync"

	"github.com/kestrel-runtime/lua/vm"
)

// OpenDetection installs the detection builtins: the string functions into
// env.string (created if needed), and the regex and alert libraries.
func OpenDetection(env *vm.Table) error {
	setFuncs(libTable(env, "string", 32), map[string]goFn{
		"contains":   strContains,
		"startswith": strStartswith,
		"endswith":   strEndswith,
		"glob_match": strGlobMatch,
	})
	setFuncs(libTable(env, "regex", 1), map[string]goFn{
		"match": regexMatch,
	})
	setFuncs(libTable(env, "alert", 1), map[string]goFn{
		"emit": alertEmit,
	})
	attachFast(libTable(env, "string", 32), map[string]vm.FastFunc{
		"contains":   fastContains,
		"startswith": fastStartswith,
		"endswith":   fastEndswith,
		"glob_match": fastGlobMatch,
	})
	attachFast(libTable(env, "regex", 1), map[string]vm.FastFunc{
		"match": fastRegexMatch,
	})
	libTable(env, "regex", 1).GetStr("match").AsGoFunction().Bind = bindRegexMatch
	return nil
}

// check2Strings checks the two string arguments of a detection function.
func check2Strings(th *vm.Thread, args []vm.Value) (string, string, error) {
	a, err := checkString(th, args, 1)
	if err != nil {
		return "", "", err
	}
	b, err := checkString(th, args, 2)
	if err != nil {
		return "", "", err
	}
	return a, b, nil
}

func strContains(th *vm.Thread, args []vm.Value) (int, error) {
	s, sub, err := check2Strings(th, args)
	if err != nil {
		return 0, err
	}
	if err := stepBytes(th, len(s)); err != nil {
		return 0, err
	}
	th.Push(vm.Bool(strings.Contains(s, sub)))
	return 1, nil
}

func strStartswith(th *vm.Thread, args []vm.Value) (int, error) {
	s, prefix, err := check2Strings(th, args)
	if err != nil {
		return 0, err
	}
	if err := stepBytes(th, len(prefix)); err != nil {
		return 0, err
	}
	th.Push(vm.Bool(strings.HasPrefix(s, prefix)))
	return 1, nil
}

func strEndswith(th *vm.Thread, args []vm.Value) (int, error) {
	s, suffix, err := check2Strings(th, args)
	if err != nil {
		return 0, err
	}
	if err := stepBytes(th, len(suffix)); err != nil {
		return 0, err
	}
	th.Push(vm.Bool(strings.HasSuffix(s, suffix)))
	return 1, nil
}

func strGlobMatch(th *vm.Thread, args []vm.Value) (int, error) {
	s, pattern, err := check2Strings(th, args)
	if err != nil {
		return 0, err
	}
	// One instruction unit per BytesPerStep glob steps: charged as the
	// match runs (globFlush steps at a time), the rest at the end.
	ok, steps, err := globMatch(s, pattern, func(n int64) error { return th.Step(n / BytesPerStep) })
	if err != nil {
		return 0, algoError(th, err)
	}
	if err := th.Step((steps%globFlush+BytesPerStep-1)/BytesPerStep + 1); err != nil {
		return 0, err
	}
	th.Push(vm.Bool(ok))
	return 1, nil
}

// RegexCacheSize is the number of compiled regular expressions kept.
const RegexCacheSize = 256

// MaxRegexLen is the longest pattern regex.match accepts; it bounds the
// time of parsing a pattern.
const MaxRegexLen = 4096

// MaxRegexInsts is the largest compiled program regex.match accepts, in
// instructions of Go's regexp/syntax.Prog. A short pattern may expand into
// a large program (a{1000}b{1000}c{1000} is 21 bytes and 3,002
// instructions), and both compiling and running a program cost in
// proportion to its size, so the size is what is limited and charged.
// Larger programs fail with "invalid regex pattern '...': program too
// large". (RE2 bounds each repetition count at 1000; the parser's own
// bound on a program is in the millions.)
const MaxRegexInsts = 10_000

// Charges of regex.match, in instruction units and bytes, all computed
// from the pattern and the text alone, so that they are the same whether
// the cache holds the pattern or not:
//
//   - compiling: len(pattern) for parsing, plus regexCompileBase, plus
//     regexInstSteps per program instruction (compiling takes some 50 to
//     500 ns per instruction, a few VM instructions' worth each), and
//     regexInstBytes of memory per instruction (the compiled program, of
//     40-byte instructions, and its tables);
//   - matching: one unit per regexMatchPerStep bytes of text times
//     instructions, the bound of RE2's NFA simulation (a 3,000-instruction
//     program runs at about 6 ns per byte and instruction), plus one.
const (
	regexCompileBase  = 64
	regexInstSteps    = 8
	regexInstBytes    = 64
	regexMatchPerStep = 16
)

// compiledRegex is a cache entry: the compiled pattern and the size of its
// program, from which every call is charged.
type compiledRegex struct {
	re    *regexp.Regexp
	insts int
}

// regexCache maps patterns to compiled regexps, evicting in insertion
// order (a ring of keys), so its content depends only on the sequence of
// patterns seen, never on timing or map order.
// Lookups take no lock (a sync.Map, read-mostly: every evaluation of a
// rule looks its patterns up, misses are rare); additions and evictions
// are serialised by mu.
type regexCache struct {
	m     sync.Map // pattern → *compiledRegex
	mu    sync.Mutex
	ring  [RegexCacheSize]string
	next  int
	count int
}

var regexes regexCache

// lookup returns the cached compilation of pattern.
func (c *regexCache) lookup(pattern string) (*compiledRegex, bool) {
	v, ok := c.m.Load(pattern)
	if !ok {
		return nil, false
	}
	return v.(*compiledRegex), true
}

// add caches cr for pattern and returns what the cache holds for it (an
// entry another goroutine added meanwhile is kept).
func (c *regexCache) add(pattern string, cr *compiledRegex) *compiledRegex {
	c.mu.Lock()
	defer c.mu.Unlock()
	if old, ok := c.lookup(pattern); ok { // compiled meanwhile by another goroutine
		return old
	}
	if c.count == RegexCacheSize {
		c.m.Delete(c.ring[c.next])
	} else {
		c.count++
	}
	pattern = strings.Clone(pattern) // do not pin a run's larger string
	c.ring[c.next] = pattern
	c.next = (c.next + 1) % RegexCacheSize
	c.m.Store(pattern, cr)
	return cr
}

// regexError is the error of an invalid pattern; msg is Go's description.
func regexError(th *vm.Thread, pattern, msg string) error {
	return th.Errorf("invalid regex pattern '%s': %s", pattern, strings.TrimPrefix(msg, "error parsing regexp: "))
}

// chargeRegexCompile charges the compilation of a program of n
// instructions.
func chargeRegexCompile(th *vm.Thread, n int) error {
	if err := th.Step(regexCompileBase + int64(n)*regexInstSteps); err != nil {
		return err
	}
	return th.Charge(int64(n) * regexInstBytes)
}

// compileRegex returns the compiled pattern, from the cache or compiled
// (buildRegex) and cached, having charged its compilation: by the
// program's size, which MaxRegexInsts bounds, so a miss whose charge the
// budget refuses has done bounded work.
func compileRegex(th *vm.Thread, pattern string) (*compiledRegex, error) {
	var none *compiledRegex
	if err := th.Step(int64(len(pattern))); err != nil { // parsing
		return none, err
	}
	if cr, ok := regexes.lookup(pattern); ok {
		if err := chargeRegexCompile(th, cr.insts); err != nil {
			return none, err
		}
		return cr, nil
	}
	cr, n, msg := buildRegex(pattern)
	if cr == nil {
		if n >= 0 {
			if err := chargeRegexCompile(th, n); err != nil {
				return none, err
			}
		}
		return none, regexError(th, pattern, msg)
	}
	if err := chargeRegexCompile(th, cr.insts); err != nil {
		return none, err
	}
	return regexes.add(pattern, cr), nil
}

// buildRegex compiles pattern, uncharged: the compiled regexp, or nil, the
// program size to charge for the failed attempt (-1 for none: the pattern
// did not parse or compile) and Go's message. The pattern is
// parsed and its program size bounded from the syntax tree before
// anything is expanded (regexInstBound), then simplified and compiled
// with regexp/syntax to learn the exact size, which is checked against
// MaxRegexInsts before the full regexp.Compile.
func buildRegex(pattern string) (cr *compiledRegex, n int, msg string) {
	tree, err := syntax.Parse(pattern, syntax.Perl) // regexp.Compile's flags
	if err != nil {
		return nil, -1, err.Error()
	}
	// Patterns whose estimate is above twice the limit are refused
	// without expanding them; the estimate is close to the exact size
	// (TestRegexInstBoundFollowsTheCompiler), which decides otherwise.
	if bound := regexInstBound(tree, 2*MaxRegexInsts); bound > 2*MaxRegexInsts {
		return nil, 0, fmt.Sprintf("program too large (more than %d instructions)", MaxRegexInsts)
	}
	prog, err := syntax.Compile(tree.Simplify())
	if err != nil {
		return nil, -1, err.Error()
	}
	n = len(prog.Inst)
	if n > MaxRegexInsts {
		return nil, n, fmt.Sprintf("program too large (%d instructions, more than %d)", n, MaxRegexInsts)
	}
	re, err := regexp.Compile(pattern)
	if err != nil {
		return nil, n, err.Error()
	}
	return &compiledRegex{re: re, insts: n}, n, ""
}

// regexInstBound estimates the number of instructions regexp/syntax
// compiles re into, from the unsimplified tree, following Simplify and the
// compiler: one per rune of a literal and per other leaf, one per
// operator (two for a capture, one per join of an alternation), and a
// repetition x{n,m} as Simplify expands it, n copies of x and m-n
// optional ones (x{n,} as n-1 copies and x+). So a{1000} is measured
// without being expanded. The result saturates at limit+1.
func regexInstBound(re *syntax.Regexp, limit int) int {
	n := 0
	switch re.Op {
	case syntax.OpLiteral:
		n = max(len(re.Rune), 1)
	case syntax.OpCapture:
		n = 2 + regexInstBound(re.Sub[0], limit)
	case syntax.OpStar, syntax.OpPlus, syntax.OpQuest:
		n = 1 + regexInstBound(re.Sub[0], limit)
	case syntax.OpConcat, syntax.OpAlternate:
		if re.Op == syntax.OpAlternate {
			n = len(re.Sub) - 1
		}
		for _, sub := range re.Sub {
			if n += regexInstBound(sub, limit); n > limit {
				break
			}
		}
		n = max(n, 1)
	case syntax.OpRepeat:
		x := regexInstBound(re.Sub[0], limit) // at most limit+1
		if re.Max < 0 {
			n = max(re.Min, 1)*x + 1
		} else {
			n = max(re.Min*x+(re.Max-re.Min)*(x+1), 1)
		}
	default:
		n = 1
	}
	return min(n, limit+1)
}

func regexMatch(th *vm.Thread, args []vm.Value) (int, error) {
	pattern, text, err := check2Strings(th, args)
	if err != nil {
		return 0, err
	}
	if len(pattern) > MaxRegexLen {
		return 0, th.Errorf("invalid regex pattern (longer than %d bytes)", MaxRegexLen)
	}
	cr, err := compileRegex(th, pattern)
	if err != nil {
		return 0, err
	}
	// RE2 runs in time proportional to len(text) times the size of the
	// compiled program: charged before matching.
	if err := th.Step(1 + (int64(len(text))*int64(cr.insts)+regexMatchPerStep-1)/regexMatchPerStep); err != nil {
		return 0, err
	}
	th.Push(vm.Bool(cr.re.MatchString(text)))
	return 1, nil
}

// alertCost is the memory charged per recorded alert (two string headers).
const alertCost = 32

// alertEmit records (rule_id, message) in th.Alerts; beyond th.MaxAlerts
// alerts are counted in th.AlertsDropped instead, so none goes unnoticed.
func alertEmit(th *vm.Thread, args []vm.Value) (int, error) {
	rule, msg, err := check2Strings(th, args)
	if err != nil {
		return 0, err
	}
	if len(th.Alerts) >= th.MaxAlerts {
		th.AlertsDropped++
		return 0, nil
	}
	if err := th.Charge(alertCost); err != nil {
		return 0, err
	}
	th.Alerts = append(th.Alerts, vm.Alert{Rule: rule, Message: msg})
	return 0, nil
}
