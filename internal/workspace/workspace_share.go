package workspace

import (
	"fmt"
	"time"

	"github.com/scriptroom/scriptroom/internal/model"
)

// Invite validity, in hours.
const (
	// DefaultInviteHours is an invite's validity when none is asked: a week.
	DefaultInviteHours = 7 * 24
	// MaxInviteHours is the longest validity offered: 90 days.
	MaxInviteHours = 90 * 24
)

// CanShare checks that the writer may share script sid with visibility vis:
// vis is private, invite or public (ErrBadVisibility), and only the
// script's owner may share (ErrNotOwner).
func (w *Workspace) CanShare(sid model.ScriptID, vis model.Visibility) error {
	switch vis {
	case model.Private, model.Invite, model.Public:
	default:
		return fmt.Errorf("%w, not %q", ErrBadVisibility, vis)
	}
	sc, err := w.store.Script(sid)
	if err != nil {
		return err
	}
	if sc.Owner != w.Identity().ID() {
		return ErrNotOwner
	}
	return nil
}

// ShareEvents are the events sharing script sid to its room publishes, in
// order: the room with its title and visibility, then, the first time
// (first), the writer's revisions oldest first (only its author can share a
// revision; others' are on the relay already), main's head, and the
// production history kept in the library (productionEvents), so that the
// room's lock is the one the script had. It checks CanShare first.
func (w *Workspace) ShareEvents(sid model.ScriptID, vis model.Visibility, first bool) ([]*model.Event, error) {
	if err := w.CanShare(sid, vis); err != nil {
		return nil, err
	}
	sc, err := w.store.Script(sid)
	if err != nil {
		return nil, err
	}
	me := w.Identity()
	now := w.now()
	room, err := model.NewEvent(me, sid, model.KindRoom, model.RoomPayload{Title: sc.Title, Visibility: vis}, now)
	if err != nil {
		return nil, err
	}
	evs := []*model.Event{room}
	if !first {
		return evs, nil
	}
	revs, err := w.store.Revisions(sid)
	if err != nil {
		return nil, err
	}
	for _, info := range revs {
		if info.Author != me.ID() {
			continue
		}
		rev, err := w.store.Revision(sid, info.ID)
		if err != nil {
			return nil, err
		}
		ev, err := model.NewEvent(me, sid, model.KindRevision, model.RevisionPayload{Branch: model.MainBranch, Revision: *rev}, now)
		if err != nil {
			return nil, err
		}
		evs = append(evs, ev)
	}
	if sc.Head != "" {
		ev, err := model.NewEvent(me, sid, model.KindBranch, model.BranchPayload{Name: model.MainBranch, Head: sc.Head}, now)
		if err != nil {
			return nil, err
		}
		evs = append(evs, ev)
	}
	prod, err := w.productionEvents(sid)
	if err != nil {
		return nil, err
	}
	return append(evs, prod...), nil
}

// productionEvents are the production events that give script sid's room
// the production state the library kept while the script was kept alone
// (model.Production.Replay): the lock with its locked pages, the sets,
// clears, unlocks and relocks, in order, each dated when it was made (a
// millisecond later than the one before at least, so that no two are one
// event), so that every member's fold has the same state and history.
// They name revisions, so they go after the revisions.
func (w *Workspace) productionEvents(sid model.ScriptID) ([]*model.Event, error) {
	p, err := w.store.Production(sid)
	if err != nil {
		return nil, fmt.Errorf("read the production state: %w", err)
	}
	me := w.Identity()
	var evs []*model.Event
	var last int64
	for _, s := range p.Replay() {
		at := max(s.At, last+1)
		last = at
		ev, err := model.NewEvent(me, sid, model.KindProduction, s.Payload, time.UnixMilli(at))
		if err != nil {
			return nil, fmt.Errorf("production %s: %w", s.Payload.Op, err)
		}
		evs = append(evs, ev)
	}
	return evs, nil
}

// InviteLinkFor makes an invite link to script sid on relay for role
// (editor, proposer, commenter or reader: model.ErrBadRole otherwise),
// valid for hours (DefaultInviteHours when 0 or less, at most
// MaxInviteHours). Only the script's owner may invite (ErrNotOwner), to a
// script already shared (shared: ErrNotShared otherwise), through a relay
// ("" is ErrNoRelay).
func (w *Workspace) InviteLinkFor(sid model.ScriptID, shared bool, relay string, role model.Role, hours int) (string, error) {
	sc, err := w.store.Script(sid)
	if err != nil {
		return "", err
	}
	me := w.Identity()
	switch {
	case sc.Owner != me.ID():
		return "", ErrNotOwner
	case !shared:
		return "", ErrNotShared
	case !role.Grantable():
		return "", fmt.Errorf("%w: the role is editor, proposer, commenter or reader, not %q", model.ErrBadRole, role)
	case relay == "":
		return "", ErrNoRelay
	}
	if hours <= 0 {
		hours = DefaultInviteHours
	}
	hours = min(hours, MaxInviteHours)
	inv, err := model.NewInvite(me, sid, role, w.now().Add(time.Duration(hours)*time.Hour))
	if err != nil {
		return "", err
	}
	return InviteLink(relay, inv)
}

// CommitEvents are the events that share rev, just committed here on a
// shared script where the writer holds role: the revision and its branch's
// move, on main for the owner and editors, on the writer's own proposal
// branch for a proposer; none for commenters and readers.
func (w *Workspace) CommitEvents(sid model.ScriptID, rev *model.Revision, role model.Role) ([]*model.Event, error) {
	me := w.Identity()
	branch := model.BranchPayload{Name: model.MainBranch, Head: rev.ID}
	switch {
	case role.Allows(model.RoleEditor):
	case role.Allows(model.RoleProposer):
		branch = model.BranchPayload{Name: "proposal-" + me.ID().Short(), Head: rev.ID, Title: "Proposal by " + me.Name}
		if len(rev.Parents) > 0 {
			branch.Base = rev.Parents[0]
		}
	default:
		return nil, nil
	}
	now := w.now()
	revEv, err := model.NewEvent(me, sid, model.KindRevision, model.RevisionPayload{Branch: branch.Name, Revision: *rev}, now)
	if err != nil {
		return nil, err
	}
	brEv, err := model.NewEvent(me, sid, model.KindBranch, branch, now)
	if err != nil {
		return nil, err
	}
	return []*model.Event{revEv, brEv}, nil
}
