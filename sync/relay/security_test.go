package relay

import (
	"encoding/json"
	"net"
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

func rejected(tr *testRelay, reason string) float64 {
	return testutil.ToFloat64(tr.relay.metrics.rejected.WithLabelValues(reason))
}

func TestOriginAllowList(t *testing.T) {
	tr := newTestRelay(t, func(c *Config) { c.AllowOrigins = []string{"https://team.example"} })
	cases := []struct {
		origin string
		want   int
	}{
		// Native clients send no Origin.
		{"", http.StatusSwitchingProtocols},
		// The desktop app's own origins.
		{"wails://wails", http.StatusSwitchingProtocols},
		{"http://wails.localhost", http.StatusSwitchingProtocols},
		{"http://127.0.0.1:34115", http.StatusSwitchingProtocols},
		// Configured ones.
		{"https://team.example", http.StatusSwitchingProtocols},
		// A page from anywhere else.
		{"https://evil.example", http.StatusForbidden},
		{"http://127.0.0.1:8080", http.StatusForbidden},
		{"null", http.StatusForbidden},
	}
	for _, tc := range cases {
		h := http.Header{}
		if tc.origin != "" {
			h.Set("Origin", tc.origin)
		}
		c, resp, err := dial(t, tr, newIdentity(t, "A"), h)
		if resp == nil {
			t.Fatalf("origin %q: no response: %v", tc.origin, err)
		}
		if resp.StatusCode != tc.want {
			t.Errorf("origin %q: status %d, want %d", tc.origin, resp.StatusCode, tc.want)
		}
		if c != nil {
			c.ws.Close()
		}
	}
	if n := rejected(tr, "origin"); n != 3 {
		t.Errorf("rejected{origin} = %v, want 3", n)
	}
}

func TestOversizedFrameIsClosedWith1009(t *testing.T) {
	tr := newTestRelay(t, nil)
	ownerID := newIdentity(t, "Owner")
	owner := connect(t, tr, ownerID)
	room := createRoom(t, owner, model.Public)
	other := connect(t, tr, newIdentity(t, "Other"))
	other.join(room, 0)

	big := connect(t, tr, newIdentity(t, "Big"))
	big.sendRaw([]byte(`{"type":"presence","room":"` + string(room) + `","scene":"` + strings.Repeat("x", protocol.MaxMessageBytes) + `"}`))
	if code := big.waitClose(); code != websocket.CloseMessageTooBig {
		t.Fatalf("closed with %d, want 1009", code)
	}
	eventually(t, "rejected{too_big} counted", func() bool { return rejected(tr, "too_big") == 1 })
	// Everyone else carries on.
	mustStore(t, owner.publish(room, comment(t, ownerID, room, "still here")))
	if got := other.nextEvents(); len(got.Events) != 1 || got.Events[0].Seq != 2 {
		t.Fatalf("other got %+v", got)
	}
}

func TestBadEventsAreRejectedAndTheConnectionKept(t *testing.T) {
	tr := newTestRelay(t, nil)
	ownerID, readerID, bobID, malloryID := newIdentity(t, "Owner"), newIdentity(t, "Reader"), newIdentity(t, "Bob"), newIdentity(t, "Mallory")
	owner := connect(t, tr, ownerID)
	room := createRoom(t, owner, model.Invite)
	grant(t, owner, room, readerID.ID(), model.RoleReader)
	other := createRoom(t, owner, model.Invite)

	invite := func(from *model.Identity, role model.Role, expires time.Time) model.InviteToken {
		inv, err := model.NewInvite(from, room, role, expires)
		if err != nil {
			t.Fatal(err)
		}
		return *inv
	}
	upgraded := invite(ownerID, model.RoleCommenter, time.Now().Add(time.Hour))
	upgraded.Role = model.RoleEditor
	member := func(inv model.InviteToken) *model.Event {
		return newEvent(t, bobID, room, model.KindMember, model.MemberPayload{Invite: inv})
	}
	cases := []struct {
		name string
		who  *model.Identity
		e    func() *model.Event
		want protocol.Code
	}{
		// Forged or tampered events.
		{"bad signature", ownerID, func() *model.Event {
			e := comment(t, ownerID, room, "hi")
			e.Sig[0] ^= 0xff
			return e
		}, protocol.CodeBadSignature},
		{"signed by someone else", malloryID, func() *model.Event {
			e := comment(t, ownerID, room, "hi")
			e.Sig = malloryID.Sign([]byte(e.ID))
			return e
		}, protocol.CodeBadSignature},
		{"payload tampered", ownerID, func() *model.Event {
			e := comment(t, ownerID, room, "hi")
			e.Payload = json.RawMessage(`{"body":"bye"}`)
			return e
		}, protocol.CodeBadEvent},
		{"event for another room", ownerID, func() *model.Event { return comment(t, ownerID, other, "hi") }, protocol.CodeBadEvent},
		{"unknown kind", ownerID, func() *model.Event { return newEvent(t, ownerID, room, "poll", map[string]int{}) }, protocol.CodeBadEvent},
		// Rights.
		{"reader comments", readerID, func() *model.Event { return comment(t, readerID, room, "hi") }, protocol.CodeForbidden},
		{"stranger comments", malloryID, func() *model.Event { return comment(t, malloryID, room, "hi") }, protocol.CodeForbidden},
		{"stranger takes the room", malloryID, func() *model.Event {
			return newEvent(t, malloryID, room, model.KindRoom, model.RoomPayload{Title: "Mine", Visibility: model.Public})
		}, protocol.CodeForbidden},
		{"comment in a room never created", ownerID, func() *model.Event {
			return comment(t, ownerID, model.ScriptID(strings.Repeat("0", 32)), "hi")
		}, protocol.CodeNoRoom},
		// Invites.
		{"expired invite", bobID, func() *model.Event { return member(invite(ownerID, model.RoleCommenter, time.Now().Add(-time.Second))) }, protocol.CodeInviteExpired},
		{"invite by a non-owner", bobID, func() *model.Event { return member(invite(malloryID, model.RoleEditor, time.Now().Add(time.Hour))) }, protocol.CodeBadInvite},
		{"invite with its role upgraded", bobID, func() *model.Event { return member(upgraded) }, protocol.CodeBadInvite},
	}
	clients := map[*model.Identity]*testClient{}
	for _, who := range []*model.Identity{ownerID, readerID, bobID, malloryID} {
		clients[who] = connect(t, tr, who)
	}
	var stored []model.EventID
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := clients[tc.who]
			c.t = t
			e := tc.e()
			evRoom := e.Room
			if tc.name == "event for another room" {
				evRoom = room
			}
			before := rejected(tr, string(tc.want))
			ack := c.publish(evRoom, e)
			if r := ack.Results[0]; r.Error == nil || r.Error.Code != tc.want || r.Seq != 0 {
				t.Fatalf("ack %+v, want error %s", r, tc.want)
			}
			if rejected(tr, string(tc.want)) != before+1 {
				t.Errorf("rejected{%s} not counted", tc.want)
			}
			// The connection is kept: the same client still joins.
			c.send(&protocol.Join{Room: room})
			for done := false; !done; {
				switch m := c.next().(type) {
				case *protocol.Joined, *protocol.ErrorMsg:
					done = true
				case *protocol.Events:
				default:
					t.Fatalf("after a rejected event: %T", m)
				}
			}
		})
	}
	// A good invite works, and a batch mixing good and bad events stores
	// the good ones only.
	for _, c := range clients {
		c.t = t
	}
	bob := clients[bobID]
	good := member(invite(ownerID, model.RoleCommenter, time.Now().Add(time.Hour)))
	forged := comment(t, bobID, room, "forged")
	forged.Sig[5] ^= 1
	ok := comment(t, bobID, room, "legit")
	ack := bob.publish(room, good, forged, ok)
	if ack.Results[0].Error != nil || ack.Results[1].Error == nil || ack.Results[2].Error != nil {
		t.Fatalf("mixed batch: %+v", ack.Results)
	}
	stored = append(stored, good.ID, ok.ID)

	// Redeemed invites are in the log for every reader to see; they are
	// single-use, so copying one gets nothing.
	var used model.MemberPayload
	if err := good.DecodePayload(&used); err != nil {
		t.Fatal(err)
	}
	copied := newEvent(t, malloryID, room, model.KindMember, used)
	if r := clients[malloryID].publish(room, copied).Results[0]; r.Error == nil || r.Error.Code != protocol.CodeBadInvite {
		t.Fatalf("copied invite: %+v", r)
	}

	// Nothing already stored was lost, and nothing refused was stored.
	entries, _ := connect(t, tr, ownerID).join(room, 0)
	if len(entries) != 4 || entries[2].Event.ID != stored[0] || entries[3].Event.ID != stored[1] {
		t.Fatalf("log after bad input has %d entries", len(entries))
	}
}

