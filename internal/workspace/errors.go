package workspace

import "errors"

var (
	// ErrNoChanges is returned when a commit would record the same text as
	// the current revision.
	ErrNoChanges = errors.New("nothing has changed since the last revision")

	// ErrTextTooLarge is returned when a text to save is larger than
	// textfile.MaxSize.
	ErrTextTooLarge = errors.New("the script is larger than 10 MB")

	// ErrUnknownFormat is returned when exporting to a format Scriptroom
	// does not write.
	ErrUnknownFormat = errors.New("not a format Scriptroom writes (Fountain, Final Draft or PDF)")

	// ErrBadPaper is returned when a PDF export names a paper size other
	// than Letter or A4.
	ErrBadPaper = errors.New("the paper must be Letter or A4")

	// ErrBadColor is returned when a PDF export names an unknown revision
	// colour.
	ErrBadColor = errors.New("not a revision colour")

	// ErrNoBase is returned when a PDF export marks changes against a
	// revision the script does not have.
	ErrNoBase = errors.New("the revision to mark changes against is not in this script's history")

	// ErrLockNeedsBase is returned when a production draft is exported
	// without the revision it is locked to.
	ErrLockNeedsBase = errors.New("choose the revision locked for production (the one whose page and scene numbers to keep)")

	// ErrNotOwner is returned when someone other than a script's owner
	// shares it or invites to it.
	ErrNotOwner = errors.New("only the script's owner can share it or invite people")

	// ErrNotShared is returned when inviting to a script not shared yet.
	ErrNotShared = errors.New("share the script first")

	// ErrNoRelay is returned when sharing, inviting or joining with no
	// relay set.
	ErrNoRelay = errors.New("no relay is set: enter one in Settings, or host one on this computer")

	// ErrBadVisibility is returned when sharing with a visibility other
	// than private, invite or public.
	ErrBadVisibility = errors.New("visibility is private, invite or public")

	// ErrBadRelayURL is returned when a relay address is not ws:// or wss://.
	ErrBadRelayURL = errors.New("a relay address starts with ws:// or wss:// (for example wss://relay.example.com/ws)")

	// ErrBadInviteLink is returned for a link that is not a Scriptroom
	// invite, or whose signature does not match.
	ErrBadInviteLink = errors.New("this is not a valid invite link (it may have been altered or cut short)")

	// ErrChangesStale is returned when the editor's changes are made
	// against a text other than the one stored (a change was lost, or the
	// text moved underneath): the editor then sends its whole text.
	ErrChangesStale = errors.New("the saved text is not the one the changes were made against")

	// ErrChangesMismatch is returned when the editor's changes, applied,
	// do not make the text the editor has.
	ErrChangesMismatch = errors.New("the changes do not make the text the editor has")

	// ErrBadChanges is returned for changes out of order or out of the text.
	ErrBadChanges = errors.New("the changes are not a valid edit of the text")

	// ErrNoUpload is returned when a text sent in parts is finished or
	// added to under an id the library does not know (never begun, already
	// used, or dropped after it waited too long).
	ErrNoUpload = errors.New("the text sent in parts was not received in full")

	// ErrUploadPart is returned when a part of a text arrives out of order.
	ErrUploadPart = errors.New("a part of the text arrived out of order")
)

// ErrNothingToLock is returned when a script with no revision yet is
// locked for production, or given a revision set.
var ErrNothingToLock = errors.New("commit the script first: a lock and a revision set start from its newest revision")
