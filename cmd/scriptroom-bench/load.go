package main

import (
	"context"
	"fmt"
	"io"
	"net/url"
	"sync"
	"sync/atomic"
	"time"

	"github.com/scriptroom/scriptroom/internal/model"
)

// defaultDrain is how long the run waits, after the writers stop, for the
// acks and deliveries still under way.
const defaultDrain = 15 * time.Second

// progressEvery is how often a progress line is written.
const progressEvery = time.Second

// Config is one load run.
type Config struct {
	// Relays are the relays' WebSocket URLs; clients are spread over them
	// in turn and move to the next when theirs goes away.
	Relays []string
	// Writers publish one event per publish, Rate a second each, for
	// Duration; room k is written by writer k mod Writers (with fewer
	// rooms than writers, writer i writes to room i mod Rooms), each writer
	// going round its rooms.
	Writers  int
	Rate     float64
	Duration time.Duration
	// Readers follow one room each: reader i follows room i mod Rooms.
	Readers int
	Rooms   int
	// Size is the bytes of each event as sent.
	Size int
	// Drain bounds the wait, after the writers stop, for outstanding acks
	// and deliveries (defaultDrain when zero).
	Drain time.Duration
	// Progress receives a line a second (none when nil).
	Progress io.Writer

	// afterAck, when set, is called with the number of events acked so
	// far after each ack (for tests).
	afterAck func(acked int64)
}

func (c *Config) validate() error {
	if len(c.Relays) == 0 {
		return fmt.Errorf("%w: --relays needs at least one URL", errBadFlags)
	}
	for _, r := range c.Relays {
		u, err := url.Parse(r)
		if err != nil || (u.Scheme != "ws" && u.Scheme != "wss") || u.Host == "" {
			return fmt.Errorf("%w: relay URL %q is not a ws:// or wss:// URL", errBadFlags, r)
		}
	}
	switch {
	case c.Writers < 1:
		return fmt.Errorf("%w: --writers %d, want at least 1", errBadFlags, c.Writers)
	case c.Readers < 0:
		return fmt.Errorf("%w: --readers %d, want 0 or more", errBadFlags, c.Readers)
	case c.Rooms < 1:
		return fmt.Errorf("%w: --rooms %d, want at least 1", errBadFlags, c.Rooms)
	case c.Size < minEventSize || c.Size > maxEventSize:
		return fmt.Errorf("%w: --size %d, want %d to %d bytes", errBadFlags, c.Size, minEventSize, maxEventSize)
	case c.Rate <= 0:
		return fmt.Errorf("%w: --rate %v, want more than 0 events a second", errBadFlags, c.Rate)
	case c.Duration <= 0:
		return fmt.Errorf("%w: --duration %v, want more than 0", errBadFlags, c.Duration)
	case c.Drain < 0:
		return fmt.Errorf("%w: --drain %v, want 0 or more", errBadFlags, c.Drain)
	}
	return nil
}

// Result is what a run measured. Its JSON is the tool's last line.
type Result struct {
	Acked      int64   `json:"acked"`
	Received   int64   `json:"received"`
	Lost       int64   `json:"lost"`
	Duplicates int64   `json:"duplicates"`
	P50ms      float64 `json:"p50_ms"`
	P99ms      float64 `json:"p99_ms"`
	// AckP50ms and AckP99ms are from the publish to the writer's ack: the
	// store alone, to set beside the readers' latency.
	AckP50ms   float64 `json:"ack_p50_ms"`
	AckP99ms   float64 `json:"ack_p99_ms"`
	Reconnects int64   `json:"reconnects"`
	// Refused counts events the relays refused (quotas, rates, rights).
	Refused int64 `json:"-"`
	// PerReader is, for each reader, the acked events of its room and how
	// many of them it received.
	PerReader []ReaderResult `json:"-"`
}

// ReaderResult is one reader's share of a Result.
type ReaderResult struct {
	Room     model.ScriptID
	Acked    int
	Received int
}

