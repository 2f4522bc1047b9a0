package app

import (
	"fmt"

	"github.com/scriptroom/scriptroom/internal/model"
	"github.com/scriptroom/scriptroom/internal/workspace"
)

// ShareInfo is how a script is shared: its room, its visibility, the
// writer's role in it and the relay.
type ShareInfo struct {
	ScriptID   string `json:"scriptId"`
	Title      string `json:"title"`
	Shared     bool   `json:"shared"`
	Visibility string `json:"visibility"`
	// Role is the writer's role: owner, editor, proposer, commenter,
	// reader; "" for a script not shared.
	Role  string `json:"role"`
	Relay string `json:"relay"`
}

// Sharing says whether and how a script is shared.
func (s *Sync) Sharing(scriptID string) (ShareInfo, error) {
	sid := model.ScriptID(scriptID)
	sc, err := s.c.store.Script(sid)
	if err != nil {
		return ShareInfo{}, plain("Could not read the script", err)
	}
	return s.shareInfo(sc), nil
}

func (s *Sync) shareInfo(sc model.Script) ShareInfo {
	relay, _ := s.c.store.Setting(settingRelayURL)
	in := ShareInfo{ScriptID: string(sc.ID), Title: sc.Title, Visibility: string(sc.Visibility), Relay: relay}
	if s.isShared(sc.ID) {
		in.Shared = true
		in.Role = string(s.roleIn(sc))
	}
	return in
}

// Share publishes a script to a room on the relay (the room's id is the
// script's): the room with its title and visibility ("private", "invite"
// or "public"), then the writer's revisions, oldest first, main's head and
// the production history the library kept (a script locked while kept
// alone stays locked, with its sets, for every collaborator). Sharing again changes the visibility only. Only the owner may share.
func (s *Sync) Share(scriptID, visibility string) (ShareInfo, error) {
	doing := "Could not share the script"
	sid := model.ScriptID(scriptID)
	vis := model.Visibility(visibility)
	if err := s.c.ws.CanShare(sid, vis); err != nil {
		return ShareInfo{}, plain(doing, err)
	}
	if _, err := s.activeClient(); err != nil { // connects; publishEvent then uses it
		return ShareInfo{}, &userError{msg: doing + ": " + err.Error(), err: err}
	}
	// Only now: connecting finds a room event still in the outbox.
	first := !s.isShared(sid)
	events, err := s.c.ws.ShareEvents(sid, vis, first)
	if err != nil {
		return ShareInfo{}, plain(doing, err)
	}
	if first {
		s.mu.Lock()
		s.joining[events[0].ID] = sid // the room event
		s.mu.Unlock()
	}
	for _, ev := range events {
		if err := s.publishEvent(ev); err != nil {
			return ShareInfo{}, plain(doing, err)
		}
	}
	sc, err := s.c.ws.Update(sid, func(sc *model.Script) error {
		sc.Visibility = vis
		return nil
	})
	if err != nil {
		return ShareInfo{}, plain(doing, err)
	}
	s.emitStatus()
	return s.shareInfo(sc), nil
}

// Invite makes an invite link to a shared script, for the given role
// (editor, proposer, commenter or reader), valid for validForHours (a week
// when 0). Only the owner may invite. The link carries the relay's address.
func (s *Sync) Invite(scriptID, role string, validForHours int) (string, error) {
	sid := model.ScriptID(scriptID)
	relay, _ := s.c.store.Setting(settingRelayURL)
	link, err := s.c.ws.InviteLinkFor(sid, s.isShared(sid), relay, model.Role(role), validForHours)
	if err != nil {
		return "", plain("Could not make the invite", err)
	}
	return link, nil
}

// Join redeems an invite link: it sets the link's relay, publishes the
// membership and joins the room; the script appears in the library when its
// room and revisions arrive (EventLibraryChanged).
func (s *Sync) Join(link string) (ShareInfo, error) {
	doing := "Could not join"
	relay, inv, err := workspace.ParseInviteLink(link)
	if err != nil {
		return ShareInfo{}, &userError{msg: doing + ": " + ErrBadInviteLink.Error(), err: err}
	}
	if s.c.now().UnixMilli() > inv.Expires {
		return ShareInfo{}, &userError{msg: doing + ": " + ErrInviteExpired.Error(), err: ErrInviteExpired}
	}
	me := s.c.identity()
	if inv.Issuer == me.ID() {
		return ShareInfo{}, &userError{msg: doing + ": this is your own invite; send it to the person you invite"}
	}
	cur, _ := s.c.store.Setting(settingRelayURL)
	if cur != relay {
		if _, err := s.SetRelayURL(relay); err != nil {
			return ShareInfo{}, err
		}
	}
	_, err = s.activeClient() // connects; publishEvent then uses it
	if err != nil {
		return ShareInfo{}, &userError{msg: doing + ": " + err.Error(), err: err}
	}
	ev, err := model.NewEvent(me, inv.Room, model.KindMember, model.MemberPayload{Invite: *inv}, s.c.now())
	if err != nil {
		return ShareInfo{}, plain(doing, err)
	}
	s.mu.Lock()
	s.joining[ev.ID] = inv.Room
	s.mu.Unlock()
	if err := s.publishEvent(ev); err != nil {
		return ShareInfo{}, plain(doing, err)
	}
	s.emitStatus()
	return ShareInfo{ScriptID: string(inv.Room), Shared: true, Role: string(inv.Role), Relay: relay}, nil
}

// committed publishes a revision committed here on a shared script: on main
// for its owner and editors, on the writer's own proposal branch for a
// proposer; nothing for commenters and readers.
func (s *Sync) committed(sid model.ScriptID, rev *model.Revision) {
	if !s.isShared(sid) {
		return
	}
	sc, err := s.c.store.Script(sid)
	if err != nil {
		return
	}
	evs, err := s.c.ws.CommitEvents(sid, rev, s.roleIn(sc))
	for _, ev := range evs {
		if err != nil {
			break
		}
		err = s.publishEvent(ev) // offline: kept in the outbox
	}
	if err != nil {
		s.setProblem(fmt.Sprintf("Could not publish the revision: %v", err))
		return
	}
	if len(evs) > 0 {
		// Main moved (proposals may be outdated now), or a proposal did.
		s.c.emit(EventReviewChanged, ReviewChanged{ScriptID: string(sid)})
	}
}

// roleIn is the writer's role in a shared script's room, from the rights
// events received so far.
func (s *Sync) roleIn(sc model.Script) model.Role {
	me := s.c.identity().ID()
	if sc.Owner == me {
		return model.RoleOwner
	}
	return s.acl(sc.ID).RoleOf(me)
}

// acl is the fold of the room's rights events received (workspace.Rooms).
func (s *Sync) acl(room model.ScriptID) *model.RoomACL {
	a, _ := s.c.ws.Rooms().ACL(room)
	return a
}
