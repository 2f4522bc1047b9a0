package relay

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/scriptroom/scriptroom/internal/model"
)

// holdCommitter has the committer stage an append (a room of its own) whose
// accept waits, so that the appends made meanwhile queue up and go into the
// next transaction together. release lets the held append finish and
// returns its error.
func holdCommitter(t *testing.T, b *BoltBackend) (release func() error) {
	t.Helper()
	room := model.NewScriptID()
	create := newEvent(t, newIdentity(t, "Holder"), room, model.KindRoom, model.RoomPayload{Title: "Hold", Visibility: model.Private})
	entered, gate, done := make(chan struct{}), make(chan struct{}), make(chan error, 1)
	go func() {
		_, err := b.Append(room, []*model.Event{create}, func(*model.Event, Usage) error {
			close(entered)
			<-gate
			return nil
		})
		done <- err
	}()
	select {
	case <-entered:
	case <-time.After(waitFor):
		t.Fatal("the committer never staged the held append")
	}
	return func() error {
		close(gate)
		return <-done
	}
}

// waitQueued waits until n appends wait for the committer.
func waitQueued(t *testing.T, b *BoltBackend, n int) {
	t.Helper()
	for deadline := time.Now().Add(waitFor); len(b.reqs) < n; time.Sleep(time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("%d appends queued, want %d", len(b.reqs), n)
		}
	}
}

// appendResult is an Append's return.
type appendResult struct {
	out []Appended
	err error
}

// appendQueued starts an Append and waits until it is queued behind the
// ones before it, so that a held committer takes them in this order.
func appendQueued(t *testing.T, b *BoltBackend, room model.ScriptID, events []*model.Event, accept func(*model.Event, Usage) error) <-chan appendResult {
	t.Helper()
	n := len(b.reqs)
	res := make(chan appendResult, 1)
	go func() {
		out, err := b.Append(room, events, accept)
		res <- appendResult{out, err}
	}()
	waitQueued(t, b, n+1)
	return res
}

// TestGroupCommitFailureFailsTheWholeGroup: appends to two rooms that share
// a transaction share its fate when it fails: each gets the error, nothing
// of either is stored or delivered; sent again once the log works, both are
// stored from seq 1.
func TestGroupCommitFailureFailsTheWholeGroup(t *testing.T) {
	b, _ := newTestBackend(t)
	owner := newIdentity(t, "Owner")
	rooms := []model.ScriptID{model.NewScriptID(), model.NewScriptID()}
	recs := []*recorder{{}, {}}
	events := make([][]*model.Event, len(rooms))
	for i, room := range rooms {
		if _, err := b.Subscribe(room, recs[i]); err != nil {
			t.Fatal(err)
		}
		events[i] = []*model.Event{
			newEvent(t, owner, room, model.KindRoom, model.RoomPayload{Title: "T", Visibility: model.Public}),
			comment(t, owner, room, "hello"),
		}
	}

	release := holdCommitter(t, b)
	groups, grouped := b.groups.Load(), b.grouped.Load()
	results := []<-chan appendResult{
		appendQueued(t, b, rooms[0], events[0], acceptAll),
		appendQueued(t, b, rooms[1], events[1], acceptAll),
	}
	failed := errors.New("disk full")
	b.fault.Store(&failed)
	if err := release(); !errors.Is(err, failed) {
		t.Fatalf("held append: %v, want the failure", err)
	}
	for i, res := range results {
		r := <-res
		if !errors.Is(r.err, failed) || r.out != nil {
			t.Fatalf("append to room %d: %+v, %v; want the failure and no results", i, r.out, r.err)
		}
	}
	if g, n := b.groups.Load()-groups, b.grouped.Load()-grouped; g != 1 || n != 2 {
		t.Fatalf("%d transactions held %d appends, want 1 holding 2", g, n)
	}
	for i, room := range rooms {
		if entries, err := b.Read(room, 0, 10); err != nil || len(entries) != 0 {
			t.Fatalf("room %d holds %d entries (%v) after the failure", i, len(entries), err)
		}
		if len(recs[i].entries) != 0 {
			t.Fatalf("room %d delivered %d entries after the failure", i, len(recs[i].entries))
		}
	}
	if n, _ := b.Rooms(); n != 0 {
		t.Fatalf("%d rooms after the failure, want 0", n)
	}

	b.fault.Store(nil)
	for i, room := range rooms {
		out, err := b.Append(room, events[i], acceptAll)
		if err != nil || out[0].Seq != 1 || out[1].Seq != 2 || out[1].Duplicate {
			t.Fatalf("room %d sent again: %+v, %v", i, out, err)
		}
		recs[i].mu.Lock()
		if len(recs[i].entries) != 2 || recs[i].entries[0].Seq != 1 {
			t.Fatalf("room %d delivered %+v", i, recs[i].entries)
		}
		recs[i].mu.Unlock()
	}
}

