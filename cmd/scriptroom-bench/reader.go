package main

import (
	"context"
	"math/rand/v2"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/scriptroom/scriptroom/internal/model"
	"github.com/scriptroom/scriptroom/sync/protocol"
)

// reader follows one room: it joins from its cursor (the highest sequence
// number it holds), records every entry it receives, and after losing its
// relay joins again from its cursor on the next one.
type reader struct {
	l    *load
	n    int
	room model.ScriptID
	w    *wire

	// joined is closed once the reader has joined its room the first time,
	// or failed to (err).
	joined   chan struct{}
	joinOnce sync.Once
	err      error

	// live is true while the reader is joined on a connection.
	live atomic.Bool

	mu        sync.Mutex
	cursor    uint64
	seqs      map[uint64]bool
	latencies []float64
}

func newReader(l *load, n int) *reader {
	r := &reader{l: l, n: n, room: l.rooms[n%len(l.rooms)], joined: make(chan struct{}), seqs: map[uint64]bool{}}
	id, err := model.NewIdentity("Bench reader " + strconv.Itoa(n))
	if err != nil {
		r.fail(err)
		return r
	}
	// Readers start on the relay after the writers' first, so that with
	// two relays most deliveries cross from one to the other.
	r.w = newWire(l, id, n+1)
	return r
}

// fail ends the first join with err.
func (r *reader) fail(err error) {
	r.joinOnce.Do(func() {
		r.err = err
		close(r.joined)
	})
}

// run follows the room until ctx ends.
func (r *reader) run(ctx context.Context) {
	if r.w == nil {
		return
	}
	defer r.w.close()
	for ctx.Err() == nil {
		if err := r.w.connect(ctx); err != nil {
			r.fail(err)
			return
		}
		err := r.follow(ctx)
		r.live.Store(false)
		r.w.close()
		if ctx.Err() == nil {
			r.l.note("reader %d: connection lost: %v", r.n, err)
		}
	}
}

// follow joins the room from the cursor on the current connection and
// reads until it fails.
func (r *reader) follow(ctx context.Context) error {
	ws := r.w.ws
	stop := context.AfterFunc(ctx, func() { ws.Close() })
	defer stop()
	r.mu.Lock()
	since := r.cursor
	r.mu.Unlock()
	join := &protocol.Join{Ref: "j", Room: r.room, Since: since}
	if err := r.w.send(join); err != nil {
		return err
	}
	joined := false
	for {
		// An event's latency ends when its frame is read, before it is
		// decoded: decoding is the client's own work, which here, for
		// every reader at once, would be timed on the machine's cores.
		_, data, err := ws.ReadMessage()
		if err != nil {
			return err
		}
		at := time.Now()
		m, err := protocol.Decode(data)
		if err != nil {
			return err
		}
		switch m := m.(type) {
		case *protocol.Events:
			r.receive(m.Events, at)
		case *protocol.Joined:
			joined = true
			r.live.Store(true)
			r.joinOnce.Do(func() { close(r.joined) })
		case *protocol.ErrorMsg:
			r.l.note("reader %d: the relay says: %v", r.n, m.Err())
			if !joined && m.Code == protocol.CodeRateLimited {
				// The join was refused for the address's rate: again,
				// from the cursor, a little later.
				select {
				case <-ctx.Done():
					return ctx.Err()
				case <-time.After(rateLimitedWait + time.Duration(rand.Int64N(int64(rateLimitedWait)))):
				}
				r.mu.Lock()
				join.Since = r.cursor
				r.mu.Unlock()
				if err := r.w.send(join); err != nil {
					return err
				}
			}
		}
	}
}

// receive records entries that arrived at now.
func (r *reader) receive(entries []protocol.Entry, now time.Time) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, e := range entries {
		if r.seqs[e.Seq] {
			r.l.dups.Add(1)
			continue
		}
		r.seqs[e.Seq] = true
		r.cursor = max(r.cursor, e.Seq)
		if sent, ok := r.l.sent.Load(e.Event.ID); ok {
			r.l.received.Add(1)
			r.latencies = append(r.latencies, float64(now.Sub(sent.(time.Time)))/float64(time.Millisecond))
		}
	}
}

// missing counts the sequence numbers of acked the reader has not received.
func (r *reader) missing(acked map[uint64]bool) int {
	r.mu.Lock()
	defer r.mu.Unlock()
	n := 0
	for s := range acked {
		if !r.seqs[s] {
			n++
		}
	}
	return n
}
