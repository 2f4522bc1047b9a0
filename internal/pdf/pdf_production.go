package pdf

import (
	"strconv"
	"strings"

	"github.com/scriptroom/scriptroom/internal/fountain"
	"github.com/scriptroom/scriptroom/internal/screenplay"
)

// Production says how to print a production draft: its pages carry their
// locked numbers (screenplay.Page.Label), revised pages the revision's
// header, and the draft can be printed as its revised pages only.
type Production struct {
	// Header is printed left of the page number on revised pages ("Blue
	// Rev. 12/06/26"); it replaces Options.Color's label.
	Header string
	// Headers, when not nil, give revised pages their own header instead
	// of Header: each page the header of the newest revision set that
	// marked it ("Blue Rev. 12/06/26" on one, "Pink Rev. 12/09/26" on
	// another).
	Headers map[int]string
	// Revised holds the indexes into Document.Pages of the revised pages.
	Revised map[int]bool
	// RevisedOnly prints a cover page listing the revised pages, then those
	// pages only, instead of the title page and every page.
	RevisedOnly bool
	// Title names the script on the cover page; "" takes the title page's.
	Title string
}

// prints says whether page i is printed.
func (wr *writer) prints(i int) bool {
	pr := wr.opts.Production
	return pr == nil || !pr.RevisedOnly || pr.Revised[i]
}

// header is the revision label of page i: a production's header on its
// revised pages, else Options.Color's "Blue Rev." on every page.
func (wr *writer) header(i int) string {
	if pr := wr.opts.Production; pr != nil {
		if h, ok := pr.Headers[i]; ok {
			return h
		}
		if pr.Revised[i] {
			return pr.Header
		}
		return ""
	}
	if wr.opts.Color != "" {
		return wr.opts.Color + " Rev."
	}
	return ""
}

// pageNumber is the number printed on pg: its locked label, else its
// number from page 2 on ("" on page 1, by convention).
func pageNumber(pg *screenplay.Page) string {
	switch {
	case pg.Label != "" && pg.Label != "1":
		return pg.Label
	case pg.Label == "" && pg.Number >= 2:
		return strconv.Itoa(pg.Number)
	}
	return ""
}

// coverPage prints the cover of a revised-pages-only printing: the title,
// the revision and the list of revised pages, in the order to insert them.
func (wr *writer) coverPage() bool {
	pr := wr.opts.Production
	p := wr.pdf
	p.AddPage()
	pageW, _ := p.GetPageSize()
	title := pr.Title
	if title == "" {
		title = fountain.Plain(strings.ReplaceAll(titleField(wr.doc.TitlePage, "title"), "\n", " "))
	}
	top := titleTop - 1
	center := func(s string) {
		wr.plain(s, 0, pageW, top, screenplay.AlignCenter)
		top += rowHeight
	}
	if title != "" {
		center(strings.ToUpper(title))
		top += rowHeight
	}
	if pr.Header != "" {
		center(pr.Header)
	}
	top += rowHeight
	var labels []string
	for i := range wr.doc.Pages {
		if pr.Revised[i] {
			l := wr.doc.Pages[i].Label
			if l == "" {
				l = strconv.Itoa(wr.doc.Pages[i].Number)
			}
			labels = append(labels, l)
		}
	}
	if len(labels) == 0 {
		center("No revised pages")
		return true
	}
	noun := "Revised pages"
	if len(labels) == 1 {
		noun = "Revised page"
	}
	center(noun + " (" + strconv.Itoa(len(labels)) + "):")
	top += rowHeight
	// The list wraps at 60 characters, each line centred.
	const width = 60
	line := ""
	for i, l := range labels {
		item := l
		if i < len(labels)-1 {
			item += ","
		}
		if line != "" && len(line)+1+len(item) > width {
			center(line)
			line = ""
		}
		if line != "" {
			line += " "
		}
		line += item
	}
	center(line)
	return true
}
