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

// upstreamEngine returns the engine for the upstream suite. Its memory is
// not limited: the meter charges every allocation cumulatively (it does
// not credit what Go's collector frees), and long upstream files allocate
// gigabytes over their run while staying small. The run is still bounded
// by upstreamTimeout, and the files that build huge strings are skipped.
func upstreamEngine(t *testing.T) Engine {
	return &Kestrel{NoOptimize: *flagNoOptimize}
}
