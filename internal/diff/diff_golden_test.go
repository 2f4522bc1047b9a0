package diff

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/scriptroom/scriptroom/internal/corpus"
)

// goldenReport renders a comparison for a golden file: the unified diff,
// the changes with the elements they touch, and the scene summary.
func goldenReport(aName, bName, a, b string) string {
	var sb strings.Builder
	sb.WriteString("# unified\n")
	sb.WriteString(Unified(aName, bName, a, b, 3))
	r := Compare(a, b, Options{Timeout: -1})
	fmt.Fprintf(&sb, "# stats\nequal %d, inserted %d, deleted %d, changed %d\n",
		r.Stats.Equal, r.Stats.Inserted, r.Stats.Deleted, r.Stats.Changed)
	sb.WriteString("# changes\n")
	for _, c := range r.Changes {
		fmt.Fprintf(&sb, "left %d-%d right %d-%d scene %q:", c.LeftStart, c.LeftEnd, c.RightStart, c.RightEnd, c.Scene)
		for _, e := range c.Elements {
			fmt.Fprintf(&sb, " %s:%s@%d", e.Side, e.Type, e.Line)
			if e.Character != "" {
				fmt.Fprintf(&sb, "(%s)", e.Character)
			}
		}
		sb.WriteString("\n")
	}
	sb.WriteString("# summary\n")
	j, _ := json.MarshalIndent(r.Summary, "", "  ")
	sb.Write(j)
	sb.WriteString("\n")
	return sb.String()
}

// TestGoldenRevisionChains compares each revision of the real chains in the
// corpus with the next against testdata/*.golden (rewrite with -update).
func TestGoldenRevisionChains(t *testing.T) {
	type pair struct {
		golden string
		a, b   []string
	}
	var pairs []pair
	chain := versionChain(t)
	for i := 0; i+1 < len(chain); i++ {
		pairs = append(pairs, pair{
			fmt.Sprintf("beat-big-fish-v%d-v%d.golden", i+1, i+2),
			[]string{"versions", "beat-big-fish", chain[i]}, []string{"versions", "beat-big-fish", chain[i+1]},
		})
	}
	for _, n := range []string{"03", "04", "05"} {
		pairs = append(pairs, pair{
			"rsdoiel-sample-" + n + ".golden",
			[]string{"fdx", "rsdoiel", "sample-" + n + ".fountain"}, []string{"versions", "rsdoiel-samples", "sample-" + n + ".fountain-repo.fountain"},
		})
	}
	for _, p := range pairs {
		t.Run(p.golden, func(t *testing.T) {
			a, b := string(corpus.Read(t, p.a...)), string(corpus.Read(t, p.b...))
			got := goldenReport("a/"+p.a[len(p.a)-1], "b/"+p.b[len(p.b)-1], a, b)
			path := filepath.Join("testdata", p.golden)
			if *update {
				if err := os.MkdirAll("testdata", 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("read golden (run with -update to create it): %v", err)
			}
			if got != string(want) {
				t.Fatalf("%s differs from the golden file; got:\n%s", path, got)
			}
		})
	}
}
