package app

import "errors"

// Errors of the Review service. Each is wrapped in a message saying what was
// being done; errors.Is finds them.
var (
	// ErrNoAccess is returned when the writer's role in a shared script was
	// revoked.
	ErrNoAccess = errors.New("you no longer have access to this script")
	// ErrRoomNotHere is returned when a joined script's room has not
	// arrived from the relay yet.
	ErrRoomNotHere = errors.New("this script has not arrived from the relay yet; try again once you are online")
	// ErrNotAllowed is returned when the writer's role does not allow the
	// action; the message says who may.
	ErrNotAllowed = errors.New("not allowed")
	// ErrNoProposal is returned for a proposal name the script does not
	// have.
	ErrNoProposal = errors.New("this script has no such proposal")
	// ErrNotYourProposal is returned when someone other than a proposal's
	// author edits, updates or withdraws it.
	ErrNotYourProposal = errors.New("only the proposal's author can change or withdraw it")
	// ErrUnresolvedConflicts is returned by Merge when conflicts have no
	// choice.
	ErrUnresolvedConflicts = errors.New("some conflicts have no choice")
	// ErrNeedsManualUpdate is returned by Update when main's changes and the
	// proposal's overlap: the proposal is marked "needs update" and the
	// decider resolves the conflicts when merging.
	ErrNeedsManualUpdate = errors.New("main's changes overlap the proposal's, so it cannot be updated automatically; it is marked “needs update”, and the conflicts can be resolved when merging")
	// ErrNoComment is returned for a comment or thread id that does not
	// exist or was deleted.
	ErrNoComment = errors.New("this comment no longer exists (it may have been deleted)")
	// ErrNotYourComment is returned when editing or deleting someone
	// else's comment.
	ErrNotYourComment = errors.New("you can only edit or delete your own comments")
	// ErrEmptyComment is returned for a comment with no words.
	ErrEmptyComment = errors.New("a comment needs some words")
	// ErrNoRevisionYet is returned when proposing on a script with no
	// revision on main.
	ErrNoRevisionYet = errors.New("the script has no saved revision to propose changes to yet")
	// ErrProposalMoved is returned by AcceptChanges when the proposal has
	// a newer head than the one whose changes were chosen.
	ErrProposalMoved = errors.New("the proposal changed since you looked at it; look at its changes again")
)
