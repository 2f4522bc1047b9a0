package store

import (
	"encoding/json"
	"fmt"

	bolt "go.etcd.io/bbolt"

	"github.com/scriptroom/scriptroom/internal/model"
)

// A relay can lose events: restored from an old backup, or replaced by a new
// one. Its log then disagrees with the replica here: it is shorter, or holds
// other events at sequence numbers held here. ResetRoom keeps every event
// and gives the relay back what it lost; ApplyEvents then files the events
// again at the sequence numbers the relay gives them.

// heldMark starts the ids/<event id> value of an event held without a relay
// sequence number (events/<room>/held/<n>): the mark, then n.
const heldMark = 'h'

func heldRef(n uint64) []byte { return append([]byte{heldMark}, u64(n)...) }

// heldNumber decodes heldRef; false for a log sequence number.
func heldNumber(v []byte) (uint64, bool) {
	if len(v) != 9 || v[0] != heldMark {
		return 0, false
	}
	return fromU64(v[1:])
}

// ResetRoom is for when the relay's log of room no longer matches the
// events held here. In one transaction it moves every event of the room's
// log to the room's held events (they stay in Events, in the same order),
// sets the room's cursor to 0 so that the relay's whole log is fetched
// again, and puts the held events in the outbox ahead of the room's events
// waiting there, so that the relay gets back what it lost before anything
// that depends on it. It returns how many events are held.
func (s *Store) ResetRoom(room model.ScriptID) (int, error) {
	if err := room.Validate(); err != nil {
		return 0, fmt.Errorf("reset room: %w", err)
	}
	var held int
	err := s.update(func(tx *bolt.Tx) error {
		log, ids, err := roomEventBuckets(tx, room, true)
		if err != nil {
			return err
		}
		hb, err := heldBucket(tx, room, true)
		if err != nil {
			return err
		}
		var moved [][2][]byte // log key, event
		if err := log.ForEach(func(k, v []byte) error {
			moved = append(moved, [2][]byte{append([]byte(nil), k...), append([]byte(nil), v...)})
			return nil
		}); err != nil {
			return err
		}
		for _, m := range moved {
			id, err := eventID(m[1])
			if err != nil {
				return fmt.Errorf("event %x: %w", m[0], err)
			}
			n, err := hb.NextSequence()
			if err != nil {
				return err
			}
			if err := hb.Put(u64(n), m[1]); err != nil {
				return err
			}
			if err := ids.Put([]byte(id), heldRef(n)); err != nil {
				return err
			}
			if err := log.Delete(m[0]); err != nil {
				return err
			}
		}
		if err := requeue(tx, room, hb); err != nil {
			return err
		}
		held = 0
		c := hb.Cursor()
		for k, _ := c.First(); k != nil; k, _ = c.Next() {
			held++
		}
		if tx.Bucket(bucketCursors).Get([]byte(room)) != nil {
			return tx.Bucket(bucketCursors).Put([]byte(room), u64(0))
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("reset room %s after the relay lost events: %w", room, err)
	}
	return held, nil
}

// requeue rewrites the outbox so that room's held events come first (those
// not in it already, in held order), then the room's events that were
// waiting, in their order. Other rooms' events keep their places.
func requeue(tx *bolt.Tx, room model.ScriptID, hb *bolt.Bucket) error {
	seqs, ids, err := outboxBuckets(tx)
	if err != nil {
		return err
	}
	var waiting [][]byte
	var keys [][]byte
	if err := seqs.ForEach(func(k, v []byte) error {
		var ev model.Event
		if err := json.Unmarshal(v, &ev); err != nil {
			return fmt.Errorf("outbox entry %x: %w (%v)", k, ErrCorrupt, err)
		}
		if ev.Room == room {
			waiting = append(waiting, append([]byte(nil), v...))
			keys = append(keys, append([]byte(nil), k...))
		}
		return nil
	}); err != nil {
		return err
	}
	for _, k := range keys {
		if err := seqs.Delete(k); err != nil {
			return err
		}
	}
	put := func(raw []byte) error {
		id, err := eventID(raw)
		if err != nil {
			return err
		}
		n, err := seqs.NextSequence()
		if err != nil {
			return err
		}
		if err := seqs.Put(u64(n), raw); err != nil {
			return err
		}
		return ids.Put([]byte(id), u64(n))
	}
	inWaiting := map[model.EventID]bool{}
	for _, raw := range waiting {
		id, err := eventID(raw)
		if err != nil {
			return err
		}
		inWaiting[id] = true
	}
	if err := hb.ForEach(func(_, v []byte) error {
		id, err := eventID(v)
		if err != nil || inWaiting[id] {
			return err
		}
		return put(v)
	}); err != nil {
		return err
	}
	for _, raw := range waiting {
		if err := put(raw); err != nil {
			return err
		}
	}
	return nil
}

// Held lists room's held events: those kept here that the relay has not
// given a sequence number since its log was found to disagree (ResetRoom),
// in their old log order.
func (s *Store) Held(room model.ScriptID) ([]*model.Event, error) {
	var out []*model.Event
	err := s.view(func(tx *bolt.Tx) error {
		hb, err := heldBucket(tx, room, false)
		if err != nil || hb == nil {
			return err
		}
		return hb.ForEach(func(k, v []byte) error {
			var ev model.Event
			if err := json.Unmarshal(v, &ev); err != nil {
				return fmt.Errorf("held event %x: %w (%v)", k, ErrCorrupt, err)
			}
			out = append(out, &ev)
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("read the held events of room %s: %w", room, err)
	}
	return out, nil
}

// unhold files the held event n at the relay's sequence number key.
func unhold(tx *bolt.Tx, room model.ScriptID, n uint64, log *bolt.Bucket, key, raw []byte) error {
	hb, err := heldBucket(tx, room, false)
	if err != nil {
		return err
	}
	if hb != nil {
		if err := hb.Delete(u64(n)); err != nil {
			return err
		}
	}
	return log.Put(key, raw)
}

// heldBucket returns events/<room>/held; without create, nil when absent.
func heldBucket(tx *bolt.Tx, room model.ScriptID, create bool) (*bolt.Bucket, error) {
	top := tx.Bucket(bucketEvents)
	if top == nil {
		return nil, errNoSyncBuckets
	}
	b, err := bucketIn(top, []byte(room), create)
	if err != nil || b == nil {
		return nil, err
	}
	return bucketIn(b, subHeld, create)
}

// eventID reads the id of a stored event.
func eventID(raw []byte) (model.EventID, error) {
	var ev struct {
		ID model.EventID `json:"id"`
	}
	if err := json.Unmarshal(raw, &ev); err != nil || ev.ID == "" {
		return "", fmt.Errorf("%w: a stored event without an id (%v)", ErrCorrupt, err)
	}
	return ev.ID, nil
}
