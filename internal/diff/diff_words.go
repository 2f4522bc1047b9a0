package diff

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sergi/go-diff/diffmatchpatch"
)

// SegmentKind says whether a piece of a changed line is kept, removed or added.
type SegmentKind string

// The kinds of Segment.
const (
	SegmentEqual  SegmentKind = "equal"
	SegmentDelete SegmentKind = "delete"
	SegmentInsert SegmentKind = "insert"
)

// Segment is a piece of a changed row. The left text is the concatenation of
// the equal and delete segments, the right text that of the equal and insert
// segments.
type Segment struct {
	Kind SegmentKind `json:"kind"`
	Text string      `json:"text"`
}

// words compares two lines word by word: tokens (runs of letters and digits,
// runs of spaces, single other characters) are diffed as runes, then go-diff's
// semantic cleanup folds trivial equalities into the changes around them.
func words(left, right string) []Segment {
	if left == right {
		if left == "" {
			return nil
		}
		return []Segment{{Kind: SegmentEqual, Text: left}}
	}
	ids := map[string]int{}
	var table []string
	encode := func(s string) []rune {
		toks := tokens(s)
		rs := make([]rune, len(toks))
		for i, t := range toks {
			id, ok := ids[t]
			if !ok {
				id = len(table)
				ids[t] = id
				table = append(table, t)
			}
			rs[i] = indexRune(id)
		}
		return rs
	}
	ra, rb := encode(left), encode(right)
	if len(table) > maxRuneLines {
		return []Segment{{Kind: SegmentDelete, Text: left}, {Kind: SegmentInsert, Text: right}}
	}
	dmp := diffmatchpatch.New()
	dmp.DiffTimeout = 0 // lines are short; the caller bounds the total time
	diffs := dmp.DiffMainRunes(ra, rb, false)
	var sb strings.Builder
	for i, d := range diffs {
		sb.Reset()
		for _, r := range d.Text {
			sb.WriteString(table[runeIndex(r)])
		}
		diffs[i].Text = sb.String()
	}
	if utf8.ValidString(left) && utf8.ValidString(right) {
		// go-diff's cleanup works on runes and would turn invalid bytes
		// into U+FFFD; token-level segments are exact already.
		diffs = dmp.DiffCleanupSemantic(diffs)
	}
	segs := make([]Segment, 0, len(diffs))
	for _, d := range diffs {
		if d.Text == "" {
			continue
		}
		k := SegmentEqual
		switch d.Type {
		case diffmatchpatch.DiffDelete:
			k = SegmentDelete
		case diffmatchpatch.DiffInsert:
			k = SegmentInsert
		}
		if n := len(segs); n > 0 && segs[n-1].Kind == k {
			segs[n-1].Text += d.Text
			continue
		}
		segs = append(segs, Segment{Kind: k, Text: d.Text})
	}
	return segs
}

// tokens splits s into words (letters, digits, marks and inner apostrophes),
// runs of white space, and single other characters.
func tokens(s string) []string {
	var out []string
	for len(s) > 0 {
		r, n := utf8.DecodeRuneInString(s)
		end := n
		switch {
		case isWordRune(r):
			for end < len(s) {
				r2, n2 := utf8.DecodeRuneInString(s[end:])
				if !isWordRune(r2) && !(r2 == '\'' && end+n2 < len(s) && isWordRuneAt(s, end+n2)) {
					break
				}
				end += n2
			}
		case unicode.IsSpace(r):
			for end < len(s) {
				r2, n2 := utf8.DecodeRuneInString(s[end:])
				if !unicode.IsSpace(r2) {
					break
				}
				end += n2
			}
		}
		out = append(out, s[:end])
		s = s[end:]
	}
	return out
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

func isWordRuneAt(s string, i int) bool {
	r, _ := utf8.DecodeRuneInString(s[i:])
	return isWordRune(r)
}

// similarity is the Dice coefficient of the two lines' word multisets, from 0
// (nothing shared) to 1 (same words). It pairs lines inside a changed block.
func similarity(a, b []string) float64 {
	if len(a) == 0 && len(b) == 0 {
		return 1
	}
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	count := make(map[string]int, len(a))
	for _, w := range a {
		count[w]++
	}
	common := 0
	for _, w := range b {
		if count[w] > 0 {
			count[w]--
			common++
		}
	}
	return 2 * float64(common) / float64(len(a)+len(b))
}

// wordList is a line's words, lower-cased, for similarity.
func wordList(s string) []string {
	var out []string
	for _, t := range tokens(s) {
		r, _ := utf8.DecodeRuneInString(t)
		if isWordRune(r) {
			out = append(out, strings.ToLower(t))
		}
	}
	return out
}
