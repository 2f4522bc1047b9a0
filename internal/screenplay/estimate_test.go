package screenplay

import (
	"math"
	"testing"

	"github.com/scriptroom/scriptroom/internal/corpus"
)

func TestEstimateSmall(t *testing.T) {
	cases := []struct {
		name  string
		text  string
		words int
	}{
		{"empty", "", 0},
		{"heading and action", "INT. KITCHEN - NIGHT\n\nRain on the window.\n", 7},
		{"dialogue", "\nMARA\n(quietly)\nWe should go.\n", 5},
		{"title page skipped", "Title: Night Bus\nAuthor: Us\n\nEXT. ROAD - DAY\n", 3},
		{"notes and boneyard skipped", "Hello [[a note here]] world\n/* old\nstuff */\nEnd\n", 3},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := Estimate(tc.text).Words; got != tc.words {
				t.Errorf("words = %d, want %d", got, tc.words)
			}
		})
	}
	if p := Estimate("").Pages; p != 0 {
		t.Errorf("empty script has %v pages", p)
	}
	if p := Estimate("FADE IN:\n").Pages; p != 0.1 {
		t.Errorf("one line is %v pages, want the 0.1 floor", p)
	}
}

// Final Draft prints Big Fish (the jumpcut no-CONT'D variant) on 127 pages
// after its title page (corpus peer-tests/jumpcut/corpus/big-fish); the
// estimate is that pagination, so it lands within a page.
func TestEstimateFeatureLength(t *testing.T) {
	text := string(corpus.Read(t, "fountain", "variants", "big-fish.jumpcut-no-contd.fountain"))
	st := Estimate(text)
	const fdPages = 127.0
	if math.Abs(st.Pages-fdPages) > 1 {
		t.Errorf("Big Fish estimated at %.1f pages, Final Draft prints %v", st.Pages, fdPages)
	}
	if st.Words < 20000 || st.Words > 40000 {
		t.Errorf("Big Fish has %d words", st.Words)
	}
}
