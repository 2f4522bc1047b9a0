package fdx

import (
	"strings"
	"unicode"

	"github.com/scriptroom/scriptroom/internal/fountain"
)

// styleOf parses a Text run's Style attribute ("Bold+Italic+AllCaps") into a
// span style, and lists the styles it has no Fountain form for.
func styleOf(style string) (sp fountain.Span, allCaps bool, dropped []string) {
	if style == "" {
		return sp, false, nil
	}
	for _, s := range strings.Split(style, "+") {
		switch strings.TrimSpace(s) {
		case "Bold":
			sp.Bold = true
		case "Italic":
			sp.Italic = true
		case "Underline":
			sp.Underline = true
		case "AllCaps":
			allCaps = true
		case "", "Normal", "0", "-1":
		default:
			dropped = append(dropped, s)
		}
	}
	return sp, allCaps, dropped
}

// styleAttr is the Style attribute for a span ("" for plain text).
func styleAttr(s fountain.Span) string {
	var parts []string
	if s.Bold {
		parts = append(parts, "Bold")
	}
	if s.Italic {
		parts = append(parts, "Italic")
	}
	if s.Underline {
		parts = append(parts, "Underline")
	}
	return strings.Join(parts, "+")
}

func sameStyle(a, b fountain.Span) bool {
	return a.Bold == b.Bold && a.Italic == b.Italic && a.Underline == b.Underline
}

func plainSpan(s fountain.Span) bool { return !s.Bold && !s.Italic && !s.Underline }

func intersect(a, b fountain.Span) fountain.Span {
	return fountain.Span{Bold: a.Bold && b.Bold, Italic: a.Italic && b.Italic, Underline: a.Underline && b.Underline}
}

// normalize splits spans at line breaks (emphasis never crosses one), moves
// whitespace at the edge of a styled span to the style it shares with its
// neighbour (a mark cannot sit next to a space), and merges neighbours of
// the same style. The result is what Fountain markup can express.
func normalize(in []fountain.Span) []fountain.Span {
	var lines []fountain.Span
	for _, s := range in {
		for i, part := range strings.Split(s.Text, "\n") {
			if i > 0 {
				lines = append(lines, fountain.Span{Text: "\n"})
			}
			if part != "" {
				p := s
				p.Text = part
				lines = append(lines, p)
			}
		}
	}
	var out []fountain.Span
	for i, s := range lines {
		if s.Text == "\n" || plainSpan(s) {
			out = appendMerged(out, s)
			continue
		}
		var prev, next fountain.Span
		if i > 0 && lines[i-1].Text != "\n" {
			prev = lines[i-1]
		}
		if i+1 < len(lines) && lines[i+1].Text != "\n" {
			next = lines[i+1]
		}
		body := strings.TrimLeftFunc(s.Text, unicode.IsSpace)
		lead := s.Text[:len(s.Text)-len(body)]
		core := strings.TrimRightFunc(body, unicode.IsSpace)
		trail := body[len(core):]
		if core == "" {
			ws := intersect(intersect(s, prev), next)
			ws.Text = s.Text
			out = appendMerged(out, ws)
			continue
		}
		l := intersect(s, prev)
		l.Text = lead
		out = appendMerged(out, l)
		c := s
		c.Text = core
		out = appendMerged(out, c)
		t := intersect(s, next)
		t.Text = trail
		out = appendMerged(out, t)
	}
	return out
}

func appendMerged(out []fountain.Span, s fountain.Span) []fountain.Span {
	if s.Text == "" {
		return out
	}
	if n := len(out); n > 0 && out[n-1].Text != "\n" && s.Text != "\n" && sameStyle(out[n-1], s) {
		out[n-1].Text += s.Text
		return out
	}
	return append(out, s)
}