// TestGroupCommitKeepsOrderDuplicatesAndUsage: appends sharing a
// transaction are staged in arrival order: a room's sequence numbers follow
// it, an event repeated by a later append of the same transaction is a
// duplicate of the first, accept is called in log order, and its Usage
// counts what earlier appends of the transaction stored (room bytes, rooms
// created by the author).
func TestGroupCommitKeepsOrderDuplicatesAndUsage(t *testing.T) {
	b, _ := newTestBackend(t)
	owner := newIdentity(t, "Owner")
	r, s := model.NewScriptID(), model.NewScriptID()
	createR := newEvent(t, owner, r, model.KindRoom, model.RoomPayload{Title: "R", Visibility: model.Public})
	createS := newEvent(t, owner, s, model.KindRoom, model.RoomPayload{Title: "S", Visibility: model.Public})
	c1, c2 := comment(t, owner, r, "one"), comment(t, owner, r, "two")
	rec := &recorder{}
	if _, err := b.Subscribe(r, rec); err != nil {
		t.Fatal(err)
	}

	var mu sync.Mutex
	var order []model.EventID
	usage := map[model.EventID]Usage{}
	accept := func(e *model.Event, u Usage) error {
		mu.Lock()
		defer mu.Unlock()
		order = append(order, e.ID)
		usage[e.ID] = u
		return nil
	}
	release := holdCommitter(t, b)
	groups := b.groups.Load()
	first := appendQueued(t, b, r, []*model.Event{createR, c1}, accept)
	second := appendQueued(t, b, r, []*model.Event{c1, c2}, accept)
	third := appendQueued(t, b, s, []*model.Event{createS}, accept)
	if err := release(); err != nil {
		t.Fatal(err)
	}
	got := []appendResult{<-first, <-second, <-third}
	want := [][]Appended{{{Seq: 1}, {Seq: 2}}, {{Seq: 2, Duplicate: true}, {Seq: 3}}, {{Seq: 1}}}
	for i := range want {
		if got[i].err != nil || len(got[i].out) != len(want[i]) {
			t.Fatalf("append %d: %+v, %v", i, got[i].out, got[i].err)
		}
		for k := range want[i] {
			if got[i].out[k] != want[i][k] {
				t.Fatalf("append %d event %d: %+v, want %+v", i, k, got[i].out[k], want[i][k])
			}
		}
	}
	if g := b.groups.Load() - groups; g != 1 {
		t.Fatalf("%d transactions, want the three appends in one", g)
	}
	wantOrder := []model.EventID{createR.ID, c1.ID, c2.ID, createS.ID}
	if len(order) != len(wantOrder) {
		t.Fatalf("accept saw %d events, want %d", len(order), len(wantOrder))
	}
	for i := range wantOrder {
		if order[i] != wantOrder[i] {
			t.Fatalf("accept saw event %d as %s, want %s", i, order[i].Short(), wantOrder[i].Short())
		}
	}
	size := func(e *model.Event) int64 {
		data, err := json.Marshal(e)
		if err != nil {
			t.Fatal(err)
		}
		return int64(len(data))
	}
	if u := usage[c2.ID]; u.RoomBytes != size(createR)+size(c1) || u.Creates {
		t.Fatalf("usage of the second append's event: %+v, want the room's bytes %d", u, size(createR)+size(c1))
	}
	if u := usage[createS.ID]; !u.Creates || u.CreatorRooms != 1 {
		t.Fatalf("usage of the second room's creation: %+v, want 1 room created before", u)
	}
	rec.mu.Lock()
	defer rec.mu.Unlock()
	for i, e := range rec.entries {
		if e.Seq != uint64(i+1) {
			t.Fatalf("delivered %d at %d", e.Seq, i)
		}
	}
	if len(rec.entries) != 3 {
		t.Fatalf("delivered %d entries, want 3", len(rec.entries))
	}
}

