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
	if !sameFields(readTitleLines(lines), fields) {
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

// layoutTitle places fields as on a Final Draft title page: title, credit,
// author, source and notes centered, then the draft date at the right and
// the copyright and contact at the bottom left. A field that readTitle would
// not place back under its key (out of that order, empty, an unknown key,
// or a value that reads as another field, such as a credit without "by") is
// written as a centered "Key: value" line where it falls.
func layoutTitle(fields []fountain.TitleField) []titleLine {
	var out []titleLine
	blank := func(align string, n int) {
		for range n {
			out = append(out, titleLine{align: align})
		}
	}
	blank("Left", 16)
	top, lastTop, lastBottom := true, -1, -1
	hasDraft := false
	for i, f := range fields {
		r := rankOf(f.Key)
		if top && r >= 6 {
			top = false
			blank("Left", 12)
		}
		explicit := f.Value == "" || r == 5 || !reads(f, i, hasDraft)
		align := "Center"
		if top {
			if r < lastTop {
				explicit = true
			} else if !explicit {
				lastTop = r
			}
			switch {
			case i == 0:
			case r == 1 || r == 2:
				blank("Center", 1)
			default:
				blank("Center", 3)
			}
		} else {
			if r < 6 || r < lastBottom {
				explicit = true
			} else if !explicit {
				lastBottom = r
			}
			if !explicit {
				align = "Left"
				if f.Key == keyDraftDate {
					align, hasDraft = "Right", true
				}
			}
			if len(out) > 0 && out[len(out)-1].text != "" {
				blank("Left", 1)
			}
		}
		text := f.Value
		if explicit {
			text = f.Key + ":"
			if f.Value != "" {
				text += " " + f.Value
			}
		}
		out = append(out, titleLine{align: align, text: text})
	}
	return out
}

// reads reports whether readTitle would give field i back under its key
// from its place alone.
func reads(f fountain.TitleField, i int, hasDraft bool) bool {
	v := f.Value
	if _, _, ok := explicitField(v, true); ok && i > 0 {
		return false
	}
	switch f.Key {
	case keyTitle:
		return i == 0
	case keyCredit:
		return isCredit(v)
	case keyAuthor, keyDraftDate, keyNotes:
		return !isCredit(v)
	case keySource:
		return isSource(v) && !isCredit(v)
	case keyCopyright:
		return isCopyright(v) && !isProse(v) && !strings.Contains(v, "\t")
	case keyContact:
		return !isCopyright(v) && !isProse(v) && !strings.Contains(v, "\t") && !(isDraftDate(v) && !hasDraft)
	}
	return false
}

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
