package app

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/scriptroom/scriptroom/internal/diff"
	"github.com/scriptroom/scriptroom/internal/model"
	"github.com/scriptroom/scriptroom/internal/store"
)

// newTestCore opens a fresh library in a temporary folder.
func newTestCore(t testing.TB) *Core {
	t.Helper()
	c, err := OpenLibrary(filepath.Join(t.TempDir(), "library.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := c.store.Check(); err != nil {
			t.Errorf("library consistency: %v", err)
		}
		c.Close()
	})
	return c
}

func TestFirstRunPlacesDemoOnce(t *testing.T) {
	path := filepath.Join(t.TempDir(), "library.db")
	c, err := OpenLibrary(path)
	if err != nil {
		t.Fatal(err)
	}
	lib := NewLibrary(c)
	list, err := lib.List()
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 1 || list[0].Title != "The Night Ferry" || list[0].Head == "" {
		t.Fatalf("first run library = %+v", list)
	}
	if figs, err := lib.Figures([]string{list[0].ID, "gone"}, "letter"); err != nil || len(figs) != 1 || figs[0].ID != list[0].ID || figs[0].Pages < 1 {
		t.Fatalf("first run figures = %+v, %v", figs, err)
	}
	if last, err := NewSettings(c).LastScript(); err != nil || last != list[0].ID {
		t.Fatalf("first run opens %q (%v), want the demo", last, err)
	}
	id := c.identity().ID()
	// A writer who deletes the demo does not get it back.
	if _, err := lib.MoveToTrash(list[0].ID); err != nil {
		t.Fatal(err)
	}
	if _, err := lib.DeleteForever(list[0].ID); err != nil {
		t.Fatal(err)
	}
	c.Close()
	c, err = OpenLibrary(path)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if list, _ := NewLibrary(c).List(); len(list) != 0 {
		t.Fatalf("demo came back: %+v", list)
	}
	if last, err := NewSettings(c).LastScript(); err != nil || last != "" {
		t.Fatalf("last script after deleting it = %q, %v", last, err)
	}
	if c.identity().ID() != id {
		t.Fatal("identity changed between runs")
	}
}

