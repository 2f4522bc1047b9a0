package app

import (
	"encoding/base64"
	"fmt"
	"os"
	"os/user"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/scriptroom/scriptroom/internal/model"
	"github.com/scriptroom/scriptroom/internal/textfile"
)

const smallFDX = `<?xml version="1.0" encoding="UTF-8"?>
<FinalDraft DocumentType="Script" Template="No" Version="5">
<Content>
<Paragraph Type="Scene Heading"><Text>INT. DINER - NIGHT</Text></Paragraph>
<Paragraph Type="Action"><Text>Rain on the glass.</Text></Paragraph>
<Paragraph Type="Character"><Text>EDWARD</Text></Paragraph>
<Paragraph Type="Dialogue"><Text>Coffee.</Text></Paragraph>
</Content>
</FinalDraft>
`

// goWords are bits of Go errors a writer must never read.
var goWords = []string{"stat /", "open /", "no such file", "fdx:", "%!", "errno", "syntax error", "EOF", "<nil>"}

// checkPlain fails unless err names the file and says want, in plain words.
func checkPlain(t *testing.T, what string, err error, name, want string) {
	t.Helper()
	if err == nil {
		t.Errorf("%s: no error", what)
		return
	}
	msg := err.Error()
	if !strings.Contains(msg, "“"+name+"”") || !strings.Contains(msg, want) {
		t.Errorf("%s: %q, want it to name “%s” and say %q", what, msg, name, want)
	}
	for _, w := range goWords {
		if strings.Contains(msg, w) {
			t.Errorf("%s: %q has %q in it", what, msg, w)
		}
	}
}

// TestImportErrorsInPlainWords: every file a writer may hand the app that
// it cannot import is refused naming the file and what was wrong, in words
// they can act on, and adds nothing to the library.
func TestImportErrorsInPlainWords(t *testing.T) {
	c := newTestCore(t)
	lib := NewLibrary(c)
	dir := t.TempDir()
	file := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	huge := file("huge.fountain", nil)
	os.Truncate(huge, textfile.MaxSize+1)
	os.Mkdir(filepath.Join(dir, "act one.fountain"), 0o700)
	for _, tc := range []struct{ name, path, want string }{
		{"gone.fountain", filepath.Join(dir, "gone.fountain"), "the file is not there any more"},
		{"act one.fountain", filepath.Join(dir, "act one.fountain"), "it is a folder, not a file"},
		{"script.pdf", file("script.pdf", []byte("%PDF-1.4")), "it is a .pdf file; Scriptroom imports Fountain (.fountain, .spmd, .txt) and Final Draft (.fdx) files"},
		{"NOTES", file("NOTES", []byte("FADE IN:")), "its name has no extension"},
		{"empty.fountain", file("empty.fountain", nil), "the file is empty"},
		{"empty.fdx", file("empty.fdx", []byte("  \n")), "the file is empty"},
		{"broken.fdx", file("broken.fdx", []byte("<FinalDraft>\n<Content>\n<Paragraph Type=\"Action\"><Text>cut</Content>")), "the Final Draft file is damaged (its XML breaks off at line 3); open it in Final Draft and save it again"},
		{"page.fdx", file("page.fdx", []byte("<html><body>hi</body></html>")), "it is not a Final Draft file"},
		{"song.txt", file("song.txt", []byte("ID3\x00\x00binary")), "it is not a text file"},
		{"huge.fountain", huge, "larger than 10 MB"},
	} {
		_, err := lib.importFile(tc.path)
		checkPlain(t, tc.name, err, tc.name, tc.want)
	}
	locked := file("locked.fountain", []byte("FADE IN:"))
	os.Chmod(locked, 0)
	if f, err := os.Open(locked); err == nil {
		f.Close() // root reads any file
	} else {
		_, err := lib.importFile(locked)
		checkPlain(t, "unreadable", err, "locked.fountain", "Scriptroom is not allowed to read it")
	}
	if list, _ := lib.List(); len(list) != 1 {
		t.Errorf("library has %d scripts, want the demo only", len(list))
	}
}

// send sends raw as the page does: ImportStart, base64 chunks of at most
// chunk bytes, ImportFinish.
func send(t *testing.T, lib *Library, name string, raw []byte, chunk int) (ImportResult, error) {
	t.Helper()
	id, err := lib.ImportStart(name, len(raw))
	if err != nil {
		return ImportResult{}, err
	}
	for i := 0; i < len(raw); i += chunk {
		part := raw[i:min(i+chunk, len(raw))]
		got, err := lib.ImportChunk(id, base64.StdEncoding.EncodeToString(part))
		if err != nil {
			return ImportResult{}, err
		}
		if got != i+len(part) {
			t.Fatalf("ImportChunk says %d bytes arrived, want %d", got, i+len(part))
		}
	}
	return lib.ImportFinish(id)
}