func sameSpans(a, b []fountain.Span) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// markup writes spans as Fountain emphasis markup, followed by suffix (the
// " [[note]]" text Read appends, kept as it is). It tries the plainest
// spelling first (no escapes); failing that, it escapes every literal '*',
// '_' and '\' of the spans and then drops, left to right, each escape that
// is not needed for the text to read back as the same spans (so
// "*69 and 23\*" keeps its one escape). ok is false when no spelling reads
// back the same; the spans' text is then returned without emphasis, escaped
// where needed, which always reads back as itself.
func markup(in []fountain.Span, suffix string) (s string, ok bool) {
	spans := normalize(in)
	target := spans
	if suffix != "" {
		target = normalize(append(append([]fountain.Span(nil), in...), fountain.Emphasis(suffix)...))
	}
	reads := func(s string) bool { return sameSpans(mergedEmphasis(s+suffix), target) }
	none := func(int) bool { return false }
	all := func(int) bool { return true }
	// Unescaped marks can make fountain.Emphasis quadratic; past a few
	// dozen, escape them all at once.
	few := markChars(spans) <= maxMarkChars
	if few {
		if s := joinSpans(spans, true, none); reads(s) {
			return s + suffix, true
		}
	}
	if s := joinSpans(spans, true, all); reads(s) {
		if !few {
			return s + suffix, true
		}
		return minimalEscapes(spans, reads) + suffix, true
	}
	plain := normalize([]fountain.Span{{Text: joinSpans(spans, false, none)}})
	if suffix != "" {
		target = normalize(append(append([]fountain.Span(nil), plain...), fountain.Emphasis(suffix)...))
	} else {
		target = plain
	}
	if !few {
		return joinSpans(plain, true, all) + suffix, !hasStyle(spans)
	}
	if s := joinSpans(plain, true, none); reads(s) {
		return s + suffix, !hasStyle(spans)
	}
	return minimalEscapes(plain, reads) + suffix, !hasStyle(spans)
}

// minimalEscapes drops the escapes of the fully escaped spelling of spans
// that reads does not need.
func minimalEscapes(spans []fountain.Span, reads func(string) bool) string {
	n := markChars(spans)
	esc := make([]bool, n)
	for i := range esc {
		esc[i] = true
	}
	for i := 0; i < n; i++ {
		esc[i] = false
		if !reads(joinSpans(spans, true, func(k int) bool { return esc[k] })) {
			esc[i] = true
		}
	}
	return joinSpans(spans, true, func(k int) bool { return esc[k] })
}

// maxMarkChars is how many literal '*', '_' and '\' a text may hold for
// markup to look for the fewest escapes (a search of one parse per mark).
const maxMarkChars = 32

func markChars(spans []fountain.Span) int {
	n := 0
	for _, s := range spans {
		n += strings.Count(s.Text, "*") + strings.Count(s.Text, "_") + strings.Count(s.Text, "\\")
	}
	return n
}

func hasStyle(spans []fountain.Span) bool {
	for _, s := range spans {
		if !plainSpan(s) {
			return true
		}
	}
	return false
}

// mergedEmphasis is fountain.Emphasis with the same span boundaries as
// normalize: line breaks on their own.
func mergedEmphasis(s string) []fountain.Span {
	return normalize(fountain.Emphasis(s))
}

// joinSpans concatenates span texts; with marks it opens and closes emphasis
// marks as a stack (underline outermost, then bold, then italic) and escapes
// the k-th literal '*', '_' or '\\' of the text when esc(k).
func joinSpans(spans []fountain.Span, marks bool, esc func(k int) bool) string {
	k := 0
	var b strings.Builder
	var open []byte // 'U', 'B', 'I'
	closeTo := func(n int) {
		for len(open) > n {
			b.WriteString(markOf(open[len(open)-1]))
			open = open[:len(open)-1]
		}
	}
	for _, s := range spans {
		if !marks {
			b.WriteString(s.Text)
			continue
		}
		if s.Text == "\n" {
			closeTo(0)
			b.WriteByte('\n')
			continue
		}
		keep := 0
		for keep < len(open) && hasMark(s, open[keep]) {
			keep++
		}
		closeTo(keep)
		for _, m := range []byte{'U', 'B', 'I'} {
			if hasMark(s, m) && strings.IndexByte(string(open), m) < 0 {
				open = append(open, m)
				b.WriteString(markOf(m))
			}
		}
		for i := 0; i < len(s.Text); i++ {
			c := s.Text[i]
			if c == '*' || c == '_' || c == '\\' {
				if esc(k) {
					b.WriteByte('\\')
				}
				k++
			}
			b.WriteByte(c)
		}
	}
	closeTo(0)
	return b.String()
}

func hasMark(s fountain.Span, m byte) bool {
	switch m {
	case 'U':
		return s.Underline
	case 'B':
		return s.Bold
	default:
		return s.Italic
	}
}

func markOf(m byte) string {
	switch m {
	case 'U':
		return "_"
	case 'B':
		return "**"
	default:
		return "*"
	}
}

// runsOf splits Fountain text into FDX Text runs by its emphasis markup.
func runsOf(text string) []fountain.Span {
	return fountain.Emphasis(text)
}
