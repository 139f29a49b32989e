package lua

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/kestrel-runtime/lua/vm"
)

// Rule is a loaded rule: compiled, its main chunk run once, and everything
// it can reach frozen. A Rule is immutable and safe for concurrent use.
type Rule struct {
	engine      *Engine
	id          string
	chunk       string
	fn          vm.Value // the predicate
	leaf        *vm.Leaf // the predicate's fast path, nil if it has none
	proto       *vm.Proto
	eventTypes  []int64 // sorted, nil means every type
	severity    string
	description string
}

// ID returns the rule's id.
func (r *Rule) ID() string { return r.id }

// Severity returns the rule table's severity ("" for a bare predicate).
func (r *Rule) Severity() string { return r.severity }

// Description returns the rule table's description.
func (r *Rule) Description() string { return r.description }

// EventTypes returns the event types the rule applies to, sorted; nil means
// every type.
func (r *Rule) EventTypes() []int64 { return slices.Clone(r.eventTypes) }

// AppliesTo reports whether the rule wants events of type t.
func (r *Rule) AppliesTo(t int64) bool {
	if r.eventTypes == nil {
		return true
	}
	_, ok := slices.BinarySearch(r.eventTypes, t)
	return ok
}

// FastPath reports whether the rule's predicate has a fast path
// (vm.Leaf): whether some evaluations can complete without a VM thread.
func (r *Rule) FastPath() bool { return r.leaf != nil }

// Proto returns the compiled main chunk (for disassembly).
func (r *Rule) Proto() *vm.Proto { return r.proto }

// Evaluate runs the predicate on ev and returns the Lua truthiness of its
// first result. This is the hot path: in the steady state it allocates
// nothing. It does not check [Rule.AppliesTo].
//
// A leaf predicate (one that reads fields, compares and calls detection
// builtins) runs first on its fast path, vm.Leaf, without a VM thread;
// whatever that path does not handle (an alert, an error, a limit) runs
// on a thread from the start. Results, errors and counts are the same
// either way; see [Rule.FastPath].
func (r *Rule) Evaluate(ctx context.Context, ev *Event) (bool, error) {
	if r.leaf != nil && ev != nil {
		if v, _, _, ok := r.leaf.Run(&ev.ev, r.engine.limits); ok {
			return v.Truthy(), nil
		}
	}
	e := r.engine
	st := e.acquire()
	matched, err := r.run(st, ctx, ev)
	e.release(st, err)
	return matched, err
}

// EvaluateDetailed is Evaluate that also reports the alerts, the
// instructions executed and the bytes charged. On error the counts are
// those at the point of the error.
func (r *Rule) EvaluateDetailed(ctx context.Context, ev *Event) (Result, error) {
	var res Result
	err := r.EvaluateInto(ctx, ev, &res)
	return res, err
}

// EvaluateInto is EvaluateDetailed writing into res, reusing the capacity
// of res.Alerts (so a caller that keeps one Result allocates nothing in
// the steady state, alerts included).
func (r *Rule) EvaluateInto(ctx context.Context, ev *Event, res *Result) error {
	if r.leaf != nil && ev != nil {
		if v, instr, bytes, ok := r.leaf.Run(&ev.ev, r.engine.limits); ok {
			*res = Result{Matched: v.Truthy(), Alerts: res.Alerts[:0], Instructions: instr, MemoryBytes: bytes}
			return nil
		}
	}
	e := r.engine
	st := e.acquire()
	matched, err := r.run(st, ctx, ev)
	th := st.th
	res.Matched = matched
	res.Alerts = append(res.Alerts[:0], th.Alerts...)
	res.AlertsDropped = th.AlertsDropped
	res.Instructions = th.Meter().Instructions()
	res.MemoryBytes = th.Meter().Bytes()
	e.release(st, err)
	return err
}

