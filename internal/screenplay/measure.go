package screenplay

import "github.com/scriptroom/scriptroom/internal/fountain"

// Stats are a script's figures as the library and the history show them.
type Stats struct {
	// Words counts the words a reader sees (fountain.CountWords).
	Words int `json:"words"`
	// Pages is the number of printed pages after the title page: the
	// count the PDF export prints for the paper measured.
	Pages int `json:"pages"`
}

// Measure counts the words of text and the pages it prints on with paper,
// laid out by Paginate as the PDF export lays it out, so Pages is the PDF's
// page count. It is the app's one page count; a feature takes about 20 ms,
// so callers that list many scripts cache it (internal/workspace).
func Measure(text string, paper Paper) Stats {
	s := fountain.Parse(text)
	doc := Paginate(s, Options{Paper: paper})
	return Stats{Words: fountain.CountWords(s), Pages: len(doc.Pages)}
}
