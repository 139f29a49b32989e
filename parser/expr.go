package parser

import (
	"fmt"

	"github.com/alecthomas/participle/v2"

	"github.com/kestrel-runtime/lua/ast"
	"github.com/kestrel-runtime/lua/lexer"
)

// The hand-written half of the parser: expressions by precedence climbing
// (lparser.c's subexpr), the expression statement, for headers, function
// names and function bodies. Each function follows the lparser.c function
// of the same name and raises the same errors at the same tokens.

// expr parses an expression (lparser.c's expr).
func (st *state) expr() (ast.Expr, error) { return st.subexpr(0) }

// subexpr parses a chain of binary operators whose left priority exceeds
// limit: "subexpr -> (simpleexp | unop subexpr) { binop subexpr }".
func (st *state) subexpr(limit int) (ast.Expr, error) {
	t := st.tok()
	if err := st.enterLevel(t); err != nil {
		return nil, err
	}
	var x ast.Expr
	if op, ok := unaryOp(t.Type); ok {
		st.next()
		y, err := st.subexpr(ast.UnaryPrecedence)
		if err != nil {
			return nil, err
		}
		x = &ast.Unary{Span: ast.Span{From: posOf(t), To: y.End()}, Op: op, X: y}
	} else {
		var err error
		if x, err = st.simpleExp(); err != nil {
			return nil, err
		}
	}
	for {
		ot := st.tok()
		op, ok := binaryOp(ot.Type)
		if !ok {
			break
		}
		left, right := op.Precedence()
		if left <= limit {
			break
		}
		st.next()
		y, err := st.subexpr(right)
		if err != nil {
			return nil, err
		}
		x = &ast.Binary{Span: ast.Span{From: x.Pos(), To: y.End()}, Op: op, OpPos: posOf(ot), X: x, Y: y}
	}
	st.level--
	return x, nil
}

func unaryOp(t lexer.Type) (ast.UnOp, bool) {
	switch t {
	case lexer.Not:
		return ast.OpNot, true
	case '-':
		return ast.OpNeg, true
	case '#':
		return ast.OpLen, true
	}
	return 0, false
}

func binaryOp(t lexer.Type) (ast.BinOp, bool) {
	switch t {
	case '+':
		return ast.OpAdd, true
	case '-':
		return ast.OpSub, true
	case '*':
		return ast.OpMul, true
	case '/':
		return ast.OpDiv, true
	case '%':
		return ast.OpMod, true
	case '^':
		return ast.OpPow, true
	case lexer.Concat:
		return ast.OpConcat, true
	case lexer.Eq:
		return ast.OpEq, true
	case lexer.Ne:
		return ast.OpNe, true
	case '<':
		return ast.OpLt, true
	case lexer.Le:
		return ast.OpLe, true
	case '>':
		return ast.OpGt, true
	case lexer.Ge:
		return ast.OpGe, true
	case lexer.And:
		return ast.OpAnd, true
	case lexer.Or:
		return ast.OpOr, true
	}
	return 0, false
}

// exprList parses "expr {',' expr}" (lparser.c's explist1).
func (st *state) exprList() ([]ast.Expr, error) {
	e, err := st.expr()
	if err != nil {
		return nil, err
	}
	if st.tok().Type != ',' {
		return []ast.Expr{e}, nil
	}
	// Collect on the stack, then allocate the list once at its size.
	var buf [8]ast.Expr
	list := append(buf[:0], e)
	for st.tok().Type == ',' {
		st.next()
		if e, err = st.expr(); err != nil {
			return nil, err
		}
		list = append(list, e)
	}
	return append([]ast.Expr(nil), list...), nil
}

