package diff

import (
	"time"

	"github.com/sergi/go-diff/diffmatchpatch"
)

// maxChain is how often a line may occur in the left range and still anchor
// the histogram diff, as git's max_chain_length: past it the range falls
// back to Myers (go-diff).
const maxChain = 64

// maxMyersLines bounds a range handed to Myers (both sides' lines): its
// common lines are all frequent ones (blank lines, "CUT TO:"), and aligning
// those across thousands of unrelated lines costs O(N·D) for rows that pair
// nothing of substance. A larger range is one delete and one insert, exact.
// A variable so a test can lower it.
var maxMyersLines = 2000

// histogram is git's histogram diff (xhistogram.c) over line ids: in each
// range it trims the common prefix and suffix, finds the longest common
// region among those that start at the lines occurring least often on the
// left, emits it as equal and recurses on both sides of it. Lines are
// compared as small integers (one id per distinct line), never as strings.
type histogram struct {
	a, b     []int32 // line ids of both sides
	cnt      []int32 // per id: occurrences in the left range being indexed
	head     []int32 // per id: first occurrence in that range, or -1
	next     []int32 // per left line: next occurrence of the same id, or -1
	out      *editBuilder
	deadline time.Time // zero: none
	// steps counts the work done (lines indexed, scanned and compared);
	// past budget the ranges left are replaced whole. Unlike the deadline
	// it gives the same result on any machine under any load.
	steps, budget int64
	timedOut      bool // a bound was hit
	calls         int
}

// Work budget of a line diff, in steps (see histogram.steps): stepsBase
// plus stepsPerLine for each line of the two middles. Git's histogram diff
// on the corpus and on a 5 MB script with 2% of its lines edited takes
// well under a tenth of it; a pathological pair stops in about a second.
// Variables so a test can lower them.
var (
	stepsBase    int64 = 1 << 24
	stepsPerLine int64 = 1 << 10
)

// limits bound a line diff. The work budget is deterministic: the same
// texts give the same edits on any machine, however loaded. A deadline is
// for the callers that must answer in time whatever the result.
type limits struct {
	deadline   time.Time // zero: none
	unbudgeted bool      // no work budget either: exact and minimal at any cost
}

// budget is the work budget for middles of n lines in all, or 0 for none.
func (l limits) budget(n int) int64 {
	if l.unbudgeted {
		return 0
	}
	return stepsBase + stepsPerLine*int64(n)
}

// histogram is a histogram diff of line ids a and b (ids distinct lines) in
// sc's arrays, writing to out.
func (sc *lineScratch) histogram(a, b []int32, ids int, out *editBuilder, deadline time.Time, budget int64) *histogram {
	sc.cnt, sc.head, sc.next = grow(sc.cnt, ids), grow(sc.head, ids), grow(sc.next, len(a))
	clear(sc.cnt)
	for i := range sc.head {
		sc.head[i] = -1
	}
	sc.hist = histogram{a: a, b: b, out: out, deadline: deadline, budget: budget,
		cnt: sc.cnt, head: sc.head, next: sc.next}
	return &sc.hist
}

// diff emits the edits turning a[a0:a1] into b[b0:b1].
func (h *histogram) diff(a0, a1, b0, b1 int) {
	pre := 0
	for a0 < a1 && b0 < b1 && h.a[a0] == h.b[b0] {
		a0, b0, pre = a0+1, b0+1, pre+1
	}
	suf := 0
	for a0 < a1 && b0 < b1 && h.a[a1-1] == h.b[b1-1] {
		a1, b1, suf = a1-1, b1-1, suf+1
	}
	h.out.add(EditEqual, pre, pre)
	switch {
	case a0 == a1 || b0 == b1:
		h.replace(a0, a1, b0, b1)
	case h.late():
		h.timedOut = true
		h.replace(a0, a1, b0, b1)
	default:
		h.steps += int64(a1-a0) + int64(b1-b0)
		as, ae, bs, found, fallback := h.lcs(a0, a1, b0, b1)
		switch {
		case fallback && (a1-a0)+(b1-b0) <= maxMyersLines && !h.over(myersSteps(a1-a0, b1-b0)):
			h.myers(a0, a1, b0, b1)
		case fallback && (a1-a0)+(b1-b0) <= maxMyersLines:
			h.timedOut = true
			h.replace(a0, a1, b0, b1)
		case fallback:
			h.replace(a0, a1, b0, b1)
		case !found:
			h.replace(a0, a1, b0, b1)
		default:
			h.diff(a0, as, b0, bs)
			h.out.add(EditEqual, ae-as, ae-as)
			h.diff(ae, a1, bs+ae-as, b1)
		}
	}
	h.out.add(EditEqual, suf, suf)
}

// late reports whether the work budget is spent or, on the first range and
// every 256th, whether the deadline has passed.
func (h *histogram) late() bool {
	h.calls++
	return h.over(0) || !h.deadline.IsZero() && h.calls&255 == 1 && time.Now().After(h.deadline)
}

