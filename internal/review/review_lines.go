package review

import (
	"sort"
	"strings"
	"time"

	"github.com/sergi/go-diff/diffmatchpatch"
)

// lineDiffTimeout bounds one line diff. A coarser diff is still correct;
// it only maps lines less precisely.
const lineDiffTimeout = time.Second

// hunk is a changed region between two texts: lines [o0,o1) of the old
// one became lines [n0,n1) of the new one (0-based, half-open).
type hunk struct{ o0, o1, n0, n1 int }

// splitLines cuts s into lines that keep their "\n"; "" has no lines.
func splitLines(s string) []string {
	if s == "" {
		return nil
	}
	out := make([]string, 0, strings.Count(s, "\n")+1)
	for len(s) > 0 {
		i := strings.IndexByte(s, '\n')
		if i < 0 {
			return append(out, s)
		}
		out = append(out, s[:i+1])
		s = s[i+1:]
	}
	return out
}

// lineRune maps a line number to a scalar value, skipping surrogates.
func lineRune(i int) rune {
	if i >= 0xD800 {
		return rune(i + 0x800)
	}
	return rune(i)
}

// lineHunks diffs two texts line by line and returns the changed regions
// in order.
func lineHunks(a, b []string) []hunk {
	ids := make(map[string]int, len(a))
	enc := func(ls []string) []rune {
		rs := make([]rune, len(ls))
		for i, l := range ls {
			id, ok := ids[l]
			if !ok {
				id = len(ids)
				ids[l] = id
			}
			rs[i] = lineRune(id)
		}
		return rs
	}
	ra, rb := enc(a), enc(b)
	dmp := diffmatchpatch.New()
	dmp.DiffTimeout = lineDiffTimeout
	diffs := dmp.DiffMainRunes(ra, rb, false)
	var out []hunk
	i, j := 0, 0
	var cur *hunk
	for _, d := range diffs {
		n := len([]rune(d.Text))
		switch d.Type {
		case diffmatchpatch.DiffEqual:
			cur = nil
			i, j = i+n, j+n
			continue
		case diffmatchpatch.DiffDelete:
			if cur == nil {
				out = append(out, hunk{o0: i, o1: i, n0: j, n1: j})
				cur = &out[len(out)-1]
			}
			i += n
			cur.o1 = i
		case diffmatchpatch.DiffInsert:
			if cur == nil {
				out = append(out, hunk{o0: i, o1: i, n0: j, n1: j})
				cur = &out[len(out)-1]
			}
			j += n
			cur.n1 = j
		}
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
