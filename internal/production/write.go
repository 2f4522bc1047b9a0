package production

import (
	"io"

	"github.com/scriptroom/scriptroom/internal/pdf"
)

// WriteOptions choose how Write prints a draft.
type WriteOptions struct {
	// Set is the revision the revised pages carry, for a draft made by
	// Lock.
	Set RevisionSet
	// Sets are the sets a draft made by LockSets was given: each revised
	// page carries the header of the newest set that marked it, and the
	// revised pages (of RevisedOnly and the cover) are the current set's.
	Sets []RevisionSet
	// RevisedOnly prints a cover page listing the revised pages, then
	// those pages only.
	RevisedOnly bool
	// Fonts are as pdf.Options.Fonts.
	Fonts []pdf.Font
}

// Write prints d as a PDF to w: locked page and scene numbers, an asterisk
// on every marked line, the set's colour and date in the header of every
// revised page. The report says what the PDF could not show as written.
func Write(w io.Writer, d *Draft, opts WriteOptions) (pdf.Report, error) {
	revised := map[int]bool{}
	header := opts.Set.Header()
	var headers map[int]string
	if len(opts.Sets) > 0 && len(opts.Sets) == d.nSets {
		cur := len(opts.Sets) - 1
		header = opts.Sets[cur].Header()
		headers = map[int]string{}
		for i, p := range d.Pages {
			if p.Revised && p.Set >= 0 {
				headers[i] = opts.Sets[p.Set].Header()
				revised[i] = p.Set == cur
			}
		}
	} else {
		for i, p := range d.Pages {
			if p.Revised {
				revised[i] = true
			}
		}
	}
	return pdf.Write(w, d.Doc, pdf.Options{
		Marks: pdf.Marks{Lines: d.Marks, Rows: d.Rows},
		Fonts: opts.Fonts,
		Production: &pdf.Production{
			Header:      header,
			Headers:     headers,
			Revised:     revised,
			RevisedOnly: opts.RevisedOnly,
		},
	})
}

// RevisedLabels lists the labels of the revised pages, in order.
func (d *Draft) RevisedLabels() []string {
	var out []string
	for _, p := range d.Pages {
		if p.Revised {
			out = append(out, p.Label)
		}
	}
	return out
}
