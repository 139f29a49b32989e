package conformance

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
)

// A Program is a generated Lua program: a fixed prelude followed by
// independent sections. Each section is rendered as a do ... end block, so
// its locals do not leak into the next one, and prints what it computes.
// Sections and their statements can be deleted independently, which is
// what [Shrink] relies on: the program stays well formed, and the remaining
// sections compute what they computed before.
type Program struct {
	Seed     uint64
	Sections []Section
}

// A Section is a list of statements. A statement may span several lines
// (a function definition, a loop), but is deleted as a whole.
type Section struct {
	Kind  string // what the section exercises, e.g. "arith"
	Stmts []string
}

// genPrelude is the start of every generated program. N prints a number so
// that the output does not depend on whether it is an integer or a float
// wherever Lua 5.1 is exact: values of magnitude 10^14 or more are printed
// with %.14g (5.1's number format), because kestrel-lua prints integers
// with every digit by design. S renders any value without exposing table or
// function addresses. E runs f under pcall and prints the outcome.
const genPrelude = `local function N(x)
  if type(x) == "number" and x == x and x ~= 1/0 and x ~= -1/0 and (x >= 1e14 or x <= -1e14) then
    return string.format("%.14g", x)
  end
  return x
end
local function S(x)
  local t = type(x)
  if t == "table" or t == "function" then return t end
  if t == "number" then return N(x) end
  return tostring(x)
end
local function E(f, ...)
  local r = {pcall(f, ...)}
  for i = 1, table.maxn(r) do r[i] = S(r[i]) end
  print(unpack(r, 1, table.maxn(r)))
end
`

// Source renders the program as Lua source.
func (p *Program) Source() string {
	var b strings.Builder
	fmt.Fprintf(&b, "-- generated program, seed %d\n", p.Seed)
	b.WriteString(genPrelude)
	for _, s := range p.Sections {
		fmt.Fprintf(&b, "do -- %s\n", s.Kind)
		for _, st := range s.Stmts {
			b.WriteString("  ")
			b.WriteString(strings.ReplaceAll(st, "\n", "\n  "))
			b.WriteString("\n")
		}
		b.WriteString("end\n")
	}
	return b.String()
}

// clone returns a deep copy of p.
func (p *Program) clone() *Program {
	q := &Program{Seed: p.Seed, Sections: make([]Section, len(p.Sections))}
	for i, s := range p.Sections {
		q.Sections[i] = Section{Kind: s.Kind, Stmts: append([]string(nil), s.Stmts...)}
	}
	return q
}

// Generation limits: small programs run fast on both engines and shrink
// quickly.
const (
	minSections = 3
	maxSections = 7
)

// gen holds the state of one program's generation.
type gen struct {
	r *rand.Rand
}

// Generate returns the program for seed. The same seed gives the same
// program on every run and machine (math/rand/v2's PCG is specified).
func Generate(seed uint64) *Program {
	g := &gen{r: rand.New(rand.NewPCG(seed, 0x6b657374726c)) /* "kestrl" */}
	p := &Program{Seed: seed}
	n := minSections + g.r.IntN(maxSections-minSections+1)
	for range n {
		k := sectionKinds[g.r.IntN(len(sectionKinds))]
		p.Sections = append(p.Sections, Section{Kind: k.name, Stmts: k.gen(g)})
	}
	return p
}

type sectionKind struct {
	name string
	gen  func(g *gen) []string
}

// sectionKinds lists the section generators; each is equally likely.
var sectionKinds = []sectionKind{
	{"arith", (*gen).arith},
	{"compare", (*gen).compare},
	{"strings", (*gen).strings},
	{"format", (*gen).format},
	{"patterns", (*gen).patterns},
	{"gsub", (*gen).gsub},
	{"tables", (*gen).tables},
	{"closures", (*gen).closures},
	{"varargs", (*gen).varargs},
	{"metatables", (*gen).metatables},
	{"errors", (*gen).errors},
	{"control", (*gen).control},
	{"coercion", (*gen).coercion},
	{"mathfn", (*gen).mathfn},
	{"upvalues", (*gen).upvalues},
	{"strbytes", (*gen).strbytes},
}

func (g *gen) pick(xs ...string) string { return xs[g.r.IntN(len(xs))] }
func (g *gen) chance(p float64) bool    { return g.r.Float64() < p }
func (g *gen) intn(lo, hi int) int      { return lo + g.r.IntN(hi-lo+1) }

