package app

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/scriptroom/scriptroom/internal/fdx"
	"github.com/scriptroom/scriptroom/internal/fountain"
	"github.com/scriptroom/scriptroom/internal/model"
	"github.com/scriptroom/scriptroom/internal/workspace"
)

// longRooms is a script of n rooms of 60 sentences each, whose pages break
// inside paragraphs.
func longRooms(n int) string {
	var b strings.Builder
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, "INT. ROOM %d - DAY\n\n", i)
		for k := 1; k <= 60; k++ {
			fmt.Fprintf(&b, "Line %d of room %d goes on and on until the end of this row here. ", k, i)
		}
		b.WriteString("\n\n")
	}
	return b.String()
}

// finalDraftLocked is a Final Draft production draft of text whose locked
// pages are not where Scriptroom breaks them: text locked and exported as
// FDX by w, then every page after the first moved a sentence earlier and
// the third renamed 2A (the pages after it numbered one less).
func finalDraftLocked(t *testing.T, w *writer, text string) []byte {
	t.Helper()
	sc, err := NewLibrary(w.s.c).Create("White")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.ed.Commit(sc.ID, text, "White"); err != nil {
		t.Fatal(err)
	}
	if _, err := w.r.LockProduction(sc.ID); err != nil {
		t.Fatal(err)
	}
	p, err := w.s.c.ws.Production(model.ScriptID(sc.ID))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "white.fdx")
	if _, err := w.s.c.ws.Export(model.ScriptID(sc.ID), path, workspace.ExportOptions{Format: workspace.FormatFDX, Production: &p}, nil); err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	s, rep, err := fdx.Read(bytes.NewReader(raw))
	if err != nil || rep.Production == nil {
		t.Fatalf("read the export: %v", err)
	}
	moved := 0
	for k := range rep.Production.LockedPages {
		lp := &rep.Production.LockedPages[k]
		switch {
		case k == 2:
			lp.Label = "2A"
		case k > 2:
			lp.Label = strconv.Itoa(k)
		}
		r := []rune(fountain.Plain(s.Elements[lp.Element].Text))
		if k == 0 || lp.Offset < 3 {
			continue
		}
		at := strings.LastIndex(string(r[:lp.Offset-2]), ". ")
		if at < 0 {
			t.Fatalf("page %d: no sentence before offset %d", k+1, lp.Offset)
		}
		lp.Offset = len([]rune(string(r[:lp.Offset-2])[:at+2]))
		moved++
	}
	if moved < 4 {
		t.Fatalf("%d page starts moved, want at least 4", moved)
	}
	var buf bytes.Buffer
	if err := fdx.WriteProduction(&buf, s, rep.Production); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// pageLabels are the labels of a script's pages as w's editor shows them,
// and the lines it marks.
func pageLabels(t *testing.T, w *writer, sid string) ([]string, []int) {
	t.Helper()
	p, err := w.ed.Pages(sid, "")
	if err != nil {
		t.Fatal(err)
	}
	var labels []string
	for _, ps := range p.Pages {
		labels = append(labels, ps.Label)
	}
	return labels, p.Marks
}