// over reports whether more steps would exceed the budget.
func (h *histogram) over(more int64) bool {
	return h.budget > 0 && h.steps+more > h.budget
}

// myersSteps is what a Myers diff of n and m lines may cost, O((n+m)·D):
// at most (n+m)²/4 steps for the D it can reach before its middle snake.
func myersSteps(n, m int) int64 {
	return int64(n+m) * int64(n+m) / 4
}

// replace emits a range as deleted then inserted.
func (h *histogram) replace(a0, a1, b0, b1 int) {
	h.out.add(EditDelete, a1-a0, 0)
	h.out.add(EditInsert, 0, b1-b0)
}

// lcs finds the anchor region of a[a0:a1] and b[b0:b1]: the longest run of
// equal lines among those whose rarest line occurs least often on the left.
// found is false when no line is common; fallback is true when every common
// line occurs more than maxChain times.
func (h *histogram) lcs(a0, a1, b0, b1 int) (as, ae, bs int, found, fallback bool) {
	a, b, cnt, head, next := h.a, h.b, h.cnt, h.head, h.next
	for i := a1 - 1; i >= a0; i-- {
		id := a[i]
		next[i] = head[id]
		head[id] = int32(i)
		cnt[id]++
	}
	best, bestLen, bestSkew, common := int32(maxChain+1), 0, 0, false
	for bp := b0; bp < b1; {
		bNext := bp + 1
		id := b[bp]
		c := cnt[id]
		if c == 0 {
			bp = bNext
			continue
		}
		common = true
		if c > best {
			bp = bNext
			continue
		}
		for ap := int(head[id]); ap >= 0; {
			s1, s2, e1, e2, rc := ap, bp, ap+1, bp+1, c
			for s1 > a0 && s2 > b0 && a[s1-1] == b[s2-1] {
				s1, s2 = s1-1, s2-1
				if rc > 1 {
					rc = min(rc, cnt[a[s1]])
				}
			}
			for e1 < a1 && e2 < b1 && a[e1] == b[e2] {
				if rc > 1 {
					rc = min(rc, cnt[a[e1]])
				}
				e1, e2 = e1+1, e2+1
			}
			h.steps += int64(e1-s1) + 1
			bNext = max(bNext, e2)
			if d := skew(s1-a0, s2-b0, a1-a0, b1-b0); e1-s1 > bestLen || rc < best || e1-s1 == bestLen && rc == best && d < bestSkew {
				as, ae, bs, bestLen, best, bestSkew = s1, e1, s2, e1-s1, rc, d
			}
			np := int(next[ap])
			for np >= 0 && np < e1 {
				np = int(next[np])
			}
			ap = np
		}
		bp = bNext
	}
	for i := a0; i < a1; i++ {
		cnt[a[i]], head[a[i]] = 0, -1
	}
	if common && best > maxChain {
		return 0, 0, 0, false, true
	}
	return as, ae, bs, bestLen > 0, false
}

// skew is how far a match at offsets x (of n lines) and y (of m lines) is
// from the diagonal of its ranges. Among equally long and rare regions the
// least skewed wins: in a text that repeats itself, the copy at the same
// place, not the first copy.
func skew(x, y, n, m int) int {
	d := x*m - y*n
	if d < 0 {
		return -d
	}
	return d
}

// myers diffs a range whose common lines are all frequent with go-diff's
// Myers diff, each distinct line of the range one rune; past the rune
// alphabet the range is one delete and one insert (still exact).
func (h *histogram) myers(a0, a1, b0, b1 int) {
	local := make(map[int32]rune)
	enc := func(ids []int32) []rune {
		rs := make([]rune, len(ids))
		for i, id := range ids {
			r, ok := local[id]
			if !ok {
				r = indexRune(min(len(local), maxRuneLines-1))
				local[id] = r
			}
			rs[i] = r
		}
		return rs
	}
	ra, rb := enc(h.a[a0:a1]), enc(h.b[b0:b1])
	if len(local) > maxRuneLines {
		h.replace(a0, a1, b0, b1)
		return
	}
	h.steps += myersSteps(a1-a0, b1-b0)
	dmp := diffmatchpatch.New()
	dmp.DiffTimeout = remaining(h.deadline)
	for _, d := range dmp.DiffMainRunes(ra, rb, false) {
		n := len([]rune(d.Text))
		switch d.Type {
		case diffmatchpatch.DiffEqual:
			h.out.add(EditEqual, n, n)
		case diffmatchpatch.DiffDelete:
			h.out.add(EditDelete, n, 0)
		case diffmatchpatch.DiffInsert:
			h.out.add(EditInsert, 0, n)
		}
	}
	if !h.deadline.IsZero() && time.Now().After(h.deadline) {
		h.timedOut = true
	}
}
