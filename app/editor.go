package app

import (
	"errors"
	"time"

	"github.com/scriptroom/scriptroom/internal/model"
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
	Saved time.Time `json:"saved"`
	// Words counts the words a reader sees; the pages come from Pages.
	Words int `json:"words"`
}

// DraftState is the answer to a save: when it was saved, and its figures.
type DraftState struct {
	Saved     time.Time `json:"saved"`
	Committed bool      `json:"committed"`
	Words     int       `json:"words"`
	// Stale is true when changes were not applied because the library's
	// draft is not the text they were made against (or they did not make
	// the editor's text): nothing was saved, and the editor sends its
	// whole text in parts instead (SendPart, SaveDraftUpload).
	Stale bool `json:"stale"`
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
		Committed: committed, Saved: d.Saved, Words: workspace.WordCount(d.Text),
	}, nil
}

func (e *Editor) matchesHead(sc model.Script, text string) (bool, error) {
	return e.c.ws.MatchesHead(sc, text)
}

// SaveDraft stores the text being typed, whole. The editor's autosave
// sends its changes (SaveDraftChanges) and uses this only for a whole text
// small enough for one call.
func (e *Editor) SaveDraft(id, text string) (DraftState, error) {
	saved, committed, err := e.c.ws.SaveDraft(model.ScriptID(id), text)
	if err != nil {
		return DraftState{}, plain("Could not save your latest typing", err)
	}
	return DraftState{Saved: saved, Committed: committed, Words: workspace.WordCount(text)}, nil
}

// SaveDraftChanges applies the editor's changes since its last save to the
// draft and stores the result: what the editor sends every second while the
// writer types, a few bytes however long the script.
func (e *Editor) SaveDraftChanges(id string, changes workspace.Changes) (DraftState, error) {
	d, err := e.c.ws.SaveDraftChanges(model.ScriptID(id), changes)
	if staleChanges(err) {
		return DraftState{Stale: true}, nil
	}
	if err != nil {
		return DraftState{}, plain("Could not save your latest typing", err)
	}
	return draftState(d), nil
}

// SendPart receives part number index (from 0) of a whole text the page
// sends in parts under upload, each part a call small enough for the
// bindings; SaveDraftUpload, Review.SaveProposalUpload or
// Library.ImportUpload then uses the text. It returns the number of parts
// received.
func (e *Editor) SendPart(upload string, index int, part string) (int, error) {
	if err := e.c.ws.UploadPart(upload, index, part); err != nil {
		return 0, plain("Could not receive the text", err)
	}
	return index + 1, nil
}

// SaveDraftUpload stores the text sent in parts under upload as the draft,
// once it is whole and sums to sum.
func (e *Editor) SaveDraftUpload(id, upload string, sum workspace.TextSum) (DraftState, error) {
	d, err := e.c.ws.SaveDraftUpload(model.ScriptID(id), upload, sum)
	if err != nil {
		return DraftState{}, plain("Could not save your latest typing", err)
	}
	return draftState(d), nil
}

func draftState(d workspace.DraftSaved) DraftState {
	return DraftState{Saved: d.Saved, Committed: d.Committed, Words: workspace.WordCount(d.Text)}
}

// staleChanges reports whether err says the editor's changes do not fit the
// stored text, so the editor is to send its whole text instead.
func staleChanges(err error) bool {
	return errors.Is(err, workspace.ErrChangesStale) || errors.Is(err, workspace.ErrChangesMismatch) ||
		errors.Is(err, workspace.ErrBadChanges)
}

// Pages is how the saved draft falls on printed pages of paper ("letter"
// or "a4", as the PDF export prints it): where each page starts in the text
// and each scene's number, page and length. The editor asks for it after an
// autosave and maps the positions through what was typed since. A script
// locked for production gets its production layout: locked page and scene
// numbers, the lines with a revision mark and the current set.
func (e *Editor) Pages(id, paper string) (workspace.ScriptPages, error) {
	sid := model.ScriptID(id)
	prod, err := e.c.productionOf(sid)
	if err != nil {
		return workspace.ScriptPages{}, plain("Could not lay the script out on pages", err)
	}
	p, err := e.c.ws.ProductionPages(sid, paper, prod)
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

// CommitDraft records the saved draft as a new revision on main with
// message, when it is the text the editor shows (sum): the editor saves its
// changes first, so a feature-length script is never sent whole. A draft
// that is another text is refused, nothing recorded.
func (e *Editor) CommitDraft(id, message string, sum workspace.TextSum) (store.RevisionInfo, error) {
	info, err := e.c.ws.CommitDraft(model.ScriptID(id), sum, message)
	if err != nil {
		return store.RevisionInfo{}, plain("Could not save the revision", err)
	}
	e.c.emit(EventHistoryChanged, HistoryChanged{ScriptID: id, Head: string(info.ID)})
	return info, nil
}

func (e *Editor) commit(sid model.ScriptID, text, message string) (store.RevisionInfo, error) {
	return e.c.ws.Commit(sid, text, message)
}
