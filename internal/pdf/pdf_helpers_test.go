package pdf

import (
	"bytes"
	"compress/zlib"
	"flag"
	"fmt"
	"html"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/scriptroom/scriptroom/internal/fountain"
	"github.com/scriptroom/scriptroom/internal/screenplay"
)

// keep writes the PDFs the tests make to this folder, to look at them.
var keep = flag.String("keep", "", "write the test PDFs to this folder")

// kept counts the PDFs each test kept, to name them.
var kept = map[string]int{}

// The fixture's geometry: Letter, Final Draft's margins and indents.
var fixtureLayout = screenplay.Layout{
	Paper: screenplay.Letter, Top: 1, Left: 1.5, Right: 1, Bottom: 1, LinesPerPage: 54,
}

// line builds a left-aligned line of one element.
func line(row int, x, width float64, typ fountain.ElementType, src int, text string) screenplay.Line {
	return screenplay.Line{Row: row, X: x, Width: width, Align: screenplay.AlignLeft, Type: typ,
		Spans: []fountain.Span{{Text: text}}, Element: 0, SourceLine: src}
}

// Element positions of the fixture, in inches, as Final Draft has them.
func heading(row, src int, text string) screenplay.Line {
	return line(row, 1.5, 6, fountain.SceneHeading, src, text)
}
func action(row, src int, text string) screenplay.Line {
	return line(row, 1.5, 6, fountain.Action, src, text)
}
func cue(row, src int, text string) screenplay.Line {
	return line(row, 3.5, 3.5, fountain.Character, src, text)
}
func speech(row, src int, text string) screenplay.Line {
	return line(row, 2.5, 3.5, fountain.Dialogue, src, text)
}

// fixtureDoc is a hand-laid three-page script that has every kind of line
// a printer meets: a title page, scene numbers, emphasis, a right-aligned
// transition, a centered line, (MORE)/(CONT'D) and a dual-dialogue pair.
func fixtureDoc() *screenplay.Document {
	emph := action(6, 8, "")
	emph.Spans = []fountain.Span{{Text: "He is "}, {Text: "very", Bold: true}, {Text: " "},
		{Text: "quiet", Italic: true}, {Text: " and "}, {Text: "alone", Underline: true}, {Text: "."}}
	h1 := heading(0, 3, "INT. HOUSE - DAY")
	h1.SceneNumber = "1"
	h2 := heading(10, 11, "EXT. RIVER - NIGHT")
	h2.SceneNumber = "2A"
	trans := line(8, 1.5, 6, fountain.Transition, 9, "CUT TO:")
	trans.Align = screenplay.AlignRight
	centered := line(12, 1.5, 6, fountain.Centered, 13, "THE END?")
	centered.Align = screenplay.AlignCenter
	more := line(17, 3.5, 3.5, fountain.Dialogue, 0, "(MORE)")
	more.Kind, more.Element = screenplay.LineMore, -1
	contd := cue(0, 0, "EDWARD (CONT'D)")
	contd.Kind, contd.Element = screenplay.LineContd, -1

	// Dual dialogue: two speeches side by side on the same rows.
	dual := []screenplay.Line{
		{Row: 4, X: 2.7, Width: 2.2, Column: screenplay.ColumnLeft, Type: fountain.Character, Align: screenplay.AlignLeft, Spans: []fountain.Span{{Text: "BRICK"}}, SourceLine: 25},
		{Row: 5, X: 1.5, Width: 2.9, Column: screenplay.ColumnLeft, Type: fountain.Dialogue, Align: screenplay.AlignLeft, Spans: []fountain.Span{{Text: "Screw retirement."}}, SourceLine: 26},
		{Row: 4, X: 5.6, Width: 2.0, Column: screenplay.ColumnRight, Type: fountain.Character, Align: screenplay.AlignLeft, Spans: []fountain.Span{{Text: "STEEL"}}, SourceLine: 28},
		{Row: 5, X: 4.5, Width: 2.9, Column: screenplay.ColumnRight, Type: fountain.Dialogue, Align: screenplay.AlignLeft, Spans: []fountain.Span{{Text: "Screw retirement too."}}, SourceLine: 29},
	}
	return &screenplay.Document{
		Layout: fixtureLayout,
		TitlePage: []fountain.TitleField{
			{Key: "Title", Value: "_**BRICK & STEEL**_\n_**FULL RETIRED**_"},
			{Key: "Credit", Value: "Written by"},
			{Key: "Author", Value: "Stu Maschwitz"},
			{Key: "Source", Value: "Story by KTM"},
			{Key: "Draft date", Value: "1/20/2012"},
			{Key: "Contact", Value: "Next Level Productions\n1588 Mission Dr.\nSolvang, CA 93463"},
		},
		Pages: []screenplay.Page{
			{Number: 1, Lines: []screenplay.Line{
				h1,
				action(2, 5, "A quiet house by the river."),
				cue(4, 6, "EDWARD"),
				speech(5, 7, "There are some fish that cannot"),
				emph, trans, h2, centered,
				cue(14, 15, "EDWARD"),
				speech(15, 16, "I was the biggest fish in the"),
				speech(16, 16, "river, and nobody caught me."),
				more,
			}},
			{Number: 2, Lines: []screenplay.Line{
				contd,
				speech(1, 17, "Not once. Not even close."),
				action(3, 19, "He laughs at the water."),
				dual[0], dual[1], dual[2], dual[3],
			}},
			{Number: 3, Lines: []screenplay.Line{
				action(0, 31, "The last page."),
			}},
		},
	}
}

