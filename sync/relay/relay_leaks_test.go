package relay

import (
	"runtime"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/gorilla/websocket"
	"golang.org/x/time/rate"

	"github.com/scriptroom/scriptroom/internal/model"
	"github.com/scriptroom/scriptroom/sync/protocol"
)

// noRateQuotas lifts the events and bytes rates, for tests that publish
// far more than a person.
var noRateQuotas = Quotas{ConnEvents: -1, ConnBytes: -1, UserEvents: -1, UserBytes: -1, AddrEvents: -1, AddrBytes: -1}

// memoryRooms counts the rooms the relay and its backend hold in memory.
func memoryRooms(tr *testRelay) (relayRooms, hubs int) {
	tr.relay.roomsMu.RLock()
	relayRooms = len(tr.relay.rooms)
	tr.relay.roomsMu.RUnlock()
	return relayRooms, tr.backend.hubs()
}

// TestRefusedRoomsLeaveNothing sends 10,000 publishes to made-up rooms,
// every event refused, plus joins and presence for made-up rooms and a join
// and leave of a real one: the relay's and the backend's room maps end as
// they were, and no room was stored.
func TestRefusedRoomsLeaveNothing(t *testing.T) {
	const refused = 10000
	tr := newTestRelay(t, func(c *Config) {
		c.ConnRate, c.AddrRate = rate.Inf, rate.Inf
		c.Quotas = noRateQuotas
	})
	ownerID := newIdentity(t, "Owner")
	owner := connect(t, tr, ownerID)
	room := createRoom(t, owner, model.Public)
	relayBefore, hubsBefore := memoryRooms(tr)
	roomsBefore, _ := tr.backend.Rooms()

	// Signed on every core: it is most of the test's work.
	frames := make([][]byte, refused, refused+2000)
	var wg sync.WaitGroup
	workers := runtime.GOMAXPROCS(0)
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < refused; i += workers {
				made := model.NewScriptID()
				e, err := model.NewEvent(ownerID, made, model.KindComment, map[string]string{"body": "hello " + strconv.Itoa(i)}, time.Now())
				if err == nil {
					frames[i], err = protocol.Encode(&protocol.Publish{Ref: strconv.Itoa(i), Room: made, Events: []*model.Event{e}})
				}
				if err != nil {
					t.Error(err)
					return
				}
			}
		}()
	}
	wg.Wait()
	if t.Failed() {
		return
	}
	for range 1000 {
		join, _ := protocol.Encode(&protocol.Join{Ref: "j", Room: model.NewScriptID()})
		presence, _ := protocol.Encode(&protocol.Presence{Room: model.NewScriptID(), Scene: "INT. NOWHERE"})
		frames = append(frames, join, presence)
	}
	// Send while reading the answers: the relay answers each in order.
	// At most inFlight frames go unanswered: a flood without a bound fills
	// the socket's buffers (megabytes on loopback), and a write then waits
	// for the relay to handle thousands of publishes, which under the race
	// detector on a busy machine took longer than the write's deadline.
	const inFlight = 64
	window := make(chan struct{}, inFlight)
	sendErr := make(chan error, 1)
	go func() {
		for _, f := range frames {
			window <- struct{}{}
			owner.ws.SetWriteDeadline(time.Now().Add(waitFor))
			if err := owner.ws.WriteMessage(websocket.TextMessage, f); err != nil {
				sendErr <- err
				return
			}
		}
		sendErr <- nil
	}()
	codes := map[protocol.Code]int{}
	for range len(frames) {
		m := owner.next()
		<-window
		switch m := m.(type) {
		case *protocol.Ack:
			if len(m.Results) != 1 || m.Results[0].Error == nil {
				t.Fatalf("publish to made-up room %s: %+v", m.Room, m.Results)
			}
			codes[m.Results[0].Error.Code]++
		case *protocol.ErrorMsg:
			codes[m.Code]++
		default:
			t.Fatalf("unexpected %T", m)
		}
	}
	if err := <-sendErr; err != nil {
		t.Fatal(err)
	}
	if codes[protocol.CodeNoRoom] != refused+1000 || codes[protocol.CodeNotJoined] != 1000 {
		t.Fatalf("answers by code: %v", codes)
	}

	// A real room joined and left is forgotten too.
	reader := connect(t, tr, newIdentity(t, "Reader"))
	reader.join(room, 0)
	reader.send(&protocol.Presence{Room: room, Scene: "INT. HALL"})
	reader.send(&protocol.Leave{Room: room})
	eventually(t, "the reader's leave", func() bool { return tr.relay.joinedCount(room) == 0 })
	mustStore(t, owner.publish(room, comment(t, ownerID, room, "still here")))

	relayAfter, hubsAfter := memoryRooms(tr)
	roomsAfter, _ := tr.backend.Rooms()
	if relayAfter != relayBefore || hubsAfter != hubsBefore || roomsAfter != roomsBefore {
		t.Fatalf("rooms in memory: relay %d → %d, backend %d → %d; stored rooms %d → %d",
			relayBefore, relayAfter, hubsBefore, hubsAfter, roomsBefore, roomsAfter)
	}
}
