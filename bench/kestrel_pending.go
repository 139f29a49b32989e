//go:build !kestrel_engine

package bench

import (
	"errors"
	"testing"
)

// This file stands in for kestrel.go (built with -tags kestrel_engine) while the
// main module's embedding API is still being written: the kestrel variants
// skip with errKestrelPending.

var errKestrelPending = errors.New("kestrel: the embedding API is not available yet (build with -tags kestrel_engine)")

// KestrelEngine is the pending kestrel-lua engine.
var KestrelEngine = &Engine{
	Name:    "kestrel",
	Compile: func(string, *EventSet) (Program, error) { return nil, errKestrelPending },
	Source:  func(p int) string { return LuaPredicates[p] },
	Prepare: func([]GoEvent) (*EventSet, error) { return nil, errKestrelPending },
}

// KestrelScriptEngine is the pending kestrel-lua script engine.
var KestrelScriptEngine = &ScriptEngine{
	Name:    "kestrel",
	Compile: func(string, string) (ScriptRunner, error) { return nil, errKestrelPending },
}

func kestrelEngineCreate(b *testing.B) func() {
	b.Skip(errKestrelPending)
	return nil
}

func kestrelEngineReady(b *testing.B) func() {
	b.Skip(errKestrelPending)
	return nil
}