// simpleExp parses constants, "...", constructors, function bodies and
// suffixed expressions.
func (st *state) simpleExp() (ast.Expr, error) {
	t := st.tok()
	sp := spanOf(t)
	switch t.Type {
	case lexer.Number:
		st.next()
		return &ast.Number{Span: sp, Raw: t.Text, IsInt: t.IsInt, Int: t.Int, Float: t.Float}, nil
	case lexer.String:
		st.next()
		return &ast.String{Span: sp, Value: t.Text}, nil
	case lexer.Nil:
		st.next()
		return &ast.Nil{Span: sp}, nil
	case lexer.True:
		st.next()
		return &ast.True{Span: sp}, nil
	case lexer.False:
		st.next()
		return &ast.False{Span: sp}, nil
	case lexer.Dots:
		if !st.fn.vararg {
			return nil, st.fail(t, "cannot use '...' outside a vararg function")
		}
		st.next()
		return &ast.Vararg{Span: sp}, nil
	case '{':
		return st.constructor()
	case lexer.Function:
		st.next()
		f, err := st.body(int(st.tok().EndLine))
		if err != nil {
			return nil, err
		}
		f.From = sp.From
		return f, nil
	}
	return st.primaryExp()
}

// primaryExp parses "prefixexp { '.' Name | '[' exp ']' | ':' Name
// funcargs | funcargs }" (lparser.c 5.1's primaryexp).
func (st *state) primaryExp() (ast.Expr, error) {
	var x ast.Expr
	t := st.tok()
	switch t.Type {
	case '(':
		line := int(t.EndLine)
		st.next()
		e, err := st.expr()
		if err != nil {
			return nil, err
		}
		end := st.tok()
		if err := st.checkMatch(')', '(', line); err != nil {
			return nil, err
		}
		x = &ast.Paren{Span: ast.Span{From: posOf(t), To: endOf(end)}, X: e}
	case lexer.Name:
		st.next()
		x = &ast.Name{Span: spanOf(t), Name: t.Text}
	default:
		return nil, st.fail(t, "unexpected symbol")
	}
	for {
		t := st.tok()
		switch t.Type {
		case '.':
			st.next()
			n, err := st.checkName()
			if err != nil {
				return nil, err
			}
			x = &ast.Index{Span: ast.Span{From: x.Pos(), To: n.End()}, X: x,
				Key: &ast.String{Span: n.Span, Value: n.Name}, Dot: true}
		case '[':
			st.next()
			k, err := st.expr()
			if err != nil {
				return nil, err
			}
			end := st.tok()
			if err := st.checkNext(']'); err != nil {
				return nil, err
			}
			x = &ast.Index{Span: ast.Span{From: x.Pos(), To: endOf(end)}, X: x, Key: k}
		case ':':
			st.next()
			n, err := st.checkName()
			if err != nil {
				return nil, err
			}
			args, end, err := st.funcArgs()
			if err != nil {
				return nil, err
			}
			x = &ast.MethodCall{Span: ast.Span{From: x.Pos(), To: end}, Recv: x, Name: n, Args: args}
		case '(', lexer.String, '{':
			args, end, err := st.funcArgs()
			if err != nil {
				return nil, err
			}
			x = &ast.Call{Span: ast.Span{From: x.Pos(), To: end}, Fn: x, Args: args}
		default:
			return x, nil
		}
	}
}

// funcArgs parses call arguments: "(explist)", a constructor or a string.
// It returns the arguments and the end of the last token.
func (st *state) funcArgs() ([]ast.Expr, ast.Pos, error) {
	t := st.tok()
	switch t.Type {
	case '(':
		line := int(t.EndLine)
		if line != st.lastLine() {
			return nil, ast.Pos{}, st.fail(t, "ambiguous syntax (function call x new statement)")
		}
		st.next()
		var args []ast.Expr
		if st.tok().Type != ')' {
			var err error
			if args, err = st.exprList(); err != nil {
				return nil, ast.Pos{}, err
			}
		}
		end := st.tok()
		if err := st.checkMatch(')', '(', line); err != nil {
			return nil, ast.Pos{}, err
		}
		return args, endOf(end), nil
	case '{':
		c, err := st.constructor()
		if err != nil {
			return nil, ast.Pos{}, err
		}
		return []ast.Expr{c}, c.End(), nil
	case lexer.String:
		st.next()
		return []ast.Expr{&ast.String{Span: spanOf(t), Value: t.Text}}, endOf(t), nil
	}
	return nil, ast.Pos{}, st.fail(t, "function arguments expected")
}

