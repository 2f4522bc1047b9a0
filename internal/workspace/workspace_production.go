package workspace

import (
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/scriptroom/scriptroom/internal/model"
	"github.com/scriptroom/scriptroom/internal/production"
	"github.com/scriptroom/scriptroom/internal/screenplay"
	"github.com/scriptroom/scriptroom/internal/store"
)

// Production is the production state of a script kept in the library alone
// (a shared script's is its room's: review.Room.Production).
func (w *Workspace) Production(id model.ScriptID) (model.Production, error) {
	return w.store.Production(id)
}

// ProductionChange makes the payload of a production change of a script:
// lock, relock, set and clear name the script's newest revision (the text
// a lock keeps the numbers of, a set marks changes against, clearing
// clears marks up to). A set's colour is checked against the industry
// order and spelled as it spells it; its name is the colour's when empty,
// its date today when empty.
func (w *Workspace) ProductionChange(id model.ScriptID, op model.ProductionOp, set *model.RevisionSetInfo) (model.ProductionPayload, error) {
	pl := model.ProductionPayload{Op: op}
	if op == model.ProductionUnlock {
		return pl, nil
	}
	sc, err := w.store.Script(id)
	if err != nil {
		return pl, err
	}
	if sc.Head == "" {
		return pl, ErrNothingToLock
	}
	pl.Revision = sc.Head
	if op == model.ProductionSet {
		if set == nil {
			set = &model.RevisionSetInfo{}
		}
		day := w.Now()
		if strings.TrimSpace(set.Date) != "" {
			if day, err = production.ParseDate(set.Date); err != nil {
				return pl, err
			}
		}
		rs, err := production.NewSet(set.Color, day)
		if err != nil {
			return pl, err
		}
		name := strings.TrimSpace(set.Name)
		if name == "" {
			name = rs.Name
		}
		pl.Set = &model.RevisionSetInfo{Name: name, Color: rs.Color, Date: day.Format(time.DateOnly)}
	}
	return pl, pl.Validate()
}

// ChangeProduction applies a production change to a script kept in the
// library alone, by the writer, and returns the new state. The change is
// recorded in the state's history.
func (w *Workspace) ChangeProduction(id model.ScriptID, pl model.ProductionPayload) (model.Production, error) {
	if pl.Revision != "" {
		if _, err := w.store.Revision(id, pl.Revision); err != nil {
			return model.Production{}, fmt.Errorf("production %s of revision %s: %w", pl.Op, pl.Revision.Short(), err)
		}
	}
	me, at := w.Identity().ID(), w.Now().UnixMilli()
	return w.store.ChangeProduction(id, func(p *model.Production) error { return p.Apply(pl, me, at) })
}

// ProductionSets are p's revision sets as production prints them, with
// the text each started from, and the text marks were cleared up to (nil
// for none), read from the library.
func (w *Workspace) ProductionSets(id model.ScriptID, p model.Production) ([]production.SetText, *string, error) {
	var sets []production.SetText
	for _, s := range p.Sets {
		day, err := production.ParseDate(s.Date)
		if err != nil {
			return nil, nil, err
		}
		from, err := w.revisionText(id, s.From, "the start of set "+strconv.Quote(s.Name))
		if err != nil {
			return nil, nil, err
		}
		sets = append(sets, production.SetText{Set: production.RevisionSet{Name: s.Name, Color: s.Color, Date: day}, From: from})
	}
	if p.Cleared == "" {
		return sets, nil, nil
	}
	cleared, err := w.revisionText(id, p.Cleared, "where marks were cleared")
	if err != nil {
		return nil, nil, err
	}
	return sets, &cleared, nil
}

func (w *Workspace) revisionText(id model.ScriptID, rev model.RevisionID, what string) (string, error) {
	// A revision never changes: the texts a lock and its sets name are
	// kept with the locks made ready (lockedCache).
	key := string(id) + "\x00" + string(rev)
	c := &w.locked
	c.mu.Lock()
	text, ok := c.texts[key]
	c.mu.Unlock()
	if ok {
		return text, nil
	}
	r, err := w.store.Revision(id, rev)
	if errors.Is(err, store.ErrNotFound) {
		return "", fmt.Errorf("%w (%s, revision %s): %w", ErrNoBase, what, rev.Short(), err)
	}
	if err != nil {
		return "", fmt.Errorf("read revision %s (%s): %w", rev.Short(), what, err)
	}
	c.mu.Lock()
	if c.texts == nil || len(c.texts) >= maxLockedTexts {
		c.texts = map[string]string{}
	}
	c.texts[key] = r.Text
	c.mu.Unlock()
	return r.Text, nil
}

// LockedDraft lays text out as a production draft of p: its lock's
// numbers and its sets' marks.
func (w *Workspace) LockedDraft(id model.ScriptID, text string, p model.Production, paper screenplay.Paper) (*production.Draft, []production.RevisionSet, error) {
	if !p.Locked {
		return nil, nil, model.ErrNotLocked
	}
	base, err := w.revisionText(id, p.Base, "the locked revision")
	if err != nil {
		return nil, nil, err
	}
	sets, cleared, err := w.ProductionSets(id, p)
	if err != nil {
		return nil, nil, err
	}
	d := w.lockedBase(id, p, base, paper).DraftSets(text, sets, cleared)
	rs := make([]production.RevisionSet, len(sets))
	for i, s := range sets {
		rs[i] = s.Set
	}
	return d, rs, nil
}

