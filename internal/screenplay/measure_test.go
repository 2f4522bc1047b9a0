package screenplay

import (
	"testing"

	"github.com/scriptroom/scriptroom/internal/corpus"
	"github.com/scriptroom/scriptroom/internal/fountain"
)

func TestMeasureSmall(t *testing.T) {
	cases := []struct {
		name         string
		text         string
		words, pages int
	}{
		// Words a reader sees
		{"empty", "", 0, 0},
		{"heading and action", "INT. KITCHEN - NIGHT\n\nRain on the window.\n", 7, 1},
		{"dialogue", "\nMARA\n(quietly)\nWe should go.\n", 5, 1},
		{"title page skipped", "Title: Night Bus\nAuthor: Us\n\nEXT. ROAD - DAY\n", 3, 1},
		{"notes and boneyard skipped", "Hello [[a note here]] world\n/* old\nstuff */\nEnd\n", 3, 1},
		// Pages as printed
		{"a forced break", "INT. A - DAY\n\nOne.\n\n===\n\nINT. B - DAY\n\nTwo.\n", 8, 2},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := Measure(tc.text, Letter)
			if got.Words != tc.words || got.Pages != tc.pages {
				t.Errorf("Measure = %+v, want %d words on %d pages", got, tc.words, tc.pages)
			}
		})
	}
}

// Measure's page count is the pagination's, on the paper given: Big Fish
// prints on 127 pages of Letter in Final Draft (corpus
// peer-tests/jumpcut/corpus/big-fish), and on fewer, longer A4 pages.
func TestMeasureFeature(t *testing.T) {
	text := string(corpus.Read(t, "fountain", "variants", "big-fish.jumpcut-no-contd.fountain"))
	letter := Measure(text, Letter)
	if want := len(Paginate(fountain.Parse(text), Options{Paper: Letter}).Pages); letter.Pages != want {
		t.Errorf("Letter: %d pages, the pagination has %d", letter.Pages, want)
	}
	if letter.Pages < 126 || letter.Pages > 128 {
		t.Errorf("Big Fish measured at %d pages, Final Draft prints 127", letter.Pages)
	}
	if a4 := Measure(text, A4); a4.Pages >= letter.Pages || a4.Words != letter.Words {
		t.Errorf("A4 %+v, Letter %+v", a4, letter)
	}
	if letter.Words < 20000 || letter.Words > 40000 {
		t.Errorf("Big Fish has %d words", letter.Words)
	}
}
