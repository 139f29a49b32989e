// Package conformance proves that kestrel-lua behaves like reference Lua 5.1
// by running the same programs on both and comparing what can be observed.
//
// Three kinds of programs are run, all from plain `go test ./conformance`:
//
//  1. Script tests. Every chunked script test of the repository
//     (conformance/testdata/*.lua and any other package's testdata/*.lua,
//     split by [chunkedfile]) runs under the reference interpreter lua5.1 and
//     under kestrel-lua. Each chunk runs in a fresh state. The two
//     [Outcome]s (standard output, and the error raised if any) must be
//     byte-identical, and each must satisfy the chunk's error mark. Because
//     the expectations are checked under lua5.1 too, a wrong expectation
//     cannot hide a wrong engine.
//
//  2. The upstream Lua 5.1 test suite (../shared/conformance/lua5.1-tests,
//     or $KESTREL_LUA51_TESTS), each file run unmodified from its own folder
//     in the conformance profile. The manifest ([Manifest]) lists every file
//     of the folder with its status: pass, or skip with the reason (grouped
//     by reason, as cel-go's conformance skip list is) and, for a file that
//     stops on an out-of-subset feature, the line where it stops. A file
//     missing from the manifest, or a file marked pass that fails, is a test
//     failure.
//
//     TestUpstreamStubbed then runs the same files once more on both
//     engines, after plain-Lua stand-ins for collectgarbage, os.clock,
//     os.setlocale, table.foreach and math.random (a Park-Miller generator
//     both engines share), so that the core-language sections behind a
//     stop line are compared too.
//
//  3. Generated programs. [Generate] builds a well-formed program inside the
//     subset from a seed (integer and float edges, strings and
//     string.format, patterns, tables, closures, varargs, metatables,
//     pcall/error, comparisons that raise errors). The program is a list of
//     independent sections, each a do...end block that prints its results,
//     so that deleting sections keeps the rest meaningful. Programs run in
//     batches under one lua5.1 process (each program loaded by loadstring and
//     isolated by pcall and a fresh environment, with a separator written
//     after it), and one by one under kestrel-lua. A disagreement is shrunk by
//     delta debugging over the sections and then over the lines of the
//     remaining sections ([Shrink]) and printed, ready to be saved as a
//     regression file in testdata/.
//
// # Outcomes
//
// An [Outcome] is what a program prints on standard output plus how it
// ended: normally, or with an error whose message is the Lua error value
// rendered as lua.c renders it (strings and numbers as themselves, any other
// value as "(error object is a T value)"). Messages are compared in full,
// line numbers included; only the chunk name is normalised, and a column
// that a Go-level rendering may add ("name:3:7:") is removed, so that the
// comparison is the one a Lua program doing pcall would see.
package conformance
