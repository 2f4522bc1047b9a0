package natsbackend

import (
	"context"
	"errors"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
)

// transient reports an error that a moment later may not have: no server
// answered (the stream's leader is being elected after a node left) or
// JetStream is not ready yet.
func transient(err error) bool {
	if errors.Is(err, nats.ErrNoResponders) || errors.Is(err, nats.ErrTimeout) || errors.Is(err, context.DeadlineExceeded) {
		return true
	}
	var api *jetstream.APIError
	return errors.As(err, &api) && api.Code == 503
}

// attemptTimeout bounds one attempt of a retried read.
const attemptTimeout = 2 * time.Second

// retried runs the read op until it succeeds, fails for good or opTimeout
// has passed, waiting a little longer each time.
func retried[T any](op func(context.Context) (T, error)) (T, error) {
	deadline := time.Now().Add(opTimeout)
	wait := 10 * time.Millisecond
	for {
		// One attempt may wait on a leader that is not there yet: a later
		// one reaches the new leader.
		end := time.Now().Add(attemptTimeout)
		if end.After(deadline) {
			end = deadline
		}
		ctx, cancel := context.WithDeadline(context.Background(), end)
		v, err := op(ctx)
		cancel()
		if err == nil || !transient(err) || time.Now().Add(wait).After(deadline) {
			return v, err
		}
		time.Sleep(wait)
		wait = min(2*wait, 500*time.Millisecond)
	}
}

// lastMsg is the stream's last message on subject (a filter).
func (b *Backend) lastMsg(subject string) (*jetstream.RawStreamMsg, error) {
	return retried(func(ctx context.Context) (*jetstream.RawStreamMsg, error) {
		return b.stream.GetLastMsgForSubject(ctx, subject)
	})
}

// nextMsg is the stream's first message on subject at or after seq.
func (b *Backend) nextMsg(seq uint64, subject string) (*jetstream.RawStreamMsg, error) {
	return retried(func(ctx context.Context) (*jetstream.RawStreamMsg, error) {
		return b.stream.GetMsg(ctx, seq, jetstream.WithGetMsgSubject(subject))
	})
}

// orderedConsumer makes an ordered consumer of the stream.
func (b *Backend) orderedConsumer(cfg jetstream.OrderedConsumerConfig) (jetstream.Consumer, error) {
	return retried(func(ctx context.Context) (jetstream.Consumer, error) {
		return b.js.OrderedConsumer(ctx, b.name, cfg)
	})
}
