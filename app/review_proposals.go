package app

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"
	"unicode"

	"github.com/scriptroom/scriptroom/internal/diff"
	"github.com/scriptroom/scriptroom/internal/model"
	"github.com/scriptroom/scriptroom/internal/review"
	"github.com/scriptroom/scriptroom/internal/textfile"
	"github.com/scriptroom/scriptroom/internal/workspace"
)

// maxProposalTitle is the longest proposal title, in characters.
const maxProposalTitle = 120

// Proposals lists a script's proposals, newest first. A script that is not
// shared has none.
func (r *Review) Proposals(scriptID string) ([]ProposalInfo, error) {
	st, err := r.state(model.ScriptID(scriptID))
	if errors.Is(err, ErrNotShared) {
		return []ProposalInfo{}, nil
	}
	if err != nil {
		return nil, plain("Could not list the proposals", err)
	}
	ps := st.room.Proposals()
	out := make([]ProposalInfo, 0, len(ps))
	for i := len(ps) - 1; i >= 0; i-- {
		out = append(out, r.info(st, ps[i]))
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Created.After(out[j].Created) })
	return out, nil
}

// StartProposal opens a proposal on the script from main's head, with a
// title and a description, and publishes it. The proposal's text starts as
// main's; the editor then saves it with SaveProposal.
func (r *Review) StartProposal(scriptID, title, description string) (ProposalDoc, error) {
	doing := "Could not start the proposal"
	sid := model.ScriptID(scriptID)
	title, description = strings.TrimSpace(title), strings.TrimSpace(description)
	if title == "" {
		return ProposalDoc{}, &userError{msg: doing + ": a proposal needs a title"}
	}
	if len([]rune(title)) > maxProposalTitle {
		return ProposalDoc{}, &userError{msg: fmt.Sprintf("%s: a title has at most %d characters", doing, maxProposalTitle)}
	}
	r.c.writeMu.Lock()
	defer r.c.writeMu.Unlock()
	st, err := r.state(sid)
	if err != nil {
		return ProposalDoc{}, r.failed(doing, err)
	}
	if err := st.need(model.RoleProposer, doing, "propose changes"); err != nil {
		return ProposalDoc{}, err
	}
	base := st.room.MainHead
	if base == "" {
		return ProposalDoc{}, &userError{msg: doing + ": " + ErrNoRevisionYet.Error(), err: ErrNoRevisionYet}
	}
	baseRev, err := r.text(st, base)
	if err != nil {
		return ProposalDoc{}, r.failed(doing, err)
	}
	name := branchName(title)
	now := r.c.now()
	rev, err := model.NewRevision(st.me, []model.RevisionID{base}, baseRev.Text, description, now)
	if err != nil {
		return ProposalDoc{}, r.failed(doing, err)
	}
	p, err := r.publishProposalRevision(st, rev, model.BranchPayload{Name: name, Base: base, Head: rev.ID, Title: title}, now, doing)
	if err != nil {
		return ProposalDoc{}, err
	}
	return ProposalDoc{ScriptID: scriptID, Proposal: r.info(st, p), Text: rev.Text}, nil
}

// proposalEvents signs a revision event and the branch event that follows
// it, and checks both against the room.
func (st *roomState) proposalEvents(rp model.RevisionPayload, branch model.BranchPayload, t time.Time) ([]*model.Event, error) {
	revEv, err := st.newEvent(model.KindRevision, rp, t)
	if err != nil {
		return nil, err
	}
	brEv, err := st.newEvent(model.KindBranch, branch, t)
	if err != nil {
		return nil, err
	}
	if err := st.check(revEv, brEv); err != nil {
		return nil, err
	}
	return []*model.Event{revEv, brEv}, nil
}

// OpenProposal opens a proposal in the editor: its newest text, including
// typing saved and not yet published. When I am its author and main has
// moved since its base, it is updated first if main's changes and mine do
// not overlap, and marked "needs update" if they do.
func (r *Review) OpenProposal(scriptID, name string) (ProposalDoc, error) {
	doing := "Could not open the proposal"
	sid := model.ScriptID(scriptID)
	st, p, err := r.proposal(sid, name, doing)
	if err != nil {
		return ProposalDoc{}, err
	}
	if p.Author == st.me.ID() && !p.Status.Final() && p.Base != st.room.MainHead && !r.hasPendingSave(sid, name) {
		if _, err := r.Update(scriptID, name); err == nil || errors.Is(err, ErrNeedsManualUpdate) {
			if st, p, err = r.proposal(sid, name, doing); err != nil {
				return ProposalDoc{}, err
			}
		}
	}
	head, err := r.text(st, p.Head)
	if err != nil {
		return ProposalDoc{}, r.failed(doing, err)
	}
	text := head.Text
	if pending, ok := r.pendingText(sid, name); ok {
		text = pending
	}
	return ProposalDoc{ScriptID: scriptID, Proposal: r.info(st, p), Text: text}, nil
}

