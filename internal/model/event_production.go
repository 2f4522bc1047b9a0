package model

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// KindProduction locks a script for production, unlocks or relocks it,
// starts a revision set or clears the marks of earlier sets. Editors and
// the owner only. Payload: ProductionPayload.
const KindProduction = "production"

// ProductionOp is what a production event does.
type ProductionOp string

// The production operations.
const (
	// ProductionLock locks Revision: from then on its scene and page
	// numbers never change.
	ProductionLock ProductionOp = "lock"
	// ProductionUnlock ends the lock; the script prints as a plain draft.
	ProductionUnlock ProductionOp = "unlock"
	// ProductionRelock renumbers: Revision becomes the locked revision,
	// its scenes and pages numbered afresh (1, 2, 3 …).
	ProductionRelock ProductionOp = "relock"
	// ProductionSet starts revision set Set: every change after Revision
	// (the text as it stood) is marked in the set's colour.
	ProductionSet ProductionOp = "set"
	// ProductionClear clears the marks of every change up to Revision:
	// only later changes stay marked.
	ProductionClear ProductionOp = "clear"
)

// MaxSetName is the longest revision set name accepted, in bytes.
const MaxSetName = 80

// ProductionPayload is the body of a production event.
type ProductionPayload struct {
	Op ProductionOp `json:"op"`
	// Revision is the locked revision (lock, relock), the text a set's
	// marks are made against (set), or the text marks are cleared up to
	// (clear). Unlock names none.
	Revision RevisionID `json:"revision,omitempty"`
	// Set is the revision set a set event starts.
	Set *RevisionSetInfo `json:"set,omitempty"`
	// Pages are the locked revision's own locked pages (a lock only), as a
	// Final Draft production draft brings them: each page's label and
	// where it starts. None: the revision's pages are numbered afresh.
	Pages []LockedPage `json:"pages,omitempty"`
}

// LockedPage is a page of a locked revision: its label ("12", "12A",
// "13-14") and where its text starts, an element of the revision's
// parsed Fountain text (fountain.Parse) and a rune offset into the text
// it prints.
type LockedPage struct {
	Label   string `json:"label"`
	Element int    `json:"element"`
	Offset  int    `json:"offset"`
}

// MaxLockedPages is the most locked pages a lock may bring; MaxPageLabel
// the longest label, in bytes.
const (
	MaxLockedPages = 20000
	MaxPageLabel   = 16
)

// RevisionSetInfo is a revision set as events and the library keep it: a
// name, a colour of the industry order (its spelling checked where sets
// are printed) and the date its pages are issued, YYYY-MM-DD.
type RevisionSetInfo struct {
	Name  string `json:"name"`
	Color string `json:"color"`
	Date  string `json:"date"`
}

// Validate checks the payload's form: a known op, the revision it needs,
// and for a set its name, colour and date.
func (p ProductionPayload) Validate() error {
	switch p.Op {
	case ProductionUnlock:
		return nil
	case ProductionLock, ProductionRelock, ProductionClear:
	case ProductionSet:
		if p.Set == nil {
			return fmt.Errorf("%w: a set event without its set", ErrBadProduction)
		}
		if err := p.Set.Validate(); err != nil {
			return err
		}
	default:
		return fmt.Errorf("%w: unknown op %.20q", ErrBadProduction, p.Op)
	}
	if err := p.Revision.Validate(); err != nil {
		return fmt.Errorf("%w: %s needs a revision: %w", ErrBadProduction, p.Op, err)
	}
	if len(p.Pages) > 0 && p.Op != ProductionLock {
		return fmt.Errorf("%w: only a lock brings locked pages, not %s", ErrBadProduction, p.Op)
	}
	if len(p.Pages) > MaxLockedPages {
		return fmt.Errorf("%w: %d locked pages, at most %d", ErrBadProduction, len(p.Pages), MaxLockedPages)
	}
	for i, lp := range p.Pages {
		if l := strings.TrimSpace(lp.Label); l == "" || len(lp.Label) > MaxPageLabel || !utf8.ValidString(lp.Label) {
			return fmt.Errorf("%w: locked page %d: label %.20q is not 1 to %d bytes of text", ErrBadProduction, i+1, lp.Label, MaxPageLabel)
		}
		if lp.Element < 0 || lp.Offset < 0 {
			return fmt.Errorf("%w: locked page %q starts at element %d, offset %d", ErrBadProduction, lp.Label, lp.Element, lp.Offset)
		}
	}
	return nil
}

