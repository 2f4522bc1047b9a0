package review

import (
	"fmt"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/scriptroom/scriptroom/internal/diff"
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
	// matchDistance is go-diff's least MatchDistance, in bytes: how far
	// from the estimated place a match may be before it counts as a full
	// mismatch. A page of screenplay is about 3,000 bytes. A moved quote is
	// searched for in each changed region with at least that region's size,
	// so that it is found wherever it landed.
	matchDistance = 3000
	// maxChangedRatio is the largest share of the quote (edit distance over
	// its length) that may differ in the text found for it.
	maxChangedRatio = 0.4
	// charDiffTimeout bounds one character diff, of a changed region or of
	// a quote against the text found for it. Regions are a few lines and
	// quotes a few pages at most, so a real diff takes well under a
	// millisecond; the bound only stops a pathological pair (a rewrite of
	// a whole act against a quote of 8 KB) from holding up the caller. A
	// coarser diff maps the quote less precisely, or calls it outdated.
	charDiffTimeout = 100 * time.Millisecond
	// patternBytes is the longest pattern go-diff's bitap matcher takes
	// (MatchMaxBits); longer quotes are found by their head and tail.
	patternBytes = diff.MatchMaxBits
)

// Reanchor finds a's quote, taken from oldText, in newText. It first
// carries the quote's start and end through the edits between the two
// texts (a line diff, then a character diff inside each changed region),
// as an editor carries a selection: the text found there is taken when it
// is still close to the quote, so a quote with a word or two changed keeps
// its place even when an exact copy sits elsewhere. Otherwise the text was
// moved or is gone: it looks for an exact copy in the text the edits
// inserted, nearest that place, and last for a fuzzy match there with
// go-diff's MatchMain. A copy in unchanged text is never taken: it was
// there before, so it is another copy, not the quote. It returns the anchor with
// the new line range and the quote as it now reads, and true; or a
// unchanged and false when the quote is gone (the comment is outdated).
// The returned anchor keeps a.Revision: the caller sets the new revision.
// Line endings do not matter: "\r\n" and "\n" count alike, and the quote
// returned has "\n" line ends.
func Reanchor(a Anchor, oldText, newText string) (Anchor, bool) {
	return newTextPair(oldText, newText).reanchor(a)
}

// textPair is two texts prepared for re-anchoring many comments from one
// to the other: the line diff is made once.
type textPair struct {
	oldT, newT           string
	oldStarts, newStarts []int
	hs                   []hunk
	regions              []region
}

func newTextPair(oldText, newText string) *textPair {
	p := &textPair{oldT: lfOnly(oldText), newT: lfOnly(newText)}
	p.oldStarts, p.newStarts = lineStarts(p.oldT), lineStarts(p.newT)
	if p.oldT != p.newT {
		p.hs = lineHunks(splitLines(p.oldT), splitLines(p.newT))
	}
	p.regions = changedRegions(p.newT, p.newStarts, p.hs)
	return p
}

func (p *textPair) reanchor(a Anchor) (Anchor, bool) {
	q := lfOnly(a.Quote)
	if q == "" || p.newT == "" {
		return a, false
	}
	oldOff := locate(p.oldT, p.oldStarts, a, q)
	start, end := carry(p.oldT, p.newT, p.oldStarts, p.newStarts, p.hs, oldOff, min(oldOff+len(q), len(p.oldT)))
	ok := start < end && similar(q, p.newT[start:end])
	if !ok {
		start, end, ok = relocate(p.newT, q, start, append([]region(nil), p.regions...))
	}
	if !ok {
		return a, false
	}
	out := a
	out.StartLine, out.EndLine = lineAt(p.newStarts, start), lineAt(p.newStarts, end-1)
	out.Quote = p.newT[start:end]
	return out, true
}

// carry maps the byte range [s, e) of oldT to newT through hs, the line
// diff of the two texts, and a character diff inside the changed regions.
func carry(oldT, newT string, oldStarts, newStarts []int, hs []hunk, s, e int) (int, int) {
	ns, _ := carryOffset(oldT, newT, oldStarts, newStarts, hs, s)
	if e <= s {
		return ns, ns
	}
	last := e - 1
	for last > s && !utf8.RuneStart(oldT[last]) {
		last--
	}
	ne, kept := carryOffset(oldT, newT, oldStarts, newStarts, hs, last)
	if kept {
		_, size := utf8.DecodeRuneInString(newT[ne:])
		ne += size
	}
	return ns, max(ne, ns)
}

// carryOffset maps byte offset off of oldT to newT; kept is false when the
// character there was deleted, and the offset is then where it was.
func carryOffset(oldT, newT string, oldStarts, newStarts []int, hs []hunk, off int) (int, bool) {
	l := lineAt(oldStarts, off) - 1
	if l < 0 {
		return 0, false // the old text is empty
	}
	at := func(starts []int, text string, line int) int {
		if line < len(starts) {
			return starts[line]
		}
		return len(text)
	}
	shift := 0
	for _, h := range hs {
		if l < h.o0 {
			break
		}
		if l < h.o1 {
			o0, o1 := at(oldStarts, oldT, h.o0), at(oldStarts, oldT, h.o1)
			n0, n1 := at(newStarts, newT, h.n0), at(newStarts, newT, h.n1)
			pos, kept := xIndex(diffChars(oldT[o0:o1], newT[n0:n1]), off-o0)
			return n0 + pos, kept
		}
		shift = h.n1 - h.o1
	}
	nl := l + shift
	if nl >= len(newStarts) {
		return len(newT), false
	}
	return min(newStarts[nl]+off-oldStarts[l], len(newT)), true
}