// proposal folds the script's review and finds a proposal.
func (r *Review) proposal(sid model.ScriptID, name, doing string) (*roomState, review.Proposal, error) {
	st, err := r.state(sid)
	if err != nil {
		return nil, review.Proposal{}, r.failed(doing, err)
	}
	if st.role == model.RoleNone {
		return nil, review.Proposal{}, st.need(model.RoleReader, doing, "")
	}
	p, ok := st.room.Proposal(name)
	if !ok {
		return nil, review.Proposal{}, &userError{msg: fmt.Sprintf("%s: %s (%q)", doing, ErrNoProposal, name), err: ErrNoProposal}
	}
	return st, p, nil
}

// ownProposal is proposal for an action only its author may take on an
// undecided proposal.
func (r *Review) ownProposal(sid model.ScriptID, name, doing string) (*roomState, review.Proposal, error) {
	st, p, err := r.proposal(sid, name, doing)
	if err != nil {
		return nil, p, err
	}
	if err := st.need(model.RoleProposer, doing, "change proposals"); err != nil {
		return nil, p, err
	}
	if p.Author != st.me.ID() {
		return nil, p, &userError{msg: fmt.Sprintf("%s: %s; “%s” is %s's", doing, ErrNotYourProposal, p.Title, st.name(p.Author)), err: ErrNotYourProposal}
	}
	if p.Status.Final() {
		return nil, p, st.decided(doing, p)
	}
	return st, p, nil
}

// SaveProposal is the editor's autosave in proposal mode: it publishes the
// text as a new revision of the proposal and moves its head, at most about
// once a second (a save sooner is published when the second is up). Saving
// the text the proposal already has does nothing.
func (r *Review) SaveProposal(scriptID, name, text string) (ProposalInfo, error) {
	doing := "Could not save the proposal"
	if len(text) > textfile.MaxSize {
		return ProposalInfo{}, plain(doing, ErrTextTooLarge)
	}
	sid := model.ScriptID(scriptID)
	st, p, err := r.ownProposal(sid, name, doing)
	if err != nil {
		return ProposalInfo{}, err
	}
	head, err := r.text(st, p.Head)
	if err != nil {
		return ProposalInfo{}, r.failed(doing, err)
	}
	if !r.queueSave(sid, name, text, head.Text) {
		return r.info(st, p), nil
	}
	return r.flushSave(sid, name)
}

// ProposalSaved is the answer to a proposal saved as changes: the proposal
// as it stands, or Stale when the changes were not made against the
// proposal's newest text (nothing was saved; the editor sends its whole
// text instead).
type ProposalSaved struct {
	Proposal ProposalInfo `json:"proposal"`
	Stale    bool         `json:"stale"`
}

// SaveProposalChanges is SaveProposal for the editor's changes since its
// last save, applied to the proposal's newest text (typing saved and not
// yet published, else its head).
func (r *Review) SaveProposalChanges(scriptID, name string, changes workspace.Changes) (ProposalSaved, error) {
	doing := "Could not save the proposal"
	sid := model.ScriptID(scriptID)
	st, p, err := r.ownProposal(sid, name, doing)
	if err != nil {
		return ProposalSaved{}, err
	}
	old, ok := r.pendingText(sid, name)
	if !ok {
		head, err := r.text(st, p.Head)
		if err != nil {
			return ProposalSaved{}, r.failed(doing, err)
		}
		old = head.Text
	}
	text, err := workspace.ApplyChanges(old, changes)
	if staleChanges(err) {
		return ProposalSaved{Stale: true}, nil
	}
	if err != nil {
		return ProposalSaved{}, plain(doing, err)
	}
	info, err := r.SaveProposal(scriptID, name, text)
	return ProposalSaved{Proposal: info}, err
}

// SaveProposalUpload is SaveProposal for a whole text sent in parts under
// upload (Editor.SendPart), once it is whole and sums to sum.
func (r *Review) SaveProposalUpload(scriptID, name, upload string, sum workspace.TextSum) (ProposalInfo, error) {
	text, err := r.c.ws.TakeUpload(upload, sum)
	if err != nil {
		return ProposalInfo{}, plain("Could not save the proposal", err)
	}
	return r.SaveProposal(scriptID, name, text)
}

