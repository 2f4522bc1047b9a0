package workspace

import (
	"errors"
	"time"

	"github.com/scriptroom/scriptroom/internal/model"
	"github.com/scriptroom/scriptroom/internal/store"
	"github.com/scriptroom/scriptroom/internal/textfile"
)

// DraftSaved is a draft as stored by a save: its text, when, and whether
// it is the head revision's text.
type DraftSaved struct {
	Text      string
	Saved     time.Time
	Committed bool
}

// SaveDraft stores text as the script's draft (the text being typed, not a
// revision), keeping the revision it was based on. It returns when it was
// saved and whether text is the head revision's text.
func (w *Workspace) SaveDraft(sid model.ScriptID, text string) (saved time.Time, committed bool, err error) {
	w.head.Lock()
	defer w.head.Unlock()
	d, err := w.saveDraft(sid, func(string) (string, error) { return text, nil })
	return d.Saved, d.Committed, err
}

// SaveDraftChanges applies the editor's changes to the script's draft and
// stores the result (ApplyChanges). On ErrChangesStale, ErrChangesMismatch
// or ErrBadChanges the draft is left as it was and the editor sends its
// whole text instead (UploadPart, SaveDraftUpload).
func (w *Workspace) SaveDraftChanges(sid model.ScriptID, ch Changes) (DraftSaved, error) {
	w.head.Lock()
	defer w.head.Unlock()
	return w.saveDraft(sid, func(old string) (string, error) { return ApplyChanges(old, ch) })
}

// UploadPart adds part number index (from 0) of a text the page sends in
// parts under id (Uploads.Part).
func (w *Workspace) UploadPart(id string, index int, part string) error {
	return w.uploads.Part(id, index, part)
}

// TakeUpload returns the text sent in parts under id, when it is whole
// (Uploads.Take).
func (w *Workspace) TakeUpload(id string, sum TextSum) (string, error) {
	return w.uploads.Take(id, sum)
}

// SaveDraftUpload stores the text sent in parts under upload as the
// script's draft, once it is whole.
func (w *Workspace) SaveDraftUpload(sid model.ScriptID, upload string, sum TextSum) (DraftSaved, error) {
	text, err := w.uploads.Take(upload, sum)
	if err != nil {
		return DraftSaved{}, err
	}
	w.head.Lock()
	defer w.head.Unlock()
	return w.saveDraft(sid, func(string) (string, error) { return text, nil })
}

// saveDraft stores edit(old draft text) as the draft; the head lock is held.
func (w *Workspace) saveDraft(sid model.ScriptID, edit func(old string) (string, error)) (DraftSaved, error) {
	sc, err := w.store.Script(sid)
	if err != nil {
		return DraftSaved{}, err
	}
	old, err := w.store.Draft(sid)
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		return DraftSaved{}, err
	}
	text, err := edit(old.Text)
	if err != nil {
		return DraftSaved{}, err
	}
	if len(text) > textfile.MaxSize {
		return DraftSaved{}, ErrTextTooLarge
	}
	saved := w.now().UTC()
	if err := w.store.PutDraft(sid, store.Draft{Text: text, Base: old.Base, Saved: saved}); err != nil {
		return DraftSaved{}, err
	}
	committed, err := w.MatchesHead(sc, text)
	return DraftSaved{Text: text, Saved: saved, Committed: committed}, err
}
