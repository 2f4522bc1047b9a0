package workspace

import (
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf16"

	"github.com/scriptroom/scriptroom/internal/fountain"
	"github.com/scriptroom/scriptroom/internal/model"
	"github.com/scriptroom/scriptroom/internal/screenplay"
)

// PageStart is where a printed page begins in the Fountain text: page
// Number's first printed line is source line Line (1-based), from Offset.
// Offset is 0 unless a paragraph is split across pages; it counts UTF-16
// code units into the line, as the editor counts positions.
type PageStart struct {
	Number int `json:"number"`
	Line   int `json:"line"`
	Offset int `json:"offset"`
	// Label is the page's locked number in a production draft ("12",
	// "12A", "13-14"); "" otherwise.
	Label string `json:"label"`
	// Revised is true for a page of a production draft sent out again.
	Revised bool `json:"revised"`
}

// ScenePage is one scene as the pages show it.
type ScenePage struct {
	// Number is the scene's printed number: its own "#n#" or its place.
	Number  string `json:"number"`
	Heading string `json:"heading"` // in full, in capitals, markup removed
	Line    int    `json:"line"`    // the heading's 1-based source line
	Page    int    `json:"page"`    // the page its heading is printed on
	// Eighths is its length in eighths of a page (Final Draft's scene
	// report); Length is the same written "1 4/8".
	Eighths int    `json:"eighths"`
	Length  string `json:"length"`
	// Omitted is true for a scene a production draft cut: "12 OMITTED",
	// at the line it stands before.
	Omitted bool `json:"omitted"`
	// PageLabel is the locked label of its page in a production draft.
	PageLabel string `json:"pageLabel"`
}

// ScriptPages is how a script's text falls on the printed pages: the same
// pagination (internal/screenplay) the PDF export prints, so page N here is
// page N of the PDF. The title page is not a page here, as in the PDF's
// numbering.
type ScriptPages struct {
	// Saved is when the draft paginated was saved (zero for a revision or
	// a proposal's text).
	Saved time.Time `json:"saved"`
	// Sum is the sum of the text paginated, so the editor can tell which
	// of the texts it saved these pages are of.
	Sum    TextSum     `json:"sum"`
	Paper  string      `json:"paper"`
	Pages  []PageStart `json:"pages"`
	Scenes []ScenePage `json:"scenes"`
	// Locked is true when the pages are a production draft's: locked
	// numbers, Marks and Set.
	Locked bool `json:"locked"`
	// Marks are the lines with a revision mark (an asterisk in the right
	// margin), 1-based, in order.
	Marks []int `json:"marks"`
	// Set is the current revision set; nil before one is started.
	Set *model.RevisionSetInfo `json:"set"`
}

// Pages paginates a script's current draft on the paper named ("letter",
// "a4"; "" is Letter), as Export prints it.
func (w *Workspace) Pages(id model.ScriptID, paper string) (ScriptPages, error) {
	pp, err := paperNamed(paper)
	if err != nil {
		return ScriptPages{}, err
	}
	d, err := w.store.Draft(id)
	if err != nil {
		return ScriptPages{}, err
	}
	p := PagesOf(d.Text, pp)
	p.Saved = d.Saved
	return p, nil
}

// RevisionPages paginates a revision's text on the paper named, as Export
// prints it: the pages of a past revision, or of a proposal's head.
func (w *Workspace) RevisionPages(id model.ScriptID, rev model.RevisionID, paper string) (ScriptPages, error) {
	pp, err := paperNamed(paper)
	if err != nil {
		return ScriptPages{}, err
	}
	r, err := w.store.Revision(id, rev)
	if err != nil {
		return ScriptPages{}, err
	}
	return PagesOf(r.Text, pp), nil
}

// TextPages paginates text on the paper named ("letter", "a4"; "" is
// Letter): the pages of a text the library holds outside the draft and its
// revisions (a proposal's typing not yet published).
func TextPages(text, paper string) (ScriptPages, error) {
	pp, err := paperNamed(paper)
	if err != nil {
		return ScriptPages{}, err
	}
	return PagesOf(text, pp), nil
}

// PagesOf paginates text on paper: where each page starts, and each
// scene's number, page and length. Scenes are numbered in order unless
// they carry their own numbers, as an export with scene numbers prints
// them; numbering does not move anything on the page.
func PagesOf(text string, paper screenplay.Paper) ScriptPages {
	s := fountain.Parse(text)
	doc := screenplay.Paginate(s, screenplay.Options{Paper: paper, SceneNumbers: true})
	out := ScriptPages{Sum: SumOf(text), Paper: paper.Name, Pages: make([]PageStart, 0, len(doc.Pages)), Scenes: []ScenePage{}, Marks: []int{}}
	var src []string // the source lines, split when a page starts inside one
	for i, pg := range doc.Pages {
		first := firstSourceLine(pg)
		if first == 0 {
			continue // a page with nothing from the text (cannot happen today)
		}
		ps := PageStart{Number: pg.Number, Line: first}
		if i > 0 {
			if before := linesFrom(doc.Pages[i-1], first); before != "" {
				if src == nil {
					src = strings.Split(text, "\n")
				}
				if first <= len(src) {
					ps.Offset = offsetAfter(strings.TrimSuffix(src[first-1], "\r"), before)
				}
			}
		}
		out.Pages = append(out.Pages, ps)
	}
	for _, sc := range screenplay.Analyze(s, doc).Scenes {
		num := sc.Number
		if num == "" {
			num = strconv.Itoa(sc.Index)
		}
		out.Scenes = append(out.Scenes, ScenePage{Number: num, Heading: sc.Heading, Line: sc.Line,
			Page: sc.Page, Eighths: sc.Eighths, Length: screenplay.FormatEighths(sc.Eighths)})
	}
	return out
}

// firstSourceLine is the first source line printed on pg (0 for none):
// the lowest, since lines print in the text's order (the cue repeated with
// "(CONT'D)" over a split speech comes from no line).
func firstSourceLine(pg screenplay.Page) int {
	first := 0
	for _, l := range pg.Lines {
		if l.SourceLine > 0 && l.Kind == screenplay.LineText && (first == 0 || l.SourceLine < first) {
			first = l.SourceLine
		}
	}
	return first
}

// linesFrom is the text pg prints from source line n, in order: the part
// of a paragraph printed before a page break inside it.
func linesFrom(pg screenplay.Page, n int) string {
	var b strings.Builder
	for _, l := range pg.Lines {
		if l.SourceLine != n || l.Kind != screenplay.LineText {
			continue
		}
		for _, sp := range l.Spans {
			b.WriteString(sp.Text)
		}
		b.WriteByte(' ')
	}
	return b.String()
}

// offsetAfter is where line continues after printed, the part of it printed
// on the page before, in UTF-16 code units. The printed text is the line
// without its markup (emphasis marks, notes) and with the spaces at the
// wrap dropped, so its letters are matched in order, skipping what the
// page does not print; 0 when they cannot all be found.
func offsetAfter(line, printed string) int {
	rs := []rune(line)
	pos := 0
	for _, want := range printed {
		if unicode.IsSpace(want) {
			continue
		}
		want = unicode.ToLower(want)
		for pos < len(rs) && unicode.ToLower(rs[pos]) != want {
			pos++
		}
		if pos == len(rs) {
			return 0
		}
		pos++
	}
	for pos < len(rs) && unicode.IsSpace(rs[pos]) {
		pos++
	}
	return len(utf16.Encode(rs[:pos]))
}
