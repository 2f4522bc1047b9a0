package workspace

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/scriptroom/scriptroom/internal/model"
	"github.com/scriptroom/scriptroom/internal/scriptfile"
)

// Imported is a script made from a file, and what was converted on the way.
type Imported struct {
	Script model.Script
	// Notices say in plain words what was converted, approximated or
	// skipped (a Final Draft import's items start "Final Draft import").
	Notices []string
}

// Import reads the screenplay file at path (scriptfile.Read: Fountain in
// any text encoding, or Final Draft) as a new script with a first revision.
// The title comes from the title page, else the file's name. A file that
// cannot be read adds nothing to the library.
func (w *Workspace) Import(path string) (Imported, error) {
	f, err := scriptfile.Read(path)
	if err != nil {
		return Imported{}, err
	}
	return w.importFile(filepath.Base(path), f)
}

// ImportUpload imports the text the page sent in parts under upload (a
// file dropped on the window, read in the page) as Import does a file
// called name: its extension says whether it is Final Draft or Fountain.
func (w *Workspace) ImportUpload(name, upload string, sum TextSum) (Imported, error) {
	text, err := w.uploads.Take(upload, sum)
	if err != nil {
		return Imported{}, err
	}
	name = filepath.Base(filepath.Clean("/" + name))
	f, err := scriptfile.Decode(scriptfile.FormatOf(name), []byte(text))
	if err != nil {
		return Imported{}, err
	}
	return w.importFile(name, f)
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
	if _, err := w.Commit(sc.ID, f.Text, "Imported from "+name); err != nil {
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
