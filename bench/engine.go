package bench

import "fmt"

// Runner evaluates compiled predicates for one goroutine. It owns that
// goroutine's run state (an LState, a VM, an activation), so it must not be
// shared between goroutines.
type Runner interface {
	// Eval evaluates the predicate on event i of the engine's event set.
	Eval(i int) (bool, error)
}

// Program is a predicate compiled by an engine: immutable, shareable by
// goroutines, each of which makes its own [Runner].
type Program interface {
	NewRunner() (Runner, error)
}

// Engine is one way of running the workload. Events are converted into the
// engine's own representation by Prepare, once, before any measurement.
type Engine struct {
	Name string
	// Compile compiles source (in the engine's language) into a Program
	// that evaluates against events.
	Compile func(src string, events *EventSet) (Program, error)
	// Source returns predicate p (0-based) in the engine's language.
	Source func(p int) string
	// Prepare converts Go events into the engine's representation.
	Prepare func(evs []GoEvent) (*EventSet, error)
}

// EventSet is a list of events converted for one engine; Data holds the
// engine-specific representation.
type EventSet struct {
	Go   []GoEvent
	Data any
}

// Engines returns the engines measured, in table order: hand-written Go
// first (the floor), then kestrel-lua and its peers.
func Engines() []*Engine {
	return []*Engine{GoEngine, KestrelEngine, GopherLuaEngine, ExprEngine, CELEngine}
}

// EngineByName returns the named engine.
func EngineByName(name string) (*Engine, error) {
	for _, e := range Engines() {
		if e.Name == name {
			return e, nil
		}
	}
	return nil, fmt.Errorf("no engine %q", name)
}

// CompilePredicate compiles workload predicate p (0-based) on e against
// events.
func (e *Engine) CompilePredicate(p int, events *EventSet) (Program, error) {
	return e.Compile(e.Source(p), events)
}

// GoEngine is hand-written Go: the "source" of predicate p is its index
// into [GoPredicates], and rule sets pass closures through [GoRuleSource].
var GoEngine = &Engine{
	Name: "go",
	Compile: func(src string, events *EventSet) (Program, error) {
		f, ok := goSources[src]
		if !ok {
			return nil, fmt.Errorf("go: unknown predicate %q", src)
		}
		return &goProgram{f: f, evs: events.Go}, nil
	},
	Source:  func(p int) string { return fmt.Sprintf("P%d", p+1) },
	Prepare: func(evs []GoEvent) (*EventSet, error) { return &EventSet{Go: evs}, nil },
}

// goSources maps the Go engine's predicate names to their functions.
var goSources = map[string]func(*GoEvent) bool{}

func init() {
	for i, f := range GoPredicates {
		goSources[fmt.Sprintf("P%d", i+1)] = f
	}
}

// GoRuleSource registers a hand-written Go predicate under name so that
// GoEngine.Compile(name) finds it; rule sets use it for their Go variant.
func GoRuleSource(name string, f func(*GoEvent) bool) string {
	goSources[name] = f
	return name
}

type goProgram struct {
	f   func(*GoEvent) bool
	evs []GoEvent
}

func (p *goProgram) NewRunner() (Runner, error) { return p, nil }

func (p *goProgram) Eval(i int) (bool, error) { return p.f(&p.evs[i]), nil }
