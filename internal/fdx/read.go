package fdx

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/scriptroom/scriptroom/internal/fountain"
)

// MaxSize is the largest input Read accepts, in bytes: 10 MB, the same limit
// as internal/textfile.MaxSize. A feature script's FDX is well under 1 MB.
const MaxSize = 10 * 1000 * 1000

// Read parses a Final Draft XML document (from Final Draft 8–13 or Fade In)
// into a Fountain script, with a report of what it skipped or approximated.
// Errors wrap ErrTooLarge, ErrNotFDX or ErrMalformed (with the line of the
// fault); any other error comes from r.
func Read(r io.Reader) (*fountain.Script, *Report, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxSize+1))
	if err != nil {
		return nil, nil, fmt.Errorf("fdx: read input: %w", err)
	}
	if len(data) > MaxSize {
		return nil, nil, fmt.Errorf("%w: more than %d bytes", ErrTooLarge, MaxSize)
	}
	if err := sniff(data); err != nil {
		return nil, nil, err
	}
	var doc xDoc
	dec := xml.NewDecoder(bytes.NewReader(data))
	dec.CharsetReader = charsetReader
	if err := dec.Decode(&doc); err != nil {
		return nil, nil, malformed(err, dec)
	}
	if doc.XMLName.Local != "FinalDraft" {
		return nil, nil, fmt.Errorf("%w: the root element is <%s>, not <FinalDraft>", ErrNotFDX, doc.XMLName.Local)
	}
	if err := checkTail(dec); err != nil {
		return nil, nil, err
	}
	rd := &reader{s: &fountain.Script{TitlePage: []fountain.TitleField{}, Elements: []fountain.Element{}}, rep: &Report{},
		settings: map[string]xSettings{}}
	for _, st := range doc.Settings {
		rd.settings[st.Type] = st
	}
	rd.rep.Layout = layoutOf(&doc)
	if doc.Content == nil {
		rd.rep.add(Skipped, "the document has no <Content>: no script text")
	} else {
		rd.paragraphs(doc.Content.Paragraphs)
	}
	if doc.TitlePage != nil && doc.TitlePage.Content != nil {
		rd.s.TitlePage = rd.titlePage(doc.TitlePage.Content.Paragraphs)
	}
	if doc.Loose != nil {
		for _, n := range doc.Loose.Notes {
			rd.emit(fountain.Element{Type: fountain.Note, Text: rd.noteText(n)})
			rd.rep.add(Approximated, "script note not anchored to any text placed at the end")
		}
	}
	rd.rep.Production = rd.production(&doc)
	return rd.s, rd.rep, nil
}

// sniff rejects input that cannot be FDX before the XML decoder sees it.
func sniff(data []byte) error {
	if bytes.IndexByte(data, 0) >= 0 {
		return fmt.Errorf("%w: it holds binary data (NUL bytes)", ErrNotFDX)
	}
	t := bytes.TrimLeft(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")), " \t\r\n")
	if len(t) == 0 {
		return fmt.Errorf("%w: it is empty", ErrNotFDX)
	}
	if t[0] != '<' {
		return fmt.Errorf("%w: it does not start with XML markup", ErrNotFDX)
	}
	return nil
}

// charsetReader accepts the encodings FDX files declare: UTF-8 (and its
// ASCII subset) as is, and ISO-8859-1 / Windows-1252 by conversion.
func charsetReader(label string, in io.Reader) (io.Reader, error) {
	switch strings.ToLower(label) {
	case "utf-8", "utf8", "us-ascii", "ascii":
		return in, nil
	case "iso-8859-1", "latin1", "latin-1", "windows-1252", "cp1252":
		b, err := io.ReadAll(in)
		if err != nil {
			return nil, err
		}
		var out bytes.Buffer
		for _, c := range b {
			out.WriteRune(rune(c))
		}
		return &out, nil
	}
	return nil, fmt.Errorf("unsupported encoding %q", label)
}

func malformed(err error, dec *xml.Decoder) error {
	var syn *xml.SyntaxError
	if errors.As(err, &syn) {
		return fmt.Errorf("%w: line %d: %s", ErrMalformed, syn.Line, syn.Msg)
	}
	if errors.Is(err, io.EOF) {
		return fmt.Errorf("%w: no root element", ErrMalformed)
	}
	line, _ := dec.InputPos()
	return fmt.Errorf("%w: line %d (byte %d): %v", ErrMalformed, line, dec.InputOffset(), err)
}

// checkTail fails when something other than comments and processing
// instructions follows the root element, or the rest is not well formed.
func checkTail(dec *xml.Decoder) error {
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return malformed(err, dec)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			line, _ := dec.InputPos()
			return fmt.Errorf("%w: line %d: element <%s> after the root element", ErrMalformed, line, t.Name.Local)
		case xml.CharData:
			if len(bytes.TrimSpace(t)) > 0 {
				line, _ := dec.InputPos()
				return fmt.Errorf("%w: line %d: text after the root element", ErrMalformed, line)
			}
		}
	}
}

