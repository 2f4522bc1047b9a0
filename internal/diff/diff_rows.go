package diff

import (
	"sync"
	"time"

	"github.com/scriptroom/scriptroom/internal/fountain"
)

// The word-level work of one comparison is bounded by wordStepsBase plus
// wordStepsPerByte for each byte of the two texts, in steps (see
// wordSteps): a change row that would go past it keeps line level only.
// A feature rewritten from end to end takes about a twentieth of it; only
// very long lines (a whole file on one line) reach it. Variables so a test
// can lower them.
var (
	wordStepsBase    int64 = 1 << 24
	wordStepsPerByte int64 = 64
)

// wordSteps is what diffing two lines word by word may cost: Myers is
// O((n+m)·D) in tokens, at most (n+m)²/4 with (n+m) about a quarter of
// the bytes.
func wordSteps(left, right string) int64 {
	t := int64(len(left)+len(right))/4 + 1
	return t*t/4 + t
}

// wordLimits bound the word level of a comparison: a work budget (0: none)
// and, with a positive Options.Timeout, a deadline (zero: none).
type wordLimits struct {
	deadline time.Time
	budget   int64
}

// inTime reports whether the deadline, if any, has not passed.
func (w wordLimits) inTime() bool { return w.deadline.IsZero() || time.Now().Before(w.deadline) }

// maxPairCells bounds the similarity alignment inside one changed block
// (deleted lines × inserted lines); larger blocks pair lines in order.
const maxPairCells = 4096

// minPairSimilarity is the least word similarity (0..1) at which a deleted
// and an inserted line are aligned on one row ahead of their neighbours.
const minPairSimilarity = 0.3

// Options tune a comparison. The zero value is the default.
type Options struct {
	// IgnoreLineEndings compares lines without their "\r\n" or "\n", so a
	// CRLF copy equals its LF original. A missing final newline still shows.
	IgnoreLineEndings bool `json:"ignoreLineEndings"`
	// Timeout, when positive, also bounds the whole comparison in time (the
	// result then depends on the machine's speed and load). Zero means the
	// work budgets only, which give the same result everywhere and cut
	// short only pathological pairs; a negative value means no limit at all.
	Timeout time.Duration `json:"timeout"`
	// NoWords skips the word-level segments of changed rows.
	NoWords bool `json:"noWords"`
	// Ignore leaves notes, boneyard or white-space changes out of the
	// changes and the scene summary.
	Ignore Ignore `json:"ignore"`
}

// RowKind says how the two sides of a Row relate.
type RowKind string

// The kinds of Row.
const (
	RowEqual  RowKind = "equal"
	RowInsert RowKind = "insert"
	RowDelete RowKind = "delete"
	RowChange RowKind = "change"
)

// Row is one line of the side-by-side view. A side that has no line has line
// number 0 and empty text. Texts have no line terminator.
type Row struct {
	Kind      RowKind `json:"kind"`
	LeftLine  int     `json:"leftLine"`  // 1-based, 0 when the row has no left line
	LeftText  string  `json:"leftText"`  // without "\n" or "\r\n"
	RightLine int     `json:"rightLine"` // 1-based, 0 when the row has no right line
	RightText string  `json:"rightText"`
	// LeftNoNewline and RightNoNewline mark a last line without "\n".
	LeftNoNewline  bool `json:"leftNoNewline,omitempty"`
	RightNoNewline bool `json:"rightNoNewline,omitempty"`
	// LineEndingOnly marks a change row whose texts are the same: only the
	// line ending ("\r\n" or "\n") or the final newline differs.
	LineEndingOnly bool `json:"lineEndingOnly,omitempty"`
	// Ignored marks a non-equal row whose lines hold only what
	// Options.Ignore leaves out (a note, boneyard); no Change holds it.
	Ignored bool `json:"ignored,omitempty"`
	// Segments are the word-level differences of a change row (empty when
	// word level was skipped or went past its work budget).
	Segments []Segment `json:"segments,omitempty"`
	// LeftElement and RightElement are the Fountain element types the lines
	// belong to ("" for blank lines and the title page).
	LeftElement  fountain.ElementType `json:"leftElement,omitempty"`
	RightElement fountain.ElementType `json:"rightElement,omitempty"`
}

// ElementRef names a Fountain element touched by a change.
type ElementRef struct {
	Side      string               `json:"side"` // "left" or "right"
	Type      fountain.ElementType `json:"type"`
	Line      int                  `json:"line"` // 1-based first line
	EndLine   int                  `json:"endLine"`
	Character string               `json:"character,omitempty"` // the speaker, for cues, dialogue and parentheticals
}

