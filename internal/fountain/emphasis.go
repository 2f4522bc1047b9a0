package fountain

import "strings"

// Span is a run of text with one emphasis style. Text has the markup and
// escaping backslashes removed.
type Span struct {
	Text      string `json:"text"`
	Bold      bool   `json:"bold,omitempty"`
	Italic    bool   `json:"italic,omitempty"`
	Underline bool   `json:"underline,omitempty"`
}

type style struct{ bold, italic, underline bool }

// Emphasis splits text into spans by its emphasis markup: *italic*,
// **bold**, ***bold italic*** and _underline_, which may nest. A backslash
// before '*', '_' or '\' makes it literal. As in Markdown, an opening mark
// must be followed by a non-space and a closing mark preceded by one, and
// emphasis does not cross a line break; unmatched marks stay as text.
func Emphasis(text string) []Span {
	var out []Span
	for i, line := range strings.Split(text, "\n") {
		if i > 0 {
			out = appendSpan(out, Span{Text: "\n"})
		}
		out = emphasize(out, line, style{})
	}
	return out
}

// Plain returns text without emphasis markup and escapes.
func Plain(text string) string {
	var b strings.Builder
	for _, s := range Emphasis(text) {
		b.WriteString(s.Text)
	}
	return b.String()
}

func appendSpan(out []Span, s Span) []Span {
	if s.Text == "" {
		return out
	}
	if n := len(out); n > 0 && out[n-1].Bold == s.Bold && out[n-1].Italic == s.Italic && out[n-1].Underline == s.Underline {
		out[n-1].Text += s.Text
		return out
	}
	return append(out, s)
}

// emphasize appends the spans of one line s, inside style st.
func emphasize(out []Span, s string, st style) []Span {
	var b strings.Builder
	flush := func() {
		out = appendSpan(out, Span{Text: b.String(), Bold: st.bold, Italic: st.italic, Underline: st.underline})
		b.Reset()
	}
	for i := 0; i < len(s); {
		c := s[i]
		if c == '\\' && i+1 < len(s) && strings.IndexByte(`*_\`, s[i+1]) >= 0 {
			b.WriteByte(s[i+1])
			i += 2
			continue
		}
		if c != '*' && c != '_' {
			b.WriteByte(c)
			i++
			continue
		}
		k := 1
		if c == '*' {
			for i+k < len(s) && s[i+k] == '*' {
				k++
			}
			k = min(k, 3)
		}
		inner, after, ok := closeMark(s, i, c, k)
		if !ok {
			b.WriteString(s[i : i+k])
			i += k
			continue
		}
		flush()
		in := st
		switch {
		case c == '_':
			in.underline = true
		case k == 1:
			in.italic = true
		case k == 2:
			in.bold = true
		default:
			in.bold, in.italic = true, true
		}
		out = emphasize(out, s[i+k:inner], in)
		i = after
	}
	flush()
	return out
}

// closeMark finds the mark closing the k-long run of c at s[i]: it returns
// where the inner text ends and where the text after the mark starts.
func closeMark(s string, i int, c byte, k int) (inner, after int, ok bool) {
	open := i + k
	if open >= len(s) || s[open] == ' ' || s[open] == '\t' {
		return 0, 0, false
	}
	for j := open; j < len(s); j++ {
		if s[j] == '\\' {
			j++ // an escaped character never closes, even the first one
			continue
		}
		if j == open || s[j] != c {
			continue
		}
		run := 1
		for j+run < len(s) && s[j+run] == c {
			run++
		}
		prev := s[j-1]
		if run >= k && prev != ' ' && prev != '\t' {
			end := j + run - k
			if c == '_' {
				end = j
			}
			return end, end + k, true
		}
		j += run - 1
	}
	return 0, 0, false
}

// StripNotes removes inline notes ([[ ]]) from text, with the space before
// a note, so "He runs. [[fix]]" becomes "He runs.". An unclosed "[[" stays.
func StripNotes(text string) string {
	if !strings.Contains(text, "[[") {
		return text
	}
	var b strings.Builder
	for {
		i := strings.Index(text, "[[")
		if i < 0 {
			break
		}
		j := strings.Index(text[i+2:], "]]")
		if j < 0 {
			break
		}
		b.WriteString(strings.TrimRight(text[:i], " \t"))
		text = text[i+2+j+2:]
	}
	b.WriteString(text)
	return b.String()
}
