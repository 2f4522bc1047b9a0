package model

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"testing"
)

func TestTextDeltaApply(t *testing.T) {
	const base = "one\ntwo\nthree\n"
	cases := []struct {
		name string
		base string
		ops  []LineOp
		want string
		err  error
	}{
		// Deltas that fit their base.
		{"keep all", base, []LineOp{{Keep: 3}}, base, nil},
		{"replace the middle", base, []LineOp{{Keep: 1}, {Drop: 1}, {Add: "TWO\n"}, {Keep: 1}}, "one\nTWO\nthree\n", nil},
		{"add at the start", base, []LineOp{{Add: "zero\n"}, {Keep: 3}}, "zero\n" + base, nil},
		{"drop everything", base, []LineOp{{Drop: 3}}, "", nil},
		{"from nothing", "", []LineOp{{Add: "new\n"}}, "new\n", nil},
		{"nothing to nothing", "", nil, "", nil},
		{"no final newline kept", "a\nb", []LineOp{{Keep: 1}, {Drop: 1}, {Add: "b\nc"}}, "a\nb\nc", nil},
		{"CRLF kept byte for byte", "a\r\nb\r\n", []LineOp{{Keep: 1}, {Add: "x\r\n"}, {Keep: 1}}, "a\r\nx\r\nb\r\n", nil},

		// Deltas made against another text.
		{"keeps past the end", base, []LineOp{{Keep: 4}}, "", ErrDeltaMismatch},
		{"drops past the end", base, []LineOp{{Keep: 1}, {Drop: 3}}, "", ErrDeltaMismatch},
		{"leaves lines unused", base, []LineOp{{Keep: 2}}, "", ErrDeltaMismatch},
		{"keeps lines of an empty base", "", []LineOp{{Keep: 1}}, "", ErrDeltaMismatch},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := &TextDelta{Base: RevisionID(hash64('b')), Chain: 1, Ops: c.ops}
			got, err := d.Apply(c.base)
			if !errors.Is(err, c.err) || got != c.want {
				t.Fatalf("Apply = %q, %v; want %q, %v", got, err, c.want, c.err)
			}
		})
	}
}

func hash64(c byte) string { return string(bytes.Repeat([]byte{c}, HashIDLength)) }

// deltaPayload shares next, a revision of author's whose parent is base, as
// a delta of base's text made of ops.
func deltaPayload(t *testing.T, author *Identity, base *Revision, next string, chain int, ops ...LineOp) (RevisionPayload, *Revision) {
	t.Helper()
	rev, err := NewRevision(author, []RevisionID{base.ID}, next, "edit", eventTime)
	if err != nil {
		t.Fatal(err)
	}
	bare := *rev
	bare.Text = ""
	return RevisionPayload{Branch: "pier-1a2b3c", Revision: bare, Version: RevisionDelta,
		Delta: &TextDelta{Base: base.ID, Chain: chain, Ops: ops}}, rev
}

func TestRevisionPayloadWhole(t *testing.T) {
	ann := mustIdentity(t, "Ann")
	first, err := NewRevision(ann, nil, "INT. PIER - DUSK\n\nGulls.\n", "first", eventTime)
	if err != nil {
		t.Fatal(err)
	}
	texts := map[RevisionID]string{first.ID: first.Text}
	known := func(id RevisionID) (string, error) {
		if s, ok := texts[id]; ok {
			return s, nil
		}
		return "", fmt.Errorf("%w: %s", ErrUnknownDeltaBase, id.Short())
	}

	// Version 1: the revision as carried.
	whole := RevisionPayload{Branch: MainBranch, Revision: *first}
	if got, err := whole.Whole(known); err != nil || got.Text != first.Text || got.ID != first.ID {
		t.Fatalf("whole payload: %+v, %v", got, err)
	}

	// Version 2: rebuilt from the base and checked against the hash.
	p, want := deltaPayload(t, ann, first, "INT. PIER - DUSK\n\nGulls cry.\n", 1, LineOp{Keep: 2}, LineOp{Drop: 1}, LineOp{Add: "Gulls cry.\n"})
	got, err := p.Whole(known)
	if err != nil || got.Text != want.Text || got.ID != want.ID || got.Verify() != nil {
		t.Fatalf("delta payload: %+v, %v", got, err)
	}
	if p.Revision.Text != "" {
		t.Fatal("Whole changed the payload")
	}

	// A delta whose base is not known here.
	orphan, _ := deltaPayload(t, ann, want, "x\n", 2, LineOp{Drop: 3}, LineOp{Add: "x\n"})
	if _, err := orphan.Whole(known); !errors.Is(err, ErrUnknownDeltaBase) {
		t.Fatalf("unknown base: %v", err)
	}

	// A delta that rebuilds another text than the one the revision's hash
	// (and so its id and signature) stands for: refused by name.
	lie, _ := deltaPayload(t, ann, first, "INT. PIER - DUSK\n\nGulls cry.\n", 1, LineOp{Keep: 2}, LineOp{Drop: 1}, LineOp{Add: "Gulls laugh.\n"})
	if _, err := lie.Whole(known); !errors.Is(err, ErrDeltaContentMismatch) || !errors.Is(err, ErrContentMismatch) {
		t.Fatalf("hash mismatch: %v", err)
	}

	// A delta made against another base text.
	wrong, _ := deltaPayload(t, ann, first, "a\n", 1, LineOp{Keep: 7})
	if _, err := wrong.Whole(known); !errors.Is(err, ErrDeltaMismatch) {
		t.Fatalf("delta of another text: %v", err)
	}
}

