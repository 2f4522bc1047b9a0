package screenplay

import (
	"strconv"
	"strings"
)

// Text draws a document as plain text: each page a grid of rows in
// Courier columns (10 to the inch from the page's left edge), under a
// "=== page N ===" rule, with emphasis markup dropped. Tests and the CLI
// use it to show a layout.
func (d *Document) Text() string {
	var b strings.Builder
	for _, p := range d.Pages {
		b.WriteString("=== page " + strconv.Itoa(p.Number) + " ===\n")
		// Row -1 (a "(CONT'D)" cue in the top margin) and row LinesPerPage
		// (a "(MORE)" in the bottom margin) are drawn too.
		rows := make([][]rune, d.Layout.LinesPerPage+2)
		first, last := 1, -1
		for _, l := range p.Lines {
			if l.Row < -1 || l.Row+1 >= len(rows) {
				continue
			}
			first = min(first, l.Row+1)
			var t strings.Builder
			for _, s := range l.Spans {
				t.WriteString(s.Text)
			}
			text := []rune(t.String())
			x := int(l.X*10 + 0.5)
			w := int(l.Width*10 + 0.001)
			switch l.Align {
			case AlignRight:
				x += w - len(text)
			case AlignCenter:
				x += (w - len(text)) / 2
			}
			if l.SceneNumber != "" {
				text = append([]rune(l.SceneNumber+"  "), text...)
				x -= len(l.SceneNumber) + 2
			}
			x = max(x, 0)
			row := rows[l.Row+1]
			for len(row) < x+len(text) {
				row = append(row, ' ')
			}
			copy(row[x:], text)
			rows[l.Row+1] = row
			last = max(last, l.Row+1)
		}
		for i := first; i <= last; i++ {
			b.WriteString(strings.TrimRight(string(rows[i]), " "))
			b.WriteByte('\n')
		}
	}
	return b.String()
}
