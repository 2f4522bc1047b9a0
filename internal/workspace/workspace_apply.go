package workspace

import (
	"errors"
	"fmt"
	"time"

	"github.com/scriptroom/scriptroom/internal/model"
	"github.com/scriptroom/scriptroom/internal/store"
)

// Applied says what applying a room's events changed in the library.
type Applied struct {
	// Library is true when a script was made, retitled, or its history or
	// head changed (the library list shows them).
	Library bool
	// History is true when main's history or head changed.
	History bool
	// Errs are the events that could not be stored, one error each; the
	// others were applied.
	Errs []error
}

// ApplyEvents folds events received from a room into the library: a room
// event makes (or retitles) the script, revision events add to its history,
// and main's branch events move its head, the draft following when it holds
// no unsaved typing. Revisions on other branches (proposals) are stored but
// leave main's history as it was. keepMain, when not nil, is asked before
// main moves: true keeps main where it is (review refused the move, see
// internal/review). The relay checked every author's role and the client
// verified every signature; revisions are verified again here.
func (w *Workspace) ApplyEvents(room model.ScriptID, evs []*model.Event, keepMain func(*model.Event) bool) Applied {
	var out Applied
	for _, ev := range evs {
		var err error
		var lib, hist bool
		switch ev.Kind {
		case model.KindRoom:
			lib, err = w.applyRoom(room, ev)
		case model.KindRevision:
			hist, err = w.applyRevision(room, ev)
			if OnBranch(ev) {
				hist = false // kept for review; main's history is unchanged
			}
		case model.KindBranch:
			hist, err = w.applyBranch(room, ev, keepMain)
		}
		if err != nil {
			out.Errs = append(out.Errs, fmt.Errorf("event %s (%s): %w", ev.ID.Short(), ev.Kind, err))
		}
		out.Library = out.Library || lib || hist
		out.History = out.History || hist
	}
	return out
}

// OnBranch reports whether ev is a revision or branch event of a branch
// other than main (a proposal's).
func OnBranch(ev *model.Event) bool {
	var p struct {
		Branch string `json:"branch"`
	}
	return ev.DecodePayload(&p) == nil && p.Branch != "" && p.Branch != model.MainBranch
}

func (w *Workspace) applyRoom(room model.ScriptID, ev *model.Event) (bool, error) {
	var p model.RoomPayload
	if err := ev.DecodePayload(&p); err != nil {
		return false, err
	}
	w.head.Lock()
	defer w.head.Unlock()
	sc, err := w.store.Script(room)
	if errors.Is(err, store.ErrNotFound) {
		at := timeOf(ev)
		sc = model.Script{ID: room, Title: p.Title, Owner: ev.Author, Visibility: p.Visibility, Created: at, Modified: at}
		if err := w.store.PutScript(sc); err != nil {
			return false, err
		}
		return true, w.store.PutDraft(room, store.Draft{Saved: at})
	}
	if err != nil || sc.Owner != ev.Author {
		return false, err
	}
	if sc.Title == p.Title && sc.Visibility == p.Visibility {
		return false, nil
	}
	sc.Title, sc.Visibility = p.Title, p.Visibility
	return true, w.store.PutScript(sc)
}

func (w *Workspace) applyRevision(room model.ScriptID, ev *model.Event) (bool, error) {
	var p model.RevisionPayload
	if err := ev.DecodePayload(&p); err != nil {
		return false, err
	}
	rev := p.Revision
	if err := rev.Verify(); err != nil {
		return false, err
	}
	if rev.Author != ev.Author {
		return false, fmt.Errorf("revision %s was not shared by its author", rev.ID.Short())
	}
	stats := Stats(rev.Text)
	w.head.Lock()
	defer w.head.Unlock()
	if _, err := w.store.Revision(room, rev.ID); err == nil {
		return false, nil // ours, or already received
	}
	if err := w.store.AddRevision(room, &rev, stats); err != nil {
		return false, err
	}
	return true, nil
}

// applyBranch moves the script's head when main moves to a revision held
// here. The draft follows when it holds no unsaved typing (it matches the
// old head).
func (w *Workspace) applyBranch(room model.ScriptID, ev *model.Event, keepMain func(*model.Event) bool) (bool, error) {
	var p model.BranchPayload
	if err := ev.DecodePayload(&p); err != nil {
		return false, err
	}
	if p.Name != model.MainBranch {
		return false, nil
	}
	if keepMain != nil && keepMain(ev) {
		return false, nil // the room keeps main where the first decision left it
	}
	w.head.Lock()
	defer w.head.Unlock()
	sc, err := w.store.Script(room)
	if err != nil {
		return false, err
	}
	if sc.Head == p.Head {
		return false, nil
	}
	if older, err := w.isAncestor(room, p.Head, sc.Head); err != nil || older {
		// The echo of an earlier move (two commits in quick succession):
		// main never goes back, restoring makes a new revision.
		return false, err
	}
	head, err := w.store.Revision(room, p.Head)
	if err != nil {
		return false, err
	}
	d, err := w.store.Draft(room)
	notFound := errors.Is(err, store.ErrNotFound)
	follow := notFound || d.Text == "" && sc.Head == ""
	if err == nil && sc.Head != "" {
		if old, err := w.store.Revision(room, sc.Head); err == nil && old.ContentHash == model.ContentHash(d.Text) {
			follow = true
		}
	}
	sc.Head = p.Head
	if head.Time.After(sc.Modified) {
		sc.Modified = head.Time
	}
	// The draft first: whoever sees the new head finds its draft too.
	if follow {
		if err := w.store.PutDraft(room, store.Draft{Text: head.Text, Base: head.ID, Saved: w.now().UTC()}); err != nil {
			return false, err
		}
	}
	if err := w.store.PutScript(sc); err != nil {
		return false, err
	}
	return true, nil
}

// isAncestor reports whether revision old is head or one of its ancestors
// in room's history.
func (w *Workspace) isAncestor(room model.ScriptID, old, head model.RevisionID) (bool, error) {
	if head == "" {
		return false, nil
	}
	infos, err := w.store.Revisions(room)
	if err != nil {
		return false, err
	}
	parents := make(map[model.RevisionID][]model.RevisionID, len(infos))
	for _, in := range infos {
		parents[in.ID] = in.Parents
	}
	seen := map[model.RevisionID]bool{head: true}
	for queue := []model.RevisionID{head}; len(queue) > 0; queue = queue[1:] {
		if queue[0] == old {
			return true, nil
		}
		for _, p := range parents[queue[0]] {
			if !seen[p] {
				seen[p] = true
				queue = append(queue, p)
			}
		}
	}
	return false, nil
}

// timeOf is when the event was made.
func timeOf(ev *model.Event) time.Time { return time.UnixMilli(ev.Time).UTC() }
