package builtins

// The frameless forms of the builtins a detection rule calls in its hot
// path (vm.FastFunc). Each handles the well-typed common case of its
// function: string arguments that are strings (no number coercion), a
// budget that covers the work. Everything else (wrong types, missing
// arguments, a budget that runs out, a regex not compiled yet) is declined
// and runs through the function itself, which produces the errors. A fast
// form charges exactly what its function charges (TestFastFormsAgree
// checks every one against its Fn), so the counts of a run never depend
// on which path a call took.

import (
	"errors"
	"strings"

	"github.com/kestrel-runtime/lua/vm"
)

// attachFast gives the functions of t named in fns their frameless forms.
func attachFast(t *vm.Table, fns map[string]vm.FastFunc) {
	for name, f := range fns { // order-free: each assignment is independent
		gf := t.GetStr(name).AsGoFunction()
		if gf == nil {
			panic("builtins: no function " + name + " for its fast form")
		}
		gf.Fast = f
	}
}

// twoStrings returns the first two arguments when both are strings.
func twoStrings(args vm.FastArgs) (string, string, bool) {
	if args.N < 2 || args.V[0].Kind() != vm.KindString || args.V[1].Kind() != vm.KindString {
		return "", "", false
	}
	return args.V[0].AsString(), args.V[1].AsString(), true
}

// fastContains is strContains: one unit per BytesPerStep bytes of s.
func fastContains(args vm.FastArgs, budget, _ int64) (vm.Value, int64, int64, bool) {
	s, sub, ok := twoStrings(args)
	if u := byteSteps(len(s)); ok && u <= budget {
		return vm.Bool(strings.Contains(s, sub)), u, 0, true
	}
	return vm.Nil, 0, 0, false
}

// fastStartswith is strStartswith: one unit per BytesPerStep bytes of the
// prefix.
func fastStartswith(args vm.FastArgs, budget, _ int64) (vm.Value, int64, int64, bool) {
	s, prefix, ok := twoStrings(args)
	if u := byteSteps(len(prefix)); ok && u <= budget {
		return vm.Bool(strings.HasPrefix(s, prefix)), u, 0, true
	}
	return vm.Nil, 0, 0, false
}

// fastEndswith is strEndswith: one unit per BytesPerStep bytes of the
// suffix.
func fastEndswith(args vm.FastArgs, budget, _ int64) (vm.Value, int64, int64, bool) {
	s, suffix, ok := twoStrings(args)
	if u := byteSteps(len(suffix)); ok && u <= budget {
		return vm.Bool(strings.HasSuffix(s, suffix)), u, 0, true
	}
	return vm.Nil, 0, 0, false
}

// fastGlobMatch is strGlobMatch: its steps charged as strGlobMatch
// charges them, giving up as soon as they exceed the budget.
func fastGlobMatch(args vm.FastArgs, budget, _ int64) (vm.Value, int64, int64, bool) {
	s, pattern, ok := twoStrings(args)
	if !ok {
		return vm.Nil, 0, 0, false
	}
	var units int64
	matched, steps, err := globMatch(s, pattern, func(n int64) error {
		if units += n / BytesPerStep; units > budget {
			return errDeclined
		}
		return nil
	})
	if units += (steps%globFlush+BytesPerStep-1)/BytesPerStep + 1; err != nil || units > budget {
		return vm.Nil, 0, 0, false // a malformed pattern, or past the budget
	}
	return vm.Bool(matched), units, 0, true
}

// errDeclined stops the work of a fast form that declines.
var errDeclined = errors.New("declined")

// fastRegexMatch is regexMatch for a pattern already in the cache: the
// parse, compile and match units and the compile bytes, as regexMatch
// charges them.
func fastRegexMatch(args vm.FastArgs, budget, memory int64) (vm.Value, int64, int64, bool) {
	pattern, text, ok := twoStrings(args)
	if !ok || len(pattern) > MaxRegexLen {
		return vm.Nil, 0, 0, false
	}
	cr, ok := regexes.lookup(pattern)
	if !ok {
		return vm.Nil, 0, 0, false
	}
	insts := int64(cr.insts)
	u := int64(len(pattern)) + regexCompileBase + insts*regexInstSteps +
		1 + (int64(len(text))*insts+regexMatchPerStep-1)/regexMatchPerStep
	if bytes := insts * regexInstBytes; u <= budget && bytes <= memory {
		return vm.Bool(cr.re.MatchString(text)), u, bytes, true
	}
	return vm.Nil, 0, 0, false
}