// Change is a run of consecutive non-equal rows: what "next change" jumps to.
type Change struct {
	FirstRow int `json:"firstRow"` // index into Result.Rows
	LastRow  int `json:"lastRow"`  // inclusive
	// LeftStart/LeftEnd and RightStart/RightEnd are 1-based inclusive line
	// ranges; an empty side has End = Start-1.
	LeftStart  int          `json:"leftStart"`
	LeftEnd    int          `json:"leftEnd"`
	RightStart int          `json:"rightStart"`
	RightEnd   int          `json:"rightEnd"`
	Scene      string       `json:"scene,omitempty"` // heading of the (right, else left) scene it is in
	Elements   []ElementRef `json:"elements"`
}

// Stats counts changed lines.
type Stats struct {
	Equal    int `json:"equal"`
	Inserted int `json:"inserted"` // rows with only a right line
	Deleted  int `json:"deleted"`  // rows with only a left line
	Changed  int `json:"changed"`  // rows with both, different
	Ignored  int `json:"ignored"`  // non-equal rows left out by Options.Ignore
}

// Result is a line-by-line comparison of two texts.
type Result struct {
	Edits   []Edit   `json:"edits"` // the exact line edit script, left to right
	Rows    []Row    `json:"rows"`
	Changes []Change `json:"changes"`
	Stats   Stats    `json:"stats"`
	// Degraded is true when a bound (see Options.Timeout) cut the work short: the line
	// alignment may be coarser than minimal, or some change rows lack
	// segments. The edit script is exact either way.
	Degraded bool `json:"degraded"`
	// Notices say what the comparison set aside to compare like with like
	// (line endings of another style, a byte order mark on one side only).
	Notices []string `json:"notices,omitempty"`
	// Summary is the scene-level summary; Compare fills it, Lines does not.
	Summary *SceneSummary `json:"summary,omitempty"`
}

// rows turns the line edit script into side-by-side rows, word segments on
// change rows (until wordDL) and changes with their elements.
func rows(da, db *doc, edits []Edit, timedOut bool, opts Options, lim wordLimits) *Result {
	// At most one row per line of either side: one allocation.
	n := 0
	for _, e := range edits {
		if e.Kind == EditEqual {
			n += e.LeftEnd - e.LeftStart
		} else {
			n += e.LeftEnd - e.LeftStart + e.RightEnd - e.RightStart
		}
	}
	sink := &resultRows{da: da, db: db, rows: make([]Row, 0, n)}
	r := &Result{Edits: edits}
	r.Changes, r.Stats, r.Degraded = walkRows(da, db, edits, opts, lim, sink)
	r.Degraded = r.Degraded || timedOut
	r.Rows = sink.rows
	return r
}

// rowSink takes the rows of a comparison in order: runs of equal rows by
// their lines, the others whole.
type rowSink interface {
	// equal takes count equal rows, from 0-based lines l and rl on.
	equal(l, rl, count int)
	// row takes a row of another kind; it is not kept after the call.
	row(row *Row)
}

// resultRows keeps every row, as Result.Rows.
type resultRows struct {
	da, db *doc
	rows   []Row
}

func (s *resultRows) equal(l, rl, count int) {
	for k := range count {
		s.rows = append(s.rows, makeRow(RowEqual, s.da, l+k, s.db, rl+k))
	}
}

func (s *resultRows) row(row *Row) { s.rows = append(s.rows, *row) }

