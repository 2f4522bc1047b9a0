// Package store is the desktop app's local database: one bbolt file per user
// profile holding the identity, scripts, revisions, drafts and settings, and
// the sync client's outbox, room cursors and received events (store_sync.go).
//
// Every bucket and key layout is in buckets.go. Each exported method is
// exactly one View or Update transaction; UpdateLibrary hands its caller a
// LibraryTx to read and change several scripts, drafts and revisions in one
// (the app applies a batch of room events that way). Revisions are stored as a full,
// compressed snapshot every Options.SnapshotEvery revisions of a script and
// as compact line deltas in between (like a revlog); reconstruction is exact
// and checked against the revision's content hash on every read.
//
// Opening a file another process holds fails within Options.LockTimeout with
// ErrLocked; a file that is not a valid database fails with ErrCorrupt and is
// never written to (a bbolt panic or a fault reading a truncated file is
// ErrCorrupt too); an existing 0-byte file fails with ErrEmptyFile and is
// never made into a new library; a file from a newer Scriptroom fails with
// ErrNewerSchema. Before any migration the file is copied beside itself byte
// for byte, and a failed migration puts that copy back. Every failed Open
// closes the file and releases its lock (store_lock.go).
//
// It imports internal/model, internal/atomicfile (a new library appears in
// one step), internal/diff (line deltas) and bbolt only.
package store
