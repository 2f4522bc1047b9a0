package fdx

import (
	"strconv"
	"strings"
)

// Layout is the page layout and element settings a Final Draft file
// carries, for printing it as Final Draft prints it. Read returns it in
// Report.Layout. Lengths are in inches; a zero length means the file does
// not say.
type Layout struct {
	PageWidth, PageHeight   float64
	TopMargin, BottomMargin float64
	// Elements are the settings of each paragraph type ("Scene Heading",
	// "Action", "Character", "Parenthetical", "Dialogue", "Transition",
	// "Lyrics", …), as its <ElementSettings> give them.
	Elements map[string]ElementLayout
	// Continueds is false when the file turns off Final Draft's
	// automatic (CONT'D) and (MORE); true when it says nothing.
	Continueds bool
}

// ElementLayout is one paragraph type's settings.
type ElementLayout struct {
	Left, Right                      float64 // indents from the page's left edge
	SpaceBefore                      float64 // points above the paragraph (12 is one line)
	Spacing                          float64 // line spacing: 1 single, 2 double
	Alignment                        string  // "Left", "Center", "Right" or "Full"
	Bold, Italic, Underline, AllCaps bool
}

// layoutOf reads the settings of a document; nil when it has none.
func layoutOf(doc *xDoc) *Layout {
	if len(doc.Settings) == 0 && doc.Page == nil {
		return nil
	}
	l := &Layout{Elements: map[string]ElementLayout{}, Continueds: true}
	if pg := doc.Page; pg != nil {
		l.TopMargin = number(pg.TopMargin) / 72
		l.BottomMargin = number(pg.BottomMargin) / 72
		if pg.Size != nil {
			l.PageWidth, l.PageHeight = number(pg.Size.Width), number(pg.Size.Height)
		}
	}
	if doc.Mores != nil && doc.Mores.Breaks != nil && doc.Mores.Breaks.Auto == "No" {
		l.Continueds = false
	}
	for _, st := range doc.Settings {
		e := ElementLayout{
			Left: number(st.Spec.LeftIndent), Right: number(st.Spec.RightIndent),
			SpaceBefore: number(st.Spec.SpaceBefore), Spacing: number(st.Spec.Spacing),
			Alignment: st.Spec.Alignment,
		}
		for _, s := range strings.Split(st.Font.Style, "+") {
			switch strings.TrimSpace(s) {
			case "Bold":
				e.Bold = true
			case "Italic":
				e.Italic = true
			case "Underline":
				e.Underline = true
			case "AllCaps":
				e.AllCaps = true
			}
		}
		l.Elements[strings.TrimSpace(st.Type)] = e
	}
	return l
}

// number reads a decimal attribute; 0 when it is missing or not a number.
func number(s string) float64 {
	f, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil || f < 0 || f > 1000 {
		return 0
	}
	return f
}
