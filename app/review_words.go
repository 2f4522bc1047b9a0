package app

import (
	"errors"
	"fmt"

	"github.com/scriptroom/scriptroom/internal/review"
)

// failed rewords an error of the Review service for the writer.
func (r *Review) failed(doing string, err error) error {
	var ue *userError
	var de *review.DecidedError
	switch {
	case errors.As(err, &ue):
		return err
	case errors.Is(err, ErrNotShared):
		return &userError{msg: doing + ": proposals and comments live in a shared script; share the script first", err: err}
	case errors.As(err, &de):
		return &userError{msg: fmt.Sprintf("%s: it was already %s by %s on %s; nothing was changed", doing, de.Status,
			de.By.Short(), de.At.UTC().Format(decidedTime)), err: err}
	case errors.Is(err, review.ErrQuoteNotFound):
		return &userError{msg: doing + ": " + review.ErrQuoteNotFound.Error(), err: err}
	case errors.Is(err, review.ErrBadAnchor):
		return &userError{msg: doing + ": the selected lines are not in this version of the script", err: err}
	case errors.Is(err, review.ErrUnknownComment):
		return &userError{msg: doing + ": " + ErrNoComment.Error(), err: err}
	case errors.Is(err, review.ErrNotAllowed):
		return &userError{msg: doing + ": you are not allowed to do this (" + err.Error() + ")", err: err}
	}
	return plain(doing, err)
}

// decidedTime is how the time of a decision is written.
const decidedTime = "2 Jan 2006 at 15:04 UTC"

// decided is the error for acting on a proposal already decided: who
// decided, how and when.
func (st *roomState) decided(doing string, p review.Proposal) error {
	de := &review.DecidedError{Proposal: p.Name, Status: p.Status, By: p.DecidedBy, At: p.DecidedAt, Seq: p.DecidedSeq}
	who := st.name(p.DecidedBy)
	if p.DecidedBy == st.me.ID() {
		who = "you"
	}
	return &userError{
		msg: fmt.Sprintf("%s: “%s” was already %s by %s on %s; nothing was changed", doing, p.Title, p.Status,
			who, p.DecidedAt.UTC().Format(decidedTime)),
		err: de,
	}
}
