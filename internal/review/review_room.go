package review

import (
	"fmt"
	"time"
	"unicode/utf8"

	"github.com/scriptroom/scriptroom/internal/model"
)

// Room is the review state of one room: its rights, the revisions it has
// seen, main's head, the proposals and the comment threads. It is a fold of
// the room's log: build it with Fold, or with NewRoom and Apply as events
// arrive. A Room is not safe for concurrent use.
type Room struct {
	// ID is the room (the script) the events belong to.
	ID model.ScriptID
	// ACL holds the owner, visibility and members' roles.
	ACL *model.RoomACL
	// Seq is the number of events applied or ignored so far: the log
	// position of the last one. Duplicates do not count.
	Seq uint64
	// MainHead is main's head revision, "" before main has one.
	MainHead model.RevisionID
	// Ignored lists the events of the log that were refused, in order.
	Ignored []Ignored
	// Production is the room's production state: the lock, the revision
	// sets, the marks cleared, and their history.
	Production model.Production

	seen      map[model.EventID]struct{}
	revisions map[model.RevisionID]*model.Revision
	branchOf  map[model.RevisionID]string // the branch each revision was first shared on
	proposals map[string]*Proposal
	order     []string // proposal names, in opening order
	comments  map[string]*comment
	threads   map[string]*thread // by root comment id
	roots     []string           // thread roots, in adding order
	activity  []activity
}

// Ignored is an event of the log that the fold refused, and why: a second
// decision on a proposal two editors decided at once, a withdrawal by
// someone else, a comment on a deleted thread.
type Ignored struct {
	Seq   uint64
	Event model.EventID
	Err   error
}

// Proposal is a collaborator's branch offered for main, as the log left it.
type Proposal struct {
	// Name is the branch name, unique in the room.
	Name  string
	Title string
	// Description is the message of the head revision the proposal was
	// opened with (BranchPayload carries no description of its own).
	Description string
	Author      model.UserID
	Base, Head  model.RevisionID
	Status      model.ProposalStatus
	// Created and Updated are event times; CreatedSeq and UpdatedSeq their
	// log positions.
	Created, Updated       time.Time
	CreatedSeq, UpdatedSeq uint64
	// DecidedBy, DecidedAt and DecidedSeq record the final status change
	// (merged, rejected or withdrawn); zero while the proposal is open.
	DecidedBy  model.UserID
	DecidedAt  time.Time
	DecidedSeq uint64
	// Merge is the revision that took the proposal into main.
	Merge model.RevisionID
	// Reason is the reason given with the last status change.
	Reason string
	// History lists every status change, oldest first.
	History []StatusChange
}

// StatusChange is one accepted status event of a proposal.
type StatusChange struct {
	Status model.ProposalStatus
	By     model.UserID
	At     time.Time
	Seq    uint64
	Reason string
}

// NewRoom returns the state of room before any event.
func NewRoom(room model.ScriptID) *Room {
	return &Room{
		ID:        room,
		ACL:       model.NewRoomACL(room),
		seen:      map[model.EventID]struct{}{},
		revisions: map[model.RevisionID]*model.Revision{},
		branchOf:  map[model.RevisionID]string{},
		proposals: map[string]*Proposal{},
		comments:  map[string]*comment{},
		threads:   map[string]*thread{},
	}
}

// Fold builds a room from its log, in log order: event i has Seq i+1.
// Events that break a rule are kept out of the state and listed in
// Room.Ignored; the first of two conflicting decisions wins. An event
// delivered twice counts once. Signatures are not checked again: the
// events are those the client verified on receipt (model.Event.Verify).
func Fold(events []*model.Event) *Room {
	var id model.ScriptID
	for _, ev := range events {
		if ev != nil {
			id = ev.Room
			break
		}
	}
	r := NewRoom(id)
	for _, ev := range events {
		_ = r.Apply(ev) // refused events are recorded in r.Ignored
	}
	return r
}

