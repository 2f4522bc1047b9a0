package app

import (
	"errors"
	"sync"

	"github.com/scriptroom/scriptroom/internal/model"
	"github.com/scriptroom/scriptroom/internal/workspace"
	"github.com/scriptroom/scriptroom/sync/client"
	"github.com/scriptroom/scriptroom/sync/protocol"
)

// Setting keys used by Sync.
const (
	// settingRelayURL is the relay's WebSocket address; "" means offline.
	settingRelayURL = "sync.relay-url"
	// settingHostPort is the port of the relay this computer hosts, so that
	// it starts again with the app; "" when not hosting.
	settingHostPort = "sync.host-port"
)

var (
	// ErrBadRelayURL is returned when a relay address is not ws:// or wss://.
	ErrBadRelayURL = workspace.ErrBadRelayURL
	// ErrNoRelay is returned when sharing or joining with no relay set.
	ErrNoRelay = workspace.ErrNoRelay
	// ErrNotOwner is returned when someone other than a script's owner
	// shares it or invites to it.
	ErrNotOwner = workspace.ErrNotOwner
	// ErrNotShared is returned when inviting to a script not shared yet.
	ErrNotShared = workspace.ErrNotShared
	// ErrBadInviteLink is returned for a link that is not a Scriptroom
	// invite, or whose signature does not match.
	ErrBadInviteLink = workspace.ErrBadInviteLink
	// ErrInviteExpired is returned for an invite past its validity.
	ErrInviteExpired = errors.New("this invite has expired; ask the script's owner for a new one")
)

// Sync shares scripts through a relay: it keeps one sync client for the
// relay set in Settings, publishes the revisions of shared scripts, stores
// those that arrive, and reports status and presence to the window. It can
// also run a relay on this computer (sync_host.go).
type Sync struct {
	c *Core

	mu sync.Mutex
	// statusMu orders the status events (emitStatus).
	statusMu sync.Mutex
	relay    string
	client   *client.Client
	problem  string // last refusal reported by the client
	// joining maps a published room or member event to its room: the room
	// is joined once the relay acknowledged the event (joining earlier is
	// refused, as the room or the membership does not exist yet).
	joining  map[model.EventID]model.ScriptID
	presence map[model.ScriptID]map[model.UserID]PresenceUpdate
	host     *hostedRelay
	hooked   bool
	// review is told of events received (sync_review.go); nil when the
	// Review service is not made.
	review *Review

	queue *workQueue
}

// NewSync makes the Sync service. Call start once the library is open.
func NewSync(c *Core) *Sync {
	return &Sync{
		c:        c,
		joining:  map[model.EventID]model.ScriptID{},
		presence: map[model.ScriptID]map[model.UserID]PresenceUpdate{},
	}
}

// start starts the relay hosted here if it ran last time, and connects to
// the relay when one is set and the library has shared scripts (or events
// waiting to be sent). App.Startup calls it.
func (s *Sync) start() {
	s.mu.Lock()
	if s.queue == nil {
		s.queue = newWorkQueue()
	}
	if !s.hooked {
		s.hooked = true
		s.c.ws.OnCommit(s.committed)
		s.c.onRename(s.renamed)
	}
	s.mu.Unlock()
	if port, err := s.c.store.Setting(settingHostPort); err == nil && port != "" {
		if _, err := s.startHost(parsePort(port)); err != nil {
			s.setProblem("Could not host the relay again: " + err.Error())
		}
	}
	u, _ := s.c.store.Setting(settingRelayURL)
	if u == "" {
		return
	}
	rooms, _ := s.c.store.Rooms()
	out, _ := s.c.store.Outbox("")
	if len(rooms) > 0 || len(out) > 0 {
		s.connect(u)
	}
}

// stop disconnects and stops the relay hosted here; App.Shutdown calls it
// before the library closes.
func (s *Sync) stop() {
	if r := s.reviewService(); r != nil {
		r.flushSaves() // a proposal's last typing, into the outbox
	}
	s.mu.Lock()
	cl, q := s.client, s.queue
	s.client, s.queue = nil, nil
	s.mu.Unlock()
	if cl != nil {
		_ = cl.Stop()
	}
	if q != nil {
		q.close()
	}
	s.stopHost(false)
}

// Status is the connection's state, for the status bar.
func (s *Sync) Status() (SyncStatus, error) { return s.status(), nil }

func (s *Sync) status() SyncStatus {
	s.mu.Lock()
	cl, relay, problem, hosting := s.client, s.relay, s.problem, s.host != nil
	s.mu.Unlock()
	st := SyncStatus{State: string(client.StateOffline), Relay: relay, Hosting: hosting, Error: problem}
	if cl != nil {
		cs := cl.Status()
		st.State, st.Pending = string(cs.State), cs.Pending+cs.CatchingUp
		if cs.Err != "" {
			st.Error = cs.Err
		}
	}
	return st
}

// emitStatus tells the page the sync status and returns it. Statuses are
// computed and emitted one at a time, under statusMu, so one computed before
// a change never reaches the page after one computed since: the client's
// callbacks, commits and settings changes call this from different
// goroutines.
func (s *Sync) emitStatus() SyncStatus {
	s.statusMu.Lock()
	defer s.statusMu.Unlock()
	st := s.status()
	s.c.emit(EventSyncStatus, st)
	return st
}

// RelayURL is the relay set in Settings; "" when none.
func (s *Sync) RelayURL() (string, error) {
	u, err := s.c.store.Setting(settingRelayURL)
	if err != nil && !isNotFound(err) {
		return "", plain("Could not read your settings", err)
	}
	return u, nil
}

