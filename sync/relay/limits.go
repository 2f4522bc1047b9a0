package relay

import (
	"net"
	"net/http"
	"strings"
	"sync"
	"time"

	"golang.org/x/time/rate"

	"github.com/scriptroom/scriptroom/sync/protocol"
)

// Connection timing, after gorilla/websocket's chat example.
const (
	// writeWait is how long one write may take before the connection is
	// considered dead.
	writeWait = 10 * time.Second
	// pongWait is how long the relay waits for any frame (a pong at least)
	// before dropping the connection.
	pongWait = 60 * time.Second
	// pingPeriod is how often the relay pings; shorter than pongWait so
	// that a live client always answers in time.
	pingPeriod = pongWait * 9 / 10
	// authWait is how long a client has to finish hello and auth, unless
	// Config.HandshakeTimeout says otherwise.
	authWait = 10 * time.Second
	// closeGrace is how long the relay waits for the client's close reply
	// after sending a close frame, before dropping the TCP connection.
	closeGrace = time.Second
)

// Queue and rate defaults; Config can override them.
const (
	// defaultSendQueue is how many outgoing frames may wait for a slow
	// client before it is dropped. Small, because each idle connection
	// holds one.
	defaultSendQueue = 32
	// defaultConnRate and defaultConnBurst limit messages per connection:
	// enough for a client flushing its outbox in 256-event publishes and
	// sending presence while typing.
	defaultConnRate  = rate.Limit(50)
	defaultConnBurst = 100
	// defaultAddrRate and defaultAddrBurst limit messages and new
	// connections per client address, over all its connections (a small
	// office behind one NAT stays well under it).
	defaultAddrRate  = rate.Limit(200)
	defaultAddrBurst = 400
	// maxStrikes is how many rate-limited or malformed messages in a row a
	// connection may send before it is closed.
	maxStrikes = 50
	// defaultMaxBacklog is how many live entries may wait for one client
	// (beyond its send queue, or while its join's replay is sent) before it
	// is dropped as too slow. The entries are shared with every other
	// subscriber, so a backlog costs a slice of pointers.
	defaultMaxBacklog = 4096
	// replayBatch is how many entries the relay reads from the log at once
	// during a replay.
	replayBatch = 256
	// replayBytes is how many bytes of events one replay message carries
	// at most (plus one event): half of protocol.MaxRelayMessageBytes.
	replayBytes = protocol.MaxRelayMessageBytes / 2
)

// DefaultOrigins are the desktop app's own origins. A request with no Origin
// header at all (a native client) is always allowed.
var DefaultOrigins = []string{"wails://wails", "http://wails.localhost", "http://127.0.0.1:34115"}

// originChecker allows the app's origins, configured ones, and none.
type originChecker map[string]bool

func newOriginChecker(extra []string) originChecker {
	o := originChecker{}
	for _, s := range append(append([]string(nil), DefaultOrigins...), extra...) {
		o[strings.TrimRight(strings.ToLower(s), "/")] = true
	}
	return o
}

func (o originChecker) allowed(r *http.Request) bool {
	origin := r.Header.Get("Origin")
	if origin == "" {
		return true
	}
	return o[strings.ToLower(origin)]
}

// remoteHost is the client address of r: its TCP peer's host.
func remoteHost(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// addrLimits holds one token bucket per client address, shared by all its
// connections. An address's bucket is forgotten when its last connection
// closes and the bucket is full again.
type addrLimits struct {
	limit rate.Limit
	burst int

	mu    sync.Mutex
	addrs map[string]*addrLimit
	// acquires counts calls to acquire, to sweep the map now and then.
	acquires int
}

// sweepEvery is how many new connections pass between sweeps of addresses
// that have no connection left and a full bucket again.
const sweepEvery = 1024

type addrLimit struct {
	lim   *rate.Limiter
	conns int
}

func newAddrLimits(limit rate.Limit, burst int) *addrLimits {
	return &addrLimits{limit: limit, burst: burst, addrs: map[string]*addrLimit{}}
}

// acquire takes one token for a new connection from addr and registers it;
// it returns nil when the address is over its rate.
func (a *addrLimits) acquire(addr string) *rate.Limiter {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.acquires++; a.acquires%sweepEvery == 0 {
		for k, l := range a.addrs {
			a.forgetLocked(k, l)
		}
	}
	l := a.addrs[addr]
	if l == nil {
		l = &addrLimit{lim: rate.NewLimiter(a.limit, a.burst)}
		a.addrs[addr] = l
	}
	if !l.lim.Allow() {
		a.forgetLocked(addr, l)
		return nil
	}
	l.conns++
	return l.lim
}

// release unregisters a connection from addr.
func (a *addrLimits) release(addr string) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if l := a.addrs[addr]; l != nil {
		l.conns--
		a.forgetLocked(addr, l)
	}
}

func (a *addrLimits) forgetLocked(addr string, l *addrLimit) {
	if l.conns <= 0 && l.lim.Tokens() >= float64(a.burst) {
		delete(a.addrs, addr)
	}
}