// Number literals: integer and float edges that Lua 5.1 represents
// exactly (|n| <= 2^53, or powers of two), plus infinities via 1/0.
var intLits = []string{
	"0", "1", "2", "3", "5", "7", "10", "16", "100", "255", "256", "1000", "65536",
	"-1", "-2", "-7", "-100", "123456789", "2147483647", "-2147483648", "4294967296",
	"9007199254740992", "-9007199254740992", "4611686018427387904", "0x10", "0xff",
}
var floatLits = []string{
	"0.5", "-0.5", "1.5", "-2.25", "3.14159", "0.1", "1e15", "1e100", "-1e300", "2.5e-3",
	"2^53", "2^63", "-2^63", "2^-1", "1/3", "(1/0)", "(-1/0)", "1e308", "123.456",
}

func (g *gen) num() string {
	if g.chance(0.6) {
		return intLits[g.r.IntN(len(intLits))]
	}
	return floatLits[g.r.IntN(len(floatLits))]
}

func (g *gen) smallInt() string { return strconv.Itoa(g.intn(-5, 12)) }

// smallNum returns a number whose arithmetic stays exact in a double
// through a few operations, and whose string form is the same in both
// engines (kestrel-lua prints integers of 10^14 and more with every digit).
func (g *gen) smallNum() string {
	return g.pick("0", "1", "2", "3", "-1", "-7", "10", "100", "255", "65536", "0.5", "-2.25", "1.5", "0.1", "1e15", "(1/0)", "2^53", "1/3")
}

// arith: binary and unary arithmetic on number edges.
func (g *gen) arith() []string {
	// a and b may be large integers: they only meet single operations
	// whose result is rounded once (the same double in both engines) and
	// never %, whose 5.1 formula a - floor(a/b)*b is inexact beyond 2^53.
	// c, d are small, and only they take part in chains.
	//
	// An arithmetic operator never gets two numeric literals: Lua 5.1
	// folds such constants at compile time, and a folded -0 shares one
	// constant slot with 0 in the function (a 5.1 bug that turns later
	// literal zeros into -0), which no exact engine reproduces. So the
	// left operand is always a variable.
	a, b, c, d := g.num(), g.num(), g.smallNum(), g.smallNum()
	stmts := []string{fmt.Sprintf("local a, b, c, d = %s, %s, %s, %s", a, b, c, d)}
	ops := []string{"+", "-", "*", "/", "%", "^"}
	for range g.intn(2, 5) {
		x, y := g.pick("a", "b", "c", "d"), g.pick("a", "b", "c", "d", g.smallInt(), "0")
		op := ops[g.r.IntN(len(ops))]
		if op == "%" || g.chance(0.3) {
			x, y = g.pick("c", "d"), g.pick("c", "d", g.smallInt(), "0")
		}
		if op == "^" && g.chance(0.7) {
			y = g.pick("2", "0.5", "-1", "3", "0")
		}
		switch g.r.IntN(6) {
		case 0:
			stmts = append(stmts, fmt.Sprintf("print(N(%s %s %s), N(-(%s)))", x, op, y, x))
		case 1:
			op2 := ops[g.r.IntN(4)]
			stmts = append(stmts, fmt.Sprintf("print(N(%s %s %s %s %s))", g.pick("c", "d"), op, g.pick("c", "d", "2"), op2, g.pick("c", "d", "1")))
		case 2:
			stmts = append(stmts, fmt.Sprintf("print(N(math.floor(%s)), N(math.abs(%s)), N(math.max(%s, %s)), N(math.min(%s, %s)))", x, y, x, y, x, y))
		case 3:
			x = g.pick("c", "d")
			stmts = append(stmts, fmt.Sprintf("print(N(math.fmod(%s, %s)), N(%s %% %s))", x, g.pick("3", "-3", "2.5", "d"), x, g.pick("3", "-3", "2.5", "d")))
		case 4:
			stmts = append(stmts, fmt.Sprintf("local z = %s %s %s\nprint(N(z), z == z, z + 0 == z, type(z))", x, op, y))
		default:
			stmts = append(stmts, fmt.Sprintf("print(N((%s) * 0), N(-(%s) * 0), N(%s - %s))", x, g.pick("a", "b", "c", "d"), x, x))
		}
	}
	return stmts
}

