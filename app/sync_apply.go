package app

import (
	"fmt"
	"time"

	"github.com/scriptroom/scriptroom/internal/model"
	"github.com/scriptroom/scriptroom/internal/screenplay"
	"github.com/scriptroom/scriptroom/internal/store"
)

// apply folds events received from a room into the library: a room event
// makes (or retitles) the script, revision events add to its history, and
// main's branch events move its head; proposals, their revisions, statuses
// and comments are told to the Review service and the window. The relay
// checked every author's role and the client verified every signature;
// revisions are verified again when stored.
func (s *Sync) apply(room model.ScriptID, evs []*model.Event) {
	changedLib, changedHist := false, false
	for _, ev := range evs {
		if model.IsACLKind(ev.Kind) {
			s.mu.Lock()
			delete(s.acls, room)
			delete(s.revoked, room)
			s.mu.Unlock()
		}
		var err error
		var lib, hist bool
		switch ev.Kind {
		case model.KindRoom:
			lib, err = s.applyRoom(room, ev)
		case model.KindRevision:
			hist, err = s.applyRevision(room, ev)
			if onProposal(ev) {
				hist = false // kept for review; main's history is unchanged
			}
		case model.KindBranch:
			hist, err = s.applyBranch(room, ev)
		}
		if err != nil {
			s.setProblem(fmt.Sprintf("Could not store a change received for a shared script: %v", err))
		}
		changedLib = changedLib || lib || hist
		changedHist = changedHist || hist
	}
	s.reviewReceived(room, evs)
	if changedLib {
		s.c.emit(EventLibraryChanged, LibraryChanged{ScriptID: string(room)})
	}
	if changedHist {
		sc, _ := s.c.store.Script(room)
		s.c.emit(EventHistoryChanged, HistoryChanged{ScriptID: string(room), Head: string(sc.Head)})
	}
}

func (s *Sync) applyRoom(room model.ScriptID, ev *model.Event) (bool, error) {
	var p model.RoomPayload
	if err := ev.DecodePayload(&p); err != nil {
		return false, err
	}
	s.c.writeMu.Lock()
	defer s.c.writeMu.Unlock()
	sc, err := s.c.store.Script(room)
	if isNotFound(err) {
		at := timeOf(ev)
		sc = model.Script{ID: room, Title: p.Title, Owner: ev.Author, Visibility: p.Visibility, Created: at, Modified: at}
		if err := s.c.store.PutScript(sc); err != nil {
			return false, err
		}
		return true, s.c.store.PutDraft(room, store.Draft{Saved: at})
	}
	if err != nil || sc.Owner != ev.Author {
		return false, err
	}
	if sc.Title == p.Title && sc.Visibility == p.Visibility {
		return false, nil
	}
	sc.Title, sc.Visibility = p.Title, p.Visibility
	return true, s.c.store.PutScript(sc)
}

func (s *Sync) applyRevision(room model.ScriptID, ev *model.Event) (bool, error) {
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
	st := screenplay.Estimate(rev.Text)
	s.c.writeMu.Lock()
	defer s.c.writeMu.Unlock()
	if _, err := s.c.store.Revision(room, rev.ID); err == nil {
		return false, nil // ours, or already received
	}
	if err := s.c.store.AddRevision(room, &rev, store.RevisionStats{Words: st.Words, Pages: st.Pages}); err != nil {
		return false, err
	}
	return true, nil
}

// applyBranch moves the script's head when main moves to a revision held
// here. The draft follows when it holds no unsaved typing (it matches the
// old head).
func (s *Sync) applyBranch(room model.ScriptID, ev *model.Event) (bool, error) {
	var p model.BranchPayload
	if err := ev.DecodePayload(&p); err != nil {
		return false, err
	}
	if p.Name != model.MainBranch {
		return false, nil
	}
	s.c.writeMu.Lock()
	defer s.c.writeMu.Unlock()
	sc, err := s.c.store.Script(room)
	if err != nil {
		return false, err
	}
	if sc.Head == p.Head {
		return false, nil
	}
	head, err := s.c.store.Revision(room, p.Head)
	if err != nil {
		return false, err
	}
	d, err := s.c.store.Draft(room)
	follow := isNotFound(err) || d.Text == "" && sc.Head == ""
	if err == nil && sc.Head != "" {
		if old, err := s.c.store.Revision(room, sc.Head); err == nil && old.ContentHash == model.ContentHash(d.Text) {
			follow = true
		}
	}
	sc.Head = p.Head
	if head.Time.After(sc.Modified) {
		sc.Modified = head.Time
	}
	if err := s.c.store.PutScript(sc); err != nil {
		return false, err
	}
	if follow {
		if err := s.c.store.PutDraft(room, store.Draft{Text: head.Text, Base: head.ID, Saved: s.c.now().UTC()}); err != nil {
			return false, err
		}
	}
	return true, nil
}

// timeOf is when the event was made.
func timeOf(ev *model.Event) time.Time { return time.UnixMilli(ev.Time).UTC() }
