package workspace

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/scriptroom/scriptroom/internal/model"
)

// TestProductionLocal: a script not shared is locked, given a set, edited
// (a scene inserted after scene 2, scene 4 cut); its pages show the
// locked numbers, the marks and the set; unlock and relock are recorded.
func TestProductionLocal(t *testing.T) {
	w := newTestWorkspace(t, "Writer")
	var b strings.Builder
	for i := 1; i <= 6; i++ {
		fmt.Fprintf(&b, "INT. ROOM %d - DAY\n\nSomebody waits in room %d.\n\n", i, i)
	}
	text := b.String()
	sc, err := w.Create("Locked", text)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.ProductionChange(sc.ID, model.ProductionLock, nil); !errors.Is(err, ErrNothingToLock) {
		t.Fatalf("a lock before the first commit: %v", err)
	}
	if _, err := w.Commit(sc.ID, text, "white draft"); err != nil {
		t.Fatal(err)
	}
	change := func(op model.ProductionOp, set *model.RevisionSetInfo) (model.Production, error) {
		t.Helper()
		pl, err := w.ProductionChange(sc.ID, op, set)
		if err != nil {
			return model.Production{}, err
		}
		return w.ChangeProduction(sc.ID, pl)
	}
	if _, err := change(model.ProductionSet, nil); !errors.Is(err, model.ErrNotLocked) {
		t.Fatalf("a set before the lock: %v", err)
	}
	if _, err := change(model.ProductionLock, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := w.ProductionChange(sc.ID, model.ProductionSet, &model.RevisionSetInfo{Color: "mauve"}); err == nil {
		t.Fatal("a mauve set was accepted")
	}
	if _, err := change(model.ProductionSet, &model.RevisionSetInfo{Color: "blue", Date: "2026-12-06"}); err != nil {
		t.Fatal(err)
	}
	edited := strings.Replace(text, "INT. ROOM 3 - DAY", "INT. CELLAR - NIGHT\n\nNew.\n\nINT. ROOM 3 - DAY", 1)
	edited = strings.Replace(edited, "INT. ROOM 4 - DAY\n\nSomebody waits in room 4.\n\n", "", 1)
	if _, _, err := w.SaveDraft(sc.ID, edited); err != nil {
		t.Fatal(err)
	}
	p, err := w.Production(sc.ID)
	if err != nil {
		t.Fatal(err)
	}
	pages, err := w.ProductionPages(sc.ID, "", p)
	if err != nil {
		t.Fatal(err)
	}
	var nums []string
	for _, s := range pages.Scenes {
		nums = append(nums, s.Number)
	}
	if want := []string{"1", "2", "2A", "3", "4", "5", "6"}; !slices.Equal(nums, want) {
		t.Errorf("scene numbers %v, want %v", nums, want)
	}
	if !pages.Scenes[4].Omitted || pages.Scenes[4].Line != strings.Count(edited[:strings.Index(edited, "INT. ROOM 5")], "\n")+1 {
		t.Errorf("scene 4: %+v, want omitted at ROOM 5's line", pages.Scenes[4])
	}
	cellar := strings.Count(edited[:strings.Index(edited, "INT. CELLAR")], "\n") + 1
	if !pages.Locked || !slices.Contains(pages.Marks, cellar) || pages.Set == nil || pages.Set.Name != "Blue" || pages.Set.Date != "2026-12-06" {
		t.Errorf("locked %v, marks %v (want line %d), set %+v", pages.Locked, pages.Marks, cellar, pages.Set)
	}
	if len(pages.Pages) == 0 || pages.Pages[0].Label != "1" || !pages.Pages[0].Revised {
		t.Errorf("pages %+v", pages.Pages)
	}

	// The PDF of the revised pages only.
	out := filepath.Join(t.TempDir(), "blue.pdf")
	if _, err := w.Export(sc.ID, out, ExportOptions{Format: FormatPDF, Production: &p, RevisedOnly: true}, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := w.Export(sc.ID, filepath.Join(t.TempDir(), "blue.fdx"), ExportOptions{Format: FormatFDX, Production: &p}, nil); err != nil {
		t.Fatal(err)
	}

	// Unlock and relock, in the history.
	if _, err := change(model.ProductionUnlock, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := change(model.ProductionRelock, nil); !errors.Is(err, model.ErrNotLocked) {
		t.Fatalf("relock of an unlocked script: %v", err)
	}
	if _, err := change(model.ProductionLock, nil); err != nil {
		t.Fatal(err)
	}
	p, err = change(model.ProductionRelock, nil)
	if err != nil {
		t.Fatal(err)
	}
	var ops []model.ProductionOp
	for _, h := range p.History {
		ops = append(ops, h.Op)
	}
	if want := []model.ProductionOp{"lock", "set", "unlock", "lock", "relock"}; !slices.Equal(ops, want) {
		t.Errorf("history %v, want %v", ops, want)
	}
}

// TestImportProductionDraft: a production draft exported as FDX and
// imported again comes back locked, with its sets (dated), its scene
// numbers and each mark in its set; its history holds the locked draft
// and the text before each set.
func TestImportProductionDraft(t *testing.T) {
	w := newTestWorkspace(t, "Writer")
	var b strings.Builder
	for i := 1; i <= 6; i++ {
		fmt.Fprintf(&b, "INT. ROOM %d - DAY\n\nSomebody waits in room %d.\n\n", i, i)
	}
	text := b.String()
	sc, err := w.Create("Locked", text)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Commit(sc.ID, text, "white"); err != nil {
		t.Fatal(err)
	}
	for _, step := range []struct {
		op   model.ProductionOp
		set  *model.RevisionSetInfo
		edit func(string) string
	}{
		{model.ProductionLock, nil, nil},
		{model.ProductionSet, &model.RevisionSetInfo{Color: "Blue", Date: "2026-12-06"}, func(s string) string {
			return strings.Replace(s, "INT. ROOM 3 - DAY", "INT. CELLAR - NIGHT\n\nNew.\n\nINT. ROOM 3 - DAY", 1)
		}},
		{model.ProductionSet, &model.RevisionSetInfo{Color: "Pink", Date: "2026-12-09"}, func(s string) string {
			return s + "INT. ATTIC - DAY\n\nDust.\n\n"
		}},
	} {
		pl, err := w.ProductionChange(sc.ID, step.op, step.set)
		if err == nil {
			_, err = w.ChangeProduction(sc.ID, pl)
		}
		if err != nil {
			t.Fatal(err)
		}
		if step.edit != nil {
			text = step.edit(text)
			if _, err := w.Commit(sc.ID, text, "edit"); err != nil {
				t.Fatal(err)
			}
		}
	}
	p, err := w.Production(sc.ID)
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "locked.fdx")
	if _, err := w.Export(sc.ID, out, ExportOptions{Format: FormatFDX, Production: &p}, nil); err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	imp, err := w.ImportData("locked.fdx", raw)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.ContainsFunc(imp.Notices, func(n string) bool {
		return strings.Contains(n, "locked for production as the file was, with its revision sets Blue, Pink")
	}) {
		t.Errorf("notices %q", imp.Notices)
	}
	q, err := w.Production(imp.Script.ID)
	if err != nil || !q.Locked || len(q.Sets) != 2 || q.Sets[0].Date != "2026-12-06" || q.Sets[1].Name != "Pink" || q.Sets[1].Date != "2026-12-09" {
		t.Fatalf("imported production state %+v %v", q, err)
	}
	before, err := w.ProductionPages(sc.ID, "", p)
	if err != nil {
		t.Fatal(err)
	}
	after, err := w.ProductionPages(imp.Script.ID, "", q)
	if err != nil {
		t.Fatal(err)
	}
	nums := func(sp ScriptPages) []string {
		var out []string
		for _, s := range sp.Scenes {
			out = append(out, s.Number+" "+s.Heading)
		}
		return out
	}
	if !slices.Equal(nums(before), nums(after)) {
		t.Errorf("scenes imported %v, exported %v", nums(after), nums(before))
	}
	if len(after.Marks) != len(before.Marks) {
		t.Errorf("marks imported on %d lines, exported %d", len(after.Marks), len(before.Marks))
	}
}
