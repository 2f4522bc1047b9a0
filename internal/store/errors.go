package store

import "errors"

var (
	// ErrNotFound is returned when a script, revision, draft, setting or the
	// identity does not exist.
	ErrNotFound = errors.New("not found")

	// ErrLocked is returned when another process holds the database file
	// (another Scriptroom is running with the same library).
	ErrLocked = errors.New("the library is open in another Scriptroom")

	// ErrCorrupt is returned when the file is not a Scriptroom library, or a
	// stored value cannot be decoded or fails its content hash.
	ErrCorrupt = errors.New("the library file is damaged or not a Scriptroom library")

	// ErrEmptyFile is returned when the library file exists but holds
	// nothing (0 bytes): a library lost its content, and making a new one in
	// its place would give the writer a new identity.
	ErrEmptyFile = errors.New("the library file is empty (0 bytes)")

	// ErrNewerSchema is returned when the file was written by a newer
	// Scriptroom whose layout this version does not know.
	ErrNewerSchema = errors.New("the library was written by a newer Scriptroom")

	// ErrClosed is returned by methods called after Close.
	ErrClosed = errors.New("the library is closed")

	// ErrSeqTaken is returned by ApplyEvents when a relay sequence number
	// already holds another event of the room: the relay's log changed
	// under the replica (a relay reset), and nothing of the batch is stored.
	ErrSeqTaken = errors.New("the relay's log disagrees with the events held")
)
