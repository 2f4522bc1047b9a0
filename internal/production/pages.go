package production

import (
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/scriptroom/scriptroom/internal/diff"
	"github.com/scriptroom/scriptroom/internal/fountain"
	"github.com/scriptroom/scriptroom/internal/screenplay"
)

// PageKind says what a page of a production draft is.
type PageKind string

// The kinds of PageInfo.
const (
	PageLocked PageKind = "locked" // a page of BASE: "12"
	PageAdded  PageKind = "added"  // text flowed past its locked page: "12A"
	PageMerged PageKind = "merged" // stands for pages whose text was cut: "13-14"
)

// PageInfo is what happened to one page of a production draft.
type PageInfo struct {
	Label string   `json:"label"`
	Kind  PageKind `json:"kind"`
	// Revised is true when the page must be sent out again: it has a
	// revision mark, is new or merged, or prints other text than BASE's
	// page of its number.
	Revised bool `json:"revised"`
	// Marked is true when a line of the page has a revision mark.
	Marked bool `json:"marked"`
	// Set is the newest revision set with a mark on the page (an index
	// into the sets LockSets was given), -1 for none or a draft made by
	// Lock.
	Set int `json:"set"`
}

// anchorPages finds where each page of BASE starts in the draft's text:
// the element holding the line BASE's first line maps to, at the same
// offset when the element's text is unchanged, else at its start. A page
// whose start was cut starts where the next surviving line is. The first
// page starts at the beginning; positions never go back.
//
// A page's start cut with its scene starts at the OMITTED headings put
// where the scene was (omittedBefore), so they print on the page that had
// the scene.
func anchorPages(bs *fountain.Script, starts []screenplay.Position, s *fountain.Script, m lineMap, toText, omittedBefore map[int]int) []screenplay.Position {
	anchors := make([]screenplay.Position, len(starts))
	lastBase := 0
	for _, e := range bs.Elements {
		lastBase = max(lastBase, e.EndLine)
	}
	for k := 1; k < len(starts); k++ {
		pos := anchors[k-1]
		start := starts[k]
		if start.Element >= 0 && start.Element < len(bs.Elements) {
			be := bs.Elements[start.Element]
			line, exact := 0, false
			if n, ok := m.to(be.Line, true); ok {
				line, exact = toText[n], true
			} else {
				for l := be.Line + 1; l <= lastBase; l++ {
					if n, ok := m.to(l, false); ok {
						line = toText[n]
						if o, ok := omittedBefore[n]; ok {
							line = o
						}
						break
					}
				}
			}
			if o, ok := omittedBefore[endOfText]; line == 0 && ok {
				line = o
			}
			if line == 0 {
				pos = screenplay.Position{Element: len(s.Elements)} // everything after it was cut
			} else if i := elementAt(s, line); i < len(s.Elements) {
				pos = screenplay.Position{Element: i}
				if e := s.Elements[i]; exact && e.Line == line && e.Type == be.Type && start.Offset > 0 {
					pos.Offset = mapOffset(be.Text, e.Text, start.Offset)
				}
			} else {
				pos = screenplay.Position{Element: i}
			}
		} else if start.Element >= len(bs.Elements) {
			pos = screenplay.Position{Element: len(s.Elements)} // a page at BASE's very end
		}
		pos = speechStart(s, pos)
		if pos.Before(anchors[k-1]) {
			pos = anchors[k-1]
		}
		anchors[k] = pos
	}
	return anchors
}

// elementAt returns the index of the element that holds line, or the
// first one after it (len(Elements) when none).
func elementAt(s *fountain.Script, line int) int {
	return sort.Search(len(s.Elements), func(i int) bool { return s.Elements[i].EndLine >= line })
}

