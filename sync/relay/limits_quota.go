package relay

import (
	"fmt"
	"sync"
	"time"

	"github.com/scriptroom/scriptroom/internal/model"
	"github.com/scriptroom/scriptroom/sync/protocol"
)

// Quotas bound the work and the storage one client can cause, beyond the
// message rates: events and bytes a second per connection, per user (over
// all its connections) and per client address (over all its connections,
// whatever their users: identities cost nothing to make), the size of one
// room's log, and the rooms one user may create. A zero field takes its
// default (Default*); a negative one lifts that limit.
//
// Each rate has a burst of quotaBurst seconds' worth, so that a client
// flushing its outbox, or sharing a script with a long history, sends it at
// once; the bytes burst is never less than a whole message.
type Quotas struct {
	ConnEvents, ConnBytes float64
	UserEvents, UserBytes float64
	AddrEvents, AddrBytes float64
	// RoomBytes is the most one room's log may hold, in bytes as stored.
	// Events that change rights (roles, members) may use an eighth more, so
	// that the owner of a full room can still remove people.
	RoomBytes int64
	// RoomsPerUser is the most rooms one user may create on the relay.
	RoomsPerUser int
}

// The default quotas. A writer typing sends an event every few seconds; a
// proposal being edited is saved once a second, each save a revision with
// the whole script (about 200 KB for a feature); flushing a week offline or
// sharing a script with hundreds of revisions is a burst of a few thousand
// events, which fits quotaBurst, or tens of MB, sent at the bytes rate. A
// room's log grows by about 700 MB an hour while someone edits a proposal,
// hence a room quota of weeks of such work. One flooding connection is held
// to about what a few busy writers send.
const (
	DefaultConnEvents   = 200
	DefaultConnBytes    = 512 << 10
	DefaultUserEvents   = 400
	DefaultUserBytes    = 1 << 20
	DefaultAddrEvents   = 1000
	DefaultAddrBytes    = 8 << 20
	DefaultRoomBytes    = 16 << 30
	DefaultRoomsPerUser = 200
	// quotaBurst is how many seconds of a rate a client may use at once.
	quotaBurst = 10
)

// withDefaults fills zero fields with their defaults and turns negative
// ones into 0, which means no limit from here on.
func (q Quotas) withDefaults() Quotas {
	rate := func(v *float64, def float64) {
		switch {
		case *v == 0:
			*v = def
		case *v < 0:
			*v = 0
		}
	}
	rate(&q.ConnEvents, DefaultConnEvents)
	rate(&q.ConnBytes, DefaultConnBytes)
	rate(&q.UserEvents, DefaultUserEvents)
	rate(&q.UserBytes, DefaultUserBytes)
	rate(&q.AddrEvents, DefaultAddrEvents)
	rate(&q.AddrBytes, DefaultAddrBytes)
	switch {
	case q.RoomBytes == 0:
		q.RoomBytes = DefaultRoomBytes
	case q.RoomBytes < 0:
		q.RoomBytes = 0
	}
	switch {
	case q.RoomsPerUser == 0:
		q.RoomsPerUser = DefaultRoomsPerUser
	case q.RoomsPerUser < 0:
		q.RoomsPerUser = 0
	}
	return q
}

// check is Append's quota test of one event, after its rights were
// checked: a room may not pass RoomBytes, nor a user create more than
// RoomsPerUser rooms.
func (q Quotas) check(e *model.Event, u Usage) error {
	if u.Creates && e.Kind == model.KindRoom && q.RoomsPerUser > 0 && u.CreatorRooms >= q.RoomsPerUser {
		return fmt.Errorf("%w: %s has created %d rooms on this relay, its limit", protocol.ErrQuotaExceeded, e.Author.Short(), u.CreatorRooms)
	}
	limit := q.RoomBytes
	if model.IsACLKind(e.Kind) {
		limit += limit / 8
	}
	if q.RoomBytes > 0 && u.RoomBytes+u.Bytes > limit {
		return fmt.Errorf("%w: room %s holds %s of its %s on this relay; event %s (%s) does not fit", protocol.ErrQuotaExceeded,
			e.Room, size(u.RoomBytes), size(q.RoomBytes), e.ID.Short(), size(u.Bytes))
	}
	return nil
}

// size writes n bytes for people.
func size(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GiB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}

// bucket is a token bucket; rate 0 means no limit.
type bucket struct {
	rate, burst, tokens float64
}

// take spends n tokens; a bucket without a limit has none to spend, and
// stays full.
func (k *bucket) take(n float64) {
	if k.rate > 0 {
		k.tokens -= n
	}
}

func newBucket(rate, min float64) bucket {
	burst := max(rate*quotaBurst, min)
	return bucket{rate: rate, burst: burst, tokens: burst}
}

// budget is one connection's, user's or address's events and bytes.
type budget struct {
	whose string // for errors: "this connection", ...

	mu     sync.Mutex
	last   time.Time
	events bucket
	bytes  bucket
}

func newBudget(whose string, events, bytes float64, now time.Time) *budget {
	return &budget{
		whose:  whose,
		last:   now,
		events: newBucket(events, protocol.MaxEventsPerPublish),
		bytes:  newBucket(bytes, protocol.MaxMessageBytes),
	}
}

// refillLocked adds the tokens earned since the last call.
func (b *budget) refillLocked(now time.Time) {
	if d := now.Sub(b.last).Seconds(); d > 0 {
		for _, k := range []*bucket{&b.events, &b.bytes} {
			k.tokens = min(k.burst, k.tokens+d*k.rate)
		}
		b.last = now
	}
}

