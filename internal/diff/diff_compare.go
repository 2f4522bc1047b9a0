package diff

import (
	"fmt"
	"strings"
	"sync"
	"time"
)

// Lines compares a and b line by line, aligns them into side-by-side rows
// with word-level segments on changed rows, and attaches each change to the
// Fountain elements it touches.
func Lines(a, b string, opts Options) *Result {
	return compare(a, b, opts, false, nil)
}

// Compare is Lines plus the scene summary, sharing the parse of both texts.
func Compare(a, b string, opts Options) *Result {
	return compare(a, b, opts, true, nil)
}

// limitsOf are the bounds of a comparison started at start: the work
// budgets always (the same result on any machine, however loaded), none
// with a negative Timeout, and a positive Timeout's deadlines besides (the
// line diff gets half of it).
func limitsOf(opts Options, start time.Time, size int) (line limits, words wordLimits) {
	budget := wordStepsBase + wordStepsPerByte*int64(size)
	switch t := opts.Timeout; {
	case t < 0:
		return limits{unbudgeted: true}, wordLimits{}
	case t > 0:
		return limits{deadline: start.Add(t / 2)}, wordLimits{deadline: start.Add(t), budget: budget}
	}
	return limits{}, wordLimits{budget: budget}
}

// side is one text prepared for comparison: its lines, what the line diff
// compares (keys), the text scene hashing reads (vis: without what is
// ignored) and which lines hold only ignored content.
type side struct {
	text      string
	lines     []string
	keys, vis []string
	hidden    []bool
	bufs      *docBufs // the arrays of the side's doc (lines is one)
}

// bom is the byte order mark some editors write at the start of a file.
const bom = "\uFEFF"

// prepare splits both texts and works out what is compared: with
// opts.Ignore, the visible text; a byte order mark on one side only, and
// line endings of two different styles, are set aside with a notice.
func prepare(a, b string, opts Options) (sa, sb side, ignoreEOL bool, notices []string) {
	sa = side{text: a, bufs: getDocBufs()}
	sb = side{text: b, bufs: getDocBufs()}
	sa.lines, sb.lines = splitLinesInto(sa.bufs.lines, a), splitLinesInto(sb.bufs.lines, b)
	for _, s := range []*side{&sa, &sb} {
		s.keys, s.vis = s.lines, s.lines
		if opts.Ignore.any() {
			s.vis, s.hidden = visibleLines(s.lines, s.text, opts.Ignore)
			s.keys = compareKeys(s.vis, opts.Ignore)
		}
	}
	ignoreEOL = opts.IgnoreLineEndings || opts.Ignore.Whitespace
	if ea, eb := LineEndings(a), LineEndings(b); !ignoreEOL && ea != "" && eb != "" && ea != eb {
		ignoreEOL = true
		notices = append(notices, fmt.Sprintf("Line endings differ (%s on the left, %s on the right): lines are compared without them.", ea, eb))
	}
	if ba, bb := strings.HasPrefix(a, bom), strings.HasPrefix(b, bom); ba != bb {
		where := "left"
		if bb {
			where = "right"
		}
		notices = append(notices, "Only the "+where+" text starts with a byte order mark: it is not compared.")
		for _, s := range []*side{&sa, &sb} {
			if len(s.lines) > 0 && strings.HasPrefix(s.keys[0], bom) {
				s.keys = append([]string(nil), s.keys...)
				s.keys[0] = strings.TrimPrefix(s.keys[0], bom)
			}
			if len(s.lines) > 0 && strings.HasPrefix(s.vis[0], bom) {
				s.vis = append([]string(nil), s.vis...)
				s.vis[0] = strings.TrimPrefix(s.vis[0], bom)
			}
		}
	}
	return sa, sb, ignoreEOL, notices
}

// LineEndings is "CRLF" when every line break of text is "\r\n", "LF" when
// none is, and "" when it has none or both.
func LineEndings(text string) string {
	n, crlf := strings.Count(text, "\n"), strings.Count(text, "\r\n")
	switch {
	case n == 0 || crlf > 0 && crlf < n:
		return ""
	case crlf == n:
		return "CRLF"
	default:
		return "LF"
	}
}

// compare runs the independent stages side by side: both texts are parsed
// while the line diff runs, then the scene summary is made while the rows
// are built.
//
// With sinkOf, the rows go to the sink it makes for the two docs instead of
// Result.Rows (which stays nil).
func compare(a, b string, opts Options, summary bool, sinkOf func(da, db *doc) rowSink) *Result {
	lineLim, wordLim := limitsOf(opts, time.Now(), len(a)+len(b))
	sa, sb, ignoreEOL, notices := prepare(a, b, opts)
	var da, db *doc
	var wg sync.WaitGroup
	wg.Add(2)
	go func() { defer wg.Done(); da = newDocSide(sa, opts.Ignore) }()
	go func() { defer wg.Done(); db = newDocSide(sb, opts.Ignore) }()
	edits, timedOut := diffSkipping(sa.keys, sb.keys, sa.hidden, sb.hidden, ignoreEOL, lineLim)
	wg.Wait()
	var sum SceneSummary
	if summary {
		wg.Add(1)
		go func() { defer wg.Done(); sum = summarize(da, db, edits) }()
	}
	var r *Result
	if sinkOf == nil {
		r = rows(da, db, edits, timedOut, opts, wordLim)
	} else {
		r = &Result{Edits: edits}
		r.Changes, r.Stats, r.Degraded = walkRows(da, db, edits, opts, wordLim, sinkOf(da, db))
		r.Degraded = r.Degraded || timedOut
	}
	r.Notices = notices
	wg.Wait()
	if summary {
		r.Summary = &sum
	}
	da.release()
	db.release()
	return r
}

// Summarize is Compare without rows or word level: the scene summary and
// the notices, for callers that show only scenes. Both texts are parsed
// while the line diff runs, which settles the scenes it leaves unchanged.
func Summarize(a, b string, opts Options) *Result {
	lineLim, _ := limitsOf(opts, time.Now(), len(a)+len(b))
	sa, sb, ignoreEOL, notices := prepare(a, b, opts)
	var da, db *doc
	var wg sync.WaitGroup
	wg.Add(2)
	go func() { defer wg.Done(); da = newDocSide(sa, opts.Ignore) }()
	go func() { defer wg.Done(); db = newDocSide(sb, opts.Ignore) }()
	edits, _ := diffSkipping(sa.keys, sb.keys, sa.hidden, sb.hidden, ignoreEOL, lineLim)
	wg.Wait()
	sum := summarize(da, db, edits)
	da.release()
	db.release()
	return &Result{Edits: []Edit{}, Rows: []Row{}, Changes: []Change{}, Notices: notices, Summary: &sum}
}
