package client

import (
	"fmt"
	"time"

	"github.com/scriptroom/scriptroom/internal/model"
	"github.com/scriptroom/scriptroom/sync/protocol"
)

// quotaWait is how long a room whose events the relay refused for its
// quota (quota_exceeded) waits before they are sent again: until the relay's
// operator raises the quota, sending them again would only be refused. The
// events stay in the outbox meanwhile.
const quotaWait = 5 * time.Minute

// quotaRefused holds room's publishing for quotaWait after the relay
// refused n of its events for a quota, and reports it once per hold, as a
// *RoomError with the code quota_exceeded.
func (s *session) quotaRefused(room model.ScriptID, n int, refusal *protocol.Error) {
	if s.quotaHeld == nil {
		s.quotaHeld = map[model.ScriptID]time.Time{}
	}
	if _, held := s.quotaHeld[room]; !held {
		s.c.report(newRoomError(room, OpPublish, "",
			fmt.Errorf("the relay refused %d events for a quota; they wait here and are sent again in %v: %w", n, quotaWait, refusal)))
	}
	s.quotaHeld[room] = s.now.Add(quotaWait)
}

// quotaHolds reports whether room's publishing is held for a quota.
func (s *session) quotaHolds(room model.ScriptID) bool {
	return s.now.Before(s.quotaHeld[room])
}

// endQuotaHolds ends the holds that are over, so that the next flush sends
// their events again.
func (s *session) endQuotaHolds() {
	for room, until := range s.quotaHeld {
		if !s.now.Before(until) {
			delete(s.quotaHeld, room)
			s.dirty = true
		}
	}
}
