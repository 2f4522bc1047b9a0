package diff

import (
	"hash/maphash"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/scriptroom/scriptroom/internal/fountain"
)

// doc is one side of a comparison: its lines, its elements, which element
// each line belongs to, and its scenes and speeches.
type doc struct {
	lines    []string // with terminators
	vis      []string // lines without what Options.Ignore leaves out, for hashing
	hidden   []bool   // per line: only ignored content (nil: none)
	elements []fountain.Element
	lineElem []int32 // per 0-based line, the element index, or -1
	lineScn  []int32 // per 0-based line, the scene index, or -1 before the first
	scenes   []scene
	speeches []speechInfo
	// lineHash is each line's normHash of its visible text, made when
	// first needed (doc.hash; hashed marks those made); blank marks the
	// lines that have none (blank once normalized).
	lineHash []uint64
	hashed   []bool
	blank    []bool
	ig       Ignore
	bufs     *docBufs // where the arrays came from, until release
}

// scene is a scene heading and the lines up to the next one.
type scene struct {
	heading string
	start   int // 0-based line of the heading
	end     int // 0-based line after the scene
	// body is the scene's content: the heading and every non-blank line
	// except sections, synopses and notes, which are outline rather than
	// scene content, as 0-based line indexes; scene matching compares
	// their hashes (doc.hash).
	body []int
}

// speechInfo is a character cue with what they say.
type speechInfo struct {
	character string // normalized name, without extension
	// The text (the dialogue lines joined by one space, parentheticals
	// left out, normalized) is hashed only for a speech the line diff does
	// not leave unchanged (doc.speechKey), and built only for one that is
	// reported (doc.speechText).
	dlg   [2]int // the elements after the cue: [first, end)
	line  int    // 0-based line of the cue
	scene int
}

// newDoc splits text into lines and elements.
func newDoc(text string) *doc {
	bufs := getDocBufs()
	lines := splitLinesInto(bufs.lines, text)
	return newDocSide(side{text: text, lines: lines, keys: lines, vis: lines, bufs: bufs}, Ignore{})
}

// docBufs are the arrays of a doc, kept in docPool between comparisons
// (see doc.release): a feature's comparison then allocates none of them.
type docBufs struct {
	lines    []string
	elements []fountain.Element
	idx      []int32 // lineElem and lineScn
	hashes   []uint64
	flags    []bool // hashed and blank
	bodies   []int
	scenes   []scene
	speeches []speechInfo
}

var docPool = sync.Pool{New: func() any { return new(docBufs) }}

// maxPooledDocLines bounds the docs whose arrays are kept (in lines): a
// very large script's go to the garbage collector.
const maxPooledDocLines = 1 << 16

func getDocBufs() *docBufs { return docPool.Get().(*docBufs) }

// release returns d's arrays to docPool: d must not be used after, and
// nothing a comparison returns may hold them (results hold strings, which
// are the texts' or their own).
func (d *doc) release() {
	b := d.bufs
	if b == nil || len(d.lines) > maxPooledDocLines {
		return
	}
	d.bufs = nil
	// Keep no text alive: clear what holds strings.
	clear(d.lines)
	clear(d.elements)
	clear(d.scenes)
	clear(d.speeches)
	b.lines = d.lines[:0]
	docPool.Put(b)
}

