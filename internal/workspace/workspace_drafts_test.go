package workspace

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/scriptroom/scriptroom/internal/textfile"
)

// TestSaveDraftChanges: the editor's changes are applied to the stored
// draft; changes made against another text are refused and leave it.
func TestSaveDraftChanges(t *testing.T) {
	w := newTestWorkspace(t, "Ann")
	sc, _ := w.Create("Changes", "INT. HOUSE - DAY\n")
	base := "INT. HOUSE - DAY\n"
	ch := changesOf(base, []Change{{5, 10, "FLAT"}, {17, 17, "\nAnn waits.\n"}})
	d, err := w.SaveDraftChanges(sc.ID, ch)
	want := "INT. FLAT - DAY\n\nAnn waits.\n"
	if err != nil || d.Text != want || d.Saved.IsZero() {
		t.Fatalf("saved %+v, %v; want %q", d, err, want)
	}
	if got, _ := w.Store().Draft(sc.ID); got.Text != want {
		t.Fatalf("stored %q", got.Text)
	}
	// The same save again is made against the old text: refused, nothing changes.
	if _, err := w.SaveDraftChanges(sc.ID, ch); !errors.Is(err, ErrChangesStale) {
		t.Fatalf("second apply: %v", err)
	}
	if got, _ := w.Store().Draft(sc.ID); got.Text != want {
		t.Fatalf("refused changes changed the draft: %q", got.Text)
	}
	// The result must be the text the editor has.
	bad := changesOf(want, []Change{{0, 0, "x"}})
	bad.Result = SumOf("y" + want)
	if _, err := w.SaveDraftChanges(sc.ID, bad); !errors.Is(err, ErrChangesMismatch) {
		t.Fatalf("mismatch: %v", err)
	}
	// Committed is reported as for a whole-text save.
	if _, err := w.Commit(sc.ID, want, ""); err != nil {
		t.Fatal(err)
	}
	back := changesOf(want, []Change{{0, 0, "FADE IN:\n\n"}})
	if d, err := w.SaveDraftChanges(sc.ID, back); err != nil || d.Committed {
		t.Fatalf("after typing: %+v, %v", d, err)
	}
	undo := changesOf("FADE IN:\n\n"+want, []Change{{0, 10, ""}})
	if d, err := w.SaveDraftChanges(sc.ID, undo); err != nil || !d.Committed {
		t.Fatalf("after undo: %+v, %v", d, err)
	}
}

