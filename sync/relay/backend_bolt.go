package relay

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"runtime/debug"
	"sync"
	"sync/atomic"

	bolt "go.etcd.io/bbolt"

	"github.com/scriptroom/scriptroom/internal/atomicfile"
	"github.com/scriptroom/scriptroom/internal/model"
	"github.com/scriptroom/scriptroom/sync/protocol"
)

// The relay's bbolt layout. Every bucket and key is here.
//
//	meta/schema                     = schema version, 8 bytes big-endian
//	rooms/<room id>/log/<seq>       = event JSON; seq is 8 bytes big-endian, from 1
//	rooms/<room id>/ids/<event id>  = seq of the event, 8 bytes big-endian
//	rooms/<room id>/acl/<seq>       = empty; marks log entries that change rights
//	rooms/<room id>/bytes           = bytes of the room's log entries, 8 bytes big-endian
//	creators/<user id>              = rooms the user created, 8 bytes big-endian
//
// bytes and creators came after the first relays: a log without them gets
// them counted from its entries (see backend_bolt_usage.go).
//
// A room's next seq is its log bucket's sequence (bolt NextSequence).
var (
	bucketMeta  = []byte("meta")
	bucketRooms = []byte("rooms")
	bucketLog   = []byte("log")
	bucketIDs   = []byte("ids")
	bucketACL   = []byte("acl")
	bucketUsers = []byte("creators")
	keyBytes    = []byte("bytes")
	keySchema   = []byte("schema")
)

// schemaVersion is the layout version written at creation and checked at open.
const schemaVersion = 1

// BoltOptions tunes a BoltBackend.
type BoltOptions struct {
	// NoSync skips fsync after each commit. Only for tests and benchmarks:
	// a crash may lose acknowledged events.
	NoSync bool
}

// BoltBackend is the single-process Backend: a bbolt file holding every
// room's log, and an in-memory fan-out.
type BoltBackend struct {
	db *bolt.DB

	mu    sync.Mutex
	rooms map[model.ScriptID]*hubRoom
	// nrooms counts the room buckets; kept here so metrics do not scan.
	nrooms atomic.Int64
	// fault, when set, fails every Append's transaction after its events
	// were accepted and written, as a failed commit would (for tests).
	fault atomic.Pointer[error]

	// The committer (backend_bolt_commit.go).
	reqs     chan *appendReq
	quit     chan struct{}
	loopDone chan struct{}
	closeMu  sync.RWMutex
	closed   bool
	// groups counts the transactions the committer made, grouped the
	// appends they held (for tests and benchmarks).
	groups, grouped atomic.Int64
}

// hubRoom holds one room's subscribers. The committer locks it from a
// commit to its fan-out, so that a subscriber's head and the entries
// delivered to it never overlap or gap.
// It exists while someone uses it: refs counts, under BoltBackend.mu, the
// calls between hub and unhub and the subscribers, and the room is dropped
// from the map when it reaches zero, so that rooms nobody follows (made-up
// ones above all) cost nothing.
type hubRoom struct {
	refs int
	mu   sync.Mutex
	subs map[Subscriber]struct{}
}

// prepareLog makes a log's buckets and schema version, or checks them, and
// counts the rooms each user created in logs written before that was kept.
func prepareLog(tx *bolt.Tx) error {
	meta, err := tx.CreateBucketIfNotExists(bucketMeta)
	if err != nil {
		return err
	}
	if v := meta.Get(keySchema); v != nil {
		if got := binary.BigEndian.Uint64(v); got != schemaVersion {
			return fmt.Errorf("%w: file has %d, this relay reads %d", ErrSchema, got, schemaVersion)
		}
	} else if err := meta.Put(keySchema, u64(schemaVersion)); err != nil {
		return err
	}
	if _, err = tx.CreateBucketIfNotExists(bucketRooms); err != nil {
		return err
	}
	return countCreators(tx)
}

