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
	// Errs are the events that could not be applied, one error each (a
	// revision that does not verify, a move of main to a revision not
	// held); the others were applied. When the library itself failed,
	// nothing was applied and Errs holds that one error.
	Errs []error
}

// ApplyEvents folds events received from a room into the library, all in
// one store transaction (store.UpdateLibrary): a room event makes (or
// retitles) the script, revision events add to its history, and main's
// branch events move its head, the draft following when it holds no
// unsaved typing. Revisions on other branches (proposals) are stored but
// leave main's history as it was. keepMain, when not nil, is asked (before
// the transaction) about each move of main: true keeps main where it is
// (review refused the move, see internal/review). The relay checked every
// author's role and the client verified every signature; revisions are
// verified again here.
func (w *Workspace) ApplyEvents(room model.ScriptID, evs []*model.Event, keepMain func(*model.Event) bool) Applied {
	kept := map[model.EventID]bool{}
	if keepMain != nil {
		for _, ev := range evs {
			var p model.BranchPayload
			if ev.Kind == model.KindBranch && ev.DecodePayload(&p) == nil && p.Name == model.MainBranch && keepMain(ev) {
				kept[ev.ID] = true
			}
		}
	}
	w.head.Lock()
	defer w.head.Unlock()
	var out Applied
	err := w.store.UpdateLibrary(func(tx *store.LibraryTx) error {
		out = Applied{}
		a := applier{tx: tx, room: room, now: w.now}
		for _, ev := range evs {
			var err error
			var lib, hist bool
			switch ev.Kind {
			case model.KindRoom:
				lib, err = a.roomEvent(ev)
			case model.KindRevision:
				hist, err = a.revisionEvent(ev)
				if OnBranch(ev) {
					hist = false // kept for review; main's history is unchanged
				}
			case model.KindBranch:
				if !kept[ev.ID] {
					hist, err = a.branchEvent(ev)
				}
			}
			var refused *refusedError
			if errors.As(err, &refused) || errors.Is(err, store.ErrNotFound) {
				out.Errs = append(out.Errs, fmt.Errorf("event %s (%s): %w", ev.ID.Short(), ev.Kind, err))
				continue
			}
			if err != nil {
				return fmt.Errorf("apply event %s (%s): %w", ev.ID.Short(), ev.Kind, err)
			}
			out.Library = out.Library || lib || hist
			out.History = out.History || hist
		}
		return nil
	})
	if err != nil {
		return Applied{Errs: []error{err}}
	}
	return out
}

// refusedError is an event that cannot be applied, whatever the library
// holds: it is skipped and the others are applied.
type refusedError struct{ err error }

func (e *refusedError) Error() string { return e.err.Error() }
func (e *refusedError) Unwrap() error { return e.err }

func refused(err error) error {
	if err == nil {
		return nil
	}
	return &refusedError{err}
}

// OnBranch reports whether ev is a revision or branch event of a branch
// other than main (a proposal's).
func OnBranch(ev *model.Event) bool {
	var p struct {
		Branch string `json:"branch"`
	}
	return ev.DecodePayload(&p) == nil && p.Branch != "" && p.Branch != model.MainBranch
}

// applier applies one room's events inside one transaction.
type applier struct {
	tx   *store.LibraryTx
	room model.ScriptID
	now  func() time.Time
}

func (a applier) roomEvent(ev *model.Event) (bool, error) {
	var p model.RoomPayload
	if err := ev.DecodePayload(&p); err != nil {
		return false, refused(err)
	}
	sc, err := a.tx.Script(a.room)
	if errors.Is(err, store.ErrNotFound) {
		at := timeOf(ev)
		sc = model.Script{ID: a.room, Title: p.Title, Owner: ev.Author, Visibility: p.Visibility, Created: at, Modified: at}
		if err := a.tx.PutScript(sc); err != nil {
			return false, err
		}
		return true, a.tx.PutDraft(a.room, store.Draft{Saved: at})
	}
	if err != nil || sc.Owner != ev.Author {
		return false, err
	}
	if sc.Title == p.Title && sc.Visibility == p.Visibility {
		return false, nil
	}
	sc.Title, sc.Visibility = p.Title, p.Visibility
	return true, a.tx.PutScript(sc)
}

