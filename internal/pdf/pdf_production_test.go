package pdf

import (
	"strings"
	"testing"

	"github.com/scriptroom/scriptroom/internal/screenplay"
)

// productionDoc is four pages labelled as a locked draft labels them.
func productionDoc() *screenplay.Document {
	doc := &screenplay.Document{Layout: fixtureLayout}
	for i, label := range []string{"1", "2", "2A", "3-4"} {
		h := heading(0, 1+i*10, "INT. ROOM "+label+" - DAY")
		h.SceneNumber = strings.ReplaceAll(label, "-", "")
		doc.Pages = append(doc.Pages, screenplay.Page{Number: i + 1, Label: label,
			Lines: []screenplay.Line{h, action(2, 3+i*10, "Something happens in room "+label+".")}})
	}
	return doc
}

func TestProductionHeaderAndLabels(t *testing.T) {
	pr := &Production{Header: "Blue Rev. 12/06/26", Revised: map[int]bool{2: true, 3: true}}
	marks := Marks{Rows: map[int]map[int]bool{2: {2: true}}}
	ps := pages(t, render(t, productionDoc(), Options{Production: pr, Marks: marks, Color: "Pink"}))
	if len(ps) != 4 {
		t.Fatalf("%d pages, want 4", len(ps))
	}
	tests := []struct {
		page    int
		want    []string
		notWant []string
	}{
		{0, []string{"INT. ROOM 1 - DAY"}, []string{"Rev.", "*"}},
		{1, []string{"2."}, []string{"Rev.", "*"}},
		{2, []string{"Blue Rev. 12/06/26", "2A.", "room 2A. *"}, []string{"Pink"}},
		{3, []string{"Blue Rev. 12/06/26", "3-4."}, []string{"*"}},
	}
	if first := nonBlank(ps[0])[0]; strings.HasSuffix(first, ".") {
		t.Errorf("page 1 prints a number: %q", first)
	}
	for _, tt := range tests {
		p := strings.Join(strings.Fields(ps[tt.page]), " ")
		for _, w := range tt.want {
			if !strings.Contains(p, w) {
				t.Errorf("page %d has no %q: %s", tt.page+1, w, p)
			}
		}
		for _, w := range tt.notWant {
			if strings.Contains(p, w) {
				t.Errorf("page %d has %q: %s", tt.page+1, w, p)
			}
		}
	}
}

func TestProductionRevisedOnly(t *testing.T) {
	doc := productionDoc()
	doc.TitlePage = nil
	pr := &Production{Header: "Pink Rev. 01/02/27", Revised: map[int]bool{1: true, 3: true}, RevisedOnly: true, Title: "Room Tone"}
	ps := pages(t, render(t, doc, Options{Production: pr}))
	if len(ps) != 3 {
		t.Fatalf("%d pages, want a cover and two", len(ps))
	}
	cover := strings.Join(strings.Fields(ps[0]), " ")
	if want := "ROOM TONE Pink Rev. 01/02/27 Revised pages (2): 2, 3-4"; cover != want {
		t.Errorf("cover %q, want %q", cover, want)
	}
	if !strings.Contains(ps[1], "ROOM 2 - DAY") || !strings.Contains(ps[2], "ROOM 3-4 - DAY") {
		t.Errorf("pages printed:\n%s\n%s", ps[1], ps[2])
	}
}
