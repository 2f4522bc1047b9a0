package natsbackend

import (
	"strconv"
	"sync"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/scriptroom/scriptroom/internal/model"
)

// Each append used to read the room's tail from the stream's leader before
// its duplicate check and its publish: three round trips. The tail a
// relay last saw of a room (its own last append, or an entry the stream
// published again to this relay) serves instead. It may be behind: the
// publish then fails JetStream's expected-last-subject-sequence check and
// the append reads the tail from the stream and offers the event again, as
// when another relay appended first. It is never ahead of the tail read
// before the duplicate check, which is what that check relies on.

// tailsKept bounds the rooms whose tail is kept; past it all are dropped.
const tailsKept = 16384

// tailCache is the tail last seen of each room.
type tailCache struct {
	mu sync.Mutex
	m  map[model.ScriptID]tail
}

func (c *tailCache) get(room model.ScriptID) (tail, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	t, ok := c.m[room]
	return t, ok
}

// saw records a tail seen: kept when it is past the one held (tails only
// grow), or always with replace (a tail just read from the stream, which
// may be shorter if the stream was restored from a backup).
func (c *tailCache) saw(room model.ScriptID, t tail, replace bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if old, ok := c.m[room]; ok && !replace && old.head >= t.head {
		return
	}
	if c.m == nil || len(c.m) >= tailsKept {
		c.m = make(map[model.ScriptID]tail)
	}
	c.m[room] = t
}

func (c *tailCache) drop(room model.ScriptID) {
	c.mu.Lock()
	defer c.mu.Unlock()
	delete(c.m, room)
}

// liveTail is the tail an entry published again by the stream makes: its
// room sequence number and size from the entry's headers, its stream
// sequence number from the one JetStream adds.
func liveTail(h nats.Header) (tail, bool) {
	seq, bytes, err := entryHeaders(h)
	if err != nil {
		return tail{}, false
	}
	stream, err := strconv.ParseUint(h.Get(jetstream.SequenceHeader), 10, 64)
	if err != nil || stream == 0 {
		return tail{}, false
	}
	return tail{head: seq, stream: stream, bytes: bytes}, true
}
