package review

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/sergi/go-diff/diffmatchpatch"

	"github.com/scriptroom/scriptroom/internal/model"
)

// Anchor is where a comment sits in a revision; see model.Anchor.
type Anchor = model.Anchor

// Matching constants for re-anchoring.
const (
	// matchThreshold is go-diff's MatchThreshold for finding the quote:
	// 0 needs a perfect match, 1 takes anything. 0.4 finds a quote with a
	// word or two changed, and not an unrelated line.
	matchThreshold = 0.4
	// matchDistance is go-diff's MatchDistance, in bytes: how far from the
	// estimated place a match may be before it counts as a full mismatch.
	// A page of screenplay is about 3,000 bytes.
	matchDistance = 3000
	// maxChangedRatio is the largest share of the quote (edit distance over
	// its length) that may differ in the text found for it.
	maxChangedRatio = 0.4
	// patternBytes is the longest pattern go-diff's bitap matcher takes
	// (MatchMaxBits); longer quotes are found by their head and tail.
	patternBytes = 32
)

// Reanchor finds a's quote, taken from oldText, in newText: an exact copy
// nearest the place a's lines moved to (through a line diff of the two
// texts), else a fuzzy match with go-diff's MatchMain at that place, which
// finds the quote after small edits inside it. It returns the anchor with
// the new line range and the quote as it now reads, and true; or a
// unchanged and false when the quote is gone (the comment is outdated).
// The returned anchor keeps a.Revision: the caller sets the new revision.
// Line endings do not matter: "\r\n" and "\n" count alike.
func Reanchor(a Anchor, oldText, newText string) (Anchor, bool) {
	oldT, newT, q := lfOnly(oldText), lfOnly(newText), lfOnly(a.Quote)
	if q == "" || newT == "" {
		return a, false
	}
	oldStarts, newStarts := lineStarts(oldT), lineStarts(newT)
	oldOff := locate(oldT, oldStarts, a, q)
	line := lineAt(oldStarts, oldOff) - 1
	col := 0
	if line >= 0 {
		col = oldOff - oldStarts[line]
	} else {
		line = 0
	}
	nl := line
	if oldT != newT {
		nl = mapLine(lineHunks(splitLines(oldT), splitLines(newT)), line)
	}
	est := len(newT)
	if nl < len(newStarts) {
		est = min(newStarts[nl]+col, len(newT))
	}
	start, end, ok := find(newT, q, est)
	if !ok {
		return a, false
	}
	out := a
	out.StartLine, out.EndLine = lineAt(newStarts, start), lineAt(newStarts, end-1)
	out.Quote = newT[start:end]
	return out, true
}

// locate returns the byte offset of quote q in text near a's lines: inside
// them if it is there, else the nearest copy, else the start of a's first
// line.
func locate(text string, starts []int, a Anchor, q string) int {
	if len(starts) == 0 {
		return 0
	}
	s := min(max(a.StartLine, 1), len(starts)) - 1
	lo := starts[s]
	hi := len(text)
	if a.EndLine >= 1 && a.EndLine < len(starts) {
		hi = starts[a.EndLine]
	}
	if lo < hi {
		if i := strings.Index(text[lo:hi], q); i >= 0 {
			return lo + i
		}
	}
	if i := nearest(text, q, lo); i >= 0 {
		return i
	}
	return lo
}

// nearest returns the offset of the copy of q in text closest to est, or -1.
func nearest(text, q string, est int) int {
	best, off := -1, 0
	for {
		i := strings.Index(text[off:], q)
		if i < 0 {
			return best
		}
		i += off
		if best < 0 || abs(i-est) < abs(best-est) {
			best = i
		}
		if i > est {
			return best // later copies are further away
		}
		off = i + 1
	}
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// find returns the byte range of q in text near est: exact, else fuzzy.
func find(text, q string, est int) (int, int, bool) {
	if i := nearest(text, q, est); i >= 0 {
		return i, i + len(q), true
	}
	dmp := diffmatchpatch.New()
	dmp.MatchThreshold, dmp.MatchDistance = matchThreshold, matchDistance
	head, tail := q, ""
	if len(q) > patternBytes {
		head = cutRunes(q, patternBytes, true)
		tail = cutRunes(q, patternBytes, false)
	}
	s := dmp.MatchMain(text, head, est)
	var start, end int
	switch {
	case tail == "" && s >= 0:
		start, end = s, s+len(q)
	case tail == "":
		return 0, 0, false
	default:
		tEst := est + len(q) - len(tail)
		if s >= 0 {
			tEst = s + len(q) - len(tail)
		}
		t := dmp.MatchMain(text, tail, tEst)
		switch {
		case s >= 0 && t >= 0 && t+len(tail) > s:
			start, end = s, t+len(tail)
		case s >= 0:
			start, end = s, s+len(q)
		case t >= 0:
			start, end = t+len(tail)-len(q), t+len(tail)
		default:
			return 0, 0, false
		}
	}
	start, end = runeStart(text, max(start, 0)), runeEnd(text, min(end, len(text)))
	if start >= end {
		return 0, 0, false
	}
	diffs := dmp.DiffMain(q, text[start:end], false)
	if float64(dmp.DiffLevenshtein(diffs)) > maxChangedRatio*float64(len(q)) {
		return 0, 0, false
	}
	return start, end, true
}

// cutRunes returns at most n bytes from the start (head) or end of s,
// without splitting a character.
func cutRunes(s string, n int, head bool) string {
	if head {
		i := n
		for i > 0 && !utf8.RuneStart(s[i]) {
			i--
		}
		return s[:i]
	}
	i := len(s) - n
	for i < len(s) && !utf8.RuneStart(s[i]) {
		i++
	}
	return s[i:]
}

func runeStart(s string, i int) int {
	for i > 0 && i < len(s) && !utf8.RuneStart(s[i]) {
		i--
	}
	return i
}

func runeEnd(s string, i int) int {
	for i < len(s) && !utf8.RuneStart(s[i]) {
		i++
	}
	return i
}

// ValidateComment checks a new comment's anchor against the text of its
// revision: the form of the anchor, lines that exist, and a quote that is
// really in those lines. A comment on text deleted meanwhile (the client
// quoted an older version) fails with ErrQuoteNotFound.
func ValidateComment(a Anchor, text string) error {
	if err := a.Validate(); err != nil {
		return fmt.Errorf("comment anchor: %w", err)
	}
	t, q := lfOnly(text), lfOnly(a.Quote)
	starts := lineStarts(t)
	if a.EndLine > len(starts) {
		return fmt.Errorf("comment on lines %d-%d: %w (the text has %d)", a.StartLine, a.EndLine, ErrBadAnchor, len(starts))
	}
	hi := len(t)
	if a.EndLine < len(starts) {
		hi = starts[a.EndLine]
	}
	if !strings.Contains(t[starts[a.StartLine-1]:hi], q) {
		return fmt.Errorf("comment on lines %d-%d quoting %.40q: %w", a.StartLine, a.EndLine, q, ErrQuoteNotFound)
	}
	return nil
}