func (r *Rule) run(st *runState, ctx context.Context, ev *Event) (bool, error) {
	if ev == nil {
		st.th.Reset(ctx, r.engine.limits) // as Eval would: the counts start at zero
		return false, &RuleError{Rule: r.id, Err: errNilEvent}
	}
	evp := &ev.ev
	if evp.FieldName == nil && r.engine.fieldName != nil {
		// An event built without the engine's schema: a copy names its
		// fields in error messages.
		st.ev = ev.ev
		st.ev.FieldName = r.engine.fieldName
		evp = &st.ev
	}
	res, err := st.th.Eval(ctx, r.engine.limits, r.fn, evp)
	if err != nil {
		return false, &RuleError{Rule: r.id, Chunk: r.chunk, Err: err}
	}
	return res.Truthy(), nil
}

var errNilEvent = errors.New("nil event")

// load compiles src, runs its main chunk and freezes the result.
func (e *Engine) load(id, chunkname string, src []byte) (*Rule, error) {
	fail := func(err error) (*Rule, error) { return nil, &RuleError{Rule: id, Chunk: chunkname, Err: err} }
	env, err := e.sandboxEnv()
	if err != nil {
		return fail(err)
	}
	proto, err := e.compile(chunkname, src)
	if err != nil {
		return fail(err)
	}
	genv := env.RuleEnv()
	main := vm.ClosureValue(vm.NewClosure(proto, genv))
	st := e.acquire()
	st.th.Reset(context.Background(), e.limits)
	res, err := st.th.Call(main, nil, 1)
	if err != nil {
		e.release(st, err)
		return fail(err)
	}
	defer e.release(st, nil)
	r := &Rule{engine: e, id: id, chunk: chunkname, proto: proto}
	var v vm.Value
	if len(res) > 0 {
		v = res[0]
	}
	if err := r.configure(v); err != nil {
		return fail(shapeError(proto, chunkname, err))
	}
	// A rule that left its globals as it found them runs on the engine's
	// shared frozen globals: its own copy (about 4 KB) is dropped.
	shared := shareGlobals(genv, env.Globals(), v)
	// Freeze everything reachable, and refuse functions that would write
	// module-level variables.
	f := freezer{seen: map[*vm.Closure]bool{}}
	if !shared {
		f.value(vm.TableValue(genv))
	}
	f.value(v)
	if f.err != nil {
		return fail(f.err)
	}
	// Everything the predicate can reach is frozen now: a leaf predicate
	// gets its fast path.
	if cl := r.fn.AsClosure(); cl != nil && !e.cfg.DisableFastPath {
		r.leaf = vm.NewLeaf(cl)
	}
	return r, nil
}

// configure reads the predicate or the rule table.
func (r *Rule) configure(v vm.Value) error {
	if v.IsFunction() {
		r.fn = v
		return nil
	}
	if v.Kind() != vm.KindTable {
		return fmt.Errorf("a rule must return a function or a rule table, got %s", v.TypeName())
	}
	t := v.AsTable()
	var k, val vm.Value
	for {
		var ok bool
		var err error
		k, val, ok, err = t.Next(k)
		if err != nil {
			return err
		}
		if !ok {
			break
		}
		if k.Kind() != vm.KindString {
			return fmt.Errorf("rule table: unexpected %s key (want event_types, severity, description, match)", k.TypeName())
		}
		switch name := k.AsString(); name {
		case "match":
			if !val.IsFunction() {
				return fmt.Errorf("rule table: 'match' must be a function, got %s", val.TypeName())
			}
			r.fn = val
		case "severity", "description":
			if val.Kind() != vm.KindString {
				return fmt.Errorf("rule table: '%s' must be a string, got %s", name, val.TypeName())
			}
			if name == "severity" {
				r.severity = val.AsString()
			} else {
				r.description = val.AsString()
			}
		case "event_types":
			if val.Kind() != vm.KindTable {
				return fmt.Errorf("rule table: 'event_types' must be a list of integers, got %s", val.TypeName())
			}
			lt := val.AsTable()
			n := lt.Len()
			types := make([]int64, 0, n)
			for i := int64(1); i <= n; i++ {
				x := lt.GetInt(i)
				if x.Kind() != vm.KindInt {
					return fmt.Errorf("rule table: event_types[%d] must be an integer, got %s", i, x.TypeName())
				}
				types = append(types, x.AsInt())
			}
			slices.Sort(types)
			r.eventTypes = slices.Compact(types)
		default:
			return fmt.Errorf("rule table: unknown key '%s' (want event_types, severity, description, match)", name)
		}
	}
	if r.fn.IsNil() {
		return errors.New("rule table: 'match' function missing")
	}
	return nil
}

