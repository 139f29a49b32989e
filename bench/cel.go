package bench

import (
	"fmt"

	"github.com/google/cel-go/cel"
	"github.com/google/cel-go/common/types"
	"github.com/google/cel-go/common/types/ref"
	"github.com/google/cel-go/interpreter"
)

// CELEngine runs the CEL predicates (cel-go v0.31): one environment
// declaring the typed variables exe, has_exe, pid, name, flag and uid; each
// predicate compiled and checked once into a Program with OptOptimize (so
// constant regular expressions are compiled at plan time). Events are
// converted once into CEL values; a runner's activation resolves names
// against the current event without allocating.
var CELEngine = &Engine{
	Name:    "cel",
	Compile: celCompile,
	Source:  func(p int) string { return CELPredicates[p] },
	Prepare: celPrepare,
}

// NewCELEnv returns the CEL environment of the workload.
func NewCELEnv() (*cel.Env, error) {
	return cel.NewEnv(
		cel.Variable("exe", cel.StringType),
		cel.Variable("has_exe", cel.BoolType),
		cel.Variable("pid", cel.IntType),
		cel.Variable("name", cel.StringType),
		cel.Variable("flag", cel.BoolType),
		cel.Variable("uid", cel.IntType),
	)
}

// celEnv is shared by all compilations (cel.Env is safe for concurrent use).
var celEnv = func() *cel.Env {
	env, err := NewCELEnv()
	if err != nil {
		panic(err)
	}
	return env
}()

// celEvent is an event converted to CEL values once.
type celEvent struct {
	exe, hasExe, pid, name, flag, uid ref.Val
}

func celPrepare(evs []GoEvent) (*EventSet, error) {
	out := make([]celEvent, len(evs))
	for i, e := range evs {
		out[i] = celEvent{
			exe: types.String(e.Exe), hasExe: types.Bool(e.HasExe), pid: types.Int(e.Pid),
			name: types.String(e.Name), flag: types.Bool(e.Flag), uid: types.Int(e.UID),
		}
	}
	return &EventSet{Go: evs, Data: out}, nil
}

func celCompile(src string, events *EventSet) (Program, error) {
	ast, iss := celEnv.Compile(src)
	if iss.Err() != nil {
		return nil, iss.Err()
	}
	if ast.OutputType() != cel.BoolType {
		return nil, fmt.Errorf("cel: %q has type %v, want bool", src, ast.OutputType())
	}
	prg, err := celEnv.Program(ast, cel.EvalOptions(cel.OptOptimize))
	if err != nil {
		return nil, err
	}
	return &celProgram{prg: prg, evs: events.Data.([]celEvent)}, nil
}

type celProgram struct {
	prg cel.Program
	evs []celEvent
}

// celActivation resolves the workload's variables against one event.
type celActivation struct{ ev *celEvent }

func (a *celActivation) ResolveName(name string) (any, bool) {
	switch name {
	case "exe":
		return a.ev.exe, true
	case "has_exe":
		return a.ev.hasExe, true
	case "pid":
		return a.ev.pid, true
	case "name":
		return a.ev.name, true
	case "flag":
		return a.ev.flag, true
	case "uid":
		return a.ev.uid, true
	}
	return nil, false
}

func (a *celActivation) Parent() interpreter.Activation { return nil }

type celRunner struct {
	p   *celProgram
	act celActivation
}

func (p *celProgram) NewRunner() (Runner, error) { return &celRunner{p: p}, nil }

func (r *celRunner) Eval(i int) (bool, error) {
	r.act.ev = &r.p.evs[i]
	out, _, err := r.p.prg.Eval(&r.act)
	if err != nil {
		return false, err
	}
	b, ok := out.(types.Bool)
	if !ok {
		return false, fmt.Errorf("cel: result %v is not a bool", out)
	}
	return bool(b), nil
}
