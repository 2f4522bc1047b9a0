package app

import (
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/scriptroom/scriptroom/internal/corpus"
	"github.com/scriptroom/scriptroom/internal/model"
	"github.com/scriptroom/scriptroom/internal/workspace"
)

// joinAs has w join Ann's shared script sid through url with role.
func joinAs(t *testing.T, a, w *writer, sid, url, role string) {
	t.Helper()
	if _, err := w.s.SetRelayURL(url); err != nil {
		t.Fatal(err)
	}
	link, err := a.s.Invite(sid, role, 24)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.s.Join(link); err != nil {
		t.Fatal(err)
	}
	eventually(t, w.s.c.identity().Name+" has the script, Ann's head and the role", func() bool {
		in, err := w.s.Sharing(sid)
		return err == nil && in.Role == role && headOf(t, w.s, model.ScriptID(sid)) == headOf(t, a.s, model.ScriptID(sid))
	})
}

// TestProposalSavesTravelAsDeltas: Bob types in a proposal of a
// feature-length script, saved 50 times as the editor saves (its changes,
// then published at once as the autosave's timer would). What the room's
// log grows by is a small fraction of 50 whole texts; Ann's library and
// view get exactly his last text, and so does Cid, who joins afterwards
// and replays the log from its start.
func TestProposalSavesTravelAsDeltas(t *testing.T) {
	text := string(corpus.Read(t, "fountain", "samples", "big-fish.fountain"))
	url := newTestRelay(t)
	a, b, c := newWriter(t, "Ann"), newWriter(t, "Bob"), newWriter(t, "Cid")
	if _, err := a.s.SetRelayURL(url); err != nil {
		t.Fatal(err)
	}
	sc, err := NewLibrary(a.s.c).Create("Big Fish")
	if err != nil {
		t.Fatal(err)
	}
	sid, msid := sc.ID, model.ScriptID(sc.ID)
	if _, err := a.ed.Commit(sid, text, "First draft"); err != nil {
		t.Fatal(err)
	}
	if _, err := a.s.Share(sid, "invite"); err != nil {
		t.Fatal(err)
	}
	joinAs(t, a, b, sid, url, "proposer")

	doc, err := b.r.StartProposal(sid, "Longer beats", "")
	if err != nil {
		t.Fatal(err)
	}
	name := doc.Proposal.Name
	eventually(t, "Ann sees Bob's proposal", func() bool { _, ok := proposalOf(t, a, sid, name); return ok })
	before := logBytes(t, a, msid)

	const saves = 50
	cur := doc.Text
	var head string
	for i := 0; i < saves; i++ {
		// A word typed at the end of a line in the middle of the script.
		lines := strings.SplitAfter(cur, "\n")
		at := len(lines)/4 + i*37%(len(lines)/2)
		off := len(strings.Join(lines[:at], "")) + len(strings.TrimSuffix(lines[at], "\n"))
		next := cur[:off] + " Beat." + cur[off:]
		from := len(utf16.Encode([]rune(cur[:off])))
		saved, err := b.r.SaveProposalChanges(sid, name, workspace.Changes{
			Base:    workspace.SumOf(cur),
			Changes: []workspace.Change{{From: from, To: from, Insert: " Beat."}},
			Result:  workspace.SumOf(next),
		})
		if err != nil || saved.Stale {
			t.Fatalf("save %d: %+v, %v", i, saved, err)
		}
		info, err := b.r.flushSave(msid, name)
		if err != nil {
			t.Fatalf("publish save %d: %v", i, err)
		}
		if info.Head == head {
			t.Fatalf("save %d did not move the proposal", i)
		}
		cur, head = next, info.Head
	}

	eventually(t, "Ann has Bob's last save", func() bool {
		p, ok := proposalOf(t, a, sid, name)
		return ok && p.Head == head
	})
	if got := storedText(t, a, msid, head); got != cur {
		t.Fatalf("Ann's library holds another text for the last save (%d bytes, want %d)", len(got), len(cur))
	}
	if open, err := a.r.OpenProposal(sid, name); err != nil || open.Text != cur {
		t.Fatalf("Ann opens the proposal: %v (text equal: %v)", err, open.Text == cur)
	}
	grew := logBytes(t, a, msid) - before
	whole := saves * len(text)
	t.Logf("%d saves of a %d-byte script: the room's log grew by %d bytes (%.1f%% of %d whole texts, %d bytes a save)",
		saves, len(text), grew, 100*float64(grew)/float64(whole), saves, grew/saves)
	if grew*20 > whole {
		t.Fatalf("the log grew by %d bytes, over 5%% of %d whole texts (%d bytes)", grew, saves, whole)
	}
	evs, err := a.s.c.store.Events(msid)
	if err != nil {
		t.Fatal(err)
	}
	deltas := 0
	for _, ev := range evs {
		var p model.RevisionPayload
		if ev.Kind == model.KindRevision && ev.DecodePayload(&p) == nil && p.IsDelta() {
			deltas++
		}
	}
	if deltas < saves {
		t.Fatalf("%d of the log's revision events are deltas, want at least %d", deltas, saves)
	}

	// Cid joins now: the whole log replays from its start, and every save
	// is rebuilt into his library.
	joinAs(t, a, c, sid, url, "reader")
	eventually(t, "Cid has Bob's last save", func() bool {
		p, ok := proposalOf(t, c, sid, name)
		return ok && p.Head == head
	})
	if got := storedText(t, c, msid, head); got != cur {
		t.Fatal("Cid's library holds another text for the last save")
	}
	if open, err := c.r.OpenProposal(sid, name); err != nil || open.Text != cur {
		t.Fatalf("Cid opens the proposal: %v", err)
	}
}

// storedText waits for revision id to be in w's library (the review's fold
// can see it a moment before Sync.apply stores it) and returns its text.
func storedText(t *testing.T, w *writer, sid model.ScriptID, id string) string {
	t.Helper()
	var rev *model.Revision
	eventually(t, "revision "+id[:10]+" is in the library", func() bool {
		var err error
		rev, err = w.s.c.store.Revision(sid, model.RevisionID(id))
		return err == nil
	})
	if st := w.s.status(); st.Error != "" {
		t.Fatalf("%s's sync reports: %s", w.s.c.identity().Name, st.Error)
	}
	return rev.Text
}
