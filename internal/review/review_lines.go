package review

import (
	"sort"
	"strings"
	"time"

	"github.com/scriptroom/scriptroom/internal/diff"
)

// lineDiffTimeout bounds one line diff. A coarser diff is still correct;
// it only maps lines less precisely.
const lineDiffTimeout = time.Second

// hunk is a changed region between two texts: lines [o0,o1) of the old
// one became lines [n0,n1) of the new one (0-based, half-open).
type hunk struct{ o0, o1, n0, n1 int }

// splitLines cuts s into lines that keep their "\n"; "" has no lines.
func splitLines(s string) []string { return diff.SplitLines(s) }

// lineHunks diffs two texts line by line and returns the changed regions
// in order.
func lineHunks(a, b []string) []hunk {
	var out []hunk
	var cur *hunk
	for _, e := range diff.EditScript(a, b, lineDiffTimeout) {
		if e.Kind == diff.EditEqual {
			cur = nil
			continue
		}
		if cur == nil {
			out = append(out, hunk{o0: e.LeftStart, o1: e.LeftStart, n0: e.RightStart, n1: e.RightStart})
			cur = &out[len(out)-1]
		}
		cur.o1, cur.n1 = e.LeftEnd, e.RightEnd
	}
	return out
}

// lineStarts returns the byte offset of each line of s; a final "\n" does
// not start a line.
func lineStarts(s string) []int {
	if s == "" {
		return nil
	}
	starts := make([]int, 1, strings.Count(s, "\n")+1)
	for i := 0; ; {
		j := strings.IndexByte(s[i:], '\n')
		if j < 0 || i+j+1 == len(s) {
			return starts
		}
		i += j + 1
		starts = append(starts, i)
	}
}

// lineAt returns the 1-based line holding byte offset off.
func lineAt(starts []int, off int) int {
	return sort.Search(len(starts), func(i int) bool { return starts[i] > off })
}

// lfOnly turns "\r\n" into "\n": line numbers stay the same.
func lfOnly(s string) string {
	if !strings.Contains(s, "\r") {
		return s
	}
	return strings.ReplaceAll(s, "\r\n", "\n")
}

// QuoteOf is lines start..end (1-based, inclusive) of text with the space
// around them trimmed: what a comment on those lines quotes. "" when the
// range is not in text (a text ending in "\n" has an empty last line).
func QuoteOf(text string, start, end int) string {
	lines := splitLines(text)
	n := len(lines)
	if text == "" || strings.HasSuffix(text, "\n") {
		n++ // the empty line after the last "\n"
	}
	if start < 1 || end < start || end > n {
		return ""
	}
	return strings.TrimSpace(strings.Join(lines[start-1:min(end, len(lines))], ""))
}
