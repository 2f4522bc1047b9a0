package workspace

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"github.com/scriptroom/scriptroom/internal/model"
	"github.com/scriptroom/scriptroom/internal/production"
	"github.com/scriptroom/scriptroom/internal/scriptfile"
)

// Imported is a script made from a file, and what was converted on the way.
type Imported struct {
	Script model.Script
	// Notices say in plain words what was converted, approximated or
	// skipped (a Final Draft import's items start "Final Draft import").
	Notices []string
	// Existing is true when OpenFile found the file already imported
	// from the same path: the script was opened, nothing was imported.
	Existing bool
}

// settingImportSource prefixes the setting that maps a file's absolute
// path to the script imported from it, so that opening the same file
// again (a double-click on it) opens that script.
const settingImportSource = "import.source:"

// Import reads the screenplay file at path (scriptfile.Read: Fountain in
// any text encoding, or Final Draft) as a new script with a first revision.
// The title comes from the title page, else the file's name. A file that
// cannot be read adds nothing to the library. A file whose name is not a
// screenplay's (scriptfile.CheckImportable) or that is empty
// (scriptfile.ErrEmpty) is refused before it is read.
func (w *Workspace) Import(path string) (Imported, error) {
	if err := scriptfile.CheckImportable(path); err != nil {
		return Imported{}, err
	}
	raw, err := scriptfile.Load(path)
	if err != nil {
		return Imported{}, err
	}
	im, err := w.ImportData(filepath.Base(path), raw)
	if err != nil {
		return Imported{}, err
	}
	if abs, err := filepath.Abs(path); err == nil {
		// Only a shortcut for OpenFile: the import stands without it.
		_ = w.store.PutSetting(settingImportSource+abs, string(im.Script.ID))
	}
	return im, nil
}

// OpenFile is a file handed to the app to open (on its command line, by a
// double-click): the script imported from the same path before, if it is
// still in the library and not in the trash, else a new import.
func (w *Workspace) OpenFile(path string) (Imported, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return Imported{}, err
	}
	if id, err := w.store.Setting(settingImportSource + abs); err == nil && id != "" {
		if sc, err := w.store.Script(model.ScriptID(id)); err == nil && sc.Trashed.IsZero() {
			return Imported{Script: sc, Existing: true}, nil
		}
	}
	return w.Import(abs)
}

// ImportData is Import for a file's name and bytes, handed over without
// its path (a file dropped on the window and read by the page). name gives
// the format (scriptfile.FormatOf) and the title when the file has no
// title page.
func (w *Workspace) ImportData(name string, raw []byte) (Imported, error) {
	name = filepath.Base(name)
	if err := scriptfile.CheckImportable(name); err != nil {
		return Imported{}, err
	}
	if err := scriptfile.CheckContent(raw); err != nil {
		return Imported{}, err
	}
	f, err := scriptfile.Decode(scriptfile.FormatOf(name), raw)
	if err != nil {
		return Imported{}, err
	}
	if strings.TrimSpace(f.Text) == "" {
		return Imported{}, scriptfile.ErrEmpty // a Final Draft file without paragraphs
	}
	return w.importFile(name, f)
}

// ImportUpload imports the text the page sent in parts under upload (a
// file dropped on the window, read in the page as text) as ImportData does
// a file called name.
func (w *Workspace) ImportUpload(name, upload string, sum TextSum) (Imported, error) {
	text, err := w.uploads.Take(upload, sum)
	if err != nil {
		return Imported{}, err
	}
	return w.ImportData(filepath.Base(filepath.Clean("/"+name)), []byte(text))
}

// importFile adds f, read from a file called name, as a new script.
func (w *Workspace) importFile(name string, f *scriptfile.File) (Imported, error) {
	notices := append([]string{}, f.Notices...)
	if f.Format == scriptfile.FinalDraft {
		for i, n := range notices {
			notices[i] = "Final Draft import " + n
		}
	}
	title := TitleOf(f.Text)
	if title == "" {
		title = strings.TrimSuffix(name, filepath.Ext(name))
	}
	sc, err := w.Create(title, f.Text)
	if err != nil {
		return Imported{}, err
	}
	// Final Draft's locked pages, or text its revision sets marked: the
	// script comes in locked (a lone place of cut text does not lock it).
	if p := f.Production; p != nil && (len(p.LockedPages) > 0 || len(p.Revised) > 0) {
		n, err := w.importProduction(sc.ID, name, f)
		if err != nil {
			return Imported{}, err
		}
		notices = append(notices, n...)
	}
	if _, err := w.Commit(sc.ID, f.Text, "Imported from "+name); err != nil && !errors.Is(err, ErrNoChanges) {
		return Imported{}, fmt.Errorf("record the first revision: %w", err)
	}
	sc, err = w.store.Script(sc.ID)
	if err != nil {
		return Imported{}, err
	}
	return Imported{Script: sc, Notices: notices}, nil
}