// ShapeError reports a rule whose main chunk returned something else than
// a predicate or a well-formed rule table. The position is that of the
// main chunk's return statement.
type ShapeError struct {
	Chunk     string
	Line, Col int
	Msg       string
}

func (e *ShapeError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d:%d: %s", e.Chunk, e.Line, e.Col, e.Msg)
	}
	return e.Chunk + ": " + e.Msg
}

func shapeError(p *vm.Proto, chunk string, err error) error {
	se := &ShapeError{Chunk: chunk, Msg: err.Error()}
	// The last return with values; the implicit final "return" has B == 1.
	for pc := len(p.Code) - 1; pc >= 0; pc-- {
		if in := p.Code[pc]; in.Op() == vm.OpReturn && in.B() != 1 && pc < len(p.PosTab) {
			se.Line, se.Col = int(p.PosTab[pc].Line), int(p.PosTab[pc].Col)
			break
		}
	}
	return se
}

// ReadOnlyUpvalueError reports a function of a rule that assigns a
// module-level variable (an upvalue that survives from the load to every
// evaluation). Allowing it would let one evaluation see another's writes.
type ReadOnlyUpvalueError struct {
	Chunk     string
	Line, Col int
	Name      string
}

func (e *ReadOnlyUpvalueError) Error() string {
	return fmt.Sprintf("%s:%d:%d: attempt to modify module-level variable '%s' (rules are read-only after load)", e.Chunk, e.Line, e.Col, e.Name)
}

// freezer freezes every table reachable from a rule and checks that no
// function reachable from it writes a shared upvalue. It walks the object
// graph depth-first with an explicit work list, never with Go recursion:
// a rule can build a chain of tables millions of levels deep within its
// memory budget, and one Go frame per level would overflow the Go stack,
// a fatal error that recover cannot catch. Children are pushed in reverse
// so that objects are visited in the order a recursive walk would take
// (metatable, then keys and values in Next order; environment, then
// upvalues), which fixes which error is reported when there are several.
// shareGlobals moves the closures reachable from v from renv, the rule's
// own copy of the globals (sandbox.Env.RuleEnv), to g, the engine's frozen
// globals, when no rule can tell the difference: renv must hold exactly
// g's entries (the rule's main chunk defined, changed and removed no
// global; renv's _G is renv itself, as g's is g), and no value reachable
// from v may be renv itself (a rule that kept _G in a local or a table, or
// made it a metatable, would see another table where it expects its own).
// Both tables are frozen and have the same metatable, so reads, the
// errors of writes and every count are the same. It reports whether the
// closures were moved.
func shareGlobals(renv, g *vm.Table, v vm.Value) bool {
	if renv == g || !sameGlobals(renv, g) {
		return false
	}
	var (
		closures []*vm.Closure
		seenC    = map[*vm.Closure]bool{}
		seenT    = map[*vm.Table]bool{}
		work     = []vm.Value{v}
	)
	for len(work) > 0 {
		x := work[len(work)-1]
		work = work[:len(work)-1]
		switch x.Kind() {
		case vm.KindTable:
			t := x.AsTable()
			if t == renv {
				return false
			}
			if seenT[t] || t.Frozen() { // frozen: the libraries, which cannot hold renv
				continue
			}
			seenT[t] = true
			if mt := t.Metatable(); mt != nil {
				work = append(work, vm.TableValue(mt))
			}
			var k, val vm.Value
			for {
				var ok bool
				var err error
				if k, val, ok, err = t.Next(k); err != nil || !ok {
					break
				}
				work = append(work, k, val)
			}
		case vm.KindLuaFunction:
			c := x.AsClosure()
			if seenC[c] {
				continue
			}
			seenC[c] = true
			if c.Env() == renv {
				closures = append(closures, c)
			}
			for i := range c.NumUpvalues() {
				work = append(work, c.Upvalue(i))
			}
		}
	}
	for _, c := range closures {
		c.SetEnv(g)
	}
	return true
}

