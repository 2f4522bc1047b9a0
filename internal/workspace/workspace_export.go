package workspace

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/scriptroom/scriptroom/internal/atomicfile"
	"github.com/scriptroom/scriptroom/internal/fdx"
	"github.com/scriptroom/scriptroom/internal/fountain"
	"github.com/scriptroom/scriptroom/internal/model"
	"github.com/scriptroom/scriptroom/internal/pdf"
	"github.com/scriptroom/scriptroom/internal/production"
	"github.com/scriptroom/scriptroom/internal/screenplay"
	"github.com/scriptroom/scriptroom/internal/store"
)

// The formats a script can be exported to.
const (
	FormatFountain = "fountain"
	FormatFDX      = "fdx"
	FormatPDF      = "pdf"
)

// Extension is a format's file extension ("" for an unknown format).
func Extension(format string) string {
	switch format {
	case "", FormatFountain:
		return ".fountain"
	case FormatFDX:
		return ".fdx"
	case FormatPDF:
		return ".pdf"
	}
	return ""
}

// ExportOptions say how to export a script. The zero value exports Fountain.
type ExportOptions struct {
	Format string // FormatFountain, FormatFDX or FormatPDF; "" is Fountain
	// The rest apply to PDF only.
	Base         model.RevisionID // revision to mark changed lines against; "" for no marks
	Color        string           // revision colour for the page header, e.g. "Blue"; "" for none
	Paper        string           // "letter" ("" too) or "a4", any case
	SceneNumbers bool
	// Locked prints a production draft of Base, the revision locked for
	// production: its page and scene numbers kept (internal/production),
	// the changes since it marked, Color ("" is Blue) and Date on the
	// revised pages. SceneNumbers does not apply: scenes are numbered as
	// Base numbers them.
	Locked bool
	// Date is the revision's date as YYYY-MM-DD; "" is today.
	Date string
	// RevisedOnly prints a cover listing the revised pages, then those
	// pages only (with Locked or Production).
	RevisedOnly bool
	// Production, when locked, prints the script's own production draft
	// (PDF and FDX): its lock, and each revision set's marks with their
	// own colour; Base, Color, Date and Locked do not apply.
	Production *model.Production
}

// ExportReport is what Export could not write as the script has it, in
// words for the writer: characters no installed font has (printed as
// boxes in a PDF). Empty when everything was written.
type ExportReport struct {
	Warnings []string
}

// ExportSteps is how many steps Export reports through its progress func.
const ExportSteps = 3

// Export writes a script's current text (its draft) to path in the format
// opts names, through a temporary file renamed over path, so a failure never
// leaves half a file where a good one was. progress, when not nil, is told
// each stage of long work (step of ExportSteps), and "done" at the end.
func (w *Workspace) Export(id model.ScriptID, path string, opts ExportOptions, progress func(stage string, step int)) (ExportReport, error) {
	if progress == nil {
		progress = func(string, int) {}
	}
	if Extension(opts.Format) == "" {
		return ExportReport{}, fmt.Errorf("%q is %w", opts.Format, ErrUnknownFormat)
	}
	d, err := w.store.Draft(id)
	if err != nil {
		return ExportReport{}, err
	}
	defer progress("done", ExportSteps)
	if p := opts.Production; p != nil && p.Locked && opts.Format != FormatFountain && opts.Format != "" {
		return w.exportProduction(id, d.Text, path, *p, opts, progress)
	}
	switch opts.Format {
	case "", FormatFountain:
		return ExportReport{}, atomicfile.Write(path, []byte(d.Text))
	case FormatFDX:
		progress("Reading the script", 1)
		var buf bytes.Buffer
		if err := fdx.Write(&buf, fountain.Parse(d.Text)); err != nil {
			return ExportReport{}, err
		}
		progress("Writing the file", 2)
		return ExportReport{}, atomicfile.Write(path, buf.Bytes())
	}
	// PDF.
	paper, err := paperNamed(opts.Paper)
	if err != nil {
		return ExportReport{}, err
	}
	if opts.Locked {
		return w.exportLocked(id, d.Text, path, paper, opts, progress)
	}
	popts := pdf.Options{}
	if opts.Color != "" {
		c, ok := pdf.ColorName(pdf.RevisionColors(), opts.Color)
		if !ok {
			return ExportReport{}, fmt.Errorf("%q is %w", opts.Color, ErrBadColor)
		}
		popts.Color = c
	}
	if opts.Base != "" {
		progress("Comparing with the chosen revision", 1)
		base, err := w.store.Revision(id, opts.Base)
		if errors.Is(err, store.ErrNotFound) {
			return ExportReport{}, fmt.Errorf("%w: %w", ErrNoBase, err)
		}
		if err != nil {
			return ExportReport{}, fmt.Errorf("read the revision to mark changes against: %w", err)
		}
		popts.Marks = pdf.Marks{Lines: pdf.ChangedLines(base.Text, d.Text)}
	}
	progress("Laying out pages", 1)
	doc := screenplay.Paginate(fountain.Parse(d.Text), screenplay.Options{Paper: paper, SceneNumbers: opts.SceneNumbers})
	progress(fmt.Sprintf("Printing %d pages", len(doc.Pages)), 2)
	var buf bytes.Buffer
	rep, err := pdf.Write(&buf, doc, popts)
	if err != nil {
		return ExportReport{}, err
	}
	if err := atomicfile.Write(path, buf.Bytes()); err != nil {
		return ExportReport{}, err
	}
	return ExportReport{Warnings: rep.Warnings()}, nil
}

