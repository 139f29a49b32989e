package conformance

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
)

// ReferenceBinary is the reference interpreter, looked up in $PATH.
const ReferenceBinary = "lua5.1"

// An Outcome is what can be observed of one run of a program.
type Outcome struct {
	Stdout string // everything the program wrote to standard output
	Failed bool   // the program ended with an error (compile or runtime)
	Error  string // the error message, normalised (see NormalizeError); "" if !Failed

	// Compile reports that the error was a compile (syntax) error. It is
	// informative only: Diff compares the message, which says as much.
	Compile bool
}

func (o Outcome) String() string {
	if !o.Failed {
		return fmt.Sprintf("ok, stdout %q", o.Stdout)
	}
	return fmt.Sprintf("error %q, stdout %q", o.Error, o.Stdout)
}

// Diff describes how got differs from want, or returns "" if they are equal.
func Diff(want, got Outcome) string {
	var b strings.Builder
	if want.Failed != got.Failed || want.Error != got.Error {
		fmt.Fprintf(&b, "error outcome differs:\n  lua5.1:  %s\n  kestrel: %s\n", errString(want), errString(got))
	}
	if want.Stdout != got.Stdout {
		fmt.Fprintf(&b, "stdout differs%s:\n  lua5.1:  %q\n  kestrel: %q\n", firstDiff(want.Stdout, got.Stdout), want.Stdout, got.Stdout)
	}
	return b.String()
}

func errString(o Outcome) string {
	if !o.Failed {
		return "(no error)"
	}
	return fmt.Sprintf("%q", o.Error)
}

// firstDiff locates the first differing line of two outputs.
func firstDiff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := 0; i < len(al) && i < len(bl); i++ {
		if al[i] != bl[i] {
			return fmt.Sprintf(" at output line %d (%q vs %q)", i+1, al[i], bl[i])
		}
	}
	return fmt.Sprintf(" (%d vs %d lines)", len(al), len(bl))
}

// colRE matches the column that a Go-level rendering of an error adds after
// the line: "name:12:7: " becomes "name:12: ".
var colRE = regexp.MustCompile(`^(.*?:\d+):\d+: `)

// NormalizeError makes an error message comparable across engines: the
// chunk name chunkName is replaced by "chunk" wherever it starts a position
// ("name:LINE:"), and a column after the line of the leading position is
// removed.
func NormalizeError(msg, chunkName string) string {
	msg = colRE.ReplaceAllString(msg, "$1: ")
	if chunkName != "" {
		msg = strings.ReplaceAll(msg, chunkName+":", "chunk:")
	}
	return msg
}

// RenderErrorValue is the Lua expression (a function) that both drivers
// use to render an error value, as lua.c reports it, except that non-string
// values name their type.
const renderLua = `local function render(e)
  local t = type(e)
  if t == "string" or t == "number" then return tostring(e) end
  return "(error object is a " .. t .. " value)"
end
`

// fileDriver runs the file named by $KESTREL_REF_FILE as the main chunk
// (loadfile, so the chunk name is the path as given), under pcall, and
// reports a failure on stderr after a marker.
const fileDriver = renderLua + `
local path = os.getenv("KESTREL_REF_FILE")
local f, err = loadfile(path)
if not f then io.stdout:flush() io.stderr:write("\1KESTREL\1", err) os.exit(3) end
local ok, e = pcall(f)
io.stdout:flush()
if not ok then io.stderr:write("\1KESTREL\1", render(e)) os.exit(4) end
os.exit(0)
`

// Reference runs programs under the reference interpreter.
type Reference struct {
	Path string // the lua5.1 executable
}

// FindReference locates lua5.1 in $PATH.
func FindReference() (*Reference, error) {
	p, err := exec.LookPath(ReferenceBinary)
	if err != nil {
		return nil, err
	}
	return &Reference{Path: p}, nil
}