func TestRevisionPayloadVersions(t *testing.T) {
	ann, bob := mustIdentity(t, "Ann"), mustIdentity(t, "Bob")
	room := NewScriptID()
	first, err := NewRevision(ann, nil, "one\ntwo\n", "first", eventTime)
	if err != nil {
		t.Fatal(err)
	}
	good, _ := deltaPayload(t, ann, first, "one\n2\n", 1, LineOp{Keep: 1}, LineOp{Drop: 1}, LineOp{Add: "2\n"})
	with := func(f func(p *RevisionPayload)) RevisionPayload {
		p := good
		d := *good.Delta
		d.Ops = append([]LineOp(nil), good.Delta.Ops...)
		p.Delta = &d
		f(&p)
		return p
	}
	cases := []struct {
		name string
		by   *Identity
		p    RevisionPayload
		want error
	}{
		// Accepted.
		{"whole, as before versions", ann, RevisionPayload{Branch: MainBranch, Revision: *first}, nil},
		{"whole, version 1 spelled out", ann, RevisionPayload{Branch: MainBranch, Revision: *first, Version: RevisionWhole}, nil},
		{"delta", ann, good, nil},
		{"delta at the longest chain", ann, with(func(p *RevisionPayload) { p.Delta.Chain = MaxDeltaChain }), nil},

		// Refused.
		{"a newer version", ann, with(func(p *RevisionPayload) { p.Version = 3 }), ErrPayloadVersion},
		{"a delta in a version 1 payload", ann, with(func(p *RevisionPayload) { p.Version = 0 }), ErrBadDelta},
		{"version 2 without a delta", ann, with(func(p *RevisionPayload) { p.Delta = nil }), ErrBadDelta},
		{"a delta and a text", ann, with(func(p *RevisionPayload) { p.Revision.Text = "one\n2\n" }), ErrBadDelta},
		{"chain 0", ann, with(func(p *RevisionPayload) { p.Delta.Chain = 0 }), ErrBadDelta},
		{"chain too long", ann, with(func(p *RevisionPayload) { p.Delta.Chain = MaxDeltaChain + 1 }), ErrBadDelta},
		{"no base", ann, with(func(p *RevisionPayload) { p.Delta.Base = "" }), ErrBadDelta},
		{"its own base", ann, with(func(p *RevisionPayload) { p.Delta.Base = p.Revision.ID }), ErrBadDelta},
		{"an operation with two fields", ann, with(func(p *RevisionPayload) { p.Delta.Ops[0].Add = "x\n" }), ErrBadDelta},
		{"an empty operation", ann, with(func(p *RevisionPayload) { p.Delta.Ops = append(p.Delta.Ops, LineOp{}) }), ErrBadDelta},
		{"a negative count", ann, with(func(p *RevisionPayload) { p.Delta.Ops[0].Keep = -1 }), ErrBadDelta},
		{"content hash altered", ann, with(func(p *RevisionPayload) { p.Revision.ContentHash = hash64('c') }), ErrIDMismatch},
		{"content hash malformed", ann, with(func(p *RevisionPayload) { p.Revision.ContentHash = "x" }), ErrBadPayload},
		{"shared by another", bob, good, ErrBadPayload},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ev := mustEvent(t, c.by, room, KindRevision, c.p)
			if err := ev.Verify(); !errors.Is(err, c.want) {
				t.Fatalf("Verify = %v, want %v", err, c.want)
			}
		})
	}
}

// TestWholePayloadUnchanged holds the version 1 payload to its old
// encoding: events made before versions existed keep their ids.
func TestWholePayloadUnchanged(t *testing.T) {
	ann := mustIdentity(t, "Ann")
	rev, err := NewRevision(ann, nil, "one\n", "first", eventTime)
	if err != nil {
		t.Fatal(err)
	}
	raw, err := json.Marshal(RevisionPayload{Branch: MainBranch, Revision: *rev})
	if err != nil {
		t.Fatal(err)
	}
	old, _ := json.Marshal(struct {
		Branch   string   `json:"branch"`
		Revision Revision `json:"revision"`
	}{MainBranch, *rev})
	if !bytes.Equal(raw, old) {
		t.Fatalf("a whole payload encodes as\n%s\nnot as before\n%s", raw, old)
	}
	ev := mustEvent(t, ann, NewScriptID(), KindRevision, json.RawMessage(old))
	var back RevisionPayload
	if err := ev.DecodePayload(&back); err != nil || back.IsDelta() || back.Revision.Text != "one\n" || ev.Verify() != nil {
		t.Fatalf("old payload read as %+v (%v)", back, err)
	}
}

// FuzzTextDeltaApply feeds Apply any base and any delta: it returns a text
// or an error, never panics.
func FuzzTextDeltaApply(f *testing.F) {
	f.Add("one\ntwo\n", `[{"keep":1},{"drop":1},{"add":"2\n"}]`)
	f.Add("a\nb", `[{"keep":3}]`)
	f.Add("", `[{"add":"x"},{"drop":1}]`)
	f.Fuzz(func(t *testing.T, base, ops string) {
		var d TextDelta
		if json.Unmarshal([]byte(ops), &d.Ops) != nil {
			return
		}
		d.Base, d.Chain = RevisionID(hash64('b')), 1
		if d.validate(RevisionID(hash64('r'))) != nil {
			return
		}
		got, err := d.Apply(base)
		if err != nil {
			if !errors.Is(err, ErrDeltaMismatch) {
				t.Fatalf("Apply failed with %v", err)
			}
			return
		}
		if len(got) > len(base)+d.added() {
			t.Fatalf("Apply made %d bytes from %d and %d added", len(got), len(base), d.added())
		}
	})
}
