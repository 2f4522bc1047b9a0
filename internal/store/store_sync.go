package store

import (
	"encoding/json"
	"fmt"

	bolt "go.etcd.io/bbolt"

	"github.com/scriptroom/scriptroom/internal/model"
)

// The sync client's state: the outbox of events published here and not yet
// acknowledged by the relay, the cursor of every joined room, and the events
// received from the relay (the replica). Layout in buckets.go.

// Entry is an event received from the relay with its place in the room's
// log.
type Entry struct {
	// Seq is the event's relay sequence number, from 1.
	Seq uint64
	// Event is the event.
	Event *model.Event
}

// ApplyResult is what ApplyEvents did with a batch.
type ApplyResult struct {
	// Added are the events stored by this call, in batch order: those not
	// held before. Already held events are skipped silently.
	Added []*model.Event
	// Rejected describes the events that failed verification (a bad
	// signature, an id that does not match, another room, no sequence
	// number); they were not stored.
	Rejected []error
	// Cursor is the room's cursor after the call; 0 for a room not joined.
	Cursor uint64
}

// Enqueue adds ev, which must verify and belong to room, to the outbox. It
// returns once the event is durable. Enqueuing an event already in the
// outbox does nothing.
func (s *Store) Enqueue(room model.ScriptID, ev *model.Event) error {
	if err := checkEvent(room, ev); err != nil {
		return fmt.Errorf("enqueue event: %w", err)
	}
	raw, err := json.Marshal(ev)
	if err != nil {
		return fmt.Errorf("enqueue event %s: %w", ev.ID.Short(), err)
	}
	err = s.update(func(tx *bolt.Tx) error {
		seqs, ids, err := outboxBuckets(tx)
		if err != nil {
			return err
		}
		if ids.Get([]byte(ev.ID)) != nil {
			return nil
		}
		n, err := seqs.NextSequence()
		if err != nil {
			return err
		}
		if err := seqs.Put(u64(n), raw); err != nil {
			return err
		}
		return ids.Put([]byte(ev.ID), u64(n))
	})
	if err != nil {
		return fmt.Errorf("enqueue event %s: %w", ev.ID.Short(), err)
	}
	return nil
}