// compare: comparisons of numbers, strings and mixed types (errors
// included, caught by E).
func (g *gen) compare() []string {
	vals := []string{g.num(), g.num(), g.str(), g.str(), "nil", "true", "{}", g.smallInt()}
	stmts := []string{}
	for range g.intn(2, 5) {
		a, b := vals[g.r.IntN(len(vals))], vals[g.r.IntN(len(vals))]
		op := g.pick("<", "<=", ">", ">=", "==", "~=")
		stmts = append(stmts, fmt.Sprintf("E(function() local x, y = %s, %s return x %s y end)", a, b, op))
	}
	stmts = append(stmts, fmt.Sprintf("print(%s == %s, %s ~= %s, %s < %s)", g.num(), g.num(), g.str(), g.str(), g.str(), g.str()))
	return stmts
}

// Strings for the string sections: short, with letters, digits, spaces and
// punctuation that matters to patterns.
var strLits = []string{
	`""`, `"a"`, `"abc"`, `"hello world"`, `"Hello, World!"`, `"  padded  "`, `"a,b,,c"`,
	`"key=value; k2=v2"`, `"x1y22z333"`, `"(nested (parens))"`, `"%d%%"`, `"tab\tnew\nline"`,
	`"UPPER lower"`, `"123"`, `"-4.5"`, `"0x1F"`, `"a.b-c+d*e?f"`, `"[brackets]"`, `"aaa"`,
	`"the quick brown fox"`, `"\0nul"`, `"1e3"`, `" 42 "`,
}

func (g *gen) str() string { return strLits[g.r.IntN(len(strLits))] }

// strings: the string library on string edges.
func (g *gen) strings() []string {
	stmts := []string{fmt.Sprintf("local s = %s", g.str())}
	for range g.intn(2, 6) {
		i, j := g.smallInt(), g.smallInt()
		switch g.r.IntN(9) {
		case 0:
			stmts = append(stmts, fmt.Sprintf("print(s:sub(%s, %s), s:sub(%s), #s)", i, j, i))
		case 1:
			stmts = append(stmts, "print(s:upper(), s:lower(), s:reverse(), s:len())")
		case 2:
			stmts = append(stmts, fmt.Sprintf("print(s:rep(%d), (s .. %s):rep(%d))", g.intn(-1, 3), g.str(), g.intn(0, 2)))
		case 3:
			stmts = append(stmts, fmt.Sprintf("print(s:byte(%s, %s))", i, j))
		case 4:
			stmts = append(stmts, fmt.Sprintf("print(string.char(%d, %d, %d))", g.intn(32, 126), g.intn(32, 126), g.intn(32, 126)))
		case 5:
			stmts = append(stmts, fmt.Sprintf("print(s .. %s, %s .. s, s == %s, s < %s)", g.str(), g.smallNum(), g.str(), g.str()))
		case 6:
			stmts = append(stmts, fmt.Sprintf("E(function() return s:sub(%s) .. s:rep(%s) end)", g.pick(i, `"x"`, "nil", "{}"), g.pick(j, `"2"`, "nil")))
		case 7:
			stmts = append(stmts, fmt.Sprintf("print(tostring(%s), tonumber(%s), tonumber(s), tonumber(s, %d))", g.smallNum(), g.str(), g.pick1(2, 10, 16, 36)))
		default:
			stmts = append(stmts, "local t = {}\nfor i = 1, #s do t[#t + 1] = s:byte(i) end\nprint(#t, table.concat(t, \",\"))")
		}
	}
	return stmts
}

func (g *gen) pick1(xs ...int) int { return xs[g.r.IntN(len(xs))] }

// format: string.format conversions with flags, widths and precisions.
func (g *gen) format() []string {
	var stmts []string
	for range g.intn(2, 5) {
		flag := g.pick("", "-", "+", " ", "0", "#")
		width := g.pick("", "", "1", "5", "12")
		prec := g.pick("", "", ".0", ".2", ".5", ".14")
		switch g.r.IntN(6) {
		case 0:
			stmts = append(stmts, fmt.Sprintf("E(function() return string.format(%q, %s) end)", "%"+flag+width+"d|", g.pick("0", "1", "-1", "42", "2147483647", "-2147483648", "3.0", "1e10", `"12"`)))
		case 1:
			stmts = append(stmts, fmt.Sprintf("E(function() return string.format(%q, %s) end)", "%"+flag+width+prec+g.pick("f", "e", "g", "E", "G"), g.pick("0", "0.5", "-1.25", "1e100", "123456.789", "1/3", "2^53", "-0.001", "100")))
		case 2:
			stmts = append(stmts, fmt.Sprintf("E(function() return string.format(%q, %s) end)", "%"+g.pick("", "-")+width+prec+"s|", g.pick(g.str(), g.str(), "12", "1.5")))
		case 3:
			stmts = append(stmts, fmt.Sprintf("E(function() return string.format(%q, %s) end)", "%"+g.pick("", "#")+width+g.pick("x", "X", "o"), g.pick("0", "1", "255", "65535", "4294967295", "123456789")))
		case 4:
			stmts = append(stmts, fmt.Sprintf("E(function() return string.format(\"%%q\", %s) end)", g.str()))
		default:
			stmts = append(stmts, fmt.Sprintf("E(function() return string.format(%q, %d, %s, %s) end)", "%c%s=%"+prec+"g", g.intn(65, 90), g.str(), g.num()))
		}
	}
	return stmts
}

