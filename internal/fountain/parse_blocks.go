package fountain

import (
	"strings"
	"unicode"
)

// blockParser turns blocks of consecutive non-blank lines into elements.
type blockParser struct {
	s *Script
}

func (p *blockParser) emit(e Element, ls []srcLine) {
	e.Line = ls[0].no
	e.EndLine = ls[len(ls)-1].no
	p.s.Elements = append(p.s.Elements, e)
}

// block parses one block. Only its first element has a blank line before it,
// which a character cue, a transition and an unforced scene heading need.
func (p *blockParser) block(ls []srcLine) {
	atStart := true
	for i := 0; i < len(ls); {
		if strings.TrimSpace(ls[i].text) == "" {
			i++ // a two-space line starts nothing
			continue
		}
		i += p.element(ls[i:], atStart)
		atStart = false
	}
}

// element parses the element starting at ls[0] and returns how many lines it
// took. ls runs to the end of the block.
func (p *blockParser) element(ls []srcLine, atStart bool) int {
	t := strings.TrimSpace(ls[0].text)
	one := ls[:1]
	switch {
	case isPageBreak(t):
		p.emit(Element{Type: PageBreak}, one)
		return 1
	case t[0] == '#':
		d := len(t) - len(strings.TrimLeft(t, "#"))
		p.emit(Element{Type: Section, Text: strings.TrimSpace(t[d:]), Depth: d}, one)
		return 1
	case t[0] == '=':
		p.emit(Element{Type: Synopsis, Text: strings.TrimSpace(t[1:])}, one)
		return 1
	case strings.HasPrefix(t, "[["):
		if n := noteLen(ls); n > 0 {
			p.emit(Element{Type: Note, Text: noteText(ls[:n])}, ls[:n])
			return n
		}
	case t[0] == '~':
		return p.lyrics(ls)
	case t[0] == '!':
		return p.action(ls, true)
	case t[0] == '@':
		p.dialogue(ls, true)
		return len(ls)
	case isForcedHeading(t):
		p.heading(t[1:], true, one)
		return 1
	case isCentered(t):
		n := runLen(ls, isCentered)
		p.emit(Element{Type: Centered, Text: joinTrimmed(ls[:n], func(t string) string { return t[1 : len(t)-1] })}, ls[:n])
		return n
	case t[0] == '>':
		p.emit(Element{Type: Transition, Text: strings.TrimSpace(t[1:]), Forced: true}, one)
		return 1
	}
	if atStart && len(ls) == 1 {
		if isHeadingPrefix(t) {
			p.heading(t, false, one)
			return 1
		}
		if isTransition(trimLeft(ls[0].text)) {
			p.emit(Element{Type: Transition, Text: t}, one)
			return 1
		}
	}
	if atStart && len(ls) > 1 && isCharacterCue(t) {
		p.dialogue(ls, false)
		return len(ls)
	}
	return p.action(ls, false)
}

// trimLeft removes leading white space the way strings.TrimSpace does, so
// that a line's first mark is found the same way everywhere.
func trimLeft(s string) string {
	return strings.TrimLeftFunc(s, unicode.IsSpace)
}

// isLyric reports whether a line is a lyric: the spec's "line with a tilde ~"
// is one wherever it appears, in action or dialogue too.
func isLyric(l srcLine) bool {
	return strings.HasPrefix(trimLeft(l.text), "~")
}

// lyrics takes the run of lyric lines at ls[0].
func (p *blockParser) lyrics(ls []srcLine) int {
	n := 0
	for n < len(ls) && isLyric(ls[n]) {
		n++
	}
	p.emit(Element{Type: Lyrics, Text: joinTrimmed(ls[:n], func(t string) string { return t[1:] })}, ls[:n])
	return n
}

func (p *blockParser) heading(t string, forced bool, ls []srcLine) {
	text, num := splitSceneNumber(strings.TrimSpace(t))
	p.emit(Element{Type: SceneHeading, Text: text, SceneNumber: num, Forced: forced}, ls)
}

