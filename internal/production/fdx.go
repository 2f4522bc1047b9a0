package production

import (
	"io"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/scriptroom/scriptroom/internal/fdx"
	"github.com/scriptroom/scriptroom/internal/fountain"
	"github.com/scriptroom/scriptroom/internal/pdf"
)

// WriteFDX writes d as a Final Draft production draft: scene numbers on
// the headings (12A, OMITTED), the changed text of every marked element
// revised in set's colour, the places of cuts, the revision sets up to
// set's in the industry order, and the locked pages with their labels.
func WriteFDX(w io.Writer, d *Draft, set RevisionSet) error {
	return fdx.WriteProduction(w, d.Script, d.FDX(set))
}

// FDX is d's production draft in Final Draft's terms (see WriteFDX); its
// elements are those of d.Script.
func (d *Draft) FDX(set RevisionSet) *fdx.Production {
	p := &fdx.Production{}
	p.Sets, p.Active = fdxSets(set)
	for _, i := range sortedKeys(d.changes) {
		sp := d.changes[i]
		switch {
		case sp == nil || rewritten(d.Script.Elements[i].Text, sp):
			p.Revised = append(p.Revised, fdx.RevisedText{Element: i, Start: 0, End: -1, Set: p.Active})
		default:
			for _, s := range sp {
				if s.a == s.b {
					p.Deleted = append(p.Deleted, fdx.Deletion{Element: i, Offset: s.a, Set: p.Active})
					continue
				}
				p.Revised = append(p.Revised, fdx.RevisedText{Element: i, Start: s.a, End: s.b, Set: p.Active})
			}
		}
	}
	for _, l := range sortedKeys(d.cuts) {
		if i, off, ok := elementOffset(d.Script, l); ok {
			p.Deleted = append(p.Deleted, fdx.Deletion{Element: i, Offset: off, Set: p.Active})
		}
	}
	for k, pg := range d.Doc.Pages {
		if pg.Start.Element < 0 || k >= len(d.Pages) {
			continue
		}
		p.LockedPages = append(p.LockedPages, fdx.LockedPage{Label: d.Pages[k].Label, Element: pg.Start.Element, Offset: pg.Start.Offset})
	}
	return p
}

// fdxSets are the sets of the colours from Blue up to set's, numbered
// from 1 as Final Draft numbers its sets, and the ID of set's. A set of
// the first colour (White) is the only one.
func fdxSets(set RevisionSet) ([]fdx.RevisionSet, int) {
	order := pdf.RevisionColors()
	end := 0
	for i, c := range order {
		if strings.EqualFold(c, set.Color) {
			end = i
			break
		}
	}
	name := set.Name
	if name == "" {
		name = set.Color
	}
	if end == 0 {
		return []fdx.RevisionSet{{ID: 1, Name: name, Color: order[0], Mark: "*"}}, 1
	}
	var out []fdx.RevisionSet
	for i := 1; i <= end; i++ {
		out = append(out, fdx.RevisionSet{ID: i, Name: order[i], Color: order[i], Mark: "*"})
	}
	out[end-1].Name = name
	return out, end
}

// elementOffset finds the element that holds line l of the script's text
// and the rune offset of that line in the element's text.
func elementOffset(s *fountain.Script, l int) (int, int, bool) {
	for i, e := range s.Elements {
		if l < e.Line || l > e.EndLine || e.Type == fountain.PageBreak || e.Type == fountain.Note {
			continue
		}
		off := 0
		lines := strings.Split(e.Text, "\n")
		for k := 0; k < l-e.Line && k < len(lines); k++ {
			off += utf8.RuneCountInString(lines[k]) + 1
		}
		return i, off, true
	}
	return 0, 0, false
}

func sortedKeys[V any](m map[int]V) []int {
	out := make([]int, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Ints(out)
	return out
}

// rewritten reports whether the changed spans cover at least half of
// text: a paragraph typed anew is revised as a whole, as Final Draft
// marks it, not around the odd letter the diff found in common.
func rewritten(text string, sp []span) bool {
	changed := 0
	for _, s := range sp {
		changed += s.b - s.a
	}
	return changed > 0 && 2*changed >= utf8.RuneCountInString(text)
}

// WriteFDXSets is WriteFDX for a draft made by LockSets with sets: every
// set is written with its colour's ID in the industry order and the
// date it was issued in its name ("Blue Rev. 12/06/26": Final Draft's
// <Revision> has no date of its own, so the name carries it, as Final
// Draft prints it in the header), and each revised run in the ID of the
// set that made it. Without sets it is WriteFDX of cur.
func WriteFDXSets(w io.Writer, d *Draft, sets []RevisionSet, cur RevisionSet) error {
	if len(sets) == 0 || len(sets) != d.nSets {
		return WriteFDX(w, d, cur)
	}
	p := d.FDX(sets[len(sets)-1])
	order := pdf.RevisionColors()
	ids := make([]int, len(sets))
	for k, s := range sets {
		for i, c := range order {
			if strings.EqualFold(c, s.Color) {
				ids[k] = max(i, 1)
				break
			}
		}
	}
	maxID := 0
	for _, id := range ids {
		maxID = max(maxID, id)
	}
	p.Sets = nil
	for i := 1; i <= maxID; i++ {
		p.Sets = append(p.Sets, fdx.RevisionSet{ID: i, Name: order[i], Color: order[i], Mark: "*"})
	}
	for k, s := range sets {
		name := s.Name
		if strings.EqualFold(name, s.Color) {
			name = s.Header()
		} else if !s.Date.IsZero() {
			name += " " + s.Date.Format("01/02/06")
		}
		p.Sets[ids[k]-1].Name = name
	}
	p.Active = ids[len(ids)-1]
	elementSet := func(i int) int {
		e := d.Script.Elements[i]
		k := 0
		for l := e.Line; l <= e.EndLine; l++ {
			if s, ok := d.SetOfLine(l); ok {
				k = max(k, s)
			}
		}
		return ids[k]
	}
	for i := range p.Revised {
		p.Revised[i].Set = elementSet(p.Revised[i].Element)
	}
	for i := range p.Deleted {
		p.Deleted[i].Set = elementSet(p.Deleted[i].Element)
	}
	return fdx.WriteProduction(w, d.Script, p)
}
