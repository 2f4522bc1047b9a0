package production

import (
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/scriptroom/scriptroom/internal/fountain"
	"github.com/scriptroom/scriptroom/internal/screenplay"
)

// LockedPage is a page of the locked revision as a production draft
// holds it: its label ("12", "12A", "13-14") and where its text starts in
// BASE, an element of fountain.Parse(BASE) and a rune offset into its
// printed text (screenplay.Position). A Final Draft production draft
// brings its own (Options.Pages).
type LockedPage struct {
	Label   string `json:"label"`
	Element int    `json:"element"`
	Offset  int    `json:"offset"`
}

// Locked is the locked revision (BASE) made ready to lay drafts out
// against it: parsed, its scenes numbered, its pages laid out. None of
// this changes while the script stays locked, so the editor keeps one and
// lays out only the draft each time (Draft, DraftSets). It is read-only
// once made, and safe to use from several goroutines.
type Locked struct {
	text       string
	script     *fountain.Script
	scenes     []fountain.Scene
	unnumbered string
	lines      []string
	nums       []string
	opts       Options
	// doc is BASE paginated with a page starting at each locked page.
	doc *screenplay.Document
	// pages are the locked pages: their labels, where they start, and the
	// page of doc that starts there.
	pages []basePage
	// docLines are the printed lines of each page of doc (pageLines).
	docLines [][]string

	// froms keeps the texts sets started from with their headings'
	// numbers removed, which each draft compares against.
	mu    sync.Mutex
	froms map[string]string
}

// basePage is one locked page of BASE.
type basePage struct {
	label string
	start screenplay.Position
	doc   int // the page of Locked.doc that starts at start
}

// NewLocked makes BASE ready for drafts laid out against it. Without
// opts.Pages, BASE is paginated afresh and its pages numbered 1, 2, 3…;
// with them, each locked page starts where it says (a forced page start)
// and prints its own label. Pages whose start is not after the page
// before them's, or outside BASE, are left out (see UsedPages).
func NewLocked(base string, opts Options) *Locked {
	bs := fountain.Parse(base)
	scenes := bs.Scenes()
	lk := &Locked{text: base, script: bs, scenes: scenes, unnumbered: unnumbered(base, scenes),
		lines: strings.Split(base, "\n"), nums: baseNumbers(scenes), opts: opts, froms: map[string]string{}}
	popts := screenplay.Options{Paper: opts.Paper, Style: opts.Style, SceneNumbers: true}
	given := lk.usable(opts.Pages)
	if len(given) > 0 {
		for _, p := range given[1:] {
			popts.Breaks = append(popts.Breaks, screenplay.Position{Element: p.Element, Offset: p.Offset})
		}
	}
	lk.doc = screenplay.Paginate(bs, popts)
	lk.docLines = make([][]string, len(lk.doc.Pages))
	for i := range lk.doc.Pages {
		lk.docLines[i] = pageLines(&lk.doc.Pages[i])
	}
	if len(given) == 0 {
		for i, pg := range lk.doc.Pages {
			lk.pages = append(lk.pages, basePage{label: strconv.Itoa(i + 1), start: pg.Start, doc: i})
		}
		return lk
	}
	for k, p := range given {
		start := screenplay.Position{Element: p.Element, Offset: p.Offset}
		if k == 0 {
			start = screenplay.Position{}
		}
		// The page of doc that starts at the locked page's start: the
		// first whose text does not begin before it.
		at := sort.Search(len(lk.doc.Pages), func(i int) bool {
			s := lk.doc.Pages[i].Start
			return s.Element >= 0 && !s.Before(start)
		})
		if k == 0 {
			at = 0
		}
		lk.pages = append(lk.pages, basePage{label: p.Label, start: start, doc: min(at, max(len(lk.doc.Pages)-1, 0))})
	}
	return lk
}

// usable are the pages of given that a lock can use: a label, a start
// inside BASE after the page before's (the first page starts at the
// beginning, wherever the file says).
func (lk *Locked) usable(given []LockedPage) []LockedPage {
	var out []LockedPage
	for _, p := range given {
		label := strings.TrimSpace(p.Label)
		if label == "" || p.Element < 0 || p.Element > len(lk.script.Elements) || p.Offset < 0 {
			continue
		}
		if p.Element == len(lk.script.Elements) && p.Offset > 0 {
			continue
		}
		p.Label = label
		if n := len(out); n > 0 {
			prev := screenplay.Position{Element: out[n-1].Element, Offset: out[n-1].Offset}
			if n == 1 {
				prev = screenplay.Position{}
			}
			if !prev.Before(screenplay.Position{Element: p.Element, Offset: p.Offset}) {
				continue
			}
		}
		out = append(out, p)
	}
	return out
}

// Pages are the locked pages of BASE: their labels and where they start.
func (lk *Locked) Pages() []LockedPage {
	out := make([]LockedPage, len(lk.pages))
	for i, p := range lk.pages {
		out[i] = LockedPage{Label: p.label, Element: p.start.Element, Offset: p.start.Offset}
	}
	return out
}

// Draft lays next out as a production draft of the locked revision (see
// Lock).
func (lk *Locked) Draft(next string) *Draft {
	return lk.lock(next, nil, nil, false)
}

// unnumberedFrom is from with its headings' numbers removed, kept for the
// next draft (the texts sets started from do not change).
func (lk *Locked) unnumberedFrom(from string) string {
	if from == lk.text {
		return lk.unnumbered
	}
	lk.mu.Lock()
	u, ok := lk.froms[from]
	lk.mu.Unlock()
	if ok {
		return u
	}
	u = unnumbered(from, fountain.Parse(from).Scenes())
	lk.mu.Lock()
	if len(lk.froms) >= 16 { // sets started and cleared since: a handful
		clear(lk.froms)
	}
	lk.froms[from] = u
	lk.mu.Unlock()
	return u
}

// labels are the locked pages' labels.
func (lk *Locked) labels() []string {
	out := make([]string, len(lk.pages))
	for i, p := range lk.pages {
		out[i] = p.label
	}
	return out
}

// starts are where the locked pages start in BASE.
func (lk *Locked) starts() []screenplay.Position {
	out := make([]screenplay.Position, len(lk.pages))
	for i, p := range lk.pages {
		out[i] = p.start
	}
	return out
}