// constructor parses a table constructor "{ [field {sep field} [sep]] }".
func (st *state) constructor() (*ast.Table, error) {
	open := st.tok()
	line := int(open.EndLine)
	if err := st.checkNext('{'); err != nil {
		return nil, err
	}
	tbl := &ast.Table{}
	for st.tok().Type != '}' {
		t := st.tok()
		f := &ast.TableField{}
		switch {
		case t.Type == lexer.Name && st.peekType(1) == '=':
			st.next()
			st.next()
			v, err := st.expr()
			if err != nil {
				return nil, err
			}
			f.Kind, f.Key, f.Value = ast.FieldNamed, &ast.String{Span: spanOf(t), Value: t.Text}, v
		case t.Type == lexer.Name && st.peekType(1) == lexer.Invalid:
			// Lua reads one token ahead here; a lexical error there is
			// reported now.
			return nil, st.failLex()
		case t.Type == '[':
			st.next()
			k, err := st.expr()
			if err != nil {
				return nil, err
			}
			if err := st.checkNext(']'); err != nil {
				return nil, err
			}
			if err := st.checkNext('='); err != nil {
				return nil, err
			}
			v, err := st.expr()
			if err != nil {
				return nil, err
			}
			f.Kind, f.Key, f.Value = ast.FieldKeyed, k, v
		default:
			if t.Type == lexer.Name {
				st.laIdx = st.pos + 1
			}
			v, err := st.expr()
			if err != nil {
				return nil, err
			}
			f.Kind, f.Value = ast.FieldPositional, v
		}
		f.Span = ast.Span{From: posOf(t), To: f.Value.End()}
		tbl.Fields = append(tbl.Fields, f)
		if tt := st.tok().Type; tt != ',' && tt != ';' {
			break
		}
		st.next()
	}
	end := st.tok()
	if err := st.checkMatch('}', '{', line); err != nil {
		return nil, err
	}
	tbl.Span = ast.Span{From: posOf(open), To: endOf(end)}
	return tbl, nil
}

func (st *state) peekType(n int) lexer.Type {
	if i := st.pos + n; i < len(st.toks) {
		return st.toks[i].Type
	}
	return lexer.EOF
}

// body parses a function body "( parlist ) block end"; line is the line
// cited by "to close 'function' at line N". The block is parsed by
// participle (gFuncBlock).
func (st *state) body(line int) (*ast.Function, error) {
	f := &ast.Function{}
	open := st.tok()
	f.From = posOf(open)
	if err := st.checkNext('('); err != nil {
		return nil, err
	}
	if st.tok().Type != ')' {
		for {
			t := st.tok()
			if t.Type == lexer.Name {
				st.next()
				f.Params = append(f.Params, &ast.Name{Span: spanOf(t), Name: t.Text})
			} else if t.Type == lexer.Dots {
				st.next()
				f.IsVararg = true
			} else {
				return nil, st.fail(t, "<name> or '...' expected")
			}
			if f.IsVararg || st.tok().Type != ',' {
				break
			}
			st.next()
		}
	}
	if err := st.checkNext(')'); err != nil {
		return nil, err
	}
	// Call back into participle for the block and the closing "end".
	p, err := parsers()
	if err != nil {
		return nil, err
	}
	st.fn = &funcState{vararg: f.IsVararg, linedefined: line, prev: st.fn}
	st.push(lexer.Function, line, false)
	if err := st.enterLevel(st.tok()); err != nil {
		return nil, err
	}
	lex := st.lex
	st.commit()
	g, err := p.body.ParseFromLexer(lex, participle.AllowTrailing(true))
	st.lex = lex
	if st.err != nil {
		return nil, st.err
	}
	if err != nil {
		return nil, st.fail(&st.toks[st.cursorOf(lex)], "unexpected symbol")
	}
	st.pos = st.cursorOf(lex)
	st.fn = st.fn.prev
	f.Body = g.Block.lower(g.End.From)
	f.To = g.End.To
	return f, nil
}

