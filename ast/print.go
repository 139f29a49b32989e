package ast

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
)

// Print writes n as Lua 5.1 source to w. n is a *Chunk, a *Block, a Stmt
// or an Expr. Parenthesised expressions ([Paren]) are printed with their
// parentheses; other parentheses are added only where the precedence of
// lparser.c requires them, so printing a tree the parser produced and
// parsing the text again gives the same tree (positions aside). Statements
// go one per line, indented by two spaces per block; a ';' separates two
// statements when the second starts with '(' (which would otherwise read
// as a call of the first one's last expression).
func Print(w io.Writer, n any) error {
	p := &printer{}
	switch n := n.(type) {
	case *Chunk:
		p.block(n.Block)
	case *Block:
		p.block(n)
	case Stmt:
		p.stmt(n)
		p.buf.WriteByte('\n')
	case Expr:
		p.expr(n)
	default:
		return fmt.Errorf("ast.Print: cannot print %T", n)
	}
	_, err := io.WriteString(w, p.buf.String())
	return err
}

// Format returns n printed by [Print] as a string.
func Format(n any) string {
	var b strings.Builder
	if err := Print(&b, n); err != nil {
		return err.Error()
	}
	return b.String()
}

type printer struct {
	buf    strings.Builder
	indent int
}

func (p *printer) line() {
	p.buf.WriteByte('\n')
	for i := 0; i < p.indent; i++ {
		p.buf.WriteString("  ")
	}
}

func (p *printer) block(b *Block) {
	if b == nil {
		return
	}
	for i, s := range b.Stmts {
		if i > 0 {
			if startsWithParen(s) {
				p.buf.WriteByte(';')
			}
			p.line()
		}
		p.stmt(s)
	}
	if len(b.Stmts) > 0 && p.indent == 0 {
		p.buf.WriteByte('\n')
	}
}

// body prints an indented block followed by a line break at the outer
// indentation.
func (p *printer) body(b *Block) {
	p.indent++
	if b != nil && len(b.Stmts) > 0 {
		p.line()
		p.block(b)
	}
	p.indent--
	p.line()
}

// startsWithParen reports whether the statement's text starts with '('.
func startsWithParen(s Stmt) bool {
	var e Expr
	switch s := s.(type) {
	case *CallStmt:
		e = s.Call
	case *Assign:
		if len(s.Targets) > 0 {
			e = s.Targets[0]
		}
	}
	for e != nil {
		switch x := e.(type) {
		case *Paren:
			return true
		case *Call:
			e = x.Fn
		case *MethodCall:
			e = x.Recv
		case *Index:
			e = x.X
		case *Name:
			return false
		default:
			return true // printed in parentheses as a prefix expression
		}
	}
	return false
}

func (p *printer) stmt(s Stmt) {
	switch s := s.(type) {
	case *Local:
		p.buf.WriteString("local ")
		p.names(s.Names)
		if len(s.Exprs) > 0 {
			p.buf.WriteString(" = ")
			p.exprs(s.Exprs)
		}
	case *Assign:
		p.exprs(s.Targets)
		p.buf.WriteString(" = ")
		p.exprs(s.Exprs)
	case *CallStmt:
		p.expr(s.Call)
	case *Do:
		p.buf.WriteString("do")
		p.body(s.Body)
		p.buf.WriteString("end")
	case *While:
		p.buf.WriteString("while ")
		p.expr(s.Cond)
		p.buf.WriteString(" do")
		p.body(s.Body)
		p.buf.WriteString("end")
	case *Repeat:
		p.buf.WriteString("repeat")
		p.body(s.Body)
		p.buf.WriteString("until ")
		p.expr(s.Cond)
	case *If:
		for i, c := range s.Clauses {
			if i == 0 {
				p.buf.WriteString("if ")
			} else {
				p.buf.WriteString("elseif ")
			}
			p.expr(c.Cond)
			p.buf.WriteString(" then")
			p.body(c.Body)
		}
		if s.Else != nil {
			p.buf.WriteString("else")
			p.body(s.Else)
		}
		p.buf.WriteString("end")
	case *NumericFor:
		p.buf.WriteString("for ")
		p.buf.WriteString(s.Var.Name)
		p.buf.WriteString(" = ")
		p.expr(s.Start)
		p.buf.WriteString(", ")
		p.expr(s.Limit)
		if s.Step != nil {
			p.buf.WriteString(", ")
			p.expr(s.Step)
		}
		p.buf.WriteString(" do")
		p.body(s.Body)
		p.buf.WriteString("end")
	case *GenericFor:
		p.buf.WriteString("for ")
		p.names(s.Names)
		p.buf.WriteString(" in ")
		p.exprs(s.Exprs)
		p.buf.WriteString(" do")
		p.body(s.Body)
		p.buf.WriteString("end")
	case *FunctionStmt:
		p.buf.WriteString("function ")
		for i, n := range s.Name.Path {
			if i > 0 {
				p.buf.WriteByte('.')
			}
			p.buf.WriteString(n.Name)
		}
		if s.Name.Method != nil {
			p.buf.WriteByte(':')
			p.buf.WriteString(s.Name.Method.Name)
		}
		p.funcBody(s.Func)
	case *LocalFunction:
		p.buf.WriteString("local function ")
		p.buf.WriteString(s.Name.Name)
		p.funcBody(s.Func)
	case *Return:
		p.buf.WriteString("return")
		if len(s.Exprs) > 0 {
			p.buf.WriteByte(' ')
			p.exprs(s.Exprs)
		}
	case *Break:
		p.buf.WriteString("break")
	default:
		fmt.Fprintf(&p.buf, "--[[ %T ]]", s)
	}
}

