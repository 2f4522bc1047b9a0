package fdx

import (
	"sort"
	"strconv"
	"strings"
)

// Production is what a production draft holds besides its text, in Final
// Draft's own terms: revision sets, the text each set revised, where text
// was cut, and the locked pages. WriteProduction writes it; Read returns
// it in Report.Production.
//
// Elements and offsets refer to the script written or read: Element is an
// index into Script.Elements, and offsets count runes of the element's
// text as Final Draft holds it (emphasis markup and notes removed).
type Production struct {
	// Sets are the revision sets, in order; ID 0 means "not revised".
	Sets []RevisionSet `json:"sets"`
	// Active is the ID of the set new changes belong to (ActiveSet).
	Active int `json:"active"`
	// Revised lists the revised text: runs of an element that carry a
	// set's mark (<Text RevisionID="…">).
	Revised []RevisedText `json:"revised,omitempty"`
	// Deleted lists the places where revised text was cut
	// (<DeletedTextLocation>), which Final Draft marks too.
	Deleted []Deletion `json:"deleted,omitempty"`
	// LockedPages are the pages of a locked script: each page's label and
	// where it starts (<LockedPages>).
	LockedPages []LockedPage `json:"lockedPages,omitempty"`
}

// RevisionSet is one of Final Draft's revision sets (<Revision>): an ID,
// a name ("Blue", "Blue Rev.", "Second Revision"), a colour name in the
// industry order, and the mark printed in the margin.
type RevisionSet struct {
	ID    int    `json:"id"`
	Name  string `json:"name"`
	Color string `json:"color"`
	Mark  string `json:"mark"`
}

// RevisedText says that runes [Start, End) of an element's text belong to
// revision set Set. End -1 means to the end of the text.
type RevisedText struct {
	Element int `json:"element"`
	Start   int `json:"start"`
	End     int `json:"end"`
	Set     int `json:"set"`
}

// Deletion is a place where set Set cut text: before rune Offset of an
// element's text.
type Deletion struct {
	Element int `json:"element"`
	Offset  int `json:"offset"`
	Set     int `json:"set"`
}

// LockedPage is a page of a locked script: its label ("12", "12A",
// "13-14") and the element and rune offset its text starts at.
type LockedPage struct {
	Label   string `json:"label"`
	Element int    `json:"element"`
	Offset  int    `json:"offset"`
}

// fdColor is how Final Draft writes a set's colour: the colour of its
// marks and text (Color) and of its pages (PageColor), each channel as
// four hex digits.
type fdColor struct{ name, mark, page string }

// fdColors are the colours of Final Draft's default revision sets, the
// values its own files carry.
var fdColors = []fdColor{
	{"White", "#000000000000", "#FFFFFFFFFFFF"},
	{"Blue", "#00000000FFFF", "#C6C6EDEDFEFE"},
	{"Pink", "#FFFF0000FFFF", "#FDFDCCCCD4D4"},
	{"Yellow", "#A0A0A0A00000", "#FDFDFFFFABAB"},
	{"Green", "#000080800000", "#D1D1FEFED0D0"},
	{"Goldenrod", "#CCCC7F7F3232", "#FAFACDCD3939"},
	{"Buff", "#8E8E6B6B2323", "#FCFCEDED9D9D"},
	{"Salmon", "#A7A742424242", "#F8F8AEAE8E8E"},
	{"Cherry", "#D5D523236B6B", "#FBFBA4A4B4B4"},
	{"Tan", "#DBDB93937070", "#FDFDF1F1C7C7"},
}

// colorOf finds the Final Draft colours of a colour name; "Double Blue"
// and later rounds print as Blue does.
func colorOf(name string) fdColor {
	base := strings.TrimSpace(name)
	for _, p := range rounds {
		if len(base) > len(p) && strings.EqualFold(base[:len(p)], p) {
			base = base[len(p):]
			break
		}
	}
	for _, c := range fdColors {
		if strings.EqualFold(c.name, base) {
			return c
		}
	}
	return fdColors[0]
}

// rounds are the prefixes of the colours after the first round.
var rounds = []string{"Double ", "Triple ", "Quadruple ", "Quintuple "}

