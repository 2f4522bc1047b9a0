package pdf

import (
	"golang.org/x/text/unicode/bidi"

	"github.com/scriptroom/scriptroom/internal/fountain"
)

// This file puts a printed line of Hebrew or Arabic in visual order (the
// Unicode bidirectional algorithm, golang.org/x/text/unicode/bidi) and
// gives Arabic letters their contextual forms (Unicode's presentation
// forms B), since the PDF writer draws glyphs one by one without a shaper.
// Pagination wraps lines in logical order; only the printer reorders.

// styledRune is one character with its emphasis.
type styledRune struct {
	r                       rune
	bold, italic, underline bool
}

// visual returns spans in the order they are drawn, left to right, with
// Arabic shaped where a font of the document has the forms, and whether
// the line reads right to left (its first strong character is Hebrew or
// Arabic). A line with no right-to-left character comes back as it is.
func (wr *writer) visual(spans []fountain.Span) ([]fountain.Span, bool) {
	if !hasRTL(spans) {
		return spans, false
	}
	var rs []styledRune
	for _, s := range spans {
		for _, r := range s.Text {
			rs = append(rs, styledRune{r: r, bold: s.Bold, italic: s.Italic, underline: s.Underline})
		}
	}
	rs = shapeArabic(rs, func(r rune) bool { return wr.unicode && wr.chain.fontFor(r) != noGlyph })
	text := make([]rune, len(rs))
	for i, r := range rs {
		text[i] = r.r
	}
	rtl := baseRTL(text)
	var p bidi.Paragraph
	opt := bidi.DefaultDirection(bidi.LeftToRight)
	if rtl {
		opt = bidi.DefaultDirection(bidi.RightToLeft)
	}
	if _, err := p.SetString(string(text), opt); err != nil {
		return spans, false
	}
	o, err := p.Order()
	if err != nil || o.NumRuns() == 0 {
		return spans, false
	}
	// Each character's direction, from the runs; then brackets that the
	// library splits from their pair take their opening bracket's side.
	dirs := make([]bool, len(rs)) // true: right to left
	for i := range o.NumRuns() {
		run := o.Run(i)
		start, end := run.Pos()
		for j := start; j <= end && j < len(dirs); j++ {
			dirs[j] = run.Direction() == bidi.RightToLeft
		}
	}
	pairBrackets(text, dirs)
	type piece struct {
		start, end int // rune positions, end exclusive
		rtl        bool
	}
	var pieces []piece
	for i := range dirs {
		if n := len(pieces); n > 0 && pieces[n-1].rtl == dirs[i] {
			pieces[n-1].end = i + 1
			continue
		}
		pieces = append(pieces, piece{i, i + 1, dirs[i]})
	}
	if rtl { // the runs of a right-to-left line are laid out from the right
		for i, j := 0, len(pieces)-1; i < j; i, j = i+1, j-1 {
			pieces[i], pieces[j] = pieces[j], pieces[i]
		}
	}
	out := make([]styledRune, 0, len(rs))
	for _, pc := range pieces {
		if !pc.rtl {
			out = append(out, rs[pc.start:pc.end]...)
			continue
		}
		for i := pc.end - 1; i >= pc.start; i-- {
			c := rs[i]
			c.r = mirror(c.r)
			out = append(out, c)
		}
	}
	return regroup(out), rtl
}

// hasRTL reports whether spans have a Hebrew or Arabic character (or any
// other of bidi class R or AL).
func hasRTL(spans []fountain.Span) bool {
	for _, s := range spans {
		for _, r := range s.Text {
			if r < 0x0590 {
				continue
			}
			if c := classOf(r); c == bidi.R || c == bidi.AL {
				return true
			}
		}
	}
	return false
}

// classOf returns r's bidi class.
func classOf(r rune) bidi.Class {
	p, _ := bidi.LookupRune(r)
	return p.Class()
}

// baseRTL reports whether a line's first strong character reads right to
// left (rules P2 and P3 of the bidi algorithm).
func baseRTL(text []rune) bool {
	for _, r := range text {
		switch classOf(r) {
		case bidi.L:
			return false
		case bidi.R, bidi.AL:
			return true
		}
	}
	return false
}

// pairBrackets gives a closing bracket the direction of its opening one
// (rule N0 of the bidi algorithm, which golang.org/x/text applies only in
// part: "(quietly)" after a Latin word in a Hebrew line keeps its ")" with
// the Hebrew).
func pairBrackets(text []rune, dirs []bool) {
	var open []int
	for i, r := range text {
		switch r {
		case '(', '[', '{':
			open = append(open, i)
		case ')', ']', '}':
			if n := len(open); n > 0 {
				dirs[i] = dirs[open[n-1]]
				open = open[:n-1]
			}
		}
	}
}

// mirror returns the glyph a bracket shows in right-to-left text.
func mirror(r rune) rune {
	switch r {
	case '(':
		return ')'
	case ')':
		return '('
	case '[':
		return ']'
	case ']':
		return '['
	case '{':
		return '}'
	case '}':
		return '{'
	case '<':
		return '>'
	case '>':
		return '<'
	case '«':
		return '»'
	case '»':
		return '«'
	}
	return r
}

// regroup joins neighbouring characters of the same emphasis into spans.
func regroup(rs []styledRune) []fountain.Span {
	var out []fountain.Span
	for _, c := range rs {
		n := len(out)
		if n > 0 && out[n-1].Bold == c.bold && out[n-1].Italic == c.italic && out[n-1].Underline == c.underline {
			out[n-1].Text += string(c.r)
			continue
		}
		out = append(out, fountain.Span{Text: string(c.r), Bold: c.bold, Italic: c.italic, Underline: c.underline})
	}
	return out
}
