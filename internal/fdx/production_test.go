package fdx

import (
	"bytes"
	"encoding/xml"
	"io"
	"reflect"
	"strings"
	"testing"

	"github.com/scriptroom/scriptroom/internal/corpus"
	"github.com/scriptroom/scriptroom/internal/fountain"
)

// productionScript is a locked draft: scene 1, a new scene 1A, scene 2
// omitted, scene 3 with a changed line.
const productionScript = `INT. HOUSE - DAY #1#

Ann waits.

EXT. YARD - DAY #1A#

New text here.

.OMITTED #2#

INT. SHED - NIGHT #3#

Bob finds the key under the pot.
`

func productionOf(s *fountain.Script) *Production {
	idx := func(text string) int {
		for i, e := range s.Elements {
			if e.Text == text {
				return i
			}
		}
		return -1
	}
	return &Production{
		Sets: []RevisionSet{
			{ID: 1, Name: "Blue", Color: "Blue", Mark: "*"},
			{ID: 2, Name: "Pink Rev.", Color: "Pink", Mark: "*"},
		},
		Active: 2,
		Revised: []RevisedText{
			{Element: idx("EXT. YARD - DAY"), Start: 0, End: -1, Set: 2},
			{Element: idx("New text here."), Start: 0, End: -1, Set: 2},
			{Element: idx("OMITTED"), Start: 0, End: -1, Set: 2},
			{Element: idx("Bob finds the key under the pot."), Start: 14, End: 23, Set: 1},
		},
		Deleted: []Deletion{{Element: idx("INT. SHED - NIGHT"), Offset: 0, Set: 2}},
		LockedPages: []LockedPage{
			{Label: "1", Element: 0, Offset: 0},
			{Label: "1A", Element: idx("EXT. YARD - DAY"), Offset: 0},
			{Label: "2-3", Element: idx("Bob finds the key under the pot."), Offset: 4},
		},
	}
}