// OpenBolt opens (creating if needed) the relay log at path. An existing
// file is checked read-only first: a damaged one is an error wrapping
// ErrDamaged, and is left as it was.
func OpenBolt(path string, opts BoltOptions) (b *BoltBackend, err error) {
	// A new log appears complete or not at all, so an empty file can only be
	// a damaged log, never a relay killed while making it.
	if _, err := atomicfile.Create(path, func(tmp string) error {
		db, err := bolt.Open(tmp, 0o600, &bolt.Options{Timeout: lockWait, NoSync: opts.NoSync})
		if err != nil {
			return err
		}
		if err := db.Update(prepareLog); err != nil {
			db.Close()
			return err
		}
		return db.Close()
	}); err != nil {
		return nil, fmt.Errorf("relay log: %w", err)
	}
	if err := checkLog(path); err != nil {
		return nil, err
	}
	// Should the file change between the check and here.
	var db *bolt.DB
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if r := recover(); r != nil {
			if db != nil {
				db.Close()
			}
			b, err = nil, damaged(path, fmt.Errorf("%v", r))
		}
	}()
	// The map freelist finds free pages in constant time: the committer
	// allocates pages for every room of a group.
	db, err = bolt.Open(path, 0o600, &bolt.Options{Timeout: lockWait, NoSync: opts.NoSync, FreelistType: bolt.FreelistMapType})
	if err != nil {
		return nil, openError(path, err)
	}
	err = db.Update(prepareLog)
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("prepare relay log %s: %w", path, err)
	}
	b = &BoltBackend{db: db, rooms: map[model.ScriptID]*hubRoom{}}
	err = db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketRooms).ForEachBucket(func([]byte) error {
			b.nrooms.Add(1)
			return nil
		})
	})
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("count rooms in %s: %w", path, err)
	}
	b.startCommitter()
	return b, nil
}

func u64(v uint64) []byte {
	var b [8]byte
	binary.BigEndian.PutUint64(b[:], v)
	return b[:]
}

// hub returns room's hub, made if needed, with a reference the caller
// gives back with unhub.
func (b *BoltBackend) hub(room model.ScriptID) *hubRoom {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.hubLocked(room)
}

// hubLocked is hub with b.mu held.
func (b *BoltBackend) hubLocked(room model.ScriptID) *hubRoom {
	h := b.rooms[room]
	if h == nil {
		h = &hubRoom{subs: map[Subscriber]struct{}{}}
		b.rooms[room] = h
	}
	h.refs++
	return h
}

// existingHub is hub for a room that has one already; nil otherwise.
func (b *BoltBackend) existingHub(room model.ScriptID) *hubRoom {
	b.mu.Lock()
	defer b.mu.Unlock()
	h := b.rooms[room]
	if h != nil {
		h.refs++
	}
	return h
}

// unhub gives back n references to room's hub h, dropping it when nobody
// uses it any more.
func (b *BoltBackend) unhub(room model.ScriptID, h *hubRoom, n int) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.unhubLocked(room, h, n)
}

// unhubLocked is unhub with b.mu held.
func (b *BoltBackend) unhubLocked(room model.ScriptID, h *hubRoom, n int) {
	if h.refs -= n; h.refs == 0 && b.rooms[room] == h {
		delete(b.rooms, room)
	}
}

// hubs counts the rooms held in memory (for tests).
func (b *BoltBackend) hubs() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return len(b.rooms)
}

// Append implements Backend. The events are encoded here, in the caller's
// goroutine; the committer (backend_bolt_commit.go) then stores them in a
// transaction shared with the appends waiting beside them, and Append
// returns once that transaction is on disk.
func (b *BoltBackend) Append(room model.ScriptID, events []*model.Event, accept func(*model.Event, Usage) error) ([]Appended, error) {
	return b.appendSettled(room, events, accept, nil)
}

// groupAppender is a Backend whose appends are judged and stored by one
// committer, in groups; the relay then need not hold a room's lock while
// an append waits for the disk (see conn.storeGrouped).
type groupAppender interface {
	// appendSettled is Append; settled, when not nil, is called by the
	// committer with the outcome of the append's commit (nil once it is on
	// disk) before it calls any other accept.
	appendSettled(room model.ScriptID, events []*model.Event, accept func(*model.Event, Usage) error, settled func(error)) ([]Appended, error)
}

