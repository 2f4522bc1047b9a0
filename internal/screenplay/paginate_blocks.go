package screenplay

import (
	"strconv"
	"strings"

	"github.com/scriptroom/scriptroom/internal/fountain"
)

// blockKind is what a block is, for the page-break rules.
type blockKind int

const (
	bkPlain    blockKind = iota // action, centered, transition, lyrics
	bkHeading                   // a scene heading: kept with what follows
	bkDialogue                  // a cue with its parentheticals and dialogue
	bkDual                      // two speeches side by side
	bkBreak                     // a forced page break
	bkSpace                     // extra blank lines the writer typed
)

// part is one paragraph of a block: an element's text (or a fragment of
// it) with its geometry.
type part struct {
	typ   fountain.ElementType
	elem  int
	text  styled
	ind   Indent
	align Align
	kind  LineKind
	// lines caches wrap(text, ind.chars()).
	lines []span
}

func newPart(typ fountain.ElementType, elem int, text styled, ind Indent, align Align, kind LineKind) part {
	text = text.withStyle(ind)
	p := part{typ: typ, elem: elem, text: text, ind: ind, align: align, kind: kind}
	if len(text.r) > 0 {
		p.lines = wrap(text, ind.chars())
	}
	return p
}

// rows is the number of rows the part's lines take.
func (p *part) rows() int { return len(p.lines) * max(p.ind.Spacing, 1) }

// block is a unit the paginator places: it moves to the next page whole
// unless a rule lets it split.
type block struct {
	kind   blockKind
	before int    // blank rows before it, dropped at the top of a page
	parts  []part // dialogue: parts[0] is the cue
	right  []part // dual dialogue: the second speech
	number string // a scene heading's number
	space  int    // bkSpace: its blank rows
	// cue is the speaker's cue text, for "(CONT'D)" after a split.
	cue     string
	cueElem int
}

// height is the rows the block takes without its blank rows before.
func (b *block) height() int {
	if b.kind == bkSpace {
		return b.space
	}
	h := colHeight(b.parts)
	if b.kind == bkDual {
		h = max(h, colHeight(b.right))
	}
	return h
}

// fitHeight is the rows the block needs in the body area: Final Draft
// prints the "(MORE)" under a split speech in the bottom margin and the
// cue with "(CONT'D)" above it in the top margin.
func (b *block) fitHeight() int {
	h := b.height()
	for i := range b.parts {
		if b.parts[i].kind != LineText {
			h -= b.parts[i].rows()
		}
	}
	return h
}

func colHeight(ps []part) int {
	h := 0
	for i := range ps {
		h += ps[i].rows()
	}
	return h
}

// buildBlocks turns a script's printable elements into blocks.
func buildBlocks(s *fountain.Script, st *Style, numbers bool) []block {
	var out []block
	els := s.Elements
	scene := 0
	prevEnd := 0
	lastSpeaker := "" // who spoke last in this scene
	for i := 0; i < len(els); i++ {
		e := els[i]
		// Fountain takes every carriage return as intent: two or more blank
		// lines between elements are an empty paragraph of action, as
		// Final Draft gets them from a converted script. (The script does
		// not say which lines held boneyard, so at most one is added.)
		if prevEnd > 0 && e.Line-prevEnd > 2 && len(out) > 0 && printed(e.Type) && printed(els[i-1].Type) {
			out = append(out, block{kind: bkSpace, before: st.Action.Before, space: 1})
		}
		prevEnd = e.EndLine
		switch e.Type {
		case fountain.Section, fountain.Synopsis, fountain.Note:
			continue
		case fountain.PageBreak:
			out = append(out, block{kind: bkBreak})
			continue
		case fountain.SceneHeading:
			lastSpeaker = ""
			scene++
			num := e.SceneNumber
			if num == "" && numbers {
				num = strconv.Itoa(scene)
			}
			t := newStyled(e.Text, e.Line, true, false)
			if len(t.trimmed().r) == 0 {
				continue
			}
			out = append(out, block{kind: bkHeading, before: st.SceneHeading.Before, number: num,
				parts: []part{newPart(e.Type, i, t.trimmed(), st.SceneHeading, AlignLeft, LineText)}})
			continue
		case fountain.Character:
			// Final Draft's automatic (CONT'D), as its PDFs of Big Fish
			// show (TestAutoContdAsFinalDraft): the speaker of the last
			// cue of the scene speaks again. A voice-over neither gets one
			// nor continues one: "BOB (V.O.)" after "BOB", and "BOB" after
			// "BOB (V.O.)", print without it; "(O.S.)" and other
			// extensions do not matter.
			name := speaker(e)
			if voiceOver(e.Extension) {
				name = ""
			}
			contd := st.AutoContd && name != "" && name == lastSpeaker && !strings.Contains(strings.ToUpper(e.Extension), "CONT")
			lastSpeaker = name
			b, next := buildDialogue(els, i, st, contd)
			if e.DualFirst && next < len(els) && els[next].Type == fountain.Character && els[next].Dual {
				r, after := buildDialogue(els, next, st, false)
				lastSpeaker = "" // no "(CONT'D)" across a dual-dialogue pair
				b.kind = bkDual
				b.parts = toColumn(b.parts, ColumnLeft)
				b.right = toColumn(r.parts, ColumnRight)
				next = after
			}
			if b.height() > 0 {
				out = append(out, b)
			}
			i = next - 1
			prevEnd = els[i].EndLine
			continue
		}
		t := newStyled(e.Text, e.Line, false, e.Type == fountain.Lyrics).trimmed()
		if len(t.r) == 0 {
			continue
		}
		ind, align := st.indent(e.Type), AlignLeft
		switch e.Type {
		case fountain.Transition:
			align = AlignRight
		case fountain.Centered:
			align = AlignCenter
		case fountain.Lyrics:
			if i > 0 && els[i-1].Type == fountain.Lyrics {
				ind.Before = 0
			} else {
				ind.Before = max(ind.Before, 1)
			}
		}
		out = append(out, block{kind: bkPlain, before: ind.Before, parts: []part{newPart(e.Type, i, t, ind, align, LineText)}})
	}
	return out
}