// sameGlobals reports whether renv holds exactly g's entries, its _G
// being itself where g's is g.
func sameGlobals(renv, g *vm.Table) bool {
	count := func(t *vm.Table, each func(k, v vm.Value) bool) (int, bool) {
		n := 0
		var k, v vm.Value
		for {
			var ok bool
			var err error
			if k, v, ok, err = t.Next(k); err != nil {
				return 0, false
			} else if !ok {
				return n, true
			}
			n++
			if !each(k, v) {
				return 0, false
			}
		}
	}
	isG := func(k vm.Value) bool { return k.Kind() == vm.KindString && k.AsString() == "_G" }
	nr, ok := count(renv, func(k, v vm.Value) bool {
		if isG(k) {
			return v.Kind() == vm.KindTable && v.AsTable() == renv && g.GetStr("_G").AsTable() == g
		}
		return vm.RawEqual(v, g.Get(k))
	})
	if !ok {
		return false
	}
	ng, ok := count(g, func(vm.Value, vm.Value) bool { return true })
	return ok && nr == ng
}

type freezer struct {
	seen map[*vm.Closure]bool // a table is marked by being frozen
	work []vm.Value
	err  error
}

// value freezes v and everything reachable from it.
func (f *freezer) value(v vm.Value) {
	if f.err != nil {
		return
	}
	f.work = append(f.work[:0], v)
	for len(f.work) > 0 {
		v := f.work[len(f.work)-1]
		f.work = f.work[:len(f.work)-1]
		mark := len(f.work)
		switch v.Kind() {
		case vm.KindTable:
			t := v.AsTable()
			if t.Frozen() {
				continue
			}
			t.Freeze()
			if mt := t.Metatable(); mt != nil && !mt.Frozen() {
				f.push(vm.TableValue(mt))
			}
			var k, val vm.Value
			for {
				var ok bool
				var err error
				k, val, ok, err = t.Next(k)
				if err != nil || !ok {
					break
				}
				f.push(k)
				f.push(val)
			}
		case vm.KindLuaFunction:
			c := v.AsClosure()
			if f.seen[c] {
				continue
			}
			f.seen[c] = true
			shared := make([]bool, c.NumUpvalues())
			for i := range shared {
				shared[i] = true
			}
			if err := checkUpvalueWrites(c.Proto, shared); err != nil {
				f.err = err
				f.work = f.work[:0]
				return
			}
			if env := c.Env(); env != nil {
				f.push(vm.TableValue(env))
			}
			for i := range c.NumUpvalues() {
				f.push(c.Upvalue(i))
			}
		}
		slices.Reverse(f.work[mark:])
	}
}

// push adds v to the work list when it may lead to something to freeze or
// check.
func (f *freezer) push(v vm.Value) {
	switch v.Kind() {
	case vm.KindTable:
		if !v.AsTable().Frozen() {
			f.work = append(f.work, v)
		}
	case vm.KindLuaFunction:
		if !f.seen[v.AsClosure()] {
			f.work = append(f.work, v)
		}
	}
}

