package screenplay

import "github.com/scriptroom/scriptroom/internal/fountain"

// Stats are the quick figures shown while typing.
type Stats struct {
	Words int     `json:"words"`
	Pages float64 `json:"pages"`
}

// Estimate counts the words a reader sees and the pages the script prints on
// (US Letter, Final Draft's layout, see Paginate), to a tenth of a page: the
// full pages plus the share of the last page's rows in use. It is the figure
// of the status bar and the history list; a feature takes about 10 ms.
func Estimate(text string) Stats {
	s := fountain.Parse(text)
	st := Stats{Words: fountain.CountWords(s)}
	doc := Paginate(s, Options{Paper: Letter})
	n := len(doc.Pages)
	if n == 0 {
		return st
	}
	rows := 0
	for _, l := range doc.Pages[n-1].Lines {
		rows = max(rows, l.Row+1)
	}
	if rows == 0 && n == 1 {
		return st
	}
	st.Pages = float64(n-1) + float64(rows)/float64(doc.Layout.LinesPerPage)
	if st.Pages < 0.1 {
		st.Pages = 0.1
	}
	st.Pages = float64(int(st.Pages*10+0.5)) / 10
	return st
}
