package model

import (
	"fmt"
	"unicode/utf8"
)

// Limits of review payloads, in bytes. They keep one event well under the
// relay's message limit while leaving room for a long note.
const (
	// MaxCommentBody is the longest comment body: about ten pages of prose.
	MaxCommentBody = 16 << 10
	// MaxQuote is the longest quoted text an anchor carries: a few pages of
	// script, enough for any range a reader selects to comment on.
	MaxQuote = 8 << 10
	// MaxReason is the longest reason given with a status change.
	MaxReason = 2 << 10
	// MaxCommentID is the longest comment id.
	MaxCommentID = 64
	// MaxBranchName is the longest branch name a status event may name.
	MaxBranchName = 128
)

// ProposalStatus is where a proposal stands.
type ProposalStatus string

// The proposal statuses. Merged, rejected and withdrawn are final.
const (
	// StatusOpen is a proposal waiting for a decision.
	StatusOpen ProposalStatus = "open"
	// StatusMerged is a proposal taken into main (by the owner or an editor).
	StatusMerged ProposalStatus = "merged"
	// StatusRejected is a proposal turned down (by the owner or an editor).
	StatusRejected ProposalStatus = "rejected"
	// StatusWithdrawn is a proposal its author took back.
	StatusWithdrawn ProposalStatus = "withdrawn"
	// StatusNeedsUpdate is a proposal that no longer applies cleanly to
	// main: its author must rebase it by hand.
	StatusNeedsUpdate ProposalStatus = "needs-update"
)

// Final reports whether no status change may follow s.
func (s ProposalStatus) Final() bool {
	return s == StatusMerged || s == StatusRejected || s == StatusWithdrawn
}

// Known reports whether s is one of the five statuses.
func (s ProposalStatus) Known() bool {
	switch s {
	case StatusOpen, StatusMerged, StatusRejected, StatusWithdrawn, StatusNeedsUpdate:
		return true
	}
	return false
}

// StatusPayload changes a proposal's status. Merge names the revision that
// took the proposal into main, and only goes with StatusMerged.
type StatusPayload struct {
	Branch string         `json:"branch"`
	Status ProposalStatus `json:"status"`
	Merge  RevisionID     `json:"merge,omitempty"`
	Reason string         `json:"reason,omitempty"`
}

// Validate checks the payload's form: a proposal branch (never main), a
// known status, a merge revision exactly when merged, and the size limits.
func (p StatusPayload) Validate() error {
	if p.Branch == "" || len(p.Branch) > MaxBranchName || !utf8.ValidString(p.Branch) {
		return fmt.Errorf("%w: branch %.40q", ErrBadStatus, p.Branch)
	}
	if p.Branch == MainBranch {
		return fmt.Errorf("%w: %q is not a proposal", ErrBadStatus, MainBranch)
	}
	if !p.Status.Known() {
		return fmt.Errorf("%w: unknown status %.20q", ErrBadStatus, p.Status)
	}
	if p.Status == StatusMerged {
		if err := p.Merge.Validate(); err != nil {
			return fmt.Errorf("%w: merged without its merge revision: %w", ErrBadStatus, err)
		}
	} else if p.Merge != "" {
		return fmt.Errorf("%w: a merge revision with status %s", ErrBadStatus, p.Status)
	}
	if len(p.Reason) > MaxReason || !utf8.ValidString(p.Reason) {
		return fmt.Errorf("%w: reason is %d bytes, the limit is %d", ErrBadStatus, len(p.Reason), MaxReason)
	}
	return nil
}

// CommentOp is what a comment event does.
type CommentOp string

// The comment operations.
const (
	// CommentAdd adds a comment: a new thread, or a reply when Thread is set.
	CommentAdd CommentOp = "add"
	// CommentEdit replaces a comment's body (its author only).
	CommentEdit CommentOp = "edit"
	// CommentResolve marks a thread resolved.
	CommentResolve CommentOp = "resolve"
	// CommentReopen marks a resolved thread open again.
	CommentReopen CommentOp = "reopen"
	// CommentDelete removes a comment (its author only).
	CommentDelete CommentOp = "delete"
)

