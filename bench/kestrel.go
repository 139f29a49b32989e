//go:build kestrel

package bench

import (
	"errors"
	"testing"

	lua "github.com/kestrel-runtime/lua"
)

// errKestrelPending is returned until the root package's embedding API
// (NewEngine, LoadRule, (*Rule).Evaluate) exists.
var errKestrelPending = errors.New("kestrel: the embedding API is not available yet")

// KestrelEngine runs the Lua predicates on kestrel-lua through its public
// API.
var KestrelEngine = &Engine{
	Name:    "kestrel",
	Compile: func(string, *EventSet) (Program, error) { return nil, errKestrelPending },
	Source:  func(p int) string { return LuaPredicates[p] },
	Prepare: kestrelPrepare,
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

// KestrelScriptEngine runs classic programs on kestrel-lua.
var KestrelScriptEngine = &ScriptEngine{
	Name:    "kestrel",
	Compile: func(string, string) (ScriptRunner, error) { return nil, errKestrelPending },
}

// kestrelEngineCreate returns a function creating one kestrel-lua engine.
func kestrelEngineCreate(b *testing.B) func() {
	b.Skip(errKestrelPending)
	return nil
}
