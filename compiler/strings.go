package compiler

import (
	"strings"

	"github.com/kestrel-runtime/lua/vm"
)

// compactStrings gives every string a compiled prototype tree keeps (its
// string constants, local and upvalue names and function names) one
// shared backing buffer. Without it those strings are substrings of the
// source text, and a compiled rule keeps its whole source alive, comments
// included, for as long as it is loaded.
func compactStrings(p *vm.Proto) {
	var sb strings.Builder
	visitStrings(p, func(s string) string { sb.WriteString(s); return s })
	all, off := sb.String(), 0
	visitStrings(p, func(s string) string {
		s = all[off : off+len(s)]
		off += len(s)
		return s
	})
}

// visitStrings replaces each string kept by the prototypes of the tree
// rooted at p with f's result, in a fixed order.
func visitStrings(p *vm.Proto, f func(string) string) {
	p.Name = f(p.Name)
	for i, k := range p.Consts {
		if k.Kind() == vm.KindString {
			p.Consts[i] = vm.String(f(k.AsString()))
		}
	}
	for i := range p.LocVars {
		p.LocVars[i].Name = f(p.LocVars[i].Name)
	}
	for i := range p.Upvals {
		p.Upvals[i].Name = f(p.Upvals[i].Name)
	}
	for _, q := range p.Protos {
		visitStrings(q, f)
	}
}
