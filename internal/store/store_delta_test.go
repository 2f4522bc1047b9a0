package store

import (
	"flag"
	"fmt"
	"math/rand"
	"strings"
	"testing"
	"time"

	"github.com/scriptroom/scriptroom/internal/model"
)

var seed = flag.Int64("seed", 1, "seed for the random revision chains")

func TestDeltaExact(t *testing.T) {
	cases := []struct{ a, b string }{
		// Edge cases of line endings.
		{"", ""},
		{"", "a"},
		{"a", ""},
		{"a\n", "a"},
		{"a", "a\n"},
		{"a\r\nb\r\n", "a\nb\r\n"},
		{"x\ny\nz", "x\nY\nz"},
		// Unicode and repeated lines.
		{"é\n日本\n🎬\n", "日本\né\n🎬\n🎬"},
		{strings.Repeat("same\n", 50), strings.Repeat("same\n", 49) + "other\n"},
	}
	for i, tc := range cases {
		d, ok := makeDelta(splitLines(tc.a), splitLines(tc.b))
		if !ok {
			t.Fatalf("case %d: no delta", i)
		}
		got, err := applyDelta(nil, splitLines(tc.a), d)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Join(got, "") != tc.b {
			t.Errorf("case %d: rebuilt %q, want %q", i, strings.Join(got, ""), tc.b)
		}
	}
	if _, err := applyDelta(nil, nil, []byte("C\x05\x01")); err == nil {
		t.Error("copy past the end accepted")
	}
	if _, err := applyDelta(nil, nil, []byte("Z")); err == nil {
		t.Error("unknown operation accepted")
	}
}

// randomEdit changes 1–3 places of text: replace, insert or delete lines,
// with CRLF, Unicode and a missing final newline now and then.
func randomEdit(rng *rand.Rand, text string) string {
	lines := splitLines(text)
	words := []string{"MARA", "door", "rain", "é", "日本", "🎬", "INT. HOUSE - DAY", "(beat)", "  ", ""}
	for n := 1 + rng.Intn(3); n > 0; n-- {
		var l string
		for k := rng.Intn(6); k > 0; k-- {
			l += words[rng.Intn(len(words))] + " "
		}
		switch rng.Intn(10) {
		case 0:
			l += "\r\n"
		case 1:
			// no newline: only valid as the last line
		default:
			l += "\n"
		}
		i := 0
		if len(lines) > 0 {
			i = rng.Intn(len(lines) + 1)
		}
		if !strings.HasSuffix(l, "\n") && i < len(lines) {
			l += "\n"
		}
		switch op := rng.Intn(3); {
		case op == 0 && i < len(lines):
			lines = append(lines[:i], lines[i+1:]...)
		case op == 1 && i < len(lines):
			lines[i] = l
		default:
			lines = append(lines[:i], append([]string{l}, lines[i:]...)...)
		}
		// A line without "\n" may only end the text.
		for j := 0; j < len(lines)-1; j++ {
			if !strings.HasSuffix(lines[j], "\n") {
				lines[j] += "\n"
			}
		}
	}
	return strings.Join(lines, "")
}

// Every revision of a chain of 1,000 random edits comes back exactly.
func TestChainReconstruction(t *testing.T) {
	rng := rand.New(rand.NewSource(*seed))
	s := newTestStore(t, Options{SnapshotEvery: 25})
	me := newIdentity(t)
	sc := newScript(t, s, me)
	var texts []string
	var ids []model.RevisionID
	text := "Title: Chain\n\nINT. ROOM - DAY\n\nStart.\n"
	var parent []model.RevisionID
	at := time.Unix(1_700_000_000, 0)
	for i := 0; i < 1000; i++ {
		text = randomEdit(rng, text)
		if i%97 == 0 {
			text = fmt.Sprintf("REWRITE %d\n", i) // an unrelated text now and then
		}
		r, err := model.NewRevision(me, parent, text, fmt.Sprintf("rev %d", i), at.Add(time.Duration(i)*time.Second))
		if err != nil {
			t.Fatal(err)
		}
		if err := s.CommitRevision(sc.ID, r, RevisionStats{}); err != nil {
			t.Fatal(err)
		}
		texts = append(texts, text)
		ids = append(ids, r.ID)
		parent = []model.RevisionID{r.ID}
	}
	seen := map[model.RevisionID]bool{}
	for i, id := range ids {
		if seen[id] {
			continue // the same text, message and time twice is one revision
		}
		seen[id] = true
		r, err := s.Revision(sc.ID, id)
		if err != nil {
			t.Fatalf("revision %d (seed %d): %v", i, *seed, err)
		}
		if r.Text != texts[i] {
			t.Fatalf("revision %d (seed %d) differs", i, *seed)
		}
	}
	infos, _ := s.Revisions(sc.ID)
	if len(infos) != len(seen) {
		t.Fatalf("%d revisions listed, %d stored", len(infos), len(seen))
	}
}
