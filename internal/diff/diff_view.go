package diff

import "github.com/scriptroom/scriptroom/internal/fountain"

// View is a Result as the compare view receives it: each line's text is
// sent once. Result.Rows carry both texts of every row, so an unchanged line
// went twice, and one JSON object per row; a View holds the lines of the two
// texts, their element types, and the rows as runs (a stretch of equal rows
// is one Run). View.Rows rebuilds Result.Rows from it exactly.
type View struct {
	// Left holds the left text's lines without "\n" or "\r\n": line n at
	// Left[n-1].
	Left []string `json:"left"`
	// Right holds the right text's lines the same way, except that a line an
	// equal row shows is "" here (its text is the left line's) unless the
	// row's run has OwnRight.
	Right []string `json:"right"`
	// Elements are the Fountain element types the lines belong to, each
	// once ("" for blank lines and the title page, always Elements[0]).
	Elements []fountain.ElementType `json:"elements"`
	// LeftElements and RightElements hold, per line, an index into Elements.
	LeftElements  []int `json:"leftElements"`
	RightElements []int `json:"rightElements"`
	// Runs are the rows in order.
	Runs    []Run    `json:"runs"`
	Changes []Change `json:"changes"` // FirstRow and LastRow index the rows the Runs make
	Stats   Stats    `json:"stats"`
	// Degraded and Notices are Result's.
	Degraded bool          `json:"degraded"`
	Notices  []string      `json:"notices,omitempty"`
	Summary  *SceneSummary `json:"summary,omitempty"`
}

// Run is a stretch of a View's rows: Count equal rows, line for line from
// LeftLine and RightLine, or one row of another kind, or one equal row with
// a flag (Count 1). The fields are Row's but OwnRight; texts and element
// types are the View's lines'.
type Run struct {
	Kind           RowKind   `json:"kind"`
	LeftLine       int       `json:"leftLine"`
	RightLine      int       `json:"rightLine"`
	Count          int       `json:"count"`
	LeftNoNewline  bool      `json:"leftNoNewline,omitempty"`
	RightNoNewline bool      `json:"rightNoNewline,omitempty"`
	LineEndingOnly bool      `json:"lineEndingOnly,omitempty"`
	Ignored        bool      `json:"ignored,omitempty"`
	Segments       []Segment `json:"segments,omitempty"`
	// OwnRight marks an equal row whose texts differ (only in what
	// Options.Ignore leaves out): its right text is in View.Right.
	OwnRight bool `json:"ownRight,omitempty"`
}

// plain reports whether a row is an equal row without flags: one that a
// run of equal rows can hold.
func (row *Row) plain() bool {
	return row.Kind == RowEqual && row.LeftText == row.RightText && !row.LeftNoNewline && !row.RightNoNewline && !row.LineEndingOnly && !row.Ignored
}

// plain reports whether a run is of equal rows without flags.
func (run *Run) plain() bool {
	return run.Kind == RowEqual && !run.OwnRight && !run.LeftNoNewline && !run.RightNoNewline && !run.LineEndingOnly && !run.Ignored
}

// CompareView is Compare(a, b, opts).View() without the rows in between:
// the view is made from the line edit script, so an unchanged line is never
// a Row (a feature's Rows take some 600 KB that the view does not keep).
func CompareView(a, b string, opts Options) *View {
	var vs *viewRows
	r := compare(a, b, opts, true, func(da, db *doc) rowSink {
		vs = newViewRows(da, db)
		return vs
	})
	v := vs.v
	v.Changes, v.Stats, v.Degraded, v.Notices, v.Summary = r.Changes, r.Stats, r.Degraded, r.Notices, r.Summary
	if v.Changes == nil {
		v.Changes = []Change{}
	}
	return v
}

// viewRows packs the rows of a comparison into a View as they come, as
// Result.View packs Result.Rows.
type viewRows struct {
	da, db *doc
	v      *View
	index  map[fountain.ElementType]int
}

func newViewRows(da, db *doc) *viewRows {
	nl, nr := len(da.lines), len(db.lines)
	return &viewRows{da: da, db: db, index: map[fountain.ElementType]int{"": 0}, v: &View{
		Left: make([]string, nl), Right: make([]string, nr),
		Elements:     []fountain.ElementType{""},
		LeftElements: make([]int, nl), RightElements: make([]int, nr),
		Runs: []Run{},
	}}
}

func (s *viewRows) element(t fountain.ElementType) int {
	k, ok := s.index[t]
	if !ok {
		k = len(s.v.Elements)
		s.index[t] = k
		s.v.Elements = append(s.v.Elements, t)
	}
	return k
}