// diffChars is a character diff of a and b, cleaned up to whole words and
// phrases so that a replaced word maps as one piece.
func diffChars(a, b string) []diff.Segment {
	return diff.Chars(a, b, charDiffTimeout)
}

// xIndex maps byte offset loc of a diff's first text to its second text;
// kept is false when the byte at loc was deleted (diff.MapOffset).
func xIndex(segs []diff.Segment, loc int) (int, bool) { return diff.MapOffset(segs, loc) }

// similar reports whether found differs from the quote q by at most
// maxChangedRatio of q's characters.
func similar(q, found string) bool {
	if q == found {
		return true
	}
	nq, nf := utf8.RuneCountInString(q), utf8.RuneCountInString(found)
	if float64(abs(nq-nf)) > maxChangedRatio*float64(nq) {
		return false // the length alone differs too much
	}
	d := diff.Levenshtein(q, found, charDiffTimeout)
	return float64(d) <= maxChangedRatio*float64(nq)
}

// exactAnchor places a's quote where t holds it word for word, nearest its
// old lines; false when t does not hold it.
// t has LF line ends and line starts starts.
func exactAnchor(a Anchor, t string, starts []int) (Anchor, bool) {
	q := lfOnly(a.Quote)
	if q == "" || !strings.Contains(t, q) {
		return a, false
	}
	off := locate(t, starts, a, q)
	a.StartLine, a.EndLine = lineAt(starts, off), lineAt(starts, off+len(q)-1)
	return a, true
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

// region is a byte range [start, end) of a text.
type region struct{ start, end int }

// changedRegions returns the byte ranges of newT's lines that the line
// diff hs inserted or changed: the only places a moved quote can be. An
// exact copy in unchanged text was there before, so it is another copy
// (a repeated character name, a scene heading used twice), not the quote.
func changedRegions(newT string, newStarts []int, hs []hunk) []region {
	at := func(line int) int {
		if line < len(newStarts) {
			return newStarts[line]
		}
		return len(newT)
	}
	var out []region
	for _, h := range hs {
		if h.n1 > h.n0 {
			out = append(out, region{at(h.n0), at(h.n1)})
		}
	}
	return out
}

// relocate finds quote q in the changed regions of text, the copy nearest
// est: an exact copy if there is one, else a fuzzy match.
func relocate(text, q string, est int, regions []region) (int, int, bool) {
	dist := func(r region) int {
		switch {
		case est < r.start:
			return r.start - est
		case est > r.end:
			return est - r.end
		}
		return 0
	}
	sort.SliceStable(regions, func(i, j int) bool { return dist(regions[i]) < dist(regions[j]) })
	best := -1
	for _, r := range regions {
		if best >= 0 && dist(r) > abs(best-est) {
			break
		}
		if i := nearest(text[r.start:r.end], q, est-r.start); i >= 0 && (best < 0 || abs(r.start+i-est) < abs(best-est)) {
			best = r.start + i
		}
	}
	if best >= 0 {
		return best, best + len(q), true
	}
	for _, r := range regions {
		loc := min(max(est-r.start, 0), r.end-r.start)
		if s, e, ok := fuzzy(text[r.start:r.end], q, loc); ok {
			return r.start + s, r.start + e, true
		}
	}
	return 0, 0, false
}

// fuzzy returns the byte range of a near copy of q in text, near est,
// found with go-diff's MatchMain.
func fuzzy(text, q string, est int) (int, int, bool) {
	distance := max(matchDistance, len(text))
	head, tail := q, ""
	if len(q) > patternBytes {
		head = cutRunes(q, patternBytes, true)
		tail = cutRunes(q, patternBytes, false)
	}
	s := diff.Match(text, head, est, matchThreshold, distance)
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
		t := diff.Match(text, tail, tEst, matchThreshold, distance)
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
	// The match gives the quote's place, not its extent: carry the quote
	// into a window around the place to find where it now starts and ends.
	pad := len(q)/2 + 8
	ws, we := runeStart(text, max(start-pad, 0)), runeEnd(text, min(max(end, start)+pad, len(text)))
	window := text[ws:we]
	if s, e := carryQuote(q, window); s < e {
		start, end = ws+s, ws+e
	} else {
		start, end = runeStart(text, max(start, 0)), runeEnd(text, min(end, len(text)))
	}
	if start >= end || !similar(q, text[start:end]) {
		return 0, 0, false
	}
	return start, end, true
}

// carryQuote returns the byte range of window that quote q maps to through
// a character diff of the two.
func carryQuote(q, window string) (int, int) {
	diffs := diffChars(q, window)
	s, _ := xIndex(diffs, 0)
	last := len(q) - 1
	for last > 0 && !utf8.RuneStart(q[last]) {
		last--
	}
	e, kept := xIndex(diffs, last)
	if kept {
		_, size := utf8.DecodeRuneInString(window[e:])
		e += size
	}
	return s, e
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
	t := lfOnly(text)
	return quoteAt(a, t, lineStarts(t))
}

// quoteAt checks that a's quote is in lines StartLine..EndLine of t (LF
// line ends), whose line starts are starts.
func quoteAt(a Anchor, t string, starts []int) error {
	if a.StartLine < 1 || a.EndLine < a.StartLine || a.EndLine > len(starts) {
		return fmt.Errorf("comment on lines %d-%d: %w (the text has %d)", a.StartLine, a.EndLine, ErrBadAnchor, len(starts))
	}
	hi := len(t)
	if a.EndLine < len(starts) {
		hi = starts[a.EndLine]
	}
	q := lfOnly(a.Quote)
	if !strings.Contains(t[starts[a.StartLine-1]:hi], q) {
		return fmt.Errorf("comment on lines %d-%d quoting %.40q: %w", a.StartLine, a.EndLine, q, ErrQuoteNotFound)
	}
	return nil
}
