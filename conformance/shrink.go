package conformance

// Shrink reduces a program on which fails reports true to a smaller one on
// which it still does, by delta debugging: first whole sections are
// removed, then statements inside the remaining sections, one at a time,
// repeating until no single removal keeps the failure. Sections are
// independent do ... end blocks, so every candidate is a well-formed
// program. fails must be deterministic; it is called O(n^2) times in the
// worst case for n statements, and generated programs are small.
func Shrink(p *Program, fails func(*Program) bool) *Program {
	cur := p.clone()
	for progress := true; progress; {
		progress = false
		for i := 0; i < len(cur.Sections); i++ {
			cand := cur.clone()
			cand.Sections = append(cand.Sections[:i], cand.Sections[i+1:]...)
			if fails(cand) {
				cur, progress = cand, true
				i--
			}
		}
		for si := range cur.Sections {
			for j := 0; j < len(cur.Sections[si].Stmts); j++ {
				cand := cur.clone()
				st := cand.Sections[si].Stmts
				cand.Sections[si].Stmts = append(st[:j], st[j+1:]...)
				if fails(cand) {
					cur, progress = cand, true
					j--
				}
			}
		}
	}
	return cur
}

// Size is the number of statements of p.
func (p *Program) Size() int {
	n := 0
	for _, s := range p.Sections {
		n += len(s.Stmts)
	}
	return n
}
