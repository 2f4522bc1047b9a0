package fdx

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/scriptroom/scriptroom/internal/fountain"
)

// header opens a document as Final Draft 12/13 writes it.
const header = `<?xml version="1.0" encoding="UTF-8" standalone="no" ?>
<FinalDraft DocumentType="Script" Template="No" Version="5">
`

// Write writes s as a Final Draft XML document, in the structure Final Draft
// 12/13 saves: <Content> with one <Paragraph> per element, emphasis as Style
// on <Text> runs, <DualDialogue> blocks, the ElementSettings of the standard
// elements, and a <TitlePage>. Fountain elements without an FDX equivalent
// map to the nearest construct (see the package documentation), chosen so
// that Read gives back the same elements and title page. A nil script is
// written as an empty document. The only errors are w's.
func Write(w io.Writer, s *fountain.Script) error {
	return WriteProduction(w, s, nil)
}

// WriteProduction writes s as Write does, and p, when not nil, as Final
// Draft writes a production draft: revised runs with the set's
// RevisionID, <Revisions> with its sets and the active one, the places
// of cut text in <DeletedText>, and the locked pages in <LockedPages>.
// Scene numbers (12A) and OMITTED scenes are in s: a scene heading's
// SceneNumber is its Number attribute, and an omitted scene is a heading
// "OMITTED" with its number, as Final Draft writes one.
func WriteProduction(w io.Writer, s *fountain.Script, p *Production) error {
	if s == nil {
		s = &fountain.Script{}
	}
	bw := bufio.NewWriter(w)
	x := &xw{w: bw, cur: -1, revised: revisedIndex(p), elemStart: map[int]int{}}
	x.raw(header)
	x.raw("\n  <Content>\n")
	x.elements(s.Elements)
	x.raw("  </Content>\n\n")
	x.raw(pageSettings)
	x.raw(elementSettings)
	if p != nil {
		x.lockedPages(p)
		x.revisions(p)
		x.deletedText(p)
	}
	if len(s.TitlePage) > 0 {
		x.titlePage(s.TitlePage)
	}
	x.raw("</FinalDraft>\n")
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("fdx: write: %w", err)
	}
	return nil
}

// xw writes XML text; write errors surface at the final Flush.
type xw struct {
	w         *bufio.Writer
	pageBreak bool // the next paragraph starts a new page
	// cur is the element whose text the next paragraph holds (-1: none).
	cur int
	// offset counts the runes of the content written so far, and one for
	// each paragraph's end, as Final Draft counts places in its text.
	offset int
	// elemStart is the offset of each element's paragraph text.
	elemStart map[int]int
	// revised are the revised ranges of each element's text.
	revised map[int][]RevisedText
}

func (x *xw) raw(s string) { x.w.WriteString(s) }

// attrs is an ordered attribute list.
type attrs [][2]string

func (x *xw) open(indent, name string, as attrs) {
	x.raw(indent)
	x.raw("<" + name)
	for _, a := range as {
		x.raw(" " + a[0] + `="`)
		escape(x.w, a[1], true)
		x.raw(`"`)
	}
	x.raw(">\n")
}

// runs writes text as <Text> runs split by its emphasis.
func (x *xw) runs(indent, text string) {
	spans := runsOf(text)
	if len(spans) == 0 {
		spans = []fountain.Span{{}}
	}
	for _, sp := range spans {
		x.raw(indent)
		if st := styleAttr(sp); st != "" {
			x.raw(`<Text Style="` + st + `">`)
		} else {
			x.raw("<Text>")
		}
		escape(x.w, sp.Text, false)
		x.raw("</Text>\n")
	}
}

// paragraph writes one paragraph of the given type with its text and notes.
func (x *xw) paragraph(indent, typ, text string, extra attrs, notes []string, summary []string) {
	as := attrs{{"Type", typ}}
	as = append(as, extra...)
	if x.pageBreak {
		as = append(as, [2]string{"StartsNewPage", "Yes"})
		x.pageBreak = false
	}
	x.open(indent, "Paragraph", as)
	in := indent + "  "
	if len(summary) > 0 {
		x.raw(in + "<SceneProperties>\n" + in + "  <Summary>\n")
		for _, t := range summary {
			x.raw(in + "    <Paragraph>\n")
			x.runs(in+"      ", t)
			x.raw(in + "    </Paragraph>\n")
		}
		x.raw(in + "  </Summary>\n" + in + "</SceneProperties>\n")
	}
	for _, n := range notes {
		x.raw(in + "<ScriptNote>\n")
		for _, l := range strings.Split(n, "\n") {
			x.raw(in + "  <Paragraph>\n" + in + "    <Text>")
			escape(x.w, l, false)
			x.raw("</Text>\n" + in + "  </Paragraph>\n")
		}
		x.raw(in + "</ScriptNote>\n")
	}
	x.textRuns(in, text)
	x.raw(indent + "</Paragraph>\n")
}