// Apply folds the next event of the log into the room, at Seq+1. An event
// that breaks a rule changes nothing but Seq and Ignored, and its error is
// returned. An event already applied or refused (delivery is at least
// once) changes nothing at all, not even Seq, and ErrDuplicateEvent is
// returned: the room is the same whatever the duplicates.
func (r *Room) Apply(ev *model.Event) error {
	if ev != nil {
		if _, dup := r.seen[ev.ID]; dup {
			return fmt.Errorf("event %s: %w", ev.ID.Short(), ErrDuplicateEvent)
		}
		if r.ID == "" && len(r.seen) == 0 {
			r.ID, r.ACL = ev.Room, model.NewRoomACL(ev.Room)
		}
	}
	r.Seq++
	commit, err := r.check(ev, r.Seq)
	if ev != nil {
		r.seen[ev.ID] = struct{}{}
	}
	if err != nil {
		r.Ignored = append(r.Ignored, Ignored{Seq: r.Seq, Event: eventID(ev), Err: err})
		return err
	}
	if commit != nil {
		commit()
	}
	return nil
}

func eventID(ev *model.Event) model.EventID {
	if ev == nil {
		return ""
	}
	return ev.ID
}

// Validate reports whether ev would be accepted as the next event, without
// changing the room: the app checks an event before publishing it.
func (r *Room) Validate(ev *model.Event) error {
	_, err := r.check(ev, r.Seq+1)
	return err
}

// Refused returns the error the room refused event id with, or nil when it
// was accepted or never seen. The app checks its own decision with it once
// the relay has ordered it: of two editors deciding at once, the one whose
// decision came second finds it refused with a *DecidedError.
func (r *Room) Refused(id model.EventID) error {
	for _, ig := range r.Ignored {
		if ig.Event == id {
			return ig.Err
		}
	}
	return nil
}

// check decides whether ev is accepted at seq and returns the change it
// makes, to run only when the event is applied. It changes nothing.
func (r *Room) check(ev *model.Event, seq uint64) (func(), error) {
	if ev == nil {
		return nil, fmt.Errorf("%w: no event", model.ErrBadEvent)
	}
	if _, dup := r.seen[ev.ID]; dup {
		return nil, fmt.Errorf("event %s: %w", ev.ID.Short(), ErrDuplicateEvent)
	}
	acl := r.ACL
	if r.ID == "" && len(r.seen) == 0 {
		acl = model.NewRoomACL(ev.Room) // Validate on a room before its first event
	}
	at := time.UnixMilli(ev.Time).UTC()
	if err := acl.Authorize(ev, at); err != nil {
		return nil, fmt.Errorf("%s event %s by %s: %w", ev.Kind, ev.ID.Short(), ev.Author.Short(), err)
	}
	var commit func()
	var err error
	switch ev.Kind {
	case model.KindRoom, model.KindRole, model.KindMember:
		commit = func() { r.ACL.Apply(ev) }
	case model.KindRevision:
		commit, err = r.checkRevision(ev)
	case model.KindBranch:
		commit, err = r.checkBranch(ev, at, seq)
	case model.KindStatus:
		commit, err = r.checkStatus(ev, at, seq)
	case model.KindComment:
		commit, err = r.checkComment(ev, at, seq)
	case model.KindProduction:
		commit, err = r.checkProduction(ev)
	}
	if err != nil {
		return nil, fmt.Errorf("%s event %s by %s: %w", ev.Kind, ev.ID.Short(), ev.Author.Short(), err)
	}
	return commit, nil
}

func (r *Room) checkRevision(ev *model.Event) (func(), error) {
	var p model.RevisionPayload
	if err := ev.DecodePayload(&p); err != nil {
		return nil, err
	}
	rev := p.Revision
	if err := rev.ID.Validate(); err != nil {
		return nil, fmt.Errorf("%w: %w", model.ErrBadPayload, err)
	}
	if rev.Author != ev.Author {
		return nil, fmt.Errorf("%w: revision by %s shared by %s", model.ErrBadPayload, rev.Author.Short(), ev.Author.Short())
	}
	if p.Delta != nil {
		// Its text is a delta of an earlier revision's: without that one,
		// no one can rebuild it.
		if _, ok := r.revisions[p.Delta.Base]; !ok {
			return nil, fmt.Errorf("revision %s: %w: %s", rev.ID.Short(), model.ErrUnknownDeltaBase, p.Delta.Base.Short())
		}
	}
	return func() {
		if _, ok := r.revisions[rev.ID]; !ok {
			r.revisions[rev.ID] = &rev
			r.branchOf[rev.ID] = p.Branch
		}
	}, nil
}

