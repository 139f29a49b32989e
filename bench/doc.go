// Package bench measures kestrel-lua side by side with the engines a user
// would otherwise pick to run a detection predicate in Go: hand-written Go
// (the floor), gopher-lua, expr and cel-go.
//
// It is its own Go module (bench/go.mod, with a replace directive pointing
// at the main module) so that gopher-lua, expr and cel-go never reach the
// build of a kestrel-lua user.
//
// # The workload
//
// An event carries five fields by id: 1 the executable path (string), 2 the
// pid (i64), 3 the process name (string), 4 a flag (bool) and 5 the uid
// (i64). [Events] is a fixed set of eight events, matches and non-matches
// mixed, that every benchmark cycles through. Five predicates are written
// once per engine, each in that engine's own idiom:
//
//	P1  exe present and (contains(exe, "/tmp/") or
//	    (endswith(exe, ".sh") and not startswith(exe, "/bin/")))
//	P2  pid > 1000 and uid == 0 and flag
//	P3  regex match of ^/(tmp|dev/shm)/.*\.(sh|py)$ on exe (compiled once)
//	P4  the process name contains any of 20 substrings held by the rule
//	P5  true (pure call overhead)
//
// Every engine converts the events into its own representation once, before
// measuring: a Go struct for hand-written Go and expr, a reused userdata
// pointing at the Go struct for gopher-lua, pre-converted CEL values behind a
// custom activation for cel-go, and a built *lua.Event for kestrel-lua. The
// measured loop is then only "evaluate the compiled predicate on event i".
//
// # Fairness
//
// Each engine is used the way its documentation recommends for speed:
// gopher-lua compiles the chunk once to a FunctionProto and keeps one LState
// per goroutine; expr reuses one vm.VM per goroutine over a typed struct
// environment; cel-go is compiled with OptOptimize (constant regexes are
// precompiled) and evaluated against an allocation-free activation. Every
// engine, hand-written Go included, is called through the same [Runner]
// interface, so each measurement carries the same single dynamic call.
//
// TestEnginesAgree checks that all engines give the same answer for every
// predicate on every event: a benchmark of a wrong predicate is worthless.
package bench