// labelPages numbers the draft's pages by the locked page each one starts
// in (the last anchor at or before its start) and says which are revised;
// compare marks the first line of a locked page that prints other text
// than BASE's page (not after marks were cleared). A page that text
// flowed onto after locked page 12 is 12A (12B, …), or when the lock has
// a 12A of its own, a letter before it (A12A), as new scenes are lettered.
func (lb *Locked) labelPages(doc *screenplay.Document, anchors []screenplay.Position, rows map[int]map[int]bool, compare bool) []PageInfo {
	labels := lb.labels()
	taken := make(map[string]bool, len(labels))
	for _, l := range labels {
		taken[strings.ToUpper(l)] = true
	}
	// lo and hi are the first and last page numbers a label stands for.
	lo := func(l string) string { return strings.SplitN(l, "-", 2)[0] }
	hi := func(l string) string { return l[strings.LastIndex(l, "-")+1:] }
	info := make([]PageInfo, len(doc.Pages))
	segOf := make([]int, len(doc.Pages)) // the locked page (1-based) a page falls in
	seg := 0                             // the locked page of the previous page
	firstOf := -1                        // the draft page that holds the current locked page
	for i := range doc.Pages {
		pg := &doc.Pages[i]
		s := seg
		if pg.Start.Element >= 0 && len(anchors) > 0 {
			s = sort.Search(len(anchors), func(k int) bool { return pg.Start.Before(anchors[k]) })
			s = max(s, seg, 1)
		}
		if s == 0 {
			s = 1
		}
		s = min(s, max(len(labels), 1))
		segOf[i] = s
		if s != seg && s <= len(labels) {
			label := labels[s-1]
			kind := PageLocked
			if s > seg+1 {
				label = lo(labels[seg]) + "-" + hi(label)
				kind = PageMerged
			}
			info[i] = PageInfo{Label: label, Kind: kind, Set: -1}
			seg, firstOf = s, i
		} else {
			info[i] = PageInfo{Kind: PageAdded, Set: -1}
		}
	}
	// Added pages, a run after each locked page.
	for i := 0; i < len(doc.Pages); {
		if info[i].Kind != PageAdded {
			i++
			continue
		}
		end := i
		for end < len(doc.Pages) && info[end].Kind == PageAdded {
			end++
		}
		s := segOf[i]
		prev, next := "", ""
		if s >= 1 && s <= len(labels) {
			prev = hi(labels[s-1])
		}
		if s < len(labels) {
			next = lo(labels[s])
		}
		if prev == "" {
			prev = "1"
		}
		for k, l := range newNumbers(prev, next, end-i, taken) {
			info[i+k].Label = l
			taken[strings.ToUpper(l)] = true
		}
		i = end
	}
	// Pages cut at the end join the last locked page.
	if n := len(labels); firstOf >= 0 && seg < n {
		info[firstOf].Label = lo(info[firstOf].Label) + "-" + hi(labels[n-1])
		info[firstOf].Kind = PageMerged
	}
	for i := range doc.Pages {
		pg := &doc.Pages[i]
		pg.Label = info[i].Label
		info[i].Marked = len(rows[i]) > 0
		info[i].Revised = info[i].Marked || info[i].Kind != PageLocked
		if !info[i].Revised && compare {
			if k := segOf[i]; k >= 1 && k <= len(lb.pages) {
				// Text cut at its foot, or a speech split otherwise: the
				// first line that differs gets the mark, so that every
				// revised locked page shows where.
				if row, differs := firstDifference(pg, lb.docLines[lb.pages[k-1].doc], &lb.doc.Pages[lb.pages[k-1].doc]); differs {
					if rows[i] == nil {
						rows[i] = map[int]bool{}
					}
					rows[i][row] = true
					info[i].Revised, info[i].Marked = true, true
				}
			}
		}
	}
	return info
}

// firstDifference returns the row of the first printed line of pg that
// differs from was's (its last row when pg is was cut short).
func firstDifference(pg *screenplay.Page, b []string, was *screenplay.Page) (row int, differs bool) {
	a := pageLines(pg)
	for k := range a {
		if k >= len(b) || a[k] != b[k] {
			return pg.Lines[k].Row, true
		}
	}
	if len(a) < len(b) && len(pg.Lines) > 0 {
		return pg.Lines[len(pg.Lines)-1].Row, true
	}
	return 0, false
}

// pageLines are the lines a page prints, scene numbers aside.
func pageLines(pg *screenplay.Page) []string {
	out := make([]string, len(pg.Lines))
	for k, l := range pg.Lines {
		out[k] = strconv.Itoa(l.Row) + " " + lineText(l)
	}
	return out
}

// mapOffset maps a rune offset into the text a changed element had to its
// text now, through a character diff; pagination then breaks at the first
// sentence end from there.
func mapOffset(was, now string, off int) int {
	if was == now {
		return off
	}
	r := []rune(was)
	b := len(string(r[:min(off, len(r))]))
	n, _ := diff.MapOffset(diff.Chars(was, now, charDiffTimeout), b)
	n = min(n, len(now))
	return utf8.RuneCountInString(now[:n])
}

// speechStart moves a position at the start of a speech's first paragraph
// to its cue: a page that breaks there starts with the cue.
func speechStart(s *fountain.Script, pos screenplay.Position) screenplay.Position {
	if pos.Offset != 0 || pos.Element >= len(s.Elements) {
		return pos
	}
	switch s.Elements[pos.Element].Type {
	case fountain.Dialogue, fountain.Parenthetical, fountain.Lyrics:
	default:
		return pos
	}
	for i := pos.Element - 1; i >= 0; i-- {
		switch s.Elements[i].Type {
		case fountain.Note:
			continue
		case fountain.Character:
			return screenplay.Position{Element: i}
		}
		break
	}
	return pos
}
