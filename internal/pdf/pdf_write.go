package pdf

import (
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/go-pdf/fpdf"

	"github.com/scriptroom/scriptroom/internal/fountain"
	"github.com/scriptroom/scriptroom/internal/screenplay"
)

// Options tune how Write prints a document. The zero value prints a plain
// script with no revision marks.
type Options struct {
	// Marks are the changed source lines; each printed line showing one
	// gets an asterisk in the right margin.
	Marks Marks
	// Color is the revision colour printed in the page header ("Blue"
	// prints "Blue Rev."), or "" for none.
	Color string
	// HeaderText is printed at the top left of every body page (a draft
	// name, a date), or "" for none.
	HeaderText string
	// Fonts are the TrueType fonts tried, in order, for text outside
	// Windows-1252. Nil means SystemFonts(); an empty non-nil list means
	// none (such text is then printed as boxes).
	Fonts []Font
	// Production prints a production draft's revised pages; nil prints
	// every page as Color says.
	Production *Production
}

// Report is what Write could not print as written. The PDF is complete
// either way: a character no font has is printed as a box.
type Report struct {
	// Missing are the characters that no font has, in order, each printed
	// as an empty box one character wide.
	Missing []rune `json:"missing"`
}

// Warnings are the report's lines, in words for the writer; none when
// everything printed.
func (r Report) Warnings() []string {
	if len(r.Missing) == 0 {
		return nil
	}
	return []string{missingWarning(r.Missing)}
}

// Page geometry that Layout does not carry, in inches, measured on Final
// Draft 11's PDFs.
const (
	fontSize        = 12.0      // points
	rowHeight       = 1.0 / 6   // six lines per inch
	charWidth       = 0.1       // ten characters per inch
	baselineOffset  = 9.0 / 72  // from a row's top to the text's baseline
	headerTop       = 0.5       // the page number's row, from the page's top
	pageNumberInset = 0.25      // the page number ends this far left of the right margin
	sceneNumberLeft = 0.75      // the left scene number starts this far left of Layout.Left
	sceneNumberGap  = 0.125     // the right scene number ends this far left of the right margin
	markGap         = 0.25      // the revision asterisk starts this far right of the right margin: at 7.75 in on Letter, where Final Draft puts it (<Revisions Location="7.75"> in every FDX of the corpus), clear of a full action line
	underlineOffset = 1.5 / 72  // from the baseline down to the underline's middle
	underlineWidth  = 0.6 / 72  // the underline's thickness, as Courier's font metrics give it
	courier         = "Courier" // the core font for Windows-1252 text
)

// writer is the state of one Write call.
type writer struct {
	pdf   *fpdf.Fpdf
	doc   *screenplay.Document
	opts  Options
	tr    func(string) string // UTF-8 to Windows-1252 for the core font
	chain fontChain           // the TrueType fonts, in the order tried
	// unicode is set when the document needs TrueType fonts; Latin text
	// is then printed with them too, so that the columns stay even.
	unicode bool
	styles  map[string]bool // "family/style" registered with fpdf
	report  Report
}

// Write prints doc as a PDF to w: the title page (when doc.TitlePage has
// fields) and then every page of doc.Pages, as positioned by pagination.
// It never fails for want of a font: characters no font has are printed
// as boxes and named in the Report.
func Write(w io.Writer, doc *screenplay.Document, opts Options) (Report, error) {
	if doc == nil {
		return Report{}, ErrNilDocument
	}
	wr := &writer{doc: doc, opts: opts, styles: map[string]bool{}}
	wr.chooseFonts()
	paper := doc.Layout.Paper
	if paper.Width <= 0 || paper.Height <= 0 {
		paper = screenplay.Letter
	}
	wr.pdf = fpdf.NewCustom(&fpdf.InitType{
		UnitStr: "in",
		Size:    fpdf.SizeType{Wd: paper.Width, Ht: paper.Height},
	})
	p := wr.pdf
	p.SetMargins(0, 0, 0)
	p.SetAutoPageBreak(false, 0)
	p.SetCreator("Scriptroom", true)
	if t := titleField(doc.TitlePage, "title"); t != "" {
		p.SetTitle(metadata(t), true)
	}
	if a := titleField(doc.TitlePage, "author", "authors"); a != "" {
		p.SetAuthor(metadata(a), true)
	}
	wr.tr = p.UnicodeTranslatorFromDescriptor("cp1252")

	printed := false
	if pr := opts.Production; pr != nil && pr.RevisedOnly {
		printed = wr.coverPage()
	} else {
		printed = wr.titlePage()
	}
	for i := range doc.Pages {
		if !wr.prints(i) {
			continue
		}
		wr.bodyPage(i, wr.header(i))
		printed = true
	}
	if !printed {
		p.AddPage() // an empty script is one blank page, not an unreadable file
	}
	if err := p.Error(); err != nil {
		return Report{}, fmt.Errorf("print pdf: %w", err)
	}
	if err := p.Output(w); err != nil {
		return Report{}, fmt.Errorf("write pdf: %w", err)
	}
	return wr.report, nil
}

