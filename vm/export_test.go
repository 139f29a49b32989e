package vm

// StackNonNil returns the indices of the thread's stack slots that are not
// nil (test-only window on Thread.dirty's invariant).
func StackNonNil(th *Thread) []int {
	var idx []int
	for i, v := range th.stack {
		if v != Nil {
			idx = append(idx, i)
		}
	}
	return idx
}
