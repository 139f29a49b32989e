package lua

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/kestrel-runtime/lua/compiler"
	"github.com/kestrel-runtime/lua/parser"
	"github.com/kestrel-runtime/lua/sandbox"
	"github.com/kestrel-runtime/lua/vm"
)

// Limits of the engine.
const (
	// MaxCachedScripts bounds the cache of [Engine.Evaluate], which
	// compiles ad-hoc scripts on first use and keeps them keyed by source.
	// When full, the oldest entry is evicted.
	MaxCachedScripts = 256

	// MaxAlertsPerEvaluation bounds the alerts one evaluation records;
	// further alert.emit calls are counted in Result.AlertsDropped.
	MaxAlertsPerEvaluation = 64
)

// Re-exported sentinels, for errors.Is on evaluation errors.
var (
	// ErrInstructionLimit is wrapped by the error of an evaluation that
	// ran out of instructions (Config.InstructionLimit).
	ErrInstructionLimit = vm.ErrInstructionLimit
	// ErrMemoryLimit is wrapped by the error of an evaluation that ran out
	// of memory (Config.MemoryLimitKB).
	ErrMemoryLimit = vm.ErrMemoryLimit
)

// ErrNoSuchRule is wrapped by the error of [Engine.EvaluateRule] for an id
// that is not loaded.
var ErrNoSuchRule = errors.New("no such rule")

// Alert is one alert.emit(rule_id, message) call of an evaluation.
type Alert = vm.Alert

// Result is the detailed outcome of one evaluation.
type Result struct {
	Matched       bool    // the Lua truthiness of the predicate's first result
	Alerts        []Alert // alert.emit calls, in order, at most MaxAlertsPerEvaluation
	AlertsDropped int     // alert.emit calls beyond the bound
	Instructions  int64   // instruction units executed (exact, deterministic)
	MemoryBytes   int64   // bytes charged by the cost model (exact, deterministic)
}

// Engine compiles, holds and evaluates rules. It is safe for concurrent use
// by any number of goroutines.
type Engine struct {
	cfg    Config
	schema *SchemaRegistry
	// fieldName is schema.fieldName, bound once: a method value made per
	// evaluation would allocate.
	fieldName func(id int64) string
	limits    vm.Limits
	copts     compiler.Options

	// The sandbox is built on first use, after which RegisterModule is
	// refused: rules loaded before and after would otherwise see
	// different globals.
	setupMu sync.Mutex
	modules []sandbox.Module
	env     atomic.Pointer[sandbox.Env]

	threads sync.Pool // of *runState

	rulesMu sync.Mutex                       // serialises writers of rules
	rules   atomic.Pointer[map[string]*Rule] // copy-on-write: readers never lock

	cacheMu sync.Mutex
	cache   map[string]*cacheEntry
	order   []string // insertion order, for eviction
}

type cacheEntry struct {
	once sync.Once
	rule *Rule
	err  error
}

// runState is the per-goroutine state of evaluations.
type runState struct {
	th *vm.Thread
	ev vm.Event
}

// NewEngine validates cfg and returns an engine. schema may be nil; with a
// schema, rules may name fields (event:get_str("exe")), accessor types are
// checked at compile time, and runtime errors name fields.
func NewEngine(cfg Config, schema *SchemaRegistry) (*Engine, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	e := &Engine{
		cfg:    cfg,
		schema: schema,
		limits: vm.Limits{Instructions: int64(cfg.InstructionLimit), MemoryBytes: int64(cfg.MemoryLimitKB) * 1024},
		cache:  map[string]*cacheEntry{},
	}
	e.copts.Optimize = cfg.EnableJIT
	if schema != nil {
		e.fieldName = schema.fieldName
		e.copts.Schema = schema
	}
	empty := map[string]*Rule{}
	e.rules.Store(&empty)
	e.threads.New = func() any { return e.newRunState() }
	return e, nil
}

// Config returns the engine's configuration.
func (e *Engine) Config() Config { return e.cfg }

// Schema returns the engine's schema (nil if none).
func (e *Engine) Schema() *SchemaRegistry { return e.schema }

// sandboxEnv returns the engine's sandbox, building it on first use.
func (e *Engine) sandboxEnv() (*sandbox.Env, error) {
	if env := e.env.Load(); env != nil {
		return env, nil
	}
	e.setupMu.Lock()
	defer e.setupMu.Unlock()
	if env := e.env.Load(); env != nil {
		return env, nil
	}
	profile := sandbox.ProfileSandbox
	if e.cfg.EnableFFI {
		profile = sandbox.ProfileFFI
	}
	var env *sandbox.Env
	var err error
	if len(e.modules) == 0 {
		env, err = sharedEnv(profile)
	} else {
		env, err = sandbox.New(sandbox.Options{Profile: profile, Modules: e.modules})
	}
	if err != nil {
		return nil, err
	}
	e.env.Store(env)
	return env, nil
}

