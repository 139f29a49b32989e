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
func twoStrings(args []vm.Value) (string, string, bool) {
	if len(args) < 2 || args[0].Kind() != vm.KindString || args[1].Kind() != vm.KindString {
		return "", "", false
	}
	return args[0].AsString(), args[1].AsString(), true
}

// fastContains is strContains: one unit per BytesPerStep bytes of s.
func fastContains(_ *vm.Thread, args []vm.Value, budget int64) (vm.Value, int64, bool) {
	s, sub, ok := twoStrings(args)
	if u := byteSteps(len(s)); ok && u <= budget {
		return vm.Bool(strings.Contains(s, sub)), u, true
	}
	return vm.Nil, 0, false
}

// fastStartswith is strStartswith: one unit per BytesPerStep bytes of the
// prefix.
func fastStartswith(_ *vm.Thread, args []vm.Value, budget int64) (vm.Value, int64, bool) {
	s, prefix, ok := twoStrings(args)
	if u := byteSteps(len(prefix)); ok && u <= budget {
		return vm.Bool(strings.HasPrefix(s, prefix)), u, true
	}
	return vm.Nil, 0, false
}

// fastEndswith is strEndswith: one unit per BytesPerStep bytes of the
// suffix.
func fastEndswith(_ *vm.Thread, args []vm.Value, budget int64) (vm.Value, int64, bool) {
	s, suffix, ok := twoStrings(args)
	if u := byteSteps(len(suffix)); ok && u <= budget {
		return vm.Bool(strings.HasSuffix(s, suffix)), u, true
	}
	return vm.Nil, 0, false
}

// fastRegexMatch is regexMatch for a pattern already in the cache: the
// parse, compile and match units and the compile bytes, all charged
// before matching as regexMatch charges them.
func fastRegexMatch(th *vm.Thread, args []vm.Value, budget int64) (vm.Value, int64, bool) {
	pattern, text, ok := twoStrings(args)
	if !ok || len(pattern) > MaxRegexLen {
		return vm.Nil, 0, false
	}
	cr, ok := regexes.lookup(pattern)
	if !ok {
		return vm.Nil, 0, false
	}
	insts := int64(cr.insts)
	u := int64(len(pattern)) + regexCompileBase + insts*regexInstSteps +
		1 + (int64(len(text))*insts+regexMatchPerStep-1)/regexMatchPerStep
	if u > budget || !th.Meter().TryCharge(insts*regexInstBytes) {
		return vm.Nil, 0, false
	}
	return vm.Bool(cr.re.MatchString(text)), u, true
}

// fastType is baseType.
func fastType(_ *vm.Thread, args []vm.Value, _ int64) (vm.Value, int64, bool) {
	if len(args) == 0 {
		return vm.Nil, 0, false
	}
	return vm.String(args[0].TypeName()), 0, true
}

// fastLen is strLen on a string.
func fastLen(_ *vm.Thread, args []vm.Value, _ int64) (vm.Value, int64, bool) {
	if len(args) == 0 || args[0].Kind() != vm.KindString {
		return vm.Nil, 0, false
	}
	return vm.Int(int64(len(args[0].AsString()))), 0, true
}

// fastSub is strSub with integer positions: a substring, no charge.
func fastSub(_ *vm.Thread, args []vm.Value, _ int64) (vm.Value, int64, bool) {
	if len(args) < 2 || args[0].Kind() != vm.KindString || args[1].Kind() != vm.KindInt {
		return vm.Nil, 0, false
	}
	j := int64(-1)
	if len(args) > 2 && args[2].Kind() != vm.KindNil {
		if args[2].Kind() != vm.KindInt {
			return vm.Nil, 0, false
		}
		j = args[2].AsInt()
	}
	return vm.String(subRange(args[0].AsString(), args[1].AsInt(), j)), 0, true
}

func fastLower(th *vm.Thread, args []vm.Value, budget int64) (vm.Value, int64, bool) {
	return fastMapCase(th, args, budget, false)
}

func fastUpper(th *vm.Thread, args []vm.Value, budget int64) (vm.Value, int64, bool) {
	return fastMapCase(th, args, budget, true)
}

// fastMapCase is mapCase on a string: the result's bytes charged (memory,
// then one unit per BytesPerStep bytes) before it is built, as mapBytes
// charges them.
func fastMapCase(th *vm.Thread, args []vm.Value, budget int64, upper bool) (vm.Value, int64, bool) {
	if len(args) == 0 || args[0].Kind() != vm.KindString {
		return vm.Nil, 0, false
	}
	s := args[0].AsString()
	if s == "" {
		return args[0], 0, true
	}
	u := byteSteps(len(s))
	if u > budget || !th.Meter().TryCharge(vm.CostString(len(s))) {
		return vm.Nil, 0, false
	}
	return vm.String(mapString(s, caseMapper(upper))), u, true
}
