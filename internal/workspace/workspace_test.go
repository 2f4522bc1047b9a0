package workspace

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/scriptroom/scriptroom/internal/model"
	"github.com/scriptroom/scriptroom/internal/store"
	"github.com/scriptroom/scriptroom/internal/textfile"
)

// newTestWorkspace opens a fresh library for a new writer called name.
func newTestWorkspace(t testing.TB, name string) *Workspace {
	t.Helper()
	st, err := store.Open(filepath.Join(t.TempDir(), "library.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	me, err := model.NewIdentity(name)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.PutIdentity(me); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := st.Check(); err != nil {
			t.Errorf("library consistency: %v", err)
		}
		st.Close()
	})
	return New(st, me)
}

func TestCommit(t *testing.T) {
	w := newTestWorkspace(t, "Nora")
	var told []model.RevisionID
	w.OnCommit(func(_ model.ScriptID, r *model.Revision) { told = append(told, r.ID) })
	sc, err := w.Create("  The Lock ", "")
	if err != nil || sc.Title != "The Lock" || sc.Owner != w.Identity().ID() || sc.Visibility != model.Private {
		t.Fatalf("Create = %+v, %v", sc, err)
	}
	r1, err := w.Commit(sc.ID, "INT. VAULT - NIGHT\n", "")
	if err != nil || r1.Message != "Revision 1" || len(r1.Parents) != 0 {
		t.Fatalf("first commit = %+v, %v", r1, err)
	}
	if _, err := w.Commit(sc.ID, "INT. VAULT - NIGHT\n", "again"); !errors.Is(err, ErrNoChanges) {
		t.Fatalf("same text: %v, want ErrNoChanges", err)
	}
	r2, err := w.Commit(sc.ID, "INT. VAULT - NIGHT\n\nDark.\n", "  dark  ")
	if err != nil || r2.Message != "dark" || len(r2.Parents) != 1 || r2.Parents[0] != r1.ID || r2.Stats.Words == 0 {
		t.Fatalf("second commit = %+v, %v", r2, err)
	}
	got, _ := w.Store().Script(sc.ID)
	d, _ := w.Store().Draft(sc.ID)
	if got.Head != r2.ID || d.Base != r2.ID || d.Text != "INT. VAULT - NIGHT\n\nDark.\n" {
		t.Fatalf("head %s, draft %+v after commits", got.Head, d)
	}
	if len(told) != 2 || told[1] != r2.ID {
		t.Fatalf("OnCommit told %v", told)
	}
	if _, err := w.Commit(sc.ID, strings.Repeat("x", textfile.MaxSize+1), ""); !errors.Is(err, ErrTextTooLarge) {
		t.Fatalf("oversize: %v", err)
	}
	if _, err := w.Create(" ", ""); !errors.Is(err, model.ErrEmptyTitle) {
		t.Fatalf("empty title: %v", err)
	}
}

// TestCommitSerialised: commits from many goroutines each get the previous
// head as parent, so history is one line with none lost.
func TestCommitSerialised(t *testing.T) {
	w := newTestWorkspace(t, "Nora")
	sc, _ := w.Create("Race", "")
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := w.Commit(sc.ID, strings.Repeat("line\n", i+1), ""); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	revs, _ := w.Store().Revisions(sc.ID)
	if len(revs) != 8 {
		t.Fatalf("%d revisions, want 8", len(revs))
	}
	heads := map[model.RevisionID]bool{}
	for _, r := range revs {
		heads[r.ID] = true
	}
	for _, r := range revs {
		for _, p := range r.Parents {
			delete(heads, p)
		}
	}
	if len(heads) != 1 {
		t.Fatalf("history has %d tips, want one line", len(heads))
	}
}

func TestImportExport(t *testing.T) {
	w := newTestWorkspace(t, "Nora")
	dir := t.TempDir()
	src := filepath.Join(dir, "cafe.fountain")
	raw := "Title:\r\n    _**Caf\xe9 Noir**_\r\nAuthor: Us\r\n\r\nINT. CAF\xc9 - NIGHT\r\n\r\nSteam.\r\n"
	if err := os.WriteFile(src, []byte(raw), 0o600); err != nil {
		t.Fatal(err)
	}
	im, err := w.Import(src)
	if err != nil {
		t.Fatal(err)
	}
	want := "Title:\n    _**Café Noir**_\nAuthor: Us\n\nINT. CAFÉ - NIGHT\n\nSteam.\n"
	if im.Script.Title != "Café Noir" || im.Script.Head == "" || len(im.Notices) != 2 {
		t.Fatalf("Import = %+v", im)
	}
	for _, tc := range []struct {
		opts  ExportOptions
		check func(string) bool
	}{
		{ExportOptions{}, func(s string) bool { return s == want }},
		{ExportOptions{Format: FormatFDX}, func(s string) bool { return strings.Contains(s, "<FinalDraft") && strings.Contains(s, "Steam.") }},
		{ExportOptions{Format: FormatPDF, Paper: "A4", Color: "blue", Base: im.Script.Head}, func(s string) bool { return strings.HasPrefix(s, "%PDF-") }},
	} {
		out := filepath.Join(dir, "out"+Extension(tc.opts.Format))
		var stages []string
		_, err := w.Export(im.Script.ID, out, tc.opts, func(stage string, _ int) { stages = append(stages, stage) })
		if err != nil {
			t.Fatalf("export %+v: %v", tc.opts, err)
		}
		b, _ := os.ReadFile(out)
		if !tc.check(string(b)) {
			t.Errorf("export %+v wrote %.80q", tc.opts, b)
		}
		if len(stages) == 0 || stages[len(stages)-1] != "done" {
			t.Errorf("export %+v: stages %q", tc.opts, stages)
		}
	}
	// Refusals say what was wrong and write nothing.
	for _, tc := range []struct {
		opts ExportOptions
		want error
	}{
		{ExportOptions{Format: "docx"}, ErrUnknownFormat},
		{ExportOptions{Format: FormatPDF, Paper: "legal"}, ErrBadPaper},
		{ExportOptions{Format: FormatPDF, Color: "mauve"}, ErrBadColor},
		{ExportOptions{Format: FormatPDF, Base: "nope"}, ErrNoBase},
	} {
		out := filepath.Join(dir, "bad.pdf")
		if _, err := w.Export(im.Script.ID, out, tc.opts, nil); !errors.Is(err, tc.want) {
			t.Errorf("export %+v: %v, want %v", tc.opts, err, tc.want)
		}
		if _, err := os.Stat(out); err == nil {
			t.Errorf("export %+v wrote a file", tc.opts)
		}
	}
	// A file that cannot be read adds nothing.
	bin := filepath.Join(dir, "song.txt")
	os.WriteFile(bin, []byte("ID3\x00\x00binary"), 0o600)
	if _, err := w.Import(bin); !errors.Is(err, textfile.ErrBinary) {
		t.Fatalf("binary import: %v", err)
	}
	if all, _ := w.Store().Scripts(); len(all) != 1 {
		t.Fatalf("library has %d scripts, want the import only", len(all))
	}
}

