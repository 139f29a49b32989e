package parser

import (
	"strings"

	"github.com/alecthomas/participle/v2"
	plexer "github.com/alecthomas/participle/v2/lexer"

	"github.com/kestrel-runtime/lua/ast"
	"github.com/kestrel-runtime/lua/lexer"
)

// The participle grammar of the statement structure (manual §8):
//
//	chunk    ::= block <eof>
//	block    ::= {stat [';']} [laststat [';']]
//	stat     ::= if | while | do | for | repeat | funcstat | local | exprstat
//	laststat ::= return [explist] | break
//
// The g* structs are participle productions (testdata/grammar.ebnf lists
// them); the t* types are terminals implementing participle.Parseable (see
// the package comment). Their fields hold what they parsed; lower() turns
// a production into ast nodes. tStmt is a statement: compound statements
// are parsed by the participle parser of their production, the others by
// hand.

type gChunk struct {
	Block gBlock `parser:"@@"`
	EOF   tEOF   `parser:"@@"`
}

// gFuncBlock is the part of a function body after the parameter list; the
// hand parser calls back into participle with it.
type gFuncBlock struct {
	Block gBlock `parser:"@@"`
	End   tEnd   `parser:"@@"`
}

// gBlock is a block. Its nesting level (lparser.c's enterlevel in chunk)
// is taken by the terminal before it (a head such as tIfHead, or the code
// that starts the chunk or a function body) and given back by the one after
// it (tEnd, tUntilCond, the end of the chunk).
//
// A return or break must be the last statement: after one, tStmt
// refuses further statements until the block is closed (state.last).
type gBlock struct {
	Stmts []*tStmt `parser:"@@*"`
}

// tStmt is one statement and its optional ';'. It chooses the production
// by the first token, as lparser.c's statement does: compound statements
// (if, while, for, repeat, do, function, local function) are parsed by
// participle with their own productions below; the simple ones (local,
// return, break, call and assignment) by hand. Trying participle
// alternatives in turn would cost an allocation per failed alternative.
type tStmt struct{ S ast.Stmt }

type gIf struct {
	Head  tIfHead    `parser:"@@"`
	Body  gBlock     `parser:"@@"`
	Elifs []*gElseif `parser:"@@*"`
	Else  *gElse     `parser:"@@?"`
	End   tEnd       `parser:"@@"`
}

type gElseif struct {
	Head tElseifHead `parser:"@@"`
	Body gBlock      `parser:"@@"`
}

type gElse struct {
	Else tElse  `parser:"@@"`
	Body gBlock `parser:"@@"`
}

type gWhile struct {
	Head tWhileHead `parser:"@@"`
	Body gBlock     `parser:"@@"`
	End  tEnd       `parser:"@@"`
}

type gDo struct {
	Do   tDo    `parser:"@@"`
	Body gBlock `parser:"@@"`
	End  tEnd   `parser:"@@"`
}

type gFor struct {
	Head tForHead `parser:"@@"`
	Body gBlock   `parser:"@@"`
	End  tEnd     `parser:"@@"`
}

type gRepeat struct {
	Repeat tRepeat    `parser:"@@"`
	Body   gBlock     `parser:"@@"`
	Until  tUntilCond `parser:"@@"`
}

type gFuncStat struct {
	Head tFuncStatHead `parser:"@@"`
	Body tBody         `parser:"@@"`
}

type gLocalFunc struct {
	Head tLocalFuncHead `parser:"@@"`
	Body tLocalBody     `parser:"@@"`
}

// ---- terminals ----

// tok records the span of a consumed token.
type tok struct{ ast.Span }

// optional consumes a token of type want and returns the parse state, or
// reports participle.NextMatch so that participle tries another
// alternative.
func optional(lex *plexer.PeekingLexer, want lexer.Type, into *tok) (*state, *lexer.Token, error) {
	t := lex.Peek()
	if lexer.Type(t.Type) != want {
		return nil, nil, participle.NextMatch
	}
	st := stateOf(lex)
	if st.err != nil {
		return nil, nil, st.err
	}
	lt := &st.toks[t.Pos.Offset]
	lex.Next()
	into.Span = spanOf(lt)
	return st, lt, nil
}

