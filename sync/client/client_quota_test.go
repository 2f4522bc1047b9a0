package client

import (
	"errors"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/scriptroom/scriptroom/internal/model"
	"github.com/scriptroom/scriptroom/sync/protocol"
	"github.com/scriptroom/scriptroom/sync/relay"
)

// TestQuotaRefusalKeepsEvents: events a full room refuses (quota_exceeded)
// stay in the outbox, are reported once with their room and code, and are
// not sent again at every flush, while other rooms go on publishing.
func TestQuotaRefusalKeepsEvents(t *testing.T) {
	tr := newTestRelayWith(t, relay.Quotas{RoomBytes: 8 << 10})
	alice := newIdentity(t, "Alice")
	st := newTestStore(t)
	var mu sync.Mutex
	var reported []error
	cfg := fastConfig(tr.url, alice, st)
	cfg.OnError = func(err error) { mu.Lock(); reported = append(reported, err); mu.Unlock() }
	c := start(t, cfg)
	errs := func() []error { mu.Lock(); defer mu.Unlock(); return append([]error(nil), reported...) }

	full, other := model.NewScriptID(), model.NewScriptID()
	body := strings.Repeat("z", 3<<10)
	events := []*model.Event{roomEvent(t, alice, full, model.Public)}
	for range 5 {
		events = append(events, comment(t, alice, full, body+string(rune('a'+len(events)))))
	}
	events = append(events, roomEvent(t, alice, other, model.Public))
	for _, ev := range events {
		if err := c.Publish(ev); err != nil {
			t.Fatal(err)
		}
	}
	eventually(t, "the full room's refusal is reported", func() bool { return len(errs()) > 0 })
	eventually(t, "the other room is created", func() bool { return len(tr.log(t, other)) == 1 })
	waiting, err := st.Outbox(full)
	if err != nil {
		t.Fatal(err)
	}
	if len(waiting) != 3 || len(tr.log(t, full)) != 3 {
		t.Fatalf("%d events wait and the relay holds %d, want 3 and 3", len(waiting), len(tr.log(t, full)))
	}
	got := errs()[0]
	var re *RoomError
	if !errors.As(got, &re) || re.Room != full || re.Op != OpPublish || re.Code != protocol.CodeQuotaExceeded ||
		!errors.Is(got, protocol.ErrQuotaExceeded) || !strings.Contains(got.Error(), "wait here") {
		t.Fatalf("reported %#v: %v", got, got)
	}

	// More for both rooms: the other room's goes out; the full room's
	// waits without being sent again or reported again.
	more := comment(t, alice, full, "one more")
	if err := c.Publish(more); err != nil {
		t.Fatal(err)
	}
	if err := c.Publish(comment(t, alice, other, "fine")); err != nil {
		t.Fatal(err)
	}
	eventually(t, "the other room's comment is stored", func() bool { return len(tr.log(t, other)) == 2 })
	if waiting, _ := st.Outbox(full); len(waiting) != 4 {
		t.Fatalf("%d events wait for the full room, want 4", len(waiting))
	}
	if n := len(errs()); n != 1 {
		t.Fatalf("%d reports, want 1: %v", n, errs())
	}
}

// TestBigImportWithinDefaultQuotas shares a room of 5.5 MB at once (360
// events of 15 KB, more than a connection's 5 MiB burst of bytes) through
// a relay with the default quotas: every event gets through, what is past
// the burst a little later, and nothing is reported.
func TestBigImportWithinDefaultQuotas(t *testing.T) {
	tr := newTestRelay(t)
	alice := newIdentity(t, "Alice")
	st := newTestStore(t)
	var mu sync.Mutex
	var reported []error
	cfg := fastConfig(tr.url, alice, st)
	// As in the app: a publish refused unread is sent again after it, and
	// a slow relay (under the race detector) is not sent everything twice.
	cfg.AckTimeout = DefaultAckTimeout
	cfg.OnError = func(err error) { mu.Lock(); reported = append(reported, err); mu.Unlock() }
	room := model.NewScriptID()
	c := New(cfg)
	body := strings.Repeat("i", 15<<10)
	if err := c.Publish(roomEvent(t, alice, room, model.Public)); err != nil {
		t.Fatal(err)
	}
	for i := range 360 {
		if err := c.Publish(comment(t, alice, room, body+strconv.Itoa(i))); err != nil {
			t.Fatal(err)
		}
	}
	run(t, c)
	// A refused publish waits AckTimeout: a longer safety net than waitFor.
	for deadline := time.Now().Add(2 * time.Minute); ; time.Sleep(10 * time.Millisecond) {
		if out, _ := st.Outbox(""); len(out) == 0 && len(tr.log(t, room)) == 361 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the room never reached the relay whole")
		}
	}
	mu.Lock()
	defer mu.Unlock()
	if len(reported) > 0 {
		t.Fatalf("reported %v", reported)
	}
	// Slowed down, never closed for it.
	families, err := tr.relay.Registry().Gather()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range families {
		if f.GetName() != "scriptroom_closed_connections_total" {
			continue
		}
		for _, m := range f.GetMetric() {
			for _, l := range m.GetLabel() {
				if l.GetName() == "code" && l.GetValue() == strconv.Itoa(int(protocol.CloseRateLimited)) && m.GetCounter().GetValue() > 0 {
					t.Fatalf("the relay closed the client %v times for its rate", m.GetCounter().GetValue())
				}
			}
		}
	}
}
