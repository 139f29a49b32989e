package vm

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestNumberObjectsNumbersInWalkOrder(t *testing.T) {
	build := func() (*Table, *Table, *GoFunction) {
		root := NewTable(0, 4)
		lib := NewTable(0, 2)
		fn := NewGoFunction("f", func(*Thread, []Value) (int, error) { return 0, nil })
		mt := NewTable(0, 1)
		require.NoError(t, lib.SetStr(nil, "f", FunctionValue(fn)))
		require.NoError(t, root.SetStr(nil, "lib", TableValue(lib)))
		require.NoError(t, root.SetStr(nil, "again", TableValue(lib))) // shared: numbered once
		root.SetMetatable(mt)
		return root, lib, fn
	}
	root1, lib1, fn1 := build()
	require.NoError(t, NumberObjects(root1))
	assert.Equal(t, uint64(1), root1.id)

	// A second environment built later in the process gets the same ids.
	NewTable(0, 0)
	NewGoFunction("noise", nil)
	root2, lib2, fn2 := build()
	require.NoError(t, NumberObjects(root2))
	assert.Equal(t, []uint64{root1.id, lib1.id, fn1.id, root1.Metatable().id},
		[]uint64{root2.id, lib2.id, fn2.id, root2.Metatable().id})
	ids := map[uint64]bool{root1.id: true, lib1.id: true, fn1.id: true, root1.Metatable().id: true}
	assert.Len(t, ids, 4, "ids are distinct")
	for id := range ids {
		assert.Less(t, id, uint64(runIDBase))
	}
}

func TestNumberObjectsRefusesObjectKeys(t *testing.T) {
	root := NewTable(0, 1)
	key := NewTable(0, 0)
	require.NoError(t, root.Set(nil, TableValue(key), True))
	before := key.id
	assert.Error(t, NumberObjects(root))
	assert.Equal(t, before, key.id, "nothing renumbered")
	assert.Equal(t, True, root.Get(TableValue(key)), "the key is still found")
}
