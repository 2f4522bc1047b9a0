package app

import (
	"time"

	"github.com/scriptroom/scriptroom/internal/model"
	"github.com/scriptroom/scriptroom/internal/screenplay"
	"github.com/scriptroom/scriptroom/internal/store"
	"github.com/scriptroom/scriptroom/internal/workspace"
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
	return e.c.ws.MatchesHead(sc, text)
}

// SaveDraft stores the text being typed. The frontend calls it after a short
// pause in typing, so a crash loses at most the last second.
func (e *Editor) SaveDraft(id, text string) (DraftState, error) {
	saved, committed, err := e.c.ws.SaveDraft(model.ScriptID(id), text)
	if err != nil {
		return DraftState{}, plain("Could not save your latest typing", err)
	}
	return DraftState{Saved: saved, Committed: committed, Stats: screenplay.Estimate(text)}, nil
}

// Pages is how the saved draft falls on printed pages of paper ("letter"
// or "a4", as the PDF export prints it): where each page starts in the text
// and each scene's number, page and length. The editor asks for it after an
// autosave and maps the positions through what was typed since.
func (e *Editor) Pages(id, paper string) (workspace.ScriptPages, error) {
	p, err := e.c.ws.Pages(model.ScriptID(id), paper)
	if err != nil {
		return workspace.ScriptPages{}, plain("Could not lay the script out on pages", err)
	}
	return p, nil
}

// Commit saves text as the draft and records it as a new revision on main
// with message. An empty message becomes "Revision N".
func (e *Editor) Commit(id, text, message string) (store.RevisionInfo, error) {
	info, err := e.commit(model.ScriptID(id), text, message)
	if err != nil {
		return store.RevisionInfo{}, plain("Could not save the revision", err)
	}
	e.c.emit(EventHistoryChanged, HistoryChanged{ScriptID: id, Head: string(info.ID)})
	return info, nil
}

func (e *Editor) commit(sid model.ScriptID, text, message string) (store.RevisionInfo, error) {
	return e.c.ws.Commit(sid, text, message)
}