// colorName is the colour of a set read from a file: the colour its name
// spells ("Blue", "Blue Rev.", "Double Pink"), else the default set whose
// mark colour it has ("#00000000FFFF" is Blue), else "".
func colorName(name, mark string) string {
	n := strings.TrimSpace(name)
	for _, suf := range []string{"Rev.", "Rev", "Revision", "Revisions"} {
		if len(n) > len(suf) && strings.EqualFold(n[len(n)-len(suf):], suf) {
			n = strings.TrimSpace(n[:len(n)-len(suf)])
			break
		}
	}
	round := ""
	for _, p := range rounds {
		if len(n) > len(p) && strings.EqualFold(n[:len(p)], p) {
			round, n = p, n[len(p):]
			break
		}
	}
	for _, c := range fdColors {
		if strings.EqualFold(c.name, n) {
			return round + c.name
		}
	}
	for _, c := range fdColors[1:] {
		if strings.EqualFold(c.mark, strings.TrimSpace(mark)) {
			return c.name
		}
	}
	return ""
}

// revisionsXML writes <Revisions> as Final Draft 12/13 writes it.
func (x *xw) revisions(p *Production) {
	x.raw("  <Revisions ActiveSet=\"" + strconv.Itoa(p.Active) + "\" Location=\"7.75\" RevisionMode=\"Yes\" RevisionsShown=\"All\" ShowAllMarks=\"Yes\" ShowAllSets=\"Yes\" ShowPageColor=\"No\">\n")
	for _, s := range p.Sets {
		c := colorOf(s.Color)
		mark := s.Mark
		if mark == "" {
			mark = "*"
		}
		x.raw("    <Revision")
		for _, a := range (attrs{{"Color", c.mark}, {"FullRevision", "No"}, {"ID", strconv.Itoa(s.ID)},
			{"Mark", mark}, {"Name", s.Name}, {"PageColor", c.page}, {"Style", ""}}) {
			x.raw(" " + a[0] + `="`)
			escape(x.w, a[1], true)
			x.raw(`"`)
		}
		x.raw("/>\n")
	}
	x.raw("  </Revisions>\n\n")
}

// lockedPagesXML writes <LockedPages>, one <LockedPage> per page with its
// label and the place its text starts, an offset into the script's text
// as <DeletedTextLocation> counts it (runes of each paragraph and one for
// each paragraph's end).
func (x *xw) lockedPages(p *Production) {
	if len(p.LockedPages) == 0 {
		x.raw("  <LockedPages/>\n\n")
		return
	}
	x.raw("  <LockedPages>\n")
	for _, lp := range p.LockedPages {
		pos := x.startOf(lp.Element, lp.Offset)
		x.raw(`    <LockedPage Deleted="No" PageNumber="`)
		escape(x.w, lp.Label, true)
		x.raw(`" Position="` + strconv.Itoa(pos) + "\"/>\n")
	}
	x.raw("  </LockedPages>\n\n")
}

// deletedText writes <DeletedText>, the places where text was cut.
func (x *xw) deletedText(p *Production) {
	if len(p.Deleted) == 0 {
		return
	}
	x.raw("  <DeletedText>\n")
	for _, d := range p.Deleted {
		x.raw(`    <DeletedTextLocation Offset="` + strconv.Itoa(x.startOf(d.Element, d.Offset)) +
			`" RevisionID="` + strconv.Itoa(d.Set) + "\"/>\n")
	}
	x.raw("  </DeletedText>\n\n")
}

// revisedIndex groups Revised by element, each element's ranges in order.
func revisedIndex(p *Production) map[int][]RevisedText {
	if p == nil {
		return nil
	}
	m := map[int][]RevisedText{}
	for _, r := range p.Revised {
		m[r.Element] = append(m[r.Element], r)
	}
	for _, rs := range m {
		sort.Slice(rs, func(i, j int) bool { return rs[i].Start < rs[j].Start })
	}
	return m
}

// setAt returns the set that revised rune at of an element (0: none).
func setAt(rs []RevisedText, at int) int {
	for _, r := range rs {
		if at >= r.Start && (r.End < 0 || at < r.End) {
			return r.Set
		}
	}
	return 0
}

// revisionBounds returns where the sets of rs start or end, in runes.
func revisionBounds(rs []RevisedText) []int {
	var out []int
	for _, r := range rs {
		out = append(out, r.Start)
		if r.End >= 0 {
			out = append(out, r.End)
		}
	}
	sort.Ints(out)
	return out
}

// startOf is the place of rune off of element e's text. An element with
// no paragraph of its own (a synopsis kept in its heading's
// SceneProperties, a note) stands for the next element's start; past the
// last paragraph is the end of the text.
func (x *xw) startOf(e, off int) int {
	if at, ok := x.elemStart[e]; ok {
		return at + off
	}
	best := -1
	for k, at := range x.elemStart {
		if k > e && (best < 0 || at < best) {
			best = at
		}
	}
	if best < 0 {
		return max(x.offset-1, 0)
	}
	return best
}
