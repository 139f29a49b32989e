package bench

import (
	"context"
	"fmt"
	"strconv"
	"sync"
	"testing"

	lua "github.com/kestrel-runtime/lua"
)

// KestrelEngine runs the Lua predicates on kestrel-lua through its public
// API: one lua.Engine with the default configuration (optimiser on,
// 1 MiB and 1,000,000 instructions per evaluation), rules compiled with
// LoadRule, evaluated with (*Rule).Evaluate on events built once with
// lua.NewEventBuilder. kestrel-lua keeps its per-goroutine run state in the
// engine, so a runner is only the rule and the events.
var KestrelEngine = &Engine{
	Name:    "kestrel",
	Compile: kestrelCompile,
	Source:  func(p int) string { return LuaPredicates[p] },
	Prepare: kestrelPrepare,
}

var (
	kestrelOnce   sync.Once
	kestrelShared *lua.Engine
	kestrelErr    error
)

// kestrelEngine returns the engine the predicates are loaded into.
func kestrelEngine() (*lua.Engine, error) {
	kestrelOnce.Do(func() { kestrelShared, kestrelErr = lua.NewEngine(lua.DefaultConfig(), nil) })
	return kestrelShared, kestrelErr
}

// kestrelPrepare builds the events with the public event builder.
func kestrelPrepare(evs []GoEvent) (*EventSet, error) {
	out := make([]*lua.Event, len(evs))
	for i, e := range evs {
		b := lua.NewEventBuilder().EventType(1)
		if e.HasExe {
			b.Field(FieldExe, lua.String(e.Exe))
		}
		ev, err := b.Field(FieldPid, lua.I64(e.Pid)).
			Field(FieldName, lua.String(e.Name)).
			Field(FieldFlag, lua.Bool(e.Flag)).
			Field(FieldUID, lua.I64(e.UID)).
			Build()
		if err != nil {
			return nil, err
		}
		out[i] = ev
	}
	return &EventSet{Go: evs, Data: out}, nil
}

// kestrelCompile loads src as a rule. Every rule is loaded under the same
// id (replacing the previous one in the engine's registry), so the engine
// itself retains nothing per compilation: the returned program holds the
// *lua.Rule.
func kestrelCompile(src string, events *EventSet) (Program, error) {
	eng, err := kestrelEngine()
	if err != nil {
		return nil, err
	}
	r, err := eng.LoadRule("bench", src)
	if err != nil {
		return nil, err
	}
	return &kestrelProgram{rule: r, evs: events.Data.([]*lua.Event)}, nil
}

type kestrelProgram struct {
	rule *lua.Rule
	evs  []*lua.Event
}

func (p *kestrelProgram) NewRunner() (Runner, error) { return p, nil }

func (p *kestrelProgram) Eval(i int) (bool, error) {
	return p.rule.Evaluate(context.Background(), p.evs[i])
}

// kestrelEngineCreate returns a function creating one kestrel-lua engine
// with the default configuration.
func kestrelEngineCreate(b *testing.B) func() {
	return func() {
		e, err := lua.NewEngine(lua.DefaultConfig(), nil)
		if err != nil {
			b.Fatal(err)
		}
		sinkAny = e
	}
}

// kestrelEngineReady returns a function creating a kestrel-lua engine and
// loading P5 into it: NewEngine builds the sandbox (the globals and
// libraries) lazily, on the first load, so this is the cost of an engine
// ready to evaluate.
func kestrelEngineReady(b *testing.B) func() {
	return func() {
		e, err := lua.NewEngine(lua.DefaultConfig(), nil)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := e.LoadRule("p5", LuaPredicates[4]); err != nil {
			b.Fatal(err)
		}
		sinkAny = e
	}
}

// KestrelScriptEngine runs the classic programs on kestrel-lua. The public
// API has no "run a chunk and give me its result" entry point, so each
// program becomes a rule: the chunk is wrapped in a module-level function
// that the predicate calls, and the predicate reports the program's result
// through alert.emit (read back from EvaluateInto's Result). The engine
// allows the maximum budgets, since the programs run millions of
// instructions.
var KestrelScriptEngine = &ScriptEngine{
	Name: "kestrel",
	Compile: func(name, src string) (ScriptRunner, error) {
		cfg := lua.DefaultConfig()
		cfg.InstructionLimit = lua.MaxInstructionLimit
		cfg.MemoryLimitKB = lua.MaxMemoryLimitKB
		eng, err := lua.NewEngine(cfg, nil)
		if err != nil {
			return nil, err
		}
		r, err := eng.LoadRule(name, KestrelScriptRule(src))
		if err != nil {
			return nil, err
		}
		ev, err := lua.NewEventBuilder().Build()
		if err != nil {
			return nil, err
		}
		return &kestrelScript{rule: r, ev: ev}, nil
	},
}

// KestrelScriptRule wraps a chunk returning a number into a rule that runs
// it on every evaluation and emits its result as an alert message.
func KestrelScriptRule(src string) string {
	return "local function main()\n" + src + "\nend\n" +
		"return function(event)\n" +
		"  alert.emit(\"result\", string.format(\"%.17g\", main()))\n" +
		"  return true\n" +
		"end\n"
}

type kestrelScript struct {
	rule *lua.Rule
	ev   *lua.Event
	res  lua.Result
}

func (s *kestrelScript) Run() (float64, error) {
	if err := s.rule.EvaluateInto(context.Background(), s.ev, &s.res); err != nil {
		return 0, err
	}
	if len(s.res.Alerts) != 1 {
		return 0, fmt.Errorf("kestrel: %d alerts, want the result", len(s.res.Alerts))
	}
	return strconv.ParseFloat(s.res.Alerts[0].Message, 64)
}
