package lua

import "github.com/kestrel-runtime/lua/compiler"

// FieldByName returns the field called name, as compiler.Schema wants it.
func (s *SchemaRegistry) FieldByName(name string) (compiler.Field, bool) {
	f, ok := s.Lookup(name)
	return compiler.Field{ID: f.ID, Name: f.Name, Type: f.Type}, ok
}

// FieldByID returns the field with the given id, as compiler.Schema wants
// it.
func (s *SchemaRegistry) FieldByID(id int64) (compiler.Field, bool) {
	f, ok := s.Field(id)
	return compiler.Field{ID: f.ID, Name: f.Name, Type: f.Type}, ok
}

var _ compiler.Schema = (*SchemaRegistry)(nil)
