package natsbackend

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/scriptroom/scriptroom/internal/model"
	"github.com/scriptroom/scriptroom/sync/protocol"
	"github.com/scriptroom/scriptroom/sync/relay"
)

// Subjects and headers; every one is here.
const (
	subjRooms     = "scriptroom.rooms."
	subjCreated   = "scriptroom.created"
	subjCreators  = "scriptroom.creators."
	subjPresence  = "scriptroom.presence."
	subjLive      = "scriptroom.live."
	hdrSeq        = "Scriptroom-Seq"
	hdrBytes      = "Scriptroom-Bytes"
	hdrOrigin     = "Scriptroom-Relay"
	kindACL       = "a"
	kindOther     = "e"
	defaultStream = "SCRIPTROOM"
)

// opTimeout bounds one request to JetStream.
const opTimeout = 10 * time.Second

// maxRetries is how many times one event is tried again after other relays
// stored first, before Append gives up with ErrContention.
const maxRetries = 200

// Options configure Open.
type Options struct {
	// URLs are the NATS servers, comma-separated (nats://h1:4222,nats://h2:4222).
	URLs string
	// Creds is a NATS credentials file; empty for none.
	Creds string
	// Replicas is the stream's replica count when this relay creates or
	// updates it. Default 1.
	Replicas int
	// Stream is the stream's name. Default SCRIPTROOM.
	Stream string
	// Name names the connection in the NATS server's monitoring.
	Name string
	// Logger receives connection events. Default slog.Default().
	Logger *slog.Logger
}

// Backend is a relay.Backend on NATS JetStream.
type Backend struct {
	nc     *nats.Conn
	js     jetstream.JetStream
	stream jetstream.Stream
	name   string
	log    *slog.Logger
	origin string // this backend's id, to skip its own presence frames

	mu    sync.Mutex
	hubs  map[model.ScriptID]*hub
	locks map[model.ScriptID]*roomLock

	retries atomic.Int64
	rooms   roomsCache
	tails   tailCache
}

// roomLock serialises this relay's appends to one room (other relays are
// serialised by JetStream); it lives while a call holds it.
type roomLock struct {
	refs int
	mu   sync.Mutex
}

// Open connects to NATS and makes or updates the stream.
func Open(opts Options) (*Backend, error) {
	if strings.TrimSpace(opts.URLs) == "" {
		return nil, ErrNoURL
	}
	if opts.Replicas == 0 {
		opts.Replicas = 1
	}
	if opts.Replicas < 1 || opts.Replicas > 5 {
		return nil, fmt.Errorf("%w: got %d", ErrReplicas, opts.Replicas)
	}
	if opts.Stream == "" {
		opts.Stream = defaultStream
	}
	if opts.Logger == nil {
		opts.Logger = slog.Default()
	}
	log := opts.Logger
	var self atomic.Pointer[Backend] // for the reconnect handler
	copts := []nats.Option{
		nats.Name(opts.Name),
		nats.MaxReconnects(-1),
		nats.ReconnectWait(250 * time.Millisecond),
		nats.DisconnectErrHandler(func(_ *nats.Conn, err error) {
			if err != nil { // nil: closed on purpose
				log.Warn("nats disconnected", "err", err)
			}
		}),
		nats.ReconnectHandler(func(nc *nats.Conn) {
			log.Info("nats reconnected", "server", nc.ConnectedUrlRedacted())
			if b := self.Load(); b != nil {
				go b.reconnected()
			}
		}),
	}
	if opts.Creds != "" {
		copts = append(copts, nats.UserCredentials(opts.Creds))
	}
	nc, err := nats.Connect(opts.URLs, copts...)
	if err != nil {
		return nil, fmt.Errorf("connect to NATS %s: %w", opts.URLs, err)
	}
	js, err := jetstream.New(nc)
	if err != nil {
		nc.Close()
		return nil, fmt.Errorf("jetstream: %w", err)
	}
	cfg := jetstream.StreamConfig{
		Name:        opts.Stream,
		Description: "Scriptroom room logs",
		Subjects:    []string{subjRooms + ">", subjCreated, subjCreators + "*"},
		Storage:     jetstream.FileStorage,
		Replicas:    opts.Replicas,
		Retention:   jetstream.LimitsPolicy,
		Discard:     jetstream.DiscardNew,
		MaxMsgSize:  protocol.MaxMessageBytes,
		DenyDelete:  true,
		// Each stored entry is published again on scriptroom.live.<room>...
		// by the stream's leader: what relays follow their rooms by.
		RePublish: &jetstream.RePublish{Source: subjRooms + ">", Destination: subjLive + ">"},
		// Reads go to the stream's leader: a replica's direct answer may be
		// behind, and a duplicate check must not be.
		AllowDirect: false,
	}
	stream, err := openStream(js, cfg)
	if err == nil {
		// Returned once the stream's leader answers reads.
		_, err = retried(func(ctx context.Context) (*jetstream.RawStreamMsg, error) {
			m, err := stream.GetLastMsgForSubject(ctx, subjCreated)
			if errors.Is(err, jetstream.ErrMsgNotFound) {
				err = nil
			}
			return m, err
		})
	}
	if err != nil {
		nc.Close()
		return nil, fmt.Errorf("open stream %s on %s: %w", opts.Stream, opts.URLs, err)
	}
	b := &Backend{
		nc: nc, js: js, stream: stream, name: opts.Stream, log: log,
		origin: nats.NewInbox(),
		hubs:   map[model.ScriptID]*hub{},
		locks:  map[model.ScriptID]*roomLock{},
	}
	self.Store(b)
	return b, nil
}

