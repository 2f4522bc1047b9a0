package main

import (
	"context"
	"fmt"
	"math"
	"sort"
	"strconv"

	"github.com/scriptroom/scriptroom/internal/model"
	"github.com/scriptroom/scriptroom/sync/protocol"
)

// roomsPerOwner is how many rooms one owner identity creates, well within a
// relay's default rooms-per-user quota.
const roomsPerOwner = 100

// createRooms creates the run's public rooms, a new owner every
// roomsPerOwner rooms, each on the relays in turn.
func (l *load) createRooms(ctx context.Context) error {
	var w *wire
	defer func() {
		if w != nil {
			w.close()
		}
	}()
	var owner *model.Identity
	for n := range l.cfg.Rooms {
		if n%roomsPerOwner == 0 {
			if w != nil {
				w.close()
			}
			var err error
			if owner, err = model.NewIdentity("Bench owner " + strconv.Itoa(n/roomsPerOwner)); err != nil {
				return err
			}
			w = newWire(l, owner, n/roomsPerOwner)
			if err := w.connect(ctx); err != nil {
				return fmt.Errorf("%w: %v", errSetup, err)
			}
		}
		e, err := newRoom(owner, n)
		if err != nil {
			return err
		}
		if err := w.send(&protocol.Publish{Ref: "room", Room: e.Room, Events: []*model.Event{e}}); err != nil {
			return fmt.Errorf("%w: create room %d: %v", errSetup, n, err)
		}
		if err := awaitStored(w, e.Room); err != nil {
			return fmt.Errorf("%w: create room %d: %v", errSetup, n, err)
		}
		l.rooms = append(l.rooms, e.Room)
		l.acked[e.Room] = map[uint64]bool{}
	}
	return nil
}

// awaitStored reads up to the ack of a one-event publish to room and
// checks the event was stored.
func awaitStored(w *wire, room model.ScriptID) error {
	for {
		m, err := readMessage(w.ws)
		if err != nil {
			return err
		}
		switch m := m.(type) {
		case *protocol.Ack:
			if m.Room != room || len(m.Results) != 1 {
				continue
			}
			if r := m.Results[0]; r.Error != nil {
				return r.Error
			}
			return nil
		case *protocol.ErrorMsg:
			return m.Err()
		}
	}
}

// percentile is the p-th percentile of samples (nearest rank), 0 for none.
func percentile(samples []float64, p float64) float64 {
	if len(samples) == 0 {
		return 0
	}
	s := append([]float64(nil), samples...)
	sort.Float64s(s)
	i := int(math.Ceil(p/100*float64(len(s)))) - 1
	return math.Round(s[max(i, 0)]*100) / 100
}
