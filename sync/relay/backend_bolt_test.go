package relay

import (
	"errors"
	"os"
	"path/filepath"
	"sync"
	"testing"

	bolt "go.etcd.io/bbolt"

	"github.com/scriptroom/scriptroom/internal/model"
	"github.com/scriptroom/scriptroom/sync/protocol"
)

// newTestBackend opens a log in t.TempDir() and, at cleanup, checks the
// file's consistency before closing it.
func newTestBackend(t *testing.T) (*BoltBackend, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "relay.db")
	b, err := OpenBolt(path, BoltOptions{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		err := b.db.View(func(tx *bolt.Tx) error {
			var first error
			for err := range tx.Check() { // drain: Check's goroutine holds the tx
				if first == nil {
					first = err
				}
			}
			return first
		})
		if err != nil && !errors.Is(err, bolt.ErrDatabaseNotOpen) {
			t.Errorf("relay log inconsistent: %v", err)
		}
		b.Close()
	})
	return b, path
}

// recorder is a Subscriber that keeps what it is given.
type recorder struct {
	mu      sync.Mutex
	entries []protocol.Entry
	signals int
}

func (r *recorder) Deliver(b *Batch) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.entries = append(r.entries, b.Entries...)
}

func (r *recorder) Signal([]byte) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.signals++
}

func acceptAll(*model.Event, Usage) error { return nil }

func TestBoltAppendIsIdempotentAndOrdered(t *testing.T) {
	b, _ := newTestBackend(t)
	owner := newIdentity(t, "Owner")
	room := model.NewScriptID()
	create := newEvent(t, owner, room, model.KindRoom, model.RoomPayload{Title: "T", Visibility: model.Public})
	c1, c2 := comment(t, owner, room, "one"), comment(t, owner, room, "two")

	rec := &recorder{}
	head, err := b.Subscribe(room, rec)
	if err != nil || head != 0 {
		t.Fatalf("head of a new room: %d, %v", head, err)
	}
	got, err := b.Append(room, []*model.Event{create, c1, c1}, acceptAll)
	if err != nil {
		t.Fatal(err)
	}
	want := []Appended{{Seq: 1}, {Seq: 2}, {Seq: 2, Duplicate: true}}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("append %d: %+v, want %+v", i, got[i], want[i])
		}
	}
	// Refused events are not stored and take no seq.
	refuse := errors.New("no")
	got, err = b.Append(room, []*model.Event{c2, c1}, func(e *model.Event, _ Usage) error {
		if e.ID == c2.ID {
			return refuse
		}
		return nil
	})
	if err != nil || !errors.Is(got[0].Err, refuse) || !got[1].Duplicate {
		t.Fatalf("second append: %+v, %v", got, err)
	}
	if len(rec.entries) != 2 || rec.entries[1].Event.ID != c1.ID {
		t.Fatalf("subscriber got %d entries", len(rec.entries))
	}
	entries, err := b.Read(room, 1, 10)
	if err != nil || len(entries) != 1 || entries[0].Seq != 2 {
		t.Fatalf("read after 1: %+v, %v", entries, err)
	}
	var acl []model.EventID
	if err := b.ReadACL(room, func(e *model.Event) { acl = append(acl, e.ID) }); err != nil {
		t.Fatal(err)
	}
	if len(acl) != 1 || acl[0] != create.ID {
		t.Fatalf("rights events: %v", acl)
	}
	if head, _ := b.Subscribe(room, &recorder{}); head != 2 {
		t.Fatalf("head = %d, want 2", head)
	}
	if n, _ := b.Rooms(); n != 1 {
		t.Fatalf("rooms = %d", n)
	}
}

func TestBoltRefusedFirstEventLeavesNoRoom(t *testing.T) {
	b, path := newTestBackend(t)
	who := newIdentity(t, "A")
	room := model.NewScriptID()
	got, err := b.Append(room, []*model.Event{comment(t, who, room, "x")}, func(*model.Event, Usage) error { return model.ErrNoRoom })
	if err != nil || got[0].Err == nil {
		t.Fatalf("%+v, %v", got, err)
	}
	if n, _ := b.Rooms(); n != 0 {
		t.Fatalf("a refused publish made a room")
	}
	entries, err := b.Read(room, 0, 10)
	if err != nil || len(entries) != 0 {
		t.Fatalf("read of an unknown room: %v, %v", entries, err)
	}
	// Reopening counts rooms from the file.
	if _, err := b.Append(room, []*model.Event{comment(t, who, room, "x")}, acceptAll); err != nil {
		t.Fatal(err)
	}
	b.Close()
	b2, err := OpenBolt(path, BoltOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer b2.Close()
	if n, _ := b2.Rooms(); n != 1 {
		t.Fatalf("rooms after reopen = %d", n)
	}
}

func TestBoltRejectsOtherSchema(t *testing.T) {
	b, path := newTestBackend(t)
	if err := b.db.Update(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketMeta).Put(keySchema, u64(schemaVersion+1))
	}); err != nil {
		t.Fatal(err)
	}
	b.Close()
	if _, err := OpenBolt(path, BoltOptions{}); !errors.Is(err, ErrSchema) {
		t.Fatalf("open of a newer layout: %v", err)
	}
}

func TestBoltSignalSkipsSender(t *testing.T) {
	b, _ := newTestBackend(t)
	room := model.NewScriptID()
	from, to := &recorder{}, &recorder{}
	b.Subscribe(room, from)
	b.Subscribe(room, to)
	b.Signal(room, from, []byte("{}"))
	b.Unsubscribe(room, to)
	b.Signal(room, from, []byte("{}"))
	if from.signals != 0 || to.signals != 1 {
		t.Fatalf("signals: sender %d, other %d", from.signals, to.signals)
	}
}

// A new log appears in one step, complete: a relay killed while making it
// never leaves the 0-byte file OpenBolt refuses as damaged.
func TestOpenBoltCreatesLogInOneStep(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "relay.db")
	b, err := OpenBolt(path, BoltOptions{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	b.Close()
	if fi, err := os.Stat(path); err != nil || fi.Size() == 0 {
		t.Fatalf("relay.db after OpenBolt: %v, %v", fi, err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Fatalf("OpenBolt left %d files in the folder, want relay.db only", len(entries))
	}
	b, err = OpenBolt(path, BoltOptions{NoSync: true})
	if err != nil {
		t.Fatalf("reopening a new log: %v", err)
	}
	b.Close()
}
