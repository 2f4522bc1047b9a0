package model

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
)

// reviewRev is a well-formed revision id.
const reviewRev = RevisionID("89abcdef0123456789abcdef0123456789abcdef0123456789abcdef01234567")

func TestStatusPayloadValidate(t *testing.T) {
	cases := []struct {
		name string
		p    StatusPayload
		ok   bool
	}{
		// Every status, as it may be sent.
		{"open", StatusPayload{Branch: "river", Status: StatusOpen}, true},
		{"merged with its merge", StatusPayload{Branch: "river", Status: StatusMerged, Merge: reviewRev}, true},
		{"rejected with a reason", StatusPayload{Branch: "river", Status: StatusRejected, Reason: "Not this draft."}, true},
		{"withdrawn", StatusPayload{Branch: "river", Status: StatusWithdrawn}, true},
		{"needs update", StatusPayload{Branch: "river", Status: StatusNeedsUpdate}, true},
		{"longest branch and reason", StatusPayload{Branch: strings.Repeat("b", MaxBranchName), Status: StatusRejected, Reason: strings.Repeat("r", MaxReason)}, true},
		{"unicode branch", StatusPayload{Branch: "scène-3", Status: StatusOpen}, true},

		// Branches.
		{"no branch", StatusPayload{Status: StatusOpen}, false},
		{"main", StatusPayload{Branch: MainBranch, Status: StatusRejected}, false},
		{"branch too long", StatusPayload{Branch: strings.Repeat("b", MaxBranchName+1), Status: StatusOpen}, false},
		{"branch not UTF-8", StatusPayload{Branch: "riv\xffer", Status: StatusOpen}, false},

		// Statuses.
		{"no status", StatusPayload{Branch: "river"}, false},
		{"unknown status", StatusPayload{Branch: "river", Status: "approved"}, false},
		{"status in capitals", StatusPayload{Branch: "river", Status: "Merged", Merge: reviewRev}, false},

		// The merge revision goes with merged, and only with it.
		{"merged without its merge", StatusPayload{Branch: "river", Status: StatusMerged}, false},
		{"merged with a malformed merge", StatusPayload{Branch: "river", Status: StatusMerged, Merge: "abc"}, false},
		{"rejected with a merge", StatusPayload{Branch: "river", Status: StatusRejected, Merge: reviewRev}, false},

		// Reasons.
		{"reason too long", StatusPayload{Branch: "river", Status: StatusRejected, Reason: strings.Repeat("r", MaxReason+1)}, false},
		{"reason not UTF-8", StatusPayload{Branch: "river", Status: StatusRejected, Reason: "\xc3("}, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := c.p.Validate()
			if c.ok {
				if err != nil {
					t.Fatalf("Validate: %v", err)
				}
				return
			}
			if !errors.Is(err, ErrBadStatus) || !errors.Is(err, ErrBadPayload) {
				t.Fatalf("Validate = %v, want ErrBadStatus", err)
			}
		})
	}
}

func TestProposalStatusFinal(t *testing.T) {
	for s, final := range map[ProposalStatus]bool{
		StatusOpen: false, StatusNeedsUpdate: false,
		StatusMerged: true, StatusRejected: true, StatusWithdrawn: true,
		"": false, "approved": false,
	} {
		if s.Final() != final {
			t.Errorf("%q.Final() = %v", s, s.Final())
		}
		if s.Known() != (s != "" && s != "approved") {
			t.Errorf("%q.Known() = %v", s, s.Known())
		}
	}
}

