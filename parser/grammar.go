package parser

import (
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
// The g* structs are participle productions; the t* types are terminals
// implementing participle.Parseable (see the package comment). Their
// fields hold what they parsed; lower() turns a production into ast nodes.

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

type gBlock struct {
	Enter tEnter   `parser:"@@"`
	Stmts []*gStmt `parser:"@@*"`
	Last  *gLast   `parser:"@@?"`
	Leave tLeave   `parser:"@@"`
}

type gStmt struct {
	Start    tStmtStart `parser:"@@"`
	Local    *gLocal    `parser:"(  @@"`
	If       *gIf       `parser:" | @@"`
	Expr     *tExprStat `parser:" | @@"`
	Function *gFuncStat `parser:" | @@"`
	For      *gFor      `parser:" | @@"`
	While    *gWhile    `parser:" | @@"`
	Repeat   *gRepeat   `parser:" | @@"`
	Do       *gDo       `parser:" | @@ )"`
	Semi     *tSemi     `parser:"@@?"`
}

type gLast struct {
	Start  tLastStart `parser:"@@"`
	Return *gReturn   `parser:"( @@"`
	Break  *tBreak    `parser:" | @@ )"`
	Semi   *tSemi     `parser:"@@?"`
}

type gIf struct {
	If    tIf        `parser:"@@"`
	Cond  tExpr      `parser:"@@"`
	Then  tThen      `parser:"@@"`
	Body  gBlock     `parser:"@@"`
	Elifs []*gElseif `parser:"@@*"`
	Else  *gElse     `parser:"@@?"`
	End   tEnd       `parser:"@@"`
}

type gElseif struct {
	Elseif tElseif `parser:"@@"`
	Cond   tExpr   `parser:"@@"`
	Then   tThen   `parser:"@@"`
	Body   gBlock  `parser:"@@"`
}

type gElse struct {
	Else tElse  `parser:"@@"`
	Body gBlock `parser:"@@"`
}

type gWhile struct {
	While tWhile `parser:"@@"`
	Cond  tExpr  `parser:"@@"`
	Do    tDoReq `parser:"@@"`
	Body  gBlock `parser:"@@"`
	End   tEnd   `parser:"@@"`
}

type gDo struct {
	Do   tDo    `parser:"@@"`
	Body gBlock `parser:"@@"`
	End  tEnd   `parser:"@@"`
}

type gFor struct {
	For  tFor     `parser:"@@"`
	Head tForHead `parser:"@@"`
	Body gBlock   `parser:"@@"`
	End  tEnd     `parser:"@@"`
}

type gRepeat struct {
	Repeat tRepeat `parser:"@@"`
	Body   gBlock  `parser:"@@"`
	Until  tUntil  `parser:"@@"`
	Cond   tExpr   `parser:"@@"`
}

type gFuncStat struct {
	Function tFunction `parser:"@@"`
	Name     tFuncName `parser:"@@"`
	Body     tBody     `parser:"@@"`
}

type gLocal struct {
	Local tLocal      `parser:"@@"`
	Func  *gLocalFunc `parser:"( @@"`
	Vars  *tLocalVars `parser:" | @@ )"`
}

type gLocalFunc struct {
	Function tFunction  `parser:"@@"`
	Name     tName      `parser:"@@"`
	Body     tLocalBody `parser:"@@"`
}

type gReturn struct {
	Return tReturn    `parser:"@@"`
	Exprs  *tExprList `parser:"@@?"`
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
	lt := &st.toks[t.Pos.Offset]
	lex.Next()
	into.Span = spanOf(lt)
	return st, lt, nil
}

// required consumes a token of type want or raises "'want' expected".
func required(lex *plexer.PeekingLexer, want lexer.Type, into *tok) (*state, error) {
	st := stateOf(lex)
	lt := &st.toks[lex.Peek().Pos.Offset]
	if lt.Type != want {
		return st, st.expected(lt, want)
	}
	lex.Next()
	into.Span = spanOf(lt)
	return st, nil
}

func (st *state) push(who lexer.Type, line int, loop bool) {
	st.open = append(st.open, opener{who: who, line: line, loop: loop})
	if loop {
		st.fn.loops++
	}
}

// closeWith consumes the token closing the innermost open construct
// (lparser.c's check_match).
func closeWith(lex *plexer.PeekingLexer, what lexer.Type, into *tok) error {
	st := stateOf(lex)
	st.begin(lex)
	if len(st.open) == 0 { // cannot happen: the grammar pairs them
		return st.fail(st.tok(), "unexpected symbol")
	}
	o := st.open[len(st.open)-1]
	t := st.tok()
	if err := st.checkMatch(what, o.who, o.line); err != nil {
		return err
	}
	into.Span = spanOf(t)
	st.commit()
	st.open = st.open[:len(st.open)-1]
	if o.loop {
		st.fn.loops--
	}
	return nil
}

type tIf struct{ tok }

func (k *tIf) Parse(lex *plexer.PeekingLexer) error {
	st, t, err := optional(lex, lexer.If, &k.tok)
	if err == nil {
		st.push(lexer.If, int(t.EndLine), false)
	}
	return err
}

type tElseif struct{ tok }

func (k *tElseif) Parse(lex *plexer.PeekingLexer) error {
	_, _, err := optional(lex, lexer.Elseif, &k.tok)
	return err
}

type tElse struct{ tok }

func (k *tElse) Parse(lex *plexer.PeekingLexer) error {
	_, _, err := optional(lex, lexer.Else, &k.tok)
	return err
}

type tWhile struct{ tok }

func (k *tWhile) Parse(lex *plexer.PeekingLexer) error {
	st, t, err := optional(lex, lexer.While, &k.tok)
	if err == nil {
		st.push(lexer.While, int(t.EndLine), true)
	}
	return err
}

type tDo struct{ tok }

func (k *tDo) Parse(lex *plexer.PeekingLexer) error {
	st, t, err := optional(lex, lexer.Do, &k.tok)
	if err == nil {
		st.push(lexer.Do, int(t.EndLine), false)
	}
	return err
}

type tFor struct{ tok }

func (k *tFor) Parse(lex *plexer.PeekingLexer) error {
	st, t, err := optional(lex, lexer.For, &k.tok)
	if err == nil {
		st.push(lexer.For, int(t.EndLine), true)
	}
	return err
}

type tRepeat struct{ tok }

func (k *tRepeat) Parse(lex *plexer.PeekingLexer) error {
	st, t, err := optional(lex, lexer.Repeat, &k.tok)
	if err == nil {
		st.push(lexer.Repeat, int(t.EndLine), true)
	}
	return err
}

type tFunction struct{ tok }

func (k *tFunction) Parse(lex *plexer.PeekingLexer) error {
	st, t, err := optional(lex, lexer.Function, &k.tok)
	if err == nil {
		st.funcLine = int(t.EndLine)
	}
	return err
}

type tLocal struct{ tok }

func (k *tLocal) Parse(lex *plexer.PeekingLexer) error {
	_, _, err := optional(lex, lexer.Local, &k.tok)
	return err
}

type tReturn struct{ tok }

func (k *tReturn) Parse(lex *plexer.PeekingLexer) error {
	_, _, err := optional(lex, lexer.Return, &k.tok)
	return err
}

type tSemi struct{ tok }

func (k *tSemi) Parse(lex *plexer.PeekingLexer) error {
	_, _, err := optional(lex, ';', &k.tok)
	return err
}

// tBreak is "break", which must be inside a loop of the same function.
type tBreak struct{ tok }

func (k *tBreak) Parse(lex *plexer.PeekingLexer) error {
	st, _, err := optional(lex, lexer.Break, &k.tok)
	if err == nil && st.fn.loops == 0 {
		return st.fail(&st.toks[lex.Peek().Pos.Offset], "no loop to break")
	}
	return err
}

type tThen struct{ tok }

func (k *tThen) Parse(lex *plexer.PeekingLexer) error {
	_, err := required(lex, lexer.Then, &k.tok)
	return err
}

// tDoReq is the "do" of while and for loops.
type tDoReq struct{ tok }

func (k *tDoReq) Parse(lex *plexer.PeekingLexer) error {
	_, err := required(lex, lexer.Do, &k.tok)
	return err
}

type tEnd struct{ tok }

func (k *tEnd) Parse(lex *plexer.PeekingLexer) error { return closeWith(lex, lexer.End, &k.tok) }

type tUntil struct{ tok }

func (k *tUntil) Parse(lex *plexer.PeekingLexer) error { return closeWith(lex, lexer.Until, &k.tok) }

// tEOF is the end of the chunk.
type tEOF struct{ tok }

func (k *tEOF) Parse(lex *plexer.PeekingLexer) error {
	_, err := required(lex, lexer.EOF, &k.tok)
	return err
}

// tEnter opens a block: one nesting level (lparser.c's chunk calls
// enterlevel). It consumes nothing.
type tEnter struct{}

func (k *tEnter) Parse(lex *plexer.PeekingLexer) error {
	st := stateOf(lex)
	return st.enterLevel(&st.toks[lex.Peek().Pos.Offset])
}

// tLeave closes a block and records where it ends (for empty blocks).
type tLeave struct{ at ast.Pos }

func (k *tLeave) Parse(lex *plexer.PeekingLexer) error {
	st := stateOf(lex)
	st.level--
	k.at = posOf(&st.toks[lex.Peek().Pos.Offset])
	return nil
}

// tExpr is an expression, parsed by hand.
type tExpr struct{ E ast.Expr }

func (k *tExpr) Parse(lex *plexer.PeekingLexer) error {
	st := stateOf(lex)
	st.begin(lex)
	e, err := st.expr()
	if err != nil {
		return err
	}
	k.E = e
	st.commit()
	return nil
}

// tExprList is the optional expression list of a return statement.
type tExprList struct{ List []ast.Expr }

func (k *tExprList) Parse(lex *plexer.PeekingLexer) error {
	switch lexer.Type(lex.Peek().Type) {
	case lexer.EOF, lexer.Else, lexer.Elseif, lexer.End, lexer.Until, ';':
		return participle.NextMatch
	}
	st := stateOf(lex)
	st.begin(lex)
	list, err := st.exprList()
	if err != nil {
		return err
	}
	k.List = list
	st.commit()
	return nil
}

// tStmtStart consumes nothing; it fails at the end of a block and before
// return and break, so that participle does not try every statement
// alternative there (lparser.c's block_follow).
type tStmtStart struct{}

func (k *tStmtStart) Parse(lex *plexer.PeekingLexer) error {
	switch lexer.Type(lex.Peek().Type) {
	case lexer.EOF, lexer.Else, lexer.Elseif, lexer.End, lexer.Until, lexer.Return, lexer.Break:
		return participle.NextMatch
	}
	return nil
}

// tLastStart consumes nothing; it fails unless a return or break follows.
type tLastStart struct{}

func (k *tLastStart) Parse(lex *plexer.PeekingLexer) error {
	switch lexer.Type(lex.Peek().Type) {
	case lexer.Return, lexer.Break:
		return nil
	}
	return participle.NextMatch
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
	st := stateOf(lex)
	st.begin(lex)
	s, err := st.exprStat()
	if err != nil {
		return err
	}
	k.S = s
	st.commit()
	return nil
}

// tForHead is the part of a for statement between "for" and the body:
// "name = e, e [, e] do" or "names in explist do".
type tForHead struct {
	Names              []*ast.Name
	Numeric            bool
	Start, Limit, Step ast.Expr
	Exprs              []ast.Expr
}

func (k *tForHead) Parse(lex *plexer.PeekingLexer) error {
	st := stateOf(lex)
	st.begin(lex)
	if err := st.forHead(k); err != nil {
		return err
	}
	st.commit()
	return nil
}

// tFuncName is the name of a function statement: Name {'.' Name} [':' Name].
type tFuncName struct{ N *ast.FuncName }

func (k *tFuncName) Parse(lex *plexer.PeekingLexer) error {
	st := stateOf(lex)
	st.begin(lex)
	n, err := st.funcName()
	if err != nil {
		return err
	}
	k.N = n
	st.commit()
	return nil
}

// tName is a required name.
type tName struct{ N *ast.Name }

func (k *tName) Parse(lex *plexer.PeekingLexer) error {
	st := stateOf(lex)
	st.begin(lex)
	n, err := st.checkName()
	if err != nil {
		return err
	}
	k.N = n
	st.commit()
	return nil
}

// tBody is the body of a function statement; "to close" messages cite the
// line of its "function" keyword.
type tBody struct{ F *ast.Function }

func (k *tBody) Parse(lex *plexer.PeekingLexer) error {
	st := stateOf(lex)
	st.begin(lex)
	f, err := st.body(st.funcLine)
	if err != nil {
		return err
	}
	k.F = f
	st.commit()
	return nil
}

// tLocalBody is the body of a local function; "to close" messages cite the
// line of its '(' (as lparser.c's localfunc does).
type tLocalBody struct{ F *ast.Function }

func (k *tLocalBody) Parse(lex *plexer.PeekingLexer) error {
	st := stateOf(lex)
	st.begin(lex)
	f, err := st.body(int(st.tok().EndLine))
	if err != nil {
		return err
	}
	k.F = f
	st.commit()
	return nil
}

// tLocalVars is "names ['=' explist]" after "local".
type tLocalVars struct {
	Names []*ast.Name
	Exprs []ast.Expr
}

func (k *tLocalVars) Parse(lex *plexer.PeekingLexer) error {
	st := stateOf(lex)
	st.begin(lex)
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
	st.commit()
	return nil
}

// ---- lowering to ast ----

func (b *gBlock) lower() *ast.Block {
	out := &ast.Block{Stmts: make([]ast.Stmt, 0, len(b.Stmts)+1)}
	for _, s := range b.Stmts {
		out.Stmts = append(out.Stmts, s.lower())
	}
	if b.Last != nil {
		out.Stmts = append(out.Stmts, b.Last.lower())
	}
	if len(out.Stmts) == 0 {
		out.From, out.To = b.Leave.at, b.Leave.at
	} else {
		out.From, out.To = out.Stmts[0].Pos(), out.Stmts[len(out.Stmts)-1].End()
	}
	return out
}

func (s *gStmt) lower() ast.Stmt {
	switch {
	case s.If != nil:
		return s.If.lower()
	case s.While != nil:
		w := s.While
		return &ast.While{Span: ast.Span{From: w.While.From, To: w.End.To}, Cond: w.Cond.E, Body: w.Body.lower()}
	case s.Do != nil:
		d := s.Do
		return &ast.Do{Span: ast.Span{From: d.Do.From, To: d.End.To}, Body: d.Body.lower()}
	case s.For != nil:
		f := s.For
		span := ast.Span{From: f.For.From, To: f.End.To}
		h := &f.Head
		if h.Numeric {
			return &ast.NumericFor{Span: span, Var: h.Names[0], Start: h.Start, Limit: h.Limit, Step: h.Step, Body: f.Body.lower()}
		}
		return &ast.GenericFor{Span: span, Names: h.Names, Exprs: h.Exprs, Body: f.Body.lower()}
	case s.Repeat != nil:
		r := s.Repeat
		return &ast.Repeat{Span: ast.Span{From: r.Repeat.From, To: r.Cond.E.End()}, Body: r.Body.lower(), Cond: r.Cond.E}
	case s.Function != nil:
		f := s.Function
		fn := f.Body.F
		fn.Name = funcNameString(f.Name.N)
		return &ast.FunctionStmt{Span: ast.Span{From: f.Function.From, To: fn.End()}, Name: f.Name.N, Func: fn}
	case s.Local != nil:
		l := s.Local
		if l.Func != nil {
			fn := l.Func.Body.F
			fn.Name = l.Func.Name.N.Name
			return &ast.LocalFunction{Span: ast.Span{From: l.Local.From, To: fn.End()}, Name: l.Func.Name.N, Func: fn}
		}
		v := l.Vars
		to := v.Names[len(v.Names)-1].End()
		if len(v.Exprs) > 0 {
			to = v.Exprs[len(v.Exprs)-1].End()
		}
		return &ast.Local{Span: ast.Span{From: l.Local.From, To: to}, Names: v.Names, Exprs: v.Exprs}
	default:
		return s.Expr.S
	}
}

func (g *gIf) lower() ast.Stmt {
	out := &ast.If{Span: ast.Span{From: g.If.From, To: g.End.To}}
	body := g.Body.lower()
	out.Clauses = append(out.Clauses, &ast.IfClause{Span: ast.Span{From: g.If.From, To: body.End()}, Cond: g.Cond.E, Body: body})
	for _, e := range g.Elifs {
		body := e.Body.lower()
		out.Clauses = append(out.Clauses, &ast.IfClause{Span: ast.Span{From: e.Elseif.From, To: body.End()}, Cond: e.Cond.E, Body: body})
	}
	if g.Else != nil {
		out.Else = g.Else.Body.lower()
	}
	return out
}

func (l *gLast) lower() ast.Stmt {
	if l.Break != nil {
		return &ast.Break{Span: l.Break.Span}
	}
	r := &ast.Return{Span: l.Return.Return.Span}
	if l.Return.Exprs != nil {
		r.Exprs = l.Return.Exprs.List
		r.To = r.Exprs[len(r.Exprs)-1].End()
	}
	return r
}

// funcNameString renders a function statement's name as "a.b.c:m".
func funcNameString(n *ast.FuncName) string {
	s := ""
	for i, p := range n.Path {
		if i > 0 {
			s += "."
		}
		s += p.Name
	}
	if n.Method != nil {
		s += ":" + n.Method.Name
	}
	return s
}