func (p *printer) names(ns []*Name) {
	for i, n := range ns {
		if i > 0 {
			p.buf.WriteString(", ")
		}
		p.buf.WriteString(n.Name)
	}
}

func (p *printer) exprs(es []Expr) {
	for i, e := range es {
		if i > 0 {
			p.buf.WriteString(", ")
		}
		p.expr(e)
	}
}

func (p *printer) funcBody(f *Function) {
	p.buf.WriteByte('(')
	p.names(f.Params)
	if f.IsVararg {
		if len(f.Params) > 0 {
			p.buf.WriteString(", ")
		}
		p.buf.WriteString("...")
	}
	p.buf.WriteByte(')')
	p.body(f.Body)
	p.buf.WriteString("end")
}

// expr prints e. Binary and unary operands are parenthesised only when the
// priorities of lparser.c would otherwise group them differently.
func (p *printer) expr(e Expr) {
	switch e := e.(type) {
	case *Nil:
		p.buf.WriteString("nil")
	case *True:
		p.buf.WriteString("true")
	case *False:
		p.buf.WriteString("false")
	case *Vararg:
		p.buf.WriteString("...")
	case *Number:
		p.number(e)
	case *String:
		p.buf.WriteString(Quote(e.Value))
	case *Name:
		p.buf.WriteString(e.Name)
	case *Index:
		p.prefix(e.X)
		if s, ok := e.Key.(*String); ok && e.Dot && IsName(s.Value) {
			p.buf.WriteByte('.')
			p.buf.WriteString(s.Value)
		} else {
			p.buf.WriteByte('[')
			p.expr(e.Key)
			p.buf.WriteByte(']')
		}
	case *Call:
		p.prefix(e.Fn)
		p.args(e.Args)
	case *MethodCall:
		p.prefix(e.Recv)
		p.buf.WriteByte(':')
		p.buf.WriteString(e.Name.Name)
		p.args(e.Args)
	case *Function:
		p.buf.WriteString("function")
		p.funcBody(e)
	case *Table:
		p.table(e)
	case *Paren:
		p.buf.WriteByte('(')
		p.expr(e.X)
		p.buf.WriteByte(')')
	case *Binary:
		l, r := e.Op.Precedence()
		// Left operand: it stays whole if the operator cannot pull its
		// right end away (left(op) <= right(child)).
		p.operand(e.X, func(x Expr) bool {
			switch x := x.(type) {
			case *Binary:
				_, cr := x.Op.Precedence()
				return l > cr
			case *Unary:
				return l > UnaryPrecedence
			}
			return false
		})
		p.buf.WriteByte(' ')
		p.buf.WriteString(e.Op.String())
		p.buf.WriteByte(' ')
		// Right operand: it binds to this operator only if its own
		// operator binds tighter than right(op).
		p.operand(e.Y, func(y Expr) bool {
			if y, ok := y.(*Binary); ok {
				cl, _ := y.Op.Precedence()
				return cl <= r
			}
			return false
		})
	case *Unary:
		p.buf.WriteString(e.Op.String())
		if e.Op == OpNot {
			p.buf.WriteByte(' ')
		} else if u, ok := e.X.(*Unary); ok && u.Op == OpNeg && e.Op == OpNeg {
			p.buf.WriteByte(' ') // "- -x", not the comment "--x"
		} else if n, ok := e.X.(*Number); ok && e.Op == OpNeg && strings.HasPrefix(numberText(n), "-") {
			p.buf.WriteByte(' ')
		}
		p.operand(e.X, func(x Expr) bool {
			if x, ok := x.(*Binary); ok {
				cl, _ := x.Op.Precedence()
				return cl <= UnaryPrecedence
			}
			return false
		})
	default:
		fmt.Fprintf(&p.buf, "nil --[[ %T ]]", e)
	}
}

