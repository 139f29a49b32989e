// Package builtins holds kestrel-lua's standard libraries: Lua 5.1's base,
// string, table and math libraries, the detection builtins (plain-text
// tests, glob matching, RE2 regular expressions, alerts), io.write, and the
// conformance profile (loadstring, load, dofile, getfenv, setfenv and 5.0
// compatibility names). It imports only vm.
//
// # Composing an environment
//
// Each library is a [Lib], a function that installs its tables and
// functions into a globals table at setup time:
//
//	env := vm.NewTable(0, 64)
//	err := builtins.Register(env, builtins.Base, builtins.String,
//		builtins.Table, builtins.Math, builtins.Detection)
//	strMeta := builtins.StringMetatable(env) // for vm.Thread.StringMeta
//	env.FreezeDeep(); strMeta.Freeze()       // shared by every run
//
// The conformance profile needs the parser and compiler, which builtins may
// not import; the host passes a [Loader] in [Conformance]:
//
//	builtins.Register(env, ..., builtins.IOWrite,
//		builtins.Conformance{Load: myLoader, ReadFile: os.ReadFile}.Open)
//
// # Behaving like Lua 5.1
//
// Every function checks its arguments as lauxlib.c does and fails with 5.1's
// words ("bad argument #1 to 'rep' (string expected, got no value)"), and
// computes what lua5.1 computes, byte for byte: patterns are matched by a
// port of lstrlib.c's backtracking matcher (pattern.go), string.format
// renders conversions as glibc's printf does (format.go, cfmt.go),
// table.sort is 5.1's quicksort with the same comparison sequence, and the
// math functions return glibc's results bit for bit: correctly rounded
// (libm.go, in double-double arithmetic) or by glibc's own fdlibm formulas
// (fdlibm.go), with glibc's NaN signs. Arguments are checked in 5.1's
// order, including the right-to-left order in which gcc evaluates
// f(luaL_checknumber(L, 1), luaL_checknumber(L, 2)), and luaL_checkint's
// narrowing to a 32-bit C int. The
// script tests in testdata/ run under both kestrel-lua and lua5.1 and must
// print the same. Where kestrel-lua differs, it is on purpose and
// documented at the function: integers print every digit (SUBSET.md),
// math.random has its own deterministic generator, and quirks of the C
// implementation that depend on addresses or the C stack are replaced by
// stable ids and explicit limits ([MaxMatchDepth]).
//
// # Metering
//
// A builtin runs inside one VM instruction (the call), so it charges its
// own work to the run's budgets through the vm.Thread:
//
//   - memory, before allocating: every string it creates costs
//     vm.CostString(len) (substrings share their subject's bytes and cost
//     nothing). A string built piece by piece (gsub, format, load's
//     reader) is charged for every backing array its buffer allocates,
//     whole capacities of sizes the Go allocator serves exactly, and
//     again when it becomes a string; their temporaries live on the
//     stack. print and io.write stream their pieces and build nothing.
//     Tables are charged by the VM's constructors. string.rep,
//     table.concat and their kin compute the final size first, so a bomb
//     fails before allocating.
//   - instructions, in proportion to the work: one unit per [BytesPerStep]
//     bytes scanned, copied or produced; one per step of the pattern
//     matcher (each match attempt and each character an expansion, a
//     balance or a back-reference examines); one per comparison of
//     table.sort (plus the bytes of two strings compared); one per element
//     of table.concat and unpack; one per [SlotsPerStep] slots table.maxn
//     walks; one per 8 empty slots next and pairs pass over
//     (vm.Thread.Next). A string converted to a number (tonumber, a
//     numeric argument given as a string) or compared byte by byte
//     (rawequal of two strings of the same length) counts as bytes
//     scanned, charged before the scan; rawget and rawset pay for a long
//     string key as the VM's t[k] does ([KeyBytesPerStep]).
//   - regex.match charges by the size of the compiled program, not of the
//     pattern: its compilation per instruction (units and memory), its
//     matching per byte of text times instructions, and it refuses
//     programs over [MaxRegexInsts] instructions.
//
// Long operations charge as they go, so a backtracking pattern or a
// quadratic glob stops at the limit rather than running to the end;
// vm.Thread.Step also checks the context for cancellation.
//
// Charges depend only on the program and its inputs, never on timing,
// caches or map order, so instruction and memory counts are identical on
// every run (the regex cache charges a compilation on every call, hit or
// miss).
//
// # Concurrency
//
// The library functions keep no mutable state of their own except the
// bounded regex cache, which is safe for concurrent use; per-run state (the
// random generator, alerts, output) lives in the vm.Thread. Library tables
// may therefore be frozen and shared by any number of threads.
package builtins