// pattern builds a well-formed Lua pattern (or, rarely, a malformed one).
func (g *gen) pattern() string {
	var b strings.Builder
	if g.chance(0.2) {
		b.WriteString("^")
	}
	open := 0
	for range g.intn(1, 4) {
		switch g.r.IntN(10) {
		case 0, 1:
			b.WriteString(g.pick("a", "b", "l", "o", " ", ",", "=", "1", "x"))
		case 2:
			b.WriteString(".")
		case 3, 4:
			b.WriteString(g.pick("%a", "%d", "%s", "%w", "%l", "%u", "%p", "%x", "%A", "%S", "%D", "%c"))
		case 5:
			b.WriteString(g.pick("[abc]", "[^%s]", "[a-z]", "[%d,]", "[^a-z]", "[%a_]", "[%.%-]"))
		case 6:
			if open < 2 {
				b.WriteString("(")
				open++
				continue
			}
			b.WriteString("%w")
		case 7:
			if open > 0 {
				b.WriteString(")")
				open--
				continue
			}
			b.WriteString("()")
		case 8:
			b.WriteString(g.pick("%b()", "%b[]", "%f[%w]", "%f[%s]"))
			continue
		default:
			b.WriteString(g.pick("%%", "%.", "%("))
			if strings.HasSuffix(b.String(), "%(") {
				continue
			}
		}
		if g.chance(0.4) {
			b.WriteString(g.pick("*", "+", "-", "?"))
		}
	}
	for ; open > 0; open-- {
		b.WriteString(")")
	}
	if g.chance(0.15) {
		b.WriteString("$")
	}
	if g.chance(0.03) {
		b.WriteString(g.pick("[a", "%", "(", "%b", "%f"))
	}
	return strconv.Quote(b.String())
}

// patterns: find, match and gmatch.
func (g *gen) patterns() []string {
	stmts := []string{fmt.Sprintf("local s = %s", g.str())}
	for range g.intn(2, 5) {
		p := g.pattern()
		switch g.r.IntN(4) {
		case 0:
			stmts = append(stmts, fmt.Sprintf("E(function() return s:find(%s, %s) end)", p, g.pick("1", "2", "-3", "10", "0")))
		case 1:
			stmts = append(stmts, fmt.Sprintf("E(function() return s:match(%s) end)", p))
		case 2:
			stmts = append(stmts, fmt.Sprintf("E(function() return s:find(%s, 1, true) end)", g.pick(`"o"`, `"."`, `"%d"`, `"a,"`, `""`)))
		default:
			stmts = append(stmts, fmt.Sprintf("E(function()\n  local out, n = {}, 0\n  for a, b in s:gmatch(%s) do n = n + 1 if n > 50 then break end out[#out + 1] = S(a) .. \"/\" .. S(b) end\n  return n, table.concat(out, \" \")\nend)", p))
		}
	}
	return stmts
}

// gsub: string, table and function replacements.
func (g *gen) gsub() []string {
	stmts := []string{fmt.Sprintf("local s = %s", g.str())}
	for range g.intn(2, 4) {
		p := g.pattern()
		var repl string
		switch g.r.IntN(5) {
		case 0:
			repl = g.pick(`"<%0>"`, `"%1"`, `"[%1]"`, `""`, `"%%"`, `"x"`)
		case 1:
			repl = `{a = "A", b = 1, l = false, o = "0"}`
		case 2:
			repl = `function(c) return "(" .. S(c) .. ")" end`
		case 3:
			repl = `function(c) if c == "l" then return nil end return string.upper(c) end`
		default:
			repl = g.pick(`"%2"`, `true`, `function() return {} end`)
		}
		limit := ""
		if g.chance(0.3) {
			limit = ", " + g.pick("0", "1", "2", "-1")
		}
		stmts = append(stmts, fmt.Sprintf("E(function() return s:gsub(%s, %s%s) end)", p, repl, limit))
	}
	return stmts
}