func TestWriteCommitRestore(t *testing.T) {
	c := newTestCore(t)
	lib, ed, hist := NewLibrary(c), NewEditor(c), NewHistory(c)
	sc, err := lib.Create("  Kitchen Sink ")
	if err != nil {
		t.Fatal(err)
	}
	if sc.Title != "Kitchen Sink" {
		t.Fatalf("title = %q", sc.Title)
	}
	first := "INT. KITCHEN - NIGHT\n\nRain taps the window.\n"
	st, err := ed.SaveDraft(sc.ID, first)
	if err != nil {
		t.Fatal(err)
	}
	if st.Words != 7 || st.Committed {
		t.Fatalf("draft state = %+v", st)
	}
	doc, err := ed.Open(sc.ID)
	if err != nil || doc.Text != first {
		t.Fatalf("Open = %q, %v", doc.Text, err)
	}
	r1, err := ed.Commit(sc.ID, first, "first")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ed.Commit(sc.ID, first, "again"); !errors.Is(err, ErrNoChanges) {
		t.Fatalf("unchanged commit: %v", err)
	}
	second := first + "\nMARA\nWe should go.\n"
	r2, err := ed.Commit(sc.ID, second, "")
	if err != nil {
		t.Fatal(err)
	}
	if r2.Message != "Revision 2" || len(r2.Parents) != 1 || r2.Parents[0] != r1.ID {
		t.Fatalf("second revision = %+v", r2)
	}
	revs, err := hist.List(sc.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(revs) != 2 || revs[0].ID != r2.ID || revs[1].ID != r1.ID || revs[1].Stats.Words != 7 {
		t.Fatalf("history = %+v", revs)
	}
	v, err := hist.View(sc.ID, string(r1.ID))
	if err != nil || v.Text != first || v.Info.Message != "first" {
		t.Fatalf("View = %+v, %v", v, err)
	}
	// Unsaved typing, then restore: the typing is committed first, then the
	// old text comes back as a new revision.
	if _, err := ed.SaveDraft(sc.ID, second+"\nUnsaved.\n"); err != nil {
		t.Fatal(err)
	}
	doc, err = hist.Restore(sc.ID, string(r1.ID))
	if err != nil {
		t.Fatal(err)
	}
	if doc.Text != first || !doc.Committed {
		t.Fatalf("after restore: %+v", doc)
	}
	revs, _ = hist.List(sc.ID)
	if len(revs) != 4 || !strings.HasPrefix(revs[0].Message, "Restored “first”") || !strings.Contains(revs[1].Message, "Unsaved changes") {
		for _, r := range revs {
			t.Log(r.Message)
		}
		t.Fatalf("history after restore has %d revisions", len(revs))
	}
	// Every revision is signed by this writer and verifies.
	for _, info := range revs {
		r, err := c.store.Revision(model.ScriptID(sc.ID), info.ID)
		if err != nil {
			t.Fatal(err)
		}
		if err := r.Verify(); err != nil || r.Author != c.identity().ID() {
			t.Fatalf("revision %s: %v", info.Message, err)
		}
	}
}

func TestLibraryTrashAndErrors(t *testing.T) {
	c := newTestCore(t)
	lib := NewLibrary(c)
	if _, err := lib.Create("   "); !errors.Is(err, model.ErrEmptyTitle) || !strings.Contains(err.Error(), "needs a title") {
		t.Fatalf("empty title: %v", err)
	}
	sc, _ := lib.Create("Draft")
	if _, err := lib.Rename(sc.ID, ""); !errors.Is(err, model.ErrEmptyTitle) {
		t.Fatalf("rename to empty: %v", err)
	}
	if r, err := lib.Rename(sc.ID, "Final Draft"); err != nil || r.Title != "Final Draft" {
		t.Fatalf("rename: %+v %v", r, err)
	}
	if _, err := lib.DeleteForever(sc.ID); !errors.Is(err, ErrNotInTrash) {
		t.Fatalf("delete outside trash: %v", err)
	}
	if _, err := lib.MoveToTrash(sc.ID); err != nil {
		t.Fatal(err)
	}
	trash, _ := lib.Trash()
	if len(trash) != 1 || trash[0].ID != sc.ID || !trash[0].Trashed {
		t.Fatalf("trash = %+v", trash)
	}
	if _, err := lib.RestoreFromTrash(sc.ID); err != nil {
		t.Fatal(err)
	}
	if trash, _ := lib.Trash(); len(trash) != 0 {
		t.Fatalf("trash after restore = %+v", trash)
	}
	if _, err := NewEditor(c).Open("00000000000000000000000000000000"); !errors.Is(err, store.ErrNotFound) || !strings.Contains(err.Error(), "no longer exists") {
		t.Fatalf("open missing: %v", err)
	}
	big := strings.Repeat("x", 10*1000*1000+1)
	if _, err := NewEditor(c).SaveDraft(sc.ID, big); !errors.Is(err, ErrTextTooLarge) {
		t.Fatalf("oversize draft: %v", err)
	}
}

func TestImportExport(t *testing.T) {
	c := newTestCore(t)
	lib := NewLibrary(c)
	dir := t.TempDir()
	// A Latin-1 file with CRLF line endings and a multi-line title.
	src := filepath.Join(dir, "cafe.fountain")
	raw := "Title:\r\n    _**Caf\xe9 Noir**_\r\nAuthor: Us\r\n\r\nINT. CAF\xc9 - NIGHT\r\n\r\nSteam.\r\n"
	if err := os.WriteFile(src, []byte(raw), 0o600); err != nil {
		t.Fatal(err)
	}
	res, err := lib.importFile(src)
	if err != nil {
		t.Fatal(err)
	}
	if res.Script.Title != "Café Noir" || len(res.Notices) != 2 || res.Script.Head == "" {
		t.Fatalf("import = %+v", res)
	}
	doc, _ := NewEditor(c).Open(res.Script.ID)
	want := "Title:\n    _**Café Noir**_\nAuthor: Us\n\nINT. CAFÉ - NIGHT\n\nSteam.\n"
	if doc.Text != want || !doc.Committed {
		t.Fatalf("imported text = %q committed=%v", doc.Text, doc.Committed)
	}
	out := filepath.Join(dir, "out.fountain")
	if err := lib.exportFile(res.Script.ID, out); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(out); string(b) != want {
		t.Fatalf("exported %q", b)
	}
	// Refusals name the file and the problem, and create nothing.
	bin := filepath.Join(dir, "song.txt")
	os.WriteFile(bin, []byte("ID3\x00\x00binary"), 0o600)
	if _, err := lib.importFile(bin); err == nil || !strings.Contains(err.Error(), "song.txt") || !strings.Contains(err.Error(), "not a text file") {
		t.Fatalf("binary import: %v", err)
	}
	huge := filepath.Join(dir, "huge.fountain")
	os.WriteFile(huge, make([]byte, 10*1000*1000+1), 0o600)
	if _, err := lib.importFile(huge); err == nil || !strings.Contains(err.Error(), "larger than 10 MB") {
		t.Fatalf("huge import: %v", err)
	}
	if list, _ := lib.List(); len(list) != 2 {
		t.Fatalf("library has %d scripts, want the demo and the import", len(list))
	}
	if err := lib.exportFile(res.Script.ID, filepath.Join(dir, "no", "such", "dir.fountain")); err == nil {
		t.Fatal("export to a missing folder succeeded")
	}
}

func TestSettingsName(t *testing.T) {
	c := newTestCore(t)
	s := NewSettings(c)
	if _, err := s.SetName("  "); err == nil {
		t.Fatal("empty name accepted")
	}
	p, err := s.SetName("Nora Hale")
	if err != nil || p.Name != "Nora Hale" {
		t.Fatalf("SetName = %+v, %v", p, err)
	}
	id, err := c.store.Identity()
	if err != nil || id.Name != "Nora Hale" || id.ID() != c.identity().ID() {
		t.Fatalf("stored identity = %+v, %v", id, err)
	}
}

func TestCompareVersions(t *testing.T) {
	c := newTestCore(t)
	lib, ed, cmp := NewLibrary(c), NewEditor(c), NewCompare(c)
	sc, _ := lib.Create("Compare Me")
	a := "INT. HOUSE - DAY\n\nMara opens the door.\n\nMARA\nHello there.\n"
	b := "INT. HOUSE - DAY\n\nMara slams the door.\n\nMARA\nHello there.\n\nEXT. GARDEN - NIGHT\n\nCrickets.\n"
	r1, _ := ed.Commit(sc.ID, a, "one")
	r2, _ := ed.Commit(sc.ID, b, "two")
	if _, err := ed.SaveDraft(sc.ID, b+"\nMore.\n"); err != nil {
		t.Fatal(err)
	}
	got, err := cmp.Versions(sc.ID, string(r1.ID), string(r2.ID))
	if err != nil {
		t.Fatal(err)
	}
	res := got.Result
	if res.Stats.Changed != 1 || res.Stats.Inserted != 4 || len(res.Changes) != 2 {
		t.Fatalf("stats %+v, %d changes", res.Stats, len(res.Changes))
	}
	var words []string
	for _, row := range res.Rows() {
		for _, s := range row.Segments {
			if s.Kind != "equal" {
				words = append(words, string(s.Kind)+":"+s.Text)
			}
		}
	}
	if strings.Join(words, " ") != "delete:opens insert:slams" {
		t.Fatalf("word changes = %q", words)
	}
	if res.Summary == nil || len(res.Summary.Changes) != 2 {
		t.Fatalf("summary = %+v", res.Summary)
	}
	if got.Left.Message != "one" || got.Right.Message != "two" {
		t.Fatalf("labels = %+v / %+v", got.Left, got.Right)
	}
	// Draft against head, and a revision against its parent.
	d, err := cmp.Versions(sc.ID, string(r2.ID), VersionDraft)
	if err != nil || d.Result.Stats.Inserted != 2 || d.Right.ID != VersionDraft {
		t.Fatalf("draft comparison = %+v, %v", d.Result.Stats, err)
	}
	p, err := cmp.withPrevious(sc.ID, string(r2.ID))
	if err != nil || p.Left.ID != string(r1.ID) {
		t.Fatalf("with previous = %+v, %v", p.Left, err)
	}
	first, err := cmp.withPrevious(sc.ID, string(r1.ID))
	if err != nil || first.Result.Stats.Inserted != 6 {
		t.Fatalf("first revision against empty = %+v, %v", first.Result.Stats, err)
	}
	if _, err := cmp.Versions(sc.ID, "nope", VersionDraft); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("unknown revision: %v", err)
	}
}

