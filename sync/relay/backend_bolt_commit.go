package relay

import (
	bolt "go.etcd.io/bbolt"

	"github.com/scriptroom/scriptroom/internal/model"
	"github.com/scriptroom/scriptroom/sync/protocol"
)

// Group commit. Every Append hands its events to one committer goroutine,
// which stores the appends waiting together in one bbolt transaction, so
// that they share one fsync: while a transaction is written and synced, the
// appends arriving queue up for the next. Each Append returns once its
// transaction is on disk ("on disk before acked").
//
// The committer stages the appends of a transaction one after the other,
// in arrival order, so that a room's appends keep their order, duplicates
// are found among the events of earlier appends of the same transaction,
// and accept is called serialised with all other appends, seeing rights in
// log order. accept has effects (the relay applies the rights it admits,
// counts quotas), so a transaction is never run again: when it fails, every
// append of the group fails with its error, nothing of any of them is
// stored, acknowledged or delivered, and each caller undoes what its
// accept did (the relay reloads those rooms' rights from the log).

// Group bounds: a transaction takes at most maxGroupAppends appends and,
// beyond its first append, maxGroupBytes bytes of events, so that one
// commit stays short and its dirty pages few.
const (
	maxGroupAppends = 1024
	maxGroupBytes   = 16 << 20
)

// appendReq is one Append waiting for the committer.
type appendReq struct {
	room   model.ScriptID
	events []*model.Event
	// data is each event's encoding, made by Append in its own goroutine.
	data   [][]byte
	bytes  int
	accept func(*model.Event, Usage) error
	// settled, when set, is told the commit's outcome before the next
	// group is judged.
	settled func(error)
	// h is the room's hub, held by the committer while it commits r.
	h *hubRoom

	// Set by the committer before done is closed.
	out     []Appended
	stored  []protocol.Entry
	created bool
	err     error
	done    chan struct{}
}

// startCommitter starts b's committer.
func (b *BoltBackend) startCommitter() {
	b.reqs = make(chan *appendReq, maxGroupAppends)
	b.quit = make(chan struct{})
	b.loopDone = make(chan struct{})
	go b.commitLoop()
}

// submit queues r for the committer and waits for its fate. Close waits for
// the submits under way and refuses later ones.
func (b *BoltBackend) submit(r *appendReq) error {
	b.closeMu.RLock()
	defer b.closeMu.RUnlock()
	if b.closed {
		return bolt.ErrDatabaseNotOpen
	}
	b.reqs <- r
	<-r.done
	return r.err
}

// stopCommitter stops the committer once no Append is under way; later
// Appends fail. It may be called more than once.
func (b *BoltBackend) stopCommitter() {
	b.closeMu.Lock()
	defer b.closeMu.Unlock()
	if b.closed {
		return
	}
	b.closed = true
	close(b.quit)
	<-b.loopDone
}

func (b *BoltBackend) commitLoop() {
	defer close(b.loopDone)
	group := make([]*appendReq, 0, maxGroupAppends)
	for {
		select {
		case <-b.quit:
			return
		case r := <-b.reqs:
			group = append(group[:0], r)
			size := r.bytes
		more:
			for len(group) < maxGroupAppends && size < maxGroupBytes {
				select {
				case r := <-b.reqs:
					group = append(group, r)
					size += r.bytes
				default:
					break more
				}
			}
			b.metricGroup(len(group))
			b.holdHubs(group)
			err := b.commitGroup(group)
			b.releaseHubs(group)
			for _, r := range group {
				if err != nil {
					r.out, r.stored, r.err = nil, nil, err
				}
				if r.settled != nil {
					r.settled(err)
				}
			}
			for _, r := range group {
				close(r.done)
			}
			clear(group)
		}
	}
}

// commitGroup stores group in one transaction and delivers what it stored.
// The rooms' hubs are locked from before the commit until their entries
// are delivered, so that a Subscribe sees a head either before the group
// (and gets its entries) or after it (and gets none of them).
func (b *BoltBackend) commitGroup(group []*appendReq) error {
	tx, err := b.db.Begin(true)
	if err != nil {
		return err
	}
	for _, r := range group {
		if err := b.stage(tx, r); err != nil {
			tx.Rollback()
			return err
		}
	}
	if err := b.fault.Load(); err != nil {
		tx.Rollback()
		return *err
	}
	locked := make(map[*hubRoom]bool, len(group))
	for _, r := range group {
		if !locked[r.h] {
			locked[r.h] = true
			r.h.mu.Lock()
		}
	}
	defer func() {
		for h := range locked {
			h.mu.Unlock()
		}
	}()
	if err := tx.Commit(); err != nil {
		return err
	}
	for _, r := range group {
		if len(r.stored) == 0 {
			continue
		}
		if r.created {
			b.nrooms.Add(1)
		}
		batch := &Batch{Room: r.room, Entries: r.stored}
		for s := range r.h.subs {
			s.Deliver(batch)
		}
	}
	return nil
}

// holdHubs takes a reference to the hub of every append's room, made if
// needed, for the commit to lock and deliver to; releaseHubs gives them
// back. The committer takes b.mu once a group for this, rather than each
// Append twice, which made the appends of a group that had just been
// committed queue on b.mu together.
func (b *BoltBackend) holdHubs(group []*appendReq) {
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, r := range group {
		r.h = b.hubLocked(r.room)
	}
}

func (b *BoltBackend) releaseHubs(group []*appendReq) {
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, r := range group {
		b.unhubLocked(r.room, r.h, 1)
		r.h = nil
	}
}

// metricGroup records a transaction's size (for tests and benchmarks).
func (b *BoltBackend) metricGroup(n int) {
	b.groups.Add(1)
	b.grouped.Add(int64(n))
}
