package fountain

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// The editor's element flow (frontend/src/lib/editor) writes text that must
// parse back, here, as the element the writer chose. Its golden cases hold
// the elements this parser found when they were made; a Vitest checks the
// editor against them, and this test checks that the parser still agrees,
// so a change to either side is caught (regenerate with
// node frontend/src/lib/editor/testdata/flow-golden.mjs).
func TestEditorFlowGoldenParsesAsRecorded(t *testing.T) {
	path := filepath.Join("..", "..", "frontend", "src", "lib", "editor", "testdata", "flow-golden.json")
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	type element struct {
		Type string `json:"type"`
		Line int    `json:"line"`
		End  int    `json:"end"`
	}
	var cases []struct {
		Element string    `json:"element"`
		Text    string    `json:"text"`
		Go      []element `json:"go"`
	}
	if err := json.Unmarshal(b, &cases); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if len(cases) == 0 {
		t.Fatalf("%s has no cases", path)
	}
	for i, c := range cases {
		js, err := json.Marshal(Parse(c.Text))
		if err != nil {
			t.Fatal(err)
		}
		var parsed struct {
			Elements []struct {
				Type string `json:"type"`
				Line int    `json:"line"`
				End  int    `json:"end_line"`
			} `json:"elements"`
		}
		if err := json.Unmarshal(js, &parsed); err != nil {
			t.Fatal(err)
		}
		got := []element{}
		for _, e := range parsed.Elements {
			got = append(got, element{e.Type, e.Line, e.End})
		}
		if !reflect.DeepEqual(got, c.Go) {
			t.Errorf("case %d (%s, %q): the parser finds %v, the golden file says %v", i, c.Element, c.Text, got, c.Go)
		}
	}
}
