package pdf

import (
	"testing"
)

func TestWriteFixtureSmoke(t *testing.T) {
	pdf := render(t, fixtureDoc(), Options{Color: "Blue", HeaderText: "Draft 2", Marks: Marks{Lines: map[int]bool{5: true, 26: true, 29: true}}})
	for i, p := range pages(t, pdf) {
		t.Logf("page %d:\n%s", i, p)
	}
}