// hand runs a hand-written parsing function from lex's position and, if
// it succeeds, moves lex past the tokens it consumed.
func hand(lex *plexer.PeekingLexer, f func(st *state) error) error {
	st := stateOf(lex)
	if st.err != nil {
		return st.err
	}
	st.begin(lex)
	if err := f(st); err != nil {
		return err
	}
	st.commit()
	return nil
}

// handAfter is hand for a production that starts with the keyword kw: it
// reports participle.NextMatch when kw is absent.
func handAfter(lex *plexer.PeekingLexer, kw lexer.Type, f func(st *state, kwTok *lexer.Token) error) error {
	if lexer.Type(lex.Peek().Type) != kw {
		return participle.NextMatch
	}
	return hand(lex, func(st *state) error {
		t := st.tok()
		st.next()
		return f(st, t)
	})
}

func (st *state) push(who lexer.Type, line int, loop bool) {
	st.open = append(st.open, opener{who: who, line: line, loop: loop})
	if loop {
		st.fn.loops++
	}
}

// close consumes the token closing the innermost open construct
// (lparser.c's check_match).
func (st *state) close(what lexer.Type) error {
	if len(st.open) == 0 { // cannot happen: the grammar pairs them
		return st.fail(st.tok(), "unexpected symbol")
	}
	st.level-- // the block before the closing token ends
	st.last = false
	o := st.open[len(st.open)-1]
	if err := st.checkMatch(what, o.who, o.line); err != nil {
		return err
	}
	st.open = st.open[:len(st.open)-1]
	if o.loop {
		st.fn.loops--
	}
	return nil
}

// tEnd is the "end" closing a block.
type tEnd struct{ tok }

func (k *tEnd) Parse(lex *plexer.PeekingLexer) error {
	return hand(lex, func(st *state) error {
		k.Span = spanOf(st.tok())
		return st.close(lexer.End)
	})
}

// tEOF is the end of the chunk.
type tEOF struct{ At ast.Pos }

func (k *tEOF) Parse(lex *plexer.PeekingLexer) error {
	return hand(lex, func(st *state) error {
		t := st.tok()
		if t.Type != lexer.EOF {
			return st.expected(t, lexer.EOF)
		}
		k.At = posOf(t)
		st.level--
		return nil
	})
}

func (k *tStmt) Parse(lex *plexer.PeekingLexer) error {
	t := lexer.Type(lex.Peek().Type)
	switch t {
	case lexer.EOF, lexer.Else, lexer.Elseif, lexer.End, lexer.Until:
		return participle.NextMatch // lparser.c's block_follow
	}
	st := stateOf(lex)
	if st.err != nil {
		return st.err
	}
	if st.last {
		return participle.NextMatch // a return or break ended the block
	}
	p := &built
	var err error
	switch t {
	case lexer.If:
		k.S, err = compound(st, lex, p.ifStat)
	case lexer.While:
		k.S, err = compound(st, lex, p.whileStat)
	case lexer.For:
		k.S, err = compound(st, lex, p.forStat)
	case lexer.Repeat:
		k.S, err = compound(st, lex, p.repeatStat)
	case lexer.Do:
		k.S, err = compound(st, lex, p.doStat)
	case lexer.Function:
		k.S, err = compound(st, lex, p.funcStat)
	case lexer.Local:
		if st.toks[lex.Peek().Pos.Offset+1].Type == lexer.Function {
			k.S, err = compound(st, lex, p.localFunc)
			break
		}
		var v tLocalVars
		if err = v.Parse(lex); err == nil {
			k.S = v.lower()
		}
	case lexer.Return:
		var r tReturn
		if err = r.Parse(lex); err == nil {
			k.S = &ast.Return{Span: r.Span, Exprs: r.Exprs}
		}
	case lexer.Break:
		var b tBreak
		if err = b.Parse(lex); err == nil {
			k.S = &ast.Break{Span: b.Span}
		}
	default:
		var e tExprStat
		if err = e.Parse(lex); err == nil {
			k.S = e.S
		}
	}
	if err != nil {
		return err
	}
	if lex.Peek().Type == ';' {
		lex.Next()
	}
	return nil
}

// stmtProduction is a compound statement's participle production.
type stmtProduction[G any] interface {
	*G
	lower() ast.Stmt
}