// TestCompareVersionsIgnoring: the compare view's switches leave a note and
// a white-space edit out of the changes and the scene summary.
func TestCompareVersionsIgnoring(t *testing.T) {
	c := newTestCore(t)
	lib, ed, cmp := NewLibrary(c), NewEditor(c), NewCompare(c)
	sc, _ := lib.Create("Compare Quietly")
	a := "INT. HOUSE - DAY\n\nMara opens the door.\n"
	b := "INT. HOUSE - DAY [[night?]]\n\nMara  opens the door.\n"
	r1, _ := ed.Commit(sc.ID, a, "one")
	r2, _ := ed.Commit(sc.ID, b, "two")
	all, err := cmp.Versions(sc.ID, string(r1.ID), string(r2.ID))
	if err != nil || len(all.Result.Changes) != 2 {
		t.Fatalf("without ignoring: %v, %d changes", err, len(all.Result.Changes))
	}
	quiet, err := cmp.VersionsIgnoring(sc.ID, string(r1.ID), string(r2.ID), diff.Ignore{Notes: true, Whitespace: true})
	if err != nil || len(quiet.Result.Changes) != 0 || len(quiet.Result.Summary.Changes) != 0 {
		t.Fatalf("ignoring notes and white space: %v, changes %+v, scenes %+v", err, quiet.Result.Changes, quiet.Result.Summary.Changes)
	}
}

