package diff

import (
	"hash/maphash"
	"slices"
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
	var w wordDiffer
	return w.diff(left, right)
}

// maxTokenTable is how many distinct tokens a wordDiffer keeps interned
// before it starts afresh, well inside the rune alphabet.
const maxTokenTable = 1 << 16

// wordDiffer diffs changed lines word by word, interning tokens in one
// table across all the lines of a comparison, so a token seen before costs
// one map lookup and no allocation; its buffers are reused line to line.
type wordDiffer struct {
	ids    map[string]int32
	table  []string
	ra, rb []rune
	sb     strings.Builder
	dmp    *diffmatchpatch.DiffMatchPatch
}

// encode appends the ids of s's tokens, as runes, to rs.
func (w *wordDiffer) encode(s string, rs []rune) []rune {
	for len(s) > 0 {
		n := tokenEnd(s)
		t := s[:n]
		id, ok := w.ids[t]
		if !ok {
			id = int32(len(w.table))
			w.ids[t] = id
			w.table = append(w.table, t)
		}
		rs = append(rs, indexRune(int(id)))
		s = s[n:]
	}
	return rs
}

// reset forgets the tokens interned, keeping the tables' room unless they
// grew past maxTokenTable.
func (w *wordDiffer) reset() {
	if len(w.table) > maxTokenTable {
		w.ids, w.table = nil, nil
		return
	}
	clear(w.ids)
	clear(w.table)
	w.table = w.table[:0]
}

func (w *wordDiffer) diff(left, right string) []Segment {
	if left == right {
		if left == "" {
			return nil
		}
		return []Segment{{Kind: SegmentEqual, Text: left}}
	}
	if w.ids == nil || len(w.table) > maxTokenTable {
		w.ids = make(map[string]int32, 256)
		w.table = w.table[:0]
	}
	if w.dmp == nil {
		w.dmp = diffmatchpatch.New()
		w.dmp.DiffTimeout = 0 // lines are short; the caller bounds the total time
	}
	w.ra, w.rb = w.encode(left, w.ra[:0]), w.encode(right, w.rb[:0])
	if len(w.table) > maxRuneLines {
		w.ids = nil // start afresh on the next line
		return []Segment{{Kind: SegmentDelete, Text: left}, {Kind: SegmentInsert, Text: right}}
	}
	diffs := w.dmp.DiffMainRunes(w.ra, w.rb, false)
	for i, d := range diffs {
		w.sb.Reset()
		for _, r := range d.Text {
			w.sb.WriteString(w.table[runeIndex(r)])
		}
		diffs[i].Text = w.sb.String()
	}
	if utf8.ValidString(left) && utf8.ValidString(right) {
		// go-diff's cleanup works on runes and would turn invalid bytes
		// into U+FFFD; token-level segments are exact already.
		diffs = w.dmp.DiffCleanupSemantic(diffs)
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
		n := tokenEnd(s)
		out = append(out, s[:n])
		s = s[n:]
	}
	return out
}

// tokenEnd is the length of the token s starts with (s is not empty).
func tokenEnd(s string) int {
	r, n := rune(s[0]), 1
	if r >= utf8.RuneSelf {
		r, n = utf8.DecodeRuneInString(s)
	}
	end := n
	switch {
	case isWordRune(r):
		for end < len(s) {
			c := s[end]
			if c < utf8.RuneSelf && asciiWord[c] {
				end++
				continue
			}
			r2, n2 := rune(c), 1
			if c >= utf8.RuneSelf {
				r2, n2 = utf8.DecodeRuneInString(s[end:])
			}
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
	return end
}

// asciiWord marks the ASCII letters and digits.
var asciiWord = func() (t [utf8.RuneSelf]bool) {
	for c := '0'; c <= '9'; c++ {
		t[c] = true
	}
	for c := 'a'; c <= 'z'; c++ {
		t[c], t[c-'a'+'A'] = true, true
	}
	return t
}()

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return asciiWord[r]
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

func isWordRuneAt(s string, i int) bool {
	r, _ := utf8.DecodeRuneInString(s[i:])
	return isWordRune(r)
}

// wordBagger turns lines into bags of word ids (lower-cased words, hashed,
// numbered in one table), for similarity by the Dice coefficient of sorted
// bags (dice). Its buffer is reused; no word is allocated.
type wordBagger struct {
	ids map[uint64]int32
	buf []byte
}

func newWordBagger() *wordBagger { return &wordBagger{} }

// reset forgets the words numbered, keeping the table's room unless it grew
// past maxTokenTable.
func (w *wordBagger) reset() {
	if len(w.ids) > maxTokenTable {
		w.ids = nil
		return
	}
	clear(w.ids)
}

// add appends the ids of s's words to bag, unsorted.
func (w *wordBagger) add(s string, bag []int32) []int32 {
	if w.ids == nil {
		w.ids = make(map[uint64]int32, 256)
	}
	for len(s) > 0 {
		n := tokenEnd(s)
		t := s[:n]
		s = s[n:]
		r := rune(t[0])
		if r >= utf8.RuneSelf {
			r, _ = utf8.DecodeRuneInString(t)
		}
		if !isWordRune(r) {
			continue
		}
		w.buf = w.buf[:0]
		ascii := true
		for i := 0; i < len(t); i++ {
			c := t[i]
			if c >= utf8.RuneSelf {
				ascii = false
				break
			}
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			w.buf = append(w.buf, c)
		}
		if !ascii {
			w.buf = append(w.buf[:0], strings.ToLower(t)...)
		}
		h := maphash.Bytes(hashSeed, w.buf)
		id, ok := w.ids[h]
		if !ok {
			id = int32(len(w.ids))
			w.ids[h] = id
		}
		bag = append(bag, id)
	}
	return bag
}

// bag is add to a new sorted bag.
func (w *wordBagger) bag(s string) []int32 {
	b := w.add(s, nil)
	slices.Sort(b)
	return b
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
