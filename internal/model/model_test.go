package model

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func mustIdentity(t *testing.T, name string) *Identity {
	t.Helper()
	id, err := NewIdentity(name)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func TestRevisionIDDeterministic(t *testing.T) {
	alice := mustIdentity(t, "Alice")
	at := time.Date(2026, 11, 25, 10, 0, 0, 123456789, time.UTC)
	a, err := NewRevision(alice, nil, "INT. HOUSE - DAY\n", "first", at)
	if err != nil {
		t.Fatal(err)
	}
	b, err := NewRevision(alice, nil, "INT. HOUSE - DAY\n", "first", at)
	if err != nil {
		t.Fatal(err)
	}
	if a.ID != b.ID {
		t.Fatalf("identical revisions got ids %s and %s", a.ID, b.ID)
	}
	if err := a.ID.Validate(); err != nil {
		t.Fatal(err)
	}
	// Each field that is hashed changes the id.
	variants := map[string]func() (*Revision, error){
		"text":    func() (*Revision, error) { return NewRevision(alice, nil, "INT. HOUSE - NIGHT\n", "first", at) },
		"message": func() (*Revision, error) { return NewRevision(alice, nil, "INT. HOUSE - DAY\n", "first!", at) },
		"time": func() (*Revision, error) {
			return NewRevision(alice, nil, "INT. HOUSE - DAY\n", "first", at.Add(time.Millisecond))
		},
		"parents": func() (*Revision, error) {
			return NewRevision(alice, []RevisionID{a.ID}, "INT. HOUSE - DAY\n", "first", at)
		},
		"author": func() (*Revision, error) {
			return NewRevision(mustIdentity(t, "Alice"), nil, "INT. HOUSE - DAY\n", "first", at)
		},
	}
	for name, mk := range variants {
		v, err := mk()
		if err != nil {
			t.Fatal(err)
		}
		if v.ID == a.ID {
			t.Errorf("changing the %s did not change the id", name)
		}
	}
	// The display name is not hashed: a renamed author makes the same revision.
	renamed := *alice
	renamed.Name = "Alice B."
	c, _ := NewRevision(&renamed, nil, "INT. HOUSE - DAY\n", "first", at)
	if c.ID != a.ID {
		t.Errorf("display name changed the id")
	}
}

func TestCanonicalEncodingUnambiguous(t *testing.T) {
	alice := mustIdentity(t, "Alice")
	at := time.Unix(1700000000, 0)
	// A message that mimics the next field must not collide with a real one.
	a, _ := NewRevision(alice, nil, "x", "a\ncontent 1:x", at)
	b, _ := NewRevision(alice, nil, "x", "a", at)
	if a.ID == b.ID {
		t.Fatal("length prefixes failed to separate fields")
	}
}

func TestRevisionVerifyDetectsTampering(t *testing.T) {
	alice := mustIdentity(t, "Alice")
	mallory := mustIdentity(t, "Mallory")
	good, err := NewRevision(alice, nil, "FADE IN:\n", "start", time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if err := good.Verify(); err != nil {
		t.Fatalf("fresh revision does not verify: %v", err)
	}
	cases := []struct {
		name   string
		tamper func(r *Revision)
		want   error
	}{
		// Content changes.
		{"text edited", func(r *Revision) { r.Text = "FADE OUT.\n" }, ErrContentMismatch},
		{"text and hash edited", func(r *Revision) { r.Text = "FADE OUT.\n"; r.ContentHash = ContentHash(r.Text) }, ErrIDMismatch},
		// Metadata changes.
		{"message edited", func(r *Revision) { r.Message = "mine now" }, ErrIDMismatch},
		{"time edited", func(r *Revision) { r.Time = r.Time.Add(time.Hour) }, ErrIDMismatch},
		// Re-signed or re-attributed.
		{"author swapped", func(r *Revision) { r.Author = mallory.ID(); r.ID = r.ComputeID() }, ErrBadSignature},
		{"signature flipped", func(r *Revision) { r.Signature[0] ^= 1 }, ErrBadSignature},
		{"signature truncated", func(r *Revision) { r.Signature = r.Signature[:10] }, ErrBadSignature},
		{"forged by another key", func(r *Revision) {
			r.Message = "forged"
			r.ID = r.ComputeID()
			r.Signature = mallory.Sign([]byte(r.ID))
		}, ErrBadSignature},
		{"author not a key", func(r *Revision) { r.Author = "zz"; r.ID = r.ComputeID() }, ErrBadUserID},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := *good
			r.Signature = append([]byte(nil), good.Signature...)
			tc.tamper(&r)
			err := r.Verify()
			if !errors.Is(err, tc.want) {
				t.Fatalf("Verify() = %v, want %v", err, tc.want)
			}
		})
	}
}

func TestNewRevisionRejectsBadParents(t *testing.T) {
	alice := mustIdentity(t, "Alice")
	if _, err := NewRevision(alice, []RevisionID{"abc"}, "", "", time.Now()); !errors.Is(err, ErrBadRevisionID) {
		t.Fatalf("short parent id: got %v", err)
	}
	p := RevisionID(strings.Repeat("a", 64))
	if _, err := NewRevision(alice, []RevisionID{p, p, p}, "", "", time.Now()); !errors.Is(err, ErrTooManyParents) {
		t.Fatalf("three parents: got %v", err)
	}
}

func TestScriptIDAndTitle(t *testing.T) {
	id := NewScriptID()
	if err := id.Validate(); err != nil {
		t.Fatal(err)
	}
	if NewScriptID() == id {
		t.Fatal("two script ids were equal")
	}
	for _, bad := range []ScriptID{"", "xyz", ScriptID(strings.Repeat("g", 32))} {
		if bad.Validate() == nil {
			t.Errorf("%q validated", bad)
		}
	}
	if _, err := CleanTitle("   "); !errors.Is(err, ErrEmptyTitle) {
		t.Errorf("blank title: %v", err)
	}
	if got, _ := CleanTitle("  Big Night \t"); got != "Big Night" {
		t.Errorf("CleanTitle trimmed to %q", got)
	}
	if _, err := CleanTitle(strings.Repeat("x", MaxTitleLength+1)); err == nil {
		t.Error("over-long title accepted")
	}
}

func TestIdentitySignVerify(t *testing.T) {
	a := mustIdentity(t, "A")
	msg := []byte("challenge")
	sig := a.Sign(msg)
	if err := Verify(a.ID(), msg, sig); err != nil {
		t.Fatal(err)
	}
	if err := Verify(a.ID(), []byte("other"), sig); !errors.Is(err, ErrBadSignature) {
		t.Fatalf("wrong message verified: %v", err)
	}
	if _, err := UserID("not hex").PublicKey(); !errors.Is(err, ErrBadUserID) {
		t.Fatalf("bad user id: %v", err)
	}
}
