package app

import (
	"fmt"

	"github.com/scriptroom/scriptroom/internal/model"
)

// apply folds events received from a room into the library in order
// (workspace.ApplyEvents), and tells the room's state (workspace.Rooms),
// the Review service and the window.
func (s *Sync) apply(room model.ScriptID, evs []*model.Event) {
	var keepMain func(*model.Event) bool
	if r := s.reviewService(); r != nil {
		keepMain = func(ev *model.Event) bool { return r.refusedMove(room, ev) }
	}
	got := s.c.ws.ApplyEvents(room, evs, keepMain)
	for _, err := range got.Errs {
		s.setProblem(fmt.Sprintf("Could not store a change received for a shared script: %v", err))
	}
	s.reviewReceived(room, evs)
	if got.Library {
		s.c.emit(EventLibraryChanged, LibraryChanged{ScriptID: string(room)})
	}
	if got.History {
		sc, _ := s.c.store.Script(room)
		s.c.emit(EventHistoryChanged, HistoryChanged{ScriptID: string(room), Head: string(sc.Head)})
	}
}
