package model

import (
	"fmt"
	"strings"
)

// Versions of a revision event's payload (RevisionPayload.Version).
const (
	// RevisionWhole is version 1, also spelled by leaving "v" out (every
	// revision event made before versions existed): the revision carries
	// its whole text.
	RevisionWhole = 1
	// RevisionDelta is version 2: the revision carries no text, and Delta
	// turns the text of an earlier revision of the room (its base) into
	// the revision's. The receiver rebuilds the text and checks it against
	// the revision's content hash, which the revision's id and signature
	// cover as in version 1.
	RevisionDelta = 2
)

// MaxDeltaChain is the most deltas in a row a revision's text may be
// behind the last whole text of its chain: a sharer publishes the whole
// text rather than a delta that would make the chain longer. At the
// proposal autosave's rate of one save a second, a whole 120-page script
// (about 150 KB) every 100 saves costs about as much again as the saves'
// own events (about 1.5 KB each), and a reader missing one event of the
// chain is back on track within 100 saves.
const MaxDeltaChain = 100

// TextDelta is the change from one text (the base's) to the next, by
// lines: copy the base's next lines, skip them, or add text. Lines keep
// their "\n", so any text, with or without a final newline, CRLF or not,
// is rebuilt byte for byte. The operations must use up the base's lines
// exactly.
type TextDelta struct {
	// Base is the revision whose text the delta applies to. Its event is
	// earlier in the same room's log.
	Base RevisionID `json:"base"`
	// Chain is how many deltas the text is behind the last whole text: 1
	// when the base was shared whole, the base's Chain plus 1 when it was
	// shared as a delta. At most MaxDeltaChain.
	Chain int `json:"chain"`
	// Ops turn the base's lines into the text's, in order.
	Ops []LineOp `json:"ops"`
}

// LineOp is one step of a TextDelta: exactly one of its fields is set.
type LineOp struct {
	// Keep copies the base's next Keep lines.
	Keep int `json:"keep,omitempty"`
	// Drop skips the base's next Drop lines.
	Drop int `json:"drop,omitempty"`
	// Add is text to add: whole lines, the last one without "\n" only at
	// the end of a text without a final newline.
	Add string `json:"add,omitempty"`
}

// validate checks the delta's form; whether it fits its base is known
// only when it is applied.
func (d *TextDelta) validate(rev RevisionID) error {
	if err := d.Base.Validate(); err != nil {
		return fmt.Errorf("%w: base: %w", ErrBadDelta, err)
	}
	if d.Base == rev {
		return fmt.Errorf("%w: revision %s is its own base", ErrBadDelta, rev.Short())
	}
	if d.Chain < 1 || d.Chain > MaxDeltaChain {
		return fmt.Errorf("%w: chain of %d deltas (1 to %d)", ErrBadDelta, d.Chain, MaxDeltaChain)
	}
	for i, op := range d.Ops {
		set := 0
		if op.Keep != 0 {
			set++
		}
		if op.Drop != 0 {
			set++
		}
		if op.Add != "" {
			set++
		}
		if set != 1 || op.Keep < 0 || op.Drop < 0 {
			return fmt.Errorf("%w: operation %d sets %d fields, or a negative count (keep %d, drop %d)", ErrBadDelta, i+1, set, op.Keep, op.Drop)
		}
	}
	return nil
}

// Apply rebuilds the text from base, the text of d.Base. It fails with
// ErrDeltaMismatch when the operations do not use up base's lines exactly:
// the delta was made against another text.
func (d *TextDelta) Apply(base string) (string, error) {
	var b strings.Builder
	b.Grow(len(base) + d.added())
	rest := base
	take := func(n int, keep bool) bool {
		for ; n > 0; n-- {
			if rest == "" {
				return false
			}
			i := strings.IndexByte(rest, '\n') + 1
			if i == 0 {
				i = len(rest)
			}
			if keep {
				b.WriteString(rest[:i])
			}
			rest = rest[i:]
		}
		return true
	}
	for i, op := range d.Ops {
		switch {
		case op.Keep > 0:
			if !take(op.Keep, true) {
				return "", fmt.Errorf("%w: operation %d keeps lines past the base's end", ErrDeltaMismatch, i+1)
			}
		case op.Drop > 0:
			if !take(op.Drop, false) {
				return "", fmt.Errorf("%w: operation %d drops lines past the base's end", ErrDeltaMismatch, i+1)
			}
		default:
			b.WriteString(op.Add)
		}
	}
	if rest != "" {
		return "", fmt.Errorf("%w: %d bytes of the base left unused", ErrDeltaMismatch, len(rest))
	}
	return b.String(), nil
}

func (d *TextDelta) added() int {
	n := 0
	for _, op := range d.Ops {
		n += len(op.Add)
	}
	return n
}

// IsDelta reports whether the payload carries its revision's text as a
// delta (version 2) rather than whole.
func (p *RevisionPayload) IsDelta() bool { return p.Delta != nil }

// Whole returns the payload's revision with its text: as carried (version
// 1), or rebuilt from the text of the delta's base, which base returns,
// and checked against the revision's content hash (version 2). base
// returns an error wrapping ErrUnknownDeltaBase when it does not know
// the revision. The payload is not changed.
func (p *RevisionPayload) Whole(base func(RevisionID) (string, error)) (*Revision, error) {
	rev := p.Revision
	if p.Delta == nil {
		return &rev, nil
	}
	from, err := base(p.Delta.Base)
	if err != nil {
		return nil, fmt.Errorf("revision %s, a delta of %s: %w", rev.ID.Short(), p.Delta.Base.Short(), err)
	}
	text, err := p.Delta.Apply(from)
	if err != nil {
		return nil, fmt.Errorf("revision %s, a delta of %s: %w", rev.ID.Short(), p.Delta.Base.Short(), err)
	}
	if ContentHash(text) != rev.ContentHash {
		return nil, fmt.Errorf("revision %s, a delta of %s: %w", rev.ID.Short(), p.Delta.Base.Short(), ErrDeltaContentMismatch)
	}
	rev.Text = text
	return &rev, nil
}

// validateDelta checks a version 2 payload: a revision without text whose
// id and signature verify, and a well-formed delta.
func (p RevisionPayload) validateDelta(author UserID) error {
	if p.Delta == nil {
		return fmt.Errorf("%w: version %d without a delta", ErrBadDelta, RevisionDelta)
	}
	if p.Revision.Text != "" {
		return fmt.Errorf("%w: a delta and a whole text", ErrBadDelta)
	}
	if !isLowerHex(p.Revision.ContentHash, HashIDLength) {
		return fmt.Errorf("%w: content hash %.70q", ErrBadPayload, p.Revision.ContentHash)
	}
	if err := p.Revision.verifySigned(); err != nil {
		return fmt.Errorf("%w: %w", ErrBadPayload, err)
	}
	if p.Revision.Author != author {
		return fmt.Errorf("%w: revision by %s shared by %s", ErrBadPayload, p.Revision.Author.Short(), author.Short())
	}
	return p.Delta.validate(p.Revision.ID)
}
