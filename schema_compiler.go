package lua

import "github.com/kestrel-runtime/lua/compiler"

// compilerSchema presents a SchemaRegistry as a compiler.Schema.
type compilerSchema struct{ s *SchemaRegistry }

func (c compilerSchema) FieldByName(name string) (compiler.Field, bool) {
	f, ok := c.s.Lookup(name)
	return compiler.Field{ID: f.ID, Name: f.Name, Type: f.Type}, ok
}

func (c compilerSchema) FieldByID(id int64) (compiler.Field, bool) {
	f, ok := c.s.Field(id)
	return compiler.Field{ID: f.ID, Name: f.Name, Type: f.Type}, ok
}

// CompilerSchema returns the registry as the compiler's schema interface
// (for tools that call the compiler directly).
func (s *SchemaRegistry) CompilerSchema() compiler.Schema { return compilerSchema{s} }
