package screenplay

import (
	"os"
	"strconv"
	"encoding/json"
	"strings"
	"fmt"
	"testing"

	"github.com/scriptroom/scriptroom/internal/corpus"
	"github.com/scriptroom/scriptroom/internal/fountain"
)

func TestZZDiag(t *testing.T) {
	n, _ := strconv.Atoi(os.Getenv("ZZCASE"))
	c := fdCases[n]
	fd := loadFD(t, c.name)
	seq := fdSequence(fd)
	s := fountain.Parse(string(corpus.Read(t, c.source...)))
	st := styleFromFDX(t, corpus.Path(t, "peer-tests", "jumpcut", "corpus", c.name, "extracted", "fdx-settings.json"))
	doc := Paginate(s, Options{Paper: Letter, Style: &st})
	idx := printable(s)
	for pi := 0; pi < 0 && pi < len(doc.Pages) && pi < len(fd.Pages); pi++ {
		first := doc.Pages[pi].Lines[0]
		last := doc.Pages[pi].Lines[len(doc.Pages[pi].Lines)-1]
		f := fd.Pages[pi].Items
		fmt.Printf("page %d: ours %s..%s rows %d | FD %s..%s\n", pi+1, seq[idx[first.Element]].ID, seq[idx[last.Element]].ID, last.Row, f[0].ID, f[len(f)-1].ID)
	}
	fmt.Println(doc.Text())
}

func TestZZWrap(t *testing.T) {
	for _, c := range fdCases {
		fdLines := map[string]bool{}
		var pp struct{ Pages []struct{ Text string } }
		if err := json.Unmarshal(corpus.Read(t, "peer-tests", "jumpcut", "corpus", c.name, "extracted", "pdf-pages.json"), &pp); err != nil {
			t.Fatal(err)
		}
		for _, p := range pp.Pages {
			for _, l := range strings.Split(p.Text, "\n") {
				fdLines[strings.TrimSpace(l)] = true
			}
		}
		s := fountain.Parse(string(corpus.Read(t, c.source...)))
		st := styleFromFDX(t, corpus.Path(t, "peer-tests", "jumpcut", "corpus", c.name, "extracted", "fdx-settings.json"))
		doc := Paginate(s, Options{Paper: Letter, Style: &st})
		miss, total := map[fountain.ElementType]int{}, 0
		shown := 0
		for _, p := range doc.Pages {
			for _, l := range p.Lines {
				if l.Kind != LineText {
					continue
				}
				var b strings.Builder
				for _, sp := range l.Spans {
					b.WriteString(sp.Text)
				}
				total++
				if !fdLines[strings.TrimSpace(b.String())] {
					miss[l.Type]++
					if shown < 40 {
						shown++
						fmt.Printf("  %s %q\n", l.Type, b.String())
					}
				}
			}
		}
		fmt.Println(c.name, total, miss)
	}
}

func TestZZProbe(t *testing.T) {
	src, _ := os.ReadFile("/work/shared/corpus/peer-tests/jumpcut/fd-probes/" + os.Getenv("ZZPROBE") + "/source.fountain")
	fmt.Println(Paginate(fountain.Parse(string(src)), Options{}).Text())
}