// compound parses a compound statement with its own participle parser
// and lowers it.
func compound[G any, PG stmtProduction[G]](st *state, lex *plexer.PeekingLexer, p *participle.Parser[G]) (ast.Stmt, error) {
	g, err := p.ParseFromLexer(lex, participle.AllowTrailing(true))
	if st.err != nil {
		return nil, st.err
	}
	if err != nil { // cannot happen: every failure comes from a terminal
		return nil, st.fail(&st.toks[lex.Peek().Pos.Offset], "unexpected symbol")
	}
	return PG(g).lower(), nil
}

type tElse struct{ tok }

func (k *tElse) Parse(lex *plexer.PeekingLexer) error {
	st, _, err := optional(lex, lexer.Else, &k.tok)
	if err == nil {
		st.last = false
	}
	return err
}

type tDo struct{ tok }

func (k *tDo) Parse(lex *plexer.PeekingLexer) error {
	st, t, err := optional(lex, lexer.Do, &k.tok)
	if err != nil {
		return err
	}
	st.push(lexer.Do, int(t.EndLine), false)
	return st.enterLevel(&st.toks[lex.Peek().Pos.Offset])
}

type tRepeat struct{ tok }

func (k *tRepeat) Parse(lex *plexer.PeekingLexer) error {
	st, t, err := optional(lex, lexer.Repeat, &k.tok)
	if err != nil {
		return err
	}
	st.push(lexer.Repeat, int(t.EndLine), true)
	return st.enterLevel(&st.toks[lex.Peek().Pos.Offset])
}

// tBreak is "break", which must be inside a loop of the same function.
type tBreak struct{ tok }

func (k *tBreak) Parse(lex *plexer.PeekingLexer) error {
	st, _, err := optional(lex, lexer.Break, &k.tok)
	if err != nil {
		return err
	}
	if st.fn.loops == 0 {
		return st.fail(&st.toks[lex.Peek().Pos.Offset], "no loop to break")
	}
	st.last = true
	return nil
}

// tIfHead is "if cond then".
type tIfHead struct {
	From ast.Pos
	Cond ast.Expr
}

func (k *tIfHead) Parse(lex *plexer.PeekingLexer) error {
	return handAfter(lex, lexer.If, func(st *state, kw *lexer.Token) (err error) {
		k.From = posOf(kw)
		st.push(lexer.If, int(kw.EndLine), false)
		if k.Cond, err = st.expr(); err != nil {
			return err
		}
		if err := st.checkNext(lexer.Then); err != nil {
			return err
		}
		return st.enterLevel(st.tok())
	})
}

// tElseifHead is "elseif cond then".
type tElseifHead struct {
	From ast.Pos
	Cond ast.Expr
}

func (k *tElseifHead) Parse(lex *plexer.PeekingLexer) error {
	return handAfter(lex, lexer.Elseif, func(st *state, kw *lexer.Token) (err error) {
		k.From = posOf(kw)
		st.last = false
		if k.Cond, err = st.expr(); err != nil {
			return err
		}
		return st.checkNext(lexer.Then) // the block keeps the level of the previous one
	})
}

// tWhileHead is "while cond do".
type tWhileHead struct {
	From ast.Pos
	Cond ast.Expr
}

func (k *tWhileHead) Parse(lex *plexer.PeekingLexer) error {
	return handAfter(lex, lexer.While, func(st *state, kw *lexer.Token) (err error) {
		k.From = posOf(kw)
		st.push(lexer.While, int(kw.EndLine), true)
		if k.Cond, err = st.expr(); err != nil {
			return err
		}
		if err := st.checkNext(lexer.Do); err != nil {
			return err
		}
		return st.enterLevel(st.tok())
	})
}

// tUntilCond is "until cond", closing a repeat.
type tUntilCond struct {
	From ast.Pos
	Cond ast.Expr
}

func (k *tUntilCond) Parse(lex *plexer.PeekingLexer) error {
	return hand(lex, func(st *state) (err error) {
		k.From = posOf(st.tok())
		if err := st.close(lexer.Until); err != nil {
			return err
		}
		k.Cond, err = st.expr()
		return err
	})
}

// tForHead is a for statement up to its body: "for name = e, e [, e] do"
// or "for names in explist do".
type tForHead struct {
	From               ast.Pos
	Names              []*ast.Name
	Numeric            bool
	Start, Limit, Step ast.Expr
	Exprs              []ast.Expr
}