// tables: constructors, #, insert/remove/concat/sort, order-free pairs.
func (g *gen) tables() []string {
	var items []string
	for range g.intn(0, 6) {
		items = append(items, g.pick(g.smallInt(), g.smallNum(), g.str()))
	}
	stmts := []string{fmt.Sprintf("local t = {%s}", strings.Join(items, ", "))}
	for range g.intn(2, 6) {
		switch g.r.IntN(9) {
		case 0:
			stmts = append(stmts, fmt.Sprintf("t[#t + 1] = %s\nprint(#t)", g.pick(g.smallInt(), g.str())))
		case 1:
			stmts = append(stmts, fmt.Sprintf("E(function() table.insert(t, %s) return #t end)", g.pick(g.smallInt(), g.str(), "1, 99", "#t + 1, 7")))
		case 2:
			stmts = append(stmts, fmt.Sprintf("E(function() return S(table.remove(t%s)), #t end)", g.pick("", ", 1", ", #t")))
		case 3:
			stmts = append(stmts, fmt.Sprintf("E(function() return table.concat(t, %s) end)", g.pick(`","`, `""`, `" - "`)))
		case 4:
			stmts = append(stmts, "E(function() local c = {} for i = 1, #t do c[i] = t[i] end table.sort(c) for i = 1, #c do c[i] = S(c[i]) end return table.concat(c, \" \") end)")
		case 5:
			stmts = append(stmts, "local n, sum = 0, 0\nfor k, v in pairs(t) do n = n + 1 if type(v) == \"number\" then sum = sum + v end end\nprint(n, N(sum))")
		case 6:
			stmts = append(stmts, fmt.Sprintf("t.x = %s\nt[%s] = %s\nprint(S(t.x), S(t[%s]), S(t[1]), #t, table.maxn(t) >= #t)", g.str(), g.pick("1", "2.0", "1.5", `"k"`), g.smallInt(), g.pick("1", "2", "1.5", `"k"`)))
		case 7:
			stmts = append(stmts, "local c = {} for i = #t, 1, -1 do c[#c + 1] = S(t[i]) end\nprint(table.concat(c, \",\"), select(\"#\", unpack(t)))")
		default:
			// table.sort is not stable: equal keys come out in the order of
			// 5.1's quicksort, and the comparator runs a fixed number of times.
			stmts = append(stmts, fmt.Sprintf("local recs, calls = {}, 0\nfor i = 1, %d do recs[i] = {k = (i * i * %d + 7) %% %d, id = i} end\ntable.sort(recs, function(x, y) calls = calls + 1 return x.k %s y.k end)\nlocal ids = {} for i = 1, #recs do ids[i] = recs[i].id end\nprint(calls, table.concat(ids, \" \"))",
				g.intn(2, 60), g.pick1(3, 7, 13, 31), g.pick1(2, 3, 5, 10, 17), g.pick("<", ">")))
		}
	}
	return stmts
}

// closures: counters, upvalues shared between closures, fresh loop
// variables.
func (g *gen) closures() []string {
	n := g.intn(1, 5)
	stmts := []string{
		fmt.Sprintf("local fs = {}\nfor i = 1, %d do fs[i] = function() return i * %s end end", n, g.smallInt()),
		fmt.Sprintf("local acc = {}\nfor i = 1, #fs do acc[#acc + 1] = N(fs[i]()) end\nprint(table.concat(acc, \" \"))"),
	}
	switch g.r.IntN(3) {
	case 0:
		stmts = append(stmts, fmt.Sprintf("local function counter(start)\n  local c = start\n  return function(d) c = c + (d or 1) return c end, function() return c end\nend\nlocal inc, get = counter(%s)\ninc() inc(%s)\nprint(N(get()), N(inc()))", g.smallNum(), g.smallInt()))
	case 1:
		stmts = append(stmts, fmt.Sprintf("local x = %s\nlocal function add(y) x = x .. y return x end\nadd(%s) add(%s)\nprint(x)", g.str(), g.str(), g.smallInt()))
	default:
		stmts = append(stmts, fmt.Sprintf("local gs = {}\nlocal j = 0\nwhile j < %d do j = j + 1 local k = j gs[j] = function() k = k + 1 return k end end\nprint(gs[1](), gs[1](), #gs)", g.intn(1, 4)))
	}
	stmts = append(stmts, fmt.Sprintf("local function fib(n) if n < 2 then return n end return fib(n - 1) + fib(n - 2) end\nprint(fib(%d))", g.intn(0, 15)))
	return stmts
}

