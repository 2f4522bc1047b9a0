package diff

import (
	"strings"
	"time"

	"github.com/sergi/go-diff/diffmatchpatch"
)

// EditKind says what an Edit does.
type EditKind string

// The kinds of Edit.
const (
	EditEqual  EditKind = "equal"
	EditDelete EditKind = "delete"
	EditInsert EditKind = "insert"
)

// Edit is one step of the line-level edit script that turns the left text
// into the right one. Ranges are 0-based and half-open line indexes: an equal
// edit covers the same number of lines on both sides, a delete only left
// lines (RightStart == RightEnd) and an insert only right lines.
type Edit struct {
	Kind       EditKind `json:"kind"`
	LeftStart  int      `json:"leftStart"`
	LeftEnd    int      `json:"leftEnd"`
	RightStart int      `json:"rightStart"`
	RightEnd   int      `json:"rightEnd"`
}

// maxRuneLines is how many distinct lines fit in the rune alphabet handed to
// go-diff: every Unicode scalar value, surrogates excluded. A variable so a
// test can lower it to exercise the fallback.
var maxRuneLines = 0x110000 - 0x800

// indexRune maps a line number to a valid scalar value, skipping surrogates
// (which string conversions inside go-diff would turn into U+FFFD).
func indexRune(i int) rune {
	if i >= 0xD800 {
		return rune(i + 0x800)
	}
	return rune(i)
}

// runeIndex is the inverse of indexRune.
func runeIndex(r rune) int {
	if r >= 0xE000 {
		return int(r) - 0x800
	}
	return int(r)
}

// splitLines cuts s into lines that keep their "\n" (and any "\r" before
// it); the last line lacks "\n" when s has no final newline. "" has no lines.
func SplitLines(s string) []string {
	if s == "" {
		return nil
	}
	lines := make([]string, 0, strings.Count(s, "\n")+1)
	for len(s) > 0 {
		i := strings.IndexByte(s, '\n')
		if i < 0 {
			lines = append(lines, s)
			break
		}
		lines = append(lines, s[:i+1])
		s = s[i+1:]
	}
	return lines
}

// lineText is a line without its terminator ("\n" or "\r\n").
func lineText(l string) string {
	l = strings.TrimSuffix(l, "\n")
	return strings.TrimSuffix(l, "\r")
}

// hasNewline reports whether a line ends with "\n".
func hasNewline(l string) bool { return strings.HasSuffix(l, "\n") }

// lineDiff computes the line edit script from a to b. key maps a line to what
// is compared (the exact line, or the line without its terminator). It gives
// go-diff at most until deadline; past it go-diff returns a coarser but still
// exact script, and timedOut is true.
//
// Lines are numbered by distinct key and each number becomes one rune, so
// go-diff's character diff is a line diff. This replaces go-diff's own
// DiffLinesToRunes, whose 16-bit alphabet broke past 65,535 distinct lines:
// here the alphabet is every scalar value (1,112,064). Past that many distinct
// lines (after trimming the common prefix and suffix) the middle is reported
// as one delete and one insert.
func lineDiff(a, b []string, key func(string) string, deadline time.Time) (edits []Edit, timedOut bool) {
	edits, ka, kb, timedOut := lineEdits(a, b, key, deadline)
	return slideDown(edits, ka, kb), timedOut
}

// lineEdits is lineDiff's edit script as go-diff made it, before slideDown,
// with the keys of both sides.
func lineEdits(a, b []string, key func(string) string, deadline time.Time) (edits []Edit, ka, kb []string, timedOut bool) {
	ka = make([]string, len(a))
	kb = make([]string, len(b))
	for i, l := range a {
		ka[i] = key(l)
	}
	for i, l := range b {
		kb[i] = key(l)
	}
	pre := 0
	for pre < len(ka) && pre < len(kb) && ka[pre] == kb[pre] {
		pre++
	}
	suf := 0
	for suf < len(ka)-pre && suf < len(kb)-pre && ka[len(ka)-1-suf] == kb[len(kb)-1-suf] {
		suf++
	}
	var out editBuilder
	out.add(EditEqual, pre, pre)
	ma, mb := ka[pre:len(ka)-suf], kb[pre:len(kb)-suf]
	switch {
	case len(ma) == 0 || len(mb) == 0:
		out.add(EditDelete, len(ma), 0)
		out.add(EditInsert, 0, len(mb))
	default:
		ids := make(map[string]int, len(ma)+len(mb))
		ra := toRunes(ma, ids)
		rb := toRunes(mb, ids)
		if len(ids) > maxRuneLines {
			out.add(EditDelete, len(ma), 0)
			out.add(EditInsert, 0, len(mb))
			break
		}
		dmp := diffmatchpatch.New()
		dmp.DiffTimeout = remaining(deadline)
		for _, d := range dmp.DiffMainRunes(ra, rb, false) {
			n := len([]rune(d.Text))
			switch d.Type {
			case diffmatchpatch.DiffEqual:
				out.add(EditEqual, n, n)
			case diffmatchpatch.DiffDelete:
				out.add(EditDelete, n, 0)
			case diffmatchpatch.DiffInsert:
				out.add(EditInsert, 0, n)
			}
		}
		timedOut = !deadline.IsZero() && time.Now().After(deadline)
	}
	out.add(EditEqual, suf, suf)
	return out.edits, ka, kb, timedOut
}

