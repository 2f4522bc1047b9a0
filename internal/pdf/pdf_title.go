package pdf

import (
	"strings"

	"github.com/scriptroom/scriptroom/internal/fountain"
	"github.com/scriptroom/scriptroom/internal/screenplay"
)

// Title page geometry, in inches and rows, as Final Draft 11 prints it.
const (
	titleTop       = 4.0 // the title's first row, from the page's top
	creditGap      = 4   // rows from the title's last line to the credit
	authorGap      = 2   // rows from the credit to the author
	sourceGap      = 5   // rows from the author to the source
	bottomTop      = 9.0 // the bottom blocks' first row, from the page's top
	bottomMargin   = 1.0 // the bottom blocks end above this, and the right one left of this
	bottomLeftX    = 1.0 // contact and copyright
	bottomRightOff = 2.5 // draft date and notes start this far left of the page's right edge
)

// titleField returns the value of the first field with one of keys (case
// does not matter), or "".
func titleField(fields []fountain.TitleField, keys ...string) string {
	for _, f := range fields {
		for _, k := range keys {
			if strings.EqualFold(strings.TrimSpace(f.Key), k) {
				return f.Value
			}
		}
	}
	return ""
}

// titleLines splits a title-page value into lines of emphasis spans, with
// each line's leading indentation removed.
func titleLines(v string) [][]fountain.Span {
	if v == "" {
		return nil
	}
	var out [][]fountain.Span
	for _, l := range strings.Split(v, "\n") {
		out = append(out, fountain.Emphasis(strings.TrimSpace(l)))
	}
	return out
}

// titlePage prints the title page and reports whether there was one: the
// title in capitals (as Final Draft and afterwriting print it) centered a
// little above the middle, the credit, author and source
// under it, the contact and copyright at the bottom left, the draft date
// and notes at the bottom right.
func (wr *writer) titlePage() bool {
	tp := wr.doc.TitlePage
	title := titleLines(strings.ToUpper(titleField(tp, "title")))
	credit := titleLines(titleField(tp, "credit"))
	author := titleLines(titleField(tp, "author", "authors"))
	source := titleLines(titleField(tp, "source"))
	contact := titleLines(titleField(tp, "contact"))
	copyright := titleLines(titleField(tp, "copyright"))
	date := titleLines(titleField(tp, "draft date", "draft_date", "date"))
	notes := titleLines(titleField(tp, "notes"))
	if len(title)+len(credit)+len(author)+len(source)+len(contact)+len(copyright)+len(date)+len(notes) == 0 {
		return false
	}
	p := wr.pdf
	p.AddPage()
	pageW, pageH := p.GetPageSize()

	// The centered block; each part starts a fixed number of rows after
	// the previous part's last line.
	top := titleTop
	center := func(lines [][]fountain.Span) {
		for _, l := range lines {
			wr.text(l, 0, pageW, top, screenplay.AlignCenter)
			top += rowHeight
		}
	}
	center(title)
	afterTitle := true
	for _, part := range []struct {
		lines [][]fountain.Span
		gap   int
	}{{credit, creditGap}, {author, authorGap}, {source, sourceGap}} {
		if len(part.lines) == 0 {
			continue
		}
		gap := part.gap
		if afterTitle {
			gap = creditGap // whatever comes first under the title
		}
		if top > titleTop {
			top += float64(gap-1) * rowHeight
		}
		center(part.lines)
		afterTitle = false
	}

	// The bottom blocks start at bottomTop, or higher when they are too
	// long to end above the bottom margin.
	block := func(x float64, right bool, parts ...[][]fountain.Span) {
		var lines [][]fountain.Span
		for _, part := range parts {
			if len(part) == 0 {
				continue
			}
			if len(lines) > 0 {
				lines = append(lines, nil) // a blank line between parts
			}
			lines = append(lines, part...)
		}
		if right { // move left as far as the longest line needs to end inside the page's margin
			longest := 0.0
			for _, l := range lines {
				longest = max(longest, wr.width(l))
			}
			x = min(x, pageW-bottomMargin-longest)
		}
		y := min(bottomTop, pageH-bottomMargin-float64(len(lines))*rowHeight)
		for _, l := range lines {
			wr.text(l, x, pageW-x, y, screenplay.AlignLeft)
			y += rowHeight
		}
	}
	block(bottomLeftX, false, contact, copyright)
	block(pageW-bottomRightOff, true, date, notes)
	return true
}
