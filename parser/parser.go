// Package parser turns Lua 5.1 source into the syntax tree of package ast.
//
// # Design
//
// Parsing is a hybrid of a participle/v2 grammar and hand-written code, in
// three layers:
//
//  1. The hand lexer of package lexer turns the whole source into tokens
//     first. A lexical error does not stop the parse at once: it becomes an
//     Invalid token at the place of the error, and the error is reported
//     when the parser reaches that token, exactly when Lua 5.1 (which lexes
//     one token ahead) would report it. Tokens are handed to participle
//     through a [lexer.Definition] adapter; each participle token's
//     Pos.Offset is the index of the lexer token, so the hand-written parts
//     can see the full token (end position, numeric value).
//
//  2. The statement structure (blocks ending at end/else/elseif/until/
//     <eof>, if/elseif/else arms, loops, do, function and local function
//     statements) is a participle grammar of unexported structs
//     (grammar.go; its EBNF is kept in testdata/grammar.ebnf). A block is a
//     repetition of tStmt, which picks the statement by its first token as
//     lparser.c's statement does, and hands each compound statement to the
//     participle parser of its production (one parser per production,
//     built once), so participle never tries alternatives that cannot
//     match. The terminals are small types implementing participle's
//     Parseable interface; once its keyword is consumed, a terminal raises
//     Lua's own error for anything missing ("'then' expected near 'x'",
//     "'end' expected (to close 'if' at line 3) near '<eof>'"). Participle
//     never has to invent a message. Because participle may discard an
//     error inside an optional group and go on, the first error raised is
//     recorded in the parse state and is the one Parse returns; parsing is
//     in source order, so it is the error Lua reports.
//
//  3. Expressions, the expression statement (Lua's exprstat: one suffixed
//     expression, then a call statement or an assignment), statement heads
//     such as "if cond then" and function parameter lists are parsed by
//     hand (expr.go), following the lparser.c functions of the same names;
//     expressions by precedence climbing over lparser.c's priority table
//     (ast.BinOp.Precedence). A function body's block calls back into
//     participle with a second parser built on the same grammar.
//
// The grammar's Parseables need per-parse state (the current function, its
// loop depth, the stack of open constructs for "to close" messages, the
// nesting level). Participle constructs them with reflect.New and hands
// them only the token stream, so the state is found through a registry
// keyed by the address of the stream's first token, which is unique to one
// parse while it runs.
//
// # Limits
//
// Participle recurses without limit, so nesting is counted as lparser.c
// counts it (enterlevel: one level per block and per subexpression) and the
// parse stops with "chunk has too many syntax levels" beyond
// [MaxSyntaxDepth]; the Go stack stays shallow whatever the input. Lexing
// itself stops once brackets and blocks nest deeper than the limit (the
// parser must fail before that point), so a megabyte of '(' costs nothing.
// Sources larger than [MaxSourceSize] are refused before lexing. No input
// makes the parser panic (FuzzParse checks this, along with print → parse
// round trips of every accepted input).
package parser

import (
	"fmt"
	"io"
	"strings"
	"sync"

	"github.com/alecthomas/participle/v2"
	plexer "github.com/alecthomas/participle/v2/lexer"

	"github.com/kestrel-runtime/lua/ast"
	"github.com/kestrel-runtime/lua/lexer"
)

const (
	// MaxSyntaxDepth is the nesting limit of lparser.c (LUAI_MAXCCALLS):
	// blocks and subexpressions each take one level.
	MaxSyntaxDepth = 200

	// baseLevel is the number of levels already in use when Lua 5.1 starts
	// parsing a chunk given to loadstring by Lua code (the calling chunk
	// and loadstring itself), so that the limit triggers at exactly the
	// same nesting as in lua5.1. (luac5.1 -p starts at 1 and so accepts one
	// more level.)
	baseLevel = 2

	// MaxSourceSize is the largest source accepted, in bytes (1 MiB; the
	// largest file of the Lua 5.1 test suite has 19 KB). Lua has no such
	// limit; it bounds the memory a hostile rule can make the parser use,
	// since all tokens are materialised before parsing (at most one token
	// per byte, about 130 bytes each).
	MaxSourceSize = 1 << 20
)

