package relay

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gorilla/websocket"
	"github.com/prometheus/client_golang/prometheus/testutil"
	"golang.org/x/time/rate"

	"github.com/scriptroom/scriptroom/internal/model"
	"github.com/scriptroom/scriptroom/sync/protocol"
)

func TestHealthzAndMetrics(t *testing.T) {
	tr := newTestRelay(t, nil)
	owner := connect(t, tr, newIdentity(t, "Owner"))
	createRoom(t, owner, model.Private)

	resp, err := http.Get(tr.srv.URL + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("/healthz = %d", resp.StatusCode)
	}
	resp, err = http.Get(tr.srv.URL + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	for _, want := range []string{
		"scriptroom_connections 1",
		"scriptroom_rooms 1",
		"scriptroom_events_stored_total 1",
		"scriptroom_fanout_latency_seconds_count 1",
	} {
		if !bytes.Contains(body, []byte(want)) {
			t.Errorf("/metrics lacks %q", want)
		}
	}

	// A closed store is reported unhealthy.
	tr.backend.Close()
	resp, err = http.Get(tr.srv.URL + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusServiceUnavailable {
		t.Fatalf("/healthz with a closed store = %d", resp.StatusCode)
	}
}

func TestHandshake(t *testing.T) {
	tr := newTestRelay(t, nil)
	alice := newIdentity(t, "Alice")
	mallory := newIdentity(t, "Mallory")
	cases := []struct {
		name      string
		steps     func(c *testClient)
		wantCode  protocol.Code
		wantClose protocol.CloseCode
	}{
		{"wrong protocol version", func(c *testClient) {
			c.send(&protocol.Hello{Version: protocol.Version + 1, User: alice.ID()})
		}, protocol.CodeBadVersion, protocol.CloseBadVersion},
		{"join before hello", func(c *testClient) {
			c.send(&protocol.Join{Room: model.NewScriptID()})
		}, protocol.CodeNotAuthenticated, protocol.CloseProtocolError},
		{"challenge signed by another key", func(c *testClient) {
			c.send(&protocol.Hello{Version: protocol.Version, User: alice.ID()})
			ch := expect[*protocol.Challenge](c)
			c.send(&protocol.Auth{Sig: mallory.Sign(protocol.AuthMessage(ch, alice.ID()))})
		}, protocol.CodeAuthFailed, protocol.CloseAuthFailed},
		{"signature for another relay", func(c *testClient) {
			c.send(&protocol.Hello{Version: protocol.Version, User: alice.ID()})
			ch := *expect[*protocol.Challenge](c)
			ch.Relay = "elsewhere"
			c.send(&protocol.Auth{Sig: alice.Sign(protocol.AuthMessage(&ch, alice.ID()))})
		}, protocol.CodeAuthFailed, protocol.CloseAuthFailed},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, _, err := dial(t, tr, alice, nil)
			if err != nil {
				t.Fatal(err)
			}
			tc.steps(c)
			c.expectError(tc.wantCode)
			if code := c.waitClose(); code != int(tc.wantClose) {
				t.Fatalf("closed with %d, want %d", code, tc.wantClose)
			}
		})
	}
	// A correct handshake is welcomed.
	connect(t, tr, alice)
}

