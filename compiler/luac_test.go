package compiler_test

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kestrel-runtime/lua/compiler"
	"github.com/kestrel-runtime/lua/parser"
	"github.com/kestrel-runtime/lua/vm"
)

// listedFunc is one function of a `luac -l` style listing.
type listedFunc struct {
	title  string // "function <file:3,5> (N instructions, M bytes" (no address)
	header string // "N params, M slots, ..." line
	code   []listedInstr
	consts []string
	locals []listedLocal
	upvals []string
}

type listedLocal struct {
	name       string
	start, end int // 1-based pcs as luac prints them
}

type listedInstr struct {
	line     string // source line, kept only for instructions that can raise errors
	op       string
	operands []int
	comment  string
}

var (
	headerRE  = regexp.MustCompile(`^(main|function) <`)
	instrRE   = regexp.MustCompile(`^\t(\d+)\t\[([-0-9]+)\]\t(\S+)\s*\t([-0-9 ]+)(?:\t; (.*))?$`)
	sectionRE = regexp.MustCompile(`^(constants|locals|upvalues|fields) \(\d+\) for `)
	localRE   = regexp.MustCompile(`^\t\d+\t(.*)\t(\d+)\t(\d+)$`)
	itemRE    = regexp.MustCompile(`^\t\d+\t(.*)$`)
)

// errorLines lists the instructions that can raise runtime errors: their
// line is what Lua 5.1 error messages report, so it must be luac's.
// GETGLOBAL and SETGLOBAL raise errors through metamethods of the
// environment table (a "strict" environment).
var errorLines = map[string]bool{
	"GETTABLE": true, "SETTABLE": true, "SELF": true, "ADD": true, "SUB": true,
	"MUL": true, "DIV": true, "MOD": true, "POW": true, "UNM": true, "LEN": true,
	"CONCAT": true, "EQ": true, "LT": true, "LE": true, "CALL": true,
	"TAILCALL": true, "FORPREP": true, "TFORLOOP": true, "GETGLOBAL": true,
	"SETGLOBAL": true,
}

// parseListing splits a listing into functions (depth-first order).
func parseListing(t *testing.T, text string) []listedFunc {
	t.Helper()
	var fns []listedFunc
	section := ""
	lines := strings.Split(text, "\n")
	for i := 0; i < len(lines); i++ {
		line := lines[i]
		switch {
		case headerRE.MatchString(line):
			title, _, _ := strings.Cut(line, " at ")
			i++
			fns = append(fns, listedFunc{title: title, header: lines[i]})
			section = ""
		case sectionRE.MatchString(line):
			section = sectionRE.FindStringSubmatch(line)[1]
		case section == "locals" && localRE.MatchString(line):
			m := localRE.FindStringSubmatch(line)
			start, _ := strconv.Atoi(m[2])
			end, _ := strconv.Atoi(m[3])
			cur := &fns[len(fns)-1]
			cur.locals = append(cur.locals, listedLocal{m[1], start, end})
		case section == "constants" && itemRE.MatchString(line):
			cur := &fns[len(fns)-1]
			cur.consts = append(cur.consts, itemRE.FindStringSubmatch(line)[1])
		case section == "upvalues" && itemRE.MatchString(line):
			cur := &fns[len(fns)-1]
			cur.upvals = append(cur.upvals, itemRE.FindStringSubmatch(line)[1])
		case section == "" && instrRE.MatchString(line):
			m := instrRE.FindStringSubmatch(line)
			var operands []int
			for _, f := range strings.Fields(m[4]) {
				n, err := strconv.Atoi(f)
				require.NoError(t, err)
				operands = append(operands, n)
			}
			cur := &fns[len(fns)-1]
			line := ""
			if errorLines[m[3]] {
				line = m[2]
			}
			cur.code = append(cur.code, listedInstr{line: line, op: m[3], operands: operands, comment: m[5]})
		}
	}
	return fns
}

// fullListing returns the luac -l -l style listing of p.
func fullListing(p *vm.Proto) string {
	var b bytes.Buffer
	vm.DisassembleFull(&b, p)
	return b.String()
}

// protos lists p and its nested prototypes depth-first, as luac prints them.
func protos(p *vm.Proto) []*vm.Proto {
	out := []*vm.Proto{p}
	for _, q := range p.Protos {
		out = append(out, protos(q)...)
	}
	return out
}

