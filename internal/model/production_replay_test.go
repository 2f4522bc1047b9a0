package model

import (
	"reflect"
	"testing"
)

// TestProductionReplay: a production history made again, step by step,
// folds to the same state and history; a history kept before sets' colours
// were recorded folds to the same state, without the sets of earlier locks.
func TestProductionReplay(t *testing.T) {
	r1 := RevisionID(ContentHash("one"))
	r2 := RevisionID(ContentHash("two"))
	r3 := RevisionID(ContentHash("three"))
	blue := &RevisionSetInfo{Name: "Blue", Color: "Blue", Date: "2026-12-06"}
	pink := &RevisionSetInfo{Name: "Pink rewrite", Color: "Pink", Date: "2026-12-09"}
	yellow := &RevisionSetInfo{Name: "Yellow", Color: "Yellow", Date: "2026-12-12"}
	pages := []LockedPage{{Label: "1", Element: 0}, {Label: "2A", Element: 14, Offset: 31}, {Label: "3", Element: 20}}
	lock := ProductionPayload{Op: ProductionLock, Revision: r1, Pages: pages}
	set := func(rev RevisionID, s *RevisionSetInfo) ProductionPayload {
		return ProductionPayload{Op: ProductionSet, Revision: rev, Set: s}
	}
	clear := ProductionPayload{Op: ProductionClear, Revision: r3}
	unlock := ProductionPayload{Op: ProductionUnlock}
	for _, tt := range []struct {
		name    string
		changes []ProductionPayload
		legacy  bool // history entries without the sets' colour and date
		want    []ProductionOp
	}{
		{"nothing", nil, false, nil},
		// The lock in effect brings its pages; sets and clears follow.
		{"lock with pages, sets, clear", []ProductionPayload{lock, set(r2, blue), set(r3, pink), clear}, false,
			[]ProductionOp{ProductionLock, ProductionSet, ProductionSet, ProductionClear}},
		{"unlocked after", []ProductionPayload{lock, set(r2, blue), unlock}, false,
			[]ProductionOp{ProductionLock, ProductionSet, ProductionUnlock}},
		// An earlier lock's pages are gone; its sets kept their colours.
		{"unlocked, locked again", []ProductionPayload{lock, set(r2, blue), unlock, {Op: ProductionLock, Revision: r2}, set(r3, pink)}, false,
			[]ProductionOp{ProductionLock, ProductionSet, ProductionUnlock, ProductionLock, ProductionSet}},
		{"relocked", []ProductionPayload{lock, set(r2, blue), set(r2, pink), clear, {Op: ProductionRelock, Revision: r3}, set(r3, yellow)}, false,
			[]ProductionOp{ProductionLock, ProductionSet, ProductionSet, ProductionClear, ProductionRelock, ProductionSet}},
		// Kept before colours were recorded: the earlier lock's set and
		// the clear of its marks are left out; the state is the same.
		{"legacy, relocked", []ProductionPayload{lock, set(r2, blue), clear, {Op: ProductionRelock, Revision: r3}, set(r3, pink)}, true,
			[]ProductionOp{ProductionLock, ProductionRelock, ProductionSet}},
		{"legacy, current sets", []ProductionPayload{lock, set(r2, blue), set(r3, pink), clear}, true,
			[]ProductionOp{ProductionLock, ProductionSet, ProductionSet, ProductionClear}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var p Production
			for i, pl := range tt.changes {
				if err := p.Apply(pl, "ann", int64(1000+i)); err != nil {
					t.Fatalf("change %d (%s): %v", i, pl.Op, err)
				}
			}
			if tt.legacy {
				for i := range p.History {
					p.History[i].Color, p.History[i].Date = "", ""
				}
			}
			var q Production
			var ops []ProductionOp
			for _, s := range p.Replay() {
				if err := q.Apply(s.Payload, s.By, s.At); err != nil {
					t.Fatalf("replay %s: %v", s.Payload.Op, err)
				}
				ops = append(ops, s.Payload.Op)
			}
			if !reflect.DeepEqual(ops, tt.want) {
				t.Errorf("replayed %v, want %v", ops, tt.want)
			}
			if q.Locked != p.Locked || q.Base != p.Base || q.Cleared != p.Cleared ||
				!reflect.DeepEqual(q.Pages, p.Pages) || !reflect.DeepEqual(q.Sets, p.Sets) {
				t.Errorf("replayed state\n %+v\nwant\n %+v", q, p)
			}
			if !tt.legacy && !reflect.DeepEqual(q.History, p.History) {
				t.Errorf("replayed history\n %+v\nwant\n %+v", q.History, p.History)
			}
		})
	}
}
