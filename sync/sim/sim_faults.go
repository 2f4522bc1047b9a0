package sim

import (
	"context"
	"errors"
	"math/rand/v2"
	"sync"
	"sync/atomic"
	"time"

	"github.com/scriptroom/scriptroom/sync/client"
)

// Faults are the probabilities, per frame and per direction, of what the
// network does to a frame once the handshake is over (the handshake is
// only ever cut, so that a connection is not stuck for the handshake's
// timeout).
type Faults struct {
	// Drop loses the frame; the connection stays up.
	Drop float64
	// Dup delivers the frame twice.
	Dup float64
	// Reorder holds the frame back until the next one has passed it, or
	// HoldFor has passed.
	Reorder float64
	// Cut closes the connection instead of delivering the frame.
	Cut float64
	// HoldFor bounds how long a reordered frame waits; 0 means 20 ms.
	HoldFor time.Duration
}

// handshakeFrames is how many frames each way a client's handshake takes
// (hello and auth; challenge and welcome).
const handshakeFrames = 2

// errCut is what a cut connection's operations return.
var errCut = errors.New("sim: connection cut")

// FaultStats counts what a FaultDialer's connections did.
type FaultStats struct {
	Dials, Frames, Dropped, Duplicated, Reordered, Cuts atomic.Int64
}

// FaultDialer dials through Dialer and wraps every connection in faults
// drawn from a random source seeded by Seed, so that a seed replays the
// same choices (the timing of goroutines still varies).
type FaultDialer struct {
	Dialer client.Dialer
	Faults Faults
	Stats  FaultStats

	mu  sync.Mutex
	rng *rand.Rand
}

// NewFaultDialer makes a FaultDialer over d.
func NewFaultDialer(d client.Dialer, f Faults, seed uint64) *FaultDialer {
	if f.HoldFor <= 0 {
		f.HoldFor = 20 * time.Millisecond
	}
	return &FaultDialer{Dialer: d, Faults: f, rng: rand.New(rand.NewPCG(seed, 0x5eed))}
}

// Dial implements client.Dialer.
func (d *FaultDialer) Dial(ctx context.Context, url string) (client.Conn, error) {
	d.Stats.Dials.Add(1)
	conn, err := d.Dialer.Dial(ctx, url)
	if err != nil {
		return nil, err
	}
	d.mu.Lock()
	wseed, rseed := d.rng.Uint64(), d.rng.Uint64()
	d.mu.Unlock()
	fc := &faultConn{
		d:      d,
		conn:   conn,
		wrng:   rand.New(rand.NewPCG(wseed, 1)),
		rrng:   rand.New(rand.NewPCG(rseed, 2)),
		in:     make(chan readResult, 64),
		closed: make(chan struct{}),
	}
	go fc.pump()
	return fc, nil
}

type readResult struct {
	data []byte
	err  error
}

// faultConn is one faulty connection. Writes come from the client's one
// writer goroutine, plus the timer that releases a held frame; reads go
// through pump.
type faultConn struct {
	d    *FaultDialer
	conn client.Conn

	wmu     sync.Mutex // serialises writes to conn
	wrng    *rand.Rand // under wmu
	wframes int
	wheld   []byte
	wtimer  *time.Timer

	rrng   *rand.Rand // pump's only
	in     chan readResult
	closed chan struct{}
	once   sync.Once
}

// action is what happens to one frame.
type action int

const (
	pass action = iota
	drop
	dup
	hold
	cut
)

func (c *faultConn) roll(rng *rand.Rand, n int) action {
	c.d.Stats.Frames.Add(1)
	f := c.d.Faults
	x := rng.Float64()
	if x < f.Cut {
		c.d.Stats.Cuts.Add(1)
		return cut
	}
	if n < handshakeFrames {
		return pass
	}
	switch x -= f.Cut; {
	case x < f.Drop:
		c.d.Stats.Dropped.Add(1)
		return drop
	case x < f.Drop+f.Dup:
		c.d.Stats.Duplicated.Add(1)
		return dup
	case x < f.Drop+f.Dup+f.Reorder:
		c.d.Stats.Reordered.Add(1)
		return hold
	}
	return pass
}

// WriteMessage implements client.Conn.
func (c *faultConn) WriteMessage(data []byte) error {
	c.wmu.Lock()
	defer c.wmu.Unlock()
	n := c.wframes
	c.wframes++
	switch c.roll(c.wrng, n) {
	case cut:
		c.Close()
		return errCut
	case drop:
		return nil
	case dup:
		if err := c.conn.WriteMessage(data); err != nil {
			return err
		}
	case hold:
		if c.wheld == nil {
			c.wheld = data
			c.wtimer = time.AfterFunc(c.d.Faults.HoldFor, c.releaseWrite)
			return nil
		}
	}
	if err := c.conn.WriteMessage(data); err != nil {
		return err
	}
	return c.flushHeldLocked()
}

func (c *faultConn) flushHeldLocked() error {
	if c.wheld == nil {
		return nil
	}
	data := c.wheld
	c.wheld = nil
	c.wtimer.Stop()
	return c.conn.WriteMessage(data)
}

func (c *faultConn) releaseWrite() {
	c.wmu.Lock()
	defer c.wmu.Unlock()
	if c.flushHeldLocked() != nil {
		c.Close()
	}
}

// ReadMessage implements client.Conn.
func (c *faultConn) ReadMessage() ([]byte, error) {
	select {
	case r := <-c.in:
		return r.data, r.err
	case <-c.closed:
		return nil, errCut
	}
}

// Close implements client.Conn.
func (c *faultConn) Close() error {
	c.once.Do(func() {
		close(c.closed)
		c.conn.Close()
	})
	return nil
}

// pump reads the real connection and hands the client what the faults
// leave of it.
func (c *faultConn) pump() {
	raw := make(chan readResult)
	go func() {
		for {
			data, err := c.conn.ReadMessage()
			select {
			case raw <- readResult{data, err}:
			case <-c.closed:
				return
			}
			if err != nil {
				return
			}
		}
	}()
	deliver := func(r readResult) bool {
		select {
		case c.in <- r:
			return true
		case <-c.closed:
			return false
		}
	}
	var held []byte
	var release <-chan time.Time
	for n := 0; ; n++ {
		var r readResult
		select {
		case r = <-raw:
		case <-release:
			release = nil
			if !deliver(readResult{data: held}) {
				return
			}
			held = nil
			n--
			continue
		case <-c.closed:
			return
		}
		if r.err != nil {
			deliver(r)
			return
		}
		switch c.roll(c.rrng, n) {
		case cut:
			c.Close()
			return
		case drop:
			continue
		case dup:
			if !deliver(r) {
				return
			}
		case hold:
			if held == nil {
				held = r.data
				release = time.After(c.d.Faults.HoldFor)
				continue
			}
		}
		if !deliver(r) {
			return
		}
		if held != nil {
			if !deliver(readResult{data: held}) {
				return
			}
			held, release = nil, nil
		}
	}
}
