package app

import (
	"errors"
	"path/filepath"
	"strings"
	"time"

	"github.com/wailsapp/wails/v2/pkg/runtime"

	"github.com/scriptroom/scriptroom/internal/model"
	"github.com/scriptroom/scriptroom/internal/screenplay"
	"github.com/scriptroom/scriptroom/internal/workspace"
)

// Library lists, creates, renames, trashes, imports and exports scripts.
type Library struct {
	c     *Core
	files files // files arriving: dropped on the window, or opened (library_files.go)
}

// NewLibrary makes the Library service.
func NewLibrary(c *Core) *Library { return &Library{c: c} }

// ScriptInfo is a script as the library list shows it.
type ScriptInfo struct {
	ID       string    `json:"id"`
	Title    string    `json:"title"`
	Created  time.Time `json:"created"`
	Modified time.Time `json:"modified"`
	Head     string    `json:"head"`
	Trashed  bool      `json:"trashed"`
}

// ImportResult is an imported script and what was converted on the way.
type ImportResult struct {
	Script  ScriptInfo `json:"script"`
	Notices []string   `json:"notices"`
	// Cancelled is true when the writer closed the file dialog without
	// choosing a file: nothing was imported, and nothing went wrong.
	Cancelled bool `json:"cancelled"`
}

func (l *Library) info(sc model.Script) ScriptInfo {
	return ScriptInfo{
		ID: string(sc.ID), Title: sc.Title, Created: sc.Created, Modified: sc.Modified,
		Head: string(sc.Head), Trashed: !sc.Trashed.IsZero(),
	}
}

// Figures are a text's words and the pages it prints on: of the script's
// draft (ID a script id), or of a revision (ID a revision id).
type Figures struct {
	ID    string `json:"id"`
	Words int    `json:"words"`
	// Pages is the PDF export's page count for the paper asked for.
	Pages int `json:"pages"`
}

func figuresOf(id string, st screenplay.Stats) Figures {
	return Figures{ID: id, Words: st.Words, Pages: st.Pages}
}

// Figures are the words of each script's draft and the pages it prints on
// with paper ("letter" or "a4"), the PDF export's count: the library lists
// the scripts at once (List) and shows these as they come. A script no
// longer in the library (deleted meanwhile) is left out.
func (l *Library) Figures(ids []string, paper string) ([]Figures, error) {
	out := make([]Figures, 0, len(ids))
	for _, id := range ids {
		st, err := l.c.ws.DraftFigures(model.ScriptID(id), paper)
		if isNotFound(err) {
			continue
		}
		if err != nil {
			return nil, plain("Could not count the pages", err)
		}
		out = append(out, figuresOf(id, st))
	}
	return out, nil
}

func (l *Library) list(trashed bool) ([]ScriptInfo, error) {
	all, err := l.c.store.Scripts()
	if err != nil {
		return nil, plain("Could not read the library", err)
	}
	out := []ScriptInfo{}
	for _, sc := range all {
		if sc.Trashed.IsZero() != trashed {
			out = append(out, l.info(sc))
		}
	}
	return out, nil
}

// List returns the scripts not in the trash, most recently modified first.
func (l *Library) List() ([]ScriptInfo, error) { return l.list(false) }

// Trash returns the scripts in the trash, most recently modified first.
func (l *Library) Trash() ([]ScriptInfo, error) { return l.list(true) }

// Create makes an empty script called title.
func (l *Library) Create(title string) (ScriptInfo, error) {
	sc, err := l.create(title, "")
	if err != nil {
		return ScriptInfo{}, plain("Could not create the script", err)
	}
	return l.info(sc), nil
}

func (l *Library) create(title, text string) (model.Script, error) {
	return l.c.ws.Create(title, text)
}

// Rename gives a script a new title.
func (l *Library) Rename(id, title string) (ScriptInfo, error) {
	doing := "Could not rename the script"
	t, err := model.CleanTitle(title)
	if err != nil {
		return ScriptInfo{}, plain(doing, err)
	}
	sc, err := l.update(model.ScriptID(id), func(sc *model.Script) error {
		sc.Title = t
		return nil
	})
	if err != nil {
		return ScriptInfo{}, plain(doing, err)
	}
	return l.info(sc), nil
}

// update applies change to a script under the write lock and stores it.
func (l *Library) update(id model.ScriptID, change func(*model.Script) error) (model.Script, error) {
	return l.c.ws.Update(id, change)
}

