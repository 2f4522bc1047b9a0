package app

import (
	"fmt"
	"strings"
	"time"

	"github.com/scriptroom/scriptroom/internal/model"
	"github.com/scriptroom/scriptroom/internal/screenplay"
	"github.com/scriptroom/scriptroom/internal/store"
	"github.com/scriptroom/scriptroom/internal/textfile"
)

// Editor loads and autosaves the draft of a script and commits revisions.
type Editor struct {
	c *Core
}

// NewEditor makes the Editor service.
func NewEditor(c *Core) *Editor { return &Editor{c: c} }

// Document is what the editor opens: the script, its draft text and where
// the draft stands against the newest revision.
type Document struct {
	Script ScriptInfo `json:"script"`
	Text   string     `json:"text"`
	// Base is the revision the draft was last committed or restored as.
	Base string `json:"base"`
	// Committed is true when the draft's text is the head revision's text.
	Committed bool `json:"committed"`
	// Saved is when the draft was last saved.
	Saved time.Time        `json:"saved"`
	Stats screenplay.Stats `json:"stats"`
}

// DraftState is the answer to a save: when it was saved, and its figures.
type DraftState struct {
	Saved     time.Time        `json:"saved"`
	Committed bool             `json:"committed"`
	Stats     screenplay.Stats `json:"stats"`
}

// Open loads a script's draft.
func (e *Editor) Open(id string) (Document, error) {
	doing := "Could not open the script"
	sid := model.ScriptID(id)
	sc, err := e.c.store.Script(sid)
	if err != nil {
		return Document{}, plain(doing, err)
	}
	d, err := e.c.store.Draft(sid)
	if err != nil {
		return Document{}, plain(doing, err)
	}
	committed, err := e.matchesHead(sc, d.Text)
	if err != nil {
		return Document{}, plain(doing, err)
	}
	return Document{
		Script: NewLibrary(e.c).info(sc), Text: d.Text, Base: string(d.Base),
		Committed: committed, Saved: d.Saved, Stats: screenplay.Estimate(d.Text),
	}, nil
}

func (e *Editor) matchesHead(sc model.Script, text string) (bool, error) {
	if sc.Head == "" {
		return false, nil
	}
	head, err := e.c.store.Revision(sc.ID, sc.Head)
	if err != nil {
		return false, err
	}
	return head.ContentHash == model.ContentHash(text), nil
}

// SaveDraft stores the text being typed. The frontend calls it after a short
// pause in typing, so a crash loses at most the last second.
func (e *Editor) SaveDraft(id, text string) (DraftState, error) {
	doing := "Could not save your latest typing"
	if len(text) > textfile.MaxSize {
		return DraftState{}, plain(doing, ErrTextTooLarge)
	}
	sid := model.ScriptID(id)
	e.c.writeMu.Lock()
	defer e.c.writeMu.Unlock()
	sc, err := e.c.store.Script(sid)
	if err != nil {
		return DraftState{}, plain(doing, err)
	}
	old, err := e.c.store.Draft(sid)
	if err != nil && !isNotFound(err) {
		return DraftState{}, plain(doing, err)
	}
	now := e.c.now().UTC()
	if err := e.c.store.PutDraft(sid, store.Draft{Text: text, Base: old.Base, Saved: now}); err != nil {
		return DraftState{}, plain(doing, err)
	}
	committed, err := e.matchesHead(sc, text)
	if err != nil {
		return DraftState{}, plain(doing, err)
	}
	return DraftState{Saved: now, Committed: committed, Stats: screenplay.Estimate(text)}, nil
}

// Commit saves text as the draft and records it as a new revision on main
// with message. An empty message becomes "Revision N".
func (e *Editor) Commit(id, text, message string) (store.RevisionInfo, error) {
	if len(text) > textfile.MaxSize {
		return store.RevisionInfo{}, plain("Could not save the revision", ErrTextTooLarge)
	}
	info, err := e.commit(model.ScriptID(id), text, message)
	if err != nil {
		return store.RevisionInfo{}, plain("Could not save the revision", err)
	}
	e.c.emit(EventHistoryChanged, HistoryChanged{ScriptID: id, Head: string(info.ID)})
	return info, nil
}

func (e *Editor) commit(sid model.ScriptID, text, message string) (store.RevisionInfo, error) {
	e.c.writeMu.Lock()
	defer e.c.writeMu.Unlock()
	sc, err := e.c.store.Script(sid)
	if err != nil {
		return store.RevisionInfo{}, err
	}
	var parents []model.RevisionID
	if sc.Head != "" {
		same, err := e.matchesHead(sc, text)
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
		revs, err := e.c.store.Revisions(sid)
		if err != nil {
			return store.RevisionInfo{}, err
		}
		message = fmt.Sprintf("Revision %d", len(revs)+1)
	}
	now := e.c.now()
	rev, err := model.NewRevision(e.c.identity(), parents, text, message, now)
	if err != nil {
		return store.RevisionInfo{}, err
	}
	st := screenplay.Estimate(text)
	stats := store.RevisionStats{Words: st.Words, Pages: st.Pages}
	// The draft is saved first: if the commit fails, the text is still safe.
	if err := e.c.store.PutDraft(sid, store.Draft{Text: text, Base: rev.ID, Saved: now.UTC()}); err != nil {
		return store.RevisionInfo{}, err
	}
	if err := e.c.store.CommitRevision(sid, rev, stats); err != nil {
		return store.RevisionInfo{}, err
	}
	e.c.afterCommit(sid, rev)
	return revisionInfo(rev, stats), nil
}

func revisionInfo(r *model.Revision, st store.RevisionStats) store.RevisionInfo {
	return store.RevisionInfo{
		ID: r.ID, Parents: r.Parents, Author: r.Author, AuthorName: r.AuthorName,
		Time: r.Time, Message: r.Message, Stats: st,
	}
}