func (r *Room) checkBranch(ev *model.Event, at time.Time, seq uint64) (func(), error) {
	var p model.BranchPayload
	if err := ev.DecodePayload(&p); err != nil {
		return nil, err
	}
	if p.Name == "" {
		return nil, fmt.Errorf("%w: branch has no name", model.ErrBadPayload)
	}
	if len(p.Name) > model.MaxBranchName || !utf8.ValidString(p.Name) {
		// A status event could never name it: it could not be decided.
		return nil, fmt.Errorf("%w: branch name %.40q is not 1 to %d bytes of UTF-8", model.ErrBadPayload, p.Name, model.MaxBranchName)
	}
	if _, ok := r.revisions[p.Head]; !ok {
		return nil, fmt.Errorf("%w: head %s of %q", ErrUnknownRevision, p.Head.Short(), p.Name)
	}
	if p.Base != "" {
		if _, ok := r.revisions[p.Base]; !ok {
			return nil, fmt.Errorf("%w: %s, for %q", ErrUnknownBase, p.Base.Short(), p.Name)
		}
	}
	if p.Name == model.MainBranch {
		if err := r.checkSecondMerge(p.Head); err != nil {
			return nil, err
		}
		return func() { r.MainHead = p.Head }, nil
	}
	pr := r.proposals[p.Name]
	if pr == nil {
		if p.Base == "" {
			return nil, fmt.Errorf("%w: proposal %q opened without a base", ErrUnknownBase, p.Name)
		}
		return func() {
			title := p.Title
			if title == "" {
				title = p.Name
			}
			pr := &Proposal{
				Name: p.Name, Title: title, Description: r.revisions[p.Head].Message,
				Author: ev.Author, Base: p.Base, Head: p.Head, Status: model.StatusOpen,
				Created: at, Updated: at, CreatedSeq: seq, UpdatedSeq: seq,
			}
			r.proposals[p.Name] = pr
			r.order = append(r.order, p.Name)
			r.activity = append(r.activity, activity{kind: NoticeProposalOpened, seq: seq, by: ev.Author, at: at, proposal: p.Name})
		}, nil
	}
	if ev.Author != pr.Author {
		return nil, fmt.Errorf("%w: proposal %q is %s's; only its author moves it", ErrNotAllowed, pr.Name, pr.Author.Short())
	}
	if pr.Status.Final() {
		return nil, decided(pr)
	}
	return func() {
		pr.Head, pr.Updated, pr.UpdatedSeq = p.Head, at, seq
		if p.Base != "" {
			pr.Base = p.Base
		}
		if p.Title != "" {
			pr.Title = p.Title
		}
		if pr.Status == model.StatusNeedsUpdate {
			pr.Status = model.StatusOpen
			pr.History = append(pr.History, StatusChange{Status: model.StatusOpen, By: ev.Author, At: at, Seq: seq, Reason: "updated"})
		}
	}, nil
}

// checkSecondMerge refuses to move main to a revision that merges (or is)
// a revision of a proposal already decided otherwise: merged by another
// revision, rejected or withdrawn. Of two editors deciding at once, the one
// whose status event the log took second must not take main to a second
// merge of the same proposal, which would drop the first, nor merge what
// the other rejected.
func (r *Room) checkSecondMerge(head model.RevisionID) error {
	for _, rev := range append([]model.RevisionID{head}, r.revisions[head].Parents...) {
		pr := r.proposals[r.branchOf[rev]]
		if pr == nil || !pr.Status.Final() || pr.Merge == head || (pr.Merge != "" && r.descends(head, pr.Merge)) {
			continue
		}
		if pr.Status == model.StatusMerged {
			return fmt.Errorf("main moved to %s, a second merge of %q: %w", head.Short(), pr.Name, decided(pr))
		}
		return fmt.Errorf("main moved to %s, a merge of %q: %w", head.Short(), pr.Name, decided(pr))
	}
	return nil
}

