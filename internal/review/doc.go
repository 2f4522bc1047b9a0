// Package review is the domain of community review: proposals, their
// status, merging them into main, comments anchored to script text, and
// each user's inbox.
//
// It owns:
//   - the fold of a room's event log into proposals and comment threads
//     (Fold, Room.Apply), and the rules that decide whether a new status or
//     comment event would be accepted (Room.Validate): who may merge,
//     reject, withdraw, edit or delete, and that a decision is made once;
//   - merging a proposal into main, with conflicts resolved region by
//     region, accepting a proposal scene by scene or change by change, and
//     rebasing an outdated proposal (MergeProposal, Resolve, AcceptScenes,
//     AcceptChanges, Rebase);
//   - re-anchoring a comment's quoted text in a later revision (Reanchor)
//     and checking that a new comment quotes text that is really there
//     (ValidateComment);
//   - the inbox of notices for one user (Inbox).
//
// Deciding on a proposal, the app publishes what MergePublications gives, in
// its order: the merge revision (two parents: main's head and the
// proposal's head), the KindStatus event, and only then main's move to the
// merge. Of two editors
// deciding at once, the relay orders one status first; every client's fold
// takes it and refuses the other with a *DecidedError (Room.Refused tells
// the loser), and refuses the loser's move of main to a second merge of
// the same proposal. Both merge revisions stay in history; nothing is
// merged twice.
//
// Everything here is pure and deterministic: no I/O, no clock, no
// goroutines, no randomness. The same events give the same room on every
// machine. The app feeds it events and texts it has read from the store or
// the relay, and publishes the events it makes.
//
// It may import internal/model, internal/diff and internal/fountain; text
// is diffed and matched only through internal/diff, never go-diff itself. It must never import app, sync/..., internal/store, Wails, or
// anything that does I/O.
package review
