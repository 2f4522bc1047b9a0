package fountain

import "strings"

// srcLine is one source line after line-ending normalization and boneyard
// removal, with its 1-based number in the original source.
type srcLine struct {
	text string
	no   int
}

// twoSpaces is the line that keeps an action or dialogue block going across an
// otherwise empty line (spec: "type two spaces").
const twoSpaces = "  "

// splitLines normalizes CRLF and CR line endings to LF, drops a leading
// byte-order mark, removes boneyard (/* */) spans and returns the remaining
// lines with their source numbers. A line that held boneyard and nothing else
// but whitespace is dropped altogether, so a boneyard block neither adds nor
// removes blank lines around it. An unclosed "/*" is kept as text. It also
// returns the number of lines in the source.
func splitLines(src string) ([]srcLine, int) {
	src = strings.TrimPrefix(src, "\ufeff")
	if strings.IndexByte(src, '\r') >= 0 {
		src = strings.ReplaceAll(src, "\r\n", "\n")
		src = strings.ReplaceAll(src, "\r", "\n")
	}
	total := strings.Count(src, "\n") + 1
	if strings.HasSuffix(src, "\n") {
		total--
	}
	if src == "" {
		total = 0
	}
	out := make([]srcLine, 0, total)
	if !strings.Contains(src, "/*") {
		no := 1
		for len(src) > 0 {
			i := strings.IndexByte(src, '\n')
			if i < 0 {
				out = append(out, srcLine{src, no})
				break
			}
			out = append(out, srcLine{src[:i], no})
			src = src[i+1:]
			no++
		}
		return out, total
	}
	var b strings.Builder
	no, touched := 1, false
	flush := func() {
		t := b.String()
		if !(touched && strings.TrimSpace(t) == "") {
			out = append(out, srcLine{t, no})
		}
		b.Reset()
		touched = false
	}
	for i := 0; i < len(src); {
		if src[i] == '/' && i+1 < len(src) && src[i+1] == '*' {
			if end := strings.Index(src[i+2:], "*/"); end >= 0 {
				body := src[i : i+2+end+2]
				touched = true
				for _, c := range []byte(body) {
					if c == '\n' {
						flush()
						no++
						touched = true
					}
				}
				i += len(body)
				continue
			}
		}
		if src[i] == '\n' {
			flush()
			no++
			i++
			continue
		}
		b.WriteByte(src[i])
		i++
	}
	if b.Len() > 0 || touched {
		flush()
	}
	return out, total
}

// isBlank reports whether a line separates blocks: empty or whitespace only,
// except the two-space line, which continues a block.
func isBlank(s string) bool {
	return s != twoSpaces && strings.TrimSpace(s) == ""
}
