package fdx

import "encoding/xml"

// The subset of the FDX schema that carries screenplay content. Everything
// else (page layout, SmartType lists, revisions, window state, …) is
// formatting or application state and is not read.

type xDoc struct {
	XMLName   xml.Name
	Content   *xContent    `xml:"Content"`
	Settings  []xSettings  `xml:"ElementSettings"`
	TitlePage *xTitlePage  `xml:"TitlePage"`
	Loose     *xLooseNotes `xml:"UnanchoredScriptNotes"`
}

// xSettings is an element type's defaults; a paragraph's own attributes
// override them.
type xSettings struct {
	Type string `xml:"Type,attr"`
	Spec struct {
		Alignment     string `xml:"Alignment,attr"`
		StartsNewPage string `xml:"StartsNewPage,attr"`
	} `xml:"ParagraphSpec"`
}

type xContent struct {
	Paragraphs []xPara `xml:"Paragraph"`
}

type xTitlePage struct {
	Content *xContent `xml:"Content"`
}

type xLooseNotes struct {
	Notes []xNote `xml:"ScriptNote"`
}

type xPara struct {
	Type          string  `xml:"Type,attr"`
	Number        string  `xml:"Number,attr"`
	Alignment     string  `xml:"Alignment,attr"`
	StartsNewPage string  `xml:"StartsNewPage,attr"`
	Texts         []xText `xml:"Text"`
	Notes         []xNote `xml:"ScriptNote"`
	Dual          *xDual  `xml:"DualDialogue"`
	Props         *xProps `xml:"SceneProperties"`
	Other         []xAny  `xml:",any"`
}

type xText struct {
	Style      string `xml:"Style,attr"`
	RevisionID string `xml:"RevisionID,attr"`
	Text       string `xml:",chardata"`
}

type xNote struct {
	Paragraphs []xPara `xml:"Paragraph"`
}

type xDual struct {
	Paragraphs []xPara `xml:"Paragraph"`
}

type xProps struct {
	Title   string    `xml:"Title,attr"`
	Summary *xContent `xml:"Summary"`
}

// xAny names an element that Read does not interpret.
type xAny struct {
	XMLName xml.Name
}

// text returns the paragraph's text without styles.
func (p *xPara) text() string {
	n := 0
	for _, t := range p.Texts {
		n += len(t.Text)
	}
	b := make([]byte, 0, n)
	for _, t := range p.Texts {
		b = append(b, t.Text...)
	}
	return string(b)
}
