package screenplay

import "github.com/scriptroom/scriptroom/internal/fountain"

// Options choose how Paginate lays a script out.
type Options struct {
	// Paper is the page size; the zero Paper means Letter.
	Paper Paper
	// SceneNumbers numbers the scenes that have no "#n#" number of their own.
	SceneNumbers bool
	// Style is the paragraph geometry; nil means FinalDraftStyle().
	Style *Style
	// Breaks start a new page at each of these positions, in ascending
	// order, as locked pages do: text before a break that no longer fits
	// its page flows onto more pages, and a page that shrank stays short.
	// A break inside a paragraph or speech cuts it there, with (MORE) and
	// (CONT'D) as at any split.
	Breaks []Position
}

// Indent is the geometry of one kind of paragraph, as Final Draft's
// <ElementSettings> give it: the left and right indents in inches from the
// page's left edge, the blank lines before the paragraph and its line spacing.
type Indent struct {
	Left    float64 `json:"left"`
	Right   float64 `json:"right"`
	Before  int     `json:"before"`  // blank lines before the paragraph
	Spacing int     `json:"spacing"` // rows per line: 1 single, 2 double spaced
	// The element's font style, as its <FontSpec Style> gives it ("Bold",
	// "Underline", "AllCaps"): added to the emphasis the text has.
	Bold      bool `json:"bold,omitempty"`
	Italic    bool `json:"italic,omitempty"`
	Underline bool `json:"underline,omitempty"`
	Caps      bool `json:"caps,omitempty"`
}

// chars is how many Courier characters fit between the indents, as Final
// Draft counts them (measured on its PDFs): a paragraph that reaches the
// right margin takes one character more (61 in the 6.0" action box), and a
// half character rounds up (38 in a 3.75" box).
func (in Indent) chars() int {
	n := int((in.Right-in.Left)*10 + 0.5)
	if in.Right >= 7.5 {
		n += wrapSlack
	}
	return max(n, 1)
}

// Style is the paragraph geometry of every printed element type.
type Style struct {
	SceneHeading  Indent `json:"sceneHeading"`
	Action        Indent `json:"action"`
	Character     Indent `json:"character"`
	Parenthetical Indent `json:"parenthetical"`
	Dialogue      Indent `json:"dialogue"`
	Transition    Indent `json:"transition"`
	Lyrics        Indent `json:"lyrics"`
	// MoreContd turns on "(MORE)" and "(CONT'D)" around a speech split
	// across pages.
	MoreContd bool `json:"moreContd"`
	// AutoContd adds "(CONT'D)" to the cue of a character who speaks
	// again in the same scene with only action between, as Final Draft's
	// automatic character continueds do.
	AutoContd bool `json:"autoContd"`
	// Top and Bottom are the page's margins above and below the body, in
	// inches; 0 means 1 inch, Final Draft's default.
	Top    float64 `json:"top,omitempty"`
	Bottom float64 `json:"bottom,omitempty"`
}

// FinalDraftStyle is the geometry of Final Draft's screenplay template as
// its FDX files record it (Big Fish and gumshoe, saved by Final Draft 11):
// scene headings and action 1.5"–7.5", cues from 3.5", parentheticals
// 3.0"–5.5", dialogue 2.5"–6.0", transitions 5.5"–7.1" right-aligned, two
// blank lines before a scene heading and one before action, cues and
// transitions.
func FinalDraftStyle() Style {
	return Style{
		SceneHeading:  Indent{Left: 1.5, Right: 7.5, Before: 2, Spacing: 1},
		Action:        Indent{Left: 1.5, Right: 7.5, Before: 1, Spacing: 1},
		Character:     Indent{Left: 3.5, Right: 7.25, Before: 1, Spacing: 1},
		Parenthetical: Indent{Left: 3.0, Right: 5.5, Spacing: 1},
		Dialogue:      Indent{Left: 2.5, Right: 6.0, Spacing: 1},
		Transition:    Indent{Left: 5.5, Right: 7.1, Before: 1, Spacing: 1},
		Lyrics:        Indent{Left: 2.5, Right: 6.0, Spacing: 1},
		MoreContd:     true,
		AutoContd:     true,
	}
}

// indent returns the geometry of element type t.
func (st *Style) indent(t fountain.ElementType) Indent {
	switch t {
	case fountain.SceneHeading:
		return st.SceneHeading
	case fountain.Character:
		return st.Character
	case fountain.Parenthetical:
		return st.Parenthetical
	case fountain.Dialogue:
		return st.Dialogue
	case fountain.Transition:
		return st.Transition
	case fountain.Lyrics:
		return st.Lyrics
	}
	return st.Action
}

// Page geometry: Courier 12 pt, 6 lines and 10 characters to the inch, with
// 1" margins above and below the body.
const (
	rowsPerInch  = 6
	topMargin    = 1.0
	bottomMargin = 1.0
	leftMargin   = 1.5
	rightMargin  = 1.0
)

// layoutFor returns the page geometry of paper: 54 rows on Letter, as Final
// Draft prints, and 58 on A4, with the style's margins when it has them.
func layoutFor(p Paper, st *Style) Layout {
	top, bottom := topMargin, bottomMargin
	if st.Top > 0 {
		top = st.Top
	}
	if st.Bottom > 0 {
		bottom = st.Bottom
	}
	rows := max(int((p.Height-top-bottom)*rowsPerInch+0.001), 1)
	left := leftMargin
	if st.Action.Left > 0 {
		left = st.Action.Left
	}
	return Layout{Paper: p, Top: top, Left: left, Right: rightMargin, Bottom: bottom, LinesPerPage: rows}
}