// publishText publishes text as the proposal's new head: a revision whose
// parent is the head (and main's head too when it is an update), and the
// branch event that moves the head (and the base, for an update).
func (r *Review) publishText(sid model.ScriptID, name, text, message string, newBase model.RevisionID) (ProposalInfo, error) {
	doing := "Could not save the proposal"
	r.c.writeMu.Lock()
	defer r.c.writeMu.Unlock()
	st, p, err := r.ownProposal(sid, name, doing)
	if err != nil {
		return ProposalInfo{}, err
	}
	head, err := r.text(st, p.Head)
	if err != nil {
		return ProposalInfo{}, r.failed(doing, err)
	}
	if head.Text == text && newBase == "" {
		return r.info(st, p), nil
	}
	parents := []model.RevisionID{p.Head}
	if newBase != "" && newBase != p.Head {
		parents = append(parents, newBase)
	}
	now := r.c.now()
	rev, err := model.NewRevision(st.me, parents, text, message, now)
	if err != nil {
		return ProposalInfo{}, r.failed(doing, err)
	}
	p, err = r.publishProposalRevision(st, rev, model.BranchPayload{Name: name, Base: newBase, Head: rev.ID}, now, doing)
	if err != nil {
		return ProposalInfo{}, err
	}
	return r.info(st, p), nil
}

// publishProposalRevision stores rev, a revision of the proposal br names,
// and publishes it with the branch event br; it returns the proposal as the
// room has it now.
func (r *Review) publishProposalRevision(st *roomState, rev *model.Revision, br model.BranchPayload, now time.Time, doing string) (review.Proposal, error) {
	evs, err := st.proposalEvents(r.sharePayload(st, br.Name, rev), br, now)
	if err != nil {
		return review.Proposal{}, r.failed(doing, err)
	}
	if err := r.c.ws.AddRevision(st.sid, rev); err != nil {
		return review.Proposal{}, r.failed(doing, err)
	}
	if err := r.publish(st.sid, evs...); err != nil {
		return review.Proposal{}, r.failed(doing, err)
	}
	p, _ := st.room.Proposal(br.Name)
	return p, nil
}

// sharePayload is how rev is shared on branch: as a delta of its first
// parent's text when the room's log holds that text and the fold took it
// (so every reader of the log can rebuild rev's) and the relay takes
// deltas, else whole; see workspace.SharePayload for when a delta does not
// pay.
func (r *Review) sharePayload(st *roomState, branch string, rev *model.Revision) model.RevisionPayload {
	chain := -1
	var base *model.Revision
	if len(rev.Parents) > 0 && r.s.takesDeltas() {
		id := rev.Parents[0]
		_, folded := st.room.Revision(id)
		if n, ok := st.chain[id]; ok && folded {
			if b, err := r.text(st, id); err == nil {
				base, chain = b, n
			}
		}
	}
	return workspace.SharePayload(branch, rev, base, chain)
}

// Withdraw takes back one of my proposals; it stays in the list, withdrawn.
func (r *Review) Withdraw(scriptID, name string) (ProposalInfo, error) {
	doing := "Could not withdraw the proposal"
	sid := model.ScriptID(scriptID)
	r.dropSave(sid, name)
	r.c.writeMu.Lock()
	defer r.c.writeMu.Unlock()
	st, p, err := r.ownProposal(sid, name, doing)
	if err != nil {
		return ProposalInfo{}, err
	}
	return r.setStatus(st, p, doing, model.StatusPayload{Branch: name, Status: model.StatusWithdrawn})
}

// Reject turns a proposal down, with a reason for its author. Only the
// script's owner or an editor may.
func (r *Review) Reject(scriptID, name, reason string) (ProposalInfo, error) {
	doing := "Could not reject the proposal"
	reason = strings.TrimSpace(reason)
	if len(reason) > model.MaxReason {
		return ProposalInfo{}, &userError{msg: fmt.Sprintf("%s: the reason is too long (at most %d bytes)", doing, model.MaxReason)}
	}
	r.c.writeMu.Lock()
	defer r.c.writeMu.Unlock()
	st, p, err := r.decidable(model.ScriptID(scriptID), name, doing, "reject proposals")
	if err != nil {
		return ProposalInfo{}, err
	}
	return r.setStatus(st, p, doing, model.StatusPayload{Branch: name, Status: model.StatusRejected, Reason: reason})
}

// decidable finds a proposal the writer may decide now: they are the owner
// or an editor, and it is not decided yet.
func (r *Review) decidable(sid model.ScriptID, name, doing, what string) (*roomState, review.Proposal, error) {
	st, p, err := r.proposal(sid, name, doing)
	if err != nil {
		return nil, p, err
	}
	if err := st.need(model.RoleEditor, doing, what); err != nil {
		return nil, p, err
	}
	if p.Status.Final() {
		return nil, p, st.decided(doing, p)
	}
	return st, p, nil
}