func TestProductionRoundTrip(t *testing.T) {
	s := fountain.Parse(productionScript)
	want := productionOf(s)
	var buf bytes.Buffer
	if err := WriteProduction(&buf, s, want); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	checkWellFormed(t, out)
	// Final Draft's own elements and attributes.
	for _, frag := range []string{
		`<Paragraph Type="Scene Heading" Number="1A">`,
		`<Paragraph Type="Scene Heading" Number="2">`,
		`<Text RevisionID="2">OMITTED</Text>`,
		`<Text>Bob finds the </Text>`,
		`<Text RevisionID="1">key under</Text>`,
		`<Text> the pot.</Text>`,
		`<Revisions ActiveSet="2"`,
		`<Revision Color="#FFFF0000FFFF" FullRevision="No" ID="2" Mark="*" Name="Pink Rev." PageColor="#FDFDCCCCD4D4" Style=""/>`,
		`<LockedPage Deleted="No" PageNumber="2-3" Position="`,
		`<DeletedTextLocation Offset="`,
	} {
		if !strings.Contains(out, frag) {
			t.Errorf("output lacks %s\n%s", frag, out)
		}
	}
	back, rep, err := Read(strings.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	if got := fountain.Write(back); !strings.Contains(got, "#1A#") || !strings.Contains(got, "OMITTED #2#") {
		t.Errorf("scene numbers lost:\n%s", got)
	}
	if got, want := fountain.Write(back), fountain.Write(s); got != want {
		t.Errorf("script changed:\n got %s\nwant %s", got, want)
	}
	if rep.Production == nil {
		t.Fatalf("no production draft in the report: %s", rep)
	}
	got := rep.Production
	if !reflect.DeepEqual(got.Sets, want.Sets) || got.Active != want.Active {
		t.Errorf("sets: got %+v active %d, want %+v active %d", got.Sets, got.Active, want.Sets, want.Active)
	}
	if !reflect.DeepEqual(got.Revised, want.Revised) {
		t.Errorf("revised: got %+v, want %+v", got.Revised, want.Revised)
	}
	if !reflect.DeepEqual(got.Deleted, want.Deleted) {
		t.Errorf("deleted: got %+v, want %+v", got.Deleted, want.Deleted)
	}
	if !reflect.DeepEqual(got.LockedPages, want.LockedPages) {
		t.Errorf("locked pages: got %+v, want %+v", got.LockedPages, want.LockedPages)
	}
}

// TestProductionDualDialogue checks that places after a dual dialogue
// block count its paragraphs as Final Draft does, both ways.
func TestProductionDualDialogue(t *testing.T) {
	s := fountain.Parse("INT. ROOM - DAY #4#\n\nANN\nHi.\n\nBOB ^\nHo.\n\nThey laugh out loud.\n")
	last := len(s.Elements) - 1
	p := &Production{Sets: []RevisionSet{{ID: 1, Name: "Blue", Color: "Blue", Mark: "*"}}, Active: 1,
		Revised:     []RevisedText{{Element: last, Start: 10, End: 13, Set: 1}, {Element: 2, Start: 0, End: -1, Set: 1}},
		LockedPages: []LockedPage{{Label: "4", Element: 0}, {Label: "4A", Element: last, Offset: 5}}}
	var buf bytes.Buffer
	if err := WriteProduction(&buf, s, p); err != nil {
		t.Fatal(err)
	}
	_, rep, err := Read(&buf)
	if err != nil || rep.Production == nil {
		t.Fatalf("read: %v %v", err, rep)
	}
	if !reflect.DeepEqual(rep.Production.LockedPages, p.LockedPages) || !reflect.DeepEqual(rep.Production.Revised, []RevisedText{p.Revised[1], p.Revised[0]}) {
		t.Errorf("got %+v %+v", rep.Production.LockedPages, rep.Production.Revised)
	}
}

// TestReadProductionCorpusStyle reads a deletion as Final Draft saved one
// (offsets count one for each paragraph's end) and default sets only.
func TestReadProductionCorpusStyle(t *testing.T) {
	const doc = `<?xml version="1.0" encoding="UTF-8" standalone="no" ?>
<FinalDraft DocumentType="Script" Template="No" Version="4">
  <Content>
    <Paragraph Type="Action"><Text>abc</Text></Paragraph>
    <Paragraph Type="Action"><Text>de</Text></Paragraph>
  </Content>
  <Revisions ActiveSet="1" Location="7.75" RevisionMode="Yes" RevisionsShown="Active" ShowAllMarks="No" ShowAllSets="No" ShowPageColor="No">
    <Revision Color="#FFFF7E7E7979" FullRevision="No" ID="1" Mark="*" Name="First Revision" PageColor="#FFFFFFFFFFFF" Style=""/>
    <Revision Color="#00000000FFFF" FullRevision="No" ID="2" Mark="*" Name="Double Blue" PageColor="#FFFFFFFFFFFF" Style=""/>
  </Revisions>
  <DeletedText>
    <DeletedTextLocation Offset="5" RevisionID="1"/>
  </DeletedText>
</FinalDraft>`
	_, rep, err := Read(strings.NewReader(doc))
	if err != nil {
		t.Fatal(err)
	}
	want := &Production{Active: 1,
		Sets: []RevisionSet{{ID: 1, Name: "First Revision", Mark: "*"}, {ID: 2, Name: "Double Blue", Color: "Double Blue", Mark: "*"}},
		// "abc" and its end are 4; offset 5 is after "d".
		Deleted: []Deletion{{Element: 1, Offset: 1, Set: 1}}}
	if !reflect.DeepEqual(rep.Production, want) {
		t.Errorf("got %+v, want %+v", rep.Production, want)
	}
	// Final Draft's default sets alone are no production draft.
	_, rep, _ = Read(strings.NewReader(strings.Replace(doc, `<DeletedTextLocation Offset="5" RevisionID="1"/>`, "", 1)))
	if rep.Production != nil {
		t.Errorf("default sets read as a production draft: %+v", rep.Production)
	}
}

// checkWellFormed decodes every token of out.
func checkWellFormed(t *testing.T, out string) {
	t.Helper()
	dec := xml.NewDecoder(strings.NewReader(out))
	for {
		_, err := dec.Token()
		if err == io.EOF {
			return
		}
		if err != nil {
			t.Fatalf("not well-formed XML: %v", err)
		}
	}
}

// TestReadProductionCorpus reads the revisions of files Final Draft saved:
// one with a cut made in revision mode, one with only the default sets.
func TestReadProductionCorpus(t *testing.T) {
	_, rep, err := Read(bytes.NewReader(corpus.Read(t, "fdx", "jumpcut", "fdx-import", "title-page-cast-page.fdx")))
	if err != nil {
		t.Fatal(err)
	}
	p := rep.Production
	if p == nil {
		t.Fatalf("no production draft read: %s", rep)
	}
	if p.Active != 1 || len(p.Sets) != 4 || p.Sets[0].Name != "First Revision" || p.Sets[0].Mark != "*" || len(p.Deleted) != 1 || p.Deleted[0].Set != 1 {
		t.Errorf("got %+v", p)
	}
	_, rep, err = Read(bytes.NewReader(corpus.Read(t, "fdx", "wildwinter", "TestFDX-FD.fdx")))
	if err != nil {
		t.Fatal(err)
	}
	if rep.Production != nil {
		t.Errorf("a file with Final Draft's default sets only read as a production draft: %+v", rep.Production)
	}
}
