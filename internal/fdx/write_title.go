package fdx

import (
	"strings"

	"github.com/scriptroom/scriptroom/internal/fountain"
)

// titleRank orders the fields of the laid-out title page, top to bottom.
// Keys not listed (rank 5) are centered "Key: value" lines after the notes.
var titleRank = map[string]int{
	keyTitle: 0, keyCredit: 1, keyAuthor: 2, keySource: 3, keyNotes: 4,
	keyDraftDate: 6, keyCopyright: 7, keyContact: 8,
}

func rankOf(key string) int {
	if r, ok := titleRank[key]; ok {
		return r
	}
	return 5
}

// titlePage writes the title page laid out as Final Draft lays it out, or,
// when that layout would not read back as the same fields (see readTitle),
// as one "Key: value" paragraph per field.
func (x *xw) titlePage(fields []fountain.TitleField) {
	lines := layoutTitle(fields)
	if lines == nil || !sameFields(readTitleLines(lines), fields) {
		lines = explicitTitle(fields)
	}
	x.raw("  <TitlePage>\n    <Content>\n")
	for _, l := range lines {
		as := attrs{{"Alignment", l.align}, {"FirstIndent", "0.00"}, {"Leading", "Regular"},
			{"LeftIndent", "1.25"}, {"RightIndent", "7.25"}, {"SpaceBefore", "0"}, {"Spacing", "1"}, {"StartsNewPage", "No"}}
		if l.text == "" {
			x.raw("      <Paragraph")
			for _, a := range as {
				x.raw(" " + a[0] + `="` + a[1] + `"`)
			}
			x.raw("/>\n")
			continue
		}
		x.open("      ", "Paragraph", as)
		x.runs("        ", l.text)
		x.raw("      </Paragraph>\n")
	}
	x.raw("    </Content>\n  </TitlePage>\n")
}

// readTitleLines reads lines as Read would read the paragraphs Write makes
// of them: through Text runs and back.
func readTitleLines(lines []titleLine) []fountain.TitleField {
	rd := &reader{rep: &Report{}}
	ps := make([]xPara, len(lines))
	for i, l := range lines {
		ps[i].Alignment = l.align
		for _, sp := range runsOf(l.text) {
			ps[i].Texts = append(ps[i].Texts, xText{Style: styleAttr(sp), Text: sp.Text})
		}
	}
	return rd.titlePage(ps)
}

func sameFields(a, b []fountain.TitleField) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// layoutTitle places fields as on a Final Draft title page, or returns nil
// when they are not in the layout's order or a key repeats.
func layoutTitle(fields []fountain.TitleField) []titleLine {
	seen := map[string]bool{}
	prev := -1
	for _, f := range fields {
		r := rankOf(f.Key)
		if r < prev || seen[f.Key] || f.Value == "" {
			return nil
		}
		seen[f.Key], prev = true, r
	}
	var out []titleLine
	blank := func(align string, n int) {
		for range n {
			out = append(out, titleLine{align: align})
		}
	}
	blank("Left", 16)
	bottom := false
	for _, f := range fields {
		r := rankOf(f.Key)
		switch {
		case r == keyRankTitle:
		case r == 1 || r == 2:
			blank("Center", 1)
		case r < 6:
			blank("Center", 3)
		case !bottom:
			bottom = true
			blank("Left", 12)
		default:
			blank("Left", 1)
		}
		text := f.Value
		align := "Center"
		switch {
		case r == 5:
			text = f.Key + ": " + f.Value
		case f.Key == keyDraftDate:
			align = "Right"
		case r > 6:
			align = "Left"
		}
		out = append(out, titleLine{align: align, text: text})
	}
	return out
}

const keyRankTitle = 0

// explicitTitle writes each field as "Key: value", which readTitle reads
// back field by field.
func explicitTitle(fields []fountain.TitleField) []titleLine {
	var out []titleLine
	for i, f := range fields {
		if i > 0 {
			out = append(out, titleLine{align: "Left"})
		}
		t := f.Key + ":"
		if f.Value != "" {
			t += " " + f.Value
		}
		out = append(out, titleLine{align: "Left", text: strings.TrimRight(t, "")})
	}
	return out
}