// walkRows hands the rows the line edit script makes to sink, with word
// segments on change rows (within lim), and returns the changes with their
// elements, the counts, and whether lim cut the word level short.
func walkRows(da, db *doc, edits []Edit, opts Options, lim wordLimits, sink rowSink) (changes []Change, stats Stats, degraded bool) {
	hidden := func(d *doc, line int) bool { return line <= 0 || d.hidden != nil && d.hidden[line-1] }
	// Buffers and tables shared by all changed blocks, kept between
	// comparisons.
	sc := rowPool.Get().(*rowScratch)
	defer sc.put()
	var (
		dels, ins = sc.dels, sc.ins
		pairs     = sc.pairs
		block     = sc.block // the rows of one changed block
		wd        = &sc.wd
		wb        = &sc.wb
		spent     int64
		nrows     int
	)
	defer func() {
		clear(block) // keep no text
		sc.dels, sc.ins, sc.pairs, sc.block = dels, ins, pairs, block[:0]
	}()
	for i := 0; i < len(edits); i++ {
		e := edits[i]
		if e.Kind == EditEqual {
			if n := e.LeftEnd - e.LeftStart; n > 0 {
				sink.equal(e.LeftStart, e.RightStart, n)
				nrows += n
				stats.Equal += n
			}
			continue
		}
		// A block of consecutive non-equal edits.
		leftBefore, rightBefore := e.LeftStart, e.RightStart
		dels, ins = dels[:0], ins[:0]
		for ; i < len(edits) && edits[i].Kind != EditEqual; i++ {
			for l := edits[i].LeftStart; l < edits[i].LeftEnd; l++ {
				dels = append(dels, l)
			}
			for l := edits[i].RightStart; l < edits[i].RightEnd; l++ {
				ins = append(ins, l)
			}
		}
		i--
		pairs = pairLines(pairs[:0], da, dels, db, ins, lim.inTime(), wb)
		clear(block)
		block = block[:0]
		ignored := true
		for _, p := range pairs {
			row := makeRow(RowChange, da, p[0], db, p[1])
			switch {
			case p[0] < 0:
				row.Kind = RowInsert
			case p[1] < 0:
				row.Kind = RowDelete
			case row.LeftText == row.RightText:
				row.LineEndingOnly = true
			case !opts.NoWords:
				cost := wordSteps(row.LeftText, row.RightText)
				if (lim.budget == 0 || spent+cost <= lim.budget) && lim.inTime() {
					spent += cost
					row.Segments = wd.diff(row.LeftText, row.RightText)
				} else {
					degraded = true
				}
			}
			row.Ignored = hidden(da, row.LeftLine) && hidden(db, row.RightLine)
			ignored = ignored && row.Ignored
			switch {
			case row.Ignored:
				stats.Ignored++
			case row.Kind == RowInsert:
				stats.Inserted++
			case row.Kind == RowDelete:
				stats.Deleted++
			case row.Kind == RowChange:
				stats.Changed++
			}
			block = append(block, row)
			sink.row(&block[len(block)-1])
		}
		if !ignored {
			changes = append(changes, makeChange(da, db, block, nrows, leftBefore, rightBefore))
		}
		nrows += len(block)
	}
	return changes, stats, degraded
}

// rowScratch is what rows uses only while it runs: the lines of a changed
// block, their pairs, the word differ and bagger with their tables.
type rowScratch struct {
	dels, ins []int
	pairs     [][2]int
	block     []Row
	wd        wordDiffer
	wb        wordBagger
}

var rowPool = sync.Pool{New: func() any { return new(rowScratch) }}

// put empties sc (its tables hold no text after) and returns it to rowPool.
func (sc *rowScratch) put() {
	sc.wd.reset()
	sc.wb.reset()
	rowPool.Put(sc)
}

// makeRow builds a row from 0-based line indexes (-1 for no line).
func makeRow(kind RowKind, da *doc, l int, db *doc, rl int) Row {
	row := Row{Kind: kind}
	if l >= 0 {
		row.LeftLine = l + 1
		row.LeftText = lineText(da.lines[l])
		row.LeftNoNewline = !hasNewline(da.lines[l])
		if e := da.element(l); e != nil {
			row.LeftElement = e.Type
		}
	}
	if rl >= 0 {
		row.RightLine = rl + 1
		row.RightText = lineText(db.lines[rl])
		row.RightNoNewline = !hasNewline(db.lines[rl])
		if e := db.element(rl); e != nil {
			row.RightElement = e.Type
		}
	}
	return row
}

// pairLines aligns the deleted and inserted lines of one changed block into
// rows: [left, right] 0-based line pairs, -1 for a missing side, appended
// to out. Similar
// lines are aligned by a weighted LCS over word similarity (for blocks up to
// maxPairCells); the lines between aligned pairs are paired in order.
func pairLines(out [][2]int, da *doc, dels []int, db *doc, ins []int, align bool, wb *wordBagger) [][2]int {
	var anchors [][2]int // indexes into dels and ins
	if align && len(dels) > 0 && len(ins) > 0 && len(dels)*len(ins) <= maxPairCells && !(len(dels) == 1 && len(ins) == 1) {
		anchors = alignBySimilarity(da, dels, db, ins, wb)
	}
	di, ii := 0, 0
	flush := func(dEnd, iEnd int) {
		for di < dEnd || ii < iEnd {
			p := [2]int{-1, -1}
			if di < dEnd {
				p[0] = dels[di]
				di++
			}
			if ii < iEnd {
				p[1] = ins[ii]
				ii++
			}
			out = append(out, p)
		}
	}
	for _, a := range anchors {
		flush(a[0], a[1])
		out = append(out, [2]int{dels[a[0]], ins[a[1]]})
		di, ii = a[0]+1, a[1]+1
	}
	flush(len(dels), len(ins))
	return out
}