// paperNamed is the paper called name, in any case; "" is Letter.
func paperNamed(name string) (screenplay.Paper, error) {
	if name == "" {
		return screenplay.Letter, nil
	}
	p, ok := screenplay.PaperByName(strings.ToLower(name))
	if !ok {
		return screenplay.Paper{}, fmt.Errorf("%w, not %q", ErrBadPaper, name)
	}
	return p, nil
}

// exportLocked prints text as a production draft of the revision
// opts.Base (see ExportOptions.Locked).
func (w *Workspace) exportLocked(id model.ScriptID, text, path string, paper screenplay.Paper, opts ExportOptions, progress func(string, int)) (ExportReport, error) {
	if opts.Base == "" {
		return ExportReport{}, ErrLockNeedsBase
	}
	day := time.Now()
	if opts.Date != "" {
		d, err := production.ParseDate(opts.Date)
		if err != nil {
			return ExportReport{}, err
		}
		day = d
	}
	set, err := production.NewSet(opts.Color, day)
	if err != nil {
		return ExportReport{}, fmt.Errorf("%q is %w", opts.Color, ErrBadColor)
	}
	base, err := w.store.Revision(id, opts.Base)
	if errors.Is(err, store.ErrNotFound) {
		return ExportReport{}, fmt.Errorf("%w: %w", ErrNoBase, err)
	}
	if err != nil {
		return ExportReport{}, fmt.Errorf("read the locked revision: %w", err)
	}
	progress("Laying out pages as the locked revision has them", 1)
	d := production.Lock(base.Text, text, production.Options{Paper: paper})
	progress(fmt.Sprintf("Printing %d pages", len(d.Pages)), 2)
	var buf bytes.Buffer
	rep, err := production.Write(&buf, d, production.WriteOptions{Set: set, RevisedOnly: opts.RevisedOnly})
	if err != nil {
		return ExportReport{}, err
	}
	if err := atomicfile.Write(path, buf.Bytes()); err != nil {
		return ExportReport{}, err
	}
	return ExportReport{Warnings: rep.Warnings()}, nil
}

// exportProduction prints text as the production draft of p, in PDF or
// FDX (see ExportOptions.Production).
func (w *Workspace) exportProduction(id model.ScriptID, text, path string, p model.Production, opts ExportOptions, progress func(string, int)) (ExportReport, error) {
	paper, err := paperNamed(opts.Paper)
	if err != nil {
		return ExportReport{}, err
	}
	progress("Laying out pages as the locked revision has them", 1)
	d, sets, err := w.LockedDraft(id, text, p, paper)
	if err != nil {
		return ExportReport{}, err
	}
	cur, err := production.NewSet("", w.Now())
	if err != nil {
		return ExportReport{}, err
	}
	if len(sets) > 0 {
		cur = sets[len(sets)-1]
	}
	progress(fmt.Sprintf("Printing %d pages", len(d.Pages)), 2)
	var buf bytes.Buffer
	var rep pdf.Report
	if opts.Format == FormatFDX {
		err = production.WriteFDXSets(&buf, d, sets, cur)
	} else {
		rep, err = production.Write(&buf, d, production.WriteOptions{Set: cur, Sets: sets, RevisedOnly: opts.RevisedOnly})
	}
	if err != nil {
		return ExportReport{}, err
	}
	if err := atomicfile.Write(path, buf.Bytes()); err != nil {
		return ExportReport{}, err
	}
	return ExportReport{Warnings: rep.Warnings()}, nil
}
