package app

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/scriptroom/scriptroom/internal/corpus"
	"github.com/scriptroom/scriptroom/internal/model"
	"github.com/scriptroom/scriptroom/internal/workspace"
)

// partsOf cuts text into parts of at most n bytes, never inside a character.
func partsOf(text string, n int) []string {
	var out []string
	for len(text) > n {
		cut := n
		for text[cut]&0xc0 == 0x80 {
			cut--
		}
		out = append(out, text[:cut])
		text = text[cut:]
	}
	return append(out, text)
}

func changesOn(base string, cs ...workspace.Change) workspace.Changes {
	text := base
	for i := len(cs) - 1; i >= 0; i-- { // ASCII in these tests: bytes are units
		text = text[:cs[i].From] + cs[i].Insert + text[cs[i].To:]
	}
	return workspace.Changes{Base: workspace.SumOf(base), Changes: cs, Result: workspace.SumOf(text)}
}

// TestSaveDraftChangesAndUpload: the editor saves its changes; when they do
// not fit the library's draft the answer says so (no error shown), and the
// whole text sent in parts replaces the draft.
func TestSaveDraftChangesAndUpload(t *testing.T) {
	c := newTestCore(t)
	lib, ed := NewLibrary(c), NewEditor(c)
	sc, _ := lib.Create("Changes")
	doc, _ := ed.Open(sc.ID)
	st, err := ed.SaveDraftChanges(sc.ID, changesOn(doc.Text, workspace.Change{From: len(doc.Text), To: len(doc.Text), Insert: "INT. KITCHEN - NIGHT\n\nRain taps the window.\n"}))
	if err != nil || st.Stale || st.Words != 7 || st.Saved.IsZero() {
		t.Fatalf("SaveDraftChanges = %+v, %v", st, err)
	}
	text := doc.Text + "INT. KITCHEN - NIGHT\n\nRain taps the window.\n"
	if d, _ := ed.Open(sc.ID); d.Text != text {
		t.Fatalf("draft %q", d.Text)
	}
	// Made against the old text again: stale, nothing saved, no error.
	st, err = ed.SaveDraftChanges(sc.ID, changesOn(doc.Text, workspace.Change{From: 0, To: 0, Insert: "x"}))
	if err != nil || !st.Stale {
		t.Fatalf("stale changes = %+v, %v", st, err)
	}
	// The whole text in parts.
	big := strings.Repeat("INT. KITCHEN - NIGHT\n\nRain taps the window.\n\n", 3000) // ~130 KB
	for i, p := range partsOf(big, 40_000) {
		if n, err := ed.SendPart("up-1", i, p); err != nil || n != i+1 {
			t.Fatalf("part %d: %d, %v", i, n, err)
		}
	}
	st, err = ed.SaveDraftUpload(sc.ID, "up-1", workspace.SumOf(big))
	if err != nil || st.Stale || st.Words != 7*3000 {
		t.Fatalf("SaveDraftUpload = %+v, %v", st, err)
	}
	if d, _ := ed.Open(sc.ID); d.Text != big {
		t.Fatal("the uploaded text is not the draft")
	}
	// The saved draft is committed without sending it again; refused when it
	// is not the editor's text.
	if _, err := ed.CommitDraft(sc.ID, "big", workspace.SumOf(big+"x")); !errors.Is(err, workspace.ErrChangesStale) || !strings.Contains(err.Error(), "not the text in the editor") {
		t.Fatalf("CommitDraft of another text: %v", err)
	}
	rev, err := ed.CommitDraft(sc.ID, "big", workspace.SumOf(big))
	if err != nil || rev.Message != "big" {
		t.Fatalf("CommitDraft = %+v, %v", rev, err)
	}
	if d, _ := ed.Open(sc.ID); !d.Committed || d.Base != string(rev.ID) {
		t.Fatalf("after CommitDraft: committed %v, base %s", d.Committed, d.Base)
	}
	// A part lost on the way is an error in plain words; the draft stays.
	_, _ = ed.SendPart("up-2", 0, "INT. ")
	_, err = ed.SaveDraftUpload(sc.ID, "up-2", workspace.SumOf("INT. HOUSE"))
	if !errors.Is(err, workspace.ErrChangesMismatch) || !strings.Contains(err.Error(), "lost on the way") {
		t.Fatalf("lost part: %v", err)
	}
	if d, _ := ed.Open(sc.ID); d.Text != big {
		t.Fatal("a failed upload changed the draft")
	}
}

