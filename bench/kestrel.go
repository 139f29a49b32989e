package bench

import (
	"errors"
	"testing"
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
	Prepare: func(evs []GoEvent) (*EventSet, error) { return nil, errKestrelPending },
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