func TestBadMessagesGetTypedErrors(t *testing.T) {
	tr := newTestRelay(t, nil)
	ownerID := newIdentity(t, "Owner")
	owner := connect(t, tr, ownerID)
	private := createRoom(t, owner, model.Private)
	c := connect(t, tr, newIdentity(t, "Client"))
	cases := []struct {
		name string
		raw  string
		want protocol.Code
	}{
		{"malformed JSON", `{"type":"join",`, protocol.CodeBadMessage},
		{"not an object", `"hello"`, protocol.CodeBadMessage},
		{"unknown type", `{"type":"subscribe","room":"x"}`, protocol.CodeUnknownType},
		{"relay-only type", `{"type":"ack","room":"` + string(private) + `"}`, protocol.CodeBadMessage},
		{"second hello", `{"type":"hello","version":1,"user":"` + string(ownerID.ID()) + `"}`, protocol.CodeBadMessage},
		{"join a room never created", `{"type":"join","room":"` + strings.Repeat("1", 32) + `"}`, protocol.CodeNoRoom},
		{"join a private room", `{"type":"join","room":"` + string(private) + `"}`, protocol.CodeForbidden},
		{"too many events", `{"type":"publish","room":"` + string(private) + `","events":[` + strings.Repeat(`{},`, protocol.MaxEventsPerPublish) + `{}]}`, protocol.CodeTooLarge},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c.t = t
			before := rejected(tr, string(tc.want))
			c.sendRaw([]byte(tc.raw))
			c.expectError(tc.want)
			if rejected(tr, string(tc.want)) != before+1 {
				t.Errorf("rejected{%s} not counted", tc.want)
			}
		})
	}
	c.t = t
	// The connection was kept through all of it.
	createRoom(t, c, model.Public)

	// A client that keeps sending garbage is closed as broken.
	for range maxStrikes + 1 {
		c.sendRaw([]byte(`{`))
	}
	if code := c.waitClose(); code != int(protocol.CloseProtocolError) || protocol.IsRetry(code) {
		t.Fatalf("closed with %d, want %d", code, protocol.CloseProtocolError)
	}
}

