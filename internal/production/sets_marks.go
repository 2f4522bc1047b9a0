package production

// SetText is a revision set and the text its marks are made against: the
// script as it stood when the set was started.
type SetText struct {
	Set  RevisionSet
	From string
}

// LockSets is Lock for a script with revision sets, in the order they
// were started (the last is current). Every marked line belongs to the
// newest set whose starting text it differs from (to the first set when
// it differs from the locked text only), so each set's marks keep their
// own colour. When cleared is not nil, only the lines that differ from it
// stay marked: the marks of every change made before it are cleared.
func LockSets(base, next string, sets []SetText, cleared *string, opts Options) *Draft {
	return NewLocked(base, opts).DraftSets(next, sets, cleared)
}

// DraftSets is LockSets against the locked revision lb holds.
func (lb *Locked) DraftSets(next string, sets []SetText, cleared *string) *Draft {
	pn := parseNext(next)
	// differs lists the lines of next that differ from from (inserted,
	// changed, or after a cut), and line 0 when text was cut at the end.
	// A set started at the locked revision compares as the lock does: the
	// one diff serves both.
	differs := func(from string) map[int]bool {
		fromU := lb.unnumberedFrom(from)
		var m lineMap
		if fromU == lb.unnumbered {
			if pn.base == nil {
				bm := mapLines(lb.unnumbered, pn.text)
				pn.base = &bm
			}
			m = *pn.base
		} else {
			m = mapLines(fromU, pn.text)
		}
		out := make(map[int]bool, len(m.marks)+len(m.cuts)+1)
		for l := range m.marks {
			out[l] = true
		}
		for l := range m.cuts {
			out[l] = true
		}
		if m.cutAtEnd {
			out[0] = true
		}
		return out
	}
	changed := make([]map[int]bool, len(sets))
	for i, s := range sets {
		changed[i] = differs(s.From)
	}
	var kept map[int]bool
	if cleared != nil {
		kept = differs(*cleared)
	}
	setOf := map[int]int{}
	// n is the line of next a marked line shows (0: an OMITTED heading
	// after next's end).
	keep := func(line, n int) bool {
		if kept != nil && !kept[n] {
			return false
		}
		k := 0
		for i := len(sets) - 1; i > 0; i-- {
			if changed[i][n] {
				k = i
				break
			}
		}
		setOf[line] = k
		return true
	}
	d := lb.lock(next, pn, keep, cleared != nil)
	d.setOf, d.nSets = setOf, len(sets)
	if len(sets) == 0 {
		return d
	}
	for i := range d.Pages {
		if !d.Pages[i].Revised {
			continue
		}
		set := -1
		for _, l := range d.Doc.Pages[i].Lines {
			if k, ok := setOf[l.SourceLine]; ok && d.Rows[i][l.Row] && k > set {
				set = k
			}
		}
		if set < 0 {
			// New or merged, or its text moved: sent out with the current set.
			set = len(sets) - 1
		}
		d.Pages[i].Set = set
	}
	return d
}

// SetOfLine is the revision set (an index into LockSets' sets) that line
// of Text's mark belongs to; false for an unmarked line or a draft made
// by Lock.
func (d *Draft) SetOfLine(line int) (int, bool) {
	k, ok := d.setOf[line]
	return k, ok && d.Marks[line]
}

// NewLine is the line of NEW that line of Text shows; false for the lines
// the lock added (OMITTED headings and the blank lines after them).
func (d *Draft) NewLine(line int) (int, bool) {
	if d.fromText == nil {
		d.fromText = make(map[int]int, len(d.toText))
		for n, t := range d.toText {
			d.fromText[t] = n
		}
	}
	n, ok := d.fromText[line]
	return n, ok
}
