package workspace

import (
	"fmt"
	"sync"
	"time"

	"github.com/scriptroom/scriptroom/internal/model"
	"github.com/scriptroom/scriptroom/internal/store"
)

// Workspace is an open library with the writer's identity.
type Workspace struct {
	store *store.Store
	now   func() time.Time
	rooms *Rooms
	// uploads holds texts the page sends in parts.
	uploads *Uploads
	// figs caches the figures of drafts and revisions (workspace_figures.go).
	figs figures

	// head serialises changes to a script (its head, draft and record), so
	// two commits never race.
	head sync.Mutex

	// locked keeps the locked revisions of production drafts made ready.
	locked lockedCache

	mu        sync.Mutex // guards me and committed
	me        *model.Identity
	committed []func(model.ScriptID, *model.Revision)
}

// New wraps an open store and the writer's identity.
func New(st *store.Store, me *model.Identity) *Workspace {
	w := &Workspace{store: st, me: me, now: time.Now}
	w.rooms = newRooms(st, w.Now)
	w.uploads = newUploads(w.Now)
	return w
}

// Store is the library's store, for reading.
func (w *Workspace) Store() *store.Store { return w.store }

// Now is the workspace's clock.
func (w *Workspace) Now() time.Time { return w.now() }

// HeadLock is the lock held while a script's head, draft or record is read
// and changed: callers that change a script outside this package hold it.
func (w *Workspace) HeadLock() *sync.Mutex { return &w.head }

// Identity is the writer's current identity (the display name can change).
func (w *Workspace) Identity() *model.Identity {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.me
}

// SetName stores a new display name for the writer.
func (w *Workspace) SetName(name string) (*model.Identity, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	updated := *w.me
	updated.Name = name
	if err := w.store.PutIdentity(&updated); err != nil {
		return nil, fmt.Errorf("store the name: %w", err)
	}
	w.me = &updated
	return w.me, nil
}

// OnCommit registers fn to be called after each revision committed on this
// computer (an edit, a restore, an import), with the head lock held: fn
// must be quick and must not take the lock.
func (w *Workspace) OnCommit(fn func(model.ScriptID, *model.Revision)) {
	w.mu.Lock()
	w.committed = append(w.committed, fn)
	w.mu.Unlock()
}

func (w *Workspace) afterCommit(sid model.ScriptID, rev *model.Revision) {
	w.mu.Lock()
	fns := append([]func(model.ScriptID, *model.Revision){}, w.committed...)
	w.mu.Unlock()
	for _, fn := range fns {
		fn(sid, rev)
	}
}