func (a applier) revisionEvent(ev *model.Event) (bool, error) {
	var p model.RevisionPayload
	if err := ev.DecodePayload(&p); err != nil {
		return false, refused(err)
	}
	if p.Revision.Author != ev.Author {
		return false, refused(fmt.Errorf("revision %s was not shared by its author", p.Revision.ID.Short()))
	}
	if has, err := a.tx.HasRevision(a.room, p.Revision.ID); err != nil || has {
		return false, err // ours, or already received
	}
	rev, err := p.Whole(a.baseText)
	if err != nil {
		if deltaRefused(err) {
			return false, refused(err)
		}
		return false, err
	}
	if err := rev.Verify(); err != nil {
		return false, refused(err)
	}
	if err := a.tx.AddRevision(a.room, rev, Stats(rev.Text)); err != nil {
		return false, err
	}
	return true, nil
}

// baseText is the text of a delta's base: a revision of the library, where
// every revision event earlier in the room's log was stored (in this
// transaction too).
func (a applier) baseText(id model.RevisionID) (string, error) {
	rev, err := a.tx.Revision(a.room, id)
	if errors.Is(err, store.ErrNotFound) {
		return "", fmt.Errorf("%w: %s", model.ErrUnknownDeltaBase, id.Short())
	}
	if err != nil {
		return "", err
	}
	return rev.Text, nil
}

// deltaRefused reports whether err says a revision shared as a delta
// cannot be rebuilt, whatever the library holds: its base is unknown,
// or the delta or the rebuilt text do not fit.
func deltaRefused(err error) bool {
	return errors.Is(err, model.ErrUnknownDeltaBase) || errors.Is(err, model.ErrDeltaMismatch) ||
		errors.Is(err, model.ErrContentMismatch)
}

// branchEvent moves the script's head when main moves to a revision held here.
// The draft follows when it holds no unsaved typing (it matches the old
// head).
func (a applier) branchEvent(ev *model.Event) (bool, error) {
	var p model.BranchPayload
	if err := ev.DecodePayload(&p); err != nil {
		return false, refused(err)
	}
	if p.Name != model.MainBranch {
		return false, nil
	}
	sc, err := a.tx.Script(a.room)
	if err != nil {
		return false, err
	}
	if sc.Head == p.Head {
		return false, nil
	}
	if older, err := a.isAncestor(p.Head, sc.Head); err != nil || older {
		// The echo of an earlier move (two commits in quick succession):
		// main never goes back, restoring makes a new revision.
		return false, err
	}
	head, err := a.tx.Revision(a.room, p.Head)
	if err != nil {
		return false, err
	}
	d, err := a.tx.Draft(a.room)
	notFound := errors.Is(err, store.ErrNotFound)
	if err != nil && !notFound {
		return false, err
	}
	follow := notFound || d.Text == "" && sc.Head == ""
	if err == nil && sc.Head != "" {
		if old, err := a.tx.Revision(a.room, sc.Head); err == nil && old.ContentHash == model.ContentHash(d.Text) {
			follow = true
		}
	}
	sc.Head = p.Head
	if head.Time.After(sc.Modified) {
		sc.Modified = head.Time
	}
	if follow {
		if err := a.tx.PutDraft(a.room, store.Draft{Text: head.Text, Base: head.ID, Saved: a.now().UTC()}); err != nil {
			return false, err
		}
	}
	if err := a.tx.PutScript(sc); err != nil {
		return false, err
	}
	return true, nil
}

// isAncestor reports whether revision old is head or one of its ancestors
// in the room's history.
func (a applier) isAncestor(old, head model.RevisionID) (bool, error) {
	if head == "" {
		return false, nil
	}
	infos, err := a.tx.Revisions(a.room)
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
