package natsbackend

import (
	"errors"
	"flag"
	"fmt"
	"testing"
	"time"

	"github.com/scriptroom/scriptroom/internal/model"
	"github.com/scriptroom/scriptroom/sync/protocol"
	"github.com/scriptroom/scriptroom/sync/relay/natsbackend/natstest"
)

// longCluster makes TestClusterNodeLoss kill the stream's leader (an
// election of several seconds) and write ten times as many events; make
// bench sets it.
var longCluster = flag.Bool("cluster.long", false, "TestClusterNodeLoss: kill the stream leader, write 600 events")

// A NATS node and relay A are killed while the owner writes through A:
// readers on relay B receive every acknowledged event, in order, once;
// the writer and A's reader reconnect to B and resume from their cursors,
// missing nothing and receiving nothing twice.
func TestClusterNodeLoss(t *testing.T) {
	c := natstest.Start(t, 3)
	a, b := startRelay(t, c.URLs(), 3), startRelay(t, c.URLs(), 3)
	ownerID := newIdentity(t, "Owner")
	w := dialRelay(t, a, ownerID)
	room := createRoom(t, w, model.Public)
	c.WaitState("a stream leader", func() bool { return c.StreamLeader(defaultStream) != nil })

	r1 := dialRelay(t, b, newIdentity(t, "Reader on B"))
	r2ID := newIdentity(t, "Reader on A")
	r2 := dialRelay(t, a, r2ID)
	var log1, log2 []protocol.Entry
	for _, r := range []struct {
		c   *testClient
		log *[]protocol.Entry
	}{{r1, &log1}, {r2, &log2}} {
		got, _, err := r.c.join(room, 0)
		if err != nil {
			t.Fatal(err)
		}
		*r.log = got
	}

	n := 60
	if *longCluster {
		n = 600
	}
	acked := map[model.EventID]uint64{}
	var head uint64 = 1
	reconnects := 0
	for i := range n {
		if i == n/3 {
			victim := c.Follower(defaultStream)
			if *longCluster {
				victim = c.StreamLeader(defaultStream)
			}
			t.Logf("killing NATS node %s and relay A after %d events", victim.Name(), i)
			victim.Shutdown()
			a.kill()
		}
		e := comment(t, ownerID, room, fmt.Sprintf("line %d", i))
		deadline := time.Now().Add(waitFor)
		for {
			ack, _, err := w.publish(room, e)
			if errors.Is(err, errClosed) {
				w = dialRelay(t, b, ownerID)
				reconnects++
				continue
			}
			if err != nil {
				t.Fatal(err)
			}
			r := ack.Results[0]
			if r.Error == nil {
				acked[e.ID] = r.Seq
				head = max(head, r.Seq)
				break
			}
			// While NATS moves the stream, appends may fail; the client
			// publishes the same event again, as sync/client does.
			if r.Error.Code != protocol.CodeInternal || time.Now().After(deadline) {
				t.Fatalf("event %d: %s: %s", i, r.Error.Code, r.Error.Message)
			}
			time.Sleep(20 * time.Millisecond)
		}
	}
	if len(acked) != n || head != uint64(n+1) {
		t.Fatalf("%d events acked up to seq %d, want %d up to %d", len(acked), head, n, n+1)
	}

	var err error
	if log1, err = r1.collect(log1, head); err != nil {
		t.Fatalf("reader on B: %v after %d entries", err, len(log1))
	}
	for uint64(len(log2)) < head {
		log2, err = r2.collect(log2, head)
		if errors.Is(err, errClosed) {
			r2 = dialRelay(t, b, r2ID)
			var got []protocol.Entry
			got, _, err = r2.join(room, uint64(len(log2)))
			log2 = append(log2, got...)
			reconnects++
		}
		if err != nil {
			t.Fatalf("reader on A: %v after %d entries", err, len(log2))
		}
	}
	for name, log := range map[string][]protocol.Entry{"reader on B": log1, "reader on A, then B": log2} {
		if uint64(len(log)) != head {
			t.Fatalf("%s holds %d entries, want %d", name, len(log), head)
		}
		checkLog(t, name, log)
		for id, seq := range acked {
			if log[seq-1].Event.ID != id {
				t.Fatalf("%s: event %s was acked at %d, the reader has %s there", name, id.Short(), seq, log[seq-1].Event.ID.Short())
			}
		}
	}
	t.Logf("%d events, %d reconnects, %d append retries on B", n, reconnects, b.backend.retries.Load())
}
