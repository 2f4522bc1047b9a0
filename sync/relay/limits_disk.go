package relay

import (
	"fmt"
	"sync"
	"time"

	"github.com/scriptroom/scriptroom/internal/model"
	"github.com/scriptroom/scriptroom/sync/protocol"
)

// DefaultMinFreeDisk is how much space the relay leaves free on the disk
// holding its log, by default.
const DefaultMinFreeDisk = 1 << 30

// diskRefresh is how often the disk's free space is asked again; in
// between, the events stored are taken off the last answer.
const diskRefresh = time.Second

// SpaceReporter is a Backend that can tell how much space its disk has
// left (BoltBackend can, on Linux and macOS); known is false when it
// cannot tell.
type SpaceReporter interface {
	FreeBytes() (free int64, known bool)
}

// diskGuard refuses events that would leave less than min bytes free on the
// log's disk, so that no number of clients, users and rooms, each within
// its quotas, can fill it: a full disk fails every write of every room.
type diskGuard struct {
	min int64
	src SpaceReporter

	mu      sync.Mutex
	checked time.Time
	free    int64
	known   bool
}

// newDiskGuard guards backend's disk when it can report its space and min
// is positive; otherwise it returns nil, which guards nothing.
func newDiskGuard(backend Backend, min int64) *diskGuard {
	src, ok := backend.(SpaceReporter)
	if !ok || min <= 0 {
		return nil
	}
	return &diskGuard{min: min, src: src}
}

// check refuses e when storing it would leave less than min free; events
// that change rights may use half of min, so that an owner can still
// remove people.
func (g *diskGuard) check(e *model.Event, u Usage) error {
	if g == nil {
		return nil
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	if now := time.Now(); now.Sub(g.checked) >= diskRefresh {
		g.free, g.known = g.src.FreeBytes()
		g.checked = now
	}
	if !g.known {
		return nil
	}
	keep := g.min
	if model.IsACLKind(e.Kind) {
		keep /= 2
	}
	if g.free-u.Bytes < keep {
		return fmt.Errorf("%w: the relay's disk is nearly full (%s free, it keeps %s); event %s (%s) is not stored",
			protocol.ErrQuotaExceeded, size(g.free), size(g.min), e.ID.Short(), size(u.Bytes))
	}
	g.free -= u.Bytes
	return nil
}

// checkStorage is Append's storage test of one event: the quotas, then the
// disk.
func (r *Relay) checkStorage(e *model.Event, u Usage) error {
	if err := r.cfg.Quotas.check(e, u); err != nil {
		return err
	}
	return r.disk.check(e, u)
}
