package workspace

import (
	"errors"
	"fmt"
	"math/rand"
	"strings"
	"testing"
	"time"

	"github.com/scriptroom/scriptroom/internal/corpus"
	"github.com/scriptroom/scriptroom/internal/model"
)

// applyOps rebuilds text from base and ops as a receiver does.
func applyOps(t testing.TB, base string, ops []model.LineOp) string {
	t.Helper()
	d := &model.TextDelta{Ops: ops}
	got, err := d.Apply(base)
	if err != nil {
		t.Fatalf("apply: %v", err)
	}
	return got
}

func TestMakeDelta(t *testing.T) {
	cases := []struct{ name, base, text string }{
		// Whole texts.
		{"nothing to something", "", "INT. PIER - DUSK\n"},
		{"something to nothing", "INT. PIER - DUSK\n", ""},
		{"unchanged", "a\nb\n", "a\nb\n"},

		// Line edits.
		{"one line changed", "a\nb\nc\n", "a\nB\nc\n"},
		{"lines added at both ends", "b\n", "a\nb\nc\n"},
		{"a final newline added", "a\nb", "a\nb\n"},
		{"a final newline removed", "a\nb\n", "a\nb"},
		{"CRLF to LF", "a\r\nb\r\n", "a\nb\n"},
		{"repeated lines", "x\nx\nx\n", "x\nx\ny\nx\nx\n"},
		{"blank lines only", "\n\n\n", "\n\n"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ops := MakeDelta(c.base, c.text)
			if got := applyOps(t, c.base, ops); got != c.text {
				t.Fatalf("rebuilt %q, want %q (ops %+v)", got, c.text, ops)
			}
			for i := 1; i < len(ops); i++ {
				a, b := ops[i-1], ops[i]
				if a.Keep > 0 && b.Keep > 0 || a.Drop > 0 && b.Drop > 0 || a.Add != "" && b.Add != "" {
					t.Fatalf("operations %d and %d are of one kind: %+v", i, i+1, ops)
				}
			}
		})
	}
}

// TestMakeDeltaCorpus edits each script of the corpus at random places
// (seeded, so a failure can be replayed) and rebuilds every edit from the
// text before it; a one-line edit adds about one line.
func TestMakeDeltaCorpus(t *testing.T) {
	for _, name := range []string{"big-fish.fountain", "brick-and-steel.fountain", "the-last-birthday-card.fountain"} {
		t.Run(name, func(t *testing.T) {
			text := string(corpus.Read(t, "fountain", "samples", name))
			r := rand.New(rand.NewSource(int64(len(name))))
			for i := 0; i < 30; i++ {
				lines := strings.SplitAfter(text, "\n")
				at := r.Intn(len(lines))
				var edit string
				switch i % 3 {
				case 0:
					edit = "A new line of action.\n"
					lines = append(lines[:at], append([]string{edit}, lines[at:]...)...)
				case 1:
					edit = strings.TrimSuffix(lines[at], "\n") + " typed\n"
					lines[at] = edit
				default:
					lines = append(lines[:at], lines[at+1:]...)
				}
				next := strings.Join(lines, "")
				ops := MakeDelta(text, next)
				if got := applyOps(t, text, ops); got != next {
					t.Fatalf("edit %d: the delta does not rebuild the text", i)
				}
				added := 0
				for _, op := range ops {
					added += len(op.Add)
				}
				if added > len(edit)+1 || len(ops) > 4 {
					t.Fatalf("edit %d: a one-line edit made %d operations adding %d bytes", i, len(ops), added)
				}
				text = next
			}
		})
	}
}

func TestSharePayloadCadence(t *testing.T) {
	me, err := model.NewIdentity("Ann")
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	baseText := strings.Repeat("A line of action that runs on.\n", 200)
	base, _ := model.NewRevision(me, nil, baseText, "", at)
	edit, _ := model.NewRevision(me, []model.RevisionID{base.ID}, strings.Replace(baseText, "runs on", "stops", 1), "", at)
	rewrite, _ := model.NewRevision(me, []model.RevisionID{base.ID}, strings.Repeat("Something else entirely.\n", 200), "", at)
	orphan, _ := model.NewRevision(me, []model.RevisionID{rewrite.ID}, edit.Text, "", at)
	cases := []struct {
		name      string
		rev, base *model.Revision
		chain     int
		wantChain int // 0: whole
	}{
		// A delta, one longer than the base's chain.
		{"base shared whole", edit, base, 0, 1},
		{"base a delta", edit, base, 41, 42},
		{"the last delta of a chain", edit, base, model.MaxDeltaChain - 1, model.MaxDeltaChain},

		// Whole.
		{"the chain is full", edit, base, model.MaxDeltaChain, 0},
		{"base not in the room", edit, base, -1, 0},
		{"no base", edit, nil, 0, 0},
		{"base is not the first parent", orphan, base, 0, 0},
		{"a rewrite", rewrite, base, 0, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := SharePayload("pier-1a2b3c", c.rev, c.base, c.chain)
			if p.Branch != "pier-1a2b3c" || p.Revision.ID != c.rev.ID {
				t.Fatalf("payload of %+v", p)
			}
			if c.wantChain == 0 {
				if p.IsDelta() || p.Version != 0 || p.Revision.Text != c.rev.Text {
					t.Fatalf("want the whole text, got %+v", p)
				}
				return
			}
			if !p.IsDelta() || p.Version != model.RevisionDelta || p.Revision.Text != "" || p.Delta.Base != c.base.ID || p.Delta.Chain != c.wantChain {
				t.Fatalf("want a delta of chain %d, got %+v", c.wantChain, p)
			}
			got, err := p.Whole(func(model.RevisionID) (string, error) { return c.base.Text, nil })
			if err != nil || got.Text != c.rev.Text {
				t.Fatalf("rebuilt: %v", err)
			}
			ev, err := model.NewEvent(me, model.NewScriptID(), model.KindRevision, p, at)
			if err != nil || ev.Verify() != nil {
				t.Fatalf("event: %v", err)
			}
		})
	}
}

