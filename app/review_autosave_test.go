package app

import (
	"testing"

	"github.com/scriptroom/scriptroom/internal/model"
)

// Typing in a proposal that could not be published (here: the owner
// rejected the proposal while its last second of typing waited for its turn)
// is kept, shown when the proposal is opened, and tried again by the next
// flush; never dropped.
func TestReviewUnpublishedSaveIsKept(t *testing.T) {
	a, b, sid, _ := sharedPair(t, "proposer")
	doc, err := b.r.StartProposal(sid, "Typing", "")
	if err != nil {
		t.Fatal(err)
	}
	name := doc.Proposal.Name
	first := doc.Text + "First line.\n"
	if _, err := b.r.SaveProposal(sid, name, first); err != nil {
		t.Fatal(err)
	}
	// Within the second: queued, not published.
	typed := first + "Second line, typed just before the rejection.\n"
	if _, err := b.r.SaveProposal(sid, name, typed); err != nil {
		t.Fatal(err)
	}
	if got, ok := b.r.pendingText(model.ScriptID(sid), name); !ok || got != typed {
		t.Fatalf("the second save is not waiting: %q, %v", got, ok)
	}

	eventually(t, "Ann sees the proposal", func() bool { _, ok := proposalOf(t, a, sid, name); return ok })
	if _, err := a.r.Reject(sid, name, "Not now."); err != nil {
		t.Fatal(err)
	}
	eventually(t, "Bob sees the rejection", func() bool {
		p, ok := proposalOf(t, b, sid, name)
		return ok && p.Status == "rejected"
	})

	_, done, err := b.r.flush(model.ScriptID(sid), name)
	if !done || err == nil {
		t.Fatalf("flush of a rejected proposal = done %v, %v; want an error", done, err)
	}
	if got, ok := b.r.pendingText(model.ScriptID(sid), name); !ok || got != typed {
		t.Fatalf("after the failed flush the typing is %q (kept %v), want it kept", got, ok)
	}
	if got, err := b.r.OpenProposal(sid, name); err != nil || got.Text != typed {
		t.Fatalf("OpenProposal after the failed flush shows %q, %v; want the typing", got.Text, err)
	}
	// The next flush tries it again, and it is still kept.
	if _, done, err := b.r.flush(model.ScriptID(sid), name); !done || err == nil {
		t.Fatalf("second flush = done %v, %v", done, err)
	}
	if got, ok := b.r.pendingText(model.ScriptID(sid), name); !ok || got != typed {
		t.Fatal("the typing was dropped by the second flush")
	}
}
