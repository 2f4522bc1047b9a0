package production

import (
	"regexp"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/scriptroom/scriptroom/internal/fdx"
	"github.com/scriptroom/scriptroom/internal/fountain"
	"github.com/scriptroom/scriptroom/internal/pdf"
	"github.com/scriptroom/scriptroom/internal/screenplay"
)

// FDXDraft is a Final Draft production draft taken apart into the texts
// its revision sets started from, so that it can be locked as Final Draft
// had it (see FromFDX).
type FDXDraft struct {
	// Base is the text without any revised run: the draft as it was
	// locked.
	Base string
	// Sets are the sets that revised text, and the active set, in the
	// order of their IDs; each starts from the text without its runs and
	// those of the sets after it.
	Sets []SetText
	// Kept counts the revised runs left in the texts: runs inside a
	// paragraph with emphasis, whose offsets do not fall on its Fountain
	// text. Their paragraphs are marked in no set.
	Kept int
	// Pages are the file's locked pages (<LockedPages>) in Base: each
	// label, and where its page starts in Base's text, for the lock
	// (Options.Pages). A page that starts in revised text starts where
	// Base goes on after it.
	Pages []LockedPage
	// PagesLeft counts the file's locked pages left out: pages whose text
	// is all revised text, so that in Base they would start where the
	// page after them starts.
	PagesLeft int
}

// FromFDX takes a Final Draft production draft apart: s is the script
// fdx.Read made, p what it found of the production draft. A paragraph
// revised as a whole is left out of the texts before its set, a revised
// run is cut out of its paragraph. OMITTED headings stay in every text
// (their scenes' old text is not in the file), and so does cut text: its
// place is known, not what was there.
func FromFDX(s *fountain.Script, p *fdx.Production) FDXDraft {
	ids := map[int]bool{}
	for _, r := range p.Revised {
		ids[r.Set] = true
	}
	var used []int
	for id := range ids {
		used = append(used, id)
	}
	sort.Ints(used)
	out := FDXDraft{}
	var baseElems []baseElem
	for _, id := range used {
		text, kept, elems := withoutRuns(s, p.Revised, id)
		if len(out.Sets) == 0 {
			out.Base, out.Kept, baseElems = text, kept, elems
		}
		out.Sets = append(out.Sets, SetText{Set: fdxSet(p, id), From: text})
	}
	full := fountain.Write(s)
	if len(used) == 0 {
		out.Base = full
		for i, e := range s.Elements {
			baseElems = append(baseElems, baseElem{from: i, elem: e, text: e.Text})
		}
	}
	out.Pages, out.PagesLeft = basePages(s, p.LockedPages, out.Base, baseElems)
	if p.Active > 0 && (len(used) == 0 || p.Active > used[len(used)-1]) {
		out.Sets = append(out.Sets, SetText{Set: fdxSet(p, p.Active), From: full})
	}
	return out
}

// baseElem is an element of a text withoutRuns wrote: the element of s
// it came from, what it is now, and the text it had in s.
type baseElem struct {
	from int
	elem fountain.Element
	text string
}

// withoutRuns writes s without the revised runs of set from and later,
// and returns the elements written.
func withoutRuns(s *fountain.Script, runs []fdx.RevisedText, from int) (string, int, []baseElem) {
	byElem := map[int][]fdx.RevisedText{}
	for _, r := range runs {
		if r.Set >= from && r.Element >= 0 && r.Element < len(s.Elements) {
			byElem[r.Element] = append(byElem[r.Element], r)
		}
	}
	c := *s
	c.Elements = make([]fountain.Element, 0, len(s.Elements))
	var elems []baseElem
	kept := 0
	for i, e := range s.Elements {
		rs := byElem[i]
		if len(rs) == 0 || isOmitted(e) {
			c.Elements = append(c.Elements, e)
			elems = append(elems, baseElem{from: i, elem: e, text: e.Text})
			continue
		}
		rn := []rune(e.Text)
		whole := false
		for _, r := range rs {
			if r.End < 0 || r.Start <= 0 && r.End >= len(rn) {
				whole = true
			}
		}
		if whole {
			continue
		}
		if hasMarkup(e.Text) {
			kept += len(rs)
			c.Elements = append(c.Elements, e)
			elems = append(elems, baseElem{from: i, elem: e, text: e.Text})
			continue
		}
		was := e.Text
		sort.Slice(rs, func(a, b int) bool { return rs[a].Start > rs[b].Start })
		for _, r := range rs {
			a, b := min(max(r.Start, 0), len(rn)), min(r.End, len(rn))
			if a < b {
				rn = append(rn[:a:a], rn[b:]...)
			}
		}
		e.Text = tidyLines(string(rn))
		if strings.TrimSpace(e.Text) == "" {
			continue
		}
		c.Elements = append(c.Elements, e)
		elems = append(elems, baseElem{from: i, elem: e, text: was})
	}
	return fountain.Write(&c), kept, elems
}

