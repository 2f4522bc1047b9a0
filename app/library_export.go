package app

import (
	"errors"
	"fmt"
	"path/filepath"

	"github.com/wailsapp/wails/v2/pkg/runtime"

	"github.com/scriptroom/scriptroom/internal/model"
	"github.com/scriptroom/scriptroom/internal/pdf"
	"github.com/scriptroom/scriptroom/internal/workspace"
)

// The formats a script can be exported to.
const (
	FormatFountain = workspace.FormatFountain
	FormatFDX      = workspace.FormatFDX
	FormatPDF      = workspace.FormatPDF
)

// ExportOptions say how to export a script. The zero value exports Fountain.
type ExportOptions struct {
	Format string `json:"format"` // "fountain", "fdx" or "pdf"; "" is Fountain
	// The rest apply to PDF only.
	Base         string `json:"base"`  // revision to mark changed lines against; "" for no marks
	Color        string `json:"color"` // revision colour for the page header, e.g. "Blue"; "" for none
	Paper        string `json:"paper"` // "letter" (default) or "a4"
	SceneNumbers bool   `json:"sceneNumbers"`
	// Locked prints a production draft of Base: its page and scene
	// numbers kept, Color ("" is Blue) and Date on the revised pages.
	Locked      bool   `json:"locked"`
	Date        string `json:"date"`        // YYYY-MM-DD; "" is today
	RevisedOnly bool   `json:"revisedOnly"` // a cover and the revised pages only
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

// ExportResult is what ExportAs did.
type ExportResult struct {
	// Path is the file written; "" when cancelled.
	Path string `json:"path"`
	// Cancelled is true when the writer closed the save dialog without
	// choosing a file: nothing was written, and nothing went wrong.
	Cancelled bool `json:"cancelled"`
	// Warnings name what the file could not show as the script has it
	// (characters no installed font has, printed as boxes in a PDF).
	Warnings []string `json:"warnings"`
}

// ExportAs asks where to save a script in the chosen format and saves it
// there.
func (l *Library) ExportAs(id string, opts ExportOptions) (ExportResult, error) {
	ctx := l.c.wailsContext()
	if ctx == nil {
		return ExportResult{}, errors.New("Could not export: no window is open")
	}
	if opts.Format == "" {
		opts.Format = FormatFountain
	}
	f, ok := exportFormats[opts.Format]
	if !ok {
		return ExportResult{}, &userError{msg: fmt.Sprintf("Could not export: %q is not a format Scriptroom writes (Fountain, Final Draft or PDF)", opts.Format)}
	}
	sc, err := l.c.store.Script(model.ScriptID(id))
	if err != nil {
		return ExportResult{}, plain("Could not export the script", err)
	}
	path, err := runtime.SaveFileDialog(ctx, runtime.SaveDialogOptions{
		Title:           f.title,
		DefaultFilename: safeFileName(sc.Title) + f.ext,
		Filters:         []runtime.FileFilter{f.filter},
	})
	if err != nil {
		return ExportResult{}, plain("Could not open the file dialog", err)
	}
	if path == "" {
		return ExportResult{Cancelled: true}, nil
	}
	if filepath.Ext(path) == "" {
		path += f.ext
	}
	warnings, err := l.exportFileAs(id, path, opts)
	if err != nil {
		return ExportResult{}, err
	}
	return ExportResult{Path: path, Warnings: warnings}, nil
}

// exportFileAs writes a script's current text (its draft) to path in the
// format opts names (workspace.Export) and returns its warnings. Long work
// reports its stages with EventTaskProgress.
func (l *Library) exportFileAs(id, path string, opts ExportOptions) ([]string, error) {
	progress := func(stage string, step int) {
		l.c.emit(EventTaskProgress, TaskProgress{Task: "export", ScriptID: id, Stage: stage, Step: step, Steps: workspace.ExportSteps})
	}
	wopts := workspace.ExportOptions{
		Format: opts.Format, Base: model.RevisionID(opts.Base), Color: opts.Color,
		Paper: opts.Paper, SceneNumbers: opts.SceneNumbers,
		Locked: opts.Locked, Date: opts.Date, RevisedOnly: opts.RevisedOnly,
	}
	if !opts.Locked {
		// A script locked for production prints as its production draft.
		prod, err := l.c.productionOf(model.ScriptID(id))
		if err != nil {
			return nil, plain(fmt.Sprintf("Could not export to %q", path), err)
		}
		if prod.Locked {
			wopts.Production = &prod
		}
	}
	rep, err := l.c.ws.Export(model.ScriptID(id), path, wopts, progress)
	if err != nil {
		return nil, plain(fmt.Sprintf("Could not export to %q", path), err)
	}
	return rep.Warnings, nil
}