func ctxOp() (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.Background(), opTimeout)
}

func isHex(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range s {
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
			return false
		}
	}
	return true
}

// roomSubject is the filter of all of a room's entries.
func roomSubject(room model.ScriptID) string { return subjRooms + string(room) + ".>" }

// aclSubject is the filter of a room's entries that change rights.
func aclSubject(room model.ScriptID) string { return subjRooms + string(room) + "." + kindACL + ".*" }

// eventSubject is the subject of one event.
func eventSubject(room model.ScriptID, e *model.Event) string {
	k := kindOther
	if model.IsACLKind(e.Kind) {
		k = kindACL
	}
	return subjRooms + string(room) + "." + k + "." + string(e.ID)
}

func checkRoom(room model.ScriptID) error {
	if !isHex(string(room)) {
		return fmt.Errorf("%w: room %.40q", ErrBadID, string(room))
	}
	return nil
}

// tail is where a room's log ends.
type tail struct {
	head   uint64 // room sequence number of the last entry
	stream uint64 // its stream sequence number
	bytes  int64  // the room's size
}

// tailOf reads the end of room's log; the zero tail for a room without one.
func (b *Backend) tailOf(room model.ScriptID) (tail, error) {
	m, err := b.lastMsg(roomSubject(room))
	if errors.Is(err, jetstream.ErrMsgNotFound) {
		return tail{}, nil
	}
	if err != nil {
		return tail{}, fmt.Errorf("read the head of room %s: %w", room, err)
	}
	seq, bytes, err := entryHeaders(m.Header)
	if err != nil {
		return tail{}, fmt.Errorf("room %s, stream seq %d: %w", room, m.Sequence, err)
	}
	return tail{head: seq, stream: m.Sequence, bytes: bytes}, nil
}

func entryHeaders(h nats.Header) (seq uint64, bytes int64, err error) {
	seq, err1 := strconv.ParseUint(h.Get(hdrSeq), 10, 64)
	bytes, err2 := strconv.ParseInt(h.Get(hdrBytes), 10, 64)
	if err1 != nil || err2 != nil || seq == 0 {
		return 0, 0, fmt.Errorf("%w: headers %s=%q %s=%q", ErrBadEntry, hdrSeq, h.Get(hdrSeq), hdrBytes, h.Get(hdrBytes))
	}
	return seq, bytes, nil
}

