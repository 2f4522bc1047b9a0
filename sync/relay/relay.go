package relay

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gorilla/websocket"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	"golang.org/x/time/rate"

	"github.com/scriptroom/scriptroom/internal/model"
	"github.com/scriptroom/scriptroom/sync/protocol"
)

// Config is what a relay is built from. Only Backend is required.
type Config struct {
	// Backend holds the room logs and fans out their events.
	Backend Backend
	// Name identifies the relay in challenges (clients sign it), for
	// example its public URL.
	Name string
	// AllowOrigins are browser origins allowed besides DefaultOrigins.
	AllowOrigins []string
	// ClientAddr returns the address a request comes from, for the
	// per-address rate limit. Default: the TCP peer's host. Set it to read
	// a header only behind a proxy that sets that header.
	ClientAddr func(*http.Request) string
	// Logger receives the relay's logs. Default: slog.Default().
	Logger *slog.Logger
	// SendQueue is how many frames may wait for one client. Default 32.
	SendQueue int
	// MaxBacklog is how many live events may wait for one client beyond
	// its send queue before it is dropped. Default 4096.
	MaxBacklog int
	// ConnRate and ConnBurst limit messages per connection.
	ConnRate  rate.Limit
	ConnBurst int
	// AddrRate and AddrBurst limit messages and connections per address.
	AddrRate  rate.Limit
	AddrBurst int
	// Quotas limit events and bytes per connection, user and address, and
	// what rooms and users may hold. Zero fields take the defaults.
	Quotas Quotas
	// MinFreeDisk is how many bytes the relay leaves free on its log's
	// disk, when the backend can tell (SpaceReporter): events that would
	// leave less are refused with quota_exceeded. Default 1 GiB; negative
	// for none.
	MinFreeDisk int64
	// Now is the clock invites are checked against. Default: time.Now.
	Now func() time.Time
	// HandshakeTimeout is how long a client has, from connecting, to finish
	// hello and auth. Default 10 s.
	HandshakeTimeout time.Duration
}

// Relay serves rooms over WebSockets. Make one with New and serve its
// Handler.
type Relay struct {
	cfg      Config
	log      *slog.Logger
	backend  Backend
	metrics  *metrics
	origins  originChecker
	addrs    *addrLimits
	quotas   *quotaState
	disk     *diskGuard
	upgrader websocket.Upgrader

	mu       sync.Mutex
	conns    map[*conn]struct{}
	draining bool
	wg       sync.WaitGroup

	// roomsMu guards rooms. Finding a room's state takes it shared, so
	// that the publishes of many rooms do not queue on one lock.
	roomsMu sync.RWMutex
	rooms   map[model.ScriptID]*roomState
}

// roomState is a room's rights, loaded from the log on first use. Its lock
// serialises the checks of concurrent publishes to the room.
type roomState struct {
	mu     sync.Mutex
	loaded bool
	acl    *model.RoomACL
	// pending counts, on a local backend, the rights changes applied to
	// acl whose appends are not yet known to be on disk; room waits on
	// settled until there are none, so that nobody is let in (or out) by
	// rights that may not be stored (see conn.storeGrouped).
	pending int
	settled *sync.Cond
	// head is the sequence number of the log that acl reflects, kept for
	// a SharedBackend only.
	head uint64
	// refs counts the callers between room and release, taken with
	// Relay.roomsMu held (shared will do); a state whose room does not
	// exist is dropped when it reaches zero, so joins of made-up rooms
	// leave nothing behind.
	refs atomic.Int64
}