// TestEditorPages: the pages are those of the saved draft, stamped with its
// save time, so the page can tell which text they describe.
func TestEditorPages(t *testing.T) {
	c := newTestCore(t)
	lib, ed := NewLibrary(c), NewEditor(c)
	sc, err := lib.Create("Pages")
	if err != nil {
		t.Fatal(err)
	}
	text := "INT. KITCHEN - NIGHT\n\nRain.\n\n===\n\nEXT. YARD - DAY\n\nSun.\n"
	st, err := ed.SaveDraft(sc.ID, text)
	if err != nil {
		t.Fatal(err)
	}
	p, err := ed.Pages(sc.ID, "letter")
	if err != nil {
		t.Fatal(err)
	}
	if !p.Saved.Equal(st.Saved) || len(p.Pages) != 2 || p.Pages[1].Line != 7 || len(p.Scenes) != 2 || p.Scenes[1].Page != 2 {
		t.Fatalf("Pages = %+v, want two pages from the draft saved at %v", p, st.Saved)
	}
	if _, err := ed.Pages(sc.ID, "legal"); err == nil || err.Error() != `Could not lay the script out on pages: the paper must be Letter or A4, not "legal"` {
		t.Fatalf("Pages on legal paper: %v", err)
	}
	if _, err := ed.Pages("no-such-script", ""); err == nil || !strings.HasPrefix(err.Error(), "Could not lay the script out on pages") {
		t.Fatalf("Pages of a missing script: %v", err)
	}
}