// newDocSide is newDoc for a text prepare has split, leaving out of scene
// hashing, headings and speeches what ig ignores. Each line's normalized
// hash is made at most once, when first needed (doc.hash): the scenes the
// line diff leaves unchanged never need theirs.
func newDocSide(s side, ig Ignore) *doc {
	text, lines, b := s.text, s.lines, s.bufs
	if b == nil {
		b = getDocBufs()
	}
	b.lines = lines
	b.elements = fountain.ParseElementsOfLines(b.elements, text, lines) // the lines are cut once
	d := &doc{lines: lines, vis: s.vis, hidden: s.hidden, elements: b.elements, ig: ig, bufs: b}
	n := len(d.lines)
	b.idx = grow(b.idx, 2*n)
	idx := b.idx
	d.lineElem, d.lineScn = idx[:n:n], idx[n:]
	for i := range d.lineElem {
		d.lineElem[i] = -1
	}
	nScenes := 0
	for _, e := range d.elements {
		if e.Type == fountain.SceneHeading {
			nScenes++
		}
	}
	if cap(b.scenes) < nScenes {
		b.scenes = make([]scene, 0, nScenes)
	}
	d.scenes = b.scenes[:0]
	for ei, e := range d.elements {
		for l := e.Line - 1; l < e.EndLine && l < n; l++ {
			d.lineElem[l] = int32(ei)
		}
		if e.Type == fountain.SceneHeading {
			if k := len(d.scenes); k > 0 {
				d.scenes[k-1].end = e.Line - 1
			}
			d.scenes = append(d.scenes, scene{heading: d.strip(e.Text), start: e.Line - 1, end: n})
		}
	}
	cur := -1
	for l := range d.lines {
		if cur+1 < len(d.scenes) && d.scenes[cur+1].start == l {
			cur++
		}
		d.lineScn[l] = int32(cur)
	}
	// Blank lines (normHash's !ok) get no hash.
	b.hashes, b.flags = grow(b.hashes, n), grow(b.flags, 2*n)
	d.lineHash = b.hashes
	flags := b.flags
	clear(flags[:n]) // hashed
	d.hashed, d.blank = flags[:n:n], flags[n:]
	nonBlank := 0
	for l := range d.lines {
		if d.blank[l] = strings.TrimSpace(d.vis[l]) == ""; !d.blank[l] {
			nonBlank++
		}
	}
	// Scene bodies share one backing array.
	if cap(b.bodies) < nonBlank {
		b.bodies = make([]int, 0, nonBlank)
	}
	bodies := b.bodies[:0]
	for si := range d.scenes {
		s := &d.scenes[si]
		from := len(bodies)
		for l := s.start; l < s.end; l++ {
			if d.blank[l] || d.isOutline(l) {
				continue
			}
			bodies = append(bodies, l)
		}
		s.body = bodies[from:len(bodies):len(bodies)]
	}
	cues := 0
	for _, e := range d.elements {
		if e.Type == fountain.Character {
			cues++
		}
	}
	if cap(b.speeches) < cues {
		b.speeches = make([]speechInfo, 0, cues)
	}
	d.speeches = b.speeches[:0]
	for ei := 0; ei < len(d.elements); ei++ {
		e := d.elements[ei]
		if e.Type != fountain.Character {
			continue
		}
		sp := speechInfo{
			character: strings.ToUpper(e.Text),
			dlg:       [2]int{ei + 1, ei + 1},
			line:      e.Line - 1,
			scene:     int(d.lineScn[e.Line-1]),
		}
		for ei+1 < len(d.elements) {
			t := d.elements[ei+1].Type
			if t != fountain.Dialogue && t != fountain.Parenthetical {
				break
			}
			ei++
		}
		sp.dlg[1] = ei + 1
		d.speeches = append(d.speeches, sp)
	}
	return d
}

// strip leaves notes out of an element's text when they are ignored.
func (d *doc) strip(t string) string {
	if d.ig.Notes {
		return fountain.StripNotes(t)
	}
	return t
}

// isOutline reports whether a 0-based line belongs to a section, synopsis
// or note: outline, not scene content.
func (d *doc) isOutline(l int) bool {
	if ei := d.lineElem[l]; ei >= 0 {
		switch d.elements[ei].Type {
		case fountain.Section, fountain.Synopsis, fountain.Note:
			return true
		}
	}
	return false
}

// speechKey hashes a speech's text as speechText would build it (the
// dialogue's runs of non-space characters with one space between them)
// without building it, and counts its runes.
func (d *doc) speechKey(sp speechInfo, h *maphash.Hash) (key uint64, runes int) {
	h.SetSeed(hashSeed)
	first := true
	for k := sp.dlg[0]; k < sp.dlg[1]; k++ {
		if d.elements[k].Type != fountain.Dialogue {
			continue
		}
		t := strings.TrimSpace(d.strip(d.elements[k].Text))
		if t == "" {
			continue
		}
		if isNormal(t) {
			if !first {
				h.WriteByte(' ')
				runes++
			}
			first = false
			h.WriteString(t)
			runes += utf8.RuneCountInString(t)
			continue
		}
		forRuns(t, func(run string, _ bool) {
			if run == "" {
				return
			}
			if !first {
				h.WriteByte(' ')
				runes++
			}
			first = false
			h.WriteString(run)
			runes += utf8.RuneCountInString(run)
		})
	}
	return h.Sum64(), runes
}