// varargs: select, unpack, ... adjustment.
func (g *gen) varargs() []string {
	var args []string
	for range g.intn(0, 5) {
		args = append(args, g.pick(g.smallInt(), "nil", g.str(), "true"))
	}
	a := strings.Join(args, ", ")
	return []string{
		"local function f(...) return select(\"#\", ...), ... end",
		fmt.Sprintf("local r = {f(%s)}\nfor i = 1, table.maxn(r) do r[i] = S(r[i]) end\nprint(table.concat(r, \",\"))", a),
		fmt.Sprintf("print(select(\"#\"%s), (f(%s)))", prefixComma(a), a),
		fmt.Sprintf("E(function(...) return select(%s, ...) end%s)", g.pick("1", "2", "-1", "\"#\"", "0", "-10"), prefixComma(a)),
		fmt.Sprintf("E(function() return unpack({%s}, %s) end)", a, g.pick("1", "2", "1, 3", "-1, 1", "2, 1")),
		fmt.Sprintf("local function g(a, b, ...) local t = {...} return S(a), S(b), #t end\nprint(g(%s))", a),
	}
}

func prefixComma(s string) string {
	if s == "" {
		return ""
	}
	return ", " + s
}

// metatables: __index, __newindex, arithmetic, comparison, __concat,
// __call, __tostring, __unm.
func (g *gen) metatables() []string {
	stmts := []string{
		"local mt = {}\nmt.__index = function(t, k) return \"idx:\" .. S(k) end\nmt.__add = function(a, b) return \"add\" end\nmt.__concat = function(a, b) return \"cat\" end\nmt.__unm = function(a) return \"unm\" end\nmt.__call = function(self, ...) return select(\"#\", ...) end\nmt.__tostring = function() return \"OBJ\" end",
		"mt.__eq = function(a, b) return true end\nmt.__lt = function(a, b) return rawget(a, \"v\") < rawget(b, \"v\") end\nmt.__le = function(a, b) return rawget(a, \"v\") <= rawget(b, \"v\") end",
		fmt.Sprintf("local a, b = setmetatable({v = %s}, mt), setmetatable({v = %s}, mt)", g.smallInt(), g.smallInt()),
	}
	for range g.intn(2, 6) {
		switch g.r.IntN(8) {
		case 0:
			stmts = append(stmts, fmt.Sprintf("print(a.x, a[%s], rawget(a, \"x\"), a.v)", g.smallInt()))
		case 1:
			stmts = append(stmts, fmt.Sprintf("print(a + b, a + 1, %s + b, a .. \"s\", 1 .. b, -a)", g.smallInt()))
		case 2:
			stmts = append(stmts, "print(a == b, a ~= b, a < b, a <= b, a > b, a >= b, rawequal(a, b))")
		case 3:
			stmts = append(stmts, fmt.Sprintf("print(a(%s), tostring(b))", g.pick("", "1", "1, nil", "nil, nil, nil")))
		case 4:
			stmts = append(stmts, "E(function() return a < 1 end)\nE(function() return a * 2 end)")
		case 5:
			stmts = append(stmts, "local log = {}\nlocal p = setmetatable({}, {__newindex = function(t, k, v) log[#log + 1] = S(k) rawset(t, k, v) end})\np.a = 1 p.a = 2 p[1] = 3\nprint(table.concat(log, \",\"), p.a, p[1])")
		case 6:
			stmts = append(stmts, fmt.Sprintf("local base = {k = %s}\nlocal d = setmetatable({}, {__index = base})\nprint(S(d.k), S(d.z), S(rawget(d, \"k\")))", g.str()))
		default:
			stmts = append(stmts, "local prot = setmetatable({}, {__metatable = \"locked\"})\nprint(getmetatable(prot))\nE(function() return setmetatable(prot, {}) end)")
		}
	}
	return stmts
}