// TestApplyDeltas folds revisions shared as deltas into a reader's
// library: a chain rebuilt from a whole text (in one batch and across
// batches), and the deltas that cannot be rebuilt refused by name and
// left out while the rest is applied.
func TestApplyDeltas(t *testing.T) {
	owner, reader := newTestWorkspace(t, "Owner"), newTestWorkspace(t, "Reader")
	me := owner.Identity()
	sc, _ := owner.Create("The Lock", "")
	var lines []string
	for i := 0; i < 40; i++ {
		lines = append(lines, fmt.Sprintf("Line %d of the lock scene.\n", i))
	}
	info, _ := owner.Commit(sc.ID, strings.Join(lines, ""), "")
	r1, err := owner.Store().Revision(sc.ID, info.ID)
	if err != nil {
		t.Fatal(err)
	}
	room := roomEvent(t, me, sc.ID, model.KindRoom, model.RoomPayload{Title: "The Lock", Visibility: model.Invite})
	whole := roomEvent(t, me, sc.ID, model.KindRevision, model.RevisionPayload{Branch: model.MainBranch, Revision: *r1})
	at := time.Now()
	revs := []*model.Revision{r1}
	var evs []*model.Event
	for i := 0; i < 3; i++ {
		lines[i*10] = "Changed.\n"
		if i == 2 {
			lines = append(lines, "An ending without a newline.")
		}
		prev := revs[len(revs)-1]
		rev, err := model.NewRevision(me, []model.RevisionID{prev.ID}, strings.Join(lines, ""), "", at)
		if err != nil {
			t.Fatal(err)
		}
		p := SharePayload("lock-1a2b3c", rev, prev, i)
		if !p.IsDelta() || p.Delta.Chain != i+1 {
			t.Fatalf("save %d shared as %+v", i, p)
		}
		revs = append(revs, rev)
		evs = append(evs, roomEvent(t, me, sc.ID, model.KindRevision, p))
	}

	got := reader.ApplyEvents(sc.ID, []*model.Event{room, whole, evs[0], evs[1]}, nil)
	if len(got.Errs) != 0 {
		t.Fatalf("first batch: %+v", got.Errs)
	}
	if got := reader.ApplyEvents(sc.ID, evs[2:], nil); len(got.Errs) != 0 {
		t.Fatalf("second batch: %+v", got.Errs)
	}
	for _, want := range revs {
		rev, err := reader.Store().Revision(sc.ID, want.ID)
		if err != nil || rev.Text != want.Text || rev.Verify() != nil {
			t.Fatalf("revision %s in the reader's library: %v", want.ID.Short(), err)
		}
	}

	// Refused: a delta of a revision the room never shared, and one whose
	// rebuilt text is not the one its revision was signed for.
	last := revs[len(revs)-1]
	unseen, _ := model.NewRevision(me, []model.RevisionID{last.ID}, "Unseen.\n"+last.Text, "", at)
	next, _ := model.NewRevision(me, []model.RevisionID{unseen.ID}, "Next.\n"+unseen.Text, "", at)
	orphan := roomEvent(t, me, sc.ID, model.KindRevision, SharePayload("lock-1a2b3c", next, unseen, 0))
	lie, _ := model.NewRevision(me, []model.RevisionID{last.ID}, "Five.\n"+last.Text, "", at)
	p := SharePayload("lock-1a2b3c", lie, last, 3)
	p.Delta.Ops[0].Add = "Six.\n"
	lying := roomEvent(t, me, sc.ID, model.KindRevision, p)
	fine, _ := model.NewRevision(me, []model.RevisionID{last.ID}, "Seven.\n"+last.Text, "", at)
	good := roomEvent(t, me, sc.ID, model.KindRevision, SharePayload("lock-1a2b3c", fine, last, 3))

	got = reader.ApplyEvents(sc.ID, []*model.Event{orphan, lying, good}, nil)
	if len(got.Errs) != 2 || !errors.Is(got.Errs[0], model.ErrUnknownDeltaBase) || !errors.Is(got.Errs[1], model.ErrDeltaContentMismatch) {
		t.Fatalf("refusals: %v", got.Errs)
	}
	for _, id := range []model.RevisionID{next.ID, lie.ID} {
		if _, err := reader.Store().Revision(sc.ID, id); err == nil {
			t.Fatalf("revision %s was stored", id.Short())
		}
	}
	if rev, err := reader.Store().Revision(sc.ID, fine.ID); err != nil || rev.Text != fine.Text {
		t.Fatalf("the good delta beside the refused ones: %v", err)
	}
}
