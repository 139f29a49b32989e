package bench

import (
	"github.com/expr-lang/expr"
	"github.com/expr-lang/expr/vm"
)

// ExprEngine runs the expr predicates (expr v1.17): compiled once against
// the [GoEvent] struct as a typed environment with expr.AsBool; each runner
// reuses one vm.VM (expr's documented way to avoid a VM allocation per run)
// and passes a pointer to the event struct.
var ExprEngine = &Engine{
	Name:    "expr",
	Compile: exprCompile,
	Source:  func(p int) string { return ExprPredicates[p] },
	Prepare: func(evs []GoEvent) (*EventSet, error) { return &EventSet{Go: evs}, nil },
}

func exprCompile(src string, events *EventSet) (Program, error) {
	prog, err := expr.Compile(src, expr.Env(&GoEvent{}), expr.AsBool())
	if err != nil {
		return nil, err
	}
	return &exprProgram{prog: prog, evs: events.Go}, nil
}

type exprProgram struct {
	prog *vm.Program
	evs  []GoEvent
}

type exprRunner struct {
	vm  vm.VM
	p   *exprProgram
	evs []GoEvent
}

func (p *exprProgram) NewRunner() (Runner, error) { return &exprRunner{p: p, evs: p.evs}, nil }

func (r *exprRunner) Eval(i int) (bool, error) {
	out, err := r.vm.Run(r.p.prog, &r.evs[i])
	if err != nil {
		return false, err
	}
	return out.(bool), nil
}
