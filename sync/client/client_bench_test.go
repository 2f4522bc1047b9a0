package client

import (
	"fmt"
	"testing"
	"time"

	"github.com/scriptroom/scriptroom/internal/model"
	"github.com/scriptroom/scriptroom/sync/relay"
)

// BenchmarkCatchUp measures a new replica catching up a room of 2,000
// events from a relay on loopback: dial, handshake, join, replay, and
// storing each batch in one transaction (with fsync). Goal: a week of a
// busy room (a few thousand events) in well under a second.
func BenchmarkCatchUp(b *testing.B) {
	const n = 2000
	tr := newTestRelay(b)
	alice := newIdentity(b, "Alice")
	room := model.NewScriptID()
	evs := []*model.Event{roomEvent(b, alice, room, model.Public)}
	for i := 1; i < n; i++ {
		evs = append(evs, comment(b, alice, room, fmt.Sprint("note ", i)))
	}
	for i := 0; i < n; i += 256 {
		if _, err := tr.backend.Append(room, evs[i:min(i+256, n)], func(*model.Event, relay.Usage) error { return nil }); err != nil {
			b.Fatal(err)
		}
	}
	b.ResetTimer()
	var total time.Duration
	for range b.N {
		b.StopTimer()
		st := newTestStore(b)
		if err := st.JoinRoom(room); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		t0 := time.Now()
		r := start(b, fastConfig(tr.url, newIdentity(b, "Bob"), st))
		eventually(b, "caught up", func() bool {
			cur, _ := st.Cursor(room)
			return cur == n
		})
		total += time.Since(t0)
		b.StopTimer()
		r.stop()
		b.StartTimer()
	}
	b.ReportMetric(float64(n*b.N)/total.Seconds(), "events/s")
}