// descends reports whether revision anc is x or one of its ancestors, as
// far as the room has seen them.
func (r *Room) descends(x, anc model.RevisionID) bool {
	seen := map[model.RevisionID]bool{}
	stack := []model.RevisionID{x}
	for len(stack) > 0 {
		id := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if id == anc {
			return true
		}
		if seen[id] {
			continue
		}
		seen[id] = true
		if rev, ok := r.revisions[id]; ok {
			stack = append(stack, rev.Parents...)
		}
	}
	return false
}

func decided(pr *Proposal) error {
	return &DecidedError{Proposal: pr.Name, Status: pr.Status, By: pr.DecidedBy, At: pr.DecidedAt, Seq: pr.DecidedSeq}
}

func (r *Room) checkStatus(ev *model.Event, at time.Time, seq uint64) (func(), error) {
	var p model.StatusPayload
	if err := ev.DecodePayload(&p); err != nil {
		return nil, err
	}
	if err := p.Validate(); err != nil {
		return nil, err
	}
	pr := r.proposals[p.Branch]
	if pr == nil {
		return nil, fmt.Errorf("%w: %q", ErrUnknownProposal, p.Branch)
	}
	if pr.Status.Final() {
		return nil, decided(pr)
	}
	role := r.ACL.RoleOf(ev.Author)
	decider := role.Allows(model.RoleEditor)
	switch p.Status {
	case model.StatusMerged, model.StatusRejected:
		if !decider {
			return nil, fmt.Errorf("%w: %s is %s; only the owner or an editor may mark %q %s",
				ErrNotAllowed, ev.Author.Short(), role, pr.Name, p.Status)
		}
		if p.Status == model.StatusMerged {
			if _, ok := r.revisions[p.Merge]; !ok {
				return nil, fmt.Errorf("%w: merge %s of %q", ErrUnknownRevision, p.Merge.Short(), pr.Name)
			}
		}
	case model.StatusWithdrawn:
		if ev.Author != pr.Author {
			return nil, fmt.Errorf("%w: only %s, its author, may withdraw %q", ErrNotAllowed, pr.Author.Short(), pr.Name)
		}
	default: // open, needs-update
		if !decider && ev.Author != pr.Author {
			return nil, fmt.Errorf("%w: only its author, the owner or an editor may mark %q %s", ErrNotAllowed, pr.Name, p.Status)
		}
	}
	return func() {
		pr.Status, pr.Reason, pr.Updated, pr.UpdatedSeq = p.Status, p.Reason, at, seq
		pr.History = append(pr.History, StatusChange{Status: p.Status, By: ev.Author, At: at, Seq: seq, Reason: p.Reason})
		if p.Status.Final() {
			pr.DecidedBy, pr.DecidedAt, pr.DecidedSeq, pr.Merge = ev.Author, at, seq, p.Merge
		}
		r.activity = append(r.activity, activity{kind: statusNotice(p.Status), seq: seq, by: ev.Author, at: at, proposal: pr.Name, reason: p.Reason})
	}, nil
}

// Proposals lists the proposals in the order they were opened. The values
// are copies.
func (r *Room) Proposals() []Proposal {
	out := make([]Proposal, 0, len(r.order))
	for _, name := range r.order {
		out = append(out, r.proposal(name))
	}
	return out
}

// Proposal returns the proposal on branch name.
func (r *Room) Proposal(name string) (Proposal, bool) {
	if _, ok := r.proposals[name]; !ok {
		return Proposal{}, false
	}
	return r.proposal(name), true
}

func (r *Room) proposal(name string) Proposal {
	p := *r.proposals[name]
	p.History = append([]StatusChange(nil), p.History...)
	return p
}

// Revision returns a revision the room has seen.
func (r *Room) Revision(id model.RevisionID) (*model.Revision, bool) {
	rev, ok := r.revisions[id]
	return rev, ok
}