// bindRegexMatch specialises fastRegexMatch to a constant pattern: the
// pattern is compiled once, when the call site is bound, and each call
// charges what regexMatch charges, without looking the pattern up. A
// pattern that does not compile is left to regexMatch, which reports it.
func bindRegexMatch(c vm.Value) vm.FastFunc {
	if c.Kind() != vm.KindString || len(c.AsString()) > MaxRegexLen {
		return nil
	}
	pattern := c.AsString()
	cr, _, _ := buildRegex(pattern)
	if cr == nil {
		return nil
	}
	insts := int64(cr.insts)
	compile := int64(len(pattern)) + regexCompileBase + insts*regexInstSteps
	bytes := insts * regexInstBytes
	return func(args vm.FastArgs, budget, memory int64) (vm.Value, int64, int64, bool) {
		text := args.V[1]
		if args.N < 2 || text.Kind() != vm.KindString {
			return vm.Nil, 0, 0, false
		}
		u := compile + 1 + (int64(len(text.AsString()))*insts+regexMatchPerStep-1)/regexMatchPerStep
		if u > budget || bytes > memory {
			return vm.Nil, 0, 0, false
		}
		return vm.Bool(cr.re.MatchString(text.AsString())), u, bytes, true
	}
}

// fastType is baseType.
func fastType(args vm.FastArgs, _, _ int64) (vm.Value, int64, int64, bool) {
	if args.N == 0 {
		return vm.Nil, 0, 0, false
	}
	return vm.String(args.V[0].TypeName()), 0, 0, true
}

// fastLen is strLen on a string.
func fastLen(args vm.FastArgs, _, _ int64) (vm.Value, int64, int64, bool) {
	if args.N == 0 || args.V[0].Kind() != vm.KindString {
		return vm.Nil, 0, 0, false
	}
	return vm.Int(int64(len(args.V[0].AsString()))), 0, 0, true
}

// fastSub is strSub with integer positions: a substring, no charge.
func fastSub(args vm.FastArgs, _, _ int64) (vm.Value, int64, int64, bool) {
	s, i, j := args.V[0], args.V[1], args.V[2] // nil beyond N
	if args.N < 2 || s.Kind() != vm.KindString || i.Kind() != vm.KindInt ||
		(j.Kind() != vm.KindNil && j.Kind() != vm.KindInt) {
		return vm.Nil, 0, 0, false
	}
	end := int64(-1)
	if j.Kind() == vm.KindInt {
		end = j.AsInt()
	}
	return vm.String(subRange(s.AsString(), i.AsInt(), end)), 0, 0, true
}

func fastLower(args vm.FastArgs, budget, memory int64) (vm.Value, int64, int64, bool) {
	return fastMapCase(args, budget, memory, false)
}

func fastUpper(args vm.FastArgs, budget, memory int64) (vm.Value, int64, int64, bool) {
	return fastMapCase(args, budget, memory, true)
}

// fastMapCase is mapCase on a string: the result's bytes (memory, then one
// unit per BytesPerStep bytes), as mapBytes charges them.
func fastMapCase(args vm.FastArgs, budget, memory int64, upper bool) (vm.Value, int64, int64, bool) {
	if args.N == 0 || args.V[0].Kind() != vm.KindString {
		return vm.Nil, 0, 0, false
	}
	s := args.V[0].AsString()
	if s == "" {
		return args.V[0], 0, 0, true
	}
	u, bytes := byteSteps(len(s)), vm.CostString(len(s))
	if u > budget || bytes > memory {
		return vm.Nil, 0, 0, false
	}
	return vm.String(mapString(s, caseMapper(upper))), u, bytes, true
}
