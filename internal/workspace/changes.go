package workspace

import (
	"fmt"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// The editor saves what changed, not the whole text: a list of replacements
// made against a text both sides hold, with a sum of that text and of the
// result, so a change lost or applied twice is caught rather than stored.
// Offsets and lengths count UTF-16 code units, as the editor (CodeMirror, a
// JavaScript string) counts them; the sums hash those units too.

// Change replaces the text between From and To (UTF-16 offsets into the
// text the changes are made against, From <= To) by Insert.
type Change struct {
	From   int    `json:"from"`
	To     int    `json:"to"`
	Insert string `json:"insert"`
}

// TextSum identifies a text without sending it: its length in UTF-16 code
// units and a polynomial hash of those units, h = (h*sumBase + unit) mod
// sumModulus from h = 0. frontend/src/lib/editor/changes.ts computes the
// same; a hash of a concatenation follows from its parts' hashes, so the
// editor sums a document from the parts an edit left alone instead of
// rehashing the whole script on every save.
type TextSum struct {
	Length int    `json:"length"`
	Hash   uint32 `json:"hash"`
}

// Changes is one save from the editor: the sum of the text the changes are
// made against, the changes in ascending order of From, not overlapping,
// and the sum of the text they make.
type Changes struct {
	Base    TextSum  `json:"base"`
	Changes []Change `json:"changes"`
	Result  TextSum  `json:"result"`
}

// The sum's modulus (2^31 - 1, a prime) and base (a prime under 2^20, so
// the editor's h*sumBase + unit stays exact in a JavaScript double).
const (
	sumModulus = 2147483647
	sumBase    = 1000003
)

// SumOf is text's TextSum.
func SumOf(text string) TextSum {
	h := uint64(0)
	n := 0
	for i := 0; i < len(text); {
		if c := text[i]; c < utf8.RuneSelf { // ASCII: one unit
			h = (h*sumBase + uint64(c)) % sumModulus
			i++
			n++
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		i += size
		if r >= 0x10000 {
			a, b := utf16.EncodeRune(r)
			h = (h*sumBase + uint64(a)) % sumModulus
			h = (h*sumBase + uint64(b)) % sumModulus
			n += 2
		} else {
			h = (h*sumBase + uint64(r)) % sumModulus
			n++
		}
	}
	return TextSum{Length: n, Hash: uint32(h)}
}

// ApplyChanges applies ch to text, the text ch is made against, and returns
// the result. It fails with ErrChangesStale when text is not ch's base (the
// editor and the library no longer hold the same text), with
// ErrBadChanges when the changes are out of order or out of the text, and
// with ErrChangesMismatch when the result is not the text the editor has.
// Every failure leaves text as it was; none is to be stored.
func ApplyChanges(text string, ch Changes) (string, error) {
	if SumOf(text) != ch.Base {
		return "", ErrChangesStale
	}
	var b strings.Builder
	b.Grow(len(text) + insertLen(ch.Changes))
	pos, unit := 0, 0 // byte offset and UTF-16 offset into text, in step
	// advance copies text up to UTF-16 offset to (when keep) or skips it.
	advance := func(to int, keep bool) error {
		start := pos
		for unit < to {
			if pos >= len(text) {
				return fmt.Errorf("%w: offset %d is past the end (%d)", ErrBadChanges, to, unit)
			}
			if text[pos] < utf8.RuneSelf {
				pos++
				unit++
				continue
			}
			r, size := utf8.DecodeRuneInString(text[pos:])
			n := 1
			if r >= 0x10000 {
				n = 2
			}
			if unit+n > to {
				return fmt.Errorf("%w: offset %d is inside a character", ErrBadChanges, to)
			}
			pos += size
			unit += n
		}
		if keep {
			b.WriteString(text[start:pos])
		}
		return nil
	}
	for i, c := range ch.Changes {
		if c.From < unit || c.To < c.From {
			return "", fmt.Errorf("%w: change %d (%d to %d) is out of order", ErrBadChanges, i, c.From, c.To)
		}
		if err := advance(c.From, true); err != nil {
			return "", err
		}
		if err := advance(c.To, false); err != nil {
			return "", err
		}
		b.WriteString(c.Insert)
	}
	b.WriteString(text[pos:])
	out := b.String()
	if SumOf(out) != ch.Result {
		return "", ErrChangesMismatch
	}
	return out, nil
}

func insertLen(cs []Change) int {
	n := 0
	for _, c := range cs {
		n += len(c.Insert)
	}
	return n
}
