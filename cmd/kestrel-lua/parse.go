package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/kestrel-runtime/lua/ast"
	"github.com/kestrel-runtime/lua/parser"
)

func init() {
	commands["parse"] = command{summary: "check syntax (and print the tree)", run: parseCommand}
}

const parseUsage = `usage: kestrel-lua parse [--ast] FILE...

Parses each Lua 5.1 FILE (a first line starting with '#' is skipped, as
lua5.1 does). Prints nothing and exits 0 when every file parses; otherwise
prints each error on stderr as file:line:col: message and exits 1.
With --ast, prints each parsed file back as Lua source (ast.Print), which
shows how expressions were grouped.

Exit status: 0 all files parse; 1 a file has a syntax error or cannot be
read; 2 usage error.

Flags:
`

func parseCommand(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("parse", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(stderr, parseUsage); fs.PrintDefaults() }
	printAST := fs.Bool("ast", false, "print the parsed tree as Lua source")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return 2
	}
	status := 0
	for _, file := range fs.Args() {
		src, err := os.ReadFile(file)
		if err != nil {
			fmt.Fprintf(stderr, "kestrel-lua: %v\n", err)
			status = 1
			continue
		}
		chunk, err := parser.Parse(file, parser.SkipShebang(src))
		if err != nil {
			var se *parser.SyntaxError
			if errors.As(err, &se) {
				fmt.Fprintln(stderr, se.Error())
			} else {
				fmt.Fprintf(stderr, "%s: %v\n", file, err)
			}
			status = 1
			continue
		}
		if *printAST {
			if fs.NArg() > 1 {
				fmt.Fprintf(stdout, "-- %s\n", file)
			}
			if err := ast.Print(stdout, chunk); err != nil {
				fmt.Fprintf(stderr, "kestrel-lua: %v\n", err)
				return 2
			}
		}
	}
	return status
}
