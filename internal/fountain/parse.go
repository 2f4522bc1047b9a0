package fountain

import "strings"

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
//   - A boneyard block that ends the document (from a line starting with
//     "/*" to a final "*/") is kept verbatim in Script.Trailer, so that a
//     round trip through Write keeps what other programs store there.
func Parse(src string) *Script {
	return parse(src, nil, nil)
}

// ParseElements parses src as Parse does and returns its elements, in
// buf's array when it has room for them (what buf held is overwritten): for
// a caller that needs only the elements and keeps one array for many parses.
func ParseElements(buf []Element, src string) []Element {
	return parse(src, buf[:0], nil).Elements
}

// ParseElementsOfLines is ParseElements for a caller that has cut src into
// lines already: lines are src cut after each "\n", terminators kept (the
// last line without one when src does not end with "\n"), so that the
// parser need not cut it again.
func ParseElementsOfLines(buf []Element, src string, lines []string) []Element {
	if lines == nil {
		lines = []string{} // cut, into no lines
	}
	return parse(src, buf[:0], lines).Elements
}

// parse is Parse putting the elements in els's array when it has room (nil:
// a new array), reading the lines from cut (src cut after each "\n") unless
// it is nil.
func parse(src string, els []Element, cut []string) *Script {
	full := src
	src, trailer := splitTrailer(src)
	pooled := srcLinePool.Get().(*[]srcLine)
	all, ok := linesOfCut(*pooled, full, src, cut)
	if !ok {
		all, _ = splitLinesInto(*pooled, src)
	}
	defer func() {
		// The lines are the parser's only: no element or title field
		// keeps the slice, only substrings of the text. They are cleared
		// so that the pool holds no text.
		if cap(all) <= maxPooledLines {
			clear(all)
			*pooled = all[:0]
		}
		srcLinePool.Put(pooled)
	}()
	lines := all
	// Every element covers at least one non-blank line: one allocation.
	nonBlank := 0
	for _, l := range lines {
		if !isBlank(l.text) {
			nonBlank++
		}
	}
	if els == nil || cap(els) < nonBlank {
		els = make([]Element, 0, nonBlank)
	}
	s := &Script{Elements: els[:0]}
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
	s.Trailer = trailer
	return s
}

// splitTrailer splits off a boneyard block that ends src: its "/*" starts
// a line (after spaces or tabs), it holds no other "*/", and nothing before
// it leaves a "/*" open (which the block's "*/" would close instead).
func splitTrailer(src string) (body, trailer string) {
	end := strings.TrimRight(src, " \t\r\n")
	if !strings.HasSuffix(end, "*/") || len(end) < 4 {
		return src, ""
	}
	open := strings.LastIndex(end[:len(end)-2], "/*")
	if open < 0 || strings.Contains(end[open+2:len(end)-2], "*/") {
		return src, ""
	}
	start := strings.LastIndexAny(end[:open], "\n\r") + 1
	if strings.Trim(end[start:open], " \t") != "" {
		return src, ""
	}
	if unclosedBoneyard(src[:start]) {
		return src, ""
	}
	return src[:start], src[start:]
}

// unclosedBoneyard reports whether s leaves a "/*" open.
func unclosedBoneyard(s string) bool {
	o := strings.LastIndex(s, "/*")
	return o >= 0 && !strings.Contains(s[o+2:], "*/")
}

// TitlePageLines returns the 1-based number of src's last title-page line:
// lines up to it belong to the title page, which prints on a page of its
// own. It is 0 when src has no title page.
func TitlePageLines(src string) int {
	src, _ = splitTrailer(src)
	lines, _ := splitLines(src)
	if _, i := parseTitlePage(lines); i > 0 {
		return lines[i-1].no
	}
	return 0
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
