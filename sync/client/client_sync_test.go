package client

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/scriptroom/scriptroom/internal/model"
	"github.com/scriptroom/scriptroom/internal/store"
	"github.com/scriptroom/scriptroom/sync/protocol"
)

// tapConn lets a test watch and alter the frames of a connection.
type tapConn struct {
	Conn
	// onWrite sees each frame the client sends; returning false sends it
	// and then cuts the connection.
	onWrite func(m protocol.Message) bool
	// onRead sees each frame from the relay and returns the frames the
	// client receives instead (none, it, or it twice).
	onRead func(data []byte) [][]byte
	queue  [][]byte
}

func (c *tapConn) WriteMessage(data []byte) error {
	m, _ := protocol.Decode(data)
	if err := c.Conn.WriteMessage(data); err != nil {
		return err
	}
	if c.onWrite != nil && m != nil && !c.onWrite(m) {
		c.Conn.Close()
	}
	return nil
}

func (c *tapConn) ReadMessage() ([]byte, error) {
	for len(c.queue) == 0 {
		data, err := c.Conn.ReadMessage()
		if err != nil {
			return nil, err
		}
		if c.onRead == nil {
			return data, nil
		}
		c.queue = c.onRead(data)
	}
	data := c.queue[0]
	c.queue = c.queue[1:]
	return data, nil
}

// tapDialer dials the real relay and wraps connection n (from 0) with
// tap(n).
func tapDialer(tap func(n int, c *tapConn)) Dialer {
	var n atomic.Int32
	return dialFunc(func(ctx context.Context, url string) (Conn, error) {
		c, err := WebSocketDialer{}.Dial(ctx, url)
		if err != nil {
			return nil, err
		}
		tc := &tapConn{Conn: c}
		tap(int(n.Add(1)-1), tc)
		return tc, nil
	})
}

// An event leaves the outbox only after the relay's ack: when the
// connection dies after the relay stored the event but before its ack
// reached the client, the event is still in the outbox at the next dial,
// is sent again, and the relay answers duplicate and keeps one copy.
func TestOutboxKeptUntilAck(t *testing.T) {
	tr := newTestRelay(t)
	alice := newIdentity(t, "Alice")
	st := newTestStore(t)
	room := model.NewScriptID()
	create := roomEvent(t, alice, room, model.Public)

	var mu sync.Mutex
	var outboxAtRedial []*model.Event
	var acks []protocol.AckResult
	var published [][]model.EventID // per connection
	cfg := fastConfig(tr.url, alice, st)
	cfg.Dialer = tapDialer(func(n int, c *tapConn) {
		mu.Lock()
		defer mu.Unlock()
		published = append(published, nil)
		if n == 1 {
			outboxAtRedial, _ = st.Outbox("")
		}
		c.onWrite = func(m protocol.Message) bool {
			p, ok := m.(*protocol.Publish)
			if !ok {
				return true
			}
			mu.Lock()
			for _, ev := range p.Events {
				published[n] = append(published[n], ev.ID)
			}
			mu.Unlock()
			return true
		}
		c.onRead = func(data []byte) [][]byte {
			if m, _ := protocol.Decode(data); m != nil {
				if a, ok := m.(*protocol.Ack); ok {
					if n == 0 {
						// The relay stored the event; its ack is lost
						// with the first connection.
						c.Conn.Close()
						return nil
					}
					mu.Lock()
					acks = append(acks, a.Results...)
					mu.Unlock()
				}
			}
			return [][]byte{data}
		}
	})
	c := New(cfg)
	if err := c.Publish(create); err != nil {
		t.Fatal(err)
	}
	run(t, c)
	eventually(t, "the outbox is empty", func() bool {
		out, _ := st.Outbox("")
		return len(out) == 0
	})
	mu.Lock()
	defer mu.Unlock()
	if len(published) < 2 || len(published[0]) != 1 || published[0][0] != create.ID {
		t.Fatalf("publishes per connection = %v", published)
	}
	if len(outboxAtRedial) != 1 || outboxAtRedial[0].ID != create.ID {
		t.Fatalf("outbox when redialing = %v, want the unacked event", outboxAtRedial)
	}
	if len(acks) != 1 || acks[0].ID != create.ID || !acks[0].Duplicate || acks[0].Seq != 1 {
		t.Fatalf("acks = %+v, want one duplicate of seq 1", acks)
	}
	if log := tr.log(t, room); len(log) != 1 || log[0] != create.ID {
		t.Fatalf("relay log = %v", log)
	}
}

