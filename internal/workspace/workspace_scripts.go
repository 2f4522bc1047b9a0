package workspace

import (
	"errors"
	"fmt"
	"strings"

	"github.com/scriptroom/scriptroom/internal/diff"
	"github.com/scriptroom/scriptroom/internal/model"
	"github.com/scriptroom/scriptroom/internal/screenplay"
	"github.com/scriptroom/scriptroom/internal/store"
	"github.com/scriptroom/scriptroom/internal/textfile"
)

// Create makes a script called title, private and owned by the writer, whose
// draft is text (no revision yet).
func (w *Workspace) Create(title, text string) (model.Script, error) {
	t, err := model.CleanTitle(title)
	if err != nil {
		return model.Script{}, err
	}
	if len(text) > textfile.MaxSize {
		return model.Script{}, ErrTextTooLarge
	}
	now := w.now().UTC()
	sc := model.Script{
		ID: model.NewScriptID(), Title: t, Owner: w.Identity().ID(), Visibility: model.Private,
		Created: now, Modified: now,
	}
	if err := w.store.PutScript(sc); err != nil {
		return model.Script{}, err
	}
	if err := w.store.PutDraft(sc.ID, store.Draft{Text: text, Saved: now}); err != nil {
		return model.Script{}, err
	}
	return sc, nil
}

// Update applies change to a script under the head lock, marks it modified
// now, and stores it.
func (w *Workspace) Update(id model.ScriptID, change func(*model.Script) error) (model.Script, error) {
	w.head.Lock()
	defer w.head.Unlock()
	sc, err := w.store.Script(id)
	if err != nil {
		return sc, err
	}
	if err := change(&sc); err != nil {
		return sc, err
	}
	sc.Modified = w.now().UTC()
	return sc, w.store.PutScript(sc)
}

// MatchesHead reports whether text is the text of the script's head
// revision (false when it has none).
func (w *Workspace) MatchesHead(sc model.Script, text string) (bool, error) {
	if sc.Head == "" {
		return false, nil
	}
	head, err := w.store.Revision(sc.ID, sc.Head)
	if err != nil {
		return false, err
	}
	return head.ContentHash == model.ContentHash(text), nil
}

// Commit saves text as the script's draft and records it as a new revision
// on main, child of the head, with message ("Revision N" when empty). It
// returns ErrNoChanges when text is the head's text. The OnCommit hooks are
// told, under the head lock.
func (w *Workspace) Commit(sid model.ScriptID, text, message string) (store.RevisionInfo, error) {
	if len(text) > textfile.MaxSize {
		return store.RevisionInfo{}, ErrTextTooLarge
	}
	w.head.Lock()
	defer w.head.Unlock()
	return w.commit(sid, text, message)
}

// CommitDraft records the script's draft as Commit does, when its text is
// the one the editor shows (sum): the editor sends its changes, then this,
// never the whole text. A draft that is another text fails with
// ErrChangesStale and nothing is recorded.
func (w *Workspace) CommitDraft(sid model.ScriptID, sum TextSum, message string) (store.RevisionInfo, error) {
	w.head.Lock()
	defer w.head.Unlock()
	d, err := w.store.Draft(sid)
	if err != nil {
		return store.RevisionInfo{}, err
	}
	if SumOf(d.Text) != sum {
		return store.RevisionInfo{}, ErrChangesStale
	}
	return w.commit(sid, d.Text, message)
}