func (b *BoltBackend) appendSettled(room model.ScriptID, events []*model.Event, accept func(*model.Event, Usage) error, settled func(error)) ([]Appended, error) {
	r := &appendReq{room: room, events: events, accept: accept, settled: settled, data: make([][]byte, len(events)), done: make(chan struct{})}
	for i, e := range events {
		data, err := json.Marshal(e)
		if err != nil {
			return nil, fmt.Errorf("append to room %s: encode event %s: %w", room, e.ID.Short(), err)
		}
		r.data[i] = data
		r.bytes += len(data)
	}
	if err := b.submit(r); err != nil {
		return nil, fmt.Errorf("append to room %s: %w", room, err)
	}
	return r.out, nil
}

// stage writes r's events into tx, the committer's transaction, in order:
// duplicates are found by id (among the events of earlier appends of the
// same transaction too), the rest go through r.accept, which sees the room
// as the appends before it in the transaction left it.
func (b *BoltBackend) stage(tx *bolt.Tx, r *appendReq) error {
	room := r.room
	r.out = make([]Appended, len(r.events))
	var log, ids, acl *bolt.Bucket
	if rb := tx.Bucket(bucketRooms).Bucket([]byte(room)); rb != nil {
		log, ids, acl = rb.Bucket(bucketLog), rb.Bucket(bucketIDs), rb.Bucket(bucketACL)
	}
	// create makes the room's buckets when its first event is stored, so
	// refused publishes leave nothing behind.
	create := func() error {
		rb, err := tx.Bucket(bucketRooms).CreateBucket([]byte(room))
		if err != nil {
			return err
		}
		if log, err = rb.CreateBucket(bucketLog); err != nil {
			return err
		}
		if ids, err = rb.CreateBucket(bucketIDs); err != nil {
			return err
		}
		acl, err = rb.CreateBucket(bucketACL)
		r.created = true
		return err
	}
	var roomBytes int64
	if log != nil {
		roomBytes = storedBytes(tx.Bucket(bucketRooms).Bucket([]byte(room)))
	}
	for i, e := range r.events {
		if ids != nil {
			if v := ids.Get([]byte(e.ID)); v != nil {
				r.out[i] = Appended{Seq: binary.BigEndian.Uint64(v), Duplicate: true}
				continue
			}
		}
		data := r.data[i]
		u := Usage{Bytes: int64(len(data)), RoomBytes: roomBytes}
		if log == nil {
			u.Creates, u.CreatorRooms = true, roomsCreated(tx, e.Author)
		}
		if err := r.accept(e, u); err != nil {
			r.out[i] = Appended{Err: err}
			continue
		}
		if log == nil {
			if err := create(); err != nil {
				return err
			}
			if err := countCreated(tx, e.Author); err != nil {
				return err
			}
		}
		// The log only grows at its end: it fills its pages before
		// splitting them, rather than leaving them half full as bbolt does
		// for keys inserted anywhere.
		log.FillPercent = 1
		seq, err := log.NextSequence()
		if err != nil {
			return err
		}
		if err := log.Put(u64(seq), data); err != nil {
			return err
		}
		if err := ids.Put([]byte(e.ID), u64(seq)); err != nil {
			return err
		}
		if model.IsACLKind(e.Kind) {
			if err := acl.Put(u64(seq), []byte{}); err != nil {
				return err
			}
		}
		roomBytes += u.Bytes
		r.out[i] = Appended{Seq: seq}
		r.stored = append(r.stored, protocol.Entry{Seq: seq, Event: e})
	}
	if len(r.stored) > 0 {
		return tx.Bucket(bucketRooms).Bucket([]byte(room)).Put(keyBytes, u64(uint64(roomBytes)))
	}
	return nil
}

