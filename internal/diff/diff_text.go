package diff

import (
	"time"

	"github.com/sergi/go-diff/diffmatchpatch"
)

// The calls below are for packages that map places between texts (comment
// anchors in internal/review): this package is the only one that calls
// go-diff, so its quirks (timeouts, the rune alphabet, byte offsets) are
// handled once.

// EditScript is the line edit script from lines a to lines b, compared byte
// for byte, as go-diff makes it: changes are not slid to a canonical place
// (Lines and Unified slide them as GNU diff does). It takes at most
// timeout (0: no time limit; the work budget of every line diff still
// bounds it); past either the script is coarser but still exact.
func EditScript(a, b []string, timeout time.Duration) []Edit {
	var lim limits
	if timeout > 0 {
		lim.deadline = time.Now().Add(timeout)
	}
	edits, _ := lineEdits(a, b, false, lim)
	return edits
}

// Chars is a character diff of a and b in pieces (Segment), cleaned up to
// whole words and phrases (go-diff's semantic cleanup) so that a replaced
// word is one delete and one insert. go-diff gets at most timeout (0: no
// limit). The equal and delete pieces joined give a; the equal and insert
// pieces give b.
func Chars(a, b string, timeout time.Duration) []Segment {
	dmp := diffmatchpatch.New()
	dmp.DiffTimeout = timeout
	diffs := dmp.DiffCleanupSemantic(dmp.DiffMain(a, b, false))
	out := make([]Segment, 0, len(diffs))
	for _, d := range diffs {
		k := SegmentEqual
		switch d.Type {
		case diffmatchpatch.DiffDelete:
			k = SegmentDelete
		case diffmatchpatch.DiffInsert:
			k = SegmentInsert
		}
		out = append(out, Segment{Kind: k, Text: d.Text})
	}
	return out
}

// MapOffset maps byte offset loc of a Chars diff's first text to its second
// text; kept is false when the byte at loc was deleted, and the offset is
// then where the deletion was. An offset past the end maps past the end.
func MapOffset(segs []Segment, loc int) (int, bool) {
	c1, c2 := 0, 0
	for _, d := range segs {
		n := len(d.Text)
		switch d.Kind {
		case SegmentEqual:
			if loc < c1+n {
				return c2 + loc - c1, true
			}
			c1, c2 = c1+n, c2+n
		case SegmentDelete:
			if loc < c1+n {
				return c2, false
			}
			c1 += n
		case SegmentInsert:
			c2 += n
		}
	}
	return c2 + loc - c1, false
}

// Levenshtein is the edit distance between a and b in characters (runes),
// through a character diff given at most timeout (0: no limit).
func Levenshtein(a, b string, timeout time.Duration) int {
	dmp := diffmatchpatch.New()
	dmp.DiffTimeout = timeout
	return dmp.DiffLevenshtein(dmp.DiffMain(a, b, false))
}

// MatchMaxBits is the longest pattern Match takes, in bytes.
const MatchMaxBits = 32

// Match finds the best near copy of pattern (at most MatchMaxBits bytes)
// in text near byte offset loc with go-diff's bitap matcher, and returns
// its byte offset, or -1. threshold is 0 for a perfect match only up to 1
// for anything; distance is how many bytes from loc a match may be before
// it counts as a full mismatch.
func Match(text, pattern string, loc int, threshold float64, distance int) int {
	dmp := diffmatchpatch.New()
	dmp.MatchThreshold, dmp.MatchDistance = threshold, distance
	return dmp.MatchMain(text, pattern, loc)
}
