package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"strings"

	lua "github.com/kestrel-runtime/lua"
	"github.com/kestrel-runtime/lua/vm"
)

func init() {
	commands["exec"] = command{summary: "run a Lua script", run: execCommand}
}

const execUsage = `usage: kestrel-lua exec [flags] FILE [args...]

Runs a Lua script as lua5.1 runs a file ("-" reads standard input): print
and io.write go to standard output, the global table arg holds the
arguments (arg[0] = FILE), and the main chunk receives them as "...".

Profiles: sandbox (default) gives the rules' libraries: no io, os, load...;
conformance adds loadstring, load, dofile, setfenv, getfenv, io.write,
math.mod, table.getn, string.gfind, unpack (for the Lua 5.1 test suite;
not a sandbox).

On error it prints "kestrel-lua: chunk:line: message" and a stack
traceback on standard error. Exit status: 0 success, 1 the script failed,
2 usage error or unreadable file.

Flags:
`

func execCommand(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	flags := flag.NewFlagSet("exec", flag.ContinueOnError)
	flags.SetOutput(stderr)
	flags.Usage = func() { fmt.Fprint(stderr, execUsage); flags.PrintDefaults() }
	profile := flags.String("profile", "sandbox", "library profile: sandbox or conformance")
	instr := flags.Int64("instruction-limit", 0, "instruction budget of the run (0 = unlimited)")
	mem := flags.Int64("memory-limit-kb", 0, "memory budget of the run in KiB (0 = unlimited)")
	noJIT := flags.Bool("no-jit", false, "compile without the optimising passes")
	if err := flags.Parse(args); err != nil {
		return exitFatal
	}
	if flags.NArg() < 1 {
		flags.Usage()
		return exitFatal
	}
	prof, err := lua.ParseProfile(*profile)
	if err != nil {
		fmt.Fprintf(stderr, "kestrel-lua: %v\n", err)
		return exitFatal
	}
	opts := lua.ExecOptions{
		Profile:          prof,
		Path:             flags.Arg(0),
		Args:             flags.Args()[1:],
		Stdout:           stdout,
		InstructionLimit: *instr,
		MemoryLimitKB:    *mem,
		NoOptimize:       *noJIT,
	}
	if opts.Path == "-" {
		src, err := io.ReadAll(stdin)
		if err != nil {
			fmt.Fprintf(stderr, "kestrel-lua: %v\n", err)
			return exitFatal
		}
		opts.Path, opts.Source = "stdin", src
	}
	if opts.InstructionLimit < 0 || opts.MemoryLimitKB < 0 {
		fmt.Fprintln(stderr, "kestrel-lua: limits must not be negative")
		return exitFatal
	}
	_, err = lua.Exec(context.Background(), opts)
	if err == nil {
		return exitOK
	}
	if opts.Source == nil && isNotExist(err) {
		fmt.Fprintf(stderr, "kestrel-lua: cannot open %s\n", opts.Path)
		return exitFatal
	}
	fmt.Fprintf(stderr, "kestrel-lua: %s\n", luaMessage(err))
	var re *vm.RuntimeError
	if errors.As(err, &re) && re.Traceback != "" {
		fmt.Fprintln(stderr, strings.TrimRight(re.Traceback, "\n"))
	}
	return exitSome
}

// luaMessage renders err as lua5.1 reports it (no column).
func luaMessage(err error) string {
	var lm interface{ LuaMessage() string }
	if errors.As(err, &lm) {
		return lm.LuaMessage()
	}
	return err.Error()
}

func isNotExist(err error) bool {
	var pe *fs.PathError
	return errors.As(err, &pe)
}
