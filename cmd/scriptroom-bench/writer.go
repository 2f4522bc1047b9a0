package main

import (
	"context"
	"strconv"
	"sync"
	"time"

	"github.com/gorilla/websocket"

	"github.com/scriptroom/scriptroom/internal/model"
	"github.com/scriptroom/scriptroom/sync/protocol"
)

// writer publishes one event per publish at the configured rate, going
// round its rooms, and keeps every event until the relay acknowledges it:
// after a reconnection it publishes again, in order, what was not
// acknowledged (the relay answers duplicate for what it had stored).
type writer struct {
	l     *load
	n     int
	id    *model.Identity
	rooms []model.ScriptID
	w     *wire

	mu sync.Mutex
	// pending are the events sent and not yet acknowledged, by ref.
	pending map[string]*model.Event
	order   []string // refs of pending, in publish order
	// settled wakes run when an ack empties pending.
	settled chan struct{}
	// limited wakes run when the relay refused a message for its rate:
	// the pending events go again a little later.
	limited chan struct{}
	stopped chan struct{}
	stop    sync.Once
}

func newWriter(l *load, n int) (*writer, error) {
	id, err := model.NewIdentity("Bench writer " + strconv.Itoa(n))
	if err != nil {
		return nil, err
	}
	w := &writer{l: l, n: n, id: id, pending: map[string]*model.Event{}, stopped: make(chan struct{}), settled: make(chan struct{}, 1), limited: make(chan struct{}, 1)}
	c := l.cfg
	if c.Rooms >= c.Writers {
		for k := n; k < c.Rooms; k += c.Writers {
			w.rooms = append(w.rooms, l.rooms[k])
		}
	} else {
		w.rooms = []model.ScriptID{l.rooms[n%c.Rooms]}
	}
	w.w = newWire(l, id, n)
	return w, nil
}

// giveUp ends the writer's wait for outstanding acks.
func (w *writer) giveUp() { w.stop.Do(func() { close(w.stopped) }) }

func (w *writer) pendingCount() int {
	w.mu.Lock()
	defer w.mu.Unlock()
	return len(w.pending)
}

// run publishes until publishing ends, then waits for the outstanding acks
// until they are all in, giveUp is called, or ctx ends. While the writer
// reconnects it goes on publishing: the events wait in pending and go out
// on the next connection.
func (w *writer) run(ctx, publishing context.Context) {
	dialCtx, cancel := context.WithCancel(ctx)
	var dialled chan dialResult // set while a dial is under way
	defer func() {
		cancel()
		if dialled != nil {
			if r := <-dialled; r.ws != nil {
				r.ws.Close()
			}
		}
		w.w.close()
	}()
	tick := time.NewTicker(time.Duration(float64(time.Second) / w.l.cfg.Rate))
	defer tick.Stop()
	pub, over := tick.C, publishing.Done()
	count := 0
	var acks <-chan error
	var resend <-chan time.Time
	for {
		if pub == nil && w.pendingCount() == 0 {
			return
		}
		if w.w.ws == nil && dialled == nil {
			dialled = make(chan dialResult, 1)
			go func(out chan<- dialResult) {
				ws, err := w.w.dial(dialCtx)
				out <- dialResult{ws, err}
			}(dialled)
		}
		select {
		case <-ctx.Done():
			return
		case <-w.stopped:
			return
		case r := <-dialled:
			dialled = nil
			if r.err != nil {
				w.l.note("writer %d: %v", w.n, r.err)
				return
			}
			w.w.ws = r.ws
			acks = w.readAcks(r.ws)
			if err := w.sendPending(); err != nil {
				w.w.close() // its reader of acks ends too
			}
		case <-over:
			pub, over = nil, nil
		case <-w.settled:
		case <-w.limited:
			if resend == nil {
				resend = time.After(rateLimitedWait)
			}
		case <-resend:
			resend = nil
			if w.w.ws != nil && w.sendPending() != nil {
				w.w.close()
			}
		case err := <-acks:
			acks = nil
			if ctx.Err() == nil {
				w.l.note("writer %d: connection lost: %v", w.n, err)
			}
			w.w.close()
		case <-pub:
			if err := w.publish(count); err != nil {
				w.l.note("writer %d: %v", w.n, err)
				return
			}
			count++
		}
	}
}

// dialResult is a dial's outcome.
type dialResult struct {
	ws  *websocket.Conn
	err error
}

// publish signs and sends the writer's n-th event. A failed send closes
// the connection: the event stays pending and goes again on the next one.
func (w *writer) publish(n int) error {
	room := w.rooms[n%len(w.rooms)]
	e, err := newComment(w.id, w.n, n, room, w.l.cfg.Size)
	if err != nil {
		return err
	}
	ref := strconv.Itoa(n)
	w.mu.Lock()
	w.pending[ref] = e
	w.order = append(w.order, ref)
	w.mu.Unlock()
	w.l.sent.Store(e.ID, time.Now())
	if w.w.ws == nil {
		return nil // it goes on the next connection
	}
	if err := w.w.send(&protocol.Publish{Ref: ref, Room: room, Events: []*model.Event{e}}); err != nil {
		w.w.close()
	}
	return nil
}

// sendPending publishes again, in order, every event not acknowledged.
func (w *writer) sendPending() error {
	w.mu.Lock()
	var again []*protocol.Publish
	for _, ref := range w.order {
		if e := w.pending[ref]; e != nil {
			again = append(again, &protocol.Publish{Ref: ref, Room: e.Room, Events: []*model.Event{e}})
		}
	}
	w.mu.Unlock()
	for _, p := range again {
		if err := w.w.send(p); err != nil {
			return err
		}
	}
	return nil
}

// readAcks reads the connection's acks until it fails, and then sends the
// failure on the channel it returns.
func (w *writer) readAcks(ws *websocket.Conn) <-chan error {
	out := make(chan error, 1)
	go func() {
		for {
			m, err := readMessage(ws)
			if err != nil {
				out <- err
				return
			}
			switch m := m.(type) {
			case *protocol.Ack:
				w.acked(m)
			case *protocol.ErrorMsg:
				w.l.note("writer %d: the relay says: %v", w.n, m.Err())
				if m.Code == protocol.CodeRateLimited {
					select {
					case w.limited <- struct{}{}:
					default:
					}
				}
			}
		}
	}()
	return out
}

// acked records an ack's results and forgets the events they settle.
func (w *writer) acked(a *protocol.Ack) {
	now := time.Now()
	w.mu.Lock()
	defer w.mu.Unlock()
	e := w.pending[a.Ref]
	if e == nil {
		return // an ack for an event published twice: settled already
	}
	delete(w.pending, a.Ref)
	for len(w.order) > 0 && w.pending[w.order[0]] == nil {
		w.order = w.order[1:]
	}
	if len(w.pending) == 0 {
		select {
		case w.settled <- struct{}{}:
		default:
		}
	}
	for _, r := range a.Results {
		switch {
		case r.Error != nil:
			w.l.refused.Add(1)
			w.l.note("writer %d: event %s refused: %v", w.n, r.ID.Short(), r.Error)
		case r.Seq > 0:
			w.l.ack(a.Room, r.Seq, r.ID, now)
		default:
			w.l.note("writer %d: event %s acknowledged without a sequence number", w.n, r.ID.Short())
		}
	}
}
