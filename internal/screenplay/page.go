package screenplay

import "github.com/scriptroom/scriptroom/internal/fountain"

// This file is the contract between pagination (Paginate) and the printers
// (internal/pdf, the app's page view): a screenplay laid out as pages of
// positioned lines in Courier 12 pt, 10 characters per inch and 6 lines per
// inch. Printers draw what is here and decide nothing about layout.

// Paper is a page size, in inches.
type Paper struct {
	Name   string  `json:"name"` // "letter" or "a4"
	Width  float64 `json:"width"`
	Height float64 `json:"height"`
}

// The paper sizes Scriptroom prints on.
var (
	Letter = Paper{Name: "letter", Width: 8.5, Height: 11}
	A4     = Paper{Name: "a4", Width: 210 / 25.4, Height: 297 / 25.4}
)

// PaperByName returns the paper called name ("letter" or "a4").
func PaperByName(name string) (Paper, bool) {
	switch name {
	case "letter", "us-letter", "Letter":
		return Letter, true
	case "a4", "A4":
		return A4, true
	}
	return Paper{}, false
}

// Align is how a line sits between its left and right edges.
type Align string

// The alignments of Line.
const (
	AlignLeft   Align = "left"
	AlignRight  Align = "right"  // transitions: the text ends at X+Width
	AlignCenter Align = "center" // centered text, titles
)

// Column is the part of the page a line is printed in.
type Column int

// The columns of Line: dual dialogue prints its two speeches side by side.
const (
	ColumnFull  Column = 0
	ColumnLeft  Column = 1 // the first speaker of a dual-dialogue pair
	ColumnRight Column = 2 // the second speaker ('^')
)

// LineKind says what a printed line is when it is not plain element text.
type LineKind string

// The kinds of Line. Most lines are LineText.
const (
	LineText  LineKind = ""      // a line of the element's text
	LineMore  LineKind = "more"  // "(MORE)" at the foot of a page under split dialogue
	LineContd LineKind = "contd" // the character cue repeated with "(CONT'D)" at the top of the next page
)

// Line is one printed line of a page.
type Line struct {
	// Row is the 0-based line position from the top of the body area; rows
	// are 1/6 inch apart. Blank lines between elements are gaps in Row, not
	// Lines. The two columns of dual dialogue reuse the same rows.
	// As Final Draft prints them, the "(MORE)" under a speech split across
	// pages may sit at row LinesPerPage (in the bottom margin) and the cue
	// with "(CONT'D)" above it at row -1 (in the top margin).
	Row int `json:"row"`
	// X is the left edge of the line's box in inches from the page's left
	// edge; Width is the box's width in inches. A left-aligned line starts
	// at X, a right-aligned one ends at X+Width, a centered one is centered
	// in the box.
	X     float64 `json:"x"`
	Width float64 `json:"width"`
	Align Align   `json:"align"`
	// Column places dual dialogue; X and Width already account for it.
	Column Column   `json:"column,omitempty"`
	Kind   LineKind `json:"kind,omitempty"`
	// Type is the type of the element the line comes from.
	Type fountain.ElementType `json:"type"`
	// Spans are the line's text with its emphasis, markup removed; the
	// text of all spans is at most Width*10 characters and has no "\n".
	// Scene headings and character cues are already in capitals.
	Spans []fountain.Span `json:"spans"`
	// Element is the index of the source element in Script.Elements, or -1
	// for lines that do not come from one.
	Element int `json:"element"`
	// SourceLine is the 1-based line of the Fountain source that this printed
	// line shows (what revision marks compare), or 0 for (MORE)/(CONT'D).
	SourceLine int `json:"sourceLine"`
	// Offset is where the line's text starts in its element's printed
	// text, in runes (see Position).
	Offset int `json:"offset,omitempty"`
	// SceneNumber is set on the first line of a scene heading when the
	// scene has a number (given, or assigned when numbering is on).
	SceneNumber string `json:"sceneNumber,omitempty"`
}

// Page is one printed page of the screenplay body. Title pages are not
// pages here; the printer draws them from Script.TitlePage.
type Page struct {
	// Number is the page number as printed ("1", "2", …; 1 is not printed
	// on the first page by convention, but it is still page 1).
	Number int    `json:"number"`
	Lines  []Line `json:"lines"`
	// Label, when set, is printed instead of Number: a locked page's
	// number ("12A", "13-14") in a production draft.
	Label string `json:"label,omitempty"`
	// Start is where the page's text begins: the first printed text line's
	// element and its offset into that element's text. A page with no
	// text line (only blank rows) has Start.Element -1.
	Start Position `json:"start"`
}

// Position is a place in a script's printed text: the index of an element
// in Script.Elements and an offset in runes into its text as printed
// (notes and emphasis markup removed, spaces at either end trimmed off
// only at the start of a fragment). Positions order by element, then
// offset.
type Position struct {
	Element int `json:"element"`
	Offset  int `json:"offset"`
}

// Before reports whether p comes before q.
func (p Position) Before(q Position) bool {
	return p.Element < q.Element || p.Element == q.Element && p.Offset < q.Offset
}

// Layout is the page geometry of a paginated script. The body area starts
// Top inches from the top of the page and holds LinesPerPage rows.
type Layout struct {
	Paper        Paper   `json:"paper"`
	Top          float64 `json:"top"`    // inches from the page's top to row 0
	Left         float64 `json:"left"`   // the action margin, 1.5 inches
	Right        float64 `json:"right"`  // inches from the page's right edge
	Bottom       float64 `json:"bottom"` // inches below the last row
	LinesPerPage int     `json:"linesPerPage"`
}

// Document is a paginated screenplay: what a printer needs.
type Document struct {
	Layout    Layout                `json:"layout"`
	TitlePage []fountain.TitleField `json:"titlePage"`
	Pages     []Page                `json:"pages"`
}