// reader holds the script being built and the report.
type reader struct {
	s        *fountain.Script
	rep      *Report
	settings map[string]xSettings // by paragraph type
	// offset counts the content's runes as Final Draft counts places in
	// it (one more for each paragraph's end); paras are the paragraphs'
	// places and revised their revised runs, for Report.Production.
	offset  int
	paras   []paraPos
	revised []RevisedText
}

func (rd *reader) emit(e fountain.Element) {
	rd.s.Elements = append(rd.s.Elements, e)
}

func (rd *reader) paragraphs(ps []xPara) {
	for i := range ps {
		rd.paragraph(&ps[i])
	}
}

// layoutChildren are paragraph children that only lay out or label the
// paragraph (tab stops, page-number fields in headers), so skipping them
// loses no script text.
var layoutChildren = map[string]bool{"Tabstops": true, "DynamicLabel": true}

// approximatedTypes says how paragraph types without a Fountain equivalent are read.
var approximatedTypes = map[string]string{
	"General":      "read as action",
	"Cast List":    "read as action",
	"Cold Opening": "read as action",
	"New Act":      "read as centered text",
	"End of Act":   "read as centered text",
	"Shot":         "read as a forced scene heading",
}

func (rd *reader) paragraph(p *xPara) {
	typ := strings.TrimSpace(p.Type)
	// A paragraph's own attributes win over its type's ElementSettings. A
	// page break from the settings (New Act has one) is not kept at the very
	// start, where it changes nothing.
	align, newPage := p.Alignment, p.StartsNewPage == "Yes"
	if st, ok := rd.settings[typ]; ok {
		if align == "" {
			align = st.Spec.Alignment
		}
		if p.StartsNewPage == "" && st.Spec.StartsNewPage == "Yes" && len(rd.s.Elements) > 0 {
			newPage = true
		}
	}
	if newPage {
		rd.emit(fountain.Element{Type: fountain.PageBreak})
	}
	if p.Dual != nil {
		rd.dual(p.Dual.Paragraphs)
	}
	pi := rd.place(p)
	if p.Dual != nil && strings.TrimSpace(p.text()) == "" {
		return
	}
	for _, o := range p.Other {
		switch {
		case o.XMLName.Local == "OmittedScene":
			rd.rep.add(Skipped, "the cut text Final Draft keeps inside an omitted scene (<OmittedScene>)")
		case !layoutChildren[o.XMLName.Local]:
			rd.rep.add(Skipped, "<%s> inside a paragraph", o.XMLName.Local)
		}
	}
	var notes []string
	for _, n := range p.Notes {
		notes = append(notes, rd.noteText(n))
	}
	// Notes in a paragraph with text are appended to it as " [[…]]" (in
	// a scene heading they follow it as Note elements instead).
	suffix := ""
	if strings.TrimSpace(p.text()) != "" && typ != "Scene Heading" && typ != "Shot" {
		for _, n := range notes {
			suffix += " [[" + rd.inlineNote(n) + "]]"
		}
	}
	text := rd.runs(p.Texts, suffix)
	if how, ok := approximatedTypes[typ]; ok && text != "" {
		rd.rep.add(Approximated, "paragraph type %q %s", typ, how)
	}
	e := fountain.Element{Type: fountain.Action, Text: text}
	switch {
	case typ == "Scene Heading" || typ == "Shot":
		e = fountain.Element{Type: fountain.SceneHeading, Text: strings.TrimSpace(text),
			SceneNumber: strings.TrimSpace(p.Number), Forced: typ == "Shot"}
		if e.Text == "" {
			rd.rep.add(Skipped, "empty %s paragraph", strings.ToLower(typ))
			break
		}
		rd.textOf(p, pi)
		rd.emit(e)
		if p.Props != nil && strings.TrimSpace(p.Props.Title) != "" {
			rd.rep.add(Skipped, "scene title %q (Final Draft's navigator label)", p.Props.Title)
		}
		if p.Props != nil && p.Props.Summary != nil {
			for i := range p.Props.Summary.Paragraphs {
				if t := rd.runs(p.Props.Summary.Paragraphs[i].Texts, ""); t != "" {
					rd.emit(fountain.Element{Type: fountain.Synopsis, Text: t})
				}
			}
		}
		for _, n := range notes {
			rd.emit(fountain.Element{Type: fountain.Note, Text: n})
		}
		return
	case typ == "Character":
		name, ext := splitCue(text)
		e = fountain.Element{Type: fountain.Character, Text: name, Extension: ext}
	case typ == "Dialogue":
		e.Type = fountain.Dialogue
	case typ == "Parenthetical":
		e.Type = fountain.Parenthetical
	case typ == "Transition":
		e = fountain.Element{Type: fountain.Transition, Text: strings.TrimSpace(text)}
	case typ == "Lyrics" || typ == "Lyric":
		e.Type = fountain.Lyrics
	case typ == "Outline Body":
		e.Type = fountain.Synopsis
	case strings.HasPrefix(typ, "Outline "):
		d, err := strconv.Atoi(strings.TrimPrefix(typ, "Outline "))
		if err != nil || d < 1 {
			rd.rep.add(Approximated, "unknown paragraph type %q kept as action", typ)
			break
		}
		e.Type, e.Depth = fountain.Section, d
	case typ == "New Act" || typ == "End of Act":
		e.Type = fountain.Centered
	case typ == "Action" || typ == "General" || typ == "":
		if align == "Center" {
			e.Type = fountain.Centered
		}
	case typ == "Cast List" || typ == "Cold Opening":
	case align == "Center":
		e.Type = fountain.Centered
		if text != "" {
			rd.rep.add(Approximated, "unknown paragraph type %q kept as centered text", typ)
		}
	default:
		if text != "" {
			rd.rep.add(Approximated, "unknown paragraph type %q kept as action", typ)
		}
	}
	if strings.TrimSpace(e.Text) == "" && e.Type != fountain.Character {
		for _, n := range notes {
			rd.emit(fountain.Element{Type: fountain.Note, Text: n})
		}
		if len(notes) == 0 && !newPage {
			rd.rep.add(Skipped, "empty paragraph (blank line)")
		}
		return
	}
	if e.Type == fountain.Character && e.Text == "" {
		rd.rep.add(Skipped, "empty character cue")
		return
	}
	rd.textOf(p, pi)
	rd.emit(e)
}