// setStatus publishes a status change of a proposal.
func (r *Review) setStatus(st *roomState, p review.Proposal, doing string, sp model.StatusPayload) (ProposalInfo, error) {
	ev, err := st.newEvent(model.KindStatus, sp, r.c.now())
	if err != nil {
		return ProposalInfo{}, r.failed(doing, err)
	}
	if err := st.check(ev); err != nil {
		return ProposalInfo{}, r.failed(doing, err)
	}
	if err := r.publish(st.sid, ev); err != nil {
		return ProposalInfo{}, r.failed(doing, err)
	}
	p, _ = st.room.Proposal(p.Name)
	return r.info(st, p), nil
}

// Update brings an outdated proposal of mine up to date with main: when
// main's changes since its base and the proposal's do not overlap, a new
// revision (with the proposal's head and main's head as parents) becomes
// its head and main's head its base. When they overlap, the proposal is
// marked "needs update" and the error says so; nothing is lost.
func (r *Review) Update(scriptID, name string) (ProposalInfo, error) {
	doing := "Could not update the proposal"
	sid := model.ScriptID(scriptID)
	if _, err := r.flushSave(sid, name); err != nil {
		return ProposalInfo{}, err
	}
	st, p, err := r.ownProposal(sid, name, doing)
	if err != nil {
		return ProposalInfo{}, err
	}
	main := st.room.MainHead
	if p.Base == main {
		return r.info(st, p), nil
	}
	texts, err := r.texts(st, p.Base, main, p.Head)
	if err != nil {
		return ProposalInfo{}, r.failed(doing, err)
	}
	text, clean := review.Rebase(texts[0], texts[1], texts[2])
	if !clean {
		if p.Status != model.StatusNeedsUpdate {
			r.c.writeMu.Lock()
			_, err = r.setStatus(st, p, doing, model.StatusPayload{Branch: name, Status: model.StatusNeedsUpdate,
				Reason: "main changed the same lines"})
			r.c.writeMu.Unlock()
			if err != nil {
				return ProposalInfo{}, err
			}
		}
		return ProposalInfo{}, &userError{msg: doing + ": " + ErrNeedsManualUpdate.Error(), err: ErrNeedsManualUpdate}
	}
	return r.publishText(sid, name, text, "Updated with the changes on main", main)
}

// texts reads the texts of revisions, in order.
func (r *Review) texts(st *roomState, ids ...model.RevisionID) ([]string, error) {
	out := make([]string, len(ids))
	for i, id := range ids {
		rev, err := r.text(st, id)
		if err != nil {
			return nil, err
		}
		out[i] = rev.Text
	}
	return out, nil
}

// info is what the window shows of a proposal.
func (r *Review) info(st *roomState, p review.Proposal) ProposalInfo {
	in := ProposalInfo{
		Name: p.Name, Title: p.Title, Description: p.Description,
		Author: string(p.Author), AuthorName: st.name(p.Author),
		Base: string(p.Base), Head: string(p.Head), Status: string(p.Status),
		Created: p.Created, Updated: p.Updated,
		Scenes: r.touched(st, p.Base, p.Head),
		Mine:   p.Author == st.me.ID(),
		Merge:  string(p.Merge), Reason: p.Reason,
	}
	final := p.Status.Final()
	in.CanDecide = !final && st.role.Allows(model.RoleEditor)
	in.Outdated = !final && p.Base != st.room.MainHead
	if final {
		in.DecidedBy = st.name(p.DecidedBy)
	}
	return in
}

// touched lists the headings of the scenes head changes against base
// (remembered: a proposal's revisions never change).
func (r *Review) touched(st *roomState, base, head model.RevisionID) []string {
	key := [2]model.RevisionID{base, head}
	r.mu.Lock()
	got, ok := r.scenes[key]
	r.mu.Unlock()
	if ok {
		return got
	}
	texts, err := r.texts(st, base, head)
	if err != nil {
		return []string{}
	}
	out := []string{}
	sum := diff.Scenes(texts[0], texts[1])
	if sum.PreambleChanged {
		out = append(out, "Title page and opening")
	}
	for _, c := range sum.Changes {
		h := c.NewHeading
		if h == "" {
			h = c.OldHeading
		}
		out = append(out, h)
	}
	r.mu.Lock()
	r.scenes[key] = out
	r.mu.Unlock()
	return out
}

// branchName makes a proposal's branch name from its title: a slug and a
// random suffix, so two proposals never share a name.
func branchName(title string) string {
	var b strings.Builder
	dash := false
	for _, c := range strings.ToLower(title) {
		switch {
		case unicode.IsLetter(c) || unicode.IsDigit(c):
			b.WriteRune(c)
			dash = false
		case !dash && b.Len() > 0:
			b.WriteByte('-')
			dash = true
		}
		if b.Len() >= 40 {
			break
		}
	}
	slug := strings.TrimSuffix(b.String(), "-")
	if slug == "" || slug == model.MainBranch {
		slug = "proposal"
	}
	return slug + "-" + newID(3)
}
