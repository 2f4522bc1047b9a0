package natsbackend

import (
	"fmt"
	"sync"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/scriptroom/scriptroom/internal/model"
)

// roomsTTL is how long Rooms' answer is reused: counting asks the stream.
const roomsTTL = 5 * time.Second

type roomsCache struct {
	mu   sync.Mutex
	at   time.Time
	n    int
	last error
}

// subjectCount is how many messages the stream holds on subject.
func (b *Backend) subjectCount(subject string) (int, error) {
	ctx, cancel := ctxOp()
	defer cancel()
	info, err := b.stream.Info(ctx, jetstream.WithSubjectFilter(subject))
	if err != nil {
		return 0, err
	}
	return int(info.State.Subjects[subject]), nil
}

// roomsCreated is how many rooms user has created, over all relays.
func (b *Backend) roomsCreated(user model.UserID) (int, error) {
	if !isHex(string(user)) {
		return 0, fmt.Errorf("%w: user %.70q", ErrBadID, string(user))
	}
	n, err := b.subjectCount(subjCreators + string(user))
	if err != nil {
		return 0, fmt.Errorf("count rooms created by %s: %w", user.Short(), err)
	}
	return n, nil
}

// recordCreated counts a room its first event just created. The room is
// stored already: a failure here is logged, and only makes the counts
// low.
func (b *Backend) recordCreated(room model.ScriptID, user model.UserID) {
	ctx, cancel := ctxOp()
	defer cancel()
	if _, err := b.js.Publish(ctx, subjCreated, []byte(room)); err != nil {
		b.log.Warn("count a new room", "room", room, "err", err)
	}
	if _, err := b.js.Publish(ctx, subjCreators+string(user), []byte(room)); err != nil {
		b.log.Warn("count a new room for its creator", "room", room, "user", user.Short(), "err", err)
	}
}

// Rooms implements relay.Backend: the rooms created over all relays,
// counted at most every roomsTTL.
func (b *Backend) Rooms() (int, error) {
	c := &b.rooms
	c.mu.Lock()
	defer c.mu.Unlock()
	if time.Since(c.at) >= roomsTTL {
		c.n, c.last = b.subjectCount(subjCreated)
		c.at = time.Now()
	}
	return c.n, c.last
}
