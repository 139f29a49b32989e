// Package ast declares the syntax tree of a Lua 5.1 chunk.
//
// The tree is what the parser produces and the compiler consumes; nothing
// else about the source survives (comments and layout are dropped, call
// sugar such as f"str" and f{...} becomes an ordinary [Call]). Node names
// follow the productions of the Lua 5.1 reference manual (§8, "The Complete
// Syntax of Lua"): a [Chunk] is a [Block] of statements; expressions are
// constants, names, indexing, calls, function bodies, table constructors and
// operators.
//
// Every node records the span of source it came from as a pair of 1-based
// [Pos] values (line and column, counted in bytes). The zero Pos means
// unknown. The Expr and Stmt interfaces are sealed: only this package can
// add node types, so a type switch over them in the compiler is exhaustive.
//
// Two statement forms of the manual's "laststat" ([Return] and [Break]) are
// ordinary statements here; the parser guarantees they only appear last in
// a block.
package ast

import "fmt"

// Pos is a source position: a 1-based line and a 1-based column counted in
// bytes. The zero Pos means "unknown".
type Pos struct {
	Line, Col int
}

// IsValid reports whether the position is known.
func (p Pos) IsValid() bool { return p.Line > 0 }

// String formats the position as "line:col".
func (p Pos) String() string { return fmt.Sprintf("%d:%d", p.Line, p.Col) }

// Before reports whether p comes strictly before q.
func (p Pos) Before(q Pos) bool {
	return p.Line < q.Line || p.Line == q.Line && p.Col < q.Col
}

// Span is the source range of a node: From is the first byte of its first
// token, To the position just after its last token. Nodes embed it to get
// their Pos and End methods.
type Span struct {
	From, To Pos
}

// Pos returns the position of the node's first token.
func (s Span) Pos() Pos { return s.From }

// End returns the position just after the node's last token.
func (s Span) End() Pos { return s.To }

// Node is implemented by every syntax tree node.
type Node interface {
	Pos() Pos
	End() Pos
}

// Expr is an expression node (manual: exp, prefixexp, var).
type Expr interface {
	Node
	exprNode()
}

// Stmt is a statement node (manual: stat, laststat).
type Stmt interface {
	Node
	stmtNode()
}

// Chunk is a whole compilation unit. Name is the chunk name used in
// messages ("rule.lua", or "=stdin"-style names already stripped of their
// prefix by the caller). A chunk is compiled as the body of a vararg
// function.
type Chunk struct {
	Name  string
	Block *Block
}

// Block is a sequence of statements (manual: block, chunk).
type Block struct {
	Span
	Stmts []Stmt
}

// ---- Expressions ----

// Nil is the literal nil.
type Nil struct{ Span }

// True is the literal true.
type True struct{ Span }

// False is the literal false.
type False struct{ Span }

// Vararg is the expression "...".
type Vararg struct{ Span }

// Number is a numeric literal. Raw is its source text. A decimal literal
// without fraction or exponent, or a hexadecimal literal, whose value fits
// in int64 is an integer (IsInt, with Int set); every other literal is a
// float (Float set). See SUBSET.md for the integer subtype.
type Number struct {
	Span
	Raw   string
	IsInt bool
	Int   int64
	Float float64
}

// String is a string literal with escapes already decoded. Value is a byte
// string, not necessarily UTF-8.
type String struct {
	Span
	Value string
}

// Name is an identifier: a variable reference when used as an expression,
// or a declared name in local, for, function parameter and function
// statements.
type Name struct {
	Span
	Name string
}

// Index is an indexing expression X[Key]. Dot records the sugar X.name (Key
// is then a *String), which error messages call a "field".
type Index struct {
	Span
	X   Expr
	Key Expr
	Dot bool
}

// Call is a function call Fn(Args...). The sugar f"s" and f{...} is a call
// with one argument.
type Call struct {
	Span
	Fn   Expr
	Args []Expr
}

// MethodCall is a method call Recv:Name(Args...), which passes Recv as an
// implicit first argument and evaluates Recv once.
type MethodCall struct {
	Span
	Recv Expr
	Name *Name
	Args []Expr
}

// Function is a function body (manual: function funcbody). Params are the
// named parameters; IsVararg records a trailing "...". Name, when set by
// the parser for function statements, is the dotted name used in
// tracebacks ("a.b.c", "a.b:m"); it is empty for anonymous functions.
type Function struct {
	Span
	Params   []*Name
	IsVararg bool
	Body     *Block
	Name     string
}

// TableFieldKind tells the three forms of a table constructor field apart.
type TableFieldKind uint8

const (
	// FieldPositional is a field "exp", stored at the next array index.
	FieldPositional TableFieldKind = iota
	// FieldNamed is a field "name = exp"; Key is a *String.
	FieldNamed
	// FieldKeyed is a field "[exp] = exp".
	FieldKeyed
)

// TableField is one field of a table constructor.
type TableField struct {
	Span
	Kind  TableFieldKind
	Key   Expr // nil for FieldPositional
	Value Expr
}

// Table is a table constructor {fields}.
type Table struct {
	Span
	Fields []*TableField
}

// Paren is a parenthesised expression. It matters to the semantics: it
// truncates a call or "..." to exactly one value, and (f()) is not a valid
// assignment target.
type Paren struct {
	Span
	X Expr
}

// BinOp is a binary operator.
type BinOp uint8