// commit is Commit with the head lock held.
func (w *Workspace) commit(sid model.ScriptID, text, message string) (store.RevisionInfo, error) {
	sc, err := w.store.Script(sid)
	if err != nil {
		return store.RevisionInfo{}, err
	}
	var parents []model.RevisionID
	if sc.Head != "" {
		same, err := w.MatchesHead(sc, text)
		if err != nil {
			return store.RevisionInfo{}, err
		}
		if same {
			return store.RevisionInfo{}, ErrNoChanges
		}
		parents = []model.RevisionID{sc.Head}
	}
	message = strings.TrimSpace(message)
	if message == "" {
		revs, err := w.store.Revisions(sid)
		if err != nil {
			return store.RevisionInfo{}, err
		}
		message = fmt.Sprintf("Revision %d", len(revs)+1)
	}
	now := w.now()
	rev, err := model.NewRevision(w.Identity(), parents, text, message, now)
	if err != nil {
		return store.RevisionInfo{}, err
	}
	stats := Stats(text)
	// The draft is saved first: if the commit fails, the text is still safe.
	if err := w.store.PutDraft(sid, store.Draft{Text: text, Base: rev.ID, Saved: now.UTC()}); err != nil {
		return store.RevisionInfo{}, err
	}
	if err := w.store.CommitRevision(sid, rev, stats); err != nil {
		return store.RevisionInfo{}, err
	}
	w.figs.put(figureKey{rev: rev.ID, paper: screenplay.Letter.Name}, screenplay.Stats{Words: stats.Words, Pages: int(stats.Pages)})
	w.afterCommit(sid, rev)
	return RevisionInfo(rev, stats), nil
}

// Stats are a text's figures as the store keeps them with a revision: its
// words and the pages it prints on US Letter (the history shows the pages
// on the writer's paper, from RevisionFigures).
func Stats(text string) store.RevisionStats {
	st := screenplay.Measure(text, screenplay.Letter)
	return store.RevisionStats{Words: st.Words, Pages: float64(st.Pages)}
}

// RevisionInfo is a revision as the store lists it.
func RevisionInfo(r *model.Revision, st store.RevisionStats) store.RevisionInfo {
	return store.RevisionInfo{
		ID: r.ID, Parents: r.Parents, Author: r.Author, AuthorName: r.AuthorName,
		Time: r.Time, Message: r.Message, Stats: st,
	}
}

// AddRevision stores a revision of a script (a proposal's, received or made
// here) without moving its head.
func (w *Workspace) AddRevision(sid model.ScriptID, rev *model.Revision) error {
	return w.store.AddRevision(sid, rev, Stats(rev.Text))
}

// RecordMerge makes merge, a revision of main whose parents are main's head
// (whose text is mainText) and a proposal's head, the script's head, in one
// store transaction: the proposal's head is stored first when the library
// does not hold it yet (it arrived a moment ago), so both sides of the
// merge are in history from the start. The draft follows when it holds no
// unsaved typing (it is mainText), or when its typing merges cleanly with
// the merge's text; otherwise it is left as it is, for the writer to
// commit. The caller holds HeadLock: it read main's head to make merge.
func (w *Workspace) RecordMerge(sid model.ScriptID, merge *model.Revision, mainText string, proposalHead *model.Revision) error {
	return w.store.UpdateLibrary(func(tx *store.LibraryTx) error {
		if proposalHead != nil {
			has, err := tx.HasRevision(sid, proposalHead.ID)
			if err != nil {
				return err
			}
			if !has {
				if err := tx.AddRevision(sid, proposalHead, Stats(proposalHead.Text)); err != nil {
					return err
				}
			}
		}
		d, err := tx.Draft(sid)
		if err != nil && !errors.Is(err, store.ErrNotFound) {
			return err
		}
		follow, text := true, merge.Text
		if err == nil && d.Text != mainText && d.Text != merge.Text {
			m := diff.Merge(mainText, d.Text, merge.Text)
			follow, text = m.Clean, m.Text
		}
		if err := tx.AddRevision(sid, merge, Stats(merge.Text)); err != nil {
			return err
		}
		sc, err := tx.Script(sid)
		if err != nil {
			return err
		}
		sc.Head = merge.ID
		if merge.Time.After(sc.Modified) {
			sc.Modified = merge.Time
		}
		if err := tx.PutScript(sc); err != nil {
			return err
		}
		if !follow {
			return nil
		}
		return tx.PutDraft(sid, store.Draft{Text: text, Base: merge.ID, Saved: w.now().UTC()})
	})
}