// SyntaxError is a lexical or syntax error. Msg is worded as Lua 5.1 words
// it, including the "near" part ("unexpected symbol near '='").
type SyntaxError struct {
	Chunk string
	Pos   ast.Pos
	Msg   string

	// luaLine is the line Lua 5.1 reports, the line its lexer had reached:
	// the last line of the offending token (it differs from Pos.Line only
	// for tokens spanning lines).
	luaLine int
}

// Error formats the error as "chunk:line:col: msg".
func (e *SyntaxError) Error() string {
	return fmt.Sprintf("%s:%d:%d: %s", e.Chunk, e.Pos.Line, e.Pos.Col, e.Msg)
}

// LuaMessage formats the error as lua5.1's loadstring does,
// "chunk:line: msg".
func (e *SyntaxError) LuaMessage() string {
	line := e.luaLine
	if line == 0 {
		line = e.Pos.Line
	}
	return fmt.Sprintf("%s:%d: %s", e.Chunk, line, e.Msg)
}

// Parse parses a Lua 5.1 chunk. chunkname is used in error messages and
// stored in the returned Chunk. The error, if any, is a *SyntaxError.
func Parse(chunkname string, src []byte) (*ast.Chunk, error) {
	if len(src) > MaxSourceSize {
		return nil, &SyntaxError{Chunk: chunkname, Pos: ast.Pos{Line: 1, Col: 1},
			Msg: fmt.Sprintf("source too large (%d bytes, limit %d)", len(src), MaxSourceSize)}
	}
	p, err := parsers()
	if err != nil {
		return nil, err
	}
	st := newState(chunkname, src)
	defer st.release()
	peek, err := st.peekingLexer()
	if err != nil {
		return nil, err // cannot happen: tokenStream never fails
	}
	key := &peek.Range(0, 1)[0]
	registry.Store(key, st)
	defer registry.Delete(key)

	// The main chunk's block takes a level (lparser.c's chunk).
	if err := st.enterLevel(&st.toks[0]); err != nil {
		return nil, err
	}
	g, err := p.chunk.ParseFromLexer(peek)
	if st.err != nil {
		return nil, st.err
	}
	if err != nil {
		// Every failure should have come from a Parseable; this is a
		// safety net worded like Lua's generic message.
		return nil, st.fail(&st.toks[st.cursorOf(peek)], "unexpected symbol")
	}
	return &ast.Chunk{Name: chunkname, Block: g.Block.lower(g.EOF.At)}, nil
}

// state is the per-parse state shared by the grammar's Parseables.
type state struct {
	chunk  string
	src    string
	toks   []lexer.Token
	lexErr *lexer.Error
	err    *SyntaxError // first error raised

	lex   *plexer.PeekingLexer // stream of the Parseable running now
	pos   int                  // index in toks of the next token (hand parser)
	level int                  // nesting level, as lparser.c's nCcalls
	last  bool                 // a return or break ended the current block
	// laIdx is the index of a token read ahead by a table constructor
	// (lparser.c's luaX_lookahead after a name): Lua's lastline for it is
	// its own line, so "{ f\n(1) }" is a call, not an ambiguous syntax.
	laIdx int

	peek    *plexer.PeekingLexer // participle's stream, kept with a pooled state
	peekLen int                  // number of tokens peek holds
	fn      *funcState
	open    []opener // constructs waiting for their closing token
	// funcLine is the line of the last "function" keyword of a function
	// statement, for "to close 'function' at line N".
	funcLine int
}

// funcState is the part of lparser.c's FuncState the parser needs.
type funcState struct {
	vararg      bool
	loops       int // enclosing loops inside this function
	linedefined int // 0 for the main chunk
	prev        *funcState
}

// opener is a construct that a closing token (end, until) must match.
type opener struct {
	who  lexer.Type // If, While, For, Do, Function, Repeat
	line int
	loop bool
}

var registry sync.Map // *plexer.Token (first token of a stream) -> *state

func stateOf(lex *plexer.PeekingLexer) *state {
	v, _ := registry.Load(&lex.Range(0, 1)[0])
	return v.(*state)
}

// statePool recycles parse states, chiefly their token arrays.
var statePool = sync.Pool{New: func() any { return new(state) }}