// The binary operators, in no particular order. And and Or short-circuit.
const (
	OpAdd    BinOp = iota // +
	OpSub                 // -
	OpMul                 // *
	OpDiv                 // /
	OpMod                 // %
	OpPow                 // ^
	OpConcat              // ..
	OpEq                  // ==
	OpNe                  // ~=
	OpLt                  // <
	OpLe                  // <=
	OpGt                  // >
	OpGe                  // >=
	OpAnd                 // and
	OpOr                  // or
)

var binOpText = [...]string{
	OpAdd: "+", OpSub: "-", OpMul: "*", OpDiv: "/", OpMod: "%", OpPow: "^",
	OpConcat: "..", OpEq: "==", OpNe: "~=", OpLt: "<", OpLe: "<=", OpGt: ">",
	OpGe: ">=", OpAnd: "and", OpOr: "or",
}

// String returns the operator's source text.
func (op BinOp) String() string { return binOpText[op] }

// Precedence returns the left and right binding powers of op, as in the
// priority table of lparser.c: a right power lower than the left one makes
// the operator right-associative (.. and ^).
func (op BinOp) Precedence() (left, right int) {
	switch op {
	case OpOr:
		return 1, 1
	case OpAnd:
		return 2, 2
	case OpEq, OpNe, OpLt, OpLe, OpGt, OpGe:
		return 3, 3
	case OpConcat:
		return 5, 4
	case OpAdd, OpSub:
		return 6, 6
	case OpMul, OpDiv, OpMod:
		return 7, 7
	case OpPow:
		return 10, 9
	}
	panic("ast: bad BinOp")
}

// UnaryPrecedence is the binding power of the unary operators (not, -, #),
// from lparser.c's UNARY_PRIORITY: tighter than every binary operator but ^.
const UnaryPrecedence = 8

// Binary is a binary operation X Op Y. OpPos is the position of the
// operator token, which runtime errors report.
type Binary struct {
	Span
	Op    BinOp
	OpPos Pos
	X, Y  Expr
}

// UnOp is a unary operator.
type UnOp uint8

// The unary operators.
const (
	OpNeg UnOp = iota // -
	OpNot             // not
	OpLen             // #
)

var unOpText = [...]string{OpNeg: "-", OpNot: "not", OpLen: "#"}

// String returns the operator's source text.
func (op UnOp) String() string { return unOpText[op] }

// Unary is a unary operation Op X.
type Unary struct {
	Span
	Op UnOp
	X  Expr
}

// ---- Statements ----

// Local is "local names [= exprs]".
type Local struct {
	Span
	Names []*Name
	Exprs []Expr
}

// Assign is "targets = exprs". Each target is a *Name or an *Index.
type Assign struct {
	Span
	Targets []Expr
	Exprs   []Expr
}

// CallStmt is a function call used as a statement. Call is a *Call or a
// *MethodCall.
type CallStmt struct {
	Span
	Call Expr
}

// Do is "do block end".
type Do struct {
	Span
	Body *Block
}

// While is "while cond do block end".
type While struct {
	Span
	Cond Expr
	Body *Block
}

// Repeat is "repeat block until cond". Cond is inside the scope of Body's
// locals.
type Repeat struct {
	Span
	Body *Block
	Cond Expr
}

// IfClause is one "if/elseif cond then block" arm of an If.
type IfClause struct {
	Span
	Cond Expr
	Body *Block
}

// If is "if c then b {elseif c then b} [else b] end". Else is nil when
// there is no else arm.
type If struct {
	Span
	Clauses []*IfClause
	Else    *Block
}

// NumericFor is "for v = start, limit [, step] do block end". Step is nil
// when omitted (it defaults to 1).
type NumericFor struct {
	Span
	Var                *Name
	Start, Limit, Step Expr
	Body               *Block
}

// GenericFor is "for names in exprs do block end".
type GenericFor struct {
	Span
	Names []*Name
	Exprs []Expr
	Body  *Block
}

// FuncName is the name of a function statement: Path[0].Path[1]...
// optionally followed by :Method.
type FuncName struct {
	Span
	Path   []*Name
	Method *Name // nil unless the name ends in :method
}

// FunctionStmt is "function funcname funcbody". With a Method, the body has
// an implicit first parameter "self" (the parser does not add it to
// Func.Params; the compiler does).
type FunctionStmt struct {
	Span
	Name *FuncName
	Func *Function
}

// LocalFunction is "local function name funcbody"; Name is in scope inside
// the body, which allows recursion.
type LocalFunction struct {
	Span
	Name *Name
	Func *Function
}

// Return is "return [exprs]".
type Return struct {
	Span
	Exprs []Expr
}

// Break is "break".
type Break struct{ Span }

func (*Nil) exprNode()        {}
func (*True) exprNode()       {}
func (*False) exprNode()      {}
func (*Vararg) exprNode()     {}
func (*Number) exprNode()     {}
func (*String) exprNode()     {}
func (*Name) exprNode()       {}
func (*Index) exprNode()      {}
func (*Call) exprNode()       {}
func (*MethodCall) exprNode() {}
func (*Function) exprNode()   {}
func (*Table) exprNode()      {}
func (*Paren) exprNode()      {}
func (*Binary) exprNode()     {}
func (*Unary) exprNode()      {}

func (*Local) stmtNode()         {}
func (*Assign) stmtNode()        {}
func (*CallStmt) stmtNode()      {}
func (*Do) stmtNode()            {}
func (*While) stmtNode()         {}
func (*Repeat) stmtNode()        {}
func (*If) stmtNode()            {}
func (*NumericFor) stmtNode()    {}
func (*GenericFor) stmtNode()    {}
func (*FunctionStmt) stmtNode()  {}
func (*LocalFunction) stmtNode() {}
func (*Return) stmtNode()        {}
func (*Break) stmtNode()         {}
