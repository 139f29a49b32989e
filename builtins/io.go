package builtins

// The one function of Lua's io library that kestrel-lua offers outside the
// sandbox: io.write, for `kestrel-lua exec` and the conformance profile.
// The sandbox never installs it.

import (
	"github.com/kestrel-runtime/lua/vm"
)

// IOWrite installs io.write, writing to vm.Thread.Stdout.
var IOWrite Lib = OpenIOWrite

// OpenIOWrite installs io.write into env.io.
func OpenIOWrite(env *vm.Table) error {
	setFuncs(libTable(env, "io", 1), map[string]goFn{"write": ioWrite})
	return nil
}

// ioWrite writes its arguments (strings, or numbers in Lua format) with no
// separator. Unlike print, it writes NUL bytes too (fwrite). It returns
// true, as 5.1's io.write does when every write succeeds (5.1 returns the
// result of its writes, not the file).
func ioWrite(th *vm.Thread, args []vm.Value) (int, error) {
	for i := range args {
		s, err := checkString(th, args, i+1)
		if err != nil {
			return 0, err
		}
		if err := stepBytes(th, len(s)); err != nil {
			return 0, err
		}
		if err := writeOut(th, s); err != nil {
			return 0, th.ErrorAt(1, err.Error())
		}
	}
	th.Push(vm.True)
	return 1, nil
}
