package fountain

import (
	"fmt"
	"os"
	"testing"
)

func TestZZDump(t *testing.T) {
	f := os.Getenv("DUMP")
	if f == "" {
		t.Skip()
	}
	b, _ := os.ReadFile(f)
	s := Parse(string(b))
	for _, x := range s.TitlePage {
		fmt.Printf("TITLE %q=%q\n", x.Key, x.Value)
	}
	for _, e := range s.Elements {
		fmt.Printf("%d-%d %s %q num=%q ext=%q dual=%v/%v d=%d\n", e.Line, e.EndLine, e.Type, e.Text, e.SceneNumber, e.Extension, e.Dual, e.DualFirst, e.Depth)
	}
}
