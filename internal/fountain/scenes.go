package fountain

import (
	"strings"
	"unicode"
)

// Scene is one scene of a script: its heading and the elements up to the
// next heading.
type Scene struct {
	Heading string `json:"heading"`
	Number  string `json:"number,omitempty"`
	// Index is the heading's index in Script.Elements.
	Index int `json:"index"`
	// Line is the heading's first source line; EndLine is the last source
	// line of the scene's last element.
	Line    int `json:"line"`
	EndLine int `json:"end_line"`
}

// Scenes lists the scenes in order. Elements before the first heading belong
// to no scene.
func (s *Script) Scenes() []Scene {
	var out []Scene
	for i, e := range s.Elements {
		if e.Type == SceneHeading {
			out = append(out, Scene{Heading: e.Text, Number: e.SceneNumber, Index: i, Line: e.Line, EndLine: e.EndLine})
			continue
		}
		if n := len(out); n > 0 {
			out[n-1].EndLine = e.EndLine
		}
	}
	return out
}

// DualPartner returns the index of the other character cue of the dual
// dialogue that element i (a cue, or its dialogue or parenthetical) belongs
// to, or -1 when it is not part of dual dialogue.
func (s *Script) DualPartner(i int) int {
	els := s.Elements
	if i < 0 || i >= len(els) || !(els[i].Dual || els[i].DualFirst) {
		return -1
	}
	for i > 0 && els[i].Type != Character {
		i--
	}
	if els[i].Dual {
		for j := i - 1; j >= 0; j-- {
			if els[j].Type == Character {
				if els[j].DualFirst {
					return j
				}
				return -1
			}
		}
		return -1
	}
	for j := i + 1; j < len(els); j++ {
		if els[j].Type == Character {
			if els[j].Dual {
				return j
			}
			return -1
		}
	}
	return -1
}

// CountWords counts the words a reader sees (runs with a letter or a digit): those of every element except
// notes, sections, synopses and page breaks, without inline notes and
// emphasis markup. The title page is not counted.
func CountWords(s *Script) int {
	n := 0
	for _, e := range s.Elements {
		switch e.Type {
		case Note, Section, Synopsis, PageBreak:
			continue
		}
		for _, f := range strings.Fields(Plain(StripNotes(e.Text))) {
			if strings.IndexFunc(f, isWordRune) >= 0 {
				n++ // a dash or an ellipsis on its own is not a word
			}
		}
	}
	return n
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
