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
	"regexp"
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
// memory and time of a compilation (RE2 itself bounds repetition counts
// and nesting).
const MaxRegexLen = 4096

// regexCompileSteps is the instruction units charged per pattern byte for
// compiling, on every call, so that counts do not depend on the cache.
const regexCompileSteps = 1

// regexCache maps patterns to compiled regexps, evicting in insertion
// order (a ring of keys), so its content depends only on the sequence of
// patterns seen, never on timing or map order.
type regexCache struct {
	mu    sync.Mutex
	m     map[string]*regexp.Regexp
	ring  [RegexCacheSize]string
	next  int
	count int
}

var regexes = regexCache{m: make(map[string]*regexp.Regexp, RegexCacheSize)}

// get returns the compiled pattern, compiling and caching it on a miss.
func (c *regexCache) get(pattern string) (*regexp.Regexp, error) {
	c.mu.Lock()
	re, ok := c.m[pattern]
	c.mu.Unlock()
	if ok {
		return re, nil
	}
	re, err := regexp.Compile(pattern)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if old, ok := c.m[pattern]; ok { // compiled meanwhile by another goroutine
		return old, nil
	}
	if c.count == RegexCacheSize {
		delete(c.m, c.ring[c.next])
	} else {
		c.count++
	}
	pattern = strings.Clone(pattern) // do not pin a run's larger string
	c.ring[c.next] = pattern
	c.next = (c.next + 1) % RegexCacheSize
	c.m[pattern] = re
	return re, nil
}

func regexMatch(th *vm.Thread, args []vm.Value) (int, error) {
	pattern, text, err := check2Strings(th, args)
	if err != nil {
		return 0, err
	}
	if len(pattern) > MaxRegexLen {
		return 0, th.Errorf("invalid regex pattern (longer than %d bytes)", MaxRegexLen)
	}
	// RE2 runs in time proportional to len(text) times the size of the
	// compiled program, which grows with the pattern: charge both, plus
	// the compilation (on every call, cached or not, for determinism).
	work := byteSteps(len(text)) * (1 + int64(len(pattern))/BytesPerStep)
	if err := th.Step(int64(len(pattern))*regexCompileSteps + work + 1); err != nil {
		return 0, err
	}
	re, err := regexes.get(pattern)
	if err != nil {
		return 0, th.Errorf("invalid regex pattern '%s': %s", pattern, strings.TrimPrefix(err.Error(), "error parsing regexp: "))
	}
	th.Push(vm.Bool(re.MatchString(text)))
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
