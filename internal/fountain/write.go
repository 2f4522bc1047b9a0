package fountain

import "strings"

// Write turns a script back into Fountain. Elements are separated by a blank
// line, except a character's dialogue, parentheticals and lyrics, which follow it
// line by line. A forcing mark ('.', '!', '@', '>') is written only where the
// plain text would read back as another element, so that Parse(Write(s))
// has the same elements as s (types, texts, scene numbers, dual, depth,
// extension) for any s that Parse returned; an element that was forced
// (Element.Forced: "!" on action, say) keeps its mark where it still reads
// back the same. Line numbers are not kept. The Trailer ends the text,
// verbatim, after a blank line.
func Write(s *Script) string {
	var b strings.Builder
	for _, f := range s.TitlePage {
		writeTitleField(&b, f)
	}
	if len(s.TitlePage) > 0 {
		b.WriteByte('\n')
	}
	els := s.Elements
	for i := 0; i < len(els); {
		n := 1
		if els[i].Type == Character {
			for i+n < len(els) && inDialogue(els[i+n], els[i+n-1]) {
				n++
			}
		}
		var lines []string
		if els[i].Forced {
			if lines = blockLines(els[i:i+n], true); !sameElements(reparse(lines), els[i:i+n]) {
				lines = nil
			}
		}
		if lines == nil {
			lines = blockLines(els[i:i+n], false)
		}
		if !sameElements(reparse(lines), els[i:i+n]) ||
			(i == 0 && len(s.TitlePage) == 0 && startsTitlePage(lines)) {
			lines = blockLines(els[i:i+n], true)
		}
		if i > 0 {
			b.WriteByte('\n')
		}
		for _, l := range lines {
			b.WriteString(l)
			b.WriteByte('\n')
		}
		i += n
	}
	if s.Trailer != "" && !unclosedBoneyard(b.String()) {
		if len(els) > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(s.Trailer)
	}
	return b.String()
}

// inDialogue reports whether e, after prev, belongs to a character's block.
// Two lyrics in a row come from two blocks, as one block's lyric lines join.
func inDialogue(e, prev Element) bool {
	return e.Type == Dialogue || e.Type == Parenthetical || (e.Type == Lyrics && prev.Type != Lyrics)
}

func writeTitleField(b *strings.Builder, f TitleField) {
	b.WriteString(f.Key)
	b.WriteByte(':')
	vs := strings.Split(f.Value, "\n")
	switch {
	case f.Value == "":
	case len(vs) == 1:
		b.WriteByte(' ')
		b.WriteString(f.Value)
	default:
		for _, v := range vs {
			b.WriteByte('\n')
			if v == "" {
				b.WriteString(twoSpaces)
				continue
			}
			b.WriteString("    ")
			b.WriteString(v)
		}
	}
	b.WriteByte('\n')
}

// startsTitlePage reports whether a first block would be read as a title page.
func startsTitlePage(lines []string) bool {
	_, _, ok := titleKey(lines[0])
	return ok
}

// blockLines writes one element, or a character with its dialogue, as the
// lines of one block, with the forcing mark when forced is true.
func blockLines(els []Element, forced bool) []string {
	e := els[0]
	mark := func(m, s string) string {
		if forced {
			return m + s
		}
		return s
	}
	switch e.Type {
	case SceneHeading:
		t := e.Text
		if e.SceneNumber != "" {
			t += " #" + e.SceneNumber + "#"
		}
		return []string{mark(".", t)}
	case Transition:
		return []string{mark(">", e.Text)}
	case Centered:
		return mapLines(e.Text, func(l string) string { return "> " + l + " <" })
	case Lyrics:
		return mapLines(e.Text, func(l string) string { return "~" + l })
	case Section:
		return []string{strings.Repeat("#", max(e.Depth, 1)) + " " + e.Text}
	case Synopsis:
		return []string{"= " + e.Text}
	case PageBreak:
		return []string{"==="}
	case Note:
		t := e.Text
		if strings.HasSuffix(t, "]") {
			t += " " // "[[a]]]" would close early
		}
		return keepEmpty(strings.Split("[["+t+"]]", "\n"))
	case Character:
		cue := e.Text
		if e.Extension != "" {
			cue += " (" + e.Extension + ")"
		}
		if e.Dual {
			cue += " ^"
		}
		out := []string{mark("@", cue)}
		for _, d := range els[1:] {
			if d.Type == Lyrics {
				out = append(out, blockLines([]Element{d}, false)...)
				continue
			}
			out = append(out, keepEmpty(strings.Split(d.Text, "\n"))...)
		}
		return out
	}
	lines := keepEmpty(strings.Split(e.Text, "\n"))
	if forced {
		lines[0] = "!" + e.Text[:strings.IndexByte(e.Text+"\n", '\n')]
	}
	return lines
}

// keepEmpty writes empty lines inside a block as two spaces.
func keepEmpty(lines []string) []string {
	for i, l := range lines {
		if l == "" {
			lines[i] = twoSpaces
		}
	}
	return lines
}

func mapLines(text string, f func(string) string) []string {
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		lines[i] = f(l)
	}
	return lines
}

// reparse parses lines as one block that follows a blank line.
func reparse(lines []string) []Element {
	ls := make([]srcLine, len(lines))
	for i, l := range lines {
		if isBlank(l) {
			return nil
		}
		ls[i] = srcLine{l, i + 1}
	}
	s := &Script{}
	p := blockParser{s: s}
	p.block(ls)
	return s.Elements
}

// sameElements compares what Write promises to keep: types, texts, scene
// numbers, dual marks, depths and extensions.
func sameElements(a, b []Element) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if !SameElement(a[i], b[i]) {
			return false
		}
	}
	return true
}

// SameElement reports whether two elements have the same type, text, scene
// number, dual mark, depth and extension; line numbers and Forced are not
// compared.
func SameElement(a, b Element) bool {
	return a.Type == b.Type && a.Text == b.Text && a.SceneNumber == b.SceneNumber &&
		a.Dual == b.Dual && a.Depth == b.Depth && a.Extension == b.Extension
}