func TestPublishReplayAndLive(t *testing.T) {
	tr := newTestRelay(t, nil)
	ownerID, bobID := newIdentity(t, "Owner"), newIdentity(t, "Bob")
	owner := connect(t, tr, ownerID)
	room := createRoom(t, owner, model.Invite)
	grant(t, owner, room, bobID.ID(), model.RoleEditor)
	var first []*model.Event
	for i := range 5 {
		first = append(first, comment(t, ownerID, room, strings.Repeat("x", i)))
	}
	mustStore(t, owner.publish(room, first...))

	// Bob replays everything, in order, then joins live.
	bob := connect(t, tr, bobID)
	entries, joined := bob.join(room, 0)
	if len(entries) != 7 || joined.Head != 7 || joined.Role != model.RoleEditor {
		t.Fatalf("replay: %d entries, joined %+v", len(entries), joined)
	}
	for i, e := range entries {
		if e.Seq != uint64(i+1) {
			t.Fatalf("entry %d has seq %d", i, e.Seq)
		}
		if err := e.Event.Verify(); err != nil {
			t.Fatalf("replayed event does not verify: %v", err)
		}
	}
	owner.join(room, 7)
	live := comment(t, bobID, room, "live")
	mustStore(t, bob.publish(room, live))
	got := owner.nextEvents()
	if got.Events[0].Event.ID != live.ID || got.Events[0].Seq != 8 {
		t.Fatalf("live event: %+v", got.Events[0])
	}

	// Publishing again is idempotent: acked as a duplicate with its seq.
	ack := owner.publish(room, first[2])
	if r := ack.Results[0]; !r.Duplicate || r.Seq != 5 {
		t.Fatalf("republish: %+v", r)
	}

	// A cursor resumes where it was.
	rest, _ := connect(t, tr, bobID).join(room, 6)
	if len(rest) != 2 || rest[0].Seq != 7 {
		t.Fatalf("resume from 6: %+v", rest)
	}
}

func TestPresenceIsForwardedNotStored(t *testing.T) {
	tr := newTestRelay(t, nil)
	owner := connect(t, tr, newIdentity(t, "Owner"))
	room := createRoom(t, owner, model.Public)
	guest := connect(t, tr, newIdentity(t, "Guest"))
	owner.join(room, 0)
	guest.join(room, 0)
	guest.send(&protocol.Presence{Room: room, Scene: "INT. KITCHEN", Typing: true, User: owner.id.ID()})
	var p *protocol.Presence
	select {
	case m := <-owner.in:
		p, _ = m.(*protocol.Presence)
	case <-time.After(waitFor):
	}
	if p == nil || p.User != guest.id.ID() || p.Scene != "INT. KITCHEN" || !p.Typing {
		t.Fatalf("presence: %+v", p)
	}
	if entries, joined := connect(t, tr, owner.id).join(room, 0); len(entries) != 1 || joined.Head != 1 {
		t.Fatalf("presence was stored: %d entries", len(entries))
	}
	// Presence for a room not joined is refused.
	guest.send(&protocol.Presence{Room: model.NewScriptID()})
	guest.expectError(protocol.CodeNotJoined)
}

func TestLogSurvivesRestart(t *testing.T) {
	tr := newTestRelay(t, nil)
	ownerID, bobID := newIdentity(t, "Owner"), newIdentity(t, "Bob")
	owner := connect(t, tr, ownerID)
	room := createRoom(t, owner, model.Private)
	grant(t, owner, room, bobID.ID(), model.RoleCommenter)
	mustStore(t, owner.publish(room, comment(t, ownerID, room, "before")))
	tr.stop()

	tr2 := startTestRelay(t, tr.path, nil)
	bob := connect(t, tr2, bobID)
	entries, joined := bob.join(room, 0)
	if len(entries) != 3 || joined.Role != model.RoleCommenter {
		t.Fatalf("after restart: %d entries, role %s", len(entries), joined.Role)
	}
	// Rights were rebuilt from the log: bob comments, but may not grant.
	mustStore(t, bob.publish(room, comment(t, bobID, room, "after")))
	ack := bob.publish(room, newEvent(t, bobID, room, model.KindRole, model.RolePayload{User: bobID.ID(), Role: model.RoleEditor}))
	if ack.Results[0].Error == nil || ack.Results[0].Error.Code != protocol.CodeForbidden {
		t.Fatalf("commenter granted a role: %+v", ack.Results[0])
	}
}

func TestShutdownClosesWithGoingAway(t *testing.T) {
	tr := newTestRelay(t, nil)
	c := connect(t, tr, newIdentity(t, "A"))
	ctx, cancel := context.WithTimeout(context.Background(), waitFor)
	defer cancel()
	if err := tr.relay.Shutdown(ctx); err != nil {
		t.Fatal(err)
	}
	if code := c.waitClose(); code != int(protocol.CloseGoingAway) || !protocol.IsRetry(code) {
		t.Fatalf("closed with %d, want %d", code, protocol.CloseGoingAway)
	}
	if n := testutil.ToFloat64(tr.relay.metrics.connections); n != 0 {
		t.Fatalf("%v connections after shutdown", n)
	}
}