// New makes a relay over cfg.Backend. The relay does not own the backend:
// close it after Shutdown.
func New(cfg Config) (*Relay, error) {
	if cfg.Backend == nil {
		return nil, ErrNoBackend
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	if cfg.ClientAddr == nil {
		cfg.ClientAddr = remoteHost
	}
	if cfg.SendQueue <= 0 {
		cfg.SendQueue = defaultSendQueue
	}
	if cfg.MaxBacklog <= 0 {
		cfg.MaxBacklog = defaultMaxBacklog
	}
	if cfg.ConnRate == 0 {
		cfg.ConnRate, cfg.ConnBurst = defaultConnRate, defaultConnBurst
	}
	if cfg.AddrRate == 0 {
		cfg.AddrRate, cfg.AddrBurst = defaultAddrRate, defaultAddrBurst
	}
	cfg.Quotas = cfg.Quotas.withDefaults()
	if cfg.MinFreeDisk == 0 {
		cfg.MinFreeDisk = DefaultMinFreeDisk
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.HandshakeTimeout <= 0 {
		cfg.HandshakeTimeout = authWait
	}
	if cfg.Name == "" {
		cfg.Name = "scriptroom-relay"
	}
	r := &Relay{
		cfg:     cfg,
		log:     cfg.Logger,
		backend: cfg.Backend,
		origins: newOriginChecker(cfg.AllowOrigins),
		addrs:   newAddrLimits(cfg.AddrRate, cfg.AddrBurst),
		quotas:  newQuotaState(cfg.Quotas),
		disk:    newDiskGuard(cfg.Backend, cfg.MinFreeDisk),
		rooms:   map[model.ScriptID]*roomState{},
		conns:   map[*conn]struct{}{},
	}
	r.metrics = newMetrics(func() float64 {
		n, _ := r.backend.Rooms()
		return float64(n)
	})
	if ms, ok := cfg.Backend.(MetricsSource); ok {
		r.metrics.registry.MustRegister(ms.Collectors()...)
	}
	r.upgrader = websocket.Upgrader{
		HandshakeTimeout: cfg.HandshakeTimeout,
		// Small buffers and a shared write pool keep idle connections
		// cheap; frames larger than a buffer are read and written in parts.
		ReadBufferSize:  512,
		WriteBufferSize: 4096,
		WriteBufferPool: &sync.Pool{},
		CheckOrigin:     func(*http.Request) bool { return true }, // checked before Upgrade, to count it
	}
	return r, nil
}

// Registry is the relay's Prometheus registry.
func (r *Relay) Registry() *prometheus.Registry { return r.metrics.registry }

// Handler serves /ws, /healthz and /metrics.
func (r *Relay) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("/ws", r.serveWS)
	mux.HandleFunc("/healthz", r.serveHealth)
	mux.Handle("/metrics", promhttp.HandlerFor(r.metrics.registry, promhttp.HandlerOpts{}))
	return mux
}

func (r *Relay) serveHealth(w http.ResponseWriter, _ *http.Request) {
	if err := r.backend.Check(); err != nil {
		r.log.Error("health check failed", "err", err)
		http.Error(w, "store unusable: "+err.Error(), http.StatusServiceUnavailable)
		return
	}
	fmt.Fprintln(w, "ok")
}

func (r *Relay) serveWS(w http.ResponseWriter, req *http.Request) {
	if !r.origins.allowed(req) {
		r.metrics.rejected.WithLabelValues("origin").Inc()
		r.log.Warn("refused origin", "origin", req.Header.Get("Origin"), "addr", req.RemoteAddr)
		http.Error(w, "origin not allowed", http.StatusForbidden)
		return
	}
	addr := r.cfg.ClientAddr(req)
	lim := r.addrs.acquire(addr)
	if lim == nil {
		r.metrics.rejected.WithLabelValues("conn_rate").Inc()
		http.Error(w, "too many connections", http.StatusTooManyRequests)
		return
	}
	r.mu.Lock()
	if r.draining {
		r.mu.Unlock()
		r.addrs.release(addr)
		http.Error(w, "shutting down", http.StatusServiceUnavailable)
		return
	}
	r.wg.Add(1)
	r.mu.Unlock()
	ws, err := r.upgrader.Upgrade(w, req, nil)
	if err != nil {
		r.addrs.release(addr)
		r.wg.Done()
		r.metrics.rejected.WithLabelValues("upgrade").Inc()
		return // Upgrade has answered the request
	}
	c := newConn(r, ws, addr, lim)
	r.mu.Lock()
	r.conns[c] = struct{}{}
	if r.draining { // Shutdown began during the upgrade
		c.closeWith(protocol.CloseGoingAway, "relay shutting down")
	}
	r.mu.Unlock()
	r.metrics.connections.Inc()
	go c.writeLoop()
	go c.readLoop()
}

// forget is called once by a connection that has finished.
func (r *Relay) forget(c *conn) {
	r.mu.Lock()
	delete(r.conns, c)
	r.mu.Unlock()
	r.addrs.release(c.addr)
	r.metrics.connections.Dec()
	r.wg.Done()
}

// Shutdown closes every connection with CloseGoingAway, so that clients
// reconnect to another relay or later, and waits for them to finish or ctx
// to end. New connections are refused from the start.
func (r *Relay) Shutdown(ctx context.Context) error {
	r.mu.Lock()
	r.draining = true
	conns := make([]*conn, 0, len(r.conns))
	for c := range r.conns {
		conns = append(conns, c)
	}
	r.mu.Unlock()
	for _, c := range conns {
		c.closeWith(protocol.CloseGoingAway, "relay shutting down")
	}
	done := make(chan struct{})
	go func() { r.wg.Wait(); close(done) }()
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return fmt.Errorf("relay shutdown: %w", ctx.Err())
	}
}