// normalizeLuac removes the pseudo-instructions luac emits after CLOSURE
// (one MOVE or GETUPVAL per upvalue; kestrel-lua takes them from
// Proto.Upvals) and renumbers jump targets accordingly.
func normalizeLuac(t *testing.T, fn listedFunc, p *vm.Proto) ([]listedInstr, []int) {
	newPC := make([]int, len(fn.code)+2) // 1-based old pc -> 1-based new pc
	var out []listedInstr
	for pc := 0; pc < len(fn.code); pc++ {
		in := fn.code[pc]
		newPC[pc+1] = len(out) + 1
		out = append(out, in)
		if in.op == "CLOSURE" {
			bx := in.operands[1]
			require.Less(t, bx, len(p.Protos))
			for k := 0; k < len(p.Protos[bx].Upvals); k++ {
				pc++
				newPC[pc+1] = len(out) + 1
				require.Contains(t, []string{"MOVE", "GETUPVAL"}, fn.code[pc].op)
			}
		}
	}
	newPC[len(fn.code)+1] = len(out) + 1
	for i := range out {
		switch out[i].op {
		case "JMP", "FORLOOP", "FORPREP":
			target, err := strconv.Atoi(strings.TrimPrefix(out[i].comment, "to "))
			require.NoError(t, err)
			out[i].comment = "to " + strconv.Itoa(newPC[target])
			out[i].operands = out[i].operands[:len(out[i].operands)-1] // drop sBx
		case "CLOSURE":
			out[i].comment = ""
		}
	}
	return out, newPC
}

// renumberLocals maps luac's local ranges through newPC.
func renumberLocals(locals []listedLocal, newPC []int) []listedLocal {
	var out []listedLocal
	for _, l := range locals {
		out = append(out, listedLocal{l.name, newPC[l.start], newPC[l.end]})
	}
	return out
}

// render prints normalized instructions one per line, for readable diffs.
func render(code []listedInstr) string {
	var b strings.Builder
	for pc, in := range code {
		fmt.Fprintf(&b, "%d [%s] %s %v ; %s\n", pc+1, in.line, in.op, in.operands, in.comment)
	}
	return b.String()
}

func normalizeOurs(code []listedInstr) []listedInstr {
	for i := range code {
		switch code[i].op {
		case "JMP", "FORLOOP", "FORPREP":
			code[i].operands = code[i].operands[:len(code[i].operands)-1]
		case "CLOSURE":
			code[i].comment = ""
		}
	}
	return code
}

// TestMatchesLuac compiles the programs in testdata/luac/ and checks that
// the code is the code luac5.1 generates for them: same instructions, same
// operands, same constants, same jump targets, same function headers
// (parameters, registers, upvalues, locals, constants, functions). The
// programs use the Lua 5.1 subset where kestrel-lua's code generation is
// meant to be identical (with the compatibility `arg` local on, as Debian's
// luac5.1 has it).
func TestMatchesLuac(t *testing.T) {
	luac, err := exec.LookPath("luac5.1")
	if err != nil {
		t.Skip("luac5.1 not installed: cannot compare code generation with the reference compiler")
	}
	files, err := filepath.Glob("testdata/luac/*.lua")
	require.NoError(t, err)
	require.NotEmpty(t, files)
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			cmd := exec.Command(luac, "-l", "-l", "-p", file)
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			require.NoError(t, cmd.Run(), "luac5.1: %s", stderr.String())
			want := parseListing(t, stdout.String())

			src, err := os.ReadFile(file)
			require.NoError(t, err)
			chunk, err := parser.Parse(file, src)
			require.NoError(t, err)
			// A file starting with "-- plain" is compiled without Optimize
			// (it uses event accessors, which Optimize turns into FIELD).
			optimize := !bytes.HasPrefix(src, []byte("-- plain"))
			p, err := compiler.Compile(chunk, compiler.Options{Optimize: optimize, CompatVarargArg: true})
			require.NoError(t, err)
			got := parseListing(t, fullListing(p))
			ps := protos(p)
			require.Len(t, got, len(want), "number of functions")
			for i := range want {
				w, newPC := normalizeLuac(t, want[i], ps[i])
				g := normalizeOurs(got[i].code)
				wantTitle, _, _ := strings.Cut(want[i].title, " (") // instruction counts differ by the pseudo-instructions
				gotTitle, _, _ := strings.Cut(got[i].title, " (")
				assert.Equal(t, wantTitle, gotTitle, "function %d lines defined", i)
				assert.Equal(t, want[i].header, got[i].header, "function %d header", i)
				assert.Equal(t, render(w), render(g), "function %d code (luac5.1 first)", i)
				assert.Equal(t, want[i].consts, got[i].consts, "function %d constants", i)
				assert.Equal(t, renumberLocals(want[i].locals, newPC), got[i].locals, "function %d locals", i)
				assert.Equal(t, want[i].upvals, got[i].upvals, "function %d upvalues", i)
			}
		})
	}
}

