package screenplay

import (
	"sort"
	"strconv"
	"strings"

	"github.com/scriptroom/scriptroom/internal/fountain"
)

// Report is what a paginated script adds up to: Final Draft's scene and
// character reports and a running time.
type Report struct {
	Pages      int               `json:"pages"`
	Scenes     []SceneReport     `json:"scenes"`
	Characters []CharacterReport `json:"characters"`
	// Eighths is the script's length in eighths of a page.
	Eighths int `json:"eighths"`
	// Minutes is the estimated running time, a page a minute, rounded to
	// the nearest minute (at least 1 for a script with any page).
	Minutes int `json:"minutes"`
}

// SceneReport is one scene of Report.
type SceneReport struct {
	Index   int    `json:"index"`            // 1-based order in the script
	Number  string `json:"number,omitempty"` // its printed scene number, if any
	Heading string `json:"heading"`
	Page    int    `json:"page"` // the page its heading is printed on
	// Eighths is its length in eighths of a page, as Final Draft reports
	// it: the rows from its heading to the next one, rounded to the
	// nearest eighth and at least one.
	Eighths int `json:"eighths"`
	Element int `json:"element"` // the heading's index in Script.Elements
	Line    int `json:"line"`    // the heading's source line
}

// CharacterReport is one speaking character of Report.
type CharacterReport struct {
	Name     string `json:"name"`
	Speeches int    `json:"speeches"`
	// FirstPage is the page of the character's first speech.
	FirstPage int `json:"firstPage"`
}

// Analyze reports on s as doc (Paginate's result for s) lays it out:
// scenes with their page and length, characters by number of speeches
// (most first, then by name) and the running time.
func Analyze(s *fountain.Script, doc *Document) Report {
	lpp := max(doc.Layout.LinesPerPage, 1)
	type pos struct{ page, row, number int }
	at := map[int]pos{}
	var sceneNo = map[int]string{}
	end := 0 // the absolute row after the last printed line
	for pi, p := range doc.Pages {
		for _, l := range p.Lines {
			abs := pi*lpp + max(l.Row, 0)
			if l.Element >= 0 {
				if _, ok := at[l.Element]; !ok {
					at[l.Element] = pos{page: pi, row: abs, number: p.Number}
				}
				if l.SceneNumber != "" {
					sceneNo[l.Element] = l.SceneNumber
				}
			}
			end = max(end, abs+1)
		}
	}
	r := Report{Pages: len(doc.Pages), Scenes: []SceneReport{}, Characters: []CharacterReport{}}
	for i, e := range s.Elements {
		if e.Type != fountain.SceneHeading {
			continue
		}
		ps, ok := at[i]
		if !ok {
			continue
		}
		r.Scenes = append(r.Scenes, SceneReport{Index: len(r.Scenes) + 1, Number: sceneNo[i],
			Heading: strings.ToUpper(fountain.Plain(fountain.StripNotes(e.Text))), Page: ps.number, Element: i, Line: e.Line, Eighths: ps.row})
	}
	for k := range r.Scenes {
		stop := end
		if k+1 < len(r.Scenes) {
			stop = r.Scenes[k+1].Eighths
		}
		r.Scenes[k].Eighths = max(eighths(stop-r.Scenes[k].Eighths, lpp), 1)
	}
	counts := map[string]*CharacterReport{}
	for i, e := range s.Elements {
		if e.Type != fountain.Character {
			continue
		}
		name := strings.ToUpper(strings.TrimSpace(fountain.Plain(fountain.StripNotes(e.Text))))
		ps, ok := at[i]
		if name == "" || !ok {
			continue
		}
		c := counts[name]
		if c == nil {
			c = &CharacterReport{Name: name, FirstPage: ps.number}
			counts[name] = c
		}
		c.Speeches++
	}
	for _, c := range counts {
		r.Characters = append(r.Characters, *c)
	}
	sort.Slice(r.Characters, func(a, b int) bool {
		ca, cb := r.Characters[a], r.Characters[b]
		if ca.Speeches != cb.Speeches {
			return ca.Speeches > cb.Speeches
		}
		return ca.Name < cb.Name
	})
	r.Eighths = eighths(end, lpp)
	if len(doc.Pages) > 0 {
		r.Minutes = max((r.Eighths+4)/8, 1)
	}
	return r
}

// eighths is rows as eighths of a page of lpp rows, rounded to the nearest.
func eighths(rows, lpp int) int {
	return (rows*8 + lpp/2) / lpp
}

// FormatEighths writes a length in eighths of a page as Final Draft does:
// "3/8", "1", "2 5/8".
func FormatEighths(n int) string {
	whole, frac := n/8, n%8
	switch {
	case frac == 0:
		return strconv.Itoa(whole)
	case whole == 0:
		return strconv.Itoa(frac) + "/8"
	}
	return strconv.Itoa(whole) + " " + strconv.Itoa(frac) + "/8"
}