func newState(chunk string, src []byte) *state {
	st := statePool.Get().(*state)
	toks, open, peek, peekLen := st.toks[:0], st.open[:0], st.peek, st.peekLen
	*st = state{chunk: chunk, level: baseLevel, fn: &funcState{vararg: true}, toks: toks, open: open,
		peek: peek, peekLen: peekLen}
	lx := lexer.New(src)
	st.src = lx.Source()
	if want := len(src)/4 + 8; cap(st.toks) < want {
		st.toks = make([]lexer.Token, 0, want)
	}
	depth := 0
	for {
		t, err := lx.Next()
		// Stop lexing once brackets and blocks nest deeper than the
		// syntax limit: every open bracket or block holds at least one
		// lparser.c level, so the parser fails before this point and the
		// rest of a hostile source costs no memory.
		switch t.Type {
		case '(', '[', '{', lexer.Function, lexer.If, lexer.Do, lexer.Repeat:
			depth++
		case ')', ']', '}', lexer.End, lexer.Until:
			depth--
		}
		if err == nil && depth > MaxSyntaxDepth {
			err = &lexer.Error{Line: int(t.Line), Col: int(t.Col), LuaLine: int(t.EndLine), Msg: "chunk has too many syntax levels"}
		}
		if err != nil {
			le := err.(*lexer.Error)
			st.lexErr = le
			st.toks = append(st.toks,
				lexer.Token{Type: lexer.Invalid, Line: int32(le.Line), Col: int32(le.Col), EndLine: int32(le.LuaLine), EndCol: int32(le.Col)},
				lexer.Token{Type: lexer.EOF, Line: int32(le.LuaLine), Col: int32(le.Col), EndLine: int32(le.LuaLine), EndCol: int32(le.Col)})
			break
		}
		st.toks = append(st.toks, t)
		if t.Type == lexer.EOF {
			break
		}
	}
	return st
}

// release returns st to the pool. Nothing of st may be used afterwards:
// the tree holds no reference to it (token texts share the source string,
// not the token array).
func (st *state) release() {
	if cap(st.toks) > 1<<16 || st.peekLen > 1<<16 {
		return // do not keep huge arrays alive
	}
	clear(st.toks)
	if st.peek != nil {
		clear(st.peek.Range(0, plexer.RawCursor(st.peekLen)))
	}
	*st = state{toks: st.toks[:0], open: st.open[:0], peek: st.peek, peekLen: st.peekLen}
	statePool.Put(st)
}

// peekingLexer returns participle's token stream over st.toks.
// plexer.Upgrade builds one by appending token after token, which costs a
// sixth of the parse; a pooled state keeps its stream and, when the new
// tokens fit, overwrites the old ones in place (Range returns the
// stream's own array) and rewinds it. Tokens after the new EOF are never
// reached: a PeekingLexer does not move past EOF.
func (st *state) peekingLexer() (*plexer.PeekingLexer, error) {
	n := len(st.toks)
	if st.peek != nil && st.peekLen >= n {
		dst := st.peek.Range(0, plexer.RawCursor(n))
		for i := range st.toks {
			dst[i] = st.participleToken(i)
		}
		st.peek.LoadCheckpoint(plexer.Checkpoint{})
		return st.peek, nil
	}
	peek, err := plexer.Upgrade(&tokenStream{st: st})
	st.peek, st.peekLen = peek, n
	return peek, err
}

// participleToken converts token i.
func (st *state) participleToken(i int) plexer.Token {
	t := &st.toks[i]
	return plexer.Token{
		Type:  plexer.TokenType(t.Type),
		Value: t.Text,
		Pos:   plexer.Position{Filename: st.chunk, Offset: i, Line: int(t.Line), Column: int(t.Col)},
	}
}

// tokenStream feeds the lexed tokens to participle.
type tokenStream struct {
	st *state
	i  int
}

func (s *tokenStream) Next() (plexer.Token, error) {
	idx := s.i
	if s.i < len(s.st.toks)-1 {
		s.i++
	}
	return s.st.participleToken(idx), nil
}

// cursorOf returns the index in st.toks of lex's next token.
func (st *state) cursorOf(lex *plexer.PeekingLexer) int {
	return lex.Peek().Pos.Offset
}