// basePages places the file's locked pages in base, the text written from
// elems: a page that starts in an element base keeps starts there (at the
// offset its text maps to when runs were cut from it), one that starts in
// an element base left out starts at the next element base has. Pages
// that would start where the page after them starts are left out; their
// count is returned.
func basePages(s *fountain.Script, pages []fdx.LockedPage, base string, elems []baseElem) ([]LockedPage, int) {
	if len(pages) == 0 {
		return nil, 0
	}
	bs := fountain.Parse(base)
	// idx maps the elements written to bs's: one to one when Parse read
	// them back as written.
	idx := make([]int, len(elems)) // elems[k] -> element of bs
	same := len(elems) == len(bs.Elements)
	for k := 0; same && k < len(elems); k++ {
		same = bs.Elements[k].Type == elems[k].elem.Type
		idx[k] = k
	}
	for k, j := 0, 0; !same && k < len(elems); k++ {
		// Written and read back as another number of elements: match
		// them in order by type and text.
		idx[k] = -1
		for i := j; i < len(bs.Elements); i++ {
			if bs.Elements[i].Type == elems[k].elem.Type && bs.Elements[i].Text == elems[k].elem.Text {
				idx[k], j = i, i+1
				break
			}
		}
	}
	var out []LockedPage
	left := 0
	for n, lp := range pages {
		k := sort.Search(len(elems), func(k int) bool { return elems[k].from >= lp.Element })
		for k < len(elems) && idx[k] < 0 {
			k++
		}
		pos := LockedPage{Label: lp.Label, Element: len(bs.Elements)}
		if k < len(elems) {
			pos.Element = idx[k]
			if be := elems[k]; be.from == lp.Element {
				pos.Offset = lp.Offset
				if be.text != be.elem.Text {
					pos.Offset = mapOffset(be.text, be.elem.Text, lp.Offset)
				}
			}
		}
		if n == 0 {
			pos.Element, pos.Offset = 0, 0
		}
		if m := len(out); m > 0 && !(screenplay.Position{Element: out[m-1].Element, Offset: out[m-1].Offset}).Before(screenplay.Position{Element: pos.Element, Offset: pos.Offset}) {
			// Its text is all revised: the page after it stands here.
			if m > 1 {
				out[m-1] = pos
			}
			left++
			continue
		}
		out = append(out, pos)
	}
	return out, left
}

// tidyLines closes up the spaces a cut run leaves in each line.
func tidyLines(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.Join(strings.Fields(l), " ")
	}
	return strings.Join(lines, "\n")
}

func isOmitted(e fountain.Element) bool {
	return e.Type == fountain.SceneHeading && strings.EqualFold(strings.TrimSpace(e.Text), "OMITTED")
}

// setDate is the date a set's name carries ("Blue Rev. 12/06/26", as
// WriteFDXSets writes it), and the name without it.
var setDate = regexp.MustCompile(`\s*(?:Rev\.\s*)?(\d{1,2}/\d{1,2}/\d{2}(?:\d{2})?)\s*$`)

// fdxSet is set id of p as a RevisionSet: its colour in the industry
// order (by its ID when Final Draft's name is not a colour), its name
// without the date, the date its name carries.
func fdxSet(p *fdx.Production, id int) RevisionSet {
	order := pdf.RevisionColors()
	rs := RevisionSet{Color: order[min(max(id, 1), len(order)-1)]}
	for _, s := range p.Sets {
		if s.ID != id {
			continue
		}
		if c, ok := pdf.ColorName(order, s.Color); ok {
			rs.Color = c
		}
		rs.Name = s.Name
		if m := setDate.FindStringSubmatchIndex(s.Name); m != nil {
			d := s.Name[m[2]:m[3]]
			for _, layout := range []string{"01/02/06", "1/2/06", "01/02/2006", "1/2/2006"} {
				if t, err := time.Parse(layout, d); err == nil {
					rs.Date = t
					rs.Name = strings.TrimSpace(s.Name[:m[0]])
					break
				}
			}
		}
	}
	if strings.TrimSpace(rs.Name) == "" || !utf8.ValidString(rs.Name) {
		rs.Name = rs.Color
	}
	return rs
}
