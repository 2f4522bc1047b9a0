package review

import (
	"time"

	"github.com/scriptroom/scriptroom/internal/model"
)

// NoticeKind says what a Notice is about.
type NoticeKind string

// The kinds of Notice.
const (
	// NoticeProposalOpened: someone opened a proposal on my script.
	NoticeProposalOpened NoticeKind = "proposal-opened"
	// NoticeProposalMerged: my proposal was merged.
	NoticeProposalMerged NoticeKind = "proposal-merged"
	// NoticeProposalRejected: my proposal was rejected.
	NoticeProposalRejected NoticeKind = "proposal-rejected"
	// NoticeProposalNeedsUpdate: my proposal no longer applies to main.
	NoticeProposalNeedsUpdate NoticeKind = "proposal-needs-update"
	// NoticeComment: someone commented on my script or my proposal, or in
	// a thread I started or replied in.
	NoticeComment NoticeKind = "comment"
)

// noticeOther marks activity no one is notified of.
const noticeOther NoticeKind = ""

func statusNotice(s model.ProposalStatus) NoticeKind {
	switch s {
	case model.StatusMerged:
		return NoticeProposalMerged
	case model.StatusRejected:
		return NoticeProposalRejected
	case model.StatusNeedsUpdate:
		return NoticeProposalNeedsUpdate
	}
	return noticeOther
}

// Notice is one entry of a user's inbox.
type Notice struct {
	Kind   NoticeKind     `json:"kind"`
	Script model.ScriptID `json:"script"`
	// Proposal is the branch name, for proposal notices.
	Proposal string `json:"proposal,omitempty"`
	// Comment and Thread are the comment's id and its thread's root id,
	// for comment notices.
	Comment string       `json:"comment,omitempty"`
	Thread  string       `json:"thread,omitempty"`
	By      model.UserID `json:"by"`
	At      time.Time    `json:"at"`
	Seq     uint64       `json:"seq"`
	Unread  bool         `json:"unread"`
	// Reason is the reason given with a decision, if any.
	Reason string `json:"reason,omitempty"`
}

// activity is an accepted event someone may be notified of.
type activity struct {
	kind     NoticeKind
	seq      uint64
	by       model.UserID
	at       time.Time
	proposal string
	comment  string
	thread   string
	reason   string
}

// Inbox lists what happened in room that concerns me, newest first: new
// proposals on my script, comments on my script, on my proposals or in
// threads I took part in, and decisions on my proposals. My own actions are left out, and so
// are comments deleted since. A notice is Unread when its Seq is after
// seen, the last log seq I have seen.
func Inbox(room *Room, me model.UserID, seen uint64) []Notice {
	owner := room.ACL.Owner == me
	var out []Notice
	for i := len(room.activity) - 1; i >= 0; i-- {
		a := room.activity[i]
		if a.by == me || a.kind == noticeOther {
			continue
		}
		switch a.kind {
		case NoticeProposalOpened:
			if !owner {
				continue
			}
		case NoticeComment:
			if c := room.comments[a.comment]; c == nil || c.deleted {
				continue
			}
			if !owner && !room.tookPart(me, a.thread) && !room.onProposalOf(me, a.thread) {
				continue
			}
		default: // decisions
			if room.proposals[a.proposal].Author != me {
				continue
			}
		}
		out = append(out, Notice{Kind: a.kind, Script: room.ID, Proposal: a.proposal, Comment: a.comment,
			Thread: a.thread, By: a.by, At: a.at, Seq: a.seq, Unread: a.seq > seen, Reason: a.reason})
	}
	return out
}

// onProposalOf reports whether thread root is anchored to a revision of a
// proposal me opened.
func (r *Room) onProposalOf(me model.UserID, root string) bool {
	pr := r.proposals[r.branchOf[r.threads[root].anchor.Revision]]
	return pr != nil && pr.Author == me
}

// tookPart reports whether me wrote the root or a reply of thread root.
func (r *Room) tookPart(me model.UserID, root string) bool {
	if r.comments[root].Author == me {
		return true
	}
	for _, id := range r.threads[root].replies {
		if r.comments[id].Author == me {
			return true
		}
	}
	return false
}
