package main

import (
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/kestrel-runtime/lua/compiler"
	"github.com/kestrel-runtime/lua/parser"
	"github.com/kestrel-runtime/lua/vm"
)

func init() {
	commands["disasm"] = command{
		summary: "print the bytecode of a file, as luac -l does",
		run:     runDisasm,
	}
}

// runDisasm implements "kestrel-lua disasm [--plain] [--full] FILE": parse and
// compile FILE (a first line starting with '#' is skipped, as lua5.1 does)
// and print the listing of its prototypes. Syntax and compile
// errors print "file:line:col: message" on stderr and exit 1.
func runDisasm(args []string, _ io.Reader, stdout, stderr io.Writer) int {
	flags := flag.NewFlagSet("disasm", flag.ContinueOnError)
	flags.SetOutput(stderr)
	plain := flags.Bool("plain", false, "compile without optimizations (no constant folding, no FIELD)")
	full := flags.Bool("full", false, "also list constants, locals and upvalues (as luac -l -l)")
	flags.Usage = func() {
		fmt.Fprintln(stderr, "usage: kestrel-lua disasm [--plain] [--full] FILE")
		flags.PrintDefaults()
	}
	if err := flags.Parse(args); err != nil {
		return 2
	}
	if flags.NArg() != 1 {
		flags.Usage()
		return 2
	}
	file := flags.Arg(0)
	src, err := os.ReadFile(file)
	if err != nil {
		fmt.Fprintf(stderr, "kestrel-lua: %v\n", err)
		return 1
	}
	chunk, err := parser.Parse(file, parser.SkipShebang(src))
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	proto, err := compiler.Compile(chunk, compiler.Options{Optimize: !*plain})
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	if *full {
		vm.DisassembleFull(stdout, proto)
	} else {
		vm.Disassemble(stdout, proto)
	}
	return 0
}
