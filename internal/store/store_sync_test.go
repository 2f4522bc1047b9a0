package store

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/scriptroom/scriptroom/internal/model"
)

func newEvent(t testing.TB, author *model.Identity, room model.ScriptID, body string) *model.Event {
	t.Helper()
	ev, err := model.NewEvent(author, room, model.KindComment, map[string]string{"body": body}, time.UnixMilli(1_700_000_000_000))
	if err != nil {
		t.Fatal(err)
	}
	return ev
}

func ids(evs []*model.Event) []model.EventID {
	out := make([]model.EventID, len(evs))
	for i, e := range evs {
		out[i] = e.ID
	}
	return out
}

func sameIDs(a, b []model.EventID) bool {
	return fmt.Sprint(a) == fmt.Sprint(b)
}

func TestOutbox(t *testing.T) {
	s := newTestStore(t, Options{})
	me := newIdentity(t)
	r1, r2 := model.NewScriptID(), model.NewScriptID()
	a, b, c := newEvent(t, me, r1, "a"), newEvent(t, me, r2, "b"), newEvent(t, me, r1, "c")
	for _, e := range []*model.Event{a, b, c, a} { // a twice: stored once
		if err := s.Enqueue(e.Room, e); err != nil {
			t.Fatal(err)
		}
	}
	// Order is enqueue order, over all rooms or per room.
	all, err := s.Outbox("")
	if err != nil || !sameIDs(ids(all), []model.EventID{a.ID, b.ID, c.ID}) {
		t.Fatalf("outbox = %v, %v", ids(all), err)
	}
	if got, _ := s.Outbox(r1); !sameIDs(ids(got), []model.EventID{a.ID, c.ID}) {
		t.Fatalf("outbox of r1 = %v", ids(got))
	}
	// Ack deletes; unknown ids are ignored.
	if deleted, err := s.Ack([]model.EventID{a.ID, newEvent(t, me, r1, "never").ID}); err != nil || !sameIDs(deleted, []model.EventID{a.ID}) {
		t.Fatalf("ack = %v, %v", deleted, err)
	}
	// Acknowledged again (a repeated ack): nothing more is deleted.
	if deleted, err := s.Ack([]model.EventID{a.ID}); err != nil || len(deleted) != 0 {
		t.Fatalf("ack again = %v, %v", deleted, err)
	}
	if got, _ := s.Outbox(""); !sameIDs(ids(got), []model.EventID{b.ID, c.ID}) {
		t.Fatalf("outbox after ack = %v", ids(got))
	}
	// A re-enqueued acked event goes to the end.
	s.Enqueue(r1, a)
	if got, _ := s.Outbox(""); !sameIDs(ids(got), []model.EventID{b.ID, c.ID, a.ID}) {
		t.Fatalf("outbox after re-enqueue = %v", ids(got))
	}

	// Refused: forged, altered, another room.
	forged := newEvent(t, me, r1, "x")
	forged.Sig[0] ^= 1
	altered := newEvent(t, me, r1, "y")
	altered.Payload = []byte(`{"body":"z"}`)
	for name, tc := range map[string]struct {
		room model.ScriptID
		ev   *model.Event
		want error
	}{
		"forged":       {r1, forged, model.ErrBadSignature},
		"altered":      {r1, altered, model.ErrIDMismatch},
		"another room": {r2, newEvent(t, me, r1, "w"), model.ErrWrongRoom},
	} {
		if err := s.Enqueue(tc.room, tc.ev); !errors.Is(err, tc.want) {
			t.Errorf("%s: %v, want %v", name, err, tc.want)
		}
	}
	if got, _ := s.Outbox(""); len(got) != 3 {
		t.Fatalf("refused events were enqueued: %d", len(got))
	}
}

// at pairs events with consecutive sequence numbers from seq.
func at(seq uint64, evs ...*model.Event) []Entry {
	out := make([]Entry, len(evs))
	for i, e := range evs {
		out[i] = Entry{Seq: seq + uint64(i), Event: e}
	}
	return out
}

