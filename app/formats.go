package app

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/wailsapp/wails/v2/pkg/runtime"

	"github.com/scriptroom/scriptroom/internal/atomicfile"
	"github.com/scriptroom/scriptroom/internal/fdx"
	"github.com/scriptroom/scriptroom/internal/fountain"
	"github.com/scriptroom/scriptroom/internal/model"
	"github.com/scriptroom/scriptroom/internal/pdf"
	"github.com/scriptroom/scriptroom/internal/screenplay"
	"github.com/scriptroom/scriptroom/internal/textfile"
)

// The formats a script can be exported to.
const (
	FormatFountain = "fountain"
	FormatFDX      = "fdx"
	FormatPDF      = "pdf"
)

// ExportOptions say how to export a script. The zero value exports Fountain.
type ExportOptions struct {
	Format string `json:"format"` // "fountain", "fdx" or "pdf"; "" is Fountain
	// The rest apply to PDF only.
	Base         string `json:"base"`  // revision to mark changed lines against; "" for no marks
	Color        string `json:"color"` // revision colour for the page header, e.g. "Blue"; "" for none
	Paper        string `json:"paper"` // "letter" (default) or "a4"
	SceneNumbers bool   `json:"sceneNumbers"`
}

// exportFormats maps a format to its file extension and dialog filter.
var exportFormats = map[string]struct {
	ext, title string
	filter     runtime.FileFilter
}{
	FormatFountain: {".fountain", "Export as Fountain", runtime.FileFilter{DisplayName: "Fountain (*.fountain)", Pattern: "*.fountain"}},
	FormatFDX:      {".fdx", "Export as Final Draft", runtime.FileFilter{DisplayName: "Final Draft (*.fdx)", Pattern: "*.fdx"}},
	FormatPDF:      {".pdf", "Export as PDF", runtime.FileFilter{DisplayName: "PDF (*.pdf)", Pattern: "*.pdf"}},
}

// RevisionColors lists the revision colours in the order the industry uses
// them (White, Blue, Pink, … then Double White, …), for the export dialog.
func (l *Library) RevisionColors() ([]string, error) {
	return pdf.RevisionColors(), nil
}

// ExportAs asks where to save a script in the chosen format and saves it
// there. It returns the path written.
func (l *Library) ExportAs(id string, opts ExportOptions) (string, error) {
	ctx := l.c.wailsContext()
	if ctx == nil {
		return "", errors.New("Could not export: no window is open")
	}
	if opts.Format == "" {
		opts.Format = FormatFountain
	}
	f, ok := exportFormats[opts.Format]
	if !ok {
		return "", &userError{msg: fmt.Sprintf("Could not export: %q is not a format Scriptroom writes (Fountain, Final Draft or PDF)", opts.Format)}
	}
	sc, err := l.c.store.Script(model.ScriptID(id))
	if err != nil {
		return "", plain("Could not export the script", err)
	}
	path, err := runtime.SaveFileDialog(ctx, runtime.SaveDialogOptions{
		Title:           f.title,
		DefaultFilename: safeFileName(sc.Title) + f.ext,
		Filters:         []runtime.FileFilter{f.filter},
	})
	if err != nil {
		return "", plain("Could not open the file dialog", err)
	}
	if path == "" {
		return "", ErrCancelled
	}
	if filepath.Ext(path) == "" {
		path += f.ext
	}
	return path, l.exportFileAs(id, path, opts)
}

// exportFileAs writes a script's current text (its draft) to path in the
// format opts names, through a temporary file renamed over path. Long work
// reports its stages with EventTaskProgress.
func (l *Library) exportFileAs(id, path string, opts ExportOptions) error {
	doing := fmt.Sprintf("Could not export to %q", path)
	if opts.Format == "" {
		opts.Format = FormatFountain
	}
	if _, ok := exportFormats[opts.Format]; !ok {
		return &userError{msg: fmt.Sprintf("%s: %q is not a format Scriptroom writes (Fountain, Final Draft or PDF)", doing, opts.Format)}
	}
	sid := model.ScriptID(id)
	d, err := l.c.store.Draft(sid)
	if err != nil {
		return plain(doing, err)
	}
	progress := func(stage string, step int) {
		l.c.emit(EventTaskProgress, TaskProgress{Task: "export", ScriptID: id, Stage: stage, Step: step, Steps: 3})
	}
	defer progress("done", 3)
	switch opts.Format {
	case FormatFountain:
		return plain(doing, atomicfile.Write(path, []byte(d.Text)))
	case FormatFDX:
		progress("Reading the script", 1)
		var buf bytes.Buffer
		if err := fdx.Write(&buf, fountain.Parse(d.Text)); err != nil {
			return plain(doing, err)
		}
		progress("Writing the file", 2)
		return plain(doing, atomicfile.Write(path, buf.Bytes()))
	}
	// PDF.
	paper := screenplay.Letter
	if opts.Paper != "" {
		p, ok := screenplay.PaperByName(strings.ToLower(opts.Paper))
		if !ok {
			return &userError{msg: fmt.Sprintf("%s: the paper must be Letter or A4, not %q", doing, opts.Paper)}
		}
		paper = p
	}
	popts := pdf.Options{}
	if opts.Color != "" {
		c, ok := pdf.ColorName(pdf.RevisionColors(), opts.Color)
		if !ok {
			return &userError{msg: fmt.Sprintf("%s: %q is not a revision colour", doing, opts.Color)}
		}
		popts.Color = c
	}
	if opts.Base != "" {
		progress("Comparing with the chosen revision", 1)
		base, err := l.c.store.Revision(sid, model.RevisionID(opts.Base))
		if err != nil {
			return plain(doing+": the revision to mark changes against", err)
		}
		popts.Marks = pdf.Marks{Lines: pdf.ChangedLines(base.Text, d.Text)}
	}
	progress("Laying out pages", 1)
	doc := screenplay.Paginate(fountain.Parse(d.Text), screenplay.Options{Paper: paper, SceneNumbers: opts.SceneNumbers})
	progress(fmt.Sprintf("Printing %d pages", len(doc.Pages)), 2)
	var buf bytes.Buffer
	if err := pdf.Write(&buf, doc, popts); err != nil {
		return plain(doing, err)
	}
	return plain(doing, atomicfile.Write(path, buf.Bytes()))
}

// readScriptFile reads a screenplay file for import: Fountain (any text
// encoding, see textfile.Decode) or Final Draft (.fdx), which becomes
// Fountain. Notices say in plain words what was converted, approximated or
// skipped.
func readScriptFile(path string) (text string, notices []string, err error) {
	fi, err := os.Stat(path)
	if err != nil {
		return "", nil, err
	}
	if fi.IsDir() {
		return "", nil, errors.New("it is a folder, not a file")
	}
	if fi.Size() > textfile.MaxSize {
		return "", nil, fmt.Errorf("%w (%d bytes)", textfile.ErrTooLarge, fi.Size())
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		return "", nil, err
	}
	if strings.EqualFold(filepath.Ext(path), ".fdx") {
		s, rep, err := fdx.Read(bytes.NewReader(raw))
		if err != nil {
			return "", nil, err
		}
		for _, it := range rep.Items {
			notices = append(notices, "Final Draft import "+it.String())
		}
		return fountain.Write(s), notices, nil
	}
	dec, err := textfile.Decode(raw)
	if err != nil {
		return "", nil, err
	}
	return dec.Text, dec.Notices, nil
}