// countingStore records the ApplyEvents calls and can fail some.
type countingStore struct {
	*store.Store
	mu    sync.Mutex
	calls [][]store.Entry
	fail  int // how many calls still fail before reaching the store
}

func (s *countingStore) ApplyEvents(room model.ScriptID, entries []store.Entry, cursor uint64) (store.ApplyResult, error) {
	s.mu.Lock()
	s.calls = append(s.calls, entries)
	failing := s.fail > 0
	s.fail--
	s.mu.Unlock()
	if failing {
		return store.ApplyResult{}, errors.New("disk full")
	}
	return s.Store.ApplyEvents(room, entries, cursor)
}

// publishAll puts evs in the relay through a client of author and waits
// for the acks.
func publishAll(t *testing.T, tr *testRelay, author *model.Identity, evs []*model.Event) {
	t.Helper()
	st := newTestStore(t)
	r := start(t, fastConfig(tr.url, author, st))
	for _, ev := range evs {
		if err := r.Publish(ev); err != nil {
			t.Fatal(err)
		}
	}
	eventually(t, "the publisher's outbox is empty", func() bool {
		out, _ := st.Outbox("")
		return len(out) == 0
	})
	r.stop()
}

// A catch-up arrives as a few events messages, each stored by one
// ApplyEvents call (one transaction); when storing fails, nothing of that
// batch counts: the client reconnects, re-joins from its stored cursor and
// ends with every event once.
func TestCatchUpBatches(t *testing.T) {
	tr := newTestRelay(t)
	alice, bob := newIdentity(t, "Alice"), newIdentity(t, "Bob")
	room := model.NewScriptID()
	evs := []*model.Event{roomEvent(t, alice, room, model.Public)}
	for i := range 40 {
		evs = append(evs, comment(t, alice, room, fmt.Sprint("note ", i)))
	}
	publishAll(t, tr, alice, evs)

	cs := &countingStore{Store: newTestStore(t), fail: 1}
	var frames atomic.Int32
	cfg := fastConfig(tr.url, bob, cs)
	// The only re-join here is the reconnection's after the failure. A
	// timer's re-join (of a join answered after AckTimeout, as under the
	// race detector on a busy machine, or every ResyncEvery) asks for the
	// event at the cursor again, which would reach the store a second time.
	cfg.AckTimeout, cfg.ResyncEvery = time.Minute, time.Hour
	cfg.Dialer = tapDialer(func(n int, c *tapConn) {
		c.onRead = func(data []byte) [][]byte {
			if m, _ := protocol.Decode(data); m != nil && m.Type() == protocol.TypeEvents {
				frames.Add(1)
			}
			return [][]byte{data}
		}
	})
	var added atomic.Int32
	cfg.OnEvents = func(_ model.ScriptID, evs []*model.Event) { added.Add(int32(len(evs))) }
	var errs atomic.Int32
	cfg.OnError = func(error) { errs.Add(1) }
	if err := cs.JoinRoom(room); err != nil {
		t.Fatal(err)
	}
	r := start(t, cfg)
	eventually(t, "bob caught up", func() bool {
		cur, _ := cs.Cursor(room)
		return cur == uint64(len(evs)) && r.Status().State == StateOnline
	})
	got, _ := cs.Events(room)
	if len(got) != len(evs) || int(added.Load()) != len(evs) {
		t.Fatalf("bob holds %d events, was told of %d, want %d", len(got), added.Load(), len(evs))
	}
	for i, ev := range got {
		if ev.ID != evs[i].ID {
			t.Fatalf("event %d = %s, want %s (log order)", i, ev.ID.Short(), evs[i].ID.Short())
		}
	}
	cs.mu.Lock()
	defer cs.mu.Unlock()
	// The first batch failed whole and was received again: every call but
	// the failed one stored a part of the log, and there were as many calls
	// as events messages.
	if len(cs.calls) != int(frames.Load()) || len(cs.calls) < 2 {
		t.Fatalf("%d ApplyEvents calls for %d events messages", len(cs.calls), frames.Load())
	}
	if first := cs.calls[0]; len(first) < 2 || first[0].Seq != 1 {
		t.Fatalf("the first batch held %d entries from seq %d; want a catch-up batch from 1", len(first), first[0].Seq)
	}
	total := 0
	for _, c := range cs.calls[1:] {
		total += len(c)
	}
	if total != len(evs) {
		t.Fatalf("the batches after the failure carried %d entries, want %d", total, len(evs))
	}
}

