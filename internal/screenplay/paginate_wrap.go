package screenplay

import (
	"strings"
	"unicode"

	"github.com/scriptroom/scriptroom/internal/fountain"
)

// Emphasis bits of a styled rune.
const (
	styBold uint8 = 1 << iota
	styItalic
	styUnderline
)

// styled is an element's printable text, one entry per rune: the rune, its
// emphasis and the 1-based source line it comes from. Splitting a paragraph
// across pages slices it.
type styled struct {
	r  []rune
	st []uint8
	ln []int32
	// off is the offset of r[0] in the element's whole text, so a fragment
	// split onto another page still knows where it starts (Page.Start).
	off int
}

// newStyled turns an element's text into styled runes: notes removed,
// emphasis markup resolved, upper-cased when upper is set. Line breaks stay
// as '\n' runes and advance the source line.
func newStyled(text string, line int, upper, italic bool) styled {
	text = fountain.StripNotes(text)
	n := len(text) // bytes: at least the runes
	s := styled{r: make([]rune, 0, n), st: make([]uint8, 0, n), ln: make([]int32, 0, n)}
	ln := int32(line)
	spans := []fountain.Span{{Text: text}}
	if strings.ContainsAny(text, "*_\\") {
		spans = fountain.Emphasis(text)
	}
	for _, sp := range spans {
		var bits uint8
		if sp.Bold {
			bits |= styBold
		}
		if sp.Italic || italic {
			bits |= styItalic
		}
		if sp.Underline {
			bits |= styUnderline
		}
		for _, r := range sp.Text {
			if r == '\t' {
				r = ' '
			}
			if upper {
				r = unicode.ToUpper(r)
			}
			s.r = append(s.r, r)
			s.st = append(s.st, bits)
			s.ln = append(s.ln, ln)
			if r == '\n' {
				ln++
			}
		}
	}
	return s
}

// plainStyled is unstyled text on no source line, for "(MORE)" and cues
// with "(CONT'D)".
func plainStyled(text string, line int) styled {
	var s styled
	for _, r := range text {
		s.r = append(s.r, r)
		s.st = append(s.st, 0)
		s.ln = append(s.ln, int32(line))
	}
	return s
}

// withStyle adds an element's font style (Indent.Bold, …) to the text.
func (s styled) withStyle(ind Indent) styled {
	var bits uint8
	if ind.Bold {
		bits |= styBold
	}
	if ind.Italic {
		bits |= styItalic
	}
	if ind.Underline {
		bits |= styUnderline
	}
	if bits == 0 && !ind.Caps {
		return s
	}
	out := styled{r: make([]rune, len(s.r)), st: make([]uint8, len(s.st)), ln: s.ln}
	for i, r := range s.r {
		if ind.Caps {
			r = unicode.ToUpper(r)
		}
		out.r[i] = r
		out.st[i] = s.st[i] | bits
	}
	return out
}

func (s styled) slice(a, b int) styled {
	return styled{r: s.r[a:b], st: s.st[a:b], ln: s.ln[a:b], off: s.off + a}
}

// trimmed drops the spaces and line breaks at both ends.
func (s styled) trimmed() styled {
	a, b := 0, len(s.r)
	for a < b && (s.r[a] == ' ' || s.r[a] == '\n') {
		a++
	}
	for b > a && (s.r[b-1] == ' ' || s.r[b-1] == '\n') {
		b--
	}
	return s.slice(a, b)
}

func (s styled) String() string { return string(s.r) }

// span is one wrapped line: runes [a, b) of a styled text.
type span struct{ a, b int }

// wrap breaks s into lines of at most width runes: at the last space that
// fits, or inside a word longer than the line. Each '\n' starts a new line;
// an empty paragraph is an empty line. Spaces inside a line are kept (two
// after a full stop stay two); spaces at a break are dropped.
func wrap(s styled, width int) []span {
	var out []span
	n := len(s.r)
	start := 0
	for {
		end := start
		for end < n && s.r[end] != '\n' {
			end++
		}
		out = wrapPara(out, s.r, start, end, width)
		if end >= n {
			return out
		}
		start = end + 1
	}
}

// wrapSlack is how many characters past the right margin Final Draft lets
// a full-width line run.
const wrapSlack = 1

// hyphenHang is how far past its box a line that ends in a hyphen or a
// closing bracket may run ("soon-to-be-", "(calm and straightforward)").
const hyphenHang = 1

func hangs(r rune) bool { return r == '-' || r == ')' }

// isWide reports whether r prints two columns wide: Chinese, Japanese and
// Korean characters and full-width forms, which a Unicode font draws about
// twice as wide as a Courier column.
func isWide(r rune) bool {
	switch {
	case r < 0x1100:
		return false
	case r <= 0x115F, // Hangul Jamo
		r >= 0x2E80 && r <= 0xA4CF && r != 0x303F, // CJK radicals … Yi
		r >= 0xAC00 && r <= 0xD7A3,                // Hangul syllables
		r >= 0xF900 && r <= 0xFAFF,                // CJK compatibility ideographs
		r >= 0xFE30 && r <= 0xFE4F,                // CJK compatibility forms
		r >= 0xFF00 && r <= 0xFF60,                // full-width forms
		r >= 0xFFE0 && r <= 0xFFE6,
		r >= 0x20000 && r <= 0x3FFFD: // CJK extensions
		return true
	}
	return false
}

