package natsbackend

import (
	"errors"
	"fmt"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/scriptroom/scriptroom/internal/model"
	"github.com/scriptroom/scriptroom/sync/protocol"
)

// Read implements relay.Backend.
func (b *Backend) Read(room model.ScriptID, after uint64, limit int) ([]protocol.Entry, error) {
	if err := checkRoom(room); err != nil {
		return nil, err
	}
	t, err := b.tailOf(room)
	if err != nil || after >= t.head || limit <= 0 {
		return nil, err
	}
	start, err := b.streamSeqAfter(room, after, t)
	if err != nil {
		return nil, fmt.Errorf("read room %s after %d: %w", room, after, err)
	}
	var out []protocol.Entry
	add := func(h nats.Header, data []byte) (bool, error) {
		en, err := entry(h, data)
		if err != nil {
			return false, err
		}
		if en.Seq > after {
			out = append(out, en)
		}
		return len(out) < limit, nil
	}
	if min(t.head-after, uint64(limit)) <= fewEntries {
		err = b.scanEach(roomSubject(room), start, t.stream, func(m *jetstream.RawStreamMsg) (bool, error) { return add(m.Header, m.Data) })
	} else {
		err = b.scan(roomSubject(room), start, t.stream, func(m jetstream.Msg) (bool, error) { return add(m.Headers(), m.Data()) })
	}
	if err != nil {
		return nil, fmt.Errorf("read room %s after %d: %w", room, after, err)
	}
	return out, nil
}

// streamSeqAfter finds, by bisection over the stream, the stream sequence
// number from which room's entries have room sequence numbers above after.
func (b *Backend) streamSeqAfter(room model.ScriptID, after uint64, t tail) (uint64, error) {
	if after == 0 {
		return 1, nil
	}
	lo, hi := uint64(1), t.stream
	for lo <= hi {
		mid := lo + (hi-lo)/2
		m, err := b.nextMsg(mid, roomSubject(room))
		if errors.Is(err, jetstream.ErrMsgNotFound) {
			hi = mid - 1
			continue
		}
		if err != nil {
			return 0, err
		}
		seq, _, err := entryHeaders(m.Header)
		if err != nil {
			return 0, err
		}
		if seq <= after {
			lo = m.Sequence + 1
		} else {
			hi = mid - 1
		}
	}
	return lo, nil
}

// fewEntries is how many entries a read fetches one by one rather than
// with a consumer, which costs the cluster more to make and remove.
const fewEntries = 32

// scanEach calls fn with the messages of filter from stream sequence start
// to end, in order, until fn returns false, asking for each in turn.
func (b *Backend) scanEach(filter string, start, end uint64, fn func(*jetstream.RawStreamMsg) (bool, error)) error {
	for seq := start; seq <= end; {
		m, err := b.nextMsg(seq, filter)
		if errors.Is(err, jetstream.ErrMsgNotFound) {
			return nil
		}
		if err != nil {
			return err
		}
		if m.Sequence > end {
			return nil
		}
		if more, err := fn(m); err != nil || !more {
			return err
		}
		seq = m.Sequence + 1
	}
	return nil
}

// scan calls fn with the messages of filter from stream sequence start to
// end, in order, until fn returns false.
func (b *Backend) scan(filter string, start, end uint64, fn func(jetstream.Msg) (bool, error)) error {
	if start > end {
		return nil
	}
	deadline := time.Now().Add(opTimeout)
	for next := start; ; {
		err := b.scanOnce(filter, next, end, func(m jetstream.Msg, seq uint64) (bool, error) {
			next = seq + 1
			return fn(m)
		})
		if err == nil || !transient(err) || time.Now().After(deadline) {
			return err
		}
		// The consumer went with a node or a leader: a new one resumes.
		time.Sleep(50 * time.Millisecond)
	}
}

// scanOnce is scan with one consumer; fn also gets the stream sequence.
func (b *Backend) scanOnce(filter string, start, end uint64, fn func(jetstream.Msg, uint64) (bool, error)) error {
	if start > end {
		return nil
	}
	cons, err := b.orderedConsumer(jetstream.OrderedConsumerConfig{
		FilterSubjects:    []string{filter},
		DeliverPolicy:     jetstream.DeliverByStartSequencePolicy,
		OptStartSeq:       start,
		InactiveThreshold: 30 * time.Second,
	})
	if err != nil {
		return fmt.Errorf("make a consumer: %w", err)
	}
	defer func() {
		if info := cons.CachedInfo(); info != nil {
			ctx, cancel := ctxOp()
			b.js.DeleteConsumer(ctx, b.name, info.Name)
			cancel()
		}
	}()
	for {
		batch, err := cons.Fetch(256, jetstream.FetchMaxWait(opTimeout))
		if err != nil {
			return fmt.Errorf("fetch: %w", err)
		}
		n := 0
		for m := range batch.Messages() {
			n++
			md, err := m.Metadata()
			if err != nil {
				return err
			}
			seq := md.Sequence.Stream
			if seq > end {
				return nil
			}
			more, err := fn(m, seq)
			if err != nil || !more || seq == end {
				return err
			}
		}
		if err := batch.Error(); err != nil {
			return fmt.Errorf("fetch: %w", err)
		}
		if n == 0 {
			return fmt.Errorf("%w: the stream ended before sequence %d", ErrBadEntry, end)
		}
	}
}

// ReadACL implements relay.Backend.
func (b *Backend) ReadACL(room model.ScriptID, fn func(*model.Event)) error {
	return b.ReadACLBetween(room, 0, ^uint64(0), fn)
}

// ReadACLBetween implements relay.SharedBackend.
func (b *Backend) ReadACLBetween(room model.ScriptID, after, upto uint64, fn func(*model.Event)) error {
	if err := checkRoom(room); err != nil {
		return err
	}
	last, err := b.lastMsg(aclSubject(room))
	if errors.Is(err, jetstream.ErrMsgNotFound) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("read rights of room %s: %w", room, err)
	}
	if seq, _, err := entryHeaders(last.Header); err == nil && seq <= after {
		return nil // no rights changed since
	}
	err = b.scanEach(aclSubject(room), 1, last.Sequence, func(m *jetstream.RawStreamMsg) (bool, error) {
		en, err := entry(m.Header, m.Data)
		if err != nil {
			return false, err
		}
		if en.Seq > upto {
			return false, nil
		}
		if en.Seq > after {
			fn(en.Event)
		}
		return true, nil
	})
	if err != nil {
		return fmt.Errorf("read rights of room %s: %w", room, err)
	}
	return nil
}
