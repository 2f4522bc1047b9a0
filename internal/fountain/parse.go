package fountain

// Parse reads a Fountain document. It accepts any input: invalid UTF-8 is
// kept byte for byte, CRLF and CR line endings are read as LF, and the last
// line needs no newline. It never fails; text that matches no other element is
// Action.
//
// Design choices where the spec leaves room:
//   - Boneyard (/* */) is removed before anything else and may span lines; a
//     line that held only boneyard is dropped, so a boneyard inside a block
//     keeps the block whole, and a boneyard that hid a blank line leaves a
//     blank line, so the blocks around it stay apart. An unclosed "/*" is
//     kept as text.
//   - A note ([[ ]]) that fills whole lines at the start of an element becomes
//     a Note element (Text without the brackets). Notes inside other text
//     stay in that element's Text verbatim; StripNotes removes them.
//   - Each block of consecutive non-blank lines gives its own elements; extra
//     blank lines between blocks are not kept.
//   - A line of exactly two spaces continues a block and reads as an empty
//     line of its element; at the start of a block it is ignored.
func Parse(src string) *Script {
	lines, _ := splitLines(src)
	// Every element covers at least one non-blank line: one allocation.
	nonBlank := 0
	for _, l := range lines {
		if !isBlank(l.text) {
			nonBlank++
		}
	}
	s := &Script{Elements: make([]Element, 0, nonBlank)}
	s.TitlePage, lines = parseTitleLines(lines)
	if s.TitlePage == nil {
		s.TitlePage = []TitleField{}
	}
	p := blockParser{s: s}
	for i := 0; i < len(lines); {
		if isBlank(lines[i].text) {
			i++
			continue
		}
		j := i
		for j < len(lines) && !isBlank(lines[j].text) {
			j++
		}
		p.block(lines[i:j])
		i = j
	}
	markDualFirst(s.Elements)
	return s
}

func parseTitleLines(lines []srcLine) ([]TitleField, []srcLine) {
	tp, i := parseTitlePage(lines)
	return tp, lines[i:]
}

// markDualFirst marks the character (and its dialogue, parentheticals and
// lyrics) just before each dual ('^') character.
func markDualFirst(els []Element) {
	for i := range els {
		if els[i].Type != Character || !els[i].Dual {
			continue
		}
		j := i - 1
		for j >= 0 && (els[j].Type == Dialogue || els[j].Type == Parenthetical || els[j].Type == Lyrics) && !els[j].Dual {
			j--
		}
		if j < 0 || els[j].Type != Character || els[j].Dual {
			continue
		}
		for k := j; k < i; k++ {
			els[k].DualFirst = true
		}
	}
}