func TestApplyEvents(t *testing.T) {
	s := newTestStore(t, Options{})
	me := newIdentity(t)
	room := model.NewScriptID()
	a, b, c := newEvent(t, me, room, "a"), newEvent(t, me, room, "b"), newEvent(t, me, room, "c")
	if err := s.JoinRoom(room); err != nil {
		t.Fatal(err)
	}

	// Out of order (c before b, beyond a gap): the replica reads in log
	// order, with the hole at 2 until b arrives.
	res, err := s.ApplyEvents(room, append(at(1, a), at(3, c)...), 1)
	if err != nil || len(res.Added) != 2 || res.Cursor != 1 || len(res.Rejected) != 0 {
		t.Fatalf("first batch: %+v, %v", res, err)
	}
	// Duplicates are skipped; the cursor never goes back.
	res, err = s.ApplyEvents(room, []Entry{{3, c}, {2, b}, {1, a}, {3, c}}, 0)
	if err != nil || !sameIDs(ids(res.Added), []model.EventID{b.ID}) || res.Cursor != 1 {
		t.Fatalf("second batch: %+v, %v", res, err)
	}
	got, _ := s.Events(room)
	if !sameIDs(ids(got), []model.EventID{a.ID, b.ID, c.ID}) {
		t.Fatalf("events = %v", ids(got))
	}
	if entries, _ := s.Entries(room); len(entries) != 3 || entries[2].Seq != 3 || entries[2].Event.ID != c.ID {
		t.Fatalf("entries = %+v", entries)
	}
	if cur, _ := s.Cursor(room); cur != 1 {
		t.Fatalf("cursor = %d", cur)
	}
	// Applying the same batch again changes nothing.
	if res, err := s.ApplyEvents(room, at(1, a, b, c), 3); err != nil || len(res.Added) != 0 || res.Cursor != 3 {
		t.Fatalf("batch again: %+v, %v", res, err)
	}
	// Bad events are refused one by one; the rest of the batch and the
	// cursor are stored.
	forged := newEvent(t, me, room, "forged")
	forged.Sig[3] ^= 1
	other := newEvent(t, me, model.NewScriptID(), "elsewhere")
	d := newEvent(t, me, room, "d")
	res, err = s.ApplyEvents(room, []Entry{{4, forged}, {5, d}, {6, other}, {0, newEvent(t, me, room, "no seq")}}, 6)
	if err != nil || len(res.Rejected) != 3 || !sameIDs(ids(res.Added), []model.EventID{d.ID}) || res.Cursor != 6 {
		t.Fatalf("batch with bad events: %+v, %v", res, err)
	}
	if !errors.Is(res.Rejected[0], model.ErrBadSignature) || !errors.Is(res.Rejected[1], model.ErrWrongRoom) || !errors.Is(res.Rejected[2], model.ErrBadEvent) {
		t.Fatalf("rejections: %v", res.Rejected)
	}
	// Events of a room not joined (left while they were on their way) are
	// stored, but do not join it.
	left := model.NewScriptID()
	res, err = s.ApplyEvents(left, at(1, newEvent(t, me, left, "late")), 1)
	if err != nil || len(res.Added) != 1 || res.Cursor != 0 {
		t.Fatalf("events of a room not joined: %+v, %v", res, err)
	}
	if rooms, _ := s.Rooms(); len(rooms) != 1 || rooms[0] != room {
		t.Fatalf("rooms = %v", rooms)
	}
	// An unknown room has no events and cursor 0.
	if evs, err := s.Events(model.NewScriptID()); err != nil || len(evs) != 0 {
		t.Fatalf("unknown room: %v, %v", evs, err)
	}
}

// A catch-up batch is one transaction: when it fails part way (here at its
// last entry, whose sequence number holds another event), none of it is
// stored and the cursor stays.
func TestApplyEventsAllOrNothing(t *testing.T) {
	s := newTestStore(t, Options{})
	me := newIdentity(t)
	room := model.NewScriptID()
	first := newEvent(t, me, room, "first")
	s.JoinRoom(room)
	if _, err := s.ApplyEvents(room, at(1, first), 1); err != nil {
		t.Fatal(err)
	}
	var batch []*model.Event
	for i := range 20 {
		batch = append(batch, newEvent(t, me, room, fmt.Sprint("catch-up ", i)))
	}
	entries := append(at(2, batch...), Entry{Seq: 1, Event: newEvent(t, me, room, "rewritten")})
	res, err := s.ApplyEvents(room, entries, 22)
	if !errors.Is(err, ErrSeqTaken) || len(res.Added) != 0 {
		t.Fatalf("batch over a taken seq: %+v, %v", res, err)
	}
	if got, _ := s.Events(room); !sameIDs(ids(got), []model.EventID{first.ID}) {
		t.Fatalf("events after the failed batch = %d, want only the first", len(got))
	}
	if cur, _ := s.Cursor(room); cur != 1 {
		t.Fatalf("cursor after the failed batch = %d", cur)
	}
	// The same batch without the bad entry is stored whole.
	if res, err := s.ApplyEvents(room, entries[:20], 21); err != nil || len(res.Added) != 20 || res.Cursor != 21 {
		t.Fatalf("batch again: %d added, cursor %d, %v", len(res.Added), res.Cursor, err)
	}
	if err := s.Check(); err != nil {
		t.Fatal(err)
	}
}