func TestHandshakeTimeout(t *testing.T) {
	// A client that says nothing, and one that says hello but never auth,
	// are closed with CloseAuthTimeout. The second shows something only if
	// the relay answers its hello before the timeout, so the test does not
	// assume how fast the machine is: it starts with a short timeout and
	// doubles it until the challenge arrives first.
	for timeout := 20 * time.Millisecond; ; timeout *= 2 {
		if timeout > waitFor {
			t.Fatal("the relay never answered a hello before its handshake timeout")
		}
		tr := newTestRelay(t, func(c *Config) { c.HandshakeTimeout = timeout })
		silent, _, err := dial(t, tr, newIdentity(t, "Silent"), nil)
		if err != nil {
			continue // the upgrade itself outlasted the timeout
		}
		c, _, err := dial(t, tr, newIdentity(t, "Idle"), nil)
		if err != nil {
			continue
		}
		c.send(&protocol.Hello{Version: protocol.Version, User: c.id.ID()})
		var first protocol.Message
		select {
		case first = <-c.in:
		case <-c.closed:
			select { // the reader queues every message before the close
			case first = <-c.in:
			default:
			}
		case <-time.After(waitFor):
			t.Fatal("no challenge and no close")
		}
		if first == nil {
			if c.closeCode != int(protocol.CloseAuthTimeout) {
				t.Fatalf("closed with %d before the challenge, want %d", c.closeCode, protocol.CloseAuthTimeout)
			}
			continue // closed before answering: a slower machine than the timeout
		}
		if _, ok := first.(*protocol.Challenge); !ok {
			t.Fatalf("got %T, want a challenge", first)
		}
		for {
			select {
			case m := <-c.in:
				if _, ok := m.(*protocol.Welcome); ok {
					t.Fatal("welcomed without auth")
				}
				continue
			case <-c.closed:
			case <-time.After(waitFor):
				t.Fatal("the relay did not close a connection that never sent auth")
			}
			break
		}
		if c.closeCode != int(protocol.CloseAuthTimeout) || !protocol.IsRetry(c.closeCode) {
			t.Fatalf("closed with %d, want %d", c.closeCode, protocol.CloseAuthTimeout)
		}
		if code := silent.waitClose(); code != int(protocol.CloseAuthTimeout) {
			t.Fatalf("silent client closed with %d, want %d", code, protocol.CloseAuthTimeout)
		}
		t.Logf("challenge arrived within a %v handshake timeout", timeout)
		return
	}
}