// slideDown moves each pure insert or delete between two equal runs as far
// down as the same lines allow, as GNU diff does: an added "# Section" and
// blank line after a blank line read as "+# Section, +blank", not
// "+blank, +# Section".
func slideDown(edits []Edit, ka, kb []string) []Edit {
	for i := 1; i+1 < len(edits); i++ {
		e, prev, next := &edits[i], &edits[i-1], &edits[i+1]
		if prev.Kind != EditEqual || next.Kind != EditEqual || e.Kind == EditEqual {
			continue
		}
		for next.LeftEnd > next.LeftStart {
			if e.Kind == EditInsert && kb[e.RightStart] != kb[e.RightEnd] {
				break
			}
			if e.Kind == EditDelete && ka[e.LeftStart] != ka[e.LeftEnd] {
				break
			}
			e.LeftStart++
			e.LeftEnd++
			e.RightStart++
			e.RightEnd++
			prev.LeftEnd++
			prev.RightEnd++
			next.LeftStart++
			next.RightStart++
		}
		if next.LeftEnd == next.LeftStart && i+2 < len(edits) {
			// The change now touches the following one: drop the empty
			// equal run; the edit list stays valid (adjacent changes).
			edits = append(edits[:i+1], edits[i+2:]...)
		}
	}
	out := edits[:0]
	for _, e := range edits {
		if e.LeftEnd == e.LeftStart && e.RightEnd == e.RightStart {
			continue
		}
		if n := len(out); n > 0 && out[n-1].Kind == e.Kind {
			out[n-1].LeftEnd, out[n-1].RightEnd = e.LeftEnd, e.RightEnd
			continue
		}
		out = append(out, e)
	}
	return out
}

// remaining is the time left until deadline as a go-diff timeout, where 0
// would mean "no limit": a passed deadline becomes the smallest positive one.
func remaining(deadline time.Time) time.Duration {
	if deadline.IsZero() {
		return 0
	}
	if d := time.Until(deadline); d > 0 {
		return d
	}
	return time.Nanosecond
}

func toRunes(keys []string, ids map[string]int) []rune {
	rs := make([]rune, len(keys))
	for i, k := range keys {
		id, ok := ids[k]
		if !ok {
			id = len(ids)
			ids[k] = id
		}
		if id >= maxRuneLines {
			// Over the alphabet: the caller sees len(ids) and falls back.
			id = 0
		}
		rs[i] = indexRune(id)
	}
	return rs
}

// editBuilder appends edits, merging neighbours of one kind and keeping the
// running line positions.
type editBuilder struct {
	edits []Edit
	a, b  int
}

func (e *editBuilder) add(kind EditKind, na, nb int) {
	if na == 0 && nb == 0 {
		return
	}
	if n := len(e.edits); n > 0 && e.edits[n-1].Kind == kind {
		e.edits[n-1].LeftEnd += na
		e.edits[n-1].RightEnd += nb
	} else {
		e.edits = append(e.edits, Edit{Kind: kind, LeftStart: e.a, LeftEnd: e.a + na, RightStart: e.b, RightEnd: e.b + nb})
	}
	e.a += na
	e.b += nb
}

// exactKey compares lines byte for byte, terminators included.
func exactKey(l string) string { return l }

// eolKey compares lines without their terminators, so CRLF and LF lines are
// equal; a missing final newline still differs from a present one.
func eolKey(l string) string {
	if strings.HasSuffix(l, "\n") {
		return lineText(l) + "\n"
	}
	return l
}