// Validate checks a set's name (1 to MaxSetName bytes of UTF-8), colour
// (not empty) and date (a calendar date written YYYY-MM-DD).
func (s RevisionSetInfo) Validate() error {
	if n := strings.TrimSpace(s.Name); n == "" || len(s.Name) > MaxSetName || !utf8.ValidString(s.Name) {
		return fmt.Errorf("%w: set name %.40q is not 1 to %d bytes of text", ErrBadProduction, s.Name, MaxSetName)
	}
	if strings.TrimSpace(s.Color) == "" || len(s.Color) > MaxSetName {
		return fmt.Errorf("%w: set %q has no colour", ErrBadProduction, s.Name)
	}
	if _, err := time.Parse(time.DateOnly, s.Date); err != nil {
		return fmt.Errorf("%w: set %q: date %.20q is not YYYY-MM-DD", ErrBadProduction, s.Name, s.Date)
	}
	return nil
}

// ProductionSetState is a revision set that was started: the set and the
// revision its marks are made against.
type ProductionSetState struct {
	RevisionSetInfo
	From RevisionID `json:"from"`
}

// ProductionChange is one production event, for the script's history.
type ProductionChange struct {
	Op       ProductionOp `json:"op"`
	Revision RevisionID   `json:"revision,omitempty"`
	Set      string       `json:"set,omitempty"`
	// Color and Date are a set's colour and date (a set only), so that
	// the history can be published again as it was (Production.Replay);
	// histories kept before they were recorded have none.
	Color string `json:"color,omitempty"`
	Date  string `json:"date,omitempty"`
	By    UserID `json:"by,omitempty"`
	// At is when it was done, in Unix milliseconds.
	At int64 `json:"at"`
}

// Production is a script's production state: the fold of its production
// events (a room's) or of the same changes made in the library alone.
type Production struct {
	// Locked is true while the script is locked for production.
	Locked bool `json:"locked"`
	// Base is the locked revision: its scene and page numbers stay.
	Base RevisionID `json:"base,omitempty"`
	// Pages are Base's own locked pages when the lock brought them (a
	// Final Draft production draft imported); none: Base's pages are
	// numbered as it paginates.
	Pages []LockedPage `json:"pages,omitempty"`
	// Sets are the revision sets started, in order; the last is current.
	Sets []ProductionSetState `json:"sets,omitempty"`
	// Cleared is the revision marks were cleared up to ("" for none).
	Cleared RevisionID `json:"cleared,omitempty"`
	// History lists every change, oldest first.
	History []ProductionChange `json:"history,omitempty"`
}

// Current is the current revision set, if one was started.
func (p *Production) Current() (ProductionSetState, bool) {
	if len(p.Sets) == 0 {
		return ProductionSetState{}, false
	}
	return p.Sets[len(p.Sets)-1], true
}

// Check reports whether pl may be applied now: lock needs the script
// unlocked; unlock, relock, set and clear need it locked; clear needs a
// set; a set's colour must differ from the current set's.
func (p *Production) Check(pl ProductionPayload) error {
	if err := pl.Validate(); err != nil {
		return err
	}
	switch pl.Op {
	case ProductionLock:
		if p.Locked {
			return fmt.Errorf("%w: already locked at %s", ErrLocked, p.Base.Short())
		}
	case ProductionUnlock, ProductionRelock, ProductionSet:
		if !p.Locked {
			return fmt.Errorf("%w: cannot %s", ErrNotLocked, pl.Op)
		}
	case ProductionClear:
		if !p.Locked {
			return fmt.Errorf("%w: cannot clear marks", ErrNotLocked)
		}
		if len(p.Sets) == 0 {
			return fmt.Errorf("%w: no revision set was started, so there are no marks to clear", ErrBadProduction)
		}
	}
	if pl.Op == ProductionSet {
		if cur, ok := p.Current(); ok && strings.EqualFold(cur.Color, pl.Set.Color) {
			return fmt.Errorf("%w: the current set %q is %s already", ErrBadProduction, cur.Name, cur.Color)
		}
	}
	return nil
}

// Apply checks pl (see Check) and folds it in, by user by at (Unix ms).
func (p *Production) Apply(pl ProductionPayload, by UserID, at int64) error {
	if err := p.Check(pl); err != nil {
		return err
	}
	ch := ProductionChange{Op: pl.Op, Revision: pl.Revision, By: by, At: at}
	switch pl.Op {
	case ProductionLock:
		p.Locked, p.Base, p.Pages, p.Sets, p.Cleared = true, pl.Revision, pl.Pages, nil, ""
	case ProductionUnlock:
		p.Locked = false
	case ProductionRelock:
		// Renumbered: the new lock starts clean, as a new white draft.
		p.Base, p.Pages, p.Sets, p.Cleared = pl.Revision, nil, nil, ""
	case ProductionSet:
		p.Sets = append(p.Sets, ProductionSetState{RevisionSetInfo: *pl.Set, From: pl.Revision})
		ch.Set, ch.Color, ch.Date = pl.Set.Name, pl.Set.Color, pl.Set.Date
	case ProductionClear:
		p.Cleared = pl.Revision
	}
	p.History = append(p.History, ch)
	return nil
}