// definition adapts package lexer to participle's lexer.Definition. Parse
// does not go through Lex (it lexes once itself); Lex exists so that the
// grammar can be built and inspected on its own.
type definition struct{}

var symbols = func() map[string]plexer.TokenType {
	m := map[string]plexer.TokenType{"EOF": plexer.EOF}
	for t := lexer.And; t <= lexer.Invalid; t++ {
		if s := t.String(); !strings.HasPrefix(s, "Type(") {
			m[s] = plexer.TokenType(t)
		}
	}
	for c := 0; c < 256; c++ {
		m[lexer.Type(c).String()] = plexer.TokenType(c)
	}
	return m
}()

func (definition) Symbols() map[string]plexer.TokenType { return symbols }

func (definition) Lex(filename string, r io.Reader) (plexer.Lexer, error) {
	src, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	return &tokenStream{st: newState(filename, src)}, nil
}

type parserSet struct {
	chunk      *participle.Parser[gChunk]
	body       *participle.Parser[gFuncBlock]
	ifStat     *participle.Parser[gIf]
	whileStat  *participle.Parser[gWhile]
	forStat    *participle.Parser[gFor]
	repeatStat *participle.Parser[gRepeat]
	doStat     *participle.Parser[gDo]
	funcStat   *participle.Parser[gFuncStat]
	localFunc  *participle.Parser[gLocalFunc]
}

// build builds one participle parser, keeping the first error.
func build[G any](p **participle.Parser[G], err *error) {
	if *err != nil {
		return
	}
	*p, *err = participle.Build[G](participle.Lexer(definition{}), participle.UseLookahead(1))
}

var (
	buildOnce sync.Once
	built     parserSet
	buildErr  error
)

// parsers builds the participle parsers once (it takes about a
// millisecond) and returns them. They are safe for concurrent use.
func parsers() (*parserSet, error) {
	buildOnce.Do(func() {
		build(&built.chunk, &buildErr)
		build(&built.body, &buildErr)
		build(&built.ifStat, &buildErr)
		build(&built.whileStat, &buildErr)
		build(&built.forStat, &buildErr)
		build(&built.repeatStat, &buildErr)
		build(&built.doStat, &buildErr)
		build(&built.funcStat, &buildErr)
		build(&built.localFunc, &buildErr)
	})
	return &built, buildErr
}

// GrammarEBNF returns the EBNF of the participle grammar: the chunk, a
// function body and the compound statements (the hand-parsed parts appear
// as named terminals).
func GrammarEBNF() string {
	p, err := parsers()
	if err != nil {
		return err.Error()
	}
	var out []string
	seen := map[string]bool{}
	for _, g := range []string{
		p.chunk.String(), p.body.String(), p.ifStat.String(), p.whileStat.String(), p.forStat.String(),
		p.repeatStat.String(), p.doStat.String(), p.funcStat.String(), p.localFunc.String(),
	} {
		for _, prod := range strings.Split(g, "\n") {
			if !seen[prod] { // productions shared by several parsers appear once
				seen[prod] = true
				out = append(out, prod)
			}
		}
	}
	return strings.Join(out, "\n")
}

// ---- errors ----

// near returns the text Lua quotes for a token (llex.c's txtToken).
func (st *state) near(t *lexer.Token) string {
	switch t.Type {
	case lexer.Name, lexer.Number:
		return t.Text
	case lexer.String:
		// Lua quotes its token buffer: delimiters plus decoded contents.
		off := int(t.Offset)
		if off < len(st.src) && st.src[off] == '[' {
			sep := 0
			for off+1+sep < len(st.src) && st.src[off+1+sep] == '=' {
				sep++
			}
			eq := strings.Repeat("=", sep)
			return "[" + eq + "[" + t.Text + "]" + eq + "]"
		}
		q := string(st.src[off])
		return q + t.Text + q
	}
	return t.Type.String()
}