// action runs to the end of its block or to a lyric line, and returns how
// many lines it took. Lines keep their indentation; a two-space line reads as
// an empty line.
func (p *blockParser) action(ls []srcLine, forced bool) int {
	n := 1
	for n < len(ls) && !isLyric(ls[n]) {
		n++
	}
	ls = ls[:n]
	lines := make([]string, len(ls))
	for i, l := range ls {
		lines[i] = l.text
		if l.text == twoSpaces {
			lines[i] = ""
		}
	}
	if forced {
		first := trimLeft(lines[0])
		lines[0] = first[1:]
	}
	p.emit(Element{Type: Action, Text: strings.Join(lines, "\n"), Forced: forced}, ls)
	return n
}

// dialogue takes a character cue and the rest of its block: dialogue split
// by parentheticals and lyrics.
func (p *blockParser) dialogue(ls []srcLine, forced bool) {
	cue := strings.TrimSpace(ls[0].text)
	if forced {
		cue = cue[1:]
	}
	name, ext, dual := parseCue(cue)
	p.emit(Element{Type: Character, Text: name, Extension: ext, Dual: dual, Forced: forced}, ls[:1])
	// "Parentheticals follow a Character or Dialogue element"; one under
	// another stays a parenthetical, as Final Draft and the editor have it.
	// A parenthetical after a lyric is dialogue.
	prev := Character
	for i := 1; i < len(ls); {
		if isLyric(ls[i]) {
			i += p.lyrics(ls[i:])
			p.s.Elements[len(p.s.Elements)-1].Dual = dual // sung in a dual speech
			prev = Lyrics
			continue
		}
		if n := parenLen(ls[i:]); n > 0 && prev != Lyrics {
			p.emit(Element{Type: Parenthetical, Text: joinTrimmed(ls[i:i+n], nil), Dual: dual}, ls[i:i+n])
			i += n
			prev = Parenthetical
			continue
		}
		j := i + 1
		for j < len(ls) && parenLen(ls[j:]) == 0 && !isLyric(ls[j]) {
			j++
		}
		p.emit(Element{Type: Dialogue, Text: joinTrimmed(ls[i:j], nil), Dual: dual}, ls[i:j])
		prev = Dialogue
		i = j
	}
}

// parenLen returns how many lines the parenthetical at ls[0] spans: one when
// the line is "(...)", several when a line opening with '(' and holding no ')'
// is closed by a later line ending in ')', else 0.
func parenLen(ls []srcLine) int {
	t := strings.TrimSpace(ls[0].text)
	if !strings.HasPrefix(t, "(") {
		return 0
	}
	if strings.HasSuffix(t, ")") {
		return 1
	}
	if strings.Contains(t, ")") {
		return 0
	}
	for k := 1; k < len(ls); k++ {
		u := strings.TrimSpace(ls[k].text)
		if strings.HasSuffix(u, ")") {
			return k + 1
		}
		if strings.HasPrefix(u, "(") {
			return 0
		}
	}
	return 0
}

// noteLen returns how many whole lines the note at ls[0] fills, or 0 when
// the note closes before the end of a line or does not close in the block.
func noteLen(ls []srcLine) int {
	for k, l := range ls {
		t := strings.TrimSpace(l.text)
		from := 0
		if k == 0 {
			from = 2
		}
		i := strings.Index(t[from:], "]]")
		if i < 0 {
			continue
		}
		if from+i == len(t)-2 {
			return k + 1
		}
		return 0
	}
	return 0
}

func noteText(ls []srcLine) string {
	t := joinTrimmed(ls, nil)
	return strings.TrimSpace(t[2 : len(t)-2])
}

// runLen counts the leading lines of ls whose trimmed text satisfies ok.
func runLen(ls []srcLine, ok func(string) bool) int {
	n := 0
	for n < len(ls) && ok(strings.TrimSpace(ls[n].text)) {
		n++
	}
	return n
}

// joinTrimmed joins the trimmed lines, each passed through f first (when f
// is not nil) and trimmed again.
func joinTrimmed(ls []srcLine, f func(string) string) string {
	trim := func(t string) string {
		t = strings.TrimSpace(t)
		if f != nil {
			t = strings.TrimSpace(f(t))
		}
		return t
	}
	if len(ls) == 1 {
		// Most elements are one line: its text as is, no copy.
		return trim(ls[0].text)
	}
	n := len(ls) - 1
	for _, l := range ls {
		n += len(l.text)
	}
	var b strings.Builder
	b.Grow(n) // a hint: f may change the length
	for i, l := range ls {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(trim(l.text))
	}
	return b.String()
}