// Anchor places a comment in a revision: a 1-based inclusive line range and
// the text quoted from it, so the comment can be found again after edits.
type Anchor struct {
	Revision  RevisionID `json:"revision"`
	StartLine int        `json:"startLine"`
	EndLine   int        `json:"endLine"`
	Quote     string     `json:"quote"`
}

// Validate checks the anchor's form: a revision id, a line range, a
// non-empty quote within MaxQuote.
func (a Anchor) Validate() error {
	if err := a.Revision.Validate(); err != nil {
		return fmt.Errorf("%w: anchor: %w", ErrBadComment, err)
	}
	if a.StartLine < 1 || a.EndLine < a.StartLine {
		return fmt.Errorf("%w: anchor lines %d-%d", ErrBadComment, a.StartLine, a.EndLine)
	}
	if a.Quote == "" || len(a.Quote) > MaxQuote || !utf8.ValidString(a.Quote) {
		return fmt.Errorf("%w: anchor quote of %d bytes (1 to %d of UTF-8)", ErrBadComment, len(a.Quote), MaxQuote)
	}
	return nil
}

// CommentPayload adds, edits, resolves, reopens or deletes a comment. ID
// names the comment (chosen by its author when adding); Thread is the id of
// the comment a reply answers. A new thread carries an Anchor; a reply
// does not need one.
type CommentPayload struct {
	ID     string    `json:"id"`
	Op     CommentOp `json:"op"`
	Thread string    `json:"thread,omitempty"`
	Anchor *Anchor   `json:"anchor,omitempty"`
	Body   string    `json:"body,omitempty"`
}

// ValidCommentID reports whether id is 1 to MaxCommentID bytes of ASCII
// letters, digits, '-' and '_'.
func ValidCommentID(id string) bool {
	if id == "" || len(id) > MaxCommentID {
		return false
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		if (c < 'a' || c > 'z') && (c < 'A' || c > 'Z') && (c < '0' || c > '9') && c != '-' && c != '_' {
			return false
		}
	}
	return true
}

// Validate checks the payload's form: ids, a known op, a body for add and
// edit only, an anchor for a new thread only.
func (p CommentPayload) Validate() error {
	if !ValidCommentID(p.ID) {
		return fmt.Errorf("%w: id %.70q", ErrBadComment, p.ID)
	}
	if p.Thread != "" && (!ValidCommentID(p.Thread) || p.Thread == p.ID) {
		return fmt.Errorf("%w: thread %.70q", ErrBadComment, p.Thread)
	}
	if len(p.Body) > MaxCommentBody || !utf8.ValidString(p.Body) {
		return fmt.Errorf("%w: body is %d bytes, the limit is %d", ErrBadComment, len(p.Body), MaxCommentBody)
	}
	switch p.Op {
	case CommentAdd:
		if p.Body == "" {
			return fmt.Errorf("%w: empty comment", ErrBadComment)
		}
		if p.Thread == "" && p.Anchor == nil {
			return fmt.Errorf("%w: a new thread needs an anchor", ErrBadComment)
		}
		if p.Anchor != nil {
			return p.Anchor.Validate()
		}
		return nil
	case CommentEdit:
		if p.Body == "" {
			return fmt.Errorf("%w: empty comment", ErrBadComment)
		}
	case CommentResolve, CommentReopen, CommentDelete:
		if p.Body != "" {
			return fmt.Errorf("%w: %s carries no body", ErrBadComment, p.Op)
		}
	default:
		return fmt.Errorf("%w: unknown op %.20q", ErrBadComment, p.Op)
	}
	if p.Anchor != nil {
		return fmt.Errorf("%w: only add carries an anchor", ErrBadComment)
	}
	return nil
}