// entry decodes a stored room message.
func entry(h nats.Header, data []byte) (protocol.Entry, error) {
	seq, _, err := entryHeaders(h)
	if err != nil {
		return protocol.Entry{}, err
	}
	e := new(model.Event)
	if err := json.Unmarshal(data, e); err != nil {
		return protocol.Entry{}, fmt.Errorf("%w: entry %d: %v", ErrBadEntry, seq, err)
	}
	return protocol.Entry{Seq: seq, Event: e}, nil
}

// Head implements relay.SharedBackend.
func (b *Backend) Head(room model.ScriptID) (uint64, error) {
	if err := checkRoom(room); err != nil {
		return 0, err
	}
	t, err := b.tailOf(room)
	return t.head, err
}

func (b *Backend) lock(room model.ScriptID) *roomLock {
	b.mu.Lock()
	l := b.locks[room]
	if l == nil {
		l = &roomLock{}
		b.locks[room] = l
	}
	l.refs++
	b.mu.Unlock()
	l.mu.Lock()
	return l
}

func (b *Backend) unlock(room model.ScriptID, l *roomLock) {
	l.mu.Unlock()
	b.mu.Lock()
	if l.refs--; l.refs == 0 {
		delete(b.locks, room)
	}
	b.mu.Unlock()
}

// stored looks an event up by id: its sequence number if the room holds it.
func (b *Backend) stored(room model.ScriptID, e *model.Event) (uint64, bool, error) {
	m, err := b.lastMsg(eventSubject(room, e))
	if errors.Is(err, jetstream.ErrMsgNotFound) {
		return 0, false, nil
	}
	if err != nil {
		return 0, false, fmt.Errorf("look up event %s: %w", e.ID.Short(), err)
	}
	seq, _, err := entryHeaders(m.Header)
	return seq, err == nil, err
}

// wrongLast reports a publish refused because the room's log moved on.
func wrongLast(err error) bool {
	var api *jetstream.APIError
	return errors.As(err, &api) && (api.ErrorCode == jetstream.JSErrCodeStreamWrongLastSequence ||
		api.ErrorCode == jetstream.JSErrCodeStreamWrongLastSequenceConstant)
}

// Append implements relay.Backend. Each event is looked up by id, offered
// to accept with the room's head, and published expecting that head; when
// another relay stored first, the head is read again and the event offered
// again. Should Append fail part way (NATS gone), the events before the
// failure are stored: publishing them again finds them as duplicates.
func (b *Backend) Append(room model.ScriptID, events []*model.Event, accept func(*model.Event, relay.Usage) error) ([]relay.Appended, error) {
	if err := checkRoom(room); err != nil {
		return nil, err
	}
	for _, e := range events {
		if !isHex(string(e.ID)) {
			return nil, fmt.Errorf("append to room %s: %w: event %.70q", room, ErrBadID, string(e.ID))
		}
	}
	l := b.lock(room)
	defer b.unlock(room, l)
	out := make([]relay.Appended, len(events))
	t, known := b.tails.get(room)
	if !known {
		var err error
		if t, err = b.tailOf(room); err != nil {
			return nil, fmt.Errorf("append to room %s: %w", room, err)
		}
	}
	here := map[model.EventID]uint64{} // stored by this call
	for i, retries := 0, 0; i < len(events); {
		e := events[i]
		if seq, ok := here[e.ID]; ok {
			out[i] = relay.Appended{Seq: seq, Duplicate: true}
			i++
			continue
		}
		// The head (read, or last seen: tails.go) is from before the
		// lookup, so that an event stored after the lookup moves the head
		// and fails the publish below.
		seq, dup, err := b.stored(room, e)
		if err != nil {
			return nil, fmt.Errorf("append to room %s: %w", room, err)
		}
		if dup {
			out[i] = relay.Appended{Seq: seq, Duplicate: true}
			i++
			continue
		}
		data, err := json.Marshal(e)
		if err != nil {
			return nil, fmt.Errorf("append to room %s: encode event %s: %w", room, e.ID.Short(), err)
		}
		u := relay.Usage{Bytes: int64(len(data)), RoomBytes: t.bytes, Head: t.head}
		if t.head == 0 {
			u.Creates = true
			if u.CreatorRooms, err = b.roomsCreated(e.Author); err != nil {
				return nil, fmt.Errorf("append to room %s: %w", room, err)
			}
		}
		if err := accept(e, u); err != nil {
			out[i] = relay.Appended{Err: err}
			i++
			continue
		}
		msg := &nats.Msg{Subject: eventSubject(room, e), Data: data, Header: nats.Header{}}
		msg.Header.Set(hdrSeq, strconv.FormatUint(t.head+1, 10))
		msg.Header.Set(hdrBytes, strconv.FormatInt(t.bytes+u.Bytes, 10))
		ctx, cancel := ctxOp()
		ack, err := b.js.PublishMsg(ctx, msg, jetstream.WithExpectLastSequenceForSubject(t.stream, roomSubject(room)))
		cancel()
		if wrongLast(err) {
			b.retries.Add(1)
			if retries++; retries > maxRetries {
				return nil, fmt.Errorf("append to room %s: %w (%d retries)", room, ErrContention, retries)
			}
			if t, err = b.tailOf(room); err != nil {
				b.tails.drop(room)
				return nil, fmt.Errorf("append to room %s: %w", room, err)
			}
			b.tails.saw(room, t, true)
			continue
		}
		if err != nil {
			b.tails.drop(room)
			return nil, fmt.Errorf("append to room %s: publish event %s: %w", room, e.ID.Short(), err)
		}
		if t.head == 0 {
			b.recordCreated(room, e.Author)
		}
		t = tail{head: t.head + 1, stream: ack.Sequence, bytes: t.bytes + u.Bytes}
		b.tails.saw(room, t, false)
		out[i] = relay.Appended{Seq: t.head}
		here[e.ID] = t.head
		retries = 0
		i++
	}
	return out, nil
}