// Duplicated frames (a replay overlapping a live batch, or a repeated
// message) store and report each event once.
func TestDuplicatesAppliedOnce(t *testing.T) {
	tr := newTestRelay(t)
	alice, bob := newIdentity(t, "Alice"), newIdentity(t, "Bob")
	room := model.NewScriptID()
	evs := []*model.Event{roomEvent(t, alice, room, model.Public)}
	for i := range 5 {
		evs = append(evs, comment(t, alice, room, fmt.Sprint("note ", i)))
	}
	publishAll(t, tr, alice, evs[:3])

	st := newTestStore(t)
	cfg := fastConfig(tr.url, bob, st)
	cfg.Dialer = tapDialer(func(n int, c *tapConn) {
		c.onRead = func(data []byte) [][]byte {
			if m, _ := protocol.Decode(data); m != nil && m.Type() == protocol.TypeEvents {
				return [][]byte{data, data, data}
			}
			return [][]byte{data}
		}
	})
	var mu sync.Mutex
	seen := map[model.EventID]int{}
	cfg.OnEvents = func(_ model.ScriptID, evs []*model.Event) {
		mu.Lock()
		for _, e := range evs {
			seen[e.ID]++
		}
		mu.Unlock()
	}
	r := start(t, cfg)
	if err := r.Join(room); err != nil {
		t.Fatal(err)
	}
	eventually(t, "bob caught up", func() bool { cur, _ := st.Cursor(room); return cur == 3 })
	publishAll(t, tr, alice, evs[3:]) // live, while bob is joined
	eventually(t, "bob has the live events", func() bool { cur, _ := st.Cursor(room); return cur == 6 })
	got, _ := st.Events(room)
	if len(got) != len(evs) {
		t.Fatalf("bob holds %d events, want %d", len(got), len(evs))
	}
	// OnEvents follows the commit: stopping the client waits for it.
	r.stop()
	mu.Lock()
	defer mu.Unlock()
	for _, ev := range evs {
		if seen[ev.ID] != 1 {
			t.Errorf("event %s reported %d times", ev.ID.Short(), seen[ev.ID])
		}
	}
}

// Start and Stop run the client in the background; Leave stops receiving
// a room.
func TestStartStopLeave(t *testing.T) {
	tr := newTestRelay(t)
	alice := newIdentity(t, "Alice")
	st := newTestStore(t)
	room := model.NewScriptID()
	c := New(fastConfig(tr.url, alice, st))
	if err := c.Join(room); err != nil {
		t.Fatal(err)
	}
	if err := c.Publish(roomEvent(t, alice, room, model.Private)); err != nil {
		t.Fatal(err)
	}
	c.Start()
	c.Start() // no second connection
	eventually(t, "online with the room", func() bool {
		cur, _ := st.Cursor(room)
		return c.Status().State == StateOnline && cur == 1
	})
	if err := c.Leave(room); err != nil {
		t.Fatal(err)
	}
	if rooms, _ := st.Rooms(); len(rooms) != 0 {
		t.Fatalf("rooms after leaving = %v", rooms)
	}
	// Publishing to a room left is allowed, and does not join it again.
	if err := c.Publish(comment(t, alice, room, "from outside")); err != nil {
		t.Fatal(err)
	}
	eventually(t, "the comment is acknowledged", func() bool {
		out, _ := st.Outbox("")
		return len(out) == 0
	})
	if log := tr.log(t, room); len(log) != 2 {
		t.Fatalf("relay log after publishing to a left room: %d events", len(log))
	}
	if rooms, _ := st.Rooms(); len(rooms) != 0 {
		t.Fatalf("rooms after publishing to a left room = %v", rooms)
	}
	if err := c.Stop(); err != nil {
		t.Fatalf("Stop = %v", err)
	}
	if s := c.Status(); s.State != StateOffline {
		t.Fatalf("status after Stop = %v", s)
	}
	if err := c.Stop(); err != nil {
		t.Fatalf("second Stop = %v", err)
	}
}