// TestSaveDraftUpload: a whole text sent in parts is stored once all parts
// arrived in order and it sums to what the page says.
func TestSaveDraftUpload(t *testing.T) {
	w := newTestWorkspace(t, "Ann")
	sc, _ := w.Create("Upload", "old\n")
	text := strings.Repeat("INT. HOUSE - DAY 🎬\n\n", 5000) // about 110 KB
	parts := splitBytes(text, 40_000)
	for i, p := range parts {
		if err := w.UploadPart("u1", i, p); err != nil {
			t.Fatal(err)
		}
	}
	d, err := w.SaveDraftUpload(sc.ID, "u1", SumOf(text))
	if err != nil || d.Text != text {
		t.Fatalf("upload: %v, %d bytes", err, len(d.Text))
	}
	// An id is used once.
	if _, err := w.SaveDraftUpload(sc.ID, "u1", SumOf(text)); !errors.Is(err, ErrNoUpload) {
		t.Fatalf("used twice: %v", err)
	}
	// A part lost on the way: the sum does not match; the draft stays.
	for i, p := range parts {
		if i == 1 {
			continue
		}
		if err := w.UploadPart("u2", map[int]int{0: 0, 2: 1}[i], p); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := w.SaveDraftUpload(sc.ID, "u2", SumOf(text)); !errors.Is(err, ErrChangesMismatch) {
		t.Fatalf("lost part: %v", err)
	}
	if got, _ := w.Store().Draft(sc.ID); got.Text != text {
		t.Fatal("a failed upload changed the draft")
	}
}

func splitBytes(s string, n int) []string {
	var out []string
	for len(s) > n {
		cut := n
		for cut > 0 && s[cut]&0xc0 == 0x80 {
			cut-- // never inside a character
		}
		out = append(out, s[:cut])
		s = s[cut:]
	}
	return append(out, s)
}

func TestUploads(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	u := newUploads(func() time.Time { return now })
	// Out of order: refused and dropped, so the page starts again.
	if err := u.Part("a", 1, "x"); !errors.Is(err, ErrNoUpload) {
		t.Errorf("part 1 first: %v", err)
	}
	_ = u.Part("a", 0, "one ")
	if err := u.Part("a", 2, "three"); !errors.Is(err, ErrUploadPart) {
		t.Errorf("skipped a part: %v", err)
	}
	if _, err := u.Take("a", SumOf("one ")); !errors.Is(err, ErrNoUpload) {
		t.Errorf("after a part out of order: %v", err)
	}
	// Part 0 again starts afresh.
	_ = u.Part("b", 0, "stale")
	_ = u.Part("b", 0, "one ")
	_ = u.Part("b", 1, "two")
	if s, err := u.Take("b", SumOf("one two")); err != nil || s != "one two" {
		t.Errorf("restart: %q, %v", s, err)
	}
	// Too large.
	big := strings.Repeat("x", textfile.MaxSize/2+1)
	_ = u.Part("c", 0, big)
	if err := u.Part("c", 1, big); !errors.Is(err, ErrTextTooLarge) {
		t.Errorf("over the limit: %v", err)
	}
	// A page that went away: its parts are dropped after a while.
	_ = u.Part("d", 0, "x")
	now = now.Add(uploadIdle + time.Second)
	if _, err := u.Take("d", SumOf("x")); !errors.Is(err, ErrNoUpload) {
		t.Errorf("idle upload kept: %v", err)
	}
	// Never more than maxUploads at once: the oldest goes.
	for i := 0; i <= maxUploads; i++ {
		now = now.Add(time.Millisecond)
		_ = u.Part(string(rune('A'+i)), 0, "x")
	}
	if _, err := u.Take("A", SumOf("x")); !errors.Is(err, ErrNoUpload) {
		t.Errorf("oldest kept past the limit: %v", err)
	}
	if _, err := u.Take(string(rune('A'+maxUploads)), SumOf("x")); err != nil {
		t.Errorf("newest: %v", err)
	}
}

// TestCommitDraft: the draft is committed when it is the editor's text.
func TestCommitDraft(t *testing.T) {
	w := newTestWorkspace(t, "Ann")
	sc, _ := w.Create("Commit", "")
	text := "INT. HOUSE - DAY\n\nAnn waits.\n"
	if _, err := w.SaveDraftChanges(sc.ID, changesOf("", []Change{{0, 0, text}})); err != nil {
		t.Fatal(err)
	}
	if _, err := w.CommitDraft(sc.ID, SumOf(text+"x"), "first"); !errors.Is(err, ErrChangesStale) {
		t.Fatalf("another text: %v", err)
	}
	if revs, _ := w.Store().Revisions(sc.ID); len(revs) != 0 {
		t.Fatalf("a refused commit recorded %d revisions", len(revs))
	}
	info, err := w.CommitDraft(sc.ID, SumOf(text), "first")
	if err != nil || info.Message != "first" {
		t.Fatalf("CommitDraft = %+v, %v", info, err)
	}
	if rev, _ := w.Store().Revision(sc.ID, info.ID); rev == nil || rev.Text != text {
		t.Fatalf("committed %+v", rev)
	}
	if _, err := w.CommitDraft(sc.ID, SumOf(text), "again"); !errors.Is(err, ErrNoChanges) {
		t.Fatalf("unchanged: %v", err)
	}
}
