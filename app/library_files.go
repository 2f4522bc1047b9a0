package app

import (
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/scriptroom/scriptroom/internal/fdx"
	"github.com/scriptroom/scriptroom/internal/scriptfile"
	"github.com/scriptroom/scriptroom/internal/textfile"
	"github.com/scriptroom/scriptroom/internal/workspace"
)

// Files reach the library three ways besides the Import dialog:
//
//   - dropped on the window: the page reads each file and sends its bytes in
//     chunks (ImportStart, ImportChunk, ImportFinish), never its path. The
//     page owns drops on every platform: under WebKitGTK the native file
//     drop of Wails fires as well as the page's drop event, so using both
//     would import every file twice, and the dev server has no native drop.
//   - given on the command line (a double-click on a script file runs
//     `scriptroom FILE`): main.go calls App.OpenFiles before the window
//     opens, and the page shows the results (Opened).
//   - opened while the app runs: the second launch hands its arguments to
//     this one (Wails's single-instance lock) and App.OpenFiles takes them.

// Limits on files sent by the page.
const (
	// maxUploads is how many dropped files may be on their way at once.
	maxUploads = 16
	// uploadIdle is how long a file being sent may wait for its next chunk
	// before it is forgotten (the page was closed in the middle).
	uploadIdle = 10 * time.Minute
	// maxChunk is the largest chunk ImportChunk takes, base64 encoded; the
	// page sends 36 KB (48 KB encoded), under the dev server's 64 KB.
	maxChunk = 64 * 1024
)

var (
	errUploadGone       = errors.New("the transfer was interrupted; drop the file again")
	errUploadDamaged    = errors.New("the file arrived damaged; drop it again")
	errUploadIncomplete = errors.New("only part of the file arrived; drop it again")
	errTooManyUploads   = errors.New("too many files are on their way at once; drop fewer files at a time")
)

// upload is a dropped file on its way from the page.
type upload struct {
	name    string
	size    int
	data    []byte
	touched time.Time
}

// files is what Library holds for files arriving: uploads from the page,
// and the files opened from the command line not yet shown.
type files struct {
	mu      sync.Mutex
	uploads map[string]*upload
	opened  []OpenedFile // the last maxOpened, oldest first
	seq     int
}

// maxOpened is how many opened files are remembered for Opened.
const maxOpened = 100

// OpenedFile is a file given to the app to open (on its command line, or a
// script file opened while the app runs): the script it is in, or why it
// could not be imported.
type OpenedFile struct {
	// Seq numbers the files opened since the app started, from 1.
	Seq int `json:"seq"`
	// Name is the file's name, without its folder.
	Name     string `json:"name"`
	ScriptID string `json:"scriptId"`
	Title    string `json:"title"`
	// Existing is true when the file had been imported from the same path
	// before: that script was opened, nothing was imported.
	Existing bool     `json:"existing"`
	Notices  []string `json:"notices"`
	// Error says in plain words why the file was not imported; "" when it
	// was.
	Error string `json:"error"`
}

// ImportStart announces a dropped file of size bytes called name (its name
// only: the page never sends a path) and returns the id its chunks are
// sent with. A file Scriptroom does not import, an empty one or one over
// 10 MB is refused here, before anything is sent.
func (l *Library) ImportStart(name string, size int) (string, error) {
	name = baseName(name)
	if err := scriptfile.CheckImportable(name); err != nil {
		return "", importError(name, err)
	}
	if size <= 0 {
		return "", importError(name, scriptfile.ErrEmpty)
	}
	if size > textfile.MaxSize {
		return "", importError(name, textfile.ErrTooLarge)
	}
	var b [12]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", importError(name, err)
	}
	id := hex.EncodeToString(b[:])
	now := l.c.now()
	l.files.mu.Lock()
	defer l.files.mu.Unlock()
	if l.files.uploads == nil {
		l.files.uploads = map[string]*upload{}
	}
	for k, u := range l.files.uploads {
		if now.Sub(u.touched) > uploadIdle {
			delete(l.files.uploads, k)
		}
	}
	if len(l.files.uploads) >= maxUploads {
		return "", importError(name, errTooManyUploads)
	}
	l.files.uploads[id] = &upload{name: name, size: size, data: make([]byte, 0, size), touched: now}
	return id, nil
}

// ImportChunk adds the next part of a dropped file, base64 encoded, and
// returns how many bytes have arrived.
func (l *Library) ImportChunk(id, chunk string) (int, error) {
	l.files.mu.Lock()
	defer l.files.mu.Unlock()
	u := l.files.uploads[id]
	if u == nil {
		return 0, importError("", errUploadGone)
	}
	raw, err := base64.StdEncoding.DecodeString(chunk)
	if err != nil || len(chunk) > maxChunk || len(u.data)+len(raw) > u.size {
		delete(l.files.uploads, id)
		return 0, importError(u.name, errUploadDamaged)
	}
	u.data = append(u.data, raw...)
	u.touched = l.c.now()
	return len(u.data), nil
}

