package fountain

import (
	"reflect"
	"testing"
)

func TestEmphasis(t *testing.T) {
	tests := []struct {
		in   string
		want []Span
	}{
		// Single styles.
		{"plain", []Span{{Text: "plain"}}},
		{"*it*", []Span{{Text: "it", Italic: true}}},
		{"**bold**", []Span{{Text: "bold", Bold: true}}},
		{"***both***", []Span{{Text: "both", Bold: true, Italic: true}}},
		{"_under_", []Span{{Text: "under", Underline: true}}},
		{"a *b* c", []Span{{Text: "a "}, {Text: "b", Italic: true}, {Text: " c"}}},

		// Nesting.
		{"_**BRICK**_", []Span{{Text: "BRICK", Bold: true, Underline: true}}},
		{"**bold *both***", []Span{{Text: "bold ", Bold: true}, {Text: "both", Bold: true, Italic: true}}},
		{"_Steel's *Leupold* scope_", []Span{{Text: "Steel's ", Underline: true}, {Text: "Leupold", Italic: true, Underline: true}, {Text: " scope", Underline: true}}},

		// Escapes and unmatched marks stay literal.
		{`\*69 and \*23`, []Span{{Text: "*69 and *23"}}},
		{`*not \* closed*`, []Span{{Text: "not * closed", Italic: true}}},
		{`_\_a_`, []Span{{Text: "_a", Underline: true}}},
		{`*\*starred\**`, []Span{{Text: "*starred*", Italic: true}}},
		{`**\\**`, []Span{{Text: `\`, Bold: true}}},
		{"dialed *69 and then *23", []Span{{Text: "dialed *69 and then *23"}}},
		{"a * b * c", []Span{{Text: "a * b * c"}}},
		{`back\\slash`, []Span{{Text: `back\slash`}}},

		// Emphasis does not cross lines.
		{"*one\ntwo*", []Span{{Text: "*one\ntwo*"}}},
		{"*one*\n_two_", []Span{{Text: "one", Italic: true}, {Text: "\n"}, {Text: "two", Underline: true}}},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := Emphasis(tt.in); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Emphasis(%q) = %+v, want %+v", tt.in, got, tt.want)
			}
		})
	}
}

func TestPlainAndStripNotes(t *testing.T) {
	if got := Plain(`**Big** _Fish_ \*`); got != "Big Fish *" {
		t.Errorf("Plain = %q", got)
	}
	tests := map[string]string{
		"He runs. [[fix]]":     "He runs.",
		"A [[x]] B [[y]] C":    "A B C",
		"unclosed [[ note":     "unclosed [[ note",
		"[[multi\nline]] rest": " rest",
	}
	for in, want := range tests {
		if got := StripNotes(in); got != want {
			t.Errorf("StripNotes(%q) = %q, want %q", in, got, want)
		}
	}
}
