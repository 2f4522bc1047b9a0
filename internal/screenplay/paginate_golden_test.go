package screenplay

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/scriptroom/scriptroom/internal/fountain"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/golden")

// TestPaginateGolden lays out each testdata/golden/*.fountain on Letter
// and A4 and compares the plain-text picture of its pages, and its report,
// with the .letter.txt, .a4.txt and .report.json beside it.
func TestPaginateGolden(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "golden", "*.fountain"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no golden inputs: %v", err)
	}
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		s := fountain.Parse(string(src))
		base := strings.TrimSuffix(f, ".fountain")
		letter := Paginate(s, Options{Paper: Letter, SceneNumbers: true})
		rep, err := json.MarshalIndent(Analyze(s, letter), "", "  ")
		if err != nil {
			t.Fatal(err)
		}
		outs := map[string]string{
			base + ".letter.txt":  letter.Text(),
			base + ".a4.txt":      Paginate(s, Options{Paper: A4}).Text(),
			base + ".report.json": string(rep) + "\n",
		}
		for path, got := range outs {
			if *update {
				if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				continue
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test -update to write it)", err)
			}
			if got != string(want) {
				t.Errorf("%s differs from its golden file; got:\n%s", path, got)
			}
		}
	}
}
