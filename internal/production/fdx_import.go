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
	for _, id := range used {
		text, kept := withoutRuns(s, p.Revised, id)
		if len(out.Sets) == 0 {
			out.Base, out.Kept = text, kept
		}
		out.Sets = append(out.Sets, SetText{Set: fdxSet(p, id), From: text})
	}
	full := fountain.Write(s)
	if len(used) == 0 {
		out.Base = full
	}
	if p.Active > 0 && (len(used) == 0 || p.Active > used[len(used)-1]) {
		out.Sets = append(out.Sets, SetText{Set: fdxSet(p, p.Active), From: full})
	}
	return out
}

// withoutRuns writes s without the revised runs of set from and later.
func withoutRuns(s *fountain.Script, runs []fdx.RevisedText, from int) (string, int) {
	byElem := map[int][]fdx.RevisedText{}
	for _, r := range runs {
		if r.Set >= from && r.Element >= 0 && r.Element < len(s.Elements) {
			byElem[r.Element] = append(byElem[r.Element], r)
		}
	}
	c := *s
	c.Elements = make([]fountain.Element, 0, len(s.Elements))
	kept := 0
	for i, e := range s.Elements {
		rs := byElem[i]
		if len(rs) == 0 || isOmitted(e) {
			c.Elements = append(c.Elements, e)
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
			continue
		}
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
	}
	return fountain.Write(&c), kept
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