// TestDroppedFile: a file dropped on the window arrives as its name and
// bytes in chunks and is imported as the Import dialog does; what cannot
// be imported is refused in plain words, the unsupported, empty and too
// big before any byte is sent.
func TestDroppedFile(t *testing.T) {
	c := newTestCore(t)
	lib := NewLibrary(c)
	res, err := send(t, lib, "/home/nora/Late Shift.fdx", []byte(smallFDX), 100)
	if err != nil {
		t.Fatal(err)
	}
	if res.Script.Title != "Late Shift" || res.Script.Head == "" {
		t.Fatalf("import = %+v", res.Script)
	}
	doc, err := NewEditor(c).Open(res.Script.ID)
	if err != nil || !strings.Contains(doc.Text, "EDWARD\nCoffee.") || !doc.Committed {
		t.Fatalf("imported text = %q, %v", doc.Text, err)
	}
	revs, _ := NewHistory(c).List(res.Script.ID)
	if len(revs) != 1 || revs[0].Message != "Imported from Late Shift.fdx" {
		t.Errorf("history = %+v", revs)
	}

	_, err = lib.ImportStart("Script.PDF", 1000)
	checkPlain(t, "pdf", err, "Script.PDF", "it is a .pdf file")
	_, err = lib.ImportStart("empty.fountain", 0)
	checkPlain(t, "empty", err, "empty.fountain", "the file is empty")
	_, err = lib.ImportStart("huge.fountain", textfile.MaxSize+1)
	checkPlain(t, "huge", err, "huge.fountain", "larger than 10 MB")
	_, err = send(t, lib, "blank.txt", []byte("\n \n"), 10)
	checkPlain(t, "blank", err, "blank.txt", "the file is empty")
	_, err = send(t, lib, "cut.fdx", []byte("<FinalDraft><Content><Paragraph>"), 8)
	checkPlain(t, "cut", err, "cut.fdx", "the Final Draft file is damaged")

	id, _ := lib.ImportStart("short.fountain", 100)
	lib.ImportChunk(id, base64.StdEncoding.EncodeToString([]byte("FADE IN:")))
	_, err = lib.ImportFinish(id)
	checkPlain(t, "short", err, "short.fountain", "only part of the file arrived")
	id, _ = lib.ImportStart("long.fountain", 4)
	_, err = lib.ImportChunk(id, base64.StdEncoding.EncodeToString([]byte("FADE IN:")))
	checkPlain(t, "long", err, "long.fountain", "the file arrived damaged")
	id, _ = lib.ImportStart("bad.fountain", 4)
	_, err = lib.ImportChunk(id, "not base64!")
	checkPlain(t, "not base64", err, "bad.fountain", "the file arrived damaged")
	if _, err := lib.ImportFinish(id); err == nil || !strings.Contains(err.Error(), "drop the file again") {
		t.Errorf("finish after a damaged chunk: %v", err)
	}
	if _, err := lib.ImportChunk("nope", "AAAA"); err == nil || err.Error() != "Could not import the file: the transfer was interrupted; drop the file again" {
		t.Errorf("unknown upload: %v", err)
	}
	if list, _ := lib.List(); len(list) != 2 {
		t.Errorf("library has %d scripts, want the demo and the drop", len(list))
	}
}

// TestDroppedFilesLimit: files left half-sent (a page closed mid-drop) do
// not pile up: at most maxUploads at once, forgotten after uploadIdle.
func TestDroppedFilesLimit(t *testing.T) {
	c := newTestCore(t)
	now := c.now()
	c.now = func() time.Time { return now }
	lib := NewLibrary(c)
	for i := range maxUploads {
		if _, err := lib.ImportStart(fmt.Sprintf("%d.fountain", i), 10); err != nil {
			t.Fatal(err)
		}
	}
	_, err := lib.ImportStart("one more.fountain", 10)
	checkPlain(t, "too many", err, "one more.fountain", "too many files")
	now = now.Add(uploadIdle + time.Second)
	if _, err := lib.ImportStart("later.fountain", 10); err != nil {
		t.Fatalf("after the others were forgotten: %v", err)
	}
}

func TestFileArgs(t *testing.T) {
	for _, tc := range []struct{ args, want []string }{
		{nil, nil},
		{[]string{"a.fdx"}, []string{"a.fdx"}},
		{[]string{"-devserver", "127.0.0.1:1", "-assetdir", "dist", "-loglevel", "Warning", "x/b.fountain"}, []string{"x/b.fountain"}},
		{[]string{"-assetdir=dist", "a.fdx", "b.txt"}, []string{"a.fdx", "b.txt"}},
		{[]string{"--", "-odd.fountain"}, []string{"-odd.fountain"}},
	} {
		if got := FileArgs(tc.args); !slices.Equal(got, tc.want) {
			t.Errorf("FileArgs(%q) = %q, want %q", tc.args, got, tc.want)
		}
	}
}