// Outbox lists the events waiting for the relay's ack, in the order they
// were enqueued: those of room, or of every room when room is "".
func (s *Store) Outbox(room model.ScriptID) ([]*model.Event, error) {
	var out []*model.Event
	err := s.view(func(tx *bolt.Tx) error {
		seqs, _, err := outboxBuckets(tx)
		if err != nil {
			return err
		}
		return seqs.ForEach(func(k, v []byte) error {
			var ev model.Event
			if err := json.Unmarshal(v, &ev); err != nil {
				return fmt.Errorf("outbox entry %x: %w (%v)", k, ErrCorrupt, err)
			}
			if room == "" || ev.Room == room {
				out = append(out, &ev)
			}
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("read the outbox: %w", err)
	}
	return out, nil
}

// Ack deletes the events with these ids from the outbox: the relay has
// acknowledged them. It returns the ids it deleted; ids not in the outbox
// (acknowledged before) are ignored.
func (s *Store) Ack(ids []model.EventID) ([]model.EventID, error) {
	var deleted []model.EventID
	err := s.update(func(tx *bolt.Tx) error {
		deleted = deleted[:0]
		seqs, idx, err := outboxBuckets(tx)
		if err != nil {
			return err
		}
		for _, id := range ids {
			n := idx.Get([]byte(id))
			if n == nil {
				continue
			}
			if err := seqs.Delete(n); err != nil {
				return err
			}
			if err := idx.Delete([]byte(id)); err != nil {
				return err
			}
			deleted = append(deleted, id)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("delete %d acknowledged events from the outbox: %w", len(ids), err)
	}
	return deleted, nil
}

// JoinRoom records that the user takes part in room, with a cursor of 0
// when it has none yet. Joining again keeps the cursor.
func (s *Store) JoinRoom(room model.ScriptID) error {
	if err := room.Validate(); err != nil {
		return fmt.Errorf("join room: %w", err)
	}
	err := s.update(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketCursors)
		if c == nil {
			return errNoSyncBuckets
		}
		if c.Get([]byte(room)) != nil {
			return nil
		}
		return c.Put([]byte(room), u64(0))
	})
	if err != nil {
		return fmt.Errorf("join room %s: %w", room, err)
	}
	return nil
}

// LeaveRoom forgets room's cursor, so it is no longer joined. Its events
// stay.
func (s *Store) LeaveRoom(room model.ScriptID) error {
	err := s.update(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketCursors)
		if c == nil {
			return errNoSyncBuckets
		}
		return c.Delete([]byte(room))
	})
	if err != nil {
		return fmt.Errorf("leave room %s: %w", room, err)
	}
	return nil
}

// Rooms lists the joined rooms, in id order.
func (s *Store) Rooms() ([]model.ScriptID, error) {
	var rooms []model.ScriptID
	err := s.view(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketCursors)
		if c == nil {
			return errNoSyncBuckets
		}
		return c.ForEach(func(k, _ []byte) error {
			rooms = append(rooms, model.ScriptID(k))
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("list joined rooms: %w", err)
	}
	return rooms, nil
}

// Cursor is room's cursor: every event of the room up to this relay
// sequence number is held. It is 0 for a room never synced.
func (s *Store) Cursor(room model.ScriptID) (uint64, error) {
	var cur uint64
	err := s.view(func(tx *bolt.Tx) (err error) {
		cur, err = cursorIn(tx, room)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("read the cursor of room %s: %w", room, err)
	}
	return cur, nil
}

// ApplyEvents stores the received entries of room whose events it does not
// hold yet, each at its relay sequence number, and raises the room's cursor
// to cursor (it never lowers it), all in one transaction: after a crash, or
// when the batch fails part way, either the whole batch and its cursor are
// stored or none of it. Every event is verified first; those that fail are
// not stored and are listed in the result. A sequence number that already
// holds another event, or an event held at another sequence number (a
// relay that lost events and rewrote its log), fails the whole batch with
// ErrSeqTaken: ResetRoom then puts the room right. A held event (ResetRoom)
// that arrives is filed at its sequence number, and is not in Added.
// The cursor is kept only for a joined room (JoinRoom): events that arrive
// for a room just left are stored, but do not join it again.
func (s *Store) ApplyEvents(room model.ScriptID, entries []Entry, cursor uint64) (ApplyResult, error) {
	if err := room.Validate(); err != nil {
		return ApplyResult{}, fmt.Errorf("apply events: %w", err)
	}
	var res ApplyResult
	good := make([]Entry, 0, len(entries))
	raws := make([][]byte, 0, len(entries))
	for _, e := range entries {
		if err := checkEvent(room, e.Event); err != nil {
			res.Rejected = append(res.Rejected, err)
			continue
		}
		if e.Seq == 0 {
			res.Rejected = append(res.Rejected, fmt.Errorf("event %s: %w: no sequence number", e.Event.ID.Short(), model.ErrBadEvent))
			continue
		}
		raw, err := json.Marshal(e.Event)
		if err != nil {
			res.Rejected = append(res.Rejected, err)
			continue
		}
		good, raws = append(good, e), append(raws, raw)
	}
	err := s.update(func(tx *bolt.Tx) error {
		res.Added = res.Added[:0]
		log, ids, err := roomEventBuckets(tx, room, true)
		if err != nil {
			return err
		}
		for i, e := range good {
			key := u64(e.Seq)
			if at := ids.Get([]byte(e.Event.ID)); at != nil {
				n, held := heldNumber(at)
				switch {
				case !held && string(at) == string(key):
					continue // held already, at the same place
				case !held:
					other, _ := fromU64(at)
					return fmt.Errorf("%w: event %s is at seq %d here, at %d on the relay", ErrSeqTaken, e.Event.ID.Short(), other, e.Seq)
				case log.Get(key) != nil:
					return fmt.Errorf("%w: seq %d holds another event than %s", ErrSeqTaken, e.Seq, e.Event.ID.Short())
				}
				// A held event the relay has again: file it at its new place.
				if err := unhold(tx, room, n, log, key, raws[i]); err != nil {
					return err
				}
				if err := ids.Put([]byte(e.Event.ID), key); err != nil {
					return err
				}
				continue
			}
			if old := log.Get(key); old != nil {
				return fmt.Errorf("%w: seq %d holds another event than %s", ErrSeqTaken, e.Seq, e.Event.ID.Short())
			}
			if err := log.Put(key, raws[i]); err != nil {
				return err
			}
			if err := ids.Put([]byte(e.Event.ID), key); err != nil {
				return err
			}
			res.Added = append(res.Added, e.Event)
		}
		joined := tx.Bucket(bucketCursors).Get([]byte(room)) != nil
		cur, err := cursorIn(tx, room)
		if err != nil || !joined {
			return err // a room left meanwhile stays left
		}
		if cursor > cur {
			cur = cursor
		}
		res.Cursor = cur
		return tx.Bucket(bucketCursors).Put([]byte(room), u64(cur))
	})
	if err != nil {
		return ApplyResult{}, fmt.Errorf("apply %d events of room %s: %w", len(entries), room, err)
	}
	return res, nil
}

// Events lists the events held for room, in the room's log order (the
// relay's sequence numbers), then those held without a sequence number
// (Held) after the relay lost events. After a gap in delivery it may miss
// some.
func (s *Store) Events(room model.ScriptID) ([]*model.Event, error) {
	entries, err := s.Entries(room)
	if err != nil {
		return nil, err
	}
	held, err := s.Held(room)
	if err != nil {
		return nil, err
	}
	out := make([]*model.Event, 0, len(entries)+len(held))
	for _, e := range entries {
		out = append(out, e.Event)
	}
	return append(out, held...), nil
}

// Entries lists the events held for room with their relay sequence
// numbers, in log order.
func (s *Store) Entries(room model.ScriptID) ([]Entry, error) {
	var out []Entry
	err := s.view(func(tx *bolt.Tx) error {
		log, _, err := roomEventBuckets(tx, room, false)
		if err != nil || log == nil {
			return err
		}
		return log.ForEach(func(k, v []byte) error {
			seq, ok := fromU64(k)
			var ev model.Event
			if err := json.Unmarshal(v, &ev); err != nil || !ok {
				return fmt.Errorf("event %x: %w (%v)", k, ErrCorrupt, err)
			}
			out = append(out, Entry{Seq: seq, Event: &ev})
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("read the events of room %s: %w", room, err)
	}
	return out, nil
}

// errNoSyncBuckets means the file was not migrated to schema 2; Open
// migrates, so it only shows a damaged file.
var errNoSyncBuckets = fmt.Errorf("%w: the sync buckets are missing", ErrCorrupt)

// checkEvent verifies ev and that it belongs to room.
func checkEvent(room model.ScriptID, ev *model.Event) error {
	if ev == nil {
		return fmt.Errorf("%w: nil event", model.ErrBadEvent)
	}
	if err := ev.Verify(); err != nil {
		return err
	}
	if ev.Room != room {
		return fmt.Errorf("event %s: %w", ev.ID.Short(), model.ErrWrongRoom)
	}
	return nil
}

func outboxBuckets(tx *bolt.Tx) (seqs, ids *bolt.Bucket, err error) {
	b := tx.Bucket(bucketOutbox)
	if b == nil {
		return nil, nil, errNoSyncBuckets
	}
	seqs, ids = b.Bucket(subSeq), b.Bucket(subIDs)
	if seqs == nil || ids == nil {
		return nil, nil, errNoSyncBuckets
	}
	return seqs, ids, nil
}

// roomEventBuckets returns room's event buckets; without create, nil when
// the room has no events.
func roomEventBuckets(tx *bolt.Tx, room model.ScriptID, create bool) (seqs, ids *bolt.Bucket, err error) {
	top := tx.Bucket(bucketEvents)
	if top == nil {
		return nil, nil, errNoSyncBuckets
	}
	b, err := bucketIn(top, []byte(room), create)
	if err != nil || b == nil {
		return nil, nil, err
	}
	if seqs, err = bucketIn(b, subLog, create); err != nil {
		return nil, nil, err
	}
	if ids, err = bucketIn(b, subIDs, create); err != nil {
		return nil, nil, err
	}
	if seqs == nil || ids == nil {
		return nil, nil, fmt.Errorf("%w: events of room %s are incomplete", ErrCorrupt, room)
	}
	return seqs, ids, nil
}

func cursorIn(tx *bolt.Tx, room model.ScriptID) (uint64, error) {
	c := tx.Bucket(bucketCursors)
	if c == nil {
		return 0, errNoSyncBuckets
	}
	v := c.Get([]byte(room))
	if v == nil {
		return 0, nil
	}
	n, ok := fromU64(v)
	if !ok {
		return 0, fmt.Errorf("%w: cursor of room %s", ErrCorrupt, room)
	}
	return n, nil
}
