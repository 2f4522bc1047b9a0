package app

import (
	"github.com/scriptroom/scriptroom/internal/model"
	"github.com/scriptroom/scriptroom/internal/workspace"
)

// ProposalPages is how a proposal's newest text (its typing saved and not
// yet published, else its head) falls on printed pages of paper ("letter"
// or "a4"), as its PDF prints it: the page breaks and numbers the editor
// shows in proposal mode. The pages carry the sum of the text laid out, so
// the editor knows which of its saves they are of.
func (r *Review) ProposalPages(scriptID, name, paper string) (workspace.ScriptPages, error) {
	doing := "Could not lay the proposal out on pages"
	sid := model.ScriptID(scriptID)
	st, p, err := r.proposal(sid, name, doing)
	if err != nil {
		return workspace.ScriptPages{}, err
	}
	text, ok := r.pendingText(sid, name)
	if !ok {
		head, err := r.text(st, p.Head)
		if err != nil {
			return workspace.ScriptPages{}, r.failed(doing, err)
		}
		text = head.Text
	}
	pages, err := workspace.TextPages(text, paper)
	if err != nil {
		return workspace.ScriptPages{}, plain(doing, err)
	}
	return pages, nil
}
