package pdf

import (
	"strings"

	"github.com/scriptroom/scriptroom/internal/diff"
	"github.com/scriptroom/scriptroom/internal/screenplay"
)

// Marks are the revision marks of a printed script: the source lines that
// changed against a base revision. Every printed line that shows a changed
// line gets an asterisk in the right margin.
type Marks struct {
	// Lines holds the 1-based lines of the current Fountain source that
	// were inserted or changed since the base revision.
	Lines map[int]bool
	// Rows, when not nil, says instead of Lines which printed lines are
	// marked: the rows of each page, by the page's index in
	// Document.Pages. A production draft marks only the printed lines of
	// a long paragraph that changed.
	Rows map[int]map[int]bool
}

// Changed reports whether source line n is marked.
func (m Marks) Changed(n int) bool { return n > 0 && m.Lines[n] }

// marked reports whether line l of page i gets an asterisk.
func (m Marks) marked(i int, l *screenplay.Line) bool {
	if m.Rows != nil {
		return m.Rows[i][l.Row]
	}
	return m.Changed(l.SourceLine)
}

// ChangedLines returns the 1-based lines of current that were inserted or
// changed against base (the right lines of the diff's insert and change
// rows). Deleted lines leave no mark: they are not printed.
func ChangedLines(base, current string) map[int]bool {
	out := map[int]bool{}
	r := diff.Lines(base, current, diff.Options{NoWords: true})
	for _, row := range r.Rows {
		if (row.Kind == diff.RowInsert || row.Kind == diff.RowChange) && row.RightLine > 0 {
			out[row.RightLine] = true
		}
	}
	return out
}

// baseColors are the industry's revision colours in order.
var baseColors = []string{"White", "Blue", "Pink", "Yellow", "Green", "Goldenrod", "Buff", "Salmon", "Cherry"}

// multipliers prefix the colours on the second, third, … round.
var multipliers = []string{"", "Double ", "Triple ", "Quadruple ", "Quintuple "}

// RevisionColors returns the default order of revision colours: White,
// Blue, Pink, Yellow, Green, Goldenrod, Buff, Salmon, Cherry, then the same
// again as Double White, Double Blue, … Double Cherry.
func RevisionColors() []string {
	out := make([]string, 0, 2*len(baseColors))
	for _, m := range multipliers[:2] {
		for _, c := range baseColors {
			out = append(out, m+c)
		}
	}
	return out
}

// NextColor returns the colour that follows current in order: the first
// colour when current is empty. Past the end of order the colours start
// over one round higher (after "Cherry" in a list that ends there comes
// "Double White"; after "Double Cherry", "Triple White"). Names compare
// without regard to case. An unknown current gives the first colour.
func NextColor(order []string, current string) string {
	if len(order) == 0 {
		return ""
	}
	current = strings.TrimSpace(current)
	if current == "" {
		return order[0]
	}
	for i, c := range order {
		if strings.EqualFold(c, current) && i+1 < len(order) {
			return order[i+1]
		}
	}
	// Past the list, or a round the list does not spell out: step through
	// the list's first round with current's multiplier.
	level, base := splitColor(current)
	var round []string
	for _, c := range order {
		if l, b := splitColor(c); l == 0 {
			round = append(round, b)
		}
	}
	if len(round) == 0 {
		return order[0]
	}
	for i, b := range round {
		if strings.EqualFold(b, base) {
			if i+1 < len(round) {
				return multiplier(level) + round[i+1]
			}
			return multiplier(level+1) + round[0]
		}
	}
	return order[0]
}

// splitColor splits "Double Blue" into its round (1) and base colour.
func splitColor(c string) (level int, base string) {
	for l := len(multipliers) - 1; l > 0; l-- {
		if len(c) > len(multipliers[l]) && strings.EqualFold(c[:len(multipliers[l])], multipliers[l]) {
			return l, c[len(multipliers[l]):]
		}
	}
	return 0, c
}

func multiplier(level int) string {
	if level < len(multipliers) {
		return multipliers[level]
	}
	return strings.Repeat("Double ", level) // no name for it; still distinct
}

// ColorName returns the canonical spelling of a colour of order ("blue" →
// "Blue"), and false when order has no such colour.
func ColorName(order []string, name string) (string, bool) {
	for _, c := range order {
		if strings.EqualFold(c, strings.TrimSpace(name)) {
			return c, true
		}
	}
	return "", false
}
