package workspace

import (
	"sync"

	"github.com/scriptroom/scriptroom/internal/fountain"
	"github.com/scriptroom/scriptroom/internal/model"
	"github.com/scriptroom/scriptroom/internal/screenplay"
)

// maxFigures is how many texts' figures the cache keeps before it starts
// over: about 40 bytes each, and far more than the scripts and revisions
// a library shows at once.
const maxFigures = 20_000

// figureKey names a text measured on a paper: a revision by its id, or any
// other text (a draft) by its sum.
type figureKey struct {
	rev   model.RevisionID
	sum   TextSum
	paper string
}

// figures caches texts' figures (screenplay.Measure): laying a feature out
// takes about 20 ms, and the library and the history show the figures of
// every script and revision. A revision's text never changes, so its
// figures are kept by its id; a draft's by the sum of its text (a draft
// saved again is another text, another key). Nothing in it is ever stale.
type figures struct {
	mu sync.Mutex
	m  map[figureKey]screenplay.Stats
}

func (f *figures) get(k figureKey) (screenplay.Stats, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	st, ok := f.m[k]
	return st, ok
}

func (f *figures) put(k figureKey, st screenplay.Stats) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.m == nil || len(f.m) >= maxFigures {
		f.m = make(map[figureKey]screenplay.Stats)
	}
	f.m[k] = st
}

// DraftFigures are the words of a script's draft and the pages it prints
// on with the paper named ("letter", "a4"; "" is Letter): the PDF
// export's page count.
func (w *Workspace) DraftFigures(id model.ScriptID, paper string) (screenplay.Stats, error) {
	pp, err := paperNamed(paper)
	if err != nil {
		return screenplay.Stats{}, err
	}
	d, err := w.store.Draft(id)
	if err != nil {
		return screenplay.Stats{}, err
	}
	return w.measure(figureKey{sum: SumOf(d.Text), paper: pp.Name}, d.Text, pp), nil
}

// RevisionFigures are the words of a revision and the pages it prints on
// with the paper named, as DraftFigures; the revision's text is read only
// the first time.
func (w *Workspace) RevisionFigures(id model.ScriptID, rev model.RevisionID, paper string) (screenplay.Stats, error) {
	pp, err := paperNamed(paper)
	if err != nil {
		return screenplay.Stats{}, err
	}
	k := figureKey{rev: rev, paper: pp.Name}
	if st, ok := w.figs.get(k); ok {
		return st, nil
	}
	r, err := w.store.Revision(id, rev)
	if err != nil {
		return screenplay.Stats{}, err
	}
	return w.measure(k, r.Text, pp), nil
}

func (w *Workspace) measure(k figureKey, text string, paper screenplay.Paper) screenplay.Stats {
	if st, ok := w.figs.get(k); ok {
		return st
	}
	st := screenplay.Measure(text, paper)
	w.figs.put(k, st)
	return st
}

// WordCount counts the words a reader sees in text: the editor's figure
// after each save (the pages come from Pages).
func WordCount(text string) int {
	return fountain.CountWords(fountain.Parse(text))
}
