package pdf

import (
	"strings"
	"unicode/utf8"

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
	notesLeft      = 1.5 // a notes page's text starts here, as action does
	notesChars     = 60  // characters to a line of a notes page (6 inches)
	notesTab       = 5   // a tab on a notes page goes to the next multiple of this many characters
	proseChars     = 60  // a notes line longer than this is prose: it gets a page of its own
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

// titlePage prints the title page and reports whether there was one, as
// Final Draft 11 prints one (its PDFs of fdx/jumpcut/fdx-import in the
// corpus): a one-line title in capitals, a title of several lines as typed
// (the writer laid it out), centered a little above the middle with the
// credit, author and source under it; the contact and copyright at the
// bottom left; the draft date at the bottom right, starting 2.5" from the
// page's right edge when its lines fit there and otherwise each line
// ending at the right margin, level with the contact or, without one, at
// the foot of the page. Notes that are prose (a line over 60 characters:
// a writers' note, a cast list) get a page of their own after it.
func (wr *writer) titlePage() bool {
	tp := wr.doc.TitlePage
	title := titleField(tp, "title")
	if !strings.Contains(strings.TrimSpace(title), "\n") {
		title = strings.ToUpper(title)
	}
	titleLs := titleLines(title)
	credit := titleLines(titleField(tp, "credit"))
	author := titleLines(titleField(tp, "author", "authors"))
	source := titleLines(titleField(tp, "source"))
	contact := titleLines(titleField(tp, "contact"))
	copyright := titleLines(titleField(tp, "copyright"))
	date := titleLines(titleField(tp, "draft date", "draft_date", "date"))
	notesText := titleField(tp, "notes")
	var notes [][]fountain.Span
	prose := isProse(notesText)
	if !prose {
		notes = titleLines(notesText)
	}
	if len(titleLs)+len(credit)+len(author)+len(source)+len(contact)+len(copyright)+len(date)+len(notes) == 0 && !prose {
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
	center(titleLs)
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
	join := func(parts ...[][]fountain.Span) [][]fountain.Span {
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
		return lines
	}
	left, right := join(contact, copyright), join(date, notes)
	rows := func(n int) float64 { return min(bottomTop, pageH-bottomMargin-float64(n)*rowHeight) }
	y := rows(len(left))
	for _, l := range left {
		wr.text(l, bottomLeftX, pageW-bottomLeftX, y, screenplay.AlignLeft)
		y += rowHeight
	}
	x, align := pageW-bottomRightOff, screenplay.AlignLeft
	for _, l := range right {
		if x+wr.width(l) > pageW-bottomMargin+0.001 {
			align = screenplay.AlignRight // too long to start 2.5" from the edge
		}
	}
	y = rows(len(right))
	if len(left) == 0 {
		y = pageH - bottomMargin - float64(len(right))*rowHeight
	}
	for _, l := range right {
		if align == screenplay.AlignRight {
			wr.text(l, 0, pageW-bottomMargin, y, align)
		} else {
			wr.text(l, x, pageW-bottomMargin-x, y, align)
		}
		y += rowHeight
	}
	if prose {
		wr.notesPage(notesText)
	}
	return true
}

// isProse reports whether a title-page value has a line too long for the
// bottom corner of the page.
func isProse(v string) bool {
	for _, l := range strings.Split(fountain.Plain(v), "\n") {
		if utf8.RuneCountInString(strings.TrimSpace(l)) > proseChars {
			return true
		}
	}
	return false
}

// notesPage prints prose notes on a page of their own, as Final Draft
// prints a writers' note or a cast list that follows the title page: from
// the top margin, 60 characters to a line, tabs to columns (a cast list's
// names and descriptions), a wrapped line indented to its last tab.
func (wr *writer) notesPage(v string) {
	wr.pdf.AddPage()
	top := wr.doc.Layout.Top
	if top <= 0 {
		top = 1
	}
	for _, line := range strings.Split(v, "\n") {
		line = strings.TrimSpace(line)
		for _, row := range wrapNotes(line) {
			if row.text != "" {
				wr.text(fountain.Emphasis(row.text), notesLeft+float64(row.indent)*charWidth, float64(notesChars-row.indent)*charWidth+charWidth, top, screenplay.AlignLeft)
			}
			top += rowHeight
		}
	}
}

// notesRow is one printed row of a notes page.
type notesRow struct {
	indent int // characters from the left edge of the text
	text   string
}

// wrapNotes expands the tabs of one line of notes and wraps it at word
// boundaries into rows of at most notesChars characters; rows after the
// first start under the text that followed the last tab.
func wrapNotes(line string) []notesRow {
	var b strings.Builder
	col, hang := 0, 0
	for _, r := range line {
		if r == '\t' {
			n := notesTab - col%notesTab
			b.WriteString(strings.Repeat(" ", n))
			col += n
			hang = col
			continue
		}
		b.WriteRune(r)
		if !strings.ContainsRune("*_\\", r) { // markup takes no room
			col++
		}
	}
	expanded := b.String()
	if hang >= notesChars/2 {
		hang = 0
	}
	var out []notesRow
	indent, width := 0, notesChars
	words := strings.SplitAfter(expanded, " ")
	cur := ""
	for _, w := range words {
		if cur != "" && plainLen(cur)+plainLen(strings.TrimRight(w, " ")) > width {
			out = append(out, notesRow{indent, strings.TrimRight(cur, " ")})
			cur, indent, width = "", hang, notesChars-hang
		}
		cur += w
	}
	return append(out, notesRow{indent, strings.TrimRight(cur, " ")})
}

// plainLen is how many characters s prints, markup left out.
func plainLen(s string) int {
	return utf8.RuneCountInString(fountain.Plain(s))
}