// TestGroupCommitSubscribeHead: subscribers that join a room while writers
// append to it get, after the head Subscribe returned, every later entry
// exactly once and in order.
func TestGroupCommitSubscribeHead(t *testing.T) {
	const writers, each, subs = 4, 50, 20
	b, _ := newTestBackend(t)
	owner := newIdentity(t, "Owner")
	room := model.NewScriptID()
	create := newEvent(t, owner, room, model.KindRoom, model.RoomPayload{Title: "T", Visibility: model.Public})
	if _, err := b.Append(room, []*model.Event{create}, acceptAll); err != nil {
		t.Fatal(err)
	}
	events := make([][]*model.Event, writers)
	for w := range events {
		for i := range each {
			events[w] = append(events[w], comment(t, owner, room, "writer "+strconv.Itoa(w)+" event "+strconv.Itoa(i)))
		}
	}
	var wg sync.WaitGroup
	errs := make(chan error, writers)
	for w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for _, e := range events[w] {
				if _, err := b.Append(room, []*model.Event{e}, acceptAll); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	recs := make([]*recorder, subs)
	heads := make([]uint64, subs)
	for i := range recs {
		recs[i] = &recorder{}
		head, err := b.Subscribe(room, recs[i])
		if err != nil {
			t.Fatal(err)
		}
		heads[i] = head
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	const last = 1 + writers*each
	for i, rec := range recs {
		rec.mu.Lock()
		for k, e := range rec.entries {
			if e.Seq != heads[i]+uint64(k)+1 {
				t.Fatalf("subscriber %d (head %d) got seq %d as its entry %d", i, heads[i], e.Seq, k)
			}
		}
		if heads[i]+uint64(len(rec.entries)) != last {
			t.Fatalf("subscriber %d (head %d) got %d entries, want up to %d", i, heads[i], len(rec.entries), last)
		}
		rec.mu.Unlock()
	}
}

// TestBoltAppendAfterClose: an Append after Close fails with the closed
// log's error instead of waiting for a committer that is gone; Close may be
// called again.
func TestBoltAppendAfterClose(t *testing.T) {
	b, _ := newTestBackend(t)
	owner := newIdentity(t, "Owner")
	room := model.NewScriptID()
	create := newEvent(t, owner, room, model.KindRoom, model.RoomPayload{Title: "T", Visibility: model.Public})
	if err := b.Close(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() {
		_, err := b.Append(room, []*model.Event{create}, acceptAll)
		done <- err
	}()
	select {
	case err := <-done:
		if !errors.Is(err, bolt.ErrDatabaseNotOpen) {
			t.Fatalf("append after close: %v, want %v", err, bolt.ErrDatabaseNotOpen)
		}
	case <-time.After(waitFor):
		t.Fatal("append after close never returned")
	}
	if err := b.Close(); err != nil {
		t.Fatalf("second close: %v", err)
	}
}

// TestGroupCommitSettlesBeforeTheNextGroup: an append's settled hears its
// commit's outcome (here a failure) before the committer judges any append
// of the next group, so that the relay never judges an event by rights
// that were not stored.
func TestGroupCommitSettlesBeforeTheNextGroup(t *testing.T) {
	b, _ := newTestBackend(t)
	owner := newIdentity(t, "Owner")
	var mu sync.Mutex
	var order []string
	note := func(s string) {
		mu.Lock()
		defer mu.Unlock()
		order = append(order, s)
	}
	failed := errors.New("disk full")
	b.fault.Store(&failed)
	roomA, roomB := model.NewScriptID(), model.NewScriptID()
	entered, gate, done := make(chan struct{}), make(chan struct{}), make(chan error, 1)
	go func() {
		create := newEvent(t, owner, roomA, model.KindRoom, model.RoomPayload{Title: "A", Visibility: model.Private})
		_, err := b.appendSettled(roomA, []*model.Event{create}, func(*model.Event, Usage) error {
			note("accept A")
			close(entered)
			<-gate
			return nil
		}, func(err error) { note("settled A: " + fmt.Sprint(err)) })
		done <- err
	}()
	select {
	case <-entered:
	case <-time.After(waitFor):
		t.Fatal("the committer never staged append A")
	}
	createB := newEvent(t, owner, roomB, model.KindRoom, model.RoomPayload{Title: "B", Visibility: model.Private})
	resB := appendQueued(t, b, roomB, []*model.Event{createB}, func(*model.Event, Usage) error {
		note("accept B")
		return nil
	})
	close(gate)
	if err := <-done; !errors.Is(err, failed) {
		t.Fatalf("append A: %v, want %v", err, failed)
	}
	<-resB
	want := []string{"accept A", "settled A: disk full", "accept B"}
	mu.Lock()
	defer mu.Unlock()
	if !slices.Equal(order, want) {
		t.Fatalf("the committer did %q, want %q", order, want)
	}
}