func TestCommentPayloadValidate(t *testing.T) {
	anchor := &Anchor{Revision: reviewRev, StartLine: 12, EndLine: 13, Quote: "WILL\nThere is no fish in there."}
	with := func(f func(a *Anchor)) *Anchor { a := *anchor; f(&a); return &a }
	cases := []struct {
		name string
		p    CommentPayload
		ok   bool
	}{
		// Adding threads and replies.
		{"new thread", CommentPayload{ID: "c1", Op: CommentAdd, Anchor: anchor, Body: "Too slow?"}, true},
		{"reply", CommentPayload{ID: "c2", Op: CommentAdd, Thread: "c1", Body: "It is a river."}, true},
		{"reply with its own anchor", CommentPayload{ID: "c2", Op: CommentAdd, Thread: "c1", Anchor: anchor, Body: "Here."}, true},
		{"thread without an anchor", CommentPayload{ID: "c1", Op: CommentAdd, Body: "Where?"}, false},
		{"empty body", CommentPayload{ID: "c1", Op: CommentAdd, Anchor: anchor}, false},
		{"longest body", CommentPayload{ID: "c1", Op: CommentAdd, Anchor: anchor, Body: strings.Repeat("é", MaxCommentBody/2)}, true},
		{"body too long", CommentPayload{ID: "c1", Op: CommentAdd, Anchor: anchor, Body: strings.Repeat("x", MaxCommentBody+1)}, false},
		{"body not UTF-8", CommentPayload{ID: "c1", Op: CommentAdd, Anchor: anchor, Body: "caf\xe9"}, false},

		// Ids.
		{"longest id", CommentPayload{ID: strings.Repeat("a", MaxCommentID), Op: CommentAdd, Anchor: anchor, Body: "x"}, true},
		{"id too long", CommentPayload{ID: strings.Repeat("a", MaxCommentID+1), Op: CommentAdd, Anchor: anchor, Body: "x"}, false},
		{"no id", CommentPayload{Op: CommentAdd, Anchor: anchor, Body: "x"}, false},
		{"id with a space", CommentPayload{ID: "c 1", Op: CommentAdd, Anchor: anchor, Body: "x"}, false},
		{"id with a slash", CommentPayload{ID: "c/1", Op: CommentAdd, Anchor: anchor, Body: "x"}, false},
		{"bad thread id", CommentPayload{ID: "c2", Op: CommentAdd, Thread: "c 1", Body: "x"}, false},
		{"reply to itself", CommentPayload{ID: "c2", Op: CommentAdd, Thread: "c2", Body: "x"}, false},

		// Anchors.
		{"anchor without a revision", CommentPayload{ID: "c1", Op: CommentAdd, Anchor: with(func(a *Anchor) { a.Revision = "" }), Body: "x"}, false},
		{"anchor at line 0", CommentPayload{ID: "c1", Op: CommentAdd, Anchor: with(func(a *Anchor) { a.StartLine = 0 }), Body: "x"}, false},
		{"anchor ending before it starts", CommentPayload{ID: "c1", Op: CommentAdd, Anchor: with(func(a *Anchor) { a.EndLine = 11 }), Body: "x"}, false},
		{"anchor of one line", CommentPayload{ID: "c1", Op: CommentAdd, Anchor: with(func(a *Anchor) { a.EndLine = 12 }), Body: "x"}, true},
		{"anchor without a quote", CommentPayload{ID: "c1", Op: CommentAdd, Anchor: with(func(a *Anchor) { a.Quote = "" }), Body: "x"}, false},
		{"quote too long", CommentPayload{ID: "c1", Op: CommentAdd, Anchor: with(func(a *Anchor) { a.Quote = strings.Repeat("q", MaxQuote+1) }), Body: "x"}, false},
		{"quote not UTF-8", CommentPayload{ID: "c1", Op: CommentAdd, Anchor: with(func(a *Anchor) { a.Quote = "\xff" }), Body: "x"}, false},

		// Edit, resolve, reopen, delete.
		{"edit", CommentPayload{ID: "c1", Op: CommentEdit, Body: "Much too slow?"}, true},
		{"edit to nothing", CommentPayload{ID: "c1", Op: CommentEdit}, false},
		{"edit with an anchor", CommentPayload{ID: "c1", Op: CommentEdit, Body: "x", Anchor: anchor}, false},
		{"resolve", CommentPayload{ID: "c1", Op: CommentResolve}, true},
		{"reopen", CommentPayload{ID: "c1", Op: CommentReopen}, true},
		{"delete", CommentPayload{ID: "c1", Op: CommentDelete}, true},
		{"resolve with a body", CommentPayload{ID: "c1", Op: CommentResolve, Body: "Done."}, false},
		{"delete with a body", CommentPayload{ID: "c1", Op: CommentDelete, Body: "Bye."}, false},
		{"delete with an anchor", CommentPayload{ID: "c1", Op: CommentDelete, Anchor: anchor}, false},
		{"unknown op", CommentPayload{ID: "c1", Op: "like"}, false},
		{"no op", CommentPayload{ID: "c1"}, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := c.p.Validate()
			if c.ok {
				if err != nil {
					t.Fatalf("Validate: %v", err)
				}
				return
			}
			if !errors.Is(err, ErrBadComment) || !errors.Is(err, ErrBadPayload) {
				t.Fatalf("Validate = %v, want ErrBadComment", err)
			}
		})
	}
}

// TestReviewPayloadsRoundTrip: the payloads survive the JSON of an event
// unchanged, so every client validates the same thing.
func TestReviewPayloadsRoundTrip(t *testing.T) {
	owner, err := NewIdentity("Owner")
	if err != nil {
		t.Fatal(err)
	}
	room := NewScriptID()
	for _, p := range []any{
		StatusPayload{Branch: "river", Status: StatusMerged, Merge: reviewRev, Reason: "Clean <merge> & all"},
		CommentPayload{ID: "c1", Op: CommentAdd, Anchor: &Anchor{Revision: reviewRev, StartLine: 1, EndLine: 2, Quote: "A\r\nB ☕"}, Body: "<b>bold</b>"},
	} {
		kind := KindStatus
		if _, ok := p.(CommentPayload); ok {
			kind = KindComment
		}
		ev := mustEvent(t, owner, room, kind, p)
		raw, err := json.Marshal(ev)
		if err != nil {
			t.Fatal(err)
		}
		var back Event
		if err := json.Unmarshal(raw, &back); err != nil {
			t.Fatal(err)
		}
		if err := back.Verify(); err != nil {
			t.Fatalf("%s event after JSON: %v", kind, err)
		}
		switch want := p.(type) {
		case StatusPayload:
			var got StatusPayload
			if err := back.DecodePayload(&got); err != nil || got != want || got.Validate() != nil {
				t.Fatalf("status payload %+v (%v), want %+v", got, err, want)
			}
		case CommentPayload:
			var got CommentPayload
			if err := back.DecodePayload(&got); err != nil || got.Anchor == nil || *got.Anchor != *want.Anchor || got.Body != want.Body || got.Validate() != nil {
				t.Fatalf("comment payload %+v (%v), want %+v", got, err, want)
			}
		}
	}
}