func (k *tForHead) Parse(lex *plexer.PeekingLexer) error {
	return handAfter(lex, lexer.For, func(st *state, kw *lexer.Token) error {
		k.From = posOf(kw)
		st.push(lexer.For, int(kw.EndLine), true)
		if err := st.forHead(k); err != nil {
			return err
		}
		return st.enterLevel(st.tok())
	})
}

// tReturn is "return [explist]".
type tReturn struct {
	Span  ast.Span
	Exprs []ast.Expr
}

func (k *tReturn) Parse(lex *plexer.PeekingLexer) error {
	return handAfter(lex, lexer.Return, func(st *state, kw *lexer.Token) (err error) {
		k.Span = spanOf(kw)
		switch st.tok().Type {
		case lexer.EOF, lexer.Else, lexer.Elseif, lexer.End, lexer.Until, ';':
		default:
			if k.Exprs, err = st.exprList(); err != nil {
				return err
			}
			k.Span.To = k.Exprs[len(k.Exprs)-1].End()
		}
		st.last = true
		return nil
	})
}

// tExprStat is a call or an assignment (lparser.c's exprstat). Every token
// that neither ends the block nor starts another statement starts one, so
// "unexpected symbol" is reported here, as by Lua.
type tExprStat struct{ S ast.Stmt }

func (k *tExprStat) Parse(lex *plexer.PeekingLexer) error {
	switch lexer.Type(lex.Peek().Type) {
	case lexer.EOF, lexer.Else, lexer.Elseif, lexer.End, lexer.Until, lexer.Return, lexer.Break,
		lexer.If, lexer.While, lexer.Do, lexer.For, lexer.Repeat, lexer.Function, lexer.Local:
		return participle.NextMatch
	}
	return hand(lex, func(st *state) (err error) {
		k.S, err = st.exprStat()
		return err
	})
}

// tFuncStatHead is "function funcname" of a function statement.
type tFuncStatHead struct {
	From ast.Pos
	Name *ast.FuncName
}

func (k *tFuncStatHead) Parse(lex *plexer.PeekingLexer) error {
	return handAfter(lex, lexer.Function, func(st *state, kw *lexer.Token) (err error) {
		k.From = posOf(kw)
		st.funcLine = int(kw.EndLine)
		k.Name, err = st.funcName()
		return err
	})
}

// tLocalFuncHead is "local function name".
type tLocalFuncHead struct {
	From ast.Pos
	Name *ast.Name
}

func (k *tLocalFuncHead) Parse(lex *plexer.PeekingLexer) error {
	if lexer.Type(lex.Peek().Type) != lexer.Local {
		return participle.NextMatch
	}
	return hand(lex, func(st *state) (err error) {
		if st.peekType(1) != lexer.Function {
			return participle.NextMatch
		}
		k.From = posOf(st.tok())
		st.next()
		st.next()
		k.Name, err = st.checkName()
		return err
	})
}

// tBody is the body of a function statement; "to close" messages cite the
// line of its "function" keyword.
type tBody struct{ F *ast.Function }

func (k *tBody) Parse(lex *plexer.PeekingLexer) error {
	return hand(lex, func(st *state) (err error) {
		k.F, err = st.body(st.funcLine)
		return err
	})
}

// tLocalBody is the body of a local function; "to close" messages cite the
// line of its '(' (as lparser.c's localfunc does).
type tLocalBody struct{ F *ast.Function }

func (k *tLocalBody) Parse(lex *plexer.PeekingLexer) error {
	return hand(lex, func(st *state) (err error) {
		k.F, err = st.body(int(st.tok().EndLine))
		return err
	})
}

// tLocalVars is "local names ['=' explist]".
type tLocalVars struct {
	From  ast.Pos
	Names []*ast.Name
	Exprs []ast.Expr
}

func (k *tLocalVars) Parse(lex *plexer.PeekingLexer) error {
	if lexer.Type(lex.Peek().Type) != lexer.Local {
		return participle.NextMatch
	}
	return hand(lex, func(st *state) error {
		if st.peekType(1) == lexer.Function {
			return participle.NextMatch
		}
		k.From = posOf(st.tok())
		st.next()
		for {
			n, err := st.checkName()
			if err != nil {
				return err
			}
			k.Names = append(k.Names, n)
			if st.tok().Type != ',' {
				break
			}
			st.next()
		}
		if st.tok().Type == '=' {
			st.next()
			list, err := st.exprList()
			if err != nil {
				return err
			}
			k.Exprs = list
		}
		return nil
	})
}

