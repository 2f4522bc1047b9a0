package relay

import (
	"io"
	"log/slog"
	"strings"
	"testing"

	"github.com/scriptroom/scriptroom/internal/model"
	"github.com/scriptroom/scriptroom/sync/protocol"
)

// TestBacklogKeepsOrderAndMerges checks, without sockets, what happens when
// live events find a client's send queue full: they wait in the backlog in
// order, later batches join the backlog rather than overtake it, and the
// writer sends the backlog merged by room.
func TestBacklogKeepsOrderAndMerges(t *testing.T) {
	r := &Relay{cfg: Config{MaxBacklog: 100}, log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	c := &conn{r: r, send: make(chan []byte, 1), closing: make(chan struct{})}
	who := newIdentity(t, "A")
	roomA, roomB := model.NewScriptID(), model.NewScriptID()
	seq := uint64(0)
	batch := func(room model.ScriptID, n int) *Batch {
		b := &Batch{Room: room}
		for range n {
			seq++
			b.Entries = append(b.Entries, protocol.Entry{Seq: seq, Event: comment(t, who, room, strings.Repeat("x", int(seq)))})
		}
		return b
	}
	c.mu.Lock()
	c.deliverLocked(batch(roomA, 1)) // fills the queue
	c.deliverLocked(batch(roomA, 2)) // backlog
	c.deliverLocked(batch(roomA, 3))
	c.deliverLocked(batch(roomB, 1))
	c.deliverLocked(batch(roomA, 1))
	c.mu.Unlock()
	if len(c.send) != 1 || len(c.backlog) != 4 || c.backlogN != 7 {
		t.Fatalf("queue %d, backlog %d batches of %d entries", len(c.send), len(c.backlog), c.backlogN)
	}
	// The queue drains; a new batch must still wait behind the backlog.
	<-c.send
	c.mu.Lock()
	c.deliverLocked(batch(roomA, 1))
	c.mu.Unlock()
	if len(c.send) != 0 || len(c.backlog) != 5 {
		t.Fatalf("a new batch overtook the backlog")
	}
	frames, err := backlogFrames(c.backlog)
	if err != nil {
		t.Fatal(err)
	}
	// Rooms A (seq 2-6), B (7), A (8-9): three messages, in order.
	want := [][]uint64{{2, 3, 4, 5, 6}, {7}, {8, 9}}
	if len(frames) != len(want) {
		t.Fatalf("%d frames, want %d", len(frames), len(want))
	}
	for i, f := range frames {
		m, err := protocol.Decode(f)
		if err != nil {
			t.Fatal(err)
		}
		ev := m.(*protocol.Events)
		var got []uint64
		for _, e := range ev.Events {
			got = append(got, e.Seq)
		}
		if len(got) != len(want[i]) || got[0] != want[i][0] || got[len(got)-1] != want[i][len(want[i])-1] {
			t.Errorf("frame %d has seqs %v, want %v", i, got, want[i])
		}
	}
}

func TestEntriesThatFitSplitsLargeBacklogs(t *testing.T) {
	who := newIdentity(t, "A")
	room := model.NewScriptID()
	big := comment(t, who, room, strings.Repeat("b", replayBytes/3))
	entries := []protocol.Entry{{Seq: 1, Event: big}, {Seq: 2, Event: big}, {Seq: 3, Event: big}, {Seq: 4, Event: big}}
	if n := entriesThatFit(entries); n != 3 {
		t.Fatalf("%d of 4 third-of-a-message entries fit, want 3 (one past the budget)", n)
	}
	huge := comment(t, who, room, strings.Repeat("h", replayBytes+1))
	if n := entriesThatFit([]protocol.Entry{{Seq: 1, Event: huge}, {Seq: 2, Event: huge}}); n != 1 {
		t.Fatalf("an over-budget entry must go alone, got %d", n)
	}
}
