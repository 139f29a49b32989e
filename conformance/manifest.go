package conformance

// Status is the expected result of one upstream test file under
// kestrel-lua's conformance profile.
type Status string

// The statuses of the manifest.
const (
	// Pass: the file runs to its end without error.
	Pass Status = "pass"
	// Partial: the file runs correctly until it reaches a feature outside
	// the subset, at Entry.StopLine, and ends with exactly Entry.StopError.
	// Everything before that line is checked by the file's own asserts.
	Partial Status = "partial"
	// Skip: the file is not run at all.
	Skip Status = "skip"
)

// Reason groups manifest entries by why a file does not pass, as cel-go's
// conformance skip list does.
type Reason string

// The reasons a file is skipped or stops early.
const (
	ReasonNone       Reason = ""
	ReasonTestC      Reason = "needs the C test library T (testC): without it the file prints a notice and tests nothing"
	ReasonExecutable Reason = "tests the standalone lua executable (command-line options, LUA_INIT, the prompt) through os.execute"
	ReasonDriver     Reason = "the suite driver: runs main.lua, dumps every file with string.dump, uses gc hooks and os.setlocale"
	ReasonBig        Reason = "builds a 4 GiB string (expects 32-bit size_t overflow) and must run inside a coroutine"
	ReasonGC         Reason = "collectgarbage is outside the subset (Go's collector; no GC control, weak tables or __gc)"
	ReasonDebug      Reason = "the debug library is outside the subset"
	ReasonIO         Reason = "the io library (other than io.write) is outside the subset"
	ReasonOS         Reason = "the os library is outside the subset"
	ReasonRequire    Reason = "require, module and package are outside the subset"
)

// An Entry is the manifest line of one upstream file.
type Entry struct {
	File   string
	Status Status
	Reason Reason
	// StopLine is the line of the out-of-subset feature a Partial file
	// reaches.
	StopLine int
	// StopError is a regular expression the final error of a Partial file
	// must match, after NormalizeError (the chunk name becomes "chunk").
	StopError string
}

// Manifest lists every file of the upstream Lua 5.1 test suite
// (shared/conformance/lua5.1-tests/*.lua). TestUpstream fails if a file of
// the folder is missing here, if a listed file is missing from the folder,
// or if a file does not end as its entry says. The partial entries were
// derived by running each file under lua5.1 with the library functions that
// kestrel-lua's conformance profile lacks removed (TestUpstream does this
// again on every run, and requires kestrel-lua to end every file exactly
// as that restricted lua5.1 does).
var Manifest = []Entry{
	{File: "all.lua", Status: Skip, Reason: ReasonDriver},
	{File: "api.lua", Status: Skip, Reason: ReasonTestC},
	{File: "attrib.lua", Status: Partial, Reason: ReasonRequire, StopLine: 5,
		StopError: `^chunk:5: attempt to call global 'require' \(a nil value\)$`},
	{File: "big.lua", Status: Skip, Reason: ReasonBig},
	{File: "calls.lua", Status: Partial, Reason: ReasonGC, StopLine: 233,
		StopError: `^chunk:239: chunk:233: attempt to call global 'collectgarbage' \(a nil value\)$`},
	{File: "checktable.lua", Status: Skip, Reason: ReasonTestC},
	{File: "closure.lua", Status: Partial, Reason: ReasonGC, StopLine: 13,
		StopError: `^chunk:13: attempt to call global 'collectgarbage' \(a nil value\)$`},
	{File: "code.lua", Status: Skip, Reason: ReasonTestC},
	{File: "constructs.lua", Status: Partial, Reason: ReasonDebug, StopLine: 189,
		StopError: `^chunk:189: attempt to index global 'debug' \(a nil value\)$`},
	{File: "db.lua", Status: Partial, Reason: ReasonDebug, StopLine: 25,
		StopError: `^chunk:25: attempt to index global 'debug' \(a nil value\)$`},
	{File: "errors.lua", Status: Partial, Reason: ReasonGC, StopLine: 107,
		StopError: `^chunk:12: assertion failed!$`},
	{File: "events.lua", Status: Partial, Reason: ReasonGC, StopLine: 7,
		StopError: `^chunk:7: attempt to call global 'collectgarbage' \(a nil value\)$`},
	{File: "files.lua", Status: Partial, Reason: ReasonIO, StopLine: 4,
		StopError: `^chunk:4: attempt to call field 'input' \(a nil value\)$`},
	{File: "gc.lua", Status: Partial, Reason: ReasonGC, StopLine: 3,
		StopError: `^chunk:3: attempt to call global 'collectgarbage' \(a nil value\)$`},
	{File: "literals.lua", Status: Partial, Reason: ReasonDebug, StopLine: 112,
		StopError: `^\[string "a = 1        -- a comment..."\]:11: attempt to index global 'debug' \(a nil value\)$`},
	{File: "locals.lua", Status: Pass},
	{File: "main.lua", Status: Skip, Reason: ReasonExecutable},
	{File: "math.lua", Status: Partial, Reason: ReasonIO, StopLine: 124,
		StopError: `^chunk:124: attempt to call field 'tmpfile' \(a nil value\)$`},
	{File: "nextvar.lua", Status: Partial, Reason: ReasonGC, StopLine: 230,
		StopError: `^chunk:230: attempt to call global 'collectgarbage' \(a nil value\)$`},
	{File: "pm.lua", Status: Pass},
	{File: "sort.lua", Status: Partial, Reason: ReasonOS, StopLine: 25,
		StopError: `^chunk:25: attempt to index global 'os' \(a nil value\)$`},
	{File: "strings.lua", Status: Partial, Reason: ReasonOS, StopLine: 150,
		StopError: `^chunk:150: attempt to index global 'os' \(a nil value\)$`},
	{File: "vararg.lua", Status: Pass},
	{File: "verybig.lua", Status: Partial, Reason: ReasonOS, StopLine: 89,
		StopError: `^chunk:89: attempt to index global 'os' \(a nil value\)$`},
}