// looseConstants replaces constant operands (negative in listings) by a
// placeholder: the comments still compare the constants' values. Used for
// the upstream suite, where kestrel-lua keeps integer and float constants
// apart (5000 and 5e3 are two constants) while luac merges them, which
// shifts later constant indices.
func looseConstants(code []listedInstr) []listedInstr {
	for i := range code {
		ops := append([]int(nil), code[i].operands...)
		for j := range ops {
			if j > 0 && ops[j] < 0 {
				ops[j] = -1
			}
		}
		code[i].operands = ops
	}
	return code
}

var constCountRE = regexp.MustCompile(`\d+ constants?, `)

// TestUpstreamMatchesLuac compares the code for every file of the upstream
// Lua 5.1 test suite with luac5.1's, except for constant indices (see
// looseConstants). It skips when luac5.1 or the suite is absent; the suite
// is found as the conformance tests find it (KESTREL_LUA51_TESTS, or
// ../shared/conformance/lua5.1-tests beside the repository).
func TestUpstreamMatchesLuac(t *testing.T) {
	luac, err := exec.LookPath("luac5.1")
	if err != nil {
		t.Skip("luac5.1 not installed")
	}
	dir := os.Getenv("KESTREL_LUA51_TESTS")
	if dir == "" {
		dir = filepath.Join("..", "..", "shared", "conformance", "lua5.1-tests")
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.lua"))
	if len(files) == 0 {
		t.Skipf("upstream Lua 5.1 test suite not found at %s (set KESTREL_LUA51_TESTS)", dir)
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			src, err := os.ReadFile(file)
			require.NoError(t, err)
			if bytes.HasPrefix(src, []byte("#")) {
				// luaL_loadfile skips a first line starting with '#'.
				if i := bytes.IndexByte(src, '\n'); i >= 0 {
					src = src[i:]
				}
			}
			path := filepath.Join(t.TempDir(), filepath.Base(file))
			require.NoError(t, os.WriteFile(path, src, 0o644))
			var stdout bytes.Buffer
			cmd := exec.Command(luac, "-l", "-l", "-p", path)
			cmd.Stdout = &stdout
			require.NoError(t, cmd.Run())
			want := parseListing(t, stdout.String())

			chunk, err := parser.Parse(path, src)
			require.NoError(t, err)
			p, err := compiler.Compile(chunk, compiler.Options{Optimize: true, CompatVarargArg: true})
			require.NoError(t, err)
			got := parseListing(t, fullListing(p))
			ps := protos(p)
			require.Len(t, got, len(want), "number of functions")
			for i := range want {
				code, newPC := normalizeLuac(t, want[i], ps[i])
				assert.Equal(t, renumberLocals(want[i].locals, newPC), got[i].locals, "function %d locals", i)
				assert.Equal(t, want[i].upvals, got[i].upvals, "function %d upvalues", i)
				wantTitle, _, _ := strings.Cut(want[i].title, " (")
				gotTitle, _, _ := strings.Cut(got[i].title, " (")
				assert.Equal(t, wantTitle, gotTitle, "function %d lines defined", i)
				w := render(looseConstants(code))
				g := render(looseConstants(normalizeOurs(got[i].code)))
				assert.Equal(t, constCountRE.ReplaceAllString(want[i].header, ""),
					constCountRE.ReplaceAllString(got[i].header, ""), "function %d header", i)
				assert.Equal(t, w, g, "function %d (line %d) code (luac5.1 first)", i, ps[i].LineDefined)
			}
		})
	}
}