// TitleOf returns the Title: value of a Fountain title page, if any. A title
// page is the run of "Key: value" lines (values may continue on indented
// lines) at the very top of the file, up to the first blank line.
func TitleOf(text string) string {
	lines := strings.Split(strings.TrimLeft(text, "\n"), "\n")
	clean := strings.NewReplacer("*", "", "_", "")
	for i := 0; i < len(lines) && strings.TrimSpace(lines[i]) != ""; i++ {
		line := lines[i]
		if line[0] == ' ' || line[0] == '\t' {
			continue // continuation of the previous key's value
		}
		k, v, ok := strings.Cut(line, ":")
		if !ok {
			return "" // not a title page
		}
		if !strings.EqualFold(strings.TrimSpace(k), "title") {
			continue
		}
		parts := []string{strings.TrimSpace(clean.Replace(v))}
		for _, r := range lines[i+1:] {
			if r == "" || (r[0] != ' ' && r[0] != '\t') || strings.TrimSpace(r) == "" {
				break
			}
			parts = append(parts, strings.TrimSpace(clean.Replace(r)))
		}
		return strings.TrimSpace(strings.Join(parts, " "))
	}
	return ""
}

// importProduction records a Final Draft production draft as Final Draft
// had it (production.FromFDX): the locked draft and the text each set
// started from as revisions, the script locked at the first and each set
// started at its own, so its numbers and marks are the file's. The
// imported text itself is committed after. It returns the notices.
func (w *Workspace) importProduction(id model.ScriptID, name string, f *scriptfile.File) ([]string, error) {
	fd := production.FromFDX(f.Script(), f.Production)
	commit := func(text, msg string) (model.RevisionID, error) {
		info, err := w.Commit(id, text, msg)
		if errors.Is(err, ErrNoChanges) {
			sc, err := w.store.Script(id)
			return sc.Head, err
		}
		if err != nil {
			return "", fmt.Errorf("record the production draft's revisions: %w", err)
		}
		return info.ID, nil
	}
	base, err := commit(fd.Base, "Imported from "+name+": the locked draft, before its revision sets")
	if err != nil {
		return nil, err
	}
	var pages []model.LockedPage
	var badLabels []string
	for _, lp := range fd.Pages {
		p := model.LockedPage{Label: lp.Label, Element: lp.Element, Offset: lp.Offset}
		if err := (model.ProductionPayload{Op: model.ProductionLock, Revision: base, Pages: []model.LockedPage{p}}).Validate(); err != nil {
			badLabels = append(badLabels, fmt.Sprintf("%.20q", lp.Label))
			continue
		}
		pages = append(pages, p)
	}
	tooMany := len(pages) > model.MaxLockedPages
	if tooMany {
		pages = nil
	}
	changes := []model.ProductionPayload{{Op: model.ProductionLock, Revision: base, Pages: pages}}
	var names []string
	for _, st := range fd.Sets {
		from, err := commit(st.From, "Imported from "+name+": before the "+st.Set.Name+" revisions")
		if err != nil {
			return nil, err
		}
		day := st.Set.Date
		if day.IsZero() {
			day = w.Now()
		}
		changes = append(changes, model.ProductionPayload{Op: model.ProductionSet, Revision: from,
			Set: &model.RevisionSetInfo{Name: st.Set.Name, Color: st.Set.Color, Date: day.Format(time.DateOnly)}})
		names = append(names, st.Set.Name)
	}
	for _, pl := range changes {
		if _, err := w.ChangeProduction(id, pl); err != nil {
			return nil, fmt.Errorf("lock the imported production draft: %w", err)
		}
	}
	n := "Final Draft import: locked for production as the file was"
	if len(names) > 0 {
		n += ", with its revision sets " + strings.Join(names, ", ")
	}
	out := []string{n + "; the texts before each set are in the history, rebuilt from the file's revision marks (text it cut is not in the file)"}
	if len(pages) > 0 {
		out = append(out, fmt.Sprintf("Final Draft import: its %d locked pages keep their numbers and where they start", len(pages)))
	}
	if len(badLabels) > 0 {
		out = append(out, fmt.Sprintf("Final Draft import: locked pages labelled %s are left out (a label is 1 to %d characters)", strings.Join(badLabels, ", "), model.MaxPageLabel))
	}
	if tooMany {
		out = append(out, fmt.Sprintf("Final Draft import: more than %d locked pages, so its pages are numbered afresh", model.MaxLockedPages))
	}
	if fd.PagesLeft > 0 {
		out = append(out, fmt.Sprintf("Final Draft import: %d locked pages that held only revised text are left out; their text prints on the page before", fd.PagesLeft))
	}
	if fd.Kept > 0 {
		out = append(out, fmt.Sprintf("Final Draft import: %d revised runs inside styled text are kept unmarked", fd.Kept))
	}
	return out, nil
}