// textRuns writes a paragraph's own text as runs, each run split where a
// revision set's range starts or ends and carrying its RevisionID, and
// counts the paragraph's place in the text.
func (x *xw) textRuns(indent, text string) {
	cur := x.cur
	x.cur = -1
	if cur >= 0 {
		x.elemStart[cur] = x.offset
	}
	spans := runsOf(text)
	if len(spans) == 0 {
		spans = []fountain.Span{{}}
	}
	rs := x.revised[cur]
	bounds := revisionBounds(rs)
	at := 0
	for _, sp := range spans {
		for _, piece := range splitAt(sp.Text, at, bounds) {
			x.raw(indent + "<Text")
			if cur >= 0 && len(rs) > 0 {
				if set := setAt(rs, at); set != 0 {
					x.raw(` RevisionID="` + strconv.Itoa(set) + `"`)
				}
			}
			if st := styleAttr(sp); st != "" {
				x.raw(` Style="` + st + `"`)
			}
			x.raw(">")
			escape(x.w, piece, false)
			x.raw("</Text>\n")
			at += utf8.RuneCountInString(piece)
		}
	}
	x.offset += at + 1
}

// splitAt splits s, which starts at rune at of its paragraph, at the
// paragraph offsets in bounds (sorted) that fall inside it.
func splitAt(s string, at int, bounds []int) []string {
	var out []string
	for _, b := range bounds {
		k := b - at
		if k <= 0 {
			continue
		}
		if k >= utf8.RuneCountInString(s) {
			break
		}
		i := 0
		for r := 0; r < k; r++ {
			_, size := utf8.DecodeRuneInString(s[i:])
			i += size
		}
		out = append(out, s[:i])
		s, at = s[i:], b
	}
	return append(out, s)
}

const pIndent = "    "

func (x *xw) elements(els []fountain.Element) {
	for i := 0; i < len(els); i++ {
		e := els[i]
		switch e.Type {
		case fountain.PageBreak:
			if x.pageBreak {
				x.paragraph(pIndent, "Action", "", nil, nil, nil)
			}
			x.pageBreak = true
			if i == len(els)-1 {
				x.paragraph(pIndent, "Action", "", nil, nil, nil)
			}
		case fountain.Note:
			x.paragraph(pIndent, "Action", "", nil, []string{e.Text}, nil)
		case fountain.SceneHeading:
			var summary, notes []string
			j := i + 1
			for ; j < len(els) && els[j].Type == fountain.Synopsis && els[j].Text != ""; j++ {
				summary = append(summary, els[j].Text)
			}
			for ; j < len(els) && els[j].Type == fountain.Note; j++ {
				notes = append(notes, els[j].Text)
			}
			var extra attrs
			if e.SceneNumber != "" {
				extra = attrs{{"Number", e.SceneNumber}}
			}
			x.cur = i
			x.paragraph(pIndent, "Scene Heading", e.Text, extra, notes, summary)
			i = j - 1
		case fountain.Character:
			if n := x.dual(els, i); n > 0 {
				i += n - 1
				continue
			}
			x.cur = i
			x.paragraph(pIndent, "Character", cueText(e), nil, nil, nil)
		default:
			x.cur = i
			x.simple(pIndent, e)
		}
	}
	if x.pageBreak {
		x.paragraph(pIndent, "Action", "", nil, nil, nil)
	}
}

// simple writes an element that is one paragraph on its own.
func (x *xw) simple(indent string, e fountain.Element) {
	typ, text := "Action", e.Text
	var extra attrs
	switch e.Type {
	case fountain.Dialogue:
		typ = "Dialogue"
	case fountain.Parenthetical:
		typ = "Parenthetical"
	case fountain.Transition:
		typ = "Transition"
	case fountain.Character:
		typ, text = "Character", cueText(e)
	case fountain.Centered:
		extra = attrs{{"Alignment", "Center"}}
	case fountain.Lyrics:
		typ = "Lyrics"
	case fountain.Section:
		typ = fmt.Sprintf("Outline %d", max(e.Depth, 1))
	case fountain.Synopsis:
		typ = "Outline Body"
	case fountain.SceneHeading:
		typ = "Scene Heading"
		if e.SceneNumber != "" {
			extra = attrs{{"Number", e.SceneNumber}}
		}
	}
	var notes []string
	switch e.Type {
	case fountain.Action, fountain.Dialogue, fountain.Parenthetical, fountain.Transition, fountain.Centered, fountain.Lyrics:
		text, notes = trailingNotes(text)
	}
	x.paragraph(indent, typ, text, extra, notes, nil)
}