func TestFloodingClientIsRateLimited(t *testing.T) {
	tr := newTestRelay(t, nil)
	ownerID := newIdentity(t, "Owner")
	owner := connectFrom(t, tr, ownerID, "10.0.0.1")
	room := createRoom(t, owner, model.Public)
	watcher := connectFrom(t, tr, newIdentity(t, "Watcher"), "10.0.0.2")
	watcher.join(room, 0)
	flooder := connectFrom(t, tr, newIdentity(t, "Flooder"), "10.0.0.3")
	flooder.join(room, 0)

	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		msg, _ := protocol.Encode(&protocol.Presence{Room: room, Scene: "spam"})
		for range 2000 {
			flooder.ws.SetWriteDeadline(time.Now().Add(waitFor))
			if flooder.ws.WriteMessage(websocket.TextMessage, msg) != nil {
				return // closed by the relay
			}
		}
	}()
	// Meanwhile the owner publishes at a human pace; every event is stored
	// and reaches the watcher.
	var worst time.Duration
	for i := range 20 {
		start := time.Now()
		mustStore(t, owner.publish(room, comment(t, ownerID, room, strings.Repeat("y", i))))
		got := watcher.nextEvents()
		if d := time.Since(start); d > worst {
			worst = d
		}
		if got.Events[0].Seq != uint64(i+2) {
			t.Fatalf("watcher got seq %d, want %d", got.Events[0].Seq, i+2)
		}
		time.Sleep(5 * time.Millisecond)
	}
	wg.Wait()
	t.Logf("slowest publish→delivery while flooded: %v", worst)
	if code := flooder.waitClose(); code != int(protocol.CloseRateLimited) || !protocol.IsRetry(code) {
		t.Fatalf("flooder closed with %d, want %d", code, protocol.CloseRateLimited)
	}
	if n := rejected(tr, string(protocol.CodeRateLimited)); n < maxStrikes {
		t.Errorf("rejected{rate_limited} = %v", n)
	}
}

func TestRateLimitPerAddress(t *testing.T) {
	// Generous per connection, tight per address, with no refill during
	// the test: the address has 10 tokens.
	tr := newTestRelay(t, func(c *Config) {
		c.ConnRate, c.ConnBurst = rate.Inf, 0
		c.AddrRate, c.AddrBurst = rate.Limit(0.001), 10
	})
	ownerID := newIdentity(t, "Owner")
	owner := connectFrom(t, tr, ownerID, "10.0.0.9")
	room := createRoom(t, owner, model.Public)

	// Two connections from one address: 2 upgrades + 2×2 handshake messages
	// use 6 tokens; 4 remain, shared.
	a := connectFrom(t, tr, newIdentity(t, "A"), "10.0.0.5")
	b := connectFrom(t, tr, newIdentity(t, "B"), "10.0.0.5")
	for i, c := range []*testClient{a, b, a, b} {
		if _, joined := c.join(room, 0); joined.Room != room {
			t.Fatalf("join %d failed", i)
		}
	}
	b.send(&protocol.Join{Room: room})
	b.expectError(protocol.CodeRateLimited)
	if _, resp, err := dial(t, tr, newIdentity(t, "C"), http.Header{testAddrHeader: {"10.0.0.5"}}); err == nil || resp.StatusCode != http.StatusTooManyRequests {
		t.Fatalf("a new connection from the address: %v", err)
	}
	// Another address is unaffected.
	mustStore(t, owner.publish(room, comment(t, ownerID, room, "fine")))
}

