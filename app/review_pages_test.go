package app

import (
	"testing"

	"github.com/scriptroom/scriptroom/internal/screenplay"
	"github.com/scriptroom/scriptroom/internal/workspace"
)

// TestProposalPages: proposal mode's pages are those of the proposal's
// newest text, typing waiting to be published included, with its sum.
func TestProposalPages(t *testing.T) {
	_, b, sid, _ := sharedPair(t, "proposer")
	doc, err := b.r.StartProposal(sid, "Pages", "")
	if err != nil {
		t.Fatal(err)
	}
	name := doc.Proposal.Name
	p, err := b.r.ProposalPages(sid, name, "")
	if err != nil || p.Sum != workspace.SumOf(doc.Text) || len(p.Pages) != 1 {
		t.Fatalf("pages of the proposal as started = %+v, %v", p, err)
	}
	longer := doc.Text + "\n===\n\nEXT. BEACH - NIGHT\n\nWaves.\n"
	end := len(doc.Text)
	if _, err := b.r.SaveProposalChanges(sid, name, changesOn(doc.Text, workspace.Change{From: end, To: end, Insert: longer[end:]})); err != nil {
		t.Fatal(err)
	}
	p, err = b.r.ProposalPages(sid, name, "a4")
	if err != nil || p.Sum != workspace.SumOf(longer) || len(p.Pages) != 2 || p.Paper != "a4" {
		t.Fatalf("pages after typing = %+v, %v; want 2 on A4 of the new text", p, err)
	}
	if _, err := b.r.ProposalPages(sid, "no-such-proposal", ""); err == nil {
		t.Error("an unknown proposal was laid out")
	}
	if _, err := b.r.ProposalPages(sid, name, "legal"); err == nil {
		t.Error("legal paper was accepted")
	}
}

// TestHistoryPages: a revision is laid out from its own text, by its id.
func TestHistoryPages(t *testing.T) {
	c := newTestCore(t)
	lib, ed, h := NewLibrary(c), NewEditor(c), NewHistory(c)
	sc, err := lib.Create("Pages")
	if err != nil {
		t.Fatal(err)
	}
	const text = "INT. HOUSE - DAY\n\nA room.\n\n===\n\nEXT. YARD - NIGHT\n\nGrass.\n"
	rev, err := ed.Commit(sc.ID, text, "two pages")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ed.SaveDraft(sc.ID, "INT. HOUSE - DAY\n"); err != nil {
		t.Fatal(err)
	}
	p, err := h.Pages(sc.ID, string(rev.ID), "letter")
	if err != nil || len(p.Pages) != 2 || len(p.Scenes) != 2 {
		t.Fatalf("History.Pages = %+v, %v", p, err)
	}
	if _, err := h.Pages(sc.ID, "0000", "letter"); err == nil {
		t.Error("an unknown revision was laid out")
	}
	// The history's figures: the revision's words and printed pages.
	figs, err := h.Figures(sc.ID, "a4")
	if err != nil || len(figs) != 1 || figs[0].ID != string(rev.ID) || figs[0].Pages != 2 || figs[0].Words != screenplay.Measure(text, screenplay.A4).Words {
		t.Fatalf("History.Figures = %+v, %v", figs, err)
	}
	if _, err := h.Figures(sc.ID, "legal"); err == nil {
		t.Error("legal paper was accepted")
	}
}