// RunFile runs the Lua file at path (relative to dir, or absolute) as a main
// chunk from directory dir and returns its outcome, with chunk name
// chunkName normalised in the error message. The chunk name lua5.1 uses is
// path as given.
func (r *Reference) RunFile(ctx context.Context, dir, path string) (Outcome, error) {
	cmd := exec.CommandContext(ctx, r.Path, "-e", fileDriver)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "KESTREL_REF_FILE="+path)
	cmd.Stdin = nil
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	out := Outcome{Stdout: stdout.String()}
	if err == nil {
		return out, nil
	}
	if ctx.Err() != nil {
		return out, fmt.Errorf("lua5.1 %s did not finish: %w (an infinite loop under reference Lua?)", path, ctx.Err())
	}
	_, msg, ok := strings.Cut(stderr.String(), "\x01KESTREL\x01")
	if !ok {
		return out, fmt.Errorf("lua5.1 %s: %v: %s", path, err, stderr.String())
	}
	out.Failed = true
	out.Compile = cmd.ProcessState.ExitCode() == 3
	out.Error = NormalizeError(msg, path)
	return out, nil
}

// RunSource writes src to dir/name and runs it with RunFile.
func (r *Reference) RunSource(ctx context.Context, dir, name string, src []byte) (Outcome, error) {
	if err := os.WriteFile(filepath.Join(dir, name), src, 0o644); err != nil {
		return Outcome{}, err
	}
	return r.RunFile(ctx, dir, name)
}

// batchSeparator separates programs in a batch file; batchEnd starts the
// record the batch driver writes after each program's output.
const (
	batchSeparator = "\n--@@KESTREL-SEPARATOR@@\n"
	batchEnd       = "\x01END\x01"
)

// batchDriver runs every program of the batch file $KESTREL_REF_FILE in
// order. Each program is compiled with loadstring under chunk name
// $KESTREL_REF_NAME, gets a fresh global environment that reads through to
// _G, runs under pcall, and is followed on stdout by a record
// "\1END\1status\1message\1\n".
const batchDriver = renderLua + `
local fh = assert(io.open(os.getenv("KESTREL_REF_FILE"), "rb"))
local data = fh:read("*a")
fh:close()
local name = "=" .. os.getenv("KESTREL_REF_NAME")
local sep = "\n--@@KESTREL-SEPARATOR@@\n"
local pos = 1
while pos <= #data do
  local s, e = string.find(data, sep, pos, true)
  if not s then break end
  local src = string.sub(data, pos, s - 1)
  pos = e + 1
  local f, err = loadstring(src, name)
  local status, msg = "ok", ""
  if not f then
    status, msg = "compile", err
  else
    setfenv(f, setmetatable({}, {__index = _G}))
    local ok, e = pcall(f)
    if not ok then status, msg = "error", render(e) end
  end
  io.write("\1END\1", status, "\1", msg, "\1\n")
end
io.stdout:flush()
`

// RunBatch runs many programs in one lua5.1 process (see batchDriver) under
// chunk name chunkName and returns one outcome per program. dir is a
// scratch directory for the batch file.
func (r *Reference) RunBatch(ctx context.Context, dir, chunkName string, programs []string) ([]Outcome, error) {
	var b strings.Builder
	for _, p := range programs {
		b.WriteString(p)
		b.WriteString(batchSeparator)
	}
	file := filepath.Join(dir, "batch.lua")
	if err := os.WriteFile(file, []byte(b.String()), 0o644); err != nil {
		return nil, err
	}
	cmd := exec.CommandContext(ctx, r.Path, "-e", batchDriver)
	cmd.Env = append(os.Environ(), "KESTREL_REF_FILE="+file, "KESTREL_REF_NAME="+chunkName)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("lua5.1 batch: %v: %s", err, stderr.String())
	}
	parts := strings.Split(stdout.String(), batchEnd)
	if len(parts) != len(programs)+1 {
		return nil, fmt.Errorf("lua5.1 batch: %d records for %d programs", len(parts)-1, len(programs))
	}
	outs := make([]Outcome, len(programs))
	for i := range programs {
		var o Outcome
		if i == 0 {
			o.Stdout = parts[0]
		} else {
			// parts[i] is "status\1msg\1\n" of program i-1, then program i's output.
			_, rest, ok := strings.Cut(parts[i], "\x01\n")
			if !ok {
				return nil, fmt.Errorf("lua5.1 batch: malformed record %d", i)
			}
			o.Stdout = rest
		}
		rec, _, _ := strings.Cut(parts[i+1], "\x01\n")
		status, msg, _ := strings.Cut(rec, "\x01")
		if status == "error" || status == "compile" {
			o.Failed = true
			o.Compile = status == "compile"
			o.Error = NormalizeError(msg, chunkName)
		}
		outs[i] = o
	}
	return outs, nil
}