// speechText is a speech's dialogue lines joined by one space,
// parentheticals left out, normalized.
func (d *doc) speechText(sp speechInfo) string {
	var parts []string
	for k := sp.dlg[0]; k < sp.dlg[1]; k++ {
		if d.elements[k].Type == fountain.Dialogue {
			parts = append(parts, d.strip(d.elements[k].Text))
		}
	}
	return normalize(strings.Join(parts, " "))
}

// preamble hashes the normalized non-blank lines before the first scene.
func (d *doc) preamble() []uint64 {
	end := len(d.lines)
	if len(d.scenes) > 0 {
		end = d.scenes[0].start
	}
	var hs []uint64
	for l := 0; l < end; l++ {
		if !d.blank[l] {
			hs = append(hs, d.hash(l))
		}
	}
	return hs
}

// hash is line l's normHash, made on the first call.
func (d *doc) hash(l int) uint64 {
	if !d.hashed[l] {
		d.lineHash[l], _ = normHash(d.vis[l])
		d.hashed[l] = true
	}
	return d.lineHash[l]
}

// outline hashes the normalized lines of sections, synopses and notes.
func (d *doc) outline() []uint64 {
	var hs []uint64
	for l, ei := range d.lineElem {
		if ei < 0 {
			continue
		}
		switch d.elements[ei].Type {
		case fountain.Section, fountain.Synopsis, fountain.Note:
			if !d.blank[l] {
				hs = append(hs, d.hash(l))
			}
		}
	}
	return hs
}

// element returns the element a 0-based line belongs to, or nil.
func (d *doc) element(line int) *fountain.Element {
	if line < 0 || line >= len(d.lineElem) || d.lineElem[line] < 0 {
		return nil
	}
	return &d.elements[d.lineElem[line]]
}

// sceneHeading returns the heading of the scene holding a 0-based line.
func (d *doc) sceneHeading(line int) string {
	if line < 0 || line >= len(d.lineScn) || d.lineScn[line] < 0 {
		return ""
	}
	return d.scenes[d.lineScn[line]].heading
}

// hashSeed keys normHash; hashes are only compared within one process.
var hashSeed = maphash.MakeSeed()

// normHash is a 64-bit hash of normalize(s); ok is false when s is blank.
// A trimmed ASCII line with single spaces is already normal and is hashed
// as it is, without building normalize's copy.
func normHash(s string) (h uint64, ok bool) {
	t := strings.TrimSpace(s)
	if t == "" {
		return 0, false
	}
	if isNormal(t) {
		return maphash.String(hashSeed, t), true
	}
	return normHashSlow(t), true
}

// isNormal reports whether a trimmed t has no white space but single
// spaces (no control characters, no two spaces in a row, no other Unicode
// space), so normalize(t) == t. It tests eight ASCII bytes at a time.
func isNormal(t string) bool {
	const ones, highs, ctrls, spaces = 0x0101010101010101, 0x8080808080808080, 0x2020202020202020, 0x2020202020202020
	i := 0
	for ; i+8 <= len(t); i += 8 {
		x := uint64(t[i]) | uint64(t[i+1])<<8 | uint64(t[i+2])<<16 | uint64(t[i+3])<<24 |
			uint64(t[i+4])<<32 | uint64(t[i+5])<<40 | uint64(t[i+6])<<48 | uint64(t[i+7])<<56
		// A byte >= 0x80 or < 0x20 (the subtraction borrows).
		if (x|(x-ctrls))&highs != 0 {
			break
		}
		// Spaces: zero bytes of x^spaces; two in a row, or one at the end
		// before a space, need the exact check.
		y := x ^ spaces
		m := (y - ones) &^ y & highs
		if m&(m>>8) != 0 || (m>>56 != 0 && i+8 < len(t) && t[i+8] == ' ') {
			break
		}
	}
	for i < len(t) {
		c := t[i]
		switch {
		case c < ' ' || (c == ' ' && t[i+1] == ' '):
			return false
		case c >= utf8.RuneSelf:
			// Only these lead bytes start white space outside ASCII
			// (U+0085, U+00A0, U+1680, U+2000–U+205F, U+3000).
			if c == 0xC2 || c == 0xE1 || c == 0xE2 || c == 0xE3 {
				r, n := utf8.DecodeRuneInString(t[i:])
				if unicode.IsSpace(r) {
					return false
				}
				i += n
				continue
			}
		}
		i++
	}
	return true
}

