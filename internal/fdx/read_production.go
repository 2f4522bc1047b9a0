package fdx

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// paraPos is where a content paragraph's text lies in Final Draft's count
// of the text, and the element it became (-1: none).
type paraPos struct {
	start, n int
	elem     int
}

// place counts paragraph p's text and returns its index in rd.paras.
func (rd *reader) place(p *xPara) int {
	n := utf8.RuneCountInString(p.text())
	rd.paras = append(rd.paras, paraPos{start: rd.offset, n: n, elem: -1})
	rd.offset += n + 1
	return len(rd.paras) - 1
}

// textOf records that paragraph pi's text becomes the next element, and
// which of its runs a revision set revised.
func (rd *reader) textOf(p *xPara, pi int) {
	elem := len(rd.s.Elements)
	rd.paras[pi].elem = elem
	first := len(rd.revised)
	at := 0
	for _, t := range p.Texts {
		n := utf8.RuneCountInString(t.Text)
		id, _ := strconv.Atoi(strings.TrimSpace(t.RevisionID))
		if id != 0 && n > 0 {
			if k := len(rd.revised) - 1; k >= first && rd.revised[k].Set == id && rd.revised[k].End == at {
				rd.revised[k].End = at + n
			} else {
				rd.revised = append(rd.revised, RevisedText{Element: elem, Start: at, End: at + n, Set: id})
			}
		}
		at += n
	}
	// A paragraph revised as a whole says so, whatever Read does to its
	// text's length (a cue's extension, markup).
	if len(rd.revised) == first+1 && rd.revised[first].Start == 0 && rd.revised[first].End == at {
		rd.revised[first].End = -1
	}
}

// locate turns a place in Final Draft's count of the text into an
// element and an offset in its text: a place between elements, or in a
// paragraph that became none, is the start of the next element; after
// the last element, its end.
func (rd *reader) locate(pos int) (int, int, bool) {
	last := -1
	for i, pp := range rd.paras {
		if pp.elem < 0 {
			continue
		}
		if pos <= pp.start+pp.n {
			return pp.elem, max(pos-pp.start, 0), true
		}
		last = i
	}
	if last < 0 || pos < 0 || pos > rd.offset {
		return 0, 0, false
	}
	return rd.paras[last].elem, rd.paras[last].n, true
}

// production returns what the file holds of a production draft: revised
// text, cut places and locked pages, with its revision sets; nil when it
// holds none of these (Final Draft writes its default sets in every file).
func (rd *reader) production(doc *xDoc) *Production {
	p := &Production{Revised: rd.revised}
	if doc.Deleted != nil {
		for _, l := range doc.Deleted.Locations {
			off, err1 := strconv.Atoi(strings.TrimSpace(l.Offset))
			set, err2 := strconv.Atoi(strings.TrimSpace(l.RevisionID))
			e, o, ok := rd.locate(off)
			if err1 != nil || err2 != nil || !ok {
				rd.rep.add(Skipped, "place of cut text that is not in the script")
				continue
			}
			p.Deleted = append(p.Deleted, Deletion{Element: e, Offset: o, Set: set})
		}
	}
	if doc.Locked != nil {
		for _, lp := range doc.Locked.Pages {
			if lp.Deleted == "Yes" {
				continue
			}
			pos, err := strconv.Atoi(strings.TrimSpace(lp.Position))
			e, o, ok := rd.locate(pos)
			if err != nil || !ok {
				rd.rep.add(Skipped, "locked page %q that starts outside the script", lp.PageNumber)
				continue
			}
			p.LockedPages = append(p.LockedPages, LockedPage{Label: strings.TrimSpace(lp.PageNumber), Element: e, Offset: o})
		}
	}
	if len(p.Revised) == 0 && len(p.Deleted) == 0 && len(p.LockedPages) == 0 {
		return nil
	}
	if doc.Revisions != nil {
		p.Active, _ = strconv.Atoi(strings.TrimSpace(doc.Revisions.ActiveSet))
		for _, s := range doc.Revisions.Sets {
			id, err := strconv.Atoi(strings.TrimSpace(s.ID))
			if err != nil {
				continue
			}
			p.Sets = append(p.Sets, RevisionSet{ID: id, Name: s.Name, Color: colorName(s.Name, s.Color), Mark: s.Mark})
		}
	}
	if len(p.LockedPages) > 0 {
		rd.rep.add(Approximated, "%d locked pages kept in the report (Fountain text has no page numbers)", len(p.LockedPages))
	}
	return p
}
