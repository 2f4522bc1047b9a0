package fdx

import "encoding/xml"

// The subset of the FDX schema that carries screenplay content, and the
// page layout and element settings (Report.Layout). Everything else
// (SmartType lists, revisions, window state, …) is application state and
// is not read.

type xDoc struct {
	XMLName   xml.Name
	Content   *xContent    `xml:"Content"`
	Settings  []xSettings  `xml:"ElementSettings"`
	Page      *xPageLayout `xml:"PageLayout"`
	Mores     *xMores      `xml:"MoresAndContinueds"`
	TitlePage *xTitlePage  `xml:"TitlePage"`
	Loose     *xLooseNotes `xml:"UnanchoredScriptNotes"`
	Revisions *xRevisions  `xml:"Revisions"`
	Locked    *xLocked     `xml:"LockedPages"`
	Deleted   *xDeleted    `xml:"DeletedText"`
}

// xRevisions are the revision sets and the active one.
type xRevisions struct {
	ActiveSet string `xml:"ActiveSet,attr"`
	Sets      []struct {
		ID    string `xml:"ID,attr"`
		Name  string `xml:"Name,attr"`
		Color string `xml:"Color,attr"`
		Mark  string `xml:"Mark,attr"`
	} `xml:"Revision"`
}

// xLocked are the locked pages: a label and a place in the text each.
type xLocked struct {
	Pages []struct {
		PageNumber string `xml:"PageNumber,attr"`
		Position   string `xml:"Position,attr"`
		Deleted    string `xml:"Deleted,attr"`
	} `xml:"LockedPage"`
}

// xDeleted are the places where a revision cut text.
type xDeleted struct {
	Locations []struct {
		Offset     string `xml:"Offset,attr"`
		RevisionID string `xml:"RevisionID,attr"`
	} `xml:"DeletedTextLocation"`
}

// xSettings is an element type's defaults; a paragraph's own attributes
// override them.
type xSettings struct {
	Type string `xml:"Type,attr"`
	Font struct {
		Style string `xml:"Style,attr"`
	} `xml:"FontSpec"`
	Spec struct {
		Alignment     string `xml:"Alignment,attr"`
		StartsNewPage string `xml:"StartsNewPage,attr"`
		LeftIndent    string `xml:"LeftIndent,attr"`
		RightIndent   string `xml:"RightIndent,attr"`
		SpaceBefore   string `xml:"SpaceBefore,attr"`
		Spacing       string `xml:"Spacing,attr"`
	} `xml:"ParagraphSpec"`
}

// xPageLayout is the page's size (inches) and margins (points).
type xPageLayout struct {
	TopMargin    string `xml:"TopMargin,attr"`
	BottomMargin string `xml:"BottomMargin,attr"`
	Size         *struct {
		Width  string `xml:"Width,attr"`
		Height string `xml:"Height,attr"`
	} `xml:"PageSize"`
}

// xMores holds the (MORE)/(CONT'D) settings.
type xMores struct {
	Breaks *struct {
		Auto   string `xml:"AutomaticCharacterContinueds,attr"`
		Bottom string `xml:"BottomOfPage,attr"`
	} `xml:"DialogueBreaks"`
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