// SetRelayURL sets the relay's address (ws:// or wss://), or "" to stop
// syncing, and reconnects.
func (s *Sync) SetRelayURL(raw string) (SyncStatus, error) {
	doing := "Could not set the relay"
	u, err := workspace.CleanRelayURL(raw)
	if err != nil {
		return SyncStatus{}, &userError{msg: doing + ": " + err.Error(), err: err}
	}
	if err := s.c.store.PutSetting(settingRelayURL, u); err != nil {
		return SyncStatus{}, plain(doing, err)
	}
	if u == "" {
		s.disconnect()
	} else {
		s.connect(u)
	}
	return s.emitStatus(), nil
}

// connect makes the client for relay u (replacing one for another relay)
// and starts it.
func (s *Sync) connect(u string) *client.Client {
	s.mu.Lock()
	if s.client != nil && s.relay == u {
		cl := s.client
		s.mu.Unlock()
		return cl
	}
	old := s.client
	if s.queue == nil {
		s.queue = newWorkQueue()
	}
	cl := client.New(client.Config{
		URL:      u,
		Identity: s.c.identity(),
		Store:    s.c.store,
		OnStatus: func(client.Status) { s.emitStatus() },
		OnEvents: func(room model.ScriptID, evs []*model.Event) {
			s.enqueue(func() { s.apply(room, evs) })
		},
		OnPresence: s.onPresence,
		OnAck:      s.onAck,
		OnError: func(err error) {
			s.noteRefusal(err)
			s.setProblem(err.Error())
		},
	})
	s.client, s.relay, s.problem = cl, u, ""
	s.mu.Unlock()
	if old != nil {
		_ = old.Stop()
	}
	s.resumeJoins()
	cl.Start()
	return cl
}

// renamed reconnects with the writer's new name: the relay tells the others
// a writer's name from the connection's hello, so presence shows it.
func (s *Sync) renamed() {
	s.mu.Lock()
	u, running := s.relay, s.client != nil
	s.mu.Unlock()
	if running && u != "" {
		s.disconnect()
		s.connect(u)
		s.emitStatus()
	}
}

func (s *Sync) disconnect() {
	s.mu.Lock()
	cl := s.client
	s.client, s.relay = nil, ""
	s.mu.Unlock()
	if cl != nil {
		_ = cl.Stop()
	}
}

// resumeJoins finds room and member events still in the outbox (published
// before the app last quit), so their rooms are joined once acknowledged.
func (s *Sync) resumeJoins() {
	out, err := s.c.store.Outbox("")
	if err != nil {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, ev := range out {
		if ev.Kind == model.KindRoom || ev.Kind == model.KindMember {
			s.joining[ev.ID] = ev.Room
		}
	}
}

// onAck joins the rooms whose creation or membership the relay holds now.
func (s *Sync) onAck(ids []model.EventID) {
	s.mu.Lock()
	cl := s.client
	joined := map[model.EventID]model.ScriptID{}
	for _, id := range ids {
		if room, ok := s.joining[id]; ok {
			joined[id] = room
		}
	}
	s.mu.Unlock()
	for _, room := range joined {
		if cl != nil {
			if err := cl.Join(room); err != nil {
				s.setProblem(err.Error())
			}
		}
	}
	// Only now, so that the room counts as shared all along (isShared).
	s.mu.Lock()
	for id := range joined {
		delete(s.joining, id)
	}
	s.mu.Unlock()
}

func (s *Sync) setProblem(msg string) {
	s.mu.Lock()
	s.problem = msg
	s.mu.Unlock()
	s.emitStatus()
}

// activeClient is the running client; ErrNoRelay when none is set.
func (s *Sync) activeClient() (*client.Client, error) {
	s.mu.Lock()
	cl := s.client
	s.mu.Unlock()
	if cl != nil {
		return cl, nil
	}
	u, _ := s.c.store.Setting(settingRelayURL)
	if u == "" {
		return nil, ErrNoRelay
	}
	return s.connect(u), nil
}

// SetPresence tells the script's room which scene the writer is on and
// whether they are typing. It does nothing for a script not shared.
func (s *Sync) SetPresence(scriptID, scene string, typing bool) (bool, error) {
	s.mu.Lock()
	cl := s.client
	s.mu.Unlock()
	if cl == nil || !s.isShared(model.ScriptID(scriptID)) {
		return false, nil
	}
	cl.SetPresence(model.ScriptID(scriptID), scene, typing)
	return true, nil
}

// Presence lists the collaborators in a script's room now (not the writer).
func (s *Sync) Presence(scriptID string) ([]PresenceUpdate, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := []PresenceUpdate{}
	for _, p := range s.presence[model.ScriptID(scriptID)] {
		out = append(out, p)
	}
	return out, nil
}

func (s *Sync) onPresence(p protocol.Presence) {
	if p.User == s.c.identity().ID() {
		return
	}
	up := PresenceUpdate{Who: string(p.User), Name: p.Name, ScriptID: string(p.Room), Scene: p.Scene, Typing: p.Typing, Gone: p.Gone}
	s.mu.Lock()
	m := s.presence[p.Room]
	if m == nil {
		m = map[model.UserID]PresenceUpdate{}
		s.presence[p.Room] = m
	}
	if p.Gone {
		delete(m, p.User)
	} else {
		m[p.User] = up
	}
	s.mu.Unlock()
	s.c.emit(EventPresenceUpdate, up)
}

// isShared reports whether the script's room is joined (or being joined).
func (s *Sync) isShared(sid model.ScriptID) bool {
	rooms, err := s.c.store.Rooms()
	if err == nil {
		for _, r := range rooms {
			if r == sid {
				return true
			}
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, r := range s.joining {
		if r == sid {
			return true
		}
	}
	return false
}

func (s *Sync) enqueue(fn func()) {
	s.mu.Lock()
	q := s.queue
	s.mu.Unlock()
	if q != nil {
		q.push(fn)
	}
}