// render writes doc with opts and returns the PDF.
func render(t *testing.T, doc *screenplay.Document, opts Options) []byte {
	t.Helper()
	var b bytes.Buffer
	if _, err := Write(&b, doc, opts); err != nil {
		t.Fatalf("Write: %v", err)
	}
	if *keep != "" {
		kept[t.Name()]++
		name := fmt.Sprintf("%s-%d.pdf", strings.NewReplacer("/", "_", " ", "_").Replace(t.Name()), kept[t.Name()])
		if err := os.WriteFile(filepath.Join(*keep, name), b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return b.Bytes()
}

// needTool skips the test when a poppler tool is missing, and fails it
// under CI, where the Makefile installs poppler-utils.
func needTool(t *testing.T, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s is not installed (poppler-utils)", name)
		}
		t.Skipf("%s is not installed (poppler-utils)", name)
	}
	return p
}

// pages returns the text of each page of pdf as pdftotext -layout reads it.
func pages(t *testing.T, pdf []byte) []string {
	t.Helper()
	tool := needTool(t, "pdftotext")
	in := filepath.Join(t.TempDir(), "in.pdf")
	if err := os.WriteFile(in, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(tool, "-layout", "-enc", "UTF-8", in, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	ps := strings.Split(string(out), "\f")
	if n := len(ps); n > 0 && strings.TrimSpace(ps[n-1]) == "" {
		ps = ps[:n-1] // the text ends with a form feed
	}
	return ps
}

// pdfinfo returns what pdfinfo says about pdf.
func pdfinfo(t *testing.T, pdf []byte) string {
	t.Helper()
	tool := needTool(t, "pdfinfo")
	in := filepath.Join(t.TempDir(), "in.pdf")
	if err := os.WriteFile(in, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(tool, in).Output()
	if err != nil {
		t.Fatalf("pdfinfo: %v", err)
	}
	return string(out)
}

// pageCount returns the number of pages pdfinfo sees.
func pageCount(t *testing.T, pdf []byte) int {
	t.Helper()
	info := pdfinfo(t, pdf)
	for _, l := range strings.Split(info, "\n") {
		if f := strings.Fields(l); len(f) == 2 && f[0] == "Pages:" {
			n, err := strconv.Atoi(f[1])
			if err != nil {
				t.Fatal(err)
			}
			return n
		}
	}
	t.Fatalf("pdfinfo printed no page count:\n%s", info)
	return 0
}

// nonBlank returns the page's lines that have text, right-trimmed.
func nonBlank(page string) []string {
	var out []string
	for _, l := range strings.Split(page, "\n") {
		if l = strings.TrimRight(l, " "); strings.TrimSpace(l) != "" {
			out = append(out, l)
		}
	}
	return out
}

// word is one word pdftotext -bbox finds, in points from the top left.
type word struct {
	page                   int // 1-based
	text                   string
	xMin, yMin, xMax, yMax float64
}

var (
	pageRE = regexp.MustCompile(`<page `)
	wordRE = regexp.MustCompile(`<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>`)
)

// words returns every word of pdf with its box.
func words(t *testing.T, pdf []byte) []word {
	t.Helper()
	tool := needTool(t, "pdftotext")
	in := filepath.Join(t.TempDir(), "in.pdf")
	if err := os.WriteFile(in, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(tool, "-bbox", "-enc", "UTF-8", in, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext -bbox: %v", err)
	}
	var ws []word
	page := 0
	for _, l := range strings.Split(string(out), "\n") {
		if pageRE.MatchString(l) {
			page++
			continue
		}
		m := wordRE.FindStringSubmatch(l)
		if m == nil {
			continue
		}
		f := func(s string) float64 {
			v, err := strconv.ParseFloat(s, 64)
			if err != nil {
				t.Fatal(err)
			}
			return v
		}
		ws = append(ws, word{page: page, text: html.UnescapeString(m[5]), xMin: f(m[1]), yMin: f(m[2]), xMax: f(m[3]), yMax: f(m[4])})
	}
	return ws
}

// contents returns the PDF's streams, inflated where they are compressed.
func contents(t *testing.T, pdf []byte) string {
	t.Helper()
	var out strings.Builder
	rest := pdf
	for {
		i := bytes.Index(rest, []byte("stream\n"))
		if i < 0 {
			break
		}
		rest = rest[i+len("stream\n"):]
		j := bytes.Index(rest, []byte("endstream"))
		if j < 0 {
			break
		}
		body := rest[:j]
		rest = rest[j+len("endstream"):]
		if z, err := zlib.NewReader(bytes.NewReader(body)); err == nil {
			if b, err := io.ReadAll(z); err == nil {
				body = b
			}
		}
		out.Write(body)
		out.WriteByte('\n')
	}
	return out.String()
}

// boxCount counts the stroked rectangles ("re S") in the PDF's pages: the
// boxes printed for characters no font has.
func boxCount(t *testing.T, pdf []byte) int {
	t.Helper()
	return strings.Count(contents(t, pdf), " re S")
}