// openStream opens the stream, creating it, or updating it when its
// subjects or replicas differ from cfg. Relays started together find it
// made by the first.
func openStream(js jetstream.JetStream, cfg jetstream.StreamConfig) (jetstream.Stream, error) {
	deadline := time.Now().Add(3 * opTimeout)
	for {
		s, err := retried(func(ctx context.Context) (jetstream.Stream, error) { return js.Stream(ctx, cfg.Name) })
		if errors.Is(err, jetstream.ErrStreamNotFound) {
			// Several relays may create it at once; all but one then wait
			// on the server, and find it made when they look again.
			ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
			s, err = js.CreateStream(ctx, cfg)
			cancel()
			if err == nil {
				return s, nil
			}
			if errors.Is(err, jetstream.ErrStreamNameAlreadyInUse) || transient(err) && time.Now().Before(deadline) {
				continue
			}
			return nil, err
		}
		if err != nil {
			return nil, err
		}
		have := s.CachedInfo().Config
		if have.Replicas == cfg.Replicas && slices.Equal(have.Subjects, cfg.Subjects) && have.RePublish != nil && *have.RePublish == *cfg.RePublish {
			return s, nil
		}
		return retried(func(ctx context.Context) (jetstream.Stream, error) { return js.UpdateStream(ctx, cfg) })
	}
}

// Check implements relay.Backend: NATS is connected and the stream answers.
func (b *Backend) Check() error {
	if s := b.nc.Status(); s != nats.CONNECTED {
		return fmt.Errorf("NATS connection is %s", s)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	if _, err := b.stream.Info(ctx); err != nil {
		return fmt.Errorf("stream %s: %w", b.name, err)
	}
	return nil
}

// Close implements relay.Backend: it stops following rooms and closes the
// NATS connection.
func (b *Backend) Close() error {
	b.mu.Lock()
	hubs := b.hubs
	b.hubs = map[model.ScriptID]*hub{}
	b.mu.Unlock()
	for _, h := range hubs {
		h.mu.Lock()
		h.stop()
		h.mu.Unlock()
	}
	b.nc.Close()
	return nil
}

var (
	_ relay.SharedBackend = (*Backend)(nil)
	_ relay.MetricsSource = (*Backend)(nil)
)