// columns returns, when r[a:b] holds a wide rune, the prefix sums of its
// columns (cols[i] = columns of r[a:a+i]); nil when every rune is one column.
func columns(r []rune, a, b int) []int {
	wide := false
	for _, c := range r[a:b] {
		if isWide(c) {
			wide = true
			break
		}
	}
	if !wide {
		return nil
	}
	cols := make([]int, b-a+1)
	for i, c := range r[a:b] {
		w := 1
		if isWide(c) {
			w = 2
		}
		cols[i+1] = cols[i] + w
	}
	return cols
}

func wrapPara(out []span, r []rune, a, b, width int) []span {
	for a < b && r[a] == ' ' {
		a++
	}
	if a >= b {
		return append(out, span{a, a})
	}
	base := a
	cols := columns(r, a, b)
	// colsOf is the number of columns of r[i:j].
	colsOf := func(i, j int) int {
		if cols == nil {
			return j - i
		}
		return cols[j-base] - cols[i-base]
	}
	// fit is the end of the longest run from i that fits n columns.
	fit := func(i, n int) int {
		if cols == nil {
			return i + n
		}
		j := i
		for j < b && cols[j+1-base]-cols[i-base] <= n {
			j++
		}
		return max(j, i+1)
	}
	for a < b {
		e := b
		for e > a && r[e-1] == ' ' {
			e--
		}
		if w := colsOf(a, e); w <= width || hangs(r[e-1]) && w <= width+hyphenHang {
			return append(out, span{a, e})
		}
		brk, next := -1, -1
		for k := min(fit(a, width), b-1); k > a; k-- {
			if r[k] == ' ' {
				brk, next = k, k
				break
			}
		}
		// A break after a hyphen ("soon-to-be-|born", "--|").
		for k := min(fit(a, width+hyphenHang), b-1); k > a+1 && k > brk; k-- {
			if r[k-1] == '-' && r[k] != ' ' {
				brk, next = k, k
				break
			}
		}
		if brk < 0 {
			brk = fit(a, width)
			next = brk
		}
		end := brk
		for end > a && r[end-1] == ' ' {
			end--
		}
		out = append(out, span{a, end})
		for next < b && r[next] == ' ' {
			next++
		}
		a = next
	}
	return out
}

// spans returns the emphasis runs of runes [a, b) of s.
func (s styled) spans(a, b int) []fountain.Span {
	var out []fountain.Span
	for i := a; i < b; {
		j := i
		for j < b && s.st[j] == s.st[i] {
			j++
		}
		bits := s.st[i]
		out = append(out, fountain.Span{Text: string(s.r[i:j]), Bold: bits&styBold != 0, Italic: bits&styItalic != 0, Underline: bits&styUnderline != 0})
		i = j
	}
	if out == nil {
		out = []fountain.Span{}
	}
	return out
}

// sentenceEnds returns the offsets in s where a sentence or a paragraph
// ends and another starts: after ".", "?", "!" (and closing quotes or
// brackets) followed by a space, after "--" followed by a space, or at a
// line break. The offset is where the next sentence's text starts.
func sentenceEnds(s styled) []int {
	var out []int
	r := s.r
	for i := 0; i < len(r); i++ {
		switch r[i] {
		case '\n':
			// A line break ends a sentence only after a full stop: Final
			// Draft does not split a song after "Because that girl,".
			if i+1 < len(r) && endsSentence(r[:i]) {
				out = append(out, i+1)
			}
		case '.', '?', '!':
			j := i + 1
			for j < len(r) && (r[j] == '"' || r[j] == '\'' || r[j] == ')' || r[j] == '”' || r[j] == '’' || r[j] == '.' || r[j] == '?' || r[j] == '!') {
				j++
			}
			if j < len(r) && r[j] == '\n' {
				i = j - 1
				continue // the line break is the cut point
			}
			if j < len(r) && r[j] == ' ' {
				k := j
				for k < len(r) && r[k] == ' ' {
					k++
				}
				// "Why?" he said: no new sentence before a lower-case word.
				if k < len(r) && r[k] != '\n' && !unicode.IsLower(r[k]) {
					out = append(out, k)
				}
			}
			i = j - 1
		}
	}
	return out
}

// endsSentence says whether r ends with a sentence's last mark, before
// any spaces, closing quotes and brackets.
func endsSentence(r []rune) bool {
	i := len(r) - 1
	for i >= 0 && (r[i] == ' ' || r[i] == '"' || r[i] == '\'' || r[i] == ')' || r[i] == '”' || r[i] == '’') {
		i--
	}
	return i >= 0 && (r[i] == '.' || r[i] == '?' || r[i] == '!')
}