func cueText(e fountain.Element) string {
	if e.Extension != "" {
		return e.Text + " (" + e.Extension + ")"
	}
	return e.Text
}

func isSpeech(t fountain.ElementType) bool {
	return t == fountain.Dialogue || t == fountain.Parenthetical
}

// dual writes the dual dialogue that starts with the cue at i, if any, and
// returns how many elements it used (0 when there is none).
func (x *xw) dual(els []fountain.Element, i int) int {
	end := func(j int) int {
		j++
		// Lyrics belong to the speech when the parser marked them so (sung
		// inside it); a lyric block of its own after it does not.
		for j < len(els) && (isSpeech(els[j].Type) || els[j].Type == fountain.Lyrics && (els[j].Dual || els[j].DualFirst)) {
			j++
		}
		return j
	}
	g1 := end(i)
	var stop int
	switch {
	case els[i].Dual:
		stop = g1
	case g1 < len(els) && els[g1].Type == fountain.Character && els[g1].Dual:
		stop = end(g1)
	default:
		return 0
	}
	as := attrs{{"Type", "General"}}
	if x.pageBreak {
		as = append(as, [2]string{"StartsNewPage", "Yes"})
		x.pageBreak = false
	}
	x.open(pIndent, "Paragraph", as)
	x.raw(pIndent + "  <DualDialogue>\n")
	for k, e := range els[i:stop] {
		x.cur = i + k
		x.simple(pIndent+"    ", e)
	}
	x.raw(pIndent + "  </DualDialogue>\n")
	x.raw(pIndent + "  <Text></Text>\n")
	x.offset++
	x.raw(pIndent + "</Paragraph>\n")
	return stop - i
}

// trailingNotes splits inline notes off the end of text ("He runs. [[fix]]"),
// which Final Draft keeps as ScriptNotes and Read appends back the same way.
// Notes anywhere else, or with emphasis running into them, stay in the text.
func trailingNotes(text string) (string, []string) {
	whole := text
	var notes []string
	for strings.HasSuffix(text, "]]") {
		open := strings.LastIndex(text, " [[")
		if open <= 0 {
			break
		}
		inner := text[open+3 : len(text)-2]
		rest := text[:open]
		if strings.Contains(inner, "]]") || strings.Contains(inner, "[[") ||
			strings.TrimSpace(rest) == "" || strings.HasSuffix(rest, " ") || strings.HasSuffix(rest, "\t") || strings.HasSuffix(rest, "\n") {
			break
		}
		notes = append([]string{inner}, notes...)
		text = rest
	}
	if len(notes) > 0 {
		// Emphasis that runs into a note ("*a [[b*]]") must stay one text.
		suffix := whole[len(text):]
		split := normalize(append(fountain.Emphasis(text), fountain.Emphasis(suffix)...))
		if !sameSpans(split, normalize(fountain.Emphasis(whole))) {
			return whole, nil
		}
	}
	return text, notes
}

// escape writes s as XML character data or an attribute value. Characters
// XML cannot hold (most C0 controls, invalid UTF-8) become U+FFFD. Newlines
// and tabs stay literal in text, as Final Draft writes them.
func escape(w *bufio.Writer, s string, attr bool) {
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		switch {
		case r == '&':
			w.WriteString("&amp;")
		case r == '<':
			w.WriteString("&lt;")
		case r == '>':
			w.WriteString("&gt;")
		case r == '"' && attr:
			w.WriteString("&quot;")
		case r == '\r':
			w.WriteString("&#xD;")
		case (r == '\n' || r == '\t') && attr:
			fmt.Fprintf(w, "&#x%X;", r)
		case r == '\n' || r == '\t':
			w.WriteRune(r)
		case r == utf8.RuneError && n == 1, r < 0x20, r == 0xFFFE, r == 0xFFFF:
			w.WriteRune('\uFFFD')
		default:
			w.WriteRune(r)
		}
	}
}
