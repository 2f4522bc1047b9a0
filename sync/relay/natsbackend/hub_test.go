package natsbackend

import (
	"io"
	"log/slog"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/nats-io/nats.go"

	"github.com/scriptroom/scriptroom/internal/model"
	"github.com/scriptroom/scriptroom/sync/relay"
	"github.com/scriptroom/scriptroom/sync/relay/natsbackend/natstest"
)

// recorder is a relay.Subscriber that keeps what it is given.
type recorder struct {
	mu   sync.Mutex
	seqs []uint64
}

func (r *recorder) Deliver(b *relay.Batch) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, e := range b.Entries {
		r.seqs = append(r.seqs, e.Seq)
	}
}

func (r *recorder) Signal([]byte) {}

func (r *recorder) got() []uint64 {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]uint64(nil), r.seqs...)
}

func openBackend(t *testing.T, urls string) *Backend {
	t.Helper()
	b, err := Open(Options{URLs: urls, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { b.Close() })
	return b
}

// Live entries a relay did not receive (its connection was down, or a
// message was dropped) reach its subscribers all the same, in order: after
// a reconnect from the stream, and before the next entry that does arrive.
func TestHubFillsLostEntries(t *testing.T) {
	c := natstest.Start(t, 1)
	a, b := openBackend(t, c.URLs()), openBackend(t, c.URLs())
	owner, err := model.NewIdentity("Owner")
	if err != nil {
		t.Fatal(err)
	}
	room := model.NewScriptID()
	accept := func(*model.Event, relay.Usage) error { return nil }
	appendOne := func(kind string, payload any) {
		t.Helper()
		e, err := model.NewEvent(owner, room, kind, payload, time.Now())
		if err != nil {
			t.Fatal(err)
		}
		if _, err := b.Append(room, []*model.Event{e}, accept); err != nil {
			t.Fatal(err)
		}
	}
	appendOne(model.KindRoom, model.RoomPayload{Title: "T", Visibility: model.Public})
	rec := &recorder{}
	head, err := a.Subscribe(room, rec)
	if err != nil || head != 1 {
		t.Fatalf("subscribed at %d, %v", head, err)
	}
	a.mu.Lock()
	h := a.hubs[room]
	a.mu.Unlock()
	h.live.Unsubscribe() // what a broken connection loses from now on
	for i := range 3 {
		appendOne(model.KindComment, map[string]string{"body": strconv.Itoa(i)})
	}
	a.reconnected()
	if got := rec.got(); len(got) != 3 || got[0] != 2 || got[2] != 4 {
		t.Fatalf("after the reconnect the subscriber has %v, want [2 3 4]", got)
	}
	// Entry 5 is lost, 6 arrives: 5 is read first.
	appendOne(model.KindComment, map[string]string{"body": "lost"})
	appendOne(model.KindComment, map[string]string{"body": "arrives"})
	last, err := a.stream.GetLastMsgForSubject(t.Context(), roomSubject(room))
	if err != nil {
		t.Fatal(err)
	}
	a.arrived(h, &nats.Msg{Subject: subjLive + last.Subject, Header: last.Header, Data: last.Data})
	a.arrived(h, &nats.Msg{Subject: subjLive + last.Subject, Header: last.Header, Data: last.Data}) // twice: once only
	if got := rec.got(); len(got) != 5 || got[3] != 5 || got[4] != 6 {
		t.Fatalf("the subscriber has %v, want [2 3 4 5 6]", got)
	}
	a.Unsubscribe(room, rec)
	if a.hubCount() != 0 {
		t.Fatal("the room is still followed after its last subscriber left")
	}
}