// chooseFonts decides between the core Courier font and a chain of
// TrueType fonts, for the whole document so that every page looks alike.
// Characters that no font has go to the report.
func (wr *writer) chooseFonts() {
	need := map[rune]bool{}
	optional := map[rune]bool{}
	unicode := false
	add := func(s string) {
		for _, r := range s {
			r = cleanRune(r)
			if r < 0 {
				continue
			}
			need[r] = true
			if !latin1(r) {
				unicode = true
			}
			// Arabic letters are printed in their contextual forms where
			// a font has them (see shapeArabic): look for those too.
			for _, f := range arabicForms(r) {
				optional[f] = true
			}
		}
	}
	for _, f := range wr.doc.TitlePage {
		add(fountain.Plain(f.Value))
	}
	for _, pg := range wr.doc.Pages {
		for _, l := range pg.Lines {
			for _, s := range l.Spans {
				add(s.Text)
			}
			add(l.SceneNumber)
		}
	}
	add(wr.opts.HeaderText)
	add(wr.opts.Color)
	if pr := wr.opts.Production; pr != nil {
		add(pr.Header)
		add(pr.Title)
	}
	if !unicode {
		return
	}
	candidates := wr.opts.Fonts
	if candidates == nil {
		candidates = SystemFonts()
	}
	for r := range optional {
		need[r] = true
	}
	chain, missing := chooseFonts(need, candidates)
	for _, r := range missing {
		if !optional[r] {
			wr.report.Missing = append(wr.report.Missing, r)
		}
	}
	wr.chain = chain
	wr.unicode = true
}

// cleanRune maps a tab to a space and drops (-1) other control characters
// and the bytes of invalid UTF-8 (which fpdf cannot take).
func cleanRune(r rune) rune {
	switch {
	case r == '\t':
		return ' '
	case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) || r == utf8.RuneError:
		return -1
	}
	return r
}

