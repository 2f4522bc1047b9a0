package diff

import (
	"hash/maphash"
	"slices"
	"strings"
	"sync"
	"time"
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
	return splitLinesInto(nil, s)
}

// splitLinesInto is SplitLines in buf's array when it has room.
func splitLinesInto(buf []string, s string) []string {
	if s == "" {
		return nil
	}
	lines := buf[:0]
	if n := strings.Count(s, "\n") + 1; cap(lines) < n {
		lines = make([]string, 0, n)
	}
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

// lineDiff computes the line edit script from a to b, comparing lines byte
// for byte or, with ignoreEOL, without their "\r\n" or "\n" (a missing final
// newline still differs). Past the work budget or the deadline of lim the
// script is coarser but still exact, and timedOut is true.
//
// The common prefix and suffix are trimmed, each distinct line of the middle
// becomes one integer id, and git's histogram diff runs over the ids (see
// histogram); there is no limit on the number of distinct lines. Changes
// are then slid down as GNU diff places them.
func lineDiff(a, b []string, ignoreEOL bool, lim limits) (edits []Edit, timedOut bool) {
	edits, timedOut = lineEdits(a, b, ignoreEOL, lim)
	same := sameExact
	if ignoreEOL {
		same = sameEOL
	}
	return slideDown(edits, a, b, same), timedOut
}

// lineEdits is lineDiff's edit script as the histogram diff made it, before
// slideDown.
func lineEdits(a, b []string, ignoreEOL bool, lim limits) (edits []Edit, timedOut bool) {
	same := sameExact
	if ignoreEOL {
		same = sameEOL
	}
	pre := 0
	for pre < len(a) && pre < len(b) && same(a[pre], b[pre]) {
		pre++
	}
	suf := 0
	for suf < len(a)-pre && suf < len(b)-pre && same(a[len(a)-1-suf], b[len(b)-1-suf]) {
		suf++
	}
	sc := getLineScratch()
	// The edits are built in sc's array and returned in one of their size.
	out := editBuilder{edits: sc.edits[:0]}
	out.add(EditEqual, pre, pre)
	ma, mb := a[pre:len(a)-suf], b[pre:len(b)-suf]
	if len(ma) == 0 || len(mb) == 0 {
		out.add(EditDelete, len(ma), 0)
		out.add(EditInsert, 0, len(mb))
	} else {
		ia, ib, n := sc.lineIDs(ma, mb, ignoreEOL)
		h := sc.histogram(ia, ib, n, &out, lim.deadline, lim.budget(len(ia)+len(ib)))
		h.diff(0, len(ia), 0, len(ib))
		timedOut = h.timedOut
	}
	out.add(EditEqual, suf, suf)
	if sc.keep() {
		edits = make([]Edit, len(out.edits))
		copy(edits, out.edits)
		sc.edits = out.edits
	} else {
		edits = out.edits // sc is not kept: no copy
	}
	putLineScratch(sc)
	return edits, timedOut
}

// lineIDs numbers the distinct lines of a and b (0, 1, 2, ...) and returns
// each line's number and how many there are. With ignoreEOL a line's
// terminator is left out, except that a last line without "\n" stays apart.
func lineIDs(a, b []string, ignoreEOL bool) (ia, ib []int32, n int) {
	var sc lineScratch
	return sc.lineIDs(a, b, ignoreEOL)
}

// lineSlot is a slot of lineScratch's table of distinct lines.
type lineSlot struct {
	hash uint32 // high bits of the line's hash, to skip most comparisons
	id   int32  // the line's number + 1; 0: empty
}

// lineScratch holds the arrays a line diff uses only while it runs (the
// table of distinct lines, the line ids, the histogram's indexes), kept in
// linePool between diffs: a feature's diff then allocates none of them.
type lineScratch struct {
	table           []lineSlot
	texts           []string // id -> the line's key
	ids             []int32
	cnt, head, next []int32
	hist            histogram
	edits           []Edit
}

var linePool = sync.Pool{New: func() any { return new(lineScratch) }}

// maxPooledLineIDs bounds the arrays kept for reuse (in lines): a very
// large diff's go to the garbage collector.
const maxPooledLineIDs = 1 << 17

// keep reports whether sc goes back to the pool when put.
func (sc *lineScratch) keep() bool { return len(sc.ids) <= maxPooledLineIDs }

func getLineScratch() *lineScratch { return linePool.Get().(*lineScratch) }

// putLineScratch returns sc to the pool; nothing it holds may be used after.
func putLineScratch(sc *lineScratch) {
	if !sc.keep() {
		return
	}
	clear(sc.texts) // keep no text alive
	sc.texts = sc.texts[:0]
	clear(sc.edits)
	sc.edits = sc.edits[:0]
	sc.hist = histogram{}
	linePool.Put(sc)
}

// grow returns buf with length n, reusing its array when it has room.
func grow[T any](buf []T, n int) []T {
	if cap(buf) < n {
		return make([]T, n)
	}
	return buf[:n]
}

// lineIDs is the package's lineIDs in sc's arrays.
//
// Lines are hashed once each into an open-addressing table of line
// numbers (a quarter of the memory of a map from string).
func (sc *lineScratch) lineIDs(a, b []string, ignoreEOL bool) (ia, ib []int32, n int) {
	// At most len(a)+len(b) distinct lines fill at most two thirds of the
	// table (usually far fewer: most lines recur on the other side).
	size := 1
	for size < (len(a)+len(b))*3/2+1 {
		size <<= 1
	}
	sc.table = grow(sc.table, size)
	clear(sc.table)
	table := sc.table
	if cap(sc.texts) < len(a) {
		sc.texts = make([]string, 0, len(a))
	}
	texts := sc.texts[:0]
	var bare []int32 // the ids of keys of lines without "\n" (at most one per side)
	mask := uint64(size - 1)
	sc.ids = grow(sc.ids, len(a)+len(b))
	ids := sc.ids
	ia, ib = ids[:len(a):len(a)], ids[len(a):]
	number := func(ls []string, out []int32) {
		for i, l := range ls {
			key, isBare := l, false
			if ignoreEOL {
				if hasNewline(l) {
					key = lineText(l)
				} else {
					isBare = true // a last line without "\n": apart from any line with one
				}
			}
			h := maphash.String(hashSeed, key)
			if isBare {
				h = ^h
			}
			hi := uint32(h >> 32)
			for p := h & mask; ; p = (p + 1) & mask {
				sl := &table[p]
				if sl.id == 0 {
					texts = append(texts, key)
					if isBare {
						bare = append(bare, int32(len(texts)-1))
					}
					sl.hash, sl.id = hi, int32(len(texts))
					out[i] = sl.id - 1
					break
				}
				if sl.hash == hi && texts[sl.id-1] == key && isBare == slices.Contains(bare, sl.id-1) {
					out[i] = sl.id - 1
					break
				}
			}
		}
	}
	number(a, ia)
	number(b, ib)
	sc.texts = texts
	return ia, ib, len(texts)
}

// sameExact compares lines byte for byte, terminators included.
func sameExact(x, y string) bool { return x == y }

// sameEOL compares lines without their terminators, so CRLF and LF lines
// are the same; a line without "\n" differs from one with it.
func sameEOL(x, y string) bool {
	if hasNewline(x) && hasNewline(y) {
		return lineText(x) == lineText(y)
	}
	return x == y
}

// slideDown moves each pure insert or delete between two equal runs as far
// down as the same lines allow, as GNU diff does: an added "# Section" and
// blank line after a blank line read as "+# Section, +blank", not
// "+blank, +# Section".
func slideDown(edits []Edit, a, b []string, same func(x, y string) bool) []Edit {
	for i := 1; i+1 < len(edits); i++ {
		e, prev, next := &edits[i], &edits[i-1], &edits[i+1]
		if prev.Kind != EditEqual || next.Kind != EditEqual || e.Kind == EditEqual {
			continue
		}
		for next.LeftEnd > next.LeftStart {
			if e.Kind == EditInsert && !same(b[e.RightStart], b[e.RightEnd]) {
				break
			}
			if e.Kind == EditDelete && !same(a[e.LeftStart], a[e.LeftEnd]) {
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
