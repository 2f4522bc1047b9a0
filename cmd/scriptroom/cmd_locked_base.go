package main

import (
	"fmt"
	"io"

	"github.com/scriptroom/scriptroom/internal/production"
)

// readLocked reads the locked revision BASE of a production draft (export
// and stats --locked) and makes it ready to lay drafts out against, with
// opts. A Fountain BASE, or a Final Draft file without locked pages, is
// paginated afresh and its pages numbered 1, 2, 3…. A Final Draft
// production draft with locked pages (<LockedPage>) keeps them, as the
// app's import keeps them (production.FromFDX, Options.Pages): each page
// its label ("12A", "13-14") and the place its text starts, even where
// Scriptroom would break the page elsewhere. BASE is the lock as it
// stands, the text its own revision sets marked included: NEW is marked
// against it. What could not be kept is said on stderr.
func readLocked(path string, opts production.Options, stderr io.Writer) (*production.Locked, error) {
	f, err := readScript(path, stderr)
	if err != nil {
		return nil, fmt.Errorf("locked revision: %w", err)
	}
	fp := f.Production
	if fp == nil || len(fp.LockedPages) == 0 {
		return production.NewLocked(f.Text, opts), nil
	}
	whole := *fp
	whole.Revised = nil // the lock is the file's text, its revised runs in it
	fd := production.FromFDX(f.Script(), &whole)
	opts.Pages = fd.Pages
	lk := production.NewLocked(fd.Base, opts)
	kept := len(lk.Pages())
	if left := len(fp.LockedPages) - kept; left > 0 {
		fmt.Fprintf(stderr, "%s: warning: %d of its %d locked pages are left out (they start where the page before them does, or outside the script); their text prints on the page before\n", path, left, len(fp.LockedPages))
	}
	if len(fp.Revised) > 0 {
		fmt.Fprintf(stderr, "%s: its revision marks are not carried over: the new draft is marked against this file as it stands\n", path)
	}
	return lk, nil
}