func (p *printer) operand(e Expr, needParens func(Expr) bool) {
	if needParens(e) {
		p.buf.WriteByte('(')
		p.expr(e)
		p.buf.WriteByte(')')
		return
	}
	p.expr(e)
}

// prefix prints the expression before a call or an index, which Lua's
// grammar requires to be a name, an index, a call or parenthesised.
func (p *printer) prefix(e Expr) {
	switch e.(type) {
	case *Name, *Index, *Call, *MethodCall, *Paren:
		p.expr(e)
	default:
		p.buf.WriteByte('(')
		p.expr(e)
		p.buf.WriteByte(')')
	}
}

func (p *printer) args(args []Expr) {
	p.buf.WriteByte('(')
	p.exprs(args)
	p.buf.WriteByte(')')
}

func (p *printer) table(t *Table) {
	if len(t.Fields) == 0 {
		p.buf.WriteString("{}")
		return
	}
	p.buf.WriteByte('{')
	for i, f := range t.Fields {
		if i > 0 {
			p.buf.WriteString(", ")
		}
		switch f.Kind {
		case FieldNamed:
			if s, ok := f.Key.(*String); ok && IsName(s.Value) {
				p.buf.WriteString(s.Value)
				break
			}
			fallthrough
		case FieldKeyed:
			p.buf.WriteByte('[')
			p.expr(f.Key)
			p.buf.WriteByte(']')
		}
		if f.Kind != FieldPositional {
			p.buf.WriteString(" = ")
		}
		p.expr(f.Value)
	}
	p.buf.WriteByte('}')
}

func numberText(n *Number) string {
	if n.Raw != "" {
		return n.Raw
	}
	if n.IsInt {
		return strconv.FormatInt(n.Int, 10)
	}
	switch {
	case math.IsInf(n.Float, 1):
		return "(1/0)"
	case math.IsInf(n.Float, -1):
		return "(-1/0)"
	case math.IsNaN(n.Float):
		return "(0/0)"
	}
	s := strconv.FormatFloat(n.Float, 'g', -1, 64)
	if !strings.ContainsAny(s, ".eEn") {
		s += ".0" // keep it a float
	}
	return s
}

func (p *printer) number(n *Number) { p.buf.WriteString(numberText(n)) }

// Quote returns s as a double-quoted Lua string literal. Printable bytes
// and bytes above 127 stand for themselves; quotes, backslashes and control
// bytes are escaped (\n, \t, ... or \ddd with three digits).
func Quote(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 2)
	b.WriteByte('"')
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch c {
		case '"', '\\':
			b.WriteByte('\\')
			b.WriteByte(c)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		default:
			if c < 32 || c == 127 {
				fmt.Fprintf(&b, "\\%03d", c)
			} else {
				b.WriteByte(c)
			}
		}
	}
	b.WriteByte('"')
	return b.String()
}

// IsName reports whether s is a Lua identifier that is not a reserved
// word, so that it can be written t.s or {s = v}.
func IsName(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || i > 0 && c >= '0' && c <= '9') {
			return false
		}
	}
	switch s {
	case "and", "break", "do", "else", "elseif", "end", "false", "for", "function", "if",
		"in", "local", "nil", "not", "or", "repeat", "return", "then", "true", "until", "while":
		return false
	}
	return true
}