// checkUpvalueWrites reports an OpSetUpval in p (or in the functions p
// creates) that targets a shared upvalue. shared[i] tells whether upvalue i
// of p outlives an evaluation; the upvalues of a nested function are
// shared when they come from a shared upvalue of p, and private when they
// capture one of p's locals (created afresh by each call).
func checkUpvalueWrites(p *vm.Proto, shared []bool) error {
	for pc, in := range p.Code {
		if in.Op() == vm.OpSetUpval && in.B() < len(shared) && shared[in.B()] {
			e := &ReadOnlyUpvalueError{Chunk: p.Source}
			if in.B() < len(p.Upvals) {
				e.Name = p.Upvals[in.B()].Name
			}
			if pc < len(p.PosTab) {
				e.Line, e.Col = int(p.PosTab[pc].Line), int(p.PosTab[pc].Col)
			}
			return e
		}
	}
	for _, q := range p.Protos {
		sub := make([]bool, len(q.Upvals))
		any := false
		for i, u := range q.Upvals {
			if !u.InStack && u.Index < len(shared) && shared[u.Index] {
				sub[i], any = true, true
			}
		}
		if !any {
			continue
		}
		if err := checkUpvalueWrites(q, sub); err != nil {
			return err
		}
	}
	return nil
}

// RuleSet is a set of loaded rules indexed by event type. It is immutable.
type RuleSet struct {
	rules  []*Rule           // sorted by id
	byType map[int64][]*Rule // rules for each listed type, plus the untyped ones, sorted by id
	any    []*Rule           // rules without event_types
}

// NewRuleSet indexes rules (sorted by id; later duplicates of an id
// replace earlier ones).
func NewRuleSet(rules []*Rule) *RuleSet {
	byID := map[string]*Rule{}
	for _, r := range rules {
		byID[r.id] = r
	}
	rs := &RuleSet{byType: map[int64][]*Rule{}}
	for _, r := range byID {
		rs.rules = append(rs.rules, r)
	}
	sort.Slice(rs.rules, func(i, j int) bool { return rs.rules[i].id < rs.rules[j].id })
	for _, r := range rs.rules {
		if r.eventTypes == nil {
			rs.any = append(rs.any, r)
		}
		for _, t := range r.eventTypes {
			rs.byType[t] = nil
		}
	}
	for t := range rs.byType {
		var list []*Rule
		for _, r := range rs.rules {
			if r.AppliesTo(t) {
				list = append(list, r)
			}
		}
		rs.byType[t] = list
	}
	return rs
}

// Rules returns every rule, sorted by id.
func (rs *RuleSet) Rules() []*Rule { return rs.rules }

// Len returns the number of rules.
func (rs *RuleSet) Len() int { return len(rs.rules) }

// ForEventType returns the rules that apply to events of type t, sorted by
// id. The slice must not be modified.
func (rs *RuleSet) ForEventType(t int64) []*Rule {
	if list, ok := rs.byType[t]; ok {
		return list
	}
	return rs.any
}

// LoadRules loads every *.lua file of dir (not recursing) as a rule whose
// id is the file name without ".lua", registers the good ones in the
// engine and returns them as a set. Every broken rule is reported in the
// returned error (errors.Join of *RuleError, each naming file:line:col);
// the set still holds the rules that loaded.
func (e *Engine) LoadRules(dir string) (*RuleSet, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var (
		rules []*Rule
		errs  []error
	)
	for _, ent := range entries { // ReadDir sorts by name
		name := ent.Name()
		if ent.IsDir() || !strings.HasSuffix(name, ".lua") {
			continue
		}
		path := filepath.Join(dir, name)
		src, err := os.ReadFile(path)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		r, err := e.load(strings.TrimSuffix(name, ".lua"), path, src)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		rules = append(rules, r)
	}
	e.register(rules...)
	return NewRuleSet(rules), errors.Join(errs...)
}