// TestImportUpload: a file read in the page and sent in parts is imported
// as the file would be, by its name's extension.
func TestImportUpload(t *testing.T) {
	c := newTestCore(t)
	lib, ed := NewLibrary(c), NewEditor(c)
	text := "Title: The Pier\n\nINT. PIER - DAY\n\nGulls.\n"
	_, _ = ed.SendPart("imp", 0, text)
	res, err := lib.ImportUpload("../pier.fountain", "imp", workspace.SumOf(text))
	if err != nil || res.Script.Title != "The Pier" {
		t.Fatalf("ImportUpload = %+v, %v", res, err)
	}
	if d, _ := ed.Open(res.Script.ID); d.Text != text || !d.Committed {
		t.Fatalf("imported draft %q committed %v", d.Text, d.Committed)
	}
	if _, err := lib.ImportUpload("again.fountain", "imp", workspace.SumOf(text)); !errors.Is(err, workspace.ErrNoUpload) {
		t.Fatalf("an upload used twice: %v", err)
	}
}

// TestSaveProposalChanges: proposal saves are changes too, made against the
// proposal's newest text, published or waiting.
func TestSaveProposalChanges(t *testing.T) {
	_, b, sid, _ := sharedPair(t, "proposer")
	doc, err := b.r.StartProposal(sid, "Changes", "")
	if err != nil {
		t.Fatal(err)
	}
	name := doc.Proposal.Name
	end := len(doc.Text)
	saved, err := b.r.SaveProposalChanges(sid, name, changesOn(doc.Text, workspace.Change{From: end, To: end, Insert: "First.\n"}))
	if err != nil || saved.Stale || saved.Proposal.Name != name {
		t.Fatalf("first = %+v, %v", saved, err)
	}
	first := doc.Text + "First.\n"
	// Within the second: applied to the text waiting to be published.
	saved, err = b.r.SaveProposalChanges(sid, name, changesOn(first, workspace.Change{From: len(first), To: len(first), Insert: "Second.\n"}))
	if err != nil || saved.Stale {
		t.Fatalf("second = %+v, %v", saved, err)
	}
	if got, err := b.r.OpenProposal(sid, name); err != nil || got.Text != first+"Second.\n" {
		t.Fatalf("proposal text %q, %v", got.Text, err)
	}
	// Against an old text: stale.
	if saved, err := b.r.SaveProposalChanges(sid, name, changesOn(doc.Text, workspace.Change{From: 0, To: 0, Insert: "x"})); err != nil || !saved.Stale {
		t.Fatalf("stale = %+v, %v", saved, err)
	}
	// The whole text in parts.
	whole := first + "Third.\n"
	_, _ = b.ed.SendPart("p", 0, whole)
	if _, err := b.r.SaveProposalUpload(sid, name, "p", workspace.SumOf(whole)); err != nil {
		t.Fatal(err)
	}
	if got, _ := b.r.OpenProposal(sid, name); got.Text != whole {
		t.Fatalf("after the upload %q", got.Text)
	}
}

// BenchmarkProposalPublishBytes is what typing in a proposal of a feature
// (Big Fish, ~146 KB) costs the room: each autosave that is published is a
// revision event carrying the whole text, and a branch event. Reported per
// publish and per hour at the most one publish each autosaveEvery allows
// (typing without a pause). The editor sends the library only its changes;
// the room still receives whole texts (see docs/protocol.md).
func BenchmarkProposalPublishBytes(b *testing.B) {
	text := string(corpus.Read(b, "fountain", "samples", "big-fish.fountain"))
	url := newTestRelay(b)
	w := &writer{s: newTestSync(b, "Ann")}
	w.r, w.ed = NewReview(w.s.c, w.s), NewEditor(w.s.c)
	if _, err := w.s.SetRelayURL(url); err != nil {
		b.Fatal(err)
	}
	sc, _ := NewLibrary(w.s.c).Create("Big Fish")
	if _, err := w.ed.Commit(sc.ID, text, ""); err != nil {
		b.Fatal(err)
	}
	if _, err := w.s.Share(sc.ID, "invite"); err != nil {
		b.Fatal(err)
	}
	doc, err := w.r.StartProposal(sc.ID, "Typing", "")
	if err != nil {
		b.Fatal(err)
	}
	sid := model.ScriptID(sc.ID)
	before, _ := w.s.c.store.Events(sid)
	text = doc.Text
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		text += "x"
		if _, err := w.r.publishText(sid, doc.Proposal.Name, text, "Proposal edit", ""); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	after, _ := w.s.c.store.Events(sid)
	var bytes int
	for _, e := range after[len(before):] {
		raw, _ := json.Marshal(e)
		bytes += len(raw)
	}
	per := float64(bytes) / float64(b.N)
	b.ReportMetric(per, "bytes/publish")
	b.ReportMetric(per*float64(time.Hour/autosaveEvery)/1e6, "MB/hour")
}
