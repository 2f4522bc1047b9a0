package production

import (
	"io"

	"github.com/scriptroom/scriptroom/internal/pdf"
)

// WriteOptions choose how Write prints a draft.
type WriteOptions struct {
	Set RevisionSet
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
	for i, p := range d.Pages {
		if p.Revised {
			revised[i] = true
		}
	}
	return pdf.Write(w, d.Doc, pdf.Options{
		Marks: pdf.Marks{Lines: d.Marks, Rows: d.Rows},
		Fonts: opts.Fonts,
		Production: &pdf.Production{
			Header:      opts.Set.Header(),
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
