// Command kestrel-lua parses, compiles, disassembles and runs Lua rules, and
// evaluates detection rules over a stream of events.
//
// Usage:
//
//	kestrel-lua parse [--ast] FILE...          check syntax (and print the tree)
//	kestrel-lua disasm FILE                    print the bytecode, as luac -l does
//	kestrel-lua exec [flags] FILE [args...]    run a script
//	kestrel-lua check --rules DIR [--schema F] compile every rule and report errors
//	kestrel-lua run --rules DIR --events F [--schema F]
//	                                           evaluate rules over JSON-lines events
//
// Each subcommand lives in its own file and registers itself in commands.
// The CLI only uses the public packages of the module: anything it does, an
// embedder can do too.
package main

import (
	"fmt"
	"io"
	"os"
	"sort"
)

// A command runs one subcommand with its arguments and returns the process
// exit code.
type command struct {
	summary string
	run     func(args []string, stdin io.Reader, stdout, stderr io.Writer) int
}

// commands is filled by the init functions of the subcommand files.
var commands = map[string]command{}

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(stderr)
		return 2
	}
	cmd, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "kestrel-lua: unknown command %q\n", args[0])
		usage(stderr)
		return 2
	}
	return cmd.run(args[1:], stdin, stdout, stderr)
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: kestrel-lua <command> [arguments]")
	fmt.Fprintln(w, "commands:")
	names := make([]string, 0, len(commands))
	for name := range commands {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		fmt.Fprintf(w, "  %-8s %s\n", name, commands[name].summary)
	}
}