// buildDialogue builds the speech whose cue is els[i]; next is the index
// of the first element after it.
// With contd the cue gets Final Draft's automatic "(CONT'D)": "BOB
// (CONT'D)", "BOB (O.S.) (CONT'D)".
func buildDialogue(els []fountain.Element, i int, st *Style, contd bool) (b block, next int) {
	e := els[i]
	cue := e.Text
	if e.Extension != "" {
		cue += " (" + e.Extension + ")"
	}
	if contd {
		cue += " " + contdLabel
	}
	ct := newStyled(cue, e.Line, true, false).trimmed()
	b = block{kind: bkDialogue, before: st.Character.Before, cue: ct.String(), cueElem: i}
	b.parts = append(b.parts, newPart(e.Type, i, ct, st.Character, AlignLeft, LineText))
	next = i + 1
	for ; next < len(els); next++ {
		d := els[next]
		if d.Type == fountain.Note {
			continue
		}
		if d.Type != fountain.Dialogue && d.Type != fountain.Parenthetical && d.Type != fountain.Lyrics {
			break
		}
		t := newStyled(d.Text, d.Line, false, d.Type == fountain.Lyrics).trimmed()
		if len(t.r) == 0 {
			continue
		}
		ind := st.indent(d.Type)
		ind.Before = 0
		b.parts = append(b.parts, newPart(d.Type, next, t, ind, AlignLeft, LineText))
	}
	return b, next
}

// toColumn re-wraps a speech's parts for one column of dual dialogue.
func toColumn(ps []part, col Column) []part {
	out := make([]part, len(ps))
	for i, pt := range ps {
		out[i] = newPart(pt.typ, pt.elem, pt.text, dualIndent(pt.typ, pt.kind, col), pt.align, pt.kind)
	}
	return out
}

// contdLabel is the label of a continued speech.
const contdLabel = "(CONT'D)"

// voiceOver reports whether a cue's extension says the speech is a voice
// over ("V.O.", "V/O", "VO", also among others: "V.O., PRELAP").
func voiceOver(ext string) bool {
	for _, f := range strings.FieldsFunc(strings.ToUpper(ext), func(r rune) bool { return r == ',' || r == ';' }) {
		f = strings.NewReplacer(".", "", "/", "", " ", "").Replace(f)
		if f == "VO" {
			return true
		}
	}
	return false
}

// speaker is the name a cue gives, for automatic "(CONT'D)"s.
func speaker(e fountain.Element) string {
	return strings.ToUpper(strings.TrimSpace(fountain.Plain(fountain.StripNotes(e.Text))))
}

// printed says whether elements of type t are printed.
func printed(t fountain.ElementType) bool {
	switch t {
	case fountain.Section, fountain.Synopsis, fountain.Note, fountain.PageBreak:
		return false
	}
	return true
}