// lockedCache keeps the locked revisions made ready for production
// drafts (production.Locked: parsed, numbered, paginated), so that the
// editor's pages on every autosave lay out only the draft. A few scripts'
// locks at most: the ones open.
type lockedCache struct {
	mu    sync.Mutex
	m     map[string]*production.Locked
	texts map[string]string // revision texts by script and revision
}

// maxLockedCached is how many locks lockedCache keeps, maxLockedTexts how
// many revision texts (a lock's, its sets' and where marks were cleared).
const (
	maxLockedCached = 4
	maxLockedTexts  = 32
)

// lockedBase is p's locked revision (its text base) made ready for paper,
// from the cache when it was made before.
func (w *Workspace) lockedBase(id model.ScriptID, p model.Production, base string, paper screenplay.Paper) *production.Locked {
	var key strings.Builder
	fmt.Fprintf(&key, "%s\x00%s\x00%s\x00%g\x00%g", id, p.Base, paper.Name, paper.Width, paper.Height)
	for _, lp := range p.Pages {
		fmt.Fprintf(&key, "\x00%s@%d.%d", lp.Label, lp.Element, lp.Offset)
	}
	k := key.String()
	c := &w.locked
	c.mu.Lock()
	lk, ok := c.m[k]
	c.mu.Unlock()
	if ok {
		return lk
	}
	lk = production.NewLocked(base, production.Options{Paper: paper, Pages: lockedPages(p.Pages)})
	c.mu.Lock()
	if c.m == nil || len(c.m) >= maxLockedCached {
		c.m = map[string]*production.Locked{}
	}
	c.m[k] = lk
	c.mu.Unlock()
	return lk
}

// lockedPages are a lock's locked pages as production takes them.
func lockedPages(ps []model.LockedPage) []production.LockedPage {
	if len(ps) == 0 {
		return nil
	}
	out := make([]production.LockedPage, len(ps))
	for i, lp := range ps {
		out[i] = production.LockedPage{Label: lp.Label, Element: lp.Element, Offset: lp.Offset}
	}
	return out
}

// ProductionPages is Pages for a script locked for production (p): the
// pages and scenes as the production draft prints them, their locked
// labels ("12A", "13-14", "12 OMITTED"), the lines with a revision mark,
// and the current set. The lines are the draft's own (the numbers a lock
// writes into headings and its OMITTED headings are not in it): an
// omitted scene sits at the line it stands before.
func (w *Workspace) ProductionPages(id model.ScriptID, paper string, p model.Production) (ScriptPages, error) {
	if !p.Locked {
		return w.Pages(id, paper)
	}
	pp, err := paperNamed(paper)
	if err != nil {
		return ScriptPages{}, err
	}
	dr, err := w.store.Draft(id)
	if err != nil {
		return ScriptPages{}, err
	}
	d, sets, err := w.LockedDraft(id, dr.Text, p, pp)
	if err != nil {
		return ScriptPages{}, err
	}
	out := productionPages(d, dr.Text, pp)
	out.Saved = dr.Saved
	if cur, ok := p.Current(); ok {
		out.Set = &cur.RevisionSetInfo
		out.Set.Date = sets[len(sets)-1].Date.Format(time.DateOnly)
	}
	return out, nil
}

// productionPages is PagesOf for a production draft of text.
func productionPages(d *production.Draft, text string, paper screenplay.Paper) ScriptPages {
	// newLine maps a line of the draft's text to text's: an added line
	// (an OMITTED heading) to the next line text has.
	lines := strings.Count(d.Text, "\n") + 1
	newLine := func(l int) int {
		for k := l; k <= lines; k++ {
			if n, ok := d.NewLine(k); ok {
				return n
			}
		}
		return strings.Count(text, "\n") + 1 // OMITTED at the end: the last line
	}
	out := ScriptPages{Paper: paper.Name, Locked: true, Pages: make([]PageStart, 0, len(d.Doc.Pages)), Scenes: []ScenePage{}, Marks: []int{}}
	src := strings.Split(text, "\n")
	for i, pg := range d.Doc.Pages {
		first := firstSourceLine(pg)
		if first == 0 {
			continue
		}
		ps := PageStart{Number: pg.Number, Label: d.Pages[i].Label, Line: newLine(first), Revised: d.Pages[i].Revised}
		if n, ok := d.NewLine(first); ok && i > 0 {
			if before := linesFrom(d.Doc.Pages[i-1], first); before != "" && n <= len(src) {
				ps.Offset = offsetAfter(strings.TrimSuffix(src[n-1], "\r"), before)
			}
		}
		out.Pages = append(out.Pages, ps)
	}
	marked := map[int]bool{}
	for l := range d.Marks {
		if n, ok := d.NewLine(l); ok {
			marked[n] = true
		}
	}
	for n := range marked {
		out.Marks = append(out.Marks, n)
	}
	sort.Ints(out.Marks)
	status := map[int]production.SceneStatus{}
	for _, sc := range d.Scenes {
		status[sc.Line] = sc.Status
	}
	for _, sc := range screenplay.Analyze(d.Script, d.Doc).Scenes {
		sp := ScenePage{Number: sc.Number, Heading: sc.Heading, Line: newLine(sc.Line),
			Page: sc.Page, Eighths: sc.Eighths, Length: screenplay.FormatEighths(sc.Eighths)}
		if status[sc.Line] == production.SceneOmitted {
			sp.Omitted, sp.Heading, sp.Eighths, sp.Length = true, "OMITTED", 0, ""
		}
		if sc.Page > 0 && sc.Page <= len(d.Pages) {
			sp.PageLabel = d.Pages[sc.Page-1].Label
		}
		out.Scenes = append(out.Scenes, sp)
	}
	return out
}