// sharedEnvs are the sandbox environments of engines without native
// modules, built once per process and profile: an environment is frozen
// after it is built (its globals, libraries and metatables, with ids from
// their place in it), so engines can share it, and the second engine of a
// process does not pay the 70 µs of building the libraries again.
var sharedEnvs [2]struct {
	once sync.Once
	env  *sandbox.Env
	err  error
}

func sharedEnv(p sandbox.Profile) (*sandbox.Env, error) {
	i := 0
	if p == sandbox.ProfileFFI {
		i = 1
	}
	s := &sharedEnvs[i]
	s.once.Do(func() { s.env, s.err = sandbox.New(sandbox.Options{Profile: p}) })
	return s.env, s.err
}

func (e *Engine) newRunState() *runState {
	env, _ := e.sandboxEnv() // built before any run state is needed
	th := vm.NewThread()
	th.MaxAlerts = MaxAlertsPerEvaluation
	if env != nil {
		env.Setup(th)
	}
	return &runState{th: th}
}

// acquire takes a run state for one evaluation; the run resets it
// (vm.Thread.Eval, or Reset before another call).
func (e *Engine) acquire() *runState {
	return e.threads.Get().(*runState)
}

// release returns a run state to the pool. A thread whose run failed is
// dropped instead: an error may leave it anywhere (deep in a call, with a
// grown stack), and a fresh thread guarantees that the next evaluation
// starts, and is charged, exactly as the first one did. Errors are the
// rare path, so the allocation does not matter.
func (e *Engine) release(st *runState, err error) {
	if err != nil {
		return
	}
	if st.ev.Fields != nil {
		st.ev = vm.Event{}
	}
	e.threads.Put(st)
}

// compile parses and compiles src.
func (e *Engine) compile(chunkname string, src []byte) (*vm.Proto, error) {
	chunk, err := parser.Parse(chunkname, src)
	if err != nil {
		return nil, err
	}
	return compiler.Compile(chunk, e.copts)
}

// Evaluate evaluates script, the source of a rule, against ev. The script
// is compiled and loaded on first use and kept in a bounded cache keyed by
// its source, so evaluating the same script again costs what
// [Rule.Evaluate] costs. Errors name the rule "script".
func (e *Engine) Evaluate(ctx context.Context, script string, ev *Event) (bool, error) {
	r, err := e.cached(script)
	if err != nil {
		return false, err
	}
	return r.Evaluate(ctx, ev)
}

func (e *Engine) cached(script string) (*Rule, error) {
	e.cacheMu.Lock()
	ce, ok := e.cache[script]
	if !ok {
		if len(e.order) >= MaxCachedScripts {
			delete(e.cache, e.order[0])
			e.order = e.order[1:]
		}
		ce = &cacheEntry{}
		e.cache[script] = ce
		e.order = append(e.order, script)
	}
	e.cacheMu.Unlock()
	ce.once.Do(func() { ce.rule, ce.err = e.load("script", "script", []byte(script)) })
	return ce.rule, ce.err
}

// LoadRule compiles and loads a rule from source and registers it under id
// (replacing a rule of the same id). The chunk name in error messages is
// id.
func (e *Engine) LoadRule(id, script string) (*Rule, error) {
	r, err := e.load(id, id, []byte(script))
	if err != nil {
		return nil, err
	}
	e.register(r)
	return r, nil
}

func (e *Engine) register(rs ...*Rule) {
	e.rulesMu.Lock()
	defer e.rulesMu.Unlock()
	old := *e.rules.Load()
	m := make(map[string]*Rule, len(old)+len(rs))
	for id, r := range old {
		m[id] = r
	}
	for _, r := range rs {
		m[r.id] = r
	}
	e.rules.Store(&m)
}

// Rule returns the loaded rule with the given id.
func (e *Engine) Rule(id string) (*Rule, bool) {
	r, ok := (*e.rules.Load())[id]
	return r, ok
}

// EvaluateRule evaluates the loaded rule id against ev. It does not check
// the rule's event types (see [Rule.AppliesTo]).
func (e *Engine) EvaluateRule(ctx context.Context, id string, ev *Event) (bool, error) {
	r, ok := (*e.rules.Load())[id]
	if !ok {
		return false, fmt.Errorf("rule %q: %w", id, ErrNoSuchRule)
	}
	return r.Evaluate(ctx, ev)
}

// RuleError is an error of one rule: loading it or evaluating it. It
// unwraps to the underlying typed error (*parser.SyntaxError,
// *compiler.Error, *vm.RuntimeError, a limit error, ...).
type RuleError struct {
	Rule  string // the rule id
	Chunk string // the chunk name of its source (the file path for LoadRules)
	Err   error
}

// Error returns "rule ID: MESSAGE", where the message starts with the
// chunk name (the file) and position when the error has them, and with
// the chunk name alone when it has none (limit errors, malformed rule
// tables).
func (e *RuleError) Error() string {
	msg := e.Err.Error()
	if e.Chunk != "" && !strings.HasPrefix(msg, e.Chunk+":") {
		msg = e.Chunk + ": " + msg
	}
	return "rule " + e.Rule + ": " + msg
}

// Unwrap returns the underlying error.
func (e *RuleError) Unwrap() error { return e.Err }