// errors: pcall, error with levels and non-string values, runtime errors
// with variable names.
func (g *gen) errors() []string {
	var stmts []string
	for range g.intn(2, 6) {
		switch g.r.IntN(10) {
		case 0:
			stmts = append(stmts, fmt.Sprintf("E(error, %s)", g.pick(`"msg"`, "42", "nil", "{}", "true", `"x", 0`, `"y", 2`)))
		case 1:
			stmts = append(stmts, fmt.Sprintf("local function lvl(l) error(\"at level \" .. l, l) end\nlocal function mid(l) lvl(l) end\nE(mid, %d)", g.intn(0, 3)))
		case 2:
			stmts = append(stmts, "E(function() local x = nil return x.field end)")
		case 3:
			stmts = append(stmts, fmt.Sprintf("E(function() local t = {} return t.%s.b end)", g.pick("a", "missing")))
		case 4:
			stmts = append(stmts, "E(function() return undefined_global_fn() end)")
		case 5:
			stmts = append(stmts, fmt.Sprintf("E(function() local t = {} return t:%s() end)", g.pick("m", "go")))
		case 6:
			stmts = append(stmts, fmt.Sprintf("E(function() local v = %s return v %s 1 end)", g.pick("nil", "{}", "true", `"x"`), g.pick("+", "..", "<", "*")))
		case 7:
			stmts = append(stmts, "E(function() local ok, e = pcall(error, {code = 7}) return ok, type(e), e.code end)")
		case 8:
			stmts = append(stmts, "print(xpcall(function() error(\"xp\") end, function(m) return \"handled: \" .. m end))")
		default:
			stmts = append(stmts, fmt.Sprintf("E(function() assert(%s, %s) return \"passed\" end)", g.pick("false", "nil", "1", "0"), g.pick(`"assert msg"`, "nil", "12")))
		}
	}
	return stmts
}

// control: loops, break, numeric for with float steps.
func (g *gen) control() []string {
	start, stop := g.intn(-3, 5), g.intn(-3, 8)
	step := g.pick("1", "2", "-1", "0.5", "3", "-2")
	return []string{
		fmt.Sprintf("local out = {}\nfor i = %d, %d, %s do out[#out + 1] = N(i) if #out > 20 then break end end\nprint(table.concat(out, \" \"))", start, stop, step),
		fmt.Sprintf("local i, n = 0, 0\nwhile true do i = i + 1 if i %% %d == 0 then n = n + i end if i > %d then break end end\nprint(i, n)", g.intn(1, 4), g.intn(3, 20)),
		fmt.Sprintf("local k = %d\nrepeat local m = k * 2 k = k - 1 until m < %d\nprint(k)", g.intn(0, 10), g.intn(-2, 6)),
		"local s = 0\nfor _, v in ipairs({3, 1, 4, 1, 5, nil, 9}) do s = s + v end\nprint(s)",
	}
}

// coercion: string/number conversions in arithmetic and concatenation.
func (g *gen) coercion() []string {
	var stmts []string
	for range g.intn(2, 5) {
		s := g.pick(`"10"`, `" 5 "`, `"0x10"`, `"1e2"`, `"-3.5"`, `"abc"`, `""`, `"1e"`, `"  12  "`)
		stmts = append(stmts, fmt.Sprintf("E(function() return N(%s %s %s) end)", s, g.pick("+", "-", "*", "/", "%", "^"), g.pick("1", "2", s, "0.5")))
	}
	stmts = append(stmts, fmt.Sprintf("print(%s .. %s, tonumber(%s), tostring(%s))", g.smallNum(), g.smallNum(), g.str(), g.smallNum()))
	return stmts
}

// floatArg returns a float expression with many significant digits.
func (g *gen) floatArg() string {
	return fmt.Sprintf("%d.%03d", g.intn(-50, 50), g.intn(0, 999))
}