// metadata cleans a title-page value for the PDF's document information:
// one line, no markup, valid UTF-8.
func metadata(v string) string {
	var b strings.Builder
	for _, r := range strings.ReplaceAll(fountain.Plain(v), "\n", " ") {
		if r = cleanRune(r); r >= 0 {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// run is a piece of a line printed with one font and style.
type run struct {
	text  string
	font  int    // index into the chain, coreFont or noGlyph
	style string // "", "B", "I" or "BI"
	width float64
	// underline is drawn by Write itself: fpdf places the underline of
	// TrueType fonts above the baseline.
	underline bool
	// box is set on characters no font has (font is noGlyph): each is
	// drawn as an empty box one character wide.
	box bool
}

// runs splits spans into runs of one font and style, measured.
func (wr *writer) runs(spans []fountain.Span) []run {
	var out []run
	for _, s := range spans {
		style := ""
		if s.Bold {
			style += "B"
		}
		if s.Italic {
			style += "I"
		}

		var b strings.Builder
		cur := -2
		flush := func() {
			if b.Len() > 0 {
				out = append(out, run{text: b.String(), font: cur, style: style, underline: s.Underline, box: cur == noGlyph})
				b.Reset()
			}
		}
		for _, r := range s.Text {
			if r = cleanRune(r); r < 0 {
				continue
			}
			f := coreFont
			if wr.unicode {
				if f = wr.chain.fontFor(r); f == noGlyph && latin1(r) {
					f = coreFont
				}
			}
			if f != cur {
				flush()
				cur = f
			}
			b.WriteRune(r)
		}
		flush()
	}
	for i := range out {
		if out[i].box {
			out[i].width = charWidth * float64(utf8.RuneCountInString(out[i].text))
			continue
		}
		wr.setFont(out[i].font, out[i].style)
		out[i].width = wr.pdf.GetStringWidth(wr.encode(out[i].font, out[i].text))
	}
	return out
}

// coreFont is the font index of runs printed with the core Courier font.
const coreFont = -2

// encode prepares text for font i.
func (wr *writer) encode(i int, s string) string {
	if i == coreFont {
		return wr.tr(s)
	}
	return s
}

// setFont selects font i of the chain (or Courier) in style ("", "B",
// "I" or "BI"), registering TrueType faces the first time.
func (wr *writer) setFont(i int, style string) {
	if i < 0 {
		wr.pdf.SetFont(courier, style, fontSize)
		return
	}
	face := style
	family := "u" + strconv.Itoa(i)
	if key := family + "/" + face; !wr.styles[key] {
		wr.styles[key] = true
		f := wr.chain[i]
		file := ""
		switch face {
		case "B":
			file = f.Bold
		case "I":
			file = f.Italic
		case "BI":
			file = or(f.BoldItalic, f.Bold, f.Italic)
		}
		b := f.regular
		if file != "" {
			// A style whose file cannot be read prints in the regular face.
			if sb, err := os.ReadFile(file); err == nil {
				b = sb
			}
		}
		wr.pdf.AddUTF8FontFromBytes(family, face, b)
	}
	wr.pdf.SetFont(family, style, fontSize)
}

// or returns the first non-empty string.
func or(s ...string) string {
	for _, x := range s {
		if x != "" {
			return x
		}
	}
	return ""
}

// width returns the printed width of spans, in inches.
func (wr *writer) width(spans []fountain.Span) float64 {
	spans, _ = wr.visual(spans)
	total := 0.0
	for _, r := range wr.runs(spans) {
		total += r.width
	}
	return total
}

// text prints spans on the row whose top is top inches from the page's
// top, in the box from x, width wide, aligned as align says. A line that
// reads right to left (Hebrew, Arabic) is put in visual order, and one
// aligned left is aligned right instead, as its readers expect.
func (wr *writer) text(spans []fountain.Span, x, width, top float64, align screenplay.Align) {
	spans, rtl := wr.visual(spans)
	if rtl && align == screenplay.AlignLeft {
		align = screenplay.AlignRight
	}
	rs := wr.runs(spans)
	total := 0.0
	for _, r := range rs {
		total += r.width
	}
	switch align {
	case screenplay.AlignRight:
		x += width - total
	case screenplay.AlignCenter:
		x += (width - total) / 2
	}
	for _, r := range rs {
		if r.box {
			wr.boxes(r, x, top)
			x += r.width
			continue
		}
		wr.setFont(r.font, r.style)
		wr.pdf.Text(x, top+baselineOffset, wr.encode(r.font, r.text))
		if r.underline {
			y := top + baselineOffset + underlineOffset
			wr.pdf.SetLineWidth(underlineWidth)
			wr.pdf.Line(x, y, x+r.width, y)
		}
		x += r.width
	}
}

// boxes draws a run of characters no font has: an empty box for each, the
// height of a capital letter, so that the reader sees something is there.
func (wr *writer) boxes(r run, x, top float64) {
	const (
		inset  = 0.015    // between neighbouring boxes, inches
		height = 8.0 / 72 // about a capital's height in Courier 12 pt
		line   = 0.5 / 72 // the box's stroke
	)
	wr.pdf.SetLineWidth(line)
	for range utf8.RuneCountInString(r.text) {
		wr.pdf.Rect(x+inset, top+baselineOffset-height, charWidth-2*inset, height, "D")
		x += charWidth
	}
}

// plain prints one unstyled string; see text.
func (wr *writer) plain(s string, x, width, top float64, align screenplay.Align) {
	wr.text([]fountain.Span{{Text: s}}, x, width, top, align)
}

// bodyPage prints one page of the script with label (a revision's "Blue
// Rev. 12/06/26") left of its page number.
func (wr *writer) bodyPage(i int, label string) {
	pg := &wr.doc.Pages[i]
	p := wr.pdf
	p.AddPage()
	lay := wr.doc.Layout
	pageW, _ := p.GetPageSize()
	right := pageW - lay.Right // the right margin's x

	// The header: revision label and page number at the top right, the
	// header text at the top left.
	numberRight := right - pageNumberInset
	if num := pageNumber(pg); num != "" {
		num += "."
		wr.plain(num, 0, numberRight, headerTop, screenplay.AlignRight)
		if label != "" {
			label += "   " + strings.Repeat(" ", len(num))
		}
	}
	if label != "" {
		wr.plain(label, 0, numberRight, headerTop, screenplay.AlignRight)
	}
	if wr.opts.HeaderText != "" {
		wr.plain(wr.opts.HeaderText, lay.Left, right-lay.Left, headerTop, screenplay.AlignLeft)
	}

	marked := map[int]bool{} // rows that have their asterisk
	for k := range pg.Lines {
		l := &pg.Lines[k]
		top := lay.Top + float64(l.Row)*rowHeight
		wr.text(l.Spans, l.X, l.Width, top, l.Align)
		if l.SceneNumber != "" {
			wr.plain(l.SceneNumber, lay.Left-sceneNumberLeft, 1, top, screenplay.AlignLeft)
			wr.plain(l.SceneNumber, 0, right-sceneNumberGap, top, screenplay.AlignRight)
		}
		if !marked[l.Row] && wr.opts.Marks.marked(i, l) {
			marked[l.Row] = true
			wr.plain("*", right+markGap, charWidth, top, screenplay.AlignLeft)
		}
	}
}