// ---- lowering to ast ----

// lower converts the block; next is the position of the token after it
// (the span of an empty block).
func (b *gBlock) lower(next ast.Pos) *ast.Block {
	out := &ast.Block{Stmts: make([]ast.Stmt, 0, len(b.Stmts))}
	for _, s := range b.Stmts {
		out.Stmts = append(out.Stmts, s.S)
	}
	if len(out.Stmts) == 0 {
		out.From, out.To = next, next
	} else {
		out.From, out.To = out.Stmts[0].Pos(), out.Stmts[len(out.Stmts)-1].End()
	}
	return out
}

func (v *tLocalVars) lower() ast.Stmt {
	to := v.Names[len(v.Names)-1].End()
	if len(v.Exprs) > 0 {
		to = v.Exprs[len(v.Exprs)-1].End()
	}
	return &ast.Local{Span: ast.Span{From: v.From, To: to}, Names: v.Names, Exprs: v.Exprs}
}

func (l *gLocalFunc) lower() ast.Stmt {
	fn := l.Body.F
	fn.Name = l.Head.Name.Name
	return &ast.LocalFunction{Span: ast.Span{From: l.Head.From, To: fn.End()}, Name: l.Head.Name, Func: fn}
}

func (w *gWhile) lower() ast.Stmt {
	return &ast.While{Span: ast.Span{From: w.Head.From, To: w.End.To}, Cond: w.Head.Cond, Body: w.Body.lower(w.End.From)}
}

func (d *gDo) lower() ast.Stmt {
	return &ast.Do{Span: ast.Span{From: d.Do.From, To: d.End.To}, Body: d.Body.lower(d.End.From)}
}

func (f *gFor) lower() ast.Stmt {
	span := ast.Span{From: f.Head.From, To: f.End.To}
	h := &f.Head
	if h.Numeric {
		return &ast.NumericFor{Span: span, Var: h.Names[0], Start: h.Start, Limit: h.Limit, Step: h.Step, Body: f.Body.lower(f.End.From)}
	}
	return &ast.GenericFor{Span: span, Names: h.Names, Exprs: h.Exprs, Body: f.Body.lower(f.End.From)}
}

func (r *gRepeat) lower() ast.Stmt {
	return &ast.Repeat{Span: ast.Span{From: r.Repeat.From, To: r.Until.Cond.End()}, Body: r.Body.lower(r.Until.From), Cond: r.Until.Cond}
}

func (f *gFuncStat) lower() ast.Stmt {
	fn := f.Body.F
	fn.Name = funcNameString(f.Head.Name)
	return &ast.FunctionStmt{Span: ast.Span{From: f.Head.From, To: fn.End()}, Name: f.Head.Name, Func: fn}
}

func (g *gIf) lower() ast.Stmt {
	out := &ast.If{Span: ast.Span{From: g.Head.From, To: g.End.To}}
	// Each block ends where the next arm (or the "end") starts.
	ends := make([]ast.Pos, 0, len(g.Elifs)+2)
	for _, e := range g.Elifs {
		ends = append(ends, e.Head.From)
	}
	if g.Else != nil {
		ends = append(ends, g.Else.Else.From)
	}
	ends = append(ends, g.End.From)
	body := g.Body.lower(ends[0])
	out.Clauses = append(out.Clauses, &ast.IfClause{Span: ast.Span{From: g.Head.From, To: body.End()}, Cond: g.Head.Cond, Body: body})
	for i, e := range g.Elifs {
		body := e.Body.lower(ends[i+1])
		out.Clauses = append(out.Clauses, &ast.IfClause{Span: ast.Span{From: e.Head.From, To: body.End()}, Cond: e.Head.Cond, Body: body})
	}
	if g.Else != nil {
		out.Else = g.Else.Body.lower(g.End.From)
	}
	return out
}

// funcNameString renders a function statement's name as "a.b.c:m".
func funcNameString(n *ast.FuncName) string {
	var b strings.Builder
	for i, p := range n.Path {
		if i > 0 {
			b.WriteByte('.')
		}
		b.WriteString(p.Name)
	}
	if n.Method != nil {
		b.WriteByte(':')
		b.WriteString(n.Method.Name)
	}
	return b.String()
}
