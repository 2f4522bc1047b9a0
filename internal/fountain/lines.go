package fountain

import (
	"strings"
	"sync"
)

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
// but whitespace is dropped, so a boneyard within a block keeps the block
// whole; a boneyard that hid a blank line leaves one blank line in its place,
// so the blocks before and after it stay apart (the spec's example puts
// "/* ... */" between "CUT TO:" and the next scene heading, with no blank
// lines outside it). An unclosed "/*" is kept as text. It also
// returns the number of lines in the source.
func splitLines(src string) ([]srcLine, int) {
	return splitLinesInto(nil, src)
}

// srcLinePool holds the line arrays of finished parses (*[]srcLine, empty).
var srcLinePool = sync.Pool{New: func() any { return new([]srcLine) }}

// maxPooledLines is the longest line array kept for reuse: a very large
// script's goes to the garbage collector.
const maxPooledLines = 1 << 16

// linesOfCut is splitLinesInto(out, body) made from cut, full cut after
// each "\n" (nil: not cut), where body is a prefix of full that ends at a
// line's start; ok is false when cut is nil or its lines are not the
// parser's: full has a "\r" or starts with a byte order mark.
func linesOfCut(out []srcLine, full, body string, cut []string) ([]srcLine, bool) {
	if cut == nil || strings.HasPrefix(full, "\ufeff") || strings.IndexByte(full, '\r') >= 0 {
		return out, false
	}
	// Leave out the lines past body (a trailing boneyard block).
	n, k := len(full), len(cut)
	for k > 0 && n > len(body) {
		n -= len(cut[k-1])
		k--
	}
	if n != len(body) {
		return out, false
	}
	if cap(out) < k {
		out = make([]srcLine, 0, k)
	}
	out = out[:0]
	for i, l := range cut[:k] {
		out = append(out, srcLine{strings.TrimSuffix(l, "\n"), i + 1})
	}
	for hasBoneyard(body) {
		out = removeBoneyard(out)
		body = joinLines(out)
	}
	return out, true
}

// splitLinesInto is splitLines appending to out, which it reuses when it
// has room for every line.
func splitLinesInto(out []srcLine, src string) ([]srcLine, int) {
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
	if cap(out) < total {
		out = make([]srcLine, 0, total)
	}
	out = out[:0]
	no := 1
	for rest := src; len(rest) > 0; no++ {
		i := strings.IndexByte(rest, '\n')
		if i < 0 {
			out = append(out, srcLine{rest, no})
			break
		}
		out = append(out, srcLine{rest[:i], no})
		rest = rest[i+1:]
	}
	// Removing "/**/" from "//**/**/" leaves "/**/": repeat until no closed
	// boneyard remains, so that no element's text holds one.
	for hasBoneyard(src) {
		out = removeBoneyard(out)
		src = joinLines(out)
	}
	return out, total
}

// hasBoneyard reports whether s holds a "/*" closed by a later "*/".
func hasBoneyard(s string) bool {
	i := strings.Index(s, "/*")
	return i >= 0 && strings.Contains(s[i+2:], "*/")
}

func joinLines(ls []srcLine) string {
	var b strings.Builder
	for i, l := range ls {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(l.text)
	}
	return b.String()
}

// removeBoneyard makes one pass removing each "/*" and its closing "*/".
func removeBoneyard(ls []srcLine) []srcLine {
	out := make([]srcLine, 0, len(ls))
	lastClose := 0 // the last line number holding "*/"
	for _, l := range ls {
		if strings.Contains(l.text, "*/") {
			lastClose = l.no
		}
	}
	var b strings.Builder
	in, touched := false, false
	// hidBlank is set while dropping the lines of a boneyard that hid a
	// blank line: the blocks it cut out were separate blocks, so the lines
	// around it stay in separate blocks too.
	hidBlank := false
	for _, l := range ls {
		t := l.text
		if in && strings.TrimSpace(t) == "" && t != twoSpaces {
			hidBlank = true
		}
		for i := 0; i < len(t); {
			switch {
			case in && strings.HasPrefix(t[i:], "*/"):
				in = false
				i += 2
			case in:
				i++
			case strings.HasPrefix(t[i:], "/*") && (strings.Contains(t[i+2:], "*/") || lastClose > l.no):
				in, touched = true, true
				i += 2
			default:
				b.WriteByte(t[i])
				i++
			}
		}
		text := b.String()
		b.Reset()
		if !((touched || in) && strings.TrimSpace(text) == "") {
			if hidBlank {
				out = append(out, srcLine{"", l.no})
				hidBlank = false
			}
			out = append(out, srcLine{text, l.no})
		}
		touched = in
	}
	return out
}

// isBlank reports whether a line separates blocks: empty or whitespace only,
// except the two-space line, which continues a block.
func isBlank(s string) bool {
	return s != twoSpaces && strings.TrimSpace(s) == ""
}