// load is a run under way: the rooms, what was sent and acked, and the
// counters every client adds to.
type load struct {
	cfg   Config
	rooms []model.ScriptID

	// sent maps the id of every event a writer published to when it was
	// first sent, for the readers' latencies.
	sent sync.Map // model.EventID → time.Time

	mu sync.Mutex
	// acked holds, per room, the sequence numbers of this run's events the
	// relays stored.
	acked  map[model.ScriptID]map[uint64]bool
	nacked int64
	// ackLat is, for each acked event, the milliseconds from its first
	// sending to its ack.
	ackLat []float64

	// firstDials holds a token for each first connection under way.
	firstDials chan struct{}

	noteMu sync.Mutex
	notes  int

	reconnects atomic.Int64
	refused    atomic.Int64
	received   atomic.Int64
	dups       atomic.Int64
}

// ack records that room stored one of this run's events, id, at seq; the
// writer was told at now.
func (l *load) ack(room model.ScriptID, seq uint64, id model.EventID, now time.Time) {
	sent, ok := l.sent.Load(id)
	l.mu.Lock()
	if !l.acked[room][seq] {
		l.acked[room][seq] = true
		l.nacked++
		if ok {
			l.ackLat = append(l.ackLat, float64(now.Sub(sent.(time.Time)))/float64(time.Millisecond))
		}
	}
	n := l.nacked
	l.mu.Unlock()
	if l.cfg.afterAck != nil {
		l.cfg.afterAck(n)
	}
}

// ackedIn copies room's acked sequence numbers.
func (l *load) ackedIn(room model.ScriptID) map[uint64]bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	out := make(map[uint64]bool, len(l.acked[room]))
	for s := range l.acked[room] {
		out[s] = true
	}
	return out
}

func (l *load) ackedCount() int64 {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.nacked
}

// Run creates the rooms, joins the readers, has the writers publish for
// c.Duration, waits for the acks and deliveries under way (at most c.Drain)
// and returns what it measured. ctx ends the run early.
func Run(ctx context.Context, c Config) (*Result, error) {
	if err := c.validate(); err != nil {
		return nil, err
	}
	if c.Drain == 0 {
		c.Drain = defaultDrain
	}
	l := &load{cfg: c, acked: map[model.ScriptID]map[uint64]bool{}, firstDials: make(chan struct{}, firstDials)}
	if err := l.createRooms(ctx); err != nil {
		return nil, err
	}
	runCtx, stop := context.WithCancel(ctx)
	defer stop()

	readers := make([]*reader, c.Readers)
	var rwg sync.WaitGroup
	for i := range readers {
		readers[i] = newReader(l, i)
		rwg.Add(1)
		go func() {
			defer rwg.Done()
			readers[i].run(runCtx)
		}()
	}
	defer func() {
		stop()
		rwg.Wait()
	}()
	// Readers connect firstDials at a time, each within firstDialWait.
	if err := waitJoined(ctx, readers, firstDialWait*time.Duration(1+c.Readers/firstDials)); err != nil {
		return nil, err
	}

	writers := make([]*writer, c.Writers)
	var wwg sync.WaitGroup
	pubCtx, endPublishing := context.WithTimeout(runCtx, c.Duration)
	defer endPublishing()
	for i := range writers {
		w, err := newWriter(l, i)
		if err != nil {
			return nil, err
		}
		writers[i] = w
		wwg.Add(1)
		go func() {
			defer wwg.Done()
			w.run(runCtx, pubCtx)
		}()
	}
	progressDone := make(chan struct{})
	go func() {
		defer close(progressDone)
		l.progress(runCtx, pubCtx, writers)
	}()

	// The writers stop publishing at the end of Duration and return once
	// every event is acked, or at the drain deadline.
	drainCtx, endDrain := context.WithTimeout(ctx, c.Duration+c.Drain)
	defer endDrain()
	go func() {
		<-drainCtx.Done()
		for _, w := range writers {
			w.giveUp()
		}
	}()
	wwg.Wait()
	l.waitDelivered(drainCtx, readers)
	away := 0
	for _, r := range readers {
		if !r.live.Load() {
			away++
		}
	}
	if away > 0 && c.Progress != nil {
		fmt.Fprintf(c.Progress, "%d readers were not joined at the end (reconnecting): what they missed counts as lost; a longer --drain gives them time\n", away)
	}
	stop()
	rwg.Wait()
	<-progressDone
	return l.result(readers, writers), nil
}

