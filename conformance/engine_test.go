package conformance

import (
	"flag"
	"testing"
)

var flagNoOptimize = flag.Bool("no-optimize", false, "run kestrel-lua with the optimiser off (plain Lua 5.1 bytecode)")

// testMemoryLimitKB bounds one conformance run (1 GiB): far above what any
// test needs, low enough that a runaway program fails instead of
// exhausting the machine.
const testMemoryLimitKB = 1 << 20

// kestrelEngine returns the engine under test.
func kestrelEngine(t *testing.T) Engine {
	return &Kestrel{MemoryLimitKB: testMemoryLimitKB, NoOptimize: *flagNoOptimize}
}