// MoveToTrash moves a script to the trash, from where it can be restored.
func (l *Library) MoveToTrash(id string) (ScriptInfo, error) {
	sc, err := l.update(model.ScriptID(id), func(sc *model.Script) error {
		sc.Trashed = l.c.now().UTC()
		return nil
	})
	if err != nil {
		return ScriptInfo{}, plain("Could not move the script to the trash", err)
	}
	return l.info(sc), nil
}

// RestoreFromTrash brings a script back from the trash.
func (l *Library) RestoreFromTrash(id string) (ScriptInfo, error) {
	sc, err := l.update(model.ScriptID(id), func(sc *model.Script) error {
		sc.Trashed = time.Time{}
		return nil
	})
	if err != nil {
		return ScriptInfo{}, plain("Could not restore the script", err)
	}
	return l.info(sc), nil
}

// DeleteForever removes a script in the trash with all its history.
func (l *Library) DeleteForever(id string) (bool, error) {
	doing := "Could not delete the script"
	l.c.writeMu.Lock()
	defer l.c.writeMu.Unlock()
	sc, err := l.c.store.Script(model.ScriptID(id))
	if err != nil {
		return false, plain(doing, err)
	}
	if sc.Trashed.IsZero() {
		return false, plain(doing, ErrNotInTrash)
	}
	if err := l.c.store.PurgeScript(sc.ID); err != nil {
		return false, plain(doing, err)
	}
	return true, nil
}

// Import asks for a Fountain file with the native open dialog and imports it.
func (l *Library) Import() (ImportResult, error) {
	ctx := l.c.wailsContext()
	if ctx == nil {
		return ImportResult{}, errors.New("Could not import: no window is open")
	}
	path, err := runtime.OpenFileDialog(ctx, runtime.OpenDialogOptions{
		Title: "Import a screenplay",
		Filters: []runtime.FileFilter{
			{DisplayName: "Screenplays (*.fountain, *.fdx, *.spmd, *.txt)", Pattern: "*.fountain;*.fdx;*.spmd;*.txt"},
			{DisplayName: "Fountain (*.fountain, *.spmd, *.txt)", Pattern: "*.fountain;*.spmd;*.txt"},
			{DisplayName: "Final Draft (*.fdx)", Pattern: "*.fdx"},
		},
	})
	if err != nil {
		return ImportResult{}, plain("Could not open the file dialog", err)
	}
	if path == "" {
		return ImportResult{Cancelled: true}, nil
	}
	return l.importFile(path)
}

// ImportUpload imports a file the page read (dropped on the window) and
// sent in parts under upload (Editor.SendPart); name is the file's name,
// whose extension says whether it is Final Draft (.fdx) or Fountain.
func (l *Library) ImportUpload(name, upload string, sum workspace.TextSum) (ImportResult, error) {
	im, err := l.c.ws.ImportUpload(name, upload, sum)
	if err != nil {
		return ImportResult{}, importError(baseName(name), err)
	}
	l.c.emit(EventLibraryChanged, LibraryChanged{ScriptID: string(im.Script.ID)})
	return ImportResult{Script: l.info(im.Script), Notices: im.Notices}, nil
}

// importFile imports the Fountain or Final Draft (.fdx) file at path as a
// new script with a first revision (workspace.Import).
func (l *Library) importFile(path string) (ImportResult, error) {
	im, err := l.c.ws.Import(path)
	if err != nil {
		return ImportResult{}, importError(filepath.Base(path), err)
	}
	l.c.emit(EventLibraryChanged, LibraryChanged{ScriptID: string(im.Script.ID)})
	return ImportResult{Script: l.info(im.Script), Notices: im.Notices}, nil
}

// exportFile writes a script's current text (its draft) to path as Fountain.
// It writes a temporary file beside path and renames it, so a failure never
// leaves half a file where a good one was.
func (l *Library) exportFile(id, path string) error {
	_, err := l.exportFileAs(id, path, ExportOptions{Format: FormatFountain})
	return err
}

func safeFileName(title string) string {
	r := strings.NewReplacer("/", "-", "\\", "-", ":", "-", "*", "", "?", "", "\"", "", "<", "", ">", "", "|", "")
	s := strings.TrimSpace(r.Replace(title))
	if s == "" {
		return "screenplay"
	}
	return s
}