// Read implements Backend.
func (b *BoltBackend) Read(room model.ScriptID, after uint64, limit int) ([]protocol.Entry, error) {
	var out []protocol.Entry
	err := b.db.View(func(tx *bolt.Tx) error {
		log := roomBucket(tx, room, bucketLog)
		if log == nil {
			return nil
		}
		c := log.Cursor()
		for k, v := c.Seek(u64(after + 1)); k != nil && len(out) < limit; k, v = c.Next() {
			e := new(model.Event)
			if err := json.Unmarshal(v, e); err != nil {
				return fmt.Errorf("decode entry %d: %w", binary.BigEndian.Uint64(k), err)
			}
			out = append(out, protocol.Entry{Seq: binary.BigEndian.Uint64(k), Event: e})
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read room %s after %d: %w", room, after, err)
	}
	return out, nil
}

func roomBucket(tx *bolt.Tx, room model.ScriptID, name []byte) *bolt.Bucket {
	rb := tx.Bucket(bucketRooms).Bucket([]byte(room))
	if rb == nil {
		return nil
	}
	return rb.Bucket(name)
}

// ReadACL implements Backend.
func (b *BoltBackend) ReadACL(room model.ScriptID, fn func(*model.Event)) error {
	err := b.db.View(func(tx *bolt.Tx) error {
		acl, log := roomBucket(tx, room, bucketACL), roomBucket(tx, room, bucketLog)
		if acl == nil || log == nil {
			return nil
		}
		return acl.ForEach(func(k, _ []byte) error {
			e := new(model.Event)
			if err := json.Unmarshal(log.Get(k), e); err != nil {
				return fmt.Errorf("decode entry %d: %w", binary.BigEndian.Uint64(k), err)
			}
			fn(e)
			return nil
		})
	})
	if err != nil {
		return fmt.Errorf("read rights of room %s: %w", room, err)
	}
	return nil
}

// Subscribe implements Backend. A subscriber holds a reference to the
// room's hub until it unsubscribes.
func (b *BoltBackend) Subscribe(room model.ScriptID, sub Subscriber) (uint64, error) {
	h := b.hub(room)
	h.mu.Lock()
	defer h.mu.Unlock()
	var head uint64
	err := b.db.View(func(tx *bolt.Tx) error {
		if log := roomBucket(tx, room, bucketLog); log != nil {
			head = log.Sequence()
		}
		return nil
	})
	if err != nil {
		b.unhub(room, h, 1)
		return 0, fmt.Errorf("subscribe to room %s: %w", room, err)
	}
	if _, again := h.subs[sub]; again {
		b.unhub(room, h, 1) // it holds one already
	}
	h.subs[sub] = struct{}{}
	return head, nil
}

// Unsubscribe implements Backend.
func (b *BoltBackend) Unsubscribe(room model.ScriptID, sub Subscriber) {
	h := b.existingHub(room)
	if h == nil {
		return
	}
	h.mu.Lock()
	_, was := h.subs[sub]
	delete(h.subs, sub)
	h.mu.Unlock()
	if was {
		b.unhub(room, h, 2)
	} else {
		b.unhub(room, h, 1)
	}
}

// Signal implements Backend. A room without a hub has no subscriber to
// signal, and gets none.
func (b *BoltBackend) Signal(room model.ScriptID, from Subscriber, frame []byte) {
	h := b.existingHub(room)
	if h == nil {
		return
	}
	defer b.unhub(room, h, 1)
	h.mu.Lock()
	defer h.mu.Unlock()
	for s := range h.subs {
		if s != from {
			s.Signal(frame)
		}
	}
}

// Rooms implements Backend.
func (b *BoltBackend) Rooms() (int, error) {
	return int(b.nrooms.Load()), nil
}

// Check implements Backend: the file is open and its buckets readable.
func (b *BoltBackend) Check() error {
	return b.db.View(func(tx *bolt.Tx) error {
		if tx.Bucket(bucketRooms) == nil || tx.Bucket(bucketMeta) == nil {
			return errors.New("relay log buckets are missing")
		}
		return nil
	})
}

// Close implements Backend: it waits for the appends under way.
func (b *BoltBackend) Close() error {
	b.stopCommitter()
	return b.db.Close()
}
