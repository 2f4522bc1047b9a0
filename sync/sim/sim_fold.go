package sim

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"github.com/scriptroom/scriptroom/internal/model"
	"github.com/scriptroom/scriptroom/internal/store"
	"github.com/scriptroom/scriptroom/sync/protocol"
	"github.com/scriptroom/scriptroom/sync/relay"
)

// RoomState is the fold of one room's log: what two replicas must agree on.
type RoomState struct {
	// Count is how many events the room holds.
	Count int
	// Head is the highest sequence number held.
	Head uint64
	// Digest is the SHA-256 of every event's seq, id and payload, in log
	// order: equal digests mean the same events in the same order.
	Digest string
	// Latest is the last value set for each key by events whose payload
	// has "key" and "value" strings, in log order.
	Latest map[string]string
}

// State is the fold of every room of a replica.
type State map[model.ScriptID]RoomState

// FoldEntries folds a room's log, given in increasing seq.
func FoldEntries(entries []store.Entry) RoomState {
	h := sha256.New()
	st := RoomState{Latest: map[string]string{}}
	for _, e := range entries {
		fmt.Fprintf(h, "%d %s %s\n", e.Seq, e.Event.ID, e.Event.Payload)
		st.Count++
		st.Head = max(st.Head, e.Seq)
		var kv struct{ Key, Value string }
		if json.Unmarshal(e.Event.Payload, &kv) == nil && kv.Key != "" {
			st.Latest[kv.Key] = kv.Value
		}
	}
	st.Digest = hex.EncodeToString(h.Sum(nil))
	return st
}

// FoldStore folds the replica of rooms in a client's store.
func FoldStore(s *store.Store, rooms []model.ScriptID) (State, error) {
	out := State{}
	for _, room := range rooms {
		entries, err := s.Entries(room)
		if err != nil {
			return nil, err
		}
		out[room] = FoldEntries(entries)
	}
	return out, nil
}

// FoldRelay folds rooms as the relay's log holds them.
func FoldRelay(b relay.Backend, rooms []model.ScriptID) (State, error) {
	out := State{}
	for _, room := range rooms {
		entries, err := RelayLog(b, room)
		if err != nil {
			return nil, err
		}
		out[room] = FoldEntries(entries)
	}
	return out, nil
}

// RelayLog reads a room's whole log from a relay backend.
func RelayLog(b relay.Backend, room model.ScriptID) ([]store.Entry, error) {
	var out []store.Entry
	for after := uint64(0); ; {
		batch, err := b.Read(room, after, 1000)
		if err != nil {
			return nil, fmt.Errorf("read the relay log of %s: %w", room, err)
		}
		if len(batch) == 0 {
			return out, nil
		}
		for _, e := range batch {
			out = append(out, entryOf(e))
			after = e.Seq
		}
	}
}

func entryOf(e protocol.Entry) store.Entry { return store.Entry{Seq: e.Seq, Event: e.Event} }

// Diff describes how two states differ; "" when they are equal.
func (s State) Diff(o State) string {
	var out []string
	rooms := map[model.ScriptID]bool{}
	for r := range s {
		rooms[r] = true
	}
	for r := range o {
		rooms[r] = true
	}
	for r := range rooms {
		a, b := s[r], o[r]
		if a.Digest == b.Digest && a.Count == b.Count && fmt.Sprint(a.Latest) == fmt.Sprint(b.Latest) {
			continue
		}
		out = append(out, fmt.Sprintf("room %s: %d events to head %d (latest %v) vs %d to head %d (latest %v)",
			r[:8], a.Count, a.Head, a.Latest, b.Count, b.Head, b.Latest))
	}
	sort.Strings(out)
	return strings.Join(out, "; ")
}