func (s *viewRows) equal(l, rl, count int) {
	v := s.v
	for k := range count {
		left, right := s.da.lines[l+k], s.db.lines[rl+k]
		lt, rt := lineText(left), lineText(right)
		v.Left[l+k] = lt
		v.LeftElements[l+k] = s.element(elementType(s.da, l+k))
		own := lt != rt
		if own {
			v.Right[rl+k] = rt
		}
		v.RightElements[rl+k] = s.element(elementType(s.db, rl+k))
		leftNo, rightNo := !hasNewline(left), !hasNewline(right)
		if n := len(v.Runs); n > 0 && !own && !leftNo && !rightNo {
			if last := &v.Runs[n-1]; last.plain() && last.LeftLine+last.Count == l+k+1 && last.RightLine+last.Count == rl+k+1 {
				last.Count++
				continue
			}
		}
		v.Runs = append(v.Runs, Run{
			Kind: RowEqual, LeftLine: l + k + 1, RightLine: rl + k + 1, Count: 1,
			LeftNoNewline: leftNo, RightNoNewline: rightNo, OwnRight: own,
		})
	}
}

func (s *viewRows) row(row *Row) {
	v := s.v
	if row.LeftLine > 0 {
		v.Left[row.LeftLine-1] = row.LeftText
		v.LeftElements[row.LeftLine-1] = s.element(row.LeftElement)
	}
	if row.RightLine > 0 {
		v.Right[row.RightLine-1] = row.RightText
		v.RightElements[row.RightLine-1] = s.element(row.RightElement)
	}
	v.Runs = append(v.Runs, Run{
		Kind: row.Kind, LeftLine: row.LeftLine, RightLine: row.RightLine, Count: 1,
		LeftNoNewline: row.LeftNoNewline, RightNoNewline: row.RightNoNewline,
		LineEndingOnly: row.LineEndingOnly, Ignored: row.Ignored, Segments: row.Segments,
	})
}

// elementType is the type of the element a 0-based line belongs to, or "".
func elementType(d *doc, line int) fountain.ElementType {
	if e := d.element(line); e != nil {
		return e.Type
	}
	return ""
}

// View packs r for the compare view. Every line of either text is on
// exactly one row of r, so the lines are read from the rows.
func (r *Result) View() *View {
	nl, nr := 0, 0
	for i := range r.Rows {
		nl = max(nl, r.Rows[i].LeftLine)
		nr = max(nr, r.Rows[i].RightLine)
	}
	v := &View{
		Left: make([]string, nl), Right: make([]string, nr),
		Elements:     []fountain.ElementType{""},
		LeftElements: make([]int, nl), RightElements: make([]int, nr),
		Runs:    []Run{},
		Changes: r.Changes, Stats: r.Stats, Degraded: r.Degraded, Notices: r.Notices, Summary: r.Summary,
	}
	if v.Changes == nil {
		v.Changes = []Change{}
	}
	index := map[fountain.ElementType]int{"": 0}
	element := func(t fountain.ElementType) int {
		k, ok := index[t]
		if !ok {
			k = len(v.Elements)
			index[t] = k
			v.Elements = append(v.Elements, t)
		}
		return k
	}
	for i := range r.Rows {
		row := &r.Rows[i]
		if row.LeftLine > 0 {
			v.Left[row.LeftLine-1] = row.LeftText
			v.LeftElements[row.LeftLine-1] = element(row.LeftElement)
		}
		own := row.Kind != RowEqual || row.LeftText != row.RightText
		if row.RightLine > 0 {
			if own {
				v.Right[row.RightLine-1] = row.RightText
			}
			v.RightElements[row.RightLine-1] = element(row.RightElement)
		}
		if n := len(v.Runs); n > 0 && row.plain() {
			if last := &v.Runs[n-1]; last.plain() && last.LeftLine+last.Count == row.LeftLine && last.RightLine+last.Count == row.RightLine {
				last.Count++
				continue
			}
		}
		v.Runs = append(v.Runs, Run{
			Kind: row.Kind, LeftLine: row.LeftLine, RightLine: row.RightLine, Count: 1,
			LeftNoNewline: row.LeftNoNewline, RightNoNewline: row.RightNoNewline,
			LineEndingOnly: row.LineEndingOnly, Ignored: row.Ignored, Segments: row.Segments,
			OwnRight: row.Kind == RowEqual && own,
		})
	}
	return v
}

// Rows rebuilds the rows v was packed from (Result.Rows).
func (v *View) Rows() []Row {
	n := 0
	for _, run := range v.Runs {
		n += run.Count
	}
	rows := make([]Row, 0, n)
	for _, run := range v.Runs {
		for k := 0; k < run.Count; k++ {
			row := Row{
				Kind: run.Kind, LeftNoNewline: run.LeftNoNewline, RightNoNewline: run.RightNoNewline,
				LineEndingOnly: run.LineEndingOnly, Ignored: run.Ignored, Segments: run.Segments,
			}
			if run.LeftLine > 0 {
				row.LeftLine = run.LeftLine + k
				row.LeftText = v.Left[row.LeftLine-1]
				row.LeftElement = v.Elements[v.LeftElements[row.LeftLine-1]]
			}
			if run.RightLine > 0 {
				row.RightLine = run.RightLine + k
				row.RightText = v.Right[row.RightLine-1]
				if run.Kind == RowEqual && !run.OwnRight {
					row.RightText = row.LeftText
				}
				row.RightElement = v.Elements[v.RightElements[row.RightLine-1]]
			}
			rows = append(rows, row)
		}
	}
	return rows
}
