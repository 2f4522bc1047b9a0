package client

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"sync"
	"time"

	"github.com/scriptroom/scriptroom/internal/model"
	"github.com/scriptroom/scriptroom/internal/store"
	"github.com/scriptroom/scriptroom/sync/protocol"
)

// Store is the part of the local store the client uses; *store.Store
// implements it.
type Store interface {
	Enqueue(room model.ScriptID, ev *model.Event) error
	Outbox(room model.ScriptID) ([]*model.Event, error)
	Ack(ids []model.EventID) ([]model.EventID, error)
	JoinRoom(room model.ScriptID) error
	Rooms() ([]model.ScriptID, error)
	Cursor(room model.ScriptID) (uint64, error)
	LeaveRoom(room model.ScriptID) error
	ApplyEvents(room model.ScriptID, entries []store.Entry, cursor uint64) (store.ApplyResult, error)
	ResetRoom(room model.ScriptID) (int, error)
}

var _ Store = (*store.Store)(nil)

// Timing defaults, used when Config leaves them zero.
const (
	// DefaultAckTimeout is how long a publish or a join may go unanswered
	// before it is sent again.
	DefaultAckTimeout = 10 * time.Second
	// DefaultGapWait is how long a gap in a room's sequence numbers may stay
	// open (a batch reordered or lost) before the room is re-joined from
	// its cursor.
	DefaultGapWait = 2 * time.Second
	// DefaultResyncEvery is how often each room is re-joined from its
	// cursor even without a sign of loss, bounding how long an event lost
	// at the tail of a room's log goes unnoticed.
	DefaultResyncEvery = 5 * time.Minute
	// maxInflight is how many publishes may wait for their acks at once.
	maxInflight = 8
	// publishBudget is the most bytes of events one publish carries,
	// leaving room under protocol.MaxMessageBytes for the envelope.
	publishBudget = protocol.MaxMessageBytes - 4096
	// clientName is sent in the hello, for the relay's logs.
	clientName = "scriptroom-client/1"
)

// Config is what a Client is built from. URL, Identity and Store are
// required.
type Config struct {
	// URL is the relay's WebSocket address, such as wss://relay.example/ws.
	URL string
	// Identity signs the challenge (and is who the relay sees).
	Identity *model.Identity
	// Store holds the outbox, the cursors and the received events.
	Store Store
	// Dialer opens connections; nil means WebSocketDialer{}.
	Dialer Dialer
	// Backoff spaces reconnections; zero fields take DefaultBackoff's.
	Backoff Backoff
	// Rand returns random numbers in [0, 1) for the jitter; nil means
	// math/rand/v2's Float64.
	Rand func() float64
	// AckTimeout, GapWait and ResyncEvery: see their defaults.
	AckTimeout  time.Duration
	GapWait     time.Duration
	ResyncEvery time.Duration
	// Logger receives the client's logs; nil discards them.
	Logger *slog.Logger

	// The callbacks run on the client's goroutine: they must return
	// quickly and must not wait for the client (Publish, Join and
	// SetPresence never wait, so calling them is fine).

	// OnStatus is called with every change of status.
	OnStatus func(Status)
	// OnEvents is called with the events of room newly stored in the
	// replica, after their transaction committed.
	OnEvents func(room model.ScriptID, events []*model.Event)
	// OnPresence is called with presence from the room's other users.
	OnPresence func(p protocol.Presence)
	// OnAck is called with the ids deleted from the outbox, after the
	// deletion committed, once per id: the relay holds each of them, or
	// refused it for good (OnError says which).
	OnAck func(ids []model.EventID)
	// OnError is called with problems that do not stop sync: an event the
	// relay refused, a room that cannot be joined, an invalid event
	// received.
	OnError func(err error)
}

// Client syncs a store with a relay. Make one with New, then either run
// Run in a goroutine or call Start and Stop; call Publish, Join, Leave and
// SetPresence from anywhere, connected or not.
type Client struct {
	cfg Config
	log *slog.Logger
	// wake tells the running connection that the outbox, the rooms or the
	// presence changed.
	wake chan struct{}

	mu       sync.Mutex
	status   Status
	presence map[model.ScriptID]presenceState
	// wholeTexts is true when the relay last connected to said that it
	// accepts revision events with whole texts only (version 1).
	wholeTexts bool
	// stop, stopped and runErr belong to Start and Stop.
	stop    context.CancelFunc
	stopped chan struct{}
	runErr  error
}

// presenceState is the presence the user wants shown in a room; version
// grows with each change so that the connection sends each change once.
type presenceState struct {
	scene   string
	typing  bool
	version uint64
}