// connectSilent authenticates and then never reads again.
func connectSilent(t *testing.T, tr *testRelay, id *model.Identity) *websocket.Conn {
	t.Helper()
	// A tiny receive buffer makes the relay's writes block soon.
	d := websocket.Dialer{NetDial: func(network, addr string) (net.Conn, error) {
		c, err := net.Dial(network, addr)
		if err == nil {
			c.(*net.TCPConn).SetReadBuffer(4096)
		}
		return c, err
	}}
	ws, _, err := d.Dial(tr.wsURL(), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ws.Close() })
	write := func(m protocol.Message) {
		data, _ := protocol.Encode(m)
		if err := ws.WriteMessage(websocket.TextMessage, data); err != nil {
			t.Fatal(err)
		}
	}
	read := func() protocol.Message {
		ws.SetReadDeadline(time.Now().Add(waitFor))
		_, data, err := ws.ReadMessage()
		if err != nil {
			t.Fatal(err)
		}
		m, err := protocol.Decode(data)
		if err != nil {
			t.Fatal(err)
		}
		return m
	}
	write(&protocol.Hello{Version: protocol.Version, User: id.ID()})
	ch := read().(*protocol.Challenge)
	write(&protocol.Auth{Sig: id.Sign(protocol.AuthMessage(ch, id.ID()))})
	read()
	return ws
}

func TestSlowClientIsDroppedWithoutSlowingOthers(t *testing.T) {
	tr := newTestRelay(t, func(c *Config) {
		c.SendQueue, c.MaxBacklog = 4, 8
		c.ConnRate, c.ConnBurst = rate.Inf, 0
	})
	ownerID := newIdentity(t, "Owner")
	owner := connect(t, tr, ownerID)
	room := createRoom(t, owner, model.Public)
	fast := connect(t, tr, newIdentity(t, "Fast"))
	fast.join(room, 0)

	slow := connectSilent(t, tr, newIdentity(t, "Slow"))
	data, _ := protocol.Encode(&protocol.Join{Room: room})
	if err := slow.WriteMessage(websocket.TextMessage, data); err != nil {
		t.Fatal(err)
	}
	// Wait for the slow client's join to be in place (it is never read).
	eventually(t, "slow client joined", func() bool { return tr.relay.joinedCount(room) == 2 })

	body := strings.Repeat("z", 64<<10)
	fastSeen := 0
	dropped := func() float64 {
		return testutil.ToFloat64(tr.relay.metrics.closed.WithLabelValues("4000"))
	}
	for i := 0; i < 2000 && dropped() == 0; i++ {
		mustStore(t, owner.publish(room, comment(t, ownerID, room, body+string(rune('a'+i%26)))))
		if got := fast.nextEvents(); got.Events[0].Seq != uint64(i+2) {
			t.Fatalf("fast client got seq %d, want %d", got.Events[0].Seq, i+2)
		}
		fastSeen = i + 2
	}
	if dropped() != 1 {
		t.Fatalf("the slow client was not dropped")
	}
	t.Logf("slow client dropped after %d events of %d KiB", fastSeen-1, len(body)>>10)
}

// eventually waits for cond, which the relay makes true just after it
// answers, and fails after waitFor.
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(waitFor); !cond(); time.Sleep(2 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("never true: %s", what)
		}
	}
}

func TestAddressLimitsAreForgotten(t *testing.T) {
	a := newAddrLimits(rate.Inf, 10)
	for i := range sweepEvery {
		addr := "10.1." + strconv.Itoa(i/256) + "." + strconv.Itoa(i%256)
		if a.acquire(addr) == nil {
			t.Fatalf("%s refused", addr)
		}
		if i%2 == 0 {
			a.release(addr)
		}
	}
	a.mu.Lock()
	n := len(a.addrs)
	a.mu.Unlock()
	if n != sweepEvery/2 {
		t.Fatalf("%d addresses remembered, want the %d with connections", n, sweepEvery/2)
	}
}