// full reports whether the budget is whole again, so that forgetting it
// gives nobody more than it had.
func (b *budget) full(now time.Time) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.refillLocked(now)
	return b.events.tokens >= b.events.burst && b.bytes.tokens >= b.bytes.burst
}

// chain is the budgets one connection draws on, in lock order: its own,
// its user's (once authenticated), its address's.
type chain []*budget

// takeBytes takes n bytes from every budget of the chain, or nothing; it
// returns the error naming the budget that was short.
func (ch chain) takeBytes(n int, now time.Time) error {
	unlock := ch.lock(now)
	defer unlock()
	for _, b := range ch {
		if b.bytes.rate > 0 && b.bytes.tokens < float64(n) {
			return fmt.Errorf("%w: %s may send %s a second", protocol.ErrRateLimited, b.whose, size(int64(b.bytes.rate)))
		}
	}
	for _, b := range ch {
		b.bytes.take(float64(n))
	}
	return nil
}

// takeEvents takes up to n events from every budget of the chain and
// returns how many it took, and when fewer than n the error naming the
// budget that was short.
func (ch chain) takeEvents(n int, now time.Time) (int, error) {
	unlock := ch.lock(now)
	defer unlock()
	took, short := n, (*budget)(nil)
	for _, b := range ch {
		if b.events.rate > 0 && b.events.tokens < float64(took) {
			took, short = max(0, int(b.events.tokens)), b
		}
	}
	for _, b := range ch {
		b.events.take(float64(took))
	}
	if short != nil {
		return took, fmt.Errorf("%w: %s may publish %.0f events a second", protocol.ErrRateLimited, short.whose, short.events.rate)
	}
	return took, nil
}

// lock locks and refills every budget, in order, and returns the unlock.
func (ch chain) lock(now time.Time) func() {
	for _, b := range ch {
		b.mu.Lock()
		b.refillLocked(now)
	}
	return func() {
		for i := len(ch) - 1; i >= 0; i-- {
			ch[i].mu.Unlock()
		}
	}
}

// budgets holds the shared budgets of users or addresses. A budget is
// forgotten once its last connection has gone and it is full again.
type budgets struct {
	whose         string
	events, bytes float64

	mu    sync.Mutex
	m     map[string]*sharedBudget
	calls int
}

type sharedBudget struct {
	*budget
	conns int
}

func newBudgets(whose string, events, bytes float64) *budgets {
	return &budgets{whose: whose, events: events, bytes: bytes, m: map[string]*sharedBudget{}}
}

// acquire returns key's budget for one more connection.
func (bs *budgets) acquire(key string, now time.Time) *budget {
	bs.mu.Lock()
	defer bs.mu.Unlock()
	if bs.calls++; bs.calls%sweepEvery == 0 {
		for k, b := range bs.m {
			bs.forgetLocked(k, b, now)
		}
	}
	b := bs.m[key]
	if b == nil {
		b = &sharedBudget{budget: newBudget(bs.whose, bs.events, bs.bytes, now)}
		bs.m[key] = b
	}
	b.conns++
	return b.budget
}

// release gives back a connection's hold on key's budget.
func (bs *budgets) release(key string, now time.Time) {
	bs.mu.Lock()
	defer bs.mu.Unlock()
	if b := bs.m[key]; b != nil {
		b.conns--
		bs.forgetLocked(key, b, now)
	}
}

func (bs *budgets) forgetLocked(key string, b *sharedBudget, now time.Time) {
	if b.conns <= 0 && b.full(now) {
		delete(bs.m, key)
	}
}

// len counts the budgets held (for tests).
func (bs *budgets) len() int {
	bs.mu.Lock()
	defer bs.mu.Unlock()
	return len(bs.m)
}

// quotaState is the relay's shared budgets.
type quotaState struct {
	q     Quotas
	users *budgets
	addrs *budgets
}

func newQuotaState(q Quotas) *quotaState {
	return &quotaState{
		q:     q,
		users: newBudgets("your user", q.UserEvents, q.UserBytes),
		addrs: newBudgets("your address", q.AddrEvents, q.AddrBytes),
	}
}

// connQuota is a connection's budgets.
type connQuota struct {
	s     *quotaState
	addr  string
	user  model.UserID
	chain chain
	// refused counts publishes in a row of which no event was admitted.
	refused int
}

// count notes how many events of a publish were admitted: a connection
// that keeps publishing with none admitted is closed, as one that keeps
// sending past the message rate is.
func (cq *connQuota) count(c *conn, admitted int) {
	if admitted > 0 {
		cq.refused = 0
		return
	}
	if cq.refused++; cq.refused > maxStrikes {
		c.r.log.Warn("closing client publishing past its quota", "addr", c.addr, "user", c.user().Short())
		c.closeWith(protocol.CloseRateLimited, "too many refused messages")
	}
}

// newConnQuota starts a connection's budgets: its own and its address's.
func (s *quotaState) newConnQuota(addr string) *connQuota {
	now := time.Now()
	own := newBudget("this connection", s.q.ConnEvents, s.q.ConnBytes, now)
	return &connQuota{s: s, addr: addr, chain: chain{own, s.addrs.acquire(addr, now)}}
}

// authenticated adds the user's budget, once the handshake has named it.
func (cq *connQuota) authenticated(user model.UserID) {
	cq.user = user
	ub := cq.s.users.acquire(string(user), time.Now())
	cq.chain = chain{cq.chain[0], ub, cq.chain[1]}
}

// release gives back the connection's hold on the shared budgets.
func (cq *connQuota) release() {
	now := time.Now()
	cq.s.addrs.release(cq.addr, now)
	if cq.user != "" {
		cq.s.users.release(string(cq.user), now)
	}
}