// ImportFinish imports a dropped file once all of it has arrived, as a new
// script with a first revision (workspace.ImportData).
func (l *Library) ImportFinish(id string) (ImportResult, error) {
	l.files.mu.Lock()
	u := l.files.uploads[id]
	delete(l.files.uploads, id)
	l.files.mu.Unlock()
	if u == nil {
		return ImportResult{}, importError("", errUploadGone)
	}
	if len(u.data) != u.size {
		return ImportResult{}, importError(u.name, errUploadIncomplete)
	}
	im, err := l.c.ws.ImportData(u.name, u.data)
	if err != nil {
		return ImportResult{}, importError(u.name, err)
	}
	l.c.emit(EventLibraryChanged, LibraryChanged{ScriptID: string(im.Script.ID)})
	return ImportResult{Script: l.info(im.Script), Notices: im.Notices}, nil
}

// Opened returns the files given to the app to open (see App.OpenFiles)
// numbered after after (their Seq): a page passes the last one it showed,
// so each page shows each file once, however many pages are open.
func (l *Library) Opened(after int) ([]OpenedFile, error) {
	l.files.mu.Lock()
	defer l.files.mu.Unlock()
	out := []OpenedFile{}
	for _, f := range l.files.opened {
		if f.Seq > after {
			out = append(out, f)
		}
	}
	return out, nil
}

// openFiles imports the files at paths, or finds them already imported
// from the same path (workspace.OpenFile), and keeps the results for
// Opened. It returns the results.
func (l *Library) openFiles(paths []string) []OpenedFile {
	var out []OpenedFile
	for _, p := range paths {
		f := OpenedFile{Name: filepath.Base(p), Notices: []string{}}
		im, err := l.c.ws.OpenFile(p)
		if err != nil {
			f.Error = importError(f.Name, err).Error()
		} else {
			f.ScriptID, f.Title, f.Existing = string(im.Script.ID), im.Script.Title, im.Existing
			f.Notices = append(f.Notices, im.Notices...)
			if !im.Existing {
				l.c.emit(EventLibraryChanged, LibraryChanged{ScriptID: f.ScriptID})
			}
		}
		out = append(out, f)
	}
	l.files.mu.Lock()
	for i := range out {
		l.files.seq++
		out[i].Seq = l.files.seq
	}
	l.files.opened = append(l.files.opened, out...)
	if n := len(l.files.opened); n > maxOpened {
		l.files.opened = slices.Clone(l.files.opened[n-maxOpened:])
	}
	l.files.mu.Unlock()
	return out
}

// baseName is the name part of a file name the page sends, at most 255
// characters; never a path.
func baseName(name string) string {
	name = strings.TrimSpace(name)
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		name = name[i+1:]
	}
	if utf8.RuneCountInString(name) > 255 {
		name = string([]rune(name)[:255])
	}
	if name == "" || name == "." || name == ".." {
		return "file"
	}
	return name
}

// fdxLine finds the line a Final Draft file breaks at in fdx's error.
var fdxLine = regexp.MustCompile(`line (\d+)`)

// importError words why the file called name ("" when unknown) could not
// be imported, for the writer: the file's name, then what was wrong in
// words they can act on, never a Go error such as "stat …: no such file or
// directory".
func importError(name string, err error) error {
	doing := fmt.Sprintf("Could not import “%s”", name)
	if name == "" {
		doing = "Could not import the file"
	}
	var why string
	var pathErr *fs.PathError
	switch {
	case errors.Is(err, fs.ErrNotExist):
		why = "the file is not there any more (it may have been moved, renamed or deleted)"
	case errors.Is(err, fs.ErrPermission):
		why = "Scriptroom is not allowed to read it; check who may read the file"
	case errors.Is(err, scriptfile.ErrUnsupported):
		what := "its name has no extension"
		if ext := filepath.Ext(name); ext != "" {
			what = "it is a " + strings.ToLower(ext) + " file"
		}
		why = what + "; Scriptroom imports Fountain (.fountain, .spmd, .txt) and Final Draft (.fdx) files"
	case errors.Is(err, scriptfile.ErrEmpty):
		why = "the file is empty"
	case errors.Is(err, fdx.ErrMalformed):
		at := ""
		if m := fdxLine.FindStringSubmatch(err.Error()); m != nil {
			at = " at line " + m[1]
		}
		why = "the Final Draft file is damaged (its XML breaks off" + at + "); open it in Final Draft and save it again"
	case errors.Is(err, fdx.ErrNotFDX), errors.Is(err, fdx.ErrTooLarge):
		why = "it is not a Final Draft file, though its name ends in .fdx"
	case errors.Is(err, errUploadGone), errors.Is(err, errUploadDamaged),
		errors.Is(err, errUploadIncomplete), errors.Is(err, errTooManyUploads):
		why = err.Error()
	case errors.Is(err, scriptfile.ErrFolder), errors.Is(err, textfile.ErrTooLarge),
		errors.Is(err, textfile.ErrBinary), errors.Is(err, workspace.ErrTextTooLarge):
		return plain(doing, err)
	case errors.As(err, &pathErr):
		why = "the file could not be read (" + pathErr.Err.Error() + ")"
	default:
		return plain(doing, err)
	}
	return &userError{msg: doing + ": " + why, err: err}
}

// FileArgs are the files named on the app's command line: its arguments
// without the flags (the dev build's -devserver ADDR, -assetdir DIR and
// the like, each followed by its value unless written -flag=value).
// Everything after "--" is a file.
func FileArgs(args []string) []string {
	var out []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--":
			return append(out, args[i+1:]...)
		case a == "" || a == "-":
		case strings.HasPrefix(a, "-"):
			if !strings.Contains(a, "=") {
				i++ // the flag's value
			}
		default:
			out = append(out, a)
		}
	}
	return out
}