// fail records and returns the error msg at token t, with Lua's "near"
// part. At the Invalid token the lexical error wins, as in Lua.
func (st *state) fail(t *lexer.Token, msg string) error {
	if t.Type == lexer.Invalid {
		return st.failLex()
	}
	if t.Type == 0 {
		// A NUL byte is token 0, which luaX_lexerror takes for "no token":
		// Lua prints no "near" part.
		return st.failNoNear(t, msg)
	}
	return st.record(&SyntaxError{Chunk: st.chunk, Pos: posOf(t),
		Msg: msg + " near '" + lexer.CString(st.near(t)) + "'", luaLine: int(t.EndLine)})
}

// failNoNear is luaX_lexerror with token 0: no "near" part.
func (st *state) failNoNear(t *lexer.Token, msg string) error {
	if t.Type == lexer.Invalid {
		return st.failLex()
	}
	return st.record(&SyntaxError{Chunk: st.chunk, Pos: posOf(t),
		Msg: msg, luaLine: int(t.EndLine)})
}

func (st *state) failLex() error {
	le := st.lexErr
	return st.record(&SyntaxError{Chunk: st.chunk, Pos: ast.Pos{Line: le.Line, Col: le.Col},
		Msg: le.Message(), luaLine: le.LuaLine})
}

func (st *state) record(e *SyntaxError) error {
	if st.err == nil {
		st.err = e
	}
	return st.err
}

// expected is lparser.c's error_expected.
func (st *state) expected(t *lexer.Token, what lexer.Type) error {
	return st.fail(t, "'"+what.String()+"' expected")
}

// enterLevel is lparser.c's enterlevel.
func (st *state) enterLevel(t *lexer.Token) error {
	st.level++
	if st.level > MaxSyntaxDepth {
		return st.failNoNear(t, "chunk has too many syntax levels")
	}
	return nil
}

// ---- token helpers for the hand-written parts ----

func (st *state) tok() *lexer.Token { return &st.toks[st.pos] }

func (st *state) next() {
	if st.pos < len(st.toks)-1 {
		st.pos++
	}
}

// lastLine is the last line of the previous token (lparser.c's lastline).
func (st *state) lastLine() int {
	if st.pos == 0 {
		return 1
	}
	if st.pos == st.laIdx {
		return int(st.toks[st.pos].EndLine)
	}
	return int(st.toks[st.pos-1].EndLine)
}

// begin starts a hand-parsed stretch at lex's position.
func (st *state) begin(lex *plexer.PeekingLexer) {
	st.lex = lex
	st.pos = lex.Peek().Pos.Offset
}

// commit moves lex past the tokens the hand parser consumed.
func (st *state) commit() {
	st.lex.FastForward(plexer.RawCursor(st.pos - 1))
}

// checkNext is lparser.c's checknext.
func (st *state) checkNext(what lexer.Type) error {
	if st.tok().Type != what {
		return st.expected(st.tok(), what)
	}
	st.next()
	return nil
}

// checkMatch is lparser.c's check_match.
func (st *state) checkMatch(what, who lexer.Type, where int) error {
	t := st.tok()
	if t.Type == what {
		st.next()
		return nil
	}
	if where == int(t.EndLine) {
		return st.expected(t, what)
	}
	return st.fail(t, fmt.Sprintf("'%s' expected (to close '%s' at line %d)", what, who, where))
}

// checkName is lparser.c's str_checkname.
func (st *state) checkName() (*ast.Name, error) {
	t := st.tok()
	if t.Type != lexer.Name {
		return nil, st.expected(t, lexer.Name)
	}
	st.next()
	return &ast.Name{Span: spanOf(t), Name: t.Text}, nil
}

func posOf(t *lexer.Token) ast.Pos { return ast.Pos{Line: int(t.Line), Col: int(t.Col)} }
func endOf(t *lexer.Token) ast.Pos { return ast.Pos{Line: int(t.EndLine), Col: int(t.EndCol)} }
func spanOf(t *lexer.Token) ast.Span {
	return ast.Span{From: posOf(t), To: endOf(t)}
}

// SkipShebang returns src without a first line that starts with '#' (a
// "#!" line of a script), keeping that line's end so that line numbers are
// unchanged, as luaL_loadfile does. Parse itself, like loadstring, does not
// skip such a line.
func SkipShebang(src []byte) []byte {
	if len(src) == 0 || src[0] != '#' {
		return src
	}
	for i, c := range src {
		if c == '\n' {
			return src[i:]
		}
	}
	return nil
}
