package main

import (
	"math"

	"github.com/scriptroom/scriptroom/internal/fdx"
	"github.com/scriptroom/scriptroom/internal/screenplay"
)

// fdxElements maps the paragraph types of a Final Draft file to the
// printed elements whose geometry they set.
var fdxElements = []struct {
	name string
	set  func(*screenplay.Style) *screenplay.Indent
}{
	{"Scene Heading", func(s *screenplay.Style) *screenplay.Indent { return &s.SceneHeading }},
	{"Action", func(s *screenplay.Style) *screenplay.Indent { return &s.Action }},
	{"Character", func(s *screenplay.Style) *screenplay.Indent { return &s.Character }},
	{"Parenthetical", func(s *screenplay.Style) *screenplay.Indent { return &s.Parenthetical }},
	{"Dialogue", func(s *screenplay.Style) *screenplay.Indent { return &s.Dialogue }},
	{"Transition", func(s *screenplay.Style) *screenplay.Indent { return &s.Transition }},
	{"Lyrics", func(s *screenplay.Style) *screenplay.Indent { return &s.Lyrics }},
	{"Lyric", func(s *screenplay.Style) *screenplay.Indent { return &s.Lyrics }},
}

// fdxOptions are the pagination options that print a Final Draft file as
// its own settings say: its page size and margins, and for each element
// its indents (the dialogue's width among them), its space before, its
// line spacing and its font style (a bold or underlined scene heading).
// What the file leaves out keeps Final Draft's defaults.
func fdxOptions(l *fdx.Layout) screenplay.Options {
	st := screenplay.FinalDraftStyle()
	var opts screenplay.Options
	if l == nil {
		return opts
	}
	if l.PageWidth > 0 && l.PageHeight > 0 {
		opts.Paper = screenplay.Paper{Name: "fdx", Width: l.PageWidth, Height: l.PageHeight}
		for _, p := range []screenplay.Paper{screenplay.Letter, screenplay.A4} {
			if math.Abs(p.Width-l.PageWidth) < 0.01 && math.Abs(p.Height-l.PageHeight) < 0.01 {
				opts.Paper = p
			}
		}
	}
	st.Top, st.Bottom = l.TopMargin, l.BottomMargin
	st.MoreContd, st.AutoContd = l.Continueds, l.Continueds
	for _, fe := range fdxElements {
		e, ok := l.Elements[fe.name]
		if !ok {
			continue
		}
		in := fe.set(&st)
		if e.Left > 0 && e.Right > e.Left {
			in.Left, in.Right = e.Left, e.Right
		}
		in.Before = int(math.Round(e.SpaceBefore / 12))
		if e.Spacing >= 1 {
			in.Spacing = int(math.Round(e.Spacing))
		}
		in.Bold, in.Italic, in.Underline, in.Caps = e.Bold, e.Italic, e.Underline, e.AllCaps
	}
	opts.Style = &st
	return opts
}