// splitCue splits "NAME (EXT)" as fountain.Parse does: the extension is what
// lies between the first '(' and a final ')'.
func splitCue(cue string) (name, ext string) {
	cue = strings.TrimSpace(cue)
	i := strings.IndexByte(cue, '(')
	if i <= 0 || !strings.HasSuffix(cue, ")") || strings.TrimSpace(cue[:i]) == "" ||
		strings.TrimSpace(cue[i+1:len(cue)-1]) == "" {
		return cue, ""
	}
	return strings.TrimSpace(cue[:i]), strings.TrimSpace(cue[i+1 : len(cue)-1])
}

// dual reads a <DualDialogue> block: the first speaker's cue,
// parentheticals, dialogue and lyrics get DualFirst, the second's Dual.
func (rd *reader) dual(ps []xPara) {
	start := len(rd.s.Elements)
	rd.paragraphs(ps)
	els := rd.s.Elements[start:]
	var cues []int
	for i, e := range els {
		if e.Type == fountain.Character {
			cues = append(cues, i)
		}
	}
	if len(cues) > 2 {
		rd.rep.add(Approximated, "dual dialogue with %d speakers: speakers after the second read as ordinary dialogue", len(cues))
	}
	mark := func(from int, f func(*fountain.Element)) {
		f(&els[from])
		for i := from + 1; i < len(els) && inDualSpeech(els[i].Type); i++ {
			f(&els[i])
		}
	}
	switch {
	case len(cues) == 1:
		mark(cues[0], func(e *fountain.Element) { e.Dual = true })
	case len(cues) >= 2:
		if !onlyDialogueBetween(els, cues[0], cues[1]) {
			mark(cues[1], func(e *fountain.Element) { e.Dual = true })
			break
		}
		mark(cues[0], func(e *fountain.Element) { e.DualFirst = true })
		mark(cues[1], func(e *fountain.Element) { e.Dual = true })
	}
}