// isPrintableASCII reports whether t has no byte below 0x20 or above 0x7F,
// testing eight bytes at a time.
func isPrintableASCII(t string) bool {
	const highs, ctrls = 0x8080808080808080, 0x2020202020202020
	i := 0
	for ; i+8 <= len(t); i += 8 {
		x := uint64(t[i]) | uint64(t[i+1])<<8 | uint64(t[i+2])<<16 | uint64(t[i+3])<<24 |
			uint64(t[i+4])<<32 | uint64(t[i+5])<<40 | uint64(t[i+6])<<48 | uint64(t[i+7])<<56
		if (x|(x-ctrls))&highs != 0 {
			return false
		}
	}
	for ; i < len(t); i++ {
		if t[i] < ' ' || t[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// normHashSlow hashes normalize(t) for a trimmed t, writing its runs of
// non-space characters with one space between them (maphash's value does
// not depend on how the bytes are split into writes).
func normHashSlow(t string) uint64 {
	if isPrintableASCII(t) {
		// Only runs of spaces to collapse: drop each space that follows a
		// space, copying eight bytes at a time where none does.
		var buf [1024]byte
		b := buf[:0]
		if len(t) > len(buf) {
			b = make([]byte, 0, len(t))
		}
		const ones, highs, spaces = 0x0101010101010101, 0x8080808080808080, 0x2020202020202020
		i := 0
		for ; i+8 <= len(t); i += 8 {
			x := uint64(t[i]) | uint64(t[i+1])<<8 | uint64(t[i+2])<<16 | uint64(t[i+3])<<24 |
				uint64(t[i+4])<<32 | uint64(t[i+5])<<40 | uint64(t[i+6])<<48 | uint64(t[i+7])<<56
			y := x ^ spaces
			m := (y - ones) &^ y & highs // every space marked (and maybe a byte after one)
			if m&(m>>8) == 0 && (m&0x80 == 0 || i == 0 || t[i-1] != ' ') {
				b = append(b, t[i:i+8]...)
				continue
			}
			for k := i; k < i+8; k++ {
				if t[k] != ' ' || t[k-1] != ' ' { // t[0] is not a space: t is trimmed
					b = append(b, t[k])
				}
			}
		}
		for ; i < len(t); i++ {
			if t[i] != ' ' || t[i-1] != ' ' {
				b = append(b, t[i])
			}
		}
		return maphash.Bytes(hashSeed, b)
	}
	var h maphash.Hash
	h.SetSeed(hashSeed)
	forRuns(t, func(run string, space bool) {
		h.WriteString(run)
		if space {
			h.WriteByte(' ')
		}
	})
	return h.Sum64()
}

// asciiSpace marks the ASCII white-space bytes (unicode.IsSpace's).
var asciiSpace = [utf8.RuneSelf]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}

// forRuns calls f with each run of non-space characters of a trimmed t,
// and whether white space follows it.
func forRuns(t string, f func(run string, space bool)) {
	if isPrintableASCII(t) {
		// Only spaces to collapse: one pass over the bytes.
		start := 0
		for i := 1; i < len(t); i++ {
			if t[i] == ' ' && t[i-1] == ' ' {
				f(t[start:i-1], true)
				for i < len(t) && t[i] == ' ' {
					i++
				}
				start = i
			}
		}
		f(t[start:], false)
		return
	}
	start := 0
	for i := 0; i < len(t); {
		c := t[i]
		n := 1
		if c < utf8.RuneSelf {
			if !asciiSpace[c] {
				i++
				continue
			}
		} else {
			var r rune
			r, n = utf8.DecodeRuneInString(t[i:])
			if !unicode.IsSpace(r) {
				i += n
				continue
			}
		}
		f(t[start:i], true)
		for i += n; i < len(t); i += n {
			c, n = t[i], 1
			if c < utf8.RuneSelf {
				if !asciiSpace[c] {
					break
				}
			} else {
				var r rune
				r, n = utf8.DecodeRuneInString(t[i:])
				if !unicode.IsSpace(r) {
					break
				}
			}
		}
		start = i
	}
	f(t[start:], false)
}

// normalize trims a line and collapses runs of white space to one space, so
// whitespace-only edits do not count as scene changes.
func normalize(s string) string {
	s = strings.TrimSpace(s)
	if isNormal(s) {
		return s // nothing to do, no allocation
	}
	b := make([]byte, 0, len(s))
	forRuns(s, func(run string, space bool) {
		b = append(b, run...)
		if space {
			b = append(b, ' ')
		}
	})
	return string(b)
}