// exprStat parses a call statement or an assignment (lparser.c's
// exprstat and assignment).
func (st *state) exprStat() (ast.Stmt, error) {
	x, err := st.primaryExp()
	if err != nil {
		return nil, err
	}
	switch x.(type) {
	case *ast.Call, *ast.MethodCall:
		return &ast.CallStmt{Span: ast.Span{From: x.Pos(), To: x.End()}, Call: x}, nil
	}
	targets := []ast.Expr{x}
	for {
		switch x.(type) {
		case *ast.Name, *ast.Index:
		default:
			return nil, st.fail(st.tok(), "syntax error")
		}
		if st.tok().Type != ',' {
			break
		}
		st.next()
		if x, err = st.primaryExp(); err != nil {
			return nil, err
		}
		// lparser.c: checklimit(fs, nvars, LUAI_MAXCCALLS - nCcalls,
		// "variables in assignment").
		if limit := MaxSyntaxDepth - st.level; len(targets) > limit {
			return nil, st.errorLimit(limit, "variables in assignment")
		}
		targets = append(targets, x)
	}
	if err := st.checkNext('='); err != nil {
		return nil, err
	}
	exprs, err := st.exprList()
	if err != nil {
		return nil, err
	}
	return &ast.Assign{Span: ast.Span{From: targets[0].Pos(), To: exprs[len(exprs)-1].End()},
		Targets: targets, Exprs: exprs}, nil
}

// errorLimit is lparser.c's errorlimit.
func (st *state) errorLimit(limit int, what string) error {
	var msg string
	if st.fn.linedefined == 0 {
		msg = fmt.Sprintf("main function has more than %d %s", limit, what)
	} else {
		msg = fmt.Sprintf("function at line %d has more than %d %s", st.fn.linedefined, limit, what)
	}
	return st.failNoNear(st.tok(), msg)
}

// forHead parses a for statement after "for", up to and including "do".
func (st *state) forHead(h *tForHead) error {
	n, err := st.checkName()
	if err != nil {
		return err
	}
	h.Names = append(h.Names, n)
	switch st.tok().Type {
	case '=':
		st.next()
		h.Numeric = true
		if h.Start, err = st.expr(); err != nil {
			return err
		}
		if err := st.checkNext(','); err != nil {
			return err
		}
		if h.Limit, err = st.expr(); err != nil {
			return err
		}
		if st.tok().Type == ',' {
			st.next()
			if h.Step, err = st.expr(); err != nil {
				return err
			}
		}
	case ',', lexer.In:
		for st.tok().Type == ',' {
			st.next()
			n, err := st.checkName()
			if err != nil {
				return err
			}
			h.Names = append(h.Names, n)
		}
		if err := st.checkNext(lexer.In); err != nil {
			return err
		}
		if h.Exprs, err = st.exprList(); err != nil {
			return err
		}
	default:
		return st.fail(st.tok(), "'=' or 'in' expected")
	}
	return st.checkNext(lexer.Do)
}

// funcName parses "Name {'.' Name} [':' Name]".
func (st *state) funcName() (*ast.FuncName, error) {
	n, err := st.checkName()
	if err != nil {
		return nil, err
	}
	fn := &ast.FuncName{Path: []*ast.Name{n}}
	for st.tok().Type == '.' {
		st.next()
		if n, err = st.checkName(); err != nil {
			return nil, err
		}
		fn.Path = append(fn.Path, n)
	}
	if st.tok().Type == ':' {
		st.next()
		if n, err = st.checkName(); err != nil {
			return nil, err
		}
		fn.Method = n
	}
	fn.Span = ast.Span{From: fn.Path[0].Pos(), To: n.End()}
	return fn, nil
}
