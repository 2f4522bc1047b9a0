package app

import (
	"errors"

	"github.com/scriptroom/scriptroom/internal/model"
	"github.com/scriptroom/scriptroom/internal/workspace"
	"github.com/scriptroom/scriptroom/sync/client"
	"github.com/scriptroom/scriptroom/sync/protocol"
)

// setReview attaches the Review service, which Sync tells of events
// received and asks to publish pending saves before stopping.
func (s *Sync) setReview(r *Review) {
	s.mu.Lock()
	s.review = r
	s.mu.Unlock()
}

func (s *Sync) reviewService() *Review {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.review
}

// publishEvent publishes a signed event of any kind: through the client
// when one runs, else straight into the outbox, which the client sends when
// it connects. Either way the event is durable when it returns. Review keeps
// it in view until it comes back from the relay (between the relay's ack
// and its echo it is in neither the outbox nor the replica).
func (s *Sync) publishEvent(ev *model.Event) error {
	s.mu.Lock()
	cl := s.client
	s.mu.Unlock()
	var err error
	if cl != nil {
		err = cl.Publish(ev)
	} else {
		err = s.c.store.Enqueue(ev.Room, ev)
	}
	if err != nil {
		return err
	}
	s.c.ws.Rooms().Published(ev)
	return nil
}

// takesDeltas reports whether revisions may be published with their text
// as a delta: not when the relay said it takes whole texts only (see
// client.Client.TakesRevisionDeltas); offline, the relay is assumed to.
func (s *Sync) takesDeltas() bool {
	s.mu.Lock()
	cl := s.client
	s.mu.Unlock()
	return cl == nil || cl.TakesRevisionDeltas()
}

// isReviewEvent reports whether ev changes a room's review: a proposal's
// revision, any branch move (main's makes proposals outdated), a status or
// a comment.
func isReviewEvent(ev *model.Event) bool {
	switch ev.Kind {
	case model.KindBranch, model.KindStatus, model.KindComment, model.KindProduction:
		return true
	case model.KindRevision:
		return workspace.OnBranch(ev) // a proposal's revision
	}
	return false
}

// reviewReceived tells the Review service and the window that events of
// room arrived.
func (s *Sync) reviewReceived(room model.ScriptID, evs []*model.Event) {
	s.c.ws.Rooms().Received(room, evs)
	for _, ev := range evs {
		if isReviewEvent(ev) {
			s.c.emit(EventReviewChanged, ReviewChanged{ScriptID: string(room)})
			return
		}
	}
}

// noteRefusal remembers the rooms the relay refused to let the writer read
// (their role was revoked), so Review can say so in words: a forbidden
// join, or the relay telling a joined connection to leave.
func (s *Sync) noteRefusal(err error) {
	if room, ok := revokedRoom(err); ok {
		s.c.ws.Rooms().Revoke(room)
	}
}

// revokedRoom reports the room whose access err says was revoked: a
// client.RoomError for joining (or staying in) a room, with the wire code
// forbidden.
func revokedRoom(err error) (model.ScriptID, bool) {
	var re *client.RoomError
	if !errors.As(err, &re) || re.Op != client.OpJoin || re.Code != protocol.CodeForbidden {
		return "", false
	}
	return re.Room, true
}