func TestRooms(t *testing.T) {
	s := newTestStore(t, Options{})
	me := newIdentity(t)
	r1, r2 := model.NewScriptID(), model.NewScriptID()
	if rooms, err := s.Rooms(); err != nil || len(rooms) != 0 {
		t.Fatalf("rooms of a new library = %v, %v", rooms, err)
	}
	s.JoinRoom(r1)
	s.JoinRoom(r2)
	s.ApplyEvents(r2, at(7, newEvent(t, me, r2, "a")), 7)
	s.JoinRoom(r2) // keeps the cursor
	if cur, _ := s.Cursor(r2); cur != 7 {
		t.Fatalf("cursor after joining again = %d", cur)
	}
	rooms, _ := s.Rooms()
	if len(rooms) != 2 {
		t.Fatalf("rooms = %v", rooms)
	}
	s.LeaveRoom(r1)
	if rooms, _ := s.Rooms(); len(rooms) != 1 || rooms[0] != r2 {
		t.Fatalf("rooms after leaving = %v", rooms)
	}
	if err := s.JoinRoom("nope"); !errors.Is(err, model.ErrBadScriptID) {
		t.Fatalf("bad room: %v", err)
	}
}

// The outbox survives closing and reopening: Enqueue is durable.
func TestOutboxDurable(t *testing.T) {
	path := filepath.Join(t.TempDir(), "library.db")
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	me := newIdentity(t)
	room := model.NewScriptID()
	ev := newEvent(t, me, room, "kept")
	if err := s.Enqueue(room, ev); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if err := s.Enqueue(room, ev); !errors.Is(err, ErrClosed) {
		t.Fatalf("enqueue after close: %v", err)
	}
	s, err = Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	got, err := s.Outbox(room)
	if err != nil || len(got) != 1 || got[0].ID != ev.ID || got[0].Verify() != nil {
		t.Fatalf("outbox after reopening = %v, %v", got, err)
	}
}

// A schema-1 library (before sync) is backed up, then gets the sync buckets
// and keeps its data.
func TestMigrateSchemaOneToTwo(t *testing.T) {
	path := filepath.Join(t.TempDir(), "library.db")
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = db.Update(func(tx *bolt.Tx) error {
		for _, b := range topBuckets {
			if _, err := tx.CreateBucket(b); err != nil {
				return err
			}
		}
		if err := tx.Bucket(bucketMeta).Put(keySchema, u64(1)); err != nil {
			return err
		}
		return tx.Bucket(bucketSettings).Put([]byte("relay"), []byte("wss://relay.example"))
	})
	db.Close()
	if err != nil {
		t.Fatal(err)
	}

	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if v, err := s.Setting("relay"); err != nil || v != "wss://relay.example" {
		t.Fatalf("setting after migration = %q, %v", v, err)
	}
	me := newIdentity(t)
	room := model.NewScriptID()
	if err := s.Enqueue(room, newEvent(t, me, room, "a")); err != nil {
		t.Fatalf("outbox after migration: %v", err)
	}
	if _, err := s.ApplyEvents(room, at(1, newEvent(t, me, room, "b")), 1); err != nil {
		t.Fatalf("events after migration: %v", err)
	}
	s.db.View(func(tx *bolt.Tx) error {
		if v, _ := fromU64(tx.Bucket(bucketMeta).Get(keySchema)); v != SchemaVersion {
			t.Errorf("schema after migration = %d, want %d", v, SchemaVersion)
		}
		if tx.Bucket(bucketProduction) == nil {
			t.Error("no production bucket after migrating a schema-1 file")
		}
		return nil
	})
	if _, err := os.Stat(BackupPath(path, 1)); err != nil {
		t.Fatalf("no backup of the schema-1 file: %v", err)
	}
	backup, err := bolt.Open(BackupPath(path, 1), 0o600, &bolt.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer backup.Close()
	backup.View(func(tx *bolt.Tx) error {
		v, _ := fromU64(tx.Bucket(bucketMeta).Get(keySchema))
		if v != 1 || tx.Bucket(bucketOutbox) != nil || string(tx.Bucket(bucketSettings).Get([]byte("relay"))) != "wss://relay.example" {
			t.Error("the backup is not the schema-1 file as it was")
		}
		return nil
	})
}