// inDualSpeech reports whether a paragraph of type t inside a
// <DualDialogue> continues the speech of the cue before it.
func inDualSpeech(t fountain.ElementType) bool {
	return t == fountain.Dialogue || t == fountain.Parenthetical || t == fountain.Lyrics
}

func onlyDialogueBetween(els []fountain.Element, a, b int) bool {
	for i := a + 1; i < b; i++ {
		if !inDualSpeech(els[i].Type) {
			return false
		}
	}
	return true
}

// runs turns Text runs into Fountain text with emphasis markup, followed by
// suffix, which the markup takes into account but does not change.
func (rd *reader) runs(ts []xText, suffix string) string {
	spans := make([]fountain.Span, 0, len(ts))
	var pending [][]string
	styled := false
	for _, t := range ts {
		if t.RevisionID != "" && t.RevisionID != "0" && t.Text != "" {
			rd.rep.add(Approximated, "revised text (revision set %s) read as plain text; its marks are in the report's production draft", t.RevisionID)
		}
		sp, allCaps, dropped := styleOf(t.Style)
		for _, d := range dropped {
			rd.rep.add(Approximated, "text style %q dropped", d)
		}
		sp.Text = lineBreaks.Replace(t.Text)
		if allCaps && sp.Text != "" {
			up := strings.ToUpper(sp.Text)
			if up != sp.Text {
				sp.Text = up
				rd.rep.add(Approximated, "AllCaps text style applied to the text")
			}
		}
		if !utf8.ValidString(sp.Text) {
			sp.Text = strings.ToValidUTF8(sp.Text, "\uFFFD")
		}
		styled = styled || !plainSpan(sp)
		if n := len(spans); n > 0 && sameStyle(spans[n-1], sp) {
			pending[n-1] = append(pending[n-1], sp.Text)
			continue
		}
		spans = append(spans, sp)
		pending = append(pending, []string{sp.Text})
	}
	// Runs of one style were collected apart and are joined once here, so
	// that a paragraph of many runs costs linear time.
	for i := range spans {
		if len(pending[i]) > 1 {
			spans[i].Text = strings.Join(pending[i], "")
		}
	}
	if !styled && !needsEscape(spans) {
		var b strings.Builder
		for _, s := range spans {
			b.WriteString(s.Text)
		}
		b.WriteString(suffix)
		return b.String()
	}
	s, ok := markup(spans, suffix)
	if !ok {
		rd.rep.add(Approximated, "emphasis that Fountain markup cannot express dropped")
	}
	return s
}

// lineBreaks turns the other spellings of a line break inside a paragraph
// into "\n": a carriage return ("&#13;", alone or before a line feed) and
// Unicode's line and paragraph separators. Left as they are, a printer
// drops them and glues the two lines into one word.
var lineBreaks = strings.NewReplacer("\r\n", "\n", "\r", "\n", "\u2028", "\n", "\u2029", "\n")

// needsEscape reports whether plain text holds a character that could read
// as emphasis markup or an escape.
func needsEscape(spans []fountain.Span) bool {
	for _, s := range spans {
		if strings.ContainsAny(s.Text, `*_\`) {
			return true
		}
	}
	return false
}

// noteText is a ScriptNote's text, its paragraphs joined by "\n".
func (rd *reader) noteText(n xNote) string {
	lines := make([]string, 0, len(n.Paragraphs))
	for i := range n.Paragraphs {
		lines = append(lines, n.Paragraphs[i].text())
	}
	return strings.Join(lines, "\n")
}

// inlineNote is a note's text fit to be appended as " [[…]]": a "[[" or "]]"
// inside would end the Fountain note early, so it is spaced out.
func (rd *reader) inlineNote(t string) string {
	if strings.Contains(t, "]]") || strings.Contains(t, "[[") {
		// Repeat: "[[[" becomes "[ [[" after one pass.
		for strings.Contains(t, "]]") || strings.Contains(t, "[[") {
			t = strings.ReplaceAll(strings.ReplaceAll(t, "]]", "] ]"), "[[", "[ [")
		}
		rd.rep.add(Approximated, `"[[" or "]]" inside a script note spaced out`)
	}
	return t
}
