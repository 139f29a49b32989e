package vm

import "errors"

// NumberObjects gives every object reachable from the roots (tables, their
// keys, values and metatables, Go functions, userdata and their metatables,
// closures and their environments) a fresh id 1, 2, 3, ... in the order of
// a depth-first walk that follows [Table.Next].
//
// Hosts call it on an environment they have just built, before freezing
// it. Objects created at setup time otherwise take their ids from a
// process-wide counter, so the id that tostring prints for a library
// function or table would depend on how many engines the process had built
// before; after NumberObjects it depends only on the environment's
// contents, which keeps the output of a rule the same in every process.
// The ids stay below the run-time ids a Thread hands out.
//
// Tables hash object keys by id, so renumbering an object that is a key
// would lose it: NumberObjects refuses (and changes nothing) when a
// reachable table has a key that is a table, function or userdata.
func NumberObjects(roots ...*Table) error {
	var order []*uint64
	seen := map[*uint64]bool{}
	var stack []Value
	for i := len(roots) - 1; i >= 0; i-- {
		if roots[i] != nil {
			stack = append(stack, TableValue(roots[i]))
		}
	}
	for len(stack) > 0 {
		v := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if v.k < KindTable || v.p == nil {
			continue
		}
		id := (*uint64)(v.p) // every heap object starts with its id
		if seen[id] {
			continue
		}
		seen[id] = true
		order = append(order, id)
		// Push children in reverse so that they are numbered in order.
		var children []Value
		switch v.k {
		case KindTable:
			t := v.AsTable()
			if mt := t.Metatable(); mt != nil {
				children = append(children, TableValue(mt))
			}
			for k, val, ok, _ := t.Next(Nil); ok; k, val, ok, _ = t.Next(k) {
				if k.k >= KindTable {
					return errors.New("vm: NumberObjects: a table has an object key")
				}
				children = append(children, val)
			}
		case KindUserdata:
			if mt := v.AsUserdata().Metatable(); mt != nil {
				children = append(children, TableValue(mt))
			}
		case KindLuaFunction:
			if env := v.AsClosure().Env(); env != nil {
				children = append(children, TableValue(env))
			}
		}
		for i := len(children) - 1; i >= 0; i-- {
			stack = append(stack, children[i])
		}
	}
	if len(order) >= runIDBase {
		return errors.New("vm: NumberObjects: too many objects")
	}
	for i, id := range order {
		*id = uint64(i + 1)
	}
	return nil
}