func TestTitleOf(t *testing.T) {
	cases := map[string]string{
		"Title: Big Night\nAuthor: A\n\nINT.": "Big Night",
		"title:\n  Two\n  Lines\n\n":          "Two Lines",
		"INT. HOUSE - DAY\n\nTitle: no":       "",
		"Author: A\nTitle: *Late*\n":          "Late",
		"":                                    "",
	}
	for in, want := range cases {
		if got := TitleOf(in); got != want {
			t.Errorf("TitleOf(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestRecordMerge: a merge becomes the head with the proposal's head stored
// beside it; the draft follows when it holds no typing, or when its typing
// merges cleanly, and stays when it does not.
func TestRecordMerge(t *testing.T) {
	w := newTestWorkspace(t, "Owner")
	proposer := newTestWorkspace(t, "Proposer")
	sc, _ := w.Create("Merge", "")
	base, _ := w.Commit(sc.ID, "one\ntwo\nthree\n", "")
	prop, err := model.NewRevision(proposer.Identity(), []model.RevisionID{base.ID}, "one\nTWO\nthree\n", "proposal", time.Now())
	if err != nil {
		t.Fatal(err)
	}
	merge := func(text string) *model.Revision {
		sc, _ := w.Store().Script(sc.ID)
		m, err := model.NewRevision(w.Identity(), []model.RevisionID{sc.Head, prop.ID}, text, "merge", time.Now())
		if err != nil {
			t.Fatal(err)
		}
		return m
	}
	for _, tc := range []struct {
		name, draft, merged, want string
	}{
		{"no typing", "one\ntwo\nthree\n", "one\nTWO\nthree\n", "one\nTWO\nthree\n"},
		{"typing that merges", "zero\none\nTWO\nthree\n", "one\nTWO\nthree\nfour\n", "zero\none\nTWO\nthree\nfour\n"},
		{"typing that conflicts", "zero\none\nTWO\nTHREE\n", "zero\none\nTWO\n3\n", "zero\none\nTWO\nTHREE\n"},
	} {
		head, _ := w.Store().Script(sc.ID)
		old, _ := w.Store().Revision(sc.ID, head.Head)
		if err := w.Store().PutDraft(sc.ID, store.Draft{Text: tc.draft, Base: head.Head}); err != nil {
			t.Fatal(err)
		}
		m := merge(tc.merged)
		if err := w.RecordMerge(sc.ID, m, old.Text, prop); err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		got, _ := w.Store().Script(sc.ID)
		d, _ := w.Store().Draft(sc.ID)
		if got.Head != m.ID || d.Text != tc.want {
			t.Errorf("%s: head %s (want the merge %s), draft %q want %q", tc.name, got.Head.Short(), m.ID.Short(), d.Text, tc.want)
		}
		if _, err := w.Store().Revision(sc.ID, prop.ID); err != nil {
			t.Fatalf("%s: the proposal's head is not stored: %v", tc.name, err)
		}
	}
}

// TestSaveDraft: a draft keeps the revision it is based on, and says
// whether it is the head's text; an oversize one is refused, the old kept.
func TestSaveDraft(t *testing.T) {
	w := newTestWorkspace(t, "Nora")
	sc, _ := w.Create("Draft", "")
	r1, _ := w.Commit(sc.ID, "one\n", "")
	if _, committed, err := w.SaveDraft(sc.ID, "one\ntwo\n"); err != nil || committed {
		t.Fatalf("typing: committed %v, %v", committed, err)
	}
	if d, _ := w.Store().Draft(sc.ID); d.Text != "one\ntwo\n" || d.Base != r1.ID {
		t.Fatalf("draft %+v", d)
	}
	if _, committed, err := w.SaveDraft(sc.ID, "one\n"); err != nil || !committed {
		t.Fatalf("back to the head: committed %v, %v", committed, err)
	}
	if _, _, err := w.SaveDraft(sc.ID, strings.Repeat("x", textfile.MaxSize+1)); !errors.Is(err, ErrTextTooLarge) {
		t.Fatalf("oversize: %v", err)
	}
	if d, _ := w.Store().Draft(sc.ID); d.Text != "one\n" {
		t.Fatalf("oversize draft replaced the old: %q", d.Text)
	}
	if _, _, err := w.SaveDraft(model.NewScriptID(), "x"); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("missing script: %v", err)
	}
}
