package review

import (
	"errors"
	"fmt"
	"time"

	"github.com/scriptroom/scriptroom/internal/model"
)

var (
	// ErrNotAllowed is returned when the author of an event may not do what
	// it does: merge or reject without being owner or editor, withdraw or
	// move someone else's proposal, edit or delete someone else's comment.
	ErrNotAllowed = errors.New("not allowed")
	// ErrAlreadyDecided is returned when a proposal that was already merged,
	// rejected or withdrawn is decided, moved or reopened again, or when
	// main is moved to a second merge of a merged proposal. The error is a
	// *DecidedError naming who decided and when.
	ErrAlreadyDecided = errors.New("proposal already decided")
	// ErrUnknownProposal is returned when a status event names a branch
	// that no proposal was opened on.
	ErrUnknownProposal = errors.New("unknown proposal")
	// ErrUnknownBase is returned when a proposal is opened against a base
	// revision the room never saw.
	ErrUnknownBase = errors.New("proposal base is not a revision of this room")
	// ErrUnknownRevision is returned when an event names a revision (a
	// branch head, a merge, a comment's anchor) the room never saw.
	ErrUnknownRevision = errors.New("unknown revision")
	// ErrUnknownComment is returned when a comment event names a comment or
	// thread that does not exist or was deleted.
	ErrUnknownComment = errors.New("unknown comment")
	// ErrCommentExists is returned when a comment is added with the id of
	// one that already exists.
	ErrCommentExists = errors.New("comment id already used")
	// ErrQuoteNotFound is returned by ValidateComment when the quoted text
	// is not in the anchored lines: it was changed or deleted meanwhile.
	ErrQuoteNotFound = errors.New("the quoted text is no longer there; it was changed or deleted meanwhile")
	// ErrBadAnchor is returned by ValidateComment when the anchor's line
	// range does not fit the text.
	ErrBadAnchor = errors.New("anchor lines are outside the text")
	// ErrUnresolved is returned by Resolve when a conflict has no choice.
	ErrUnresolved = errors.New("conflict left unresolved")
	// ErrBadChange is returned by AcceptChanges when a change does not fit
	// the base and proposal texts, or overlaps another change.
	ErrBadChange = errors.New("change does not fit the proposal's comparison with its base")
	// ErrBadOutcome is returned by Resolve when a merge outcome's text
	// does not hold its conflicts where they should be: it was changed
	// after MergeProposal made it. Merge again.
	ErrBadOutcome = errors.New("merge outcome does not match its conflicts; merge again")
)

// DecidedError is the ErrAlreadyDecided error: it says how the proposal was
// decided, by whom and when.
type DecidedError struct {
	Proposal string
	Status   model.ProposalStatus
	By       model.UserID
	At       time.Time
	Seq      uint64 // the log position of the decision
}

// Error says what happened, for people.
func (e *DecidedError) Error() string {
	return fmt.Sprintf("%v: %q was %s by %s at %s (event %d)", ErrAlreadyDecided, e.Proposal, e.Status,
		e.By.Short(), e.At.UTC().Format(time.RFC3339), e.Seq)
}

// Unwrap makes errors.Is(err, ErrAlreadyDecided) true.
func (e *DecidedError) Unwrap() error { return ErrAlreadyDecided }

// ErrDuplicateEvent is returned when an event already applied to the room
// is applied again; delivery is at-least-once, so the fold skips it.
var ErrDuplicateEvent = errors.New("event already applied")