// waitJoined waits until every reader has joined its room once.
func waitJoined(ctx context.Context, readers []*reader, limit time.Duration) error {
	deadline := time.Now().Add(limit)
	for _, r := range readers {
		select {
		case <-r.joined:
			if r.err != nil {
				return fmt.Errorf("%w: reader %d: %v", errSetup, r.n, r.err)
			}
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(time.Until(deadline)):
			return fmt.Errorf("%w: reader %d did not join room %s within %v", errSetup, r.n, r.room, limit)
		}
	}
	return nil
}

// waitDelivered waits until every reader holds every acked event of its
// room, or ctx ends.
func (l *load) waitDelivered(ctx context.Context, readers []*reader) {
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	for {
		done := true
		for _, r := range readers {
			if r.missing(l.ackedIn(r.room)) > 0 {
				done = false
				break
			}
		}
		if done {
			return
		}
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}

// progress writes a line a second until ctx ends.
func (l *load) progress(ctx, publishing context.Context, writers []*writer) {
	if l.cfg.Progress == nil {
		return
	}
	start := time.Now()
	tick := time.NewTicker(progressEvery)
	defer tick.Stop()
	var last int64
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
		acked := l.ackedCount()
		pending := 0
		for _, w := range writers {
			pending += w.pendingCount()
		}
		phase := "publishing"
		if publishing.Err() != nil {
			phase = "draining"
		}
		fmt.Fprintf(l.cfg.Progress, "%5.1fs %s: acked %d (%d/s), pending %d, received %d, duplicates %d, refused %d, reconnects %d\n",
			time.Since(start).Seconds(), phase, acked, acked-last, pending, l.received.Load(), l.dups.Load(), l.refused.Load(), l.reconnects.Load())
		last = acked
	}
}

// result counts what the run measured.
func (l *load) result(readers []*reader, writers []*writer) *Result {
	res := &Result{
		Acked:      l.ackedCount(),
		Received:   l.received.Load(),
		Duplicates: l.dups.Load(),
		Reconnects: l.reconnects.Load(),
		Refused:    l.refused.Load(),
	}
	lost := map[model.ScriptID]map[uint64]bool{}
	var lat []float64
	for _, r := range readers {
		acked := l.ackedIn(r.room)
		got := 0
		r.mu.Lock()
		for s := range acked {
			if r.seqs[s] {
				got++
			} else {
				if lost[r.room] == nil {
					lost[r.room] = map[uint64]bool{}
				}
				lost[r.room][s] = true
			}
		}
		lat = append(lat, r.latencies...)
		r.mu.Unlock()
		res.PerReader = append(res.PerReader, ReaderResult{Room: r.room, Acked: len(acked), Received: got})
	}
	for _, seqs := range lost {
		res.Lost += int64(len(seqs))
	}
	res.P50ms, res.P99ms = percentile(lat, 50), percentile(lat, 99)
	l.mu.Lock()
	res.AckP50ms, res.AckP99ms = percentile(l.ackLat, 50), percentile(l.ackLat, 99)
	l.mu.Unlock()
	return res
}

// maxNotes is how many notes (lost connections, refusals) a run writes
// before it only counts them.
const maxNotes = 50

// note writes a line about one client to the progress output.
func (l *load) note(format string, args ...any) {
	if l.cfg.Progress == nil {
		return
	}
	l.noteMu.Lock()
	defer l.noteMu.Unlock()
	l.notes++
	switch {
	case l.notes <= maxNotes:
		fmt.Fprintf(l.cfg.Progress, format+"\n", args...)
	case l.notes == maxNotes+1:
		fmt.Fprintf(l.cfg.Progress, "(more notes like these are not shown)\n")
	}
}