// New makes a client. It does not connect: call Run.
func New(cfg Config) *Client {
	if cfg.Dialer == nil {
		cfg.Dialer = WebSocketDialer{}
	}
	cfg.Backoff = cfg.Backoff.withDefaults()
	if cfg.Rand == nil {
		cfg.Rand = rand.Float64
	}
	if cfg.AckTimeout <= 0 {
		cfg.AckTimeout = DefaultAckTimeout
	}
	if cfg.GapWait <= 0 {
		cfg.GapWait = DefaultGapWait
	}
	if cfg.ResyncEvery <= 0 {
		cfg.ResyncEvery = DefaultResyncEvery
	}
	log := cfg.Logger
	if log == nil {
		log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	return &Client{
		cfg:      cfg,
		log:      log,
		wake:     make(chan struct{}, 1),
		status:   Status{State: StateOffline},
		presence: map[model.ScriptID]presenceState{},
	}
}

// Run connects and keeps the store in sync until ctx ends, reconnecting
// after each failure with back-off and jitter. It returns ctx's error, or
// an error wrapping ErrTerminal when the relay refuses this client for good.
func (c *Client) Run(ctx context.Context) error {
	if c.cfg.Identity == nil {
		return ErrNoIdentity
	}
	if c.cfg.Store == nil {
		return ErrNoStore
	}
	attempt := 0
	for {
		c.setStatus(Status{State: StateConnecting})
		welcomed, err := c.connect(ctx)
		if ctx.Err() != nil {
			c.setStatus(Status{State: StateOffline})
			return ctx.Err()
		}
		if errors.Is(err, ErrTerminal) {
			c.setStatus(Status{State: StateOffline, Err: err.Error()})
			return err
		}
		if welcomed {
			attempt = 0
		}
		if isRateLimited(err) {
			attempt += rateLimitedAttempts
		}
		delay := c.cfg.Backoff.Delay(attempt, c.cfg.Rand())
		attempt++
		c.log.Info("sync connection ended", "err", err, "retry_in", delay)
		st := Status{State: StateOffline}
		if err != nil {
			st.Err = err.Error()
		}
		c.setStatus(st)
		t := time.NewTimer(delay)
		select {
		case <-ctx.Done():
			t.Stop()
			return ctx.Err()
		case <-t.C:
		}
	}
}

// Start runs Run in a goroutine until Stop, for an app that does not want
// to manage one. Calling Start while running does nothing.
func (c *Client) Start() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.stop != nil {
		return
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	c.stop, c.stopped = cancel, done
	go func() {
		err := c.Run(ctx)
		c.mu.Lock()
		c.runErr = err
		c.mu.Unlock()
		close(done)
	}()
}

// Stop ends what Start started and waits for the connection to close. It
// returns nil, or the error that stopped Run before (one wrapping
// ErrTerminal).
func (c *Client) Stop() error {
	c.mu.Lock()
	cancel, done := c.stop, c.stopped
	c.mu.Unlock()
	if cancel == nil {
		return nil
	}
	cancel()
	<-done
	c.mu.Lock()
	defer c.mu.Unlock()
	err := c.runErr
	c.stop, c.stopped, c.runErr = nil, nil, nil
	if errors.Is(err, context.Canceled) {
		err = nil
	}
	return err
}

// Publish adds ev to the outbox, durably, and asks the running connection
// to send it. It returns once the event is stored; the relay receives it
// when the client is connected.
func (c *Client) Publish(ev *model.Event) error {
	if c.cfg.Store == nil {
		return ErrNoStore
	}
	if ev == nil {
		return fmt.Errorf("publish: %w", model.ErrBadEvent)
	}
	if err := c.cfg.Store.Enqueue(ev.Room, ev); err != nil {
		return fmt.Errorf("publish: %w", err)
	}
	c.poke()
	return nil
}

// Join records, durably, that the user takes part in room, and asks the
// running connection to join it from the room's cursor.
func (c *Client) Join(room model.ScriptID) error {
	if c.cfg.Store == nil {
		return ErrNoStore
	}
	if err := c.cfg.Store.JoinRoom(room); err != nil {
		return err
	}
	c.poke()
	return nil
}

// Leave records, durably, that the user no longer takes part in room (its
// events stay in the store), and asks the running connection to leave it.
func (c *Client) Leave(room model.ScriptID) error {
	if c.cfg.Store == nil {
		return ErrNoStore
	}
	if err := c.cfg.Store.LeaveRoom(room); err != nil {
		return err
	}
	c.mu.Lock()
	delete(c.presence, room)
	c.mu.Unlock()
	c.poke()
	return nil
}

// SetPresence says where the user is in room: the scene and whether they
// are typing. It is sent while connected and again after each reconnection;
// it is never stored.
func (c *Client) SetPresence(room model.ScriptID, scene string, typing bool) {
	if len(scene) > protocol.MaxSceneLength {
		scene = scene[:protocol.MaxSceneLength]
	}
	c.mu.Lock()
	p := c.presence[room]
	if p.version == 0 || p.scene != scene || p.typing != typing {
		c.presence[room] = presenceState{scene: scene, typing: typing, version: p.version + 1}
	}
	c.mu.Unlock()
	c.poke()
}

// Status is the current status.
func (c *Client) Status() Status {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.status
}

// poke wakes the running connection without waiting.
func (c *Client) poke() {
	select {
	case c.wake <- struct{}{}:
	default:
	}
}

// setStatus records st and reports it when it changed. Only Run's
// goroutine calls it, so reports arrive in order.
func (c *Client) setStatus(st Status) {
	c.mu.Lock()
	changed := c.status != st
	c.status = st
	c.mu.Unlock()
	if changed && c.cfg.OnStatus != nil {
		c.cfg.OnStatus(st)
	}
}

// presenceSnapshot copies the wanted presence of every room.
func (c *Client) presenceSnapshot() map[model.ScriptID]presenceState {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := make(map[model.ScriptID]presenceState, len(c.presence))
	for k, v := range c.presence {
		out[k] = v
	}
	return out
}

func (c *Client) report(err error) {
	c.log.Warn("sync", "err", err)
	if c.cfg.OnError != nil {
		c.cfg.OnError(err)
	}
}
