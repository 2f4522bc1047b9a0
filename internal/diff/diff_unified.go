package diff

import (
	"fmt"
	"strings"
	"time"
)

// DefaultContext is the number of unchanged lines around each hunk, as in
// `diff -u`.
const DefaultContext = 3

// DegradedNotice is the line a unified diff starts with when its line diff
// hit its work bound (see limits). Patch programs skip text before the
// first "---".
const DegradedNotice = "# scriptroom diff: the comparison hit its work limit: the hunks are exact but larger than needed\n"

// File is one side of a unified diff: a name for the header, an optional
// modification time, and the text.
type File struct {
	Name string
	Time time.Time // zero: no time in the header
	Text string
}

// Unified returns the differences from a to b in the `diff -u` format with
// "--- aName" and "+++ bName" headers; context < 0 means DefaultContext.
// Identical texts give "".
func Unified(aName, bName, a, b string, context int) string {
	return UnifiedFiles(File{Name: aName, Text: a}, File{Name: bName, Text: b}, context)
}

// UnifiedFiles is Unified with modification times in the headers, written
// as GNU diff writes them ("2006-01-02 15:04:05.000000000 -0700").
func UnifiedFiles(a, b File, context int) string {
	out, _ := UnifiedDiff(a, b, context)
	return out
}

// UnifiedDiff is UnifiedFiles that also reports whether the line diff hit
// its work bound (the same for the same texts on any machine: a patch must
// be exact, not minimal, so the bound only makes hunks larger); the output
// then starts with DegradedNotice.
func UnifiedDiff(a, b File, context int) (out string, degraded bool) {
	if context < 0 {
		context = DefaultContext
	}
	la, lb := SplitLines(a.Text), SplitLines(b.Text)
	edits, degraded := lineDiff(la, lb, false, limits{})
	var sb strings.Builder
	for _, h := range hunks(edits, len(la), len(lb), context) {
		if sb.Len() == 0 {
			if degraded {
				sb.WriteString(DegradedNotice)
			}
			sb.WriteString(fileHeader("--- ", a))
			sb.WriteString(fileHeader("+++ ", b))
		}
		fmt.Fprintf(&sb, "@@ -%s +%s @@\n", hunkRange(h.a0, h.a1), hunkRange(h.b0, h.b1))
		for _, e := range h.edits {
			switch e.Kind {
			case EditEqual:
				writeLines(&sb, ' ', la[e.LeftStart:e.LeftEnd])
			case EditDelete:
				writeLines(&sb, '-', la[e.LeftStart:e.LeftEnd])
			case EditInsert:
				writeLines(&sb, '+', lb[e.RightStart:e.RightEnd])
			}
		}
	}
	return sb.String(), degraded
}

func fileHeader(prefix string, f File) string {
	if f.Time.IsZero() {
		return prefix + f.Name + "\n"
	}
	return prefix + f.Name + "\t" + f.Time.Format("2006-01-02 15:04:05.000000000 -0700") + "\n"
}

func writeLines(sb *strings.Builder, mark byte, lines []string) {
	for _, l := range lines {
		sb.WriteByte(mark)
		sb.WriteString(l)
		if !hasNewline(l) {
			sb.WriteString("\n\\ No newline at end of file\n")
		}
	}
}

// hunkRange formats a 0-based half-open line range as GNU diff does: "start"
// for one line, "start,count" otherwise, and for no lines the line before.
func hunkRange(from, to int) string {
	switch to - from {
	case 0:
		return fmt.Sprintf("%d,0", from)
	case 1:
		return fmt.Sprintf("%d", from+1)
	default:
		return fmt.Sprintf("%d,%d", from+1, to-from)
	}
}

// hunk is a group of changes with their context: line ranges on both sides
// and the edits (clipped) that print it.
type hunk struct {
	a0, a1, b0, b1 int
	edits          []Edit
}

// hunks groups the non-equal edits into hunks with context lines around them,
// joining two changes when at most 2*context unchanged lines separate them.
func hunks(edits []Edit, na, nb, context int) []hunk {
	var out []hunk
	var cur *hunk
	last := -1 // index of the current hunk's last change
	for i, e := range edits {
		if e.Kind == EditEqual {
			continue
		}
		if cur != nil {
			// The equal run between the last change and this one.
			gap := edits[i-1]
			if gap.Kind == EditEqual && gap.LeftEnd-gap.LeftStart > 2*context {
				closeHunk(cur, edits, last, context)
				out = append(out, *cur)
				cur = nil
			}
		}
		if cur == nil {
			pre := Edit{Kind: EditEqual, LeftStart: e.LeftStart, LeftEnd: e.LeftStart, RightStart: e.RightStart, RightEnd: e.RightStart}
			if i > 0 && edits[i-1].Kind == EditEqual {
				n := min(context, edits[i-1].LeftEnd-edits[i-1].LeftStart)
				pre.LeftStart -= n
				pre.RightStart -= n
			}
			cur = &hunk{a0: pre.LeftStart, b0: pre.RightStart}
			if pre.LeftEnd > pre.LeftStart {
				cur.edits = append(cur.edits, pre)
			}
		} else if gap := edits[i-1]; gap.Kind == EditEqual {
			cur.edits = append(cur.edits, gap)
		}
		cur.edits = append(cur.edits, e)
		cur.a1, cur.b1 = e.LeftEnd, e.RightEnd
		last = i
	}
	if cur != nil {
		closeHunk(cur, edits, last, context)
		out = append(out, *cur)
	}
	return out
}

// closeHunk adds up to context lines of the equal run after the hunk's last
// change, edits[last].
func closeHunk(h *hunk, edits []Edit, last, context int) {
	if last+1 >= len(edits) || edits[last+1].Kind != EditEqual {
		return
	}
	e := edits[last+1]
	if n := min(context, e.LeftEnd-e.LeftStart); n > 0 {
		h.edits = append(h.edits, Edit{Kind: EditEqual, LeftStart: e.LeftStart, LeftEnd: e.LeftStart + n, RightStart: e.RightStart, RightEnd: e.RightStart + n})
		h.a1 += n
		h.b1 += n
	}
}
