package app

import (
	"errors"
	"fmt"

	"github.com/scriptroom/scriptroom/internal/model"
	"github.com/scriptroom/scriptroom/internal/store"
	"github.com/scriptroom/scriptroom/internal/workspace"
)

// History lists a script's revisions, shows any of them, and restores one.
type History struct {
	c *Core
}

// NewHistory makes the History service.
func NewHistory(c *Core) *History { return &History{c: c} }

// RevisionView is one revision with its full text.
type RevisionView struct {
	Info store.RevisionInfo `json:"info"`
	Text string             `json:"text"`
}

// List returns a script's revisions on main, newest first: the revisions
// of proposals (workspace.Rooms) are left out, except those main's head
// descends from by first parents.
func (h *History) List(id string) ([]store.RevisionInfo, error) {
	sid := model.ScriptID(id)
	revs, err := h.c.store.Revisions(sid)
	if err != nil {
		return nil, plain("Could not read the history", err)
	}
	hide, _ := h.c.ws.Rooms().ProposalRevisions(sid) // none hidden when unreadable
	if len(hide) > 0 {
		if sc, err := h.c.store.Script(sid); err == nil {
			byID := make(map[model.RevisionID]store.RevisionInfo, len(revs))
			for _, r := range revs {
				byID[r.ID] = r
			}
			for id := sc.Head; id != ""; {
				delete(hide, id)
				r, ok := byID[id]
				if !ok || len(r.Parents) == 0 {
					break
				}
				id = r.Parents[0]
			}
		}
	}
	out := make([]store.RevisionInfo, 0, len(revs))
	for i := len(revs) - 1; i >= 0; i-- {
		if !hide[revs[i].ID] {
			out = append(out, h.named(revs[i]))
		}
	}
	return out, nil
}

// named shows the writer's own revisions under the name they have now:
// one saved before they gave their name (the demo's, say) is not signed
// "Writer" or with their login name for ever. A name is not part of a
// revision's id, so this changes nothing that is signed.
func (h *History) named(info store.RevisionInfo) store.RevisionInfo {
	if me := h.c.identity(); info.Author == me.ID() {
		info.AuthorName = me.Name
	}
	return info
}

// View returns one revision with its text.
func (h *History) View(id, rev string) (RevisionView, error) {
	r, info, err := h.revision(model.ScriptID(id), model.RevisionID(rev))
	if err != nil {
		return RevisionView{}, plain("Could not show the revision", err)
	}
	return RevisionView{Info: h.named(info), Text: r.Text}, nil
}

// Pages is how a revision falls on printed pages of paper ("letter" or
// "a4"), as its PDF prints it: the revision preview's page breaks, page
// numbers and scenes. The revision is named by its id; its text never
// crosses the bindings from the page.
func (h *History) Pages(id, rev, paper string) (workspace.ScriptPages, error) {
	p, err := h.c.ws.RevisionPages(model.ScriptID(id), model.RevisionID(rev), paper)
	if err != nil {
		return workspace.ScriptPages{}, plain("Could not lay the revision out on pages", err)
	}
	return p, nil
}

// Figures are the words of each revision on main (List's, in its order)
// and the pages it prints on with paper ("letter" or "a4"), the PDF
// export's count: the history shows these as they come.
func (h *History) Figures(id, paper string) ([]Figures, error) {
	revs, err := h.List(id)
	if err != nil {
		return nil, err
	}
	out := make([]Figures, 0, len(revs))
	for _, r := range revs {
		st, err := h.c.ws.RevisionFigures(model.ScriptID(id), r.ID, paper)
		if err != nil {
			return nil, plain("Could not count the pages", err)
		}
		out = append(out, figuresOf(string(r.ID), st))
	}
	return out, nil
}

func (h *History) revision(sid model.ScriptID, rid model.RevisionID) (*model.Revision, store.RevisionInfo, error) {
	r, err := h.c.store.Revision(sid, rid)
	if err != nil {
		return nil, store.RevisionInfo{}, err
	}
	revs, err := h.c.store.Revisions(sid)
	if err != nil {
		return nil, store.RevisionInfo{}, err
	}
	for _, info := range revs {
		if info.ID == rid {
			return r, info, nil
		}
	}
	return r, workspace.RevisionInfo(r, store.RevisionStats{}), nil
}

// Restore makes a new revision whose text is that of an older one, so the
// revisions after it stay in history, and opens it in the editor. The text
// being typed is committed first if it differs from the head, so nothing is
// lost.
func (h *History) Restore(id, rev string) (Document, error) {
	doing := "Could not restore the revision"
	sid := model.ScriptID(id)
	old, _, err := h.revision(sid, model.RevisionID(rev))
	if err != nil {
		return Document{}, plain(doing, err)
	}
	ed := NewEditor(h.c)
	d, err := h.c.store.Draft(sid)
	if err != nil && !isNotFound(err) {
		return Document{}, plain(doing, err)
	}
	if err == nil {
		_, err = ed.commit(sid, d.Text, "Unsaved changes before restoring “"+old.Message+"”")
		if err != nil && !errors.Is(err, ErrNoChanges) {
			return Document{}, plain(doing, err)
		}
	}
	msg := fmt.Sprintf("Restored “%s” (%s)", old.Message, old.ID.Short())
	if _, err := ed.commit(sid, old.Text, msg); err != nil && !errors.Is(err, ErrNoChanges) {
		return Document{}, plain(doing, err)
	}
	h.c.emit(EventHistoryChanged, HistoryChanged{ScriptID: id})
	return ed.Open(id)
}

func isNotFound(err error) bool { return errors.Is(err, store.ErrNotFound) }