// When the connection drops, the status goes offline, connecting, then
// back to online, and the presence set before is shown to the room again
// (the relay forgot it with the connection).
func TestReconnectStatusAndPresence(t *testing.T) {
	tr := newTestRelay(t)
	alice, bob := newIdentity(t, "Alice"), newIdentity(t, "Bob")
	room := model.NewScriptID()
	publishAll(t, tr, alice, []*model.Event{roomEvent(t, alice, room, model.Public)})

	var conns sync.Map // n → *tapConn
	var status statusLog
	acfg := fastConfig(tr.url, alice, newTestStore(t))
	acfg.OnStatus = status.add
	acfg.Dialer = tapDialer(func(n int, c *tapConn) { conns.Store(n, c) })
	a := start(t, acfg)
	if err := a.Join(room); err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var seen []protocol.Presence
	bcfg := fastConfig(tr.url, bob, newTestStore(t))
	bcfg.OnPresence = func(p protocol.Presence) { mu.Lock(); seen = append(seen, p); mu.Unlock() }
	b := start(t, bcfg)
	if err := b.Join(room); err != nil {
		t.Fatal(err)
	}
	eventually(t, "both online", func() bool {
		return a.Status().State == StateOnline && b.Status().State == StateOnline
	})
	sawScene := func(scene string, typing bool) func() bool {
		return func() bool {
			mu.Lock()
			defer mu.Unlock()
			for _, p := range seen {
				if p.User == alice.ID() && p.Scene == scene && p.Typing == typing && !p.Gone {
					return true
				}
			}
			return false
		}
	}
	a.SetPresence(room, "INT. HOUSE - NIGHT", true)
	eventually(t, "bob sees alice typing", sawScene("INT. HOUSE - NIGHT", true))
	a.SetPresence(room, "INT. HOUSE - NIGHT", false)
	eventually(t, "bob sees alice stop typing", sawScene("INT. HOUSE - NIGHT", false))

	mu.Lock()
	seen = nil
	mu.Unlock()
	before := len(status.states())
	c, _ := conns.Load(0)
	c.(*tapConn).Conn.Close()
	eventually(t, "bob sees alice gone and back", func() bool {
		mu.Lock()
		defer mu.Unlock()
		gone := false
		for _, p := range seen {
			if p.User == alice.ID() && p.Gone {
				gone = true
			} else if gone && p.User == alice.ID() && p.Scene == "INT. HOUSE - NIGHT" {
				return true
			}
		}
		return false
	})
	eventually(t, "alice online again", func() bool { return a.Status().State == StateOnline })
	after := status.states()[before-1:]
	want := []State{StateOnline, StateOffline, StateConnecting}
	if len(after) < 4 || fmt.Sprint(after[:3]) != fmt.Sprint(want) || after[len(after)-1] != StateOnline {
		t.Fatalf("states around the drop = %v, want %v ... online", after, want)
	}
}

func TestStatusString(t *testing.T) {
	for _, c := range []struct {
		s    Status
		want string
	}{
		{Status{State: StateOffline, Err: "dial: refused"}, "offline"},
		{Status{State: StateConnecting}, "connecting"},
		// Syncing counts the events to send and the rooms catching up.
		{Status{State: StateSyncing, Pending: 3}, "syncing 3"},
		{Status{State: StateSyncing, Pending: 2, CatchingUp: 1}, "syncing 3"},
		{Status{State: StateOnline}, "online"},
	} {
		if got := c.s.String(); got != c.want {
			t.Errorf("%+v = %q, want %q", c.s, got, c.want)
		}
	}
}