// alignBySimilarity returns the monotone pairing of deleted and inserted
// lines that maximizes the summed similarity of pairs at or over
// minPairSimilarity.
func alignBySimilarity(da *doc, dels []int, db *doc, ins []int, wb *wordBagger) [][2]int {
	wd := make([][]int32, len(dels))
	for k, l := range dels {
		wd[k] = wb.bag(lineText(da.lines[l]))
	}
	wi := make([][]int32, len(ins))
	for k, l := range ins {
		wi[k] = wb.bag(lineText(db.lines[l]))
	}
	n, m := len(dels), len(ins)
	score := make([]float64, (n+1)*(m+1))
	sim := make([]float64, n*m)
	at := func(i, j int) int { return i*(m+1) + j }
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			best := max(score[at(i+1, j)], score[at(i, j+1)])
			s := dice(wd[i], wi[j])
			if len(wd[i]) == 0 && len(wi[j]) == 0 {
				// Two lines without words (blank, punctuation): align
				// only when identical after trimming.
				s = 0
				if normalize(lineText(da.lines[dels[i]])) == normalize(lineText(db.lines[ins[j]])) {
					s = 1
				}
			}
			sim[i*m+j] = s
			if s >= minPairSimilarity {
				best = max(best, score[at(i+1, j+1)]+s)
			}
			score[at(i, j)] = best
		}
	}
	var out [][2]int
	for i, j := 0, 0; i < n && j < m; {
		s := sim[i*m+j]
		switch {
		case s >= minPairSimilarity && score[at(i, j)] == score[at(i+1, j+1)]+s:
			out = append(out, [2]int{i, j})
			i++
			j++
		case score[at(i, j)] == score[at(i+1, j)]:
			i++
		default:
			j++
		}
	}
	return out
}

// makeChange describes the rows of a changed block, numbered from first,
// as a Change; leftBefore and rightBefore are how many lines of each side
// come before the block.
func makeChange(da, db *doc, rows []Row, first, leftBefore, rightBefore int) Change {
	c := Change{FirstRow: first, LastRow: first + len(rows) - 1}
	// Line ranges: the first and last line numbers present on each side; an
	// empty side sits after the last line before it.
	c.LeftStart, c.LeftEnd = sideRange(rows, leftBefore, func(r *Row) int { return r.LeftLine })
	c.RightStart, c.RightEnd = sideRange(rows, rightBefore, func(r *Row) int { return r.RightLine })
	// Rows go down both sides in order, so an element already added is
	// the last one added on its side.
	lastEl := [2]int{-1, -1}
	addRef := func(side string, d *doc, line int) {
		if line <= 0 {
			return
		}
		ei := int(d.lineElem[line-1])
		if ei < 0 {
			return
		}
		s := 0
		if side == "right" {
			s = 1
		}
		if lastEl[s] == ei {
			return
		}
		lastEl[s] = ei
		e := d.elements[ei]
		ref := ElementRef{Side: side, Type: e.Type, Line: e.Line, EndLine: e.EndLine}
		switch e.Type {
		case fountain.Character:
			ref.Character = e.Text
		case fountain.Dialogue, fountain.Parenthetical:
			for k := ei - 1; k >= 0; k-- {
				if d.elements[k].Type == fountain.Character {
					ref.Character = d.elements[k].Text
					break
				}
				if d.elements[k].Type != fountain.Dialogue && d.elements[k].Type != fountain.Parenthetical {
					break
				}
			}
		}
		c.Elements = append(c.Elements, ref)
	}
	for _, r := range rows {
		addRef("left", da, r.LeftLine)
		addRef("right", db, r.RightLine)
	}
	if c.Elements == nil {
		c.Elements = []ElementRef{}
	}
	if c.RightEnd >= c.RightStart && c.RightStart > 0 {
		c.Scene = db.sceneHeading(c.RightStart - 1)
	} else if c.LeftEnd >= c.LeftStart && c.LeftStart > 0 {
		c.Scene = da.sceneHeading(c.LeftStart - 1)
	} else if c.RightStart > 1 {
		c.Scene = db.sceneHeading(c.RightStart - 2)
	}
	return c
}

// sideRange is the first and last line number of a side on rows; with
// none, the empty range just after the before lines that precede them.
func sideRange(rows []Row, before int, line func(*Row) int) (start, end int) {
	for k := range rows {
		if l := line(&rows[k]); l > 0 {
			if start == 0 {
				start = l
			}
			end = l
		}
	}
	if start > 0 {
		return start, end
	}
	return before + 1, before
}
