// Package workspace is the writer's library on this computer and what can be
// done with it, whatever the front end: the desktop app (app/) and the
// command-line tool call the same use cases.
//
// It owns:
//   - making, retitling and committing scripts, and recording a merge
//     with the proposal's head beside it (RecordMerge), with one lock that
//     serialises changes to a script's head, and the hooks told of each
//     revision committed here (Workspace.Commit, OnCommit);
//   - importing a screenplay file (through internal/scriptfile) and
//     exporting a script as Fountain, Final Draft or PDF (Import, Export);
//   - applying the events received from a script's room to the library:
//     the room makes or retitles the script, revisions join its history,
//     main's moves move its head and the draft with it (ApplyEvents),
//     a revision shared as a delta rebuilt from its base's text and
//     checked against its content hash, or refused;
//   - how a revision is shared: whole, or as a line delta of its first
//     parent's text when the room's log holds it, with a whole text at
//     least every model.MaxDeltaChain deltas (SharePayload, MakeDelta);
//   - the state of each shared script's room in one place (Rooms): the
//     received log, the overlay of events published here and not back
//     yet, and the rights (the fold of the rights events, and a
//     revocation the relay reported), with one rule for when it is stale:
//     the library's cursor for the room moved by other than what it was
//     told of;
//   - the events that share a script (ShareEvents) and a revision
//     committed here (CommitEvents, by the writer's role); invite links,
//     their making, encoding and parsing (InviteLinkFor, InviteLink,
//     ParseInviteLink), and relay addresses (CleanRelayURL).
//
// Errors are the sentinels of errors.go and of the packages below, wrapped
// with what was being done; wording them for a writer is the caller's job.
//
// It may import internal/model, internal/store, internal/scriptfile,
// internal/diff, internal/fountain, internal/fdx, internal/pdf,
// internal/screenplay, internal/atomicfile and internal/textfile. It must never import app,
// sync/..., or Wails: it knows nothing of windows, dialogs or the relay's
// connection.
package workspace