func TestConcurrentPublishersKeepOneOrder(t *testing.T) {
	tr := newTestRelay(t, func(c *Config) { c.ConnRate = rate.Inf })
	ownerID := newIdentity(t, "Owner")
	owner := connect(t, tr, ownerID)
	room := createRoom(t, owner, model.Public)
	const writers, each = 4, 25
	watchers := []*testClient{connect(t, tr, newIdentity(t, "W1")), connect(t, tr, newIdentity(t, "W2"))}
	for _, w := range watchers {
		w.join(room, 0)
	}
	pubs := make([]*testClient, writers)
	for i := range pubs {
		pubs[i] = connectFrom(t, tr, newIdentity(t, "P"), "10.2.0."+strconv.Itoa(i))
	}
	var wg sync.WaitGroup
	errs := make(chan string, writers*each)
	for _, p := range pubs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range each {
				e, err := model.NewEvent(p.id, room, model.KindComment, map[string]int{"n": i}, time.Now())
				if err != nil {
					errs <- err.Error()
					return
				}
				data, _ := protocol.Encode(&protocol.Publish{Room: room, Events: []*model.Event{e}})
				p.ws.SetWriteDeadline(time.Now().Add(waitFor))
				if err := p.ws.WriteMessage(websocket.TextMessage, data); err != nil {
					errs <- err.Error()
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Fatal(e)
	}
	// Every watcher sees every event once, with seqs 2, 3, … in order.
	for _, w := range watchers {
		next := uint64(2)
		for next < 2+writers*each {
			for _, e := range w.nextEvents().Events {
				if e.Seq != next {
					t.Fatalf("watcher got seq %d, want %d", e.Seq, next)
				}
				next++
			}
		}
	}
}

func TestLeaveAndDisconnectAnnounceGone(t *testing.T) {
	tr := newTestRelay(t, nil)
	owner := connect(t, tr, newIdentity(t, "Owner"))
	room := createRoom(t, owner, model.Public)
	owner.join(room, 0)
	for _, how := range []string{"leave", "disconnect"} {
		guest := connect(t, tr, newIdentity(t, "Guest"))
		guest.join(room, 0)
		if how == "leave" {
			guest.send(&protocol.Leave{Room: room})
		} else {
			guest.ws.Close()
		}
		select {
		case m := <-owner.in:
			if p, ok := m.(*protocol.Presence); !ok || !p.Gone || p.User != guest.id.ID() {
				t.Fatalf("%s: got %+v", how, m)
			}
		case <-time.After(waitFor):
			t.Fatalf("%s: no gone presence", how)
		}
	}
}

func TestRevokedReaderStopsReceiving(t *testing.T) {
	tr := newTestRelay(t, nil)
	ownerID, bobID := newIdentity(t, "Owner"), newIdentity(t, "Bob")
	owner := connect(t, tr, ownerID)
	room := createRoom(t, owner, model.Invite)
	grant(t, owner, room, bobID.ID(), model.RoleReader)
	bob := connect(t, tr, bobID)
	bob.join(room, 0)

	grant(t, owner, room, bobID.ID(), model.RoleNone)
	for {
		m := bob.next()
		if e, ok := m.(*protocol.ErrorMsg); ok {
			if e.Code != protocol.CodeForbidden || e.Room != room {
				t.Fatalf("got %+v", e)
			}
			break
		}
		if _, ok := m.(*protocol.Events); !ok {
			t.Fatalf("got %T", m)
		}
	}
	// Bob hears nothing more, and cannot join again.
	mustStore(t, owner.publish(room, comment(t, ownerID, room, "secret")))
	bob.send(&protocol.Join{Room: room})
	bob.expectError(protocol.CodeForbidden)
}

// TestPublishesToOneRoomShareACommit has writers publish to one room while
// the committer is busy: the room's lock is not held while an append
// waits, so all their appends queue for the next transaction and share it
// (with the lock held, one would queue and the others wait on the room).
func TestPublishesToOneRoomShareACommit(t *testing.T) {
	tr := newTestRelay(t, func(c *Config) { c.ConnRate = rate.Inf })
	owner := connect(t, tr, newIdentity(t, "Owner"))
	room := createRoom(t, owner, model.Public)
	const writers = 8
	pubs := make([]*testClient, writers)
	for i := range pubs {
		pubs[i] = connectFrom(t, tr, newIdentity(t, "P"), "10.3.0."+strconv.Itoa(i))
	}
	release := holdCommitter(t, tr.backend)
	groups, grouped := tr.backend.groups.Load(), tr.backend.grouped.Load()
	for i, p := range pubs {
		p.send(&protocol.Publish{Ref: "p", Room: room, Events: []*model.Event{comment(t, p.id, room, "n"+strconv.Itoa(i))}})
	}
	deadline := time.Now().Add(waitFor)
	for len(tr.backend.reqs) < writers && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond)
	}
	queued := len(tr.backend.reqs)
	if err := release(); err != nil {
		t.Fatal(err)
	}
	if queued < writers {
		t.Fatalf("%d of %d publishes to one room queued for the next transaction while the committer was busy", queued, writers)
	}
	for _, p := range pubs {
		mustStore(t, expect[*protocol.Ack](p))
	}
	// After the held one (counted when it began), one transaction with
	// every writer's append.
	if g, n := tr.backend.groups.Load()-groups, tr.backend.grouped.Load()-grouped; g != 1 || n != writers {
		t.Fatalf("%d appends in %d transactions, want %d in 1", n, g, writers)
	}
}