// TestProductionSharedAfterLock: a script locked while kept alone (a Final
// Draft production draft imported with its own locked pages, then a Blue
// set, an edit, a Pink set and its earlier marks cleared) and then shared
// arrives locked for a collaborator: the same lock, sets and history, and
// the same locked page labels and marks in his editor as in Ann's.
func TestProductionSharedAfterLock(t *testing.T) {
	url := newTestRelay(t)
	a, b := newWriter(t, "Ann"), newWriter(t, "Bob")
	text := longRooms(8)
	file := filepath.Join(t.TempDir(), "final-draft.fdx")
	if err := os.WriteFile(file, finalDraftLocked(t, a, text), 0o600); err != nil {
		t.Fatal(err)
	}
	imp, err := NewLibrary(a.s.c).importFile(file)
	if err != nil {
		t.Fatal(err)
	}
	sid := imp.Script.ID
	if !slices.ContainsFunc(imp.Notices, func(n string) bool { return strings.Contains(n, "locked pages keep their numbers") }) {
		t.Fatalf("imported without its locked pages: %q", imp.Notices)
	}
	draft, err := a.s.c.store.Draft(model.ScriptID(sid))
	if err != nil {
		t.Fatal(err)
	}
	// The import locked it with the file's active set, Blue.
	if info, err := a.r.Production(sid); err != nil || len(info.Sets) != 1 || info.Set.Color != "Blue" {
		t.Fatalf("imported production state: %+v, %v", info, err)
	}
	grown := strings.Replace(draft.Text, "INT. ROOM 4 - DAY", "INT. ANNEX - NIGHT\n\nAnn hides in the annex.\n\nINT. ROOM 4 - DAY", 1)
	if _, err := a.ed.Commit(sid, grown, "Annex"); err != nil {
		t.Fatal(err)
	}
	if _, err := a.r.StartRevisionSet(sid, model.RevisionSetInfo{Name: "Pink pages", Color: "pink", Date: "2026-12-09"}); err != nil {
		t.Fatal(err)
	}
	if _, err := a.r.StartRevisionSet(sid, model.RevisionSetInfo{Color: "yellow", Date: "2026-12-12"}); err != nil {
		t.Fatal(err)
	}
	if _, err := a.r.ClearRevisionMarks(sid); err != nil {
		t.Fatal(err)
	}
	cut := strings.Replace(grown, "Line 7 of room 6 goes on and on until the end of this row here. ", "", 1)
	if _, err := a.ed.Commit(sid, cut, "Shorter room 6"); err != nil {
		t.Fatal(err)
	}
	alone, err := a.r.Production(sid)
	if err != nil || alone.Shared || !alone.Locked || len(alone.History) != 5 {
		t.Fatalf("Ann's production state kept alone: %+v, %v", alone, err)
	}
	wantLabels, wantMarks := pageLabels(t, a, sid)
	if !slices.Contains(wantLabels, "2A") || len(wantMarks) == 0 {
		t.Fatalf("Ann's pages %v, marks %v: want the file's 2A and marks", wantLabels, wantMarks)
	}

	// Shared: Bob joins and finds it locked as Ann had it.
	if _, err := a.s.SetRelayURL(url); err != nil {
		t.Fatal(err)
	}
	if _, err := a.s.Share(sid, "invite"); err != nil {
		t.Fatal(err)
	}
	eventually(t, "Ann's room is on the relay", func() bool {
		st := a.s.status()
		return st.State == "online" && st.Pending == 0
	})
	link, err := a.s.Invite(sid, "commenter", 24)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := b.s.Join(link); err != nil {
		t.Fatal(err)
	}
	var bob ProductionInfo
	waitFor(t, "Bob has Ann's head and the script locked with its three sets", func() bool {
		bob, err = b.r.Production(sid)
		return err == nil && bob.Locked && len(bob.Sets) == 3 && bob.Cleared &&
			headOf(t, b.s, model.ScriptID(sid)) == headOf(t, a.s, model.ScriptID(sid))
	})
	var ann ProductionInfo
	waitFor(t, "Ann's state is the room's", func() bool {
		ann, err = a.r.Production(sid)
		return err == nil && ann.Shared && len(ann.History) == len(alone.History)
	})
	for _, got := range []struct {
		who  string
		info ProductionInfo
	}{{"Ann", ann}, {"Bob", bob}} {
		g := got.info
		if !g.Shared || g.Base != alone.Base || !reflect.DeepEqual(g.Sets, alone.Sets) || !reflect.DeepEqual(g.Set, alone.Set) || g.Cleared != alone.Cleared {
			t.Errorf("%s's production state\n %+v\nwant Ann's kept alone\n %+v", got.who, g, alone)
		}
		// Dated when each change was made: a millisecond after the one
		// before at least, when two were made in the same millisecond.
		late := time.Duration(len(alone.History)) * time.Millisecond
		for i, h := range g.History {
			w := alone.History[i]
			if h.Op != w.Op || h.Set != w.Set || h.ByName != "Ann" || h.At.Before(w.At) || h.At.Sub(w.At) >= late ||
				i > 0 && !g.History[i-1].At.Before(h.At) {
				t.Errorf("%s's history %d: %+v, want %+v", got.who, i, h, w)
			}
		}
	}
	if bob.CanChange {
		t.Errorf("Bob, a commenter, may change the lock")
	}
	for _, w := range []*writer{a, b} {
		labels, marks := pageLabels(t, w, sid)
		if !slices.Equal(labels, wantLabels) || !slices.Equal(marks, wantMarks) {
			t.Errorf("pages shown after sharing %v, marks %v\nwant as locked alone %v, marks %v", labels, marks, wantLabels, wantMarks)
		}
	}
}
