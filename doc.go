// Package lua is the embedding API of kestrel-lua: a deterministic,
// sandboxed evaluator of Lua 5.1 detection rules over events.
//
// # Model
//
// An [Engine] holds a [Config] (per-evaluation budgets, FFI, optimiser), an
// optional [SchemaRegistry] naming event fields, and the rules loaded into
// it. A rule is Lua source whose main chunk returns either a predicate
// function or a rule table
//
//	return {
//	    event_types = {1, 2},          -- optional: only these event types
//	    severity = "high",             -- optional metadata
//	    description = "...",           -- optional metadata
//	    match = function(event) ... end,
//	}
//
// Loading a rule ([Engine.LoadRule], [Engine.LoadRules]) parses and
// compiles the source once, runs the main chunk once (under the same
// budgets as an evaluation), and then freezes everything the rule can
// reach: its environment, the tables it built at module level, and the
// module-level variables its functions capture (a function that assigns
// such a variable is rejected at load time, because every evaluation must
// start from the same state). The result, a [Rule], is immutable and may be
// evaluated by any number of goroutines at once.
//
// # Evaluation
//
// [Rule.Evaluate] takes a per-goroutine run state (a vm.Thread, pooled),
// resets its budgets, hands the predicate the event as a userdata with the
// script API (event:get_str(id), get_i64, get_u64, get_f64, get_bool,
// get_bytes, has_field, type, ts_mono, ts_wall, entity_key) and returns the
// Lua truthiness of the predicate's first result. Nothing is allocated in
// the steady state: the thread's stacks are reused, the event is wrapped by
// a per-thread userdata, and field strings are shared, not copied. Every
// table a predicate creates is new and unreachable after the evaluation,
// and every shared table is read-only ("attempt to modify a read-only
// table"), so nothing written by one evaluation is visible to the next,
// to another rule or to another goroutine.
//
// [Rule.EvaluateDetailed] also returns the alerts the rule emitted with
// alert.emit (bounded; the overflow is counted), the instructions executed
// and the bytes charged, all exact and identical on every run.
//
// # Errors
//
// Errors are typed: *parser.SyntaxError and *compiler.Error at load,
// *vm.RuntimeError for Lua errors (errors.As), and vm.ErrInstructionLimit /
// vm.ErrMemoryLimit for exhausted budgets (errors.Is). Errors of a rule are
// wrapped in a [*RuleError] naming the rule. An error ends one evaluation
// only; the engine keeps serving.
//
// # Sandbox
//
// Rules see the Lua 5.1 subset libraries (string, table, math, base
// functions) plus the detection builtins (string.contains, startswith,
// endswith, glob_match, regex.match, alert.emit). io, os, debug, load,
// loadstring, dofile, require, string.dump, setfenv, getfenv,
// collectgarbage, newproxy, module, package and coroutine are absent, and
// reading any of them is an error that says so, instead of a puzzling
// "attempt to index a nil value". See package sandbox.
//
// # Running whole scripts
//
// [Exec] runs a complete Lua file the way the lua5.1 interpreter does
// (print and io.write to a writer, the arg table), in the sandbox or the
// conformance profile. The CLI's exec command and the conformance suite
// use it.
package lua
