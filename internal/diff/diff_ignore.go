package diff

import (
	"fmt"
	"strings"
)

// Ignore says what a comparison leaves out of its changes and its scene
// summary. The zero value leaves nothing out.
type Ignore struct {
	// Notes: [[notes]], inline (in a heading, a line of dialogue) or on
	// lines of their own.
	Notes bool `json:"notes"`
	// Boneyard: /* boneyard */, on one line or over many, such as the
	// trailing block some editors write.
	Boneyard bool `json:"boneyard"`
	// Whitespace: changes of white space only (indentation, runs of spaces,
	// trailing space, line endings).
	Whitespace bool `json:"whitespace"`
}

// IgnoreWords are the words ParseIgnore accepts.
const IgnoreWords = "notes, boneyard, whitespace"

// ParseIgnore reads a comma-separated list of IgnoreWords ("" is nothing).
func ParseIgnore(s string) (Ignore, error) {
	var ig Ignore
	for _, w := range strings.Split(s, ",") {
		switch strings.ToLower(strings.TrimSpace(w)) {
		case "":
		case "notes":
			ig.Notes = true
		case "boneyard":
			ig.Boneyard = true
		case "whitespace":
			ig.Whitespace = true
		default:
			return Ignore{}, fmt.Errorf("%w %q (want a comma-separated list of %s)", ErrUnknownIgnore, strings.TrimSpace(w), IgnoreWords)
		}
	}
	return ig, nil
}

func (ig Ignore) any() bool { return ig.Notes || ig.Boneyard || ig.Whitespace }

// hiddenSpans are the byte ranges of text that ig leaves out: boneyard from
// "/*" to "*/" and notes from "[[" to "]]", over lines if need be. An opener
// that is never closed hides nothing, as the Fountain parser reads it.
func hiddenSpans(text string, ig Ignore) [][2]int {
	var spans [][2]int
	for i := 0; i < len(text); {
		var open, close string
		switch {
		case ig.Boneyard && strings.HasPrefix(text[i:], "/*"):
			open, close = "/*", "*/"
		case ig.Notes && strings.HasPrefix(text[i:], "[["):
			open, close = "[[", "]]"
		default:
			i++
			continue
		}
		j := strings.Index(text[i+len(open):], close)
		if j < 0 {
			i += len(open)
			continue
		}
		end := i + len(open) + j + len(close)
		spans = append(spans, [2]int{i, end})
		i = end
	}
	return spans
}

// visibleLines returns each line with the hidden spans cut out, and which
// lines hold only hidden content (they had text, none of it is left). A
// blank line that separated such a block from the text around it goes with
// the block, so adding a note paragraph does not leave a blank-line change.
func visibleLines(lines []string, text string, ig Ignore) (vis []string, hidden []bool) {
	spans := hiddenSpans(text, ig)
	vis, hidden = lines, make([]bool, len(lines))
	if len(spans) == 0 {
		return vis, hidden
	}
	vis = append([]string(nil), lines...)
	off, k := 0, 0
	for i, l := range lines {
		end := off + len(l)
		for k < len(spans) && spans[k][1] <= off {
			k++
		}
		if k < len(spans) && spans[k][0] < end {
			var sb strings.Builder
			pos := off
			for m := k; m < len(spans) && spans[m][0] < end; m++ {
				if spans[m][0] > pos {
					sb.WriteString(text[pos:spans[m][0]])
				}
				pos = max(pos, min(spans[m][1], end))
			}
			if pos < end {
				sb.WriteString(text[pos:end])
			} else if hasNewline(l) {
				sb.WriteByte('\n') // the terminator was inside a span
			}
			vis[i] = sb.String()
			hidden[i] = strings.TrimSpace(lineText(l)) != "" && strings.TrimSpace(vis[i]) == ""
		}
		off = end
	}
	blank := func(i int) bool { return strings.TrimSpace(lines[i]) == "" }
	for i := 0; i < len(lines); {
		if !hidden[i] {
			i++
			continue
		}
		j := i
		for j < len(lines) && hidden[j] {
			j++
		}
		before := i == 0 || blank(i-1)
		after := j == len(lines) || blank(j)
		switch {
		case before && after && j < len(lines):
			hidden[j] = true
		case before && after && i > 0:
			hidden[i-1] = true
		}
		i = j + 1
	}
	return vis, hidden
}

// compareKeys are the strings the line diff compares under ig: the visible
// text, and with Whitespace that text normalized (white space collapsed and
// trimmed, line endings left out).
func compareKeys(vis []string, ig Ignore) []string {
	if !ig.Whitespace {
		return vis
	}
	keys := make([]string, len(vis))
	for i, v := range vis {
		keys[i] = normalize(v)
	}
	return keys
}

// diffSkipping is lineDiff over keys with the hidden lines of both sides
// left out of the alignment: they come back as deletes and inserts next to
// the lines around them, so the script still covers every line.
func diffSkipping(ka, kb []string, ha, hb []bool, ignoreEOL bool, lim limits) ([]Edit, bool) {
	if ha == nil && hb == nil {
		return lineDiff(ka, kb, ignoreEOL, lim)
	}
	fa, fb := unhidden(ha, len(ka)), unhidden(hb, len(kb))
	if len(fa) == len(ka) && len(fb) == len(kb) {
		return lineDiff(ka, kb, ignoreEOL, lim)
	}
	sa, sb := pick(ka, fa), pick(kb, fb)
	edits, timedOut := lineDiff(sa, sb, ignoreEOL, lim)
	var out editBuilder
	ia, ib := 0, 0
	for _, e := range edits {
		switch e.Kind {
		case EditEqual:
			for k := 0; k < e.LeftEnd-e.LeftStart; k++ {
				la, lb := fa[e.LeftStart+k], fb[e.RightStart+k]
				out.add(EditDelete, la-ia, 0)
				out.add(EditInsert, 0, lb-ib)
				out.add(EditEqual, 1, 1)
				ia, ib = la+1, lb+1
			}
		case EditDelete:
			la := fa[e.LeftEnd-1]
			out.add(EditDelete, la+1-ia, 0)
			ia = la + 1
		case EditInsert:
			lb := fb[e.RightEnd-1]
			out.add(EditInsert, 0, lb+1-ib)
			ib = lb + 1
		}
	}
	out.add(EditDelete, len(ka)-ia, 0)
	out.add(EditInsert, 0, len(kb)-ib)
	return out.edits, timedOut
}

// unhidden lists the lines (of n) that h does not mark hidden.
func unhidden(h []bool, n int) []int {
	idx := make([]int, 0, n)
	for i := 0; i < n; i++ {
		if h == nil || !h[i] {
			idx = append(idx, i)
		}
	}
	return idx
}

func pick(ls []string, idx []int) []string {
	out := make([]string, len(idx))
	for k, i := range idx {
		out[k] = ls[i]
	}
	return out
}