// TestOpenFiles: a script file given on the command line is imported and
// becomes the script the window opens; given again (a second double-click)
// it is opened, not imported twice; one that cannot be read is reported
// in plain words. A page asks for the files after the last it showed.
func TestOpenFiles(t *testing.T) {
	c := newTestCore(t)
	a := New(c)
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "diner.fdx"), []byte(smallFDX), 0o600); err != nil {
		t.Fatal(err)
	}
	a.OpenFiles([]string{"-devserver", "127.0.0.1:9", "diner.fdx", "missing.fountain"}, dir)
	got, _ := a.library.Opened(0)
	if len(got) != 2 || got[0].Name != "diner.fdx" || got[0].ScriptID == "" || got[0].Existing || got[0].Error != "" {
		t.Fatalf("opened = %+v", got)
	}
	if !strings.Contains(got[1].Error, "“missing.fountain”") || !strings.Contains(got[1].Error, "not there any more") || got[1].ScriptID != "" {
		t.Errorf("missing file: %+v", got[1])
	}
	if last, _ := a.settings.LastScript(); last != got[0].ScriptID {
		t.Errorf("the window opens %q, want the file's script %q", last, got[0].ScriptID)
	}
	if got[0].Seq != 1 || got[1].Seq != 2 {
		t.Errorf("numbered %d, %d", got[0].Seq, got[1].Seq)
	}
	if again, _ := a.library.Opened(2); len(again) != 0 {
		t.Errorf("after the last shown: %+v", again)
	}
	a.SecondInstance([]string{filepath.Join(dir, "diner.fdx")}, "/")
	second, _ := a.library.Opened(2)
	if len(second) != 1 || !second[0].Existing || second[0].ScriptID != got[0].ScriptID || second[0].Seq != 3 {
		t.Fatalf("opened again = %+v, want the same script", second)
	}
	if list, _ := a.library.List(); len(list) != 2 {
		t.Errorf("library has %d scripts, want the demo and the file once", len(list))
	}
}

// TestWriterName: a new library asks for the writer's name (Profile.Named
// is false) and never signs with the login name; once given, the name signs
// new revisions and shows on the writer's earlier ones (the demo's).
func TestWriterName(t *testing.T) {
	c := newTestCore(t)
	s, hist := NewSettings(c), NewHistory(c)
	p, err := s.Profile()
	if err != nil {
		t.Fatal(err)
	}
	if p.Named {
		t.Errorf("a new library counts as named: %+v", p)
	}
	if u, err := user.Current(); err == nil && p.Name == u.Username {
		t.Errorf("the first name is the login name %q", p.Name)
	}
	demo, _ := s.LastScript()
	if _, err := s.SetName("Nora Hale"); err != nil {
		t.Fatal(err)
	}
	if p, _ := s.Profile(); !p.Named || p.Name != "Nora Hale" {
		t.Errorf("after SetName: %+v", p)
	}
	revs, _ := hist.List(demo)
	if len(revs) != 1 || revs[0].AuthorName != "Nora Hale" {
		t.Errorf("the demo's revision shows %+v, want Nora Hale", revs)
	}
	if _, err := NewEditor(c).Commit(demo, "FADE IN:\n\nNew.\n", "Mine"); err != nil {
		t.Fatal(err)
	}
	r, _ := c.store.Revisions(model.ScriptID(demo))
	if last := r[len(r)-1]; last.AuthorName != "Nora Hale" || last.Message != "Mine" {
		t.Errorf("the new revision is signed %q", last.AuthorName)
	}
	view, _ := hist.View(demo, string(revs[0].ID))
	if view.Info.AuthorName != "Nora Hale" {
		t.Errorf("View shows %q", view.Info.AuthorName)
	}
	// A name chosen before the welcome existed is kept.
	if placeholderName("Nora Hale") || !placeholderName("Writer") {
		t.Error("placeholderName")
	}
}

// TestNameFromEnvironment: SCRIPTROOM_NAME names the writer of a new
// library, so the welcome does not ask; an existing library keeps its name.
func TestNameFromEnvironment(t *testing.T) {
	t.Setenv(EnvName, "  Ida Lupino ")
	path := filepath.Join(t.TempDir(), "library.db")
	c, err := OpenLibrary(path)
	if err != nil {
		t.Fatal(err)
	}
	p, _ := NewSettings(c).Profile()
	c.Close()
	if p.Name != "Ida Lupino" || !p.Named {
		t.Fatalf("profile = %+v", p)
	}
	t.Setenv(EnvName, "Someone Else")
	c, err = OpenLibrary(path)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if p, _ := NewSettings(c).Profile(); p.Name != "Ida Lupino" {
		t.Errorf("reopened: %+v", p)
	}
}