// mathfn: the math library's transcendental functions and ^ on arbitrary
// floats, printed with %.14g (Go's math functions are not glibc's; a
// last-place difference shows when it reaches the 14th digit).
func (g *gen) mathfn() []string {
	var stmts []string
	for range g.intn(2, 5) {
		x, y := g.floatArg(), g.floatArg()
		switch g.r.IntN(6) {
		case 0:
			stmts = append(stmts, fmt.Sprintf("local x, y = %s, %s\nprint(N(math.sin(x)), N(math.cos(x)), N(math.tan(x)), N(math.atan2(x, y)))", x, y))
		case 1:
			stmts = append(stmts, fmt.Sprintf("local x = %s\nprint(N(math.exp(x / 4)), N(math.log(math.abs(x) + 1)), N(math.log10(math.abs(x) + 1)), N(math.sqrt(math.abs(x))))", x))
		case 2:
			stmts = append(stmts, fmt.Sprintf("local x, y = %s, %s\nprint(N(math.abs(x) ^ (y / 7)), N(x ^ %d), N(2 ^ (y / 3)))", x, y, g.intn(-6, 12)))
		case 3:
			stmts = append(stmts, fmt.Sprintf("local x = %s\nprint(N(math.sinh(x / 10)), N(math.cosh(x / 10)), N(math.tanh(x / 10)), N(math.asin(x / 51)), N(math.acos(x / 51)), N(math.atan(x)))", x))
		case 4:
			stmts = append(stmts, fmt.Sprintf("local x, y = %s, %s\nprint(N(math.fmod(x, y)), N(x %% y), N(math.modf(x)), N(math.ldexp(x, %d)), math.frexp(x))", x, y, g.intn(-10, 10)))
		default:
			stmts = append(stmts, fmt.Sprintf("local x, y = %s, %s\nprint(N(x * y / 3), N(x / y), N((x + y) * 1e10), N(x * 1e-300 * 1e-20), string.format(\"%%.17g %%.3f %%e\", x / y, x * y, x - y))", x, y))
		}
	}
	return stmts
}

// strbytes: string functions on strings with arbitrary bytes.
func (g *gen) strbytes() []string {
	var codes []string
	for range g.intn(0, 8) {
		codes = append(codes, strconv.Itoa(g.pick1(0, 1, 9, 10, 13, 34, 39, 92, 65, 97, 122, 127, 128, 200, 255, 32, 37, 40, 41, 46, 91, 93)))
	}
	return []string{
		fmt.Sprintf("local s = string.char(%s)", strings.Join(codes, ", ")),
		"print(#s, string.format(\"%q\", s), s:upper() == s:upper():upper(), s:lower():len())",
		"local b = {s:byte(1, -1)}\nprint(#b, table.concat(b, \" \"))",
		fmt.Sprintf("E(function() return (s:gsub(%s, \"<%%0>\")), s:find(%s), (s:rep(2, \"x\")):len() end)", g.pick(`"%c"`, `"%p"`, `"[\0-\31]"`, `"%z"`, `"%W"`, `"[\128-\255]+"`), g.pick(`"%c"`, `"\0"`, `"%s"`, `"%u"`)),
		"print(s < \"a\", s == s .. \"\", s:reverse():reverse() == s, tostring(s):len())",
	}
}

// upvalues: closures created in nested loops, captured loop variables
// modified in the body, closures that outlive a break, shared upvalues
// modified after the closures were made.
func (g *gen) upvalues() []string {
	n, m := g.intn(1, 4), g.intn(1, 4)
	brk := g.intn(1, n*m+1)
	return []string{
		fmt.Sprintf("local fs, count = {}, 0\nfor i = 1, %d do\n  for j = %d, 1, -1 do\n    count = count + 1\n    local k = i * 10 + j\n    fs[#fs + 1] = function(d) k = k + (d or 0) return k, i, j end\n    if count == %d then break end\n  end\nend", n, m, brk),
		"local out = {}\nfor idx = 1, #fs do local a, b, c = fs[idx](idx) out[#out + 1] = a .. \":\" .. b .. \":\" .. c end\nprint(count, table.concat(out, \" \"))",
		fmt.Sprintf("local shared = %s\nlocal get = function() return shared end\nlocal set = function(v) shared = v end\nset(get() .. \"!\")\nshared = shared .. \"?\"\nprint(get())", g.str()),
		fmt.Sprintf("local gens = {}\nfor i = 1, %d do\n  i = i * 2\n  gens[#gens + 1] = function() i = i + 1 return i end\nend\nprint(#gens, gens[1](), gens[1](), gens[#gens]())", g.intn(1, 5)),
		fmt.Sprintf("local function outer(x)\n  local function mid(y)\n    return function(z) x = x + 1 return x + y + z end\n  end\n  return mid(x * 2), mid(x * 3)\nend\nlocal p, q = outer(%d)\nprint(p(1), q(1), p(0), q(0))", g.intn(-3, 9)),
		fmt.Sprintf("local function fwd(...) return select(\"#\", ...), ... end\nlocal function relay(...) return fwd(...) end\nprint(relay(%s))", strings.Join([]string{g.pick("nil", "1", g.str()), g.pick("nil", "2"), g.pick("nil", "3")}[:g.intn(0, 3)], ", ")),
	}
}