// room returns the rights of a room, loading them from the log on first use,
// locked. The caller must call release when done.
func (r *Relay) room(id model.ScriptID) (*roomState, error) {
	return r.roomSynced(id, true)
}

// roomSynced is room; on a SharedBackend, with synced false the rights are
// not brought up to the log's head (Append's accept brings them up to each
// event's place: see rightsSync). On a local backend, with synced true it
// waits for rights changes whose appends are under way to be settled.
func (r *Relay) roomSynced(id model.ScriptID, synced bool) (*roomState, error) {
	r.roomsMu.RLock()
	st := r.rooms[id]
	if st != nil {
		st.refs.Add(1)
	}
	r.roomsMu.RUnlock()
	if st == nil {
		r.roomsMu.Lock()
		if st = r.rooms[id]; st == nil {
			st = &roomState{}
			st.settled = sync.NewCond(&st.mu)
			r.rooms[id] = st
		}
		st.refs.Add(1)
		r.roomsMu.Unlock()
	}
	st.mu.Lock()
	if sh, ok := r.backend.(SharedBackend); ok {
		if !synced {
			return st, nil
		}
		if err := st.catchUp(sh, id); err != nil {
			r.release(id, st)
			return nil, err
		}
		return st, nil
	}
	for synced && st.pending > 0 {
		st.settled.Wait()
	}
	if !st.loaded {
		acl := model.NewRoomACL(id)
		if err := r.backend.ReadACL(id, acl.Apply); err != nil {
			r.release(id, st)
			return nil, err
		}
		st.acl, st.loaded = acl, true
	}
	return st, nil
}

// catchUp brings the rights of a room on a SharedBackend up to the room's
// head: other relays may have changed them.
func (st *roomState) catchUp(sh SharedBackend, id model.ScriptID) error {
	head, err := sh.Head(id)
	if err != nil {
		return err
	}
	return st.catchUpTo(sh, id, head)
}

// catchUpTo brings the rights up to head, from the start when they were
// never loaded or are ahead of it (not stored after all).
func (st *roomState) catchUpTo(sh SharedBackend, id model.ScriptID, head uint64) error {
	if !st.loaded || head < st.head {
		st.acl, st.head, st.loaded = model.NewRoomACL(id), 0, false
	}
	if head > st.head {
		if err := sh.ReadACLBetween(id, st.head, head, st.acl.Apply); err != nil {
			st.loaded = false
			return err
		}
	}
	st.head, st.loaded = head, true
	return nil
}

// release unlocks a state taken with room.
func (r *Relay) release(id model.ScriptID, st *roomState) {
	keep := st.loaded && st.acl.Exists()
	st.mu.Unlock()
	if st.refs.Add(-1) > 0 || keep {
		return
	}
	// Nobody holds it now, and nobody can take it while roomsMu is held
	// unless someone did meanwhile. A holder that loaded the rights
	// meanwhile and gave them back leaves a state dropped that could have
	// stayed: it is read from the log again on next use.
	r.roomsMu.Lock()
	if st.refs.Load() == 0 && r.rooms[id] == st {
		delete(r.rooms, id)
	}
	r.roomsMu.Unlock()
}

// joinedCount counts the connections that joined room (for tests).
func (r *Relay) joinedCount(room model.ScriptID) int {
	r.mu.Lock()
	conns := make([]*conn, 0, len(r.conns))
	for c := range r.conns {
		conns = append(conns, c)
	}
	r.mu.Unlock()
	n := 0
	for _, c := range conns {
		c.mu.Lock()
		if _, ok := c.rooms[room]; ok {
			n++
		}
		c.mu.Unlock()
	}
	return n
}
