package review

import "testing"

func TestQuoteOf(t *testing.T) {
	text := "INT. HOUSE - DAY\n\n  Ann waits.  \r\nShe sits.\n"
	for _, tc := range []struct {
		start, end int
		want       string
	}{
		{1, 1, "INT. HOUSE - DAY"},
		{3, 4, "Ann waits.  \r\nShe sits."},
		{2, 2, ""},
		{5, 5, ""}, // the empty line after the last "\n"
		{4, 5, "She sits."},
		// Out of range.
		{0, 1, ""},
		{2, 1, ""},
		{6, 6, ""},
		{1, 6, ""},
	} {
		if got := QuoteOf(text, tc.start, tc.end); got != tc.want {
			t.Errorf("QuoteOf(%d, %d) = %q, want %q", tc.start, tc.end, got, tc.want)
		}
	}
	if got := QuoteOf("no newline", 1, 1); got != "no newline" {
		t.Errorf("one line: %q", got)
	}
	if got := QuoteOf("no newline", 2, 2); got != "" {
		t.Errorf("past the last line: %q", got)
	}
}
