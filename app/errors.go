package app

import (
	"errors"
	"fmt"

	"github.com/scriptroom/scriptroom/internal/model"
	"github.com/scriptroom/scriptroom/internal/scriptfile"
	"github.com/scriptroom/scriptroom/internal/store"
	"github.com/scriptroom/scriptroom/internal/textfile"
	"github.com/scriptroom/scriptroom/internal/workspace"
)

var (
	// ErrNoChanges is returned when a commit would record the same text as
	// the current revision.
	ErrNoChanges = workspace.ErrNoChanges

	// ErrNotInTrash is returned when deleting for ever a script that is not in
	// the trash: scripts go to the trash first, so a slip loses nothing.
	ErrNotInTrash = errors.New("only scripts in the trash can be deleted for ever")

	// ErrTextTooLarge is returned when a draft is larger than textfile.MaxSize.
	ErrTextTooLarge = workspace.ErrTextTooLarge

	// ErrLocked is returned by OpenLibrary when another Scriptroom has the
	// library open.
	ErrLocked = store.ErrLocked
)

// plain rewords an error for the writer: what we were doing, then why it
// failed in words they can act on, keeping the wrapped error for errors.Is.
func plain(doing string, err error) error {
	if err == nil {
		return nil
	}
	var why string
	switch {
	case errors.Is(err, workspace.ErrNoBase):
		why = workspace.ErrNoBase.Error()
	case errors.Is(err, scriptfile.ErrFolder):
		why = scriptfile.ErrFolder.Error()
	case errors.Is(err, store.ErrNotFound):
		why = "it no longer exists (it may have been deleted)"
	case errors.Is(err, store.ErrLocked):
		why = "the library is open in another Scriptroom window; close it and try again"
	case errors.Is(err, model.ErrEmptyTitle):
		why = "a script needs a title"
	case errors.Is(err, textfile.ErrTooLarge), errors.Is(err, ErrTextTooLarge):
		why = "the file is larger than 10 MB; a screenplay is usually under 300 KB"
	case errors.Is(err, workspace.ErrNoUpload), errors.Is(err, workspace.ErrUploadPart),
		errors.Is(err, workspace.ErrChangesMismatch):
		why = "part of the text was lost on the way from the window to the library"
	case errors.Is(err, workspace.ErrChangesStale):
		why = "the saved draft is not the text in the editor yet; wait a moment and try again"
	case errors.Is(err, textfile.ErrBinary):
		why = "it is not a text file"
	default:
		return fmt.Errorf("%s: %w", doing, err)
	}
	return &userError{msg: doing + ": " + why, err: err}
}

// userError shows plain words and unwraps to the error behind them.
type userError struct {
	msg string
	err error
}

func (e *userError) Error() string { return e.msg }
func (e *userError) Unwrap() error { return e.err }
