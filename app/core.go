package app

import (
	"context"
	"sync"
	"time"

	"github.com/wailsapp/wails/v2/pkg/runtime"

	"github.com/scriptroom/scriptroom/internal/model"
	"github.com/scriptroom/scriptroom/internal/store"
)

// Core is what every service shares: the open library, the user's identity,
// the Wails context once the window starts, and a lock that serialises
// changes to one script's head so two commits never race.
type Core struct {
	store *store.Store
	me    *model.Identity
	now   func() time.Time

	mu      sync.Mutex
	ctx     context.Context
	writeMu sync.Mutex
	// committed are called after each revision committed here (see
	// OnCommit in sync_hook.go).
	committed []func(model.ScriptID, *model.Revision)
	// proposalRevs caches the proposal revisions of each shared script's
	// received log, by the room's cursor (review_history.go).
	proposalRevs map[model.ScriptID]revisionSet
}

// NewCore wraps an open store and the user's identity.
func NewCore(st *store.Store, me *model.Identity) *Core {
	return &Core{store: st, me: me, now: time.Now}
}

// Startup records the Wails context; main.go calls it from OnStartup.
func (c *Core) Startup(ctx context.Context) {
	c.mu.Lock()
	c.ctx = ctx
	c.mu.Unlock()
}

// wailsContext is the window's context, or nil when running without one
// (tests, headless use).
func (c *Core) wailsContext() context.Context {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.ctx
}

// emit sends a frontend event when a window is attached.
func (c *Core) emit(name string, payload any) {
	if ctx := c.wailsContext(); ctx != nil {
		runtime.EventsEmit(ctx, name, payload)
	}
}

// identity is the writer's current identity (the display name can change).
func (c *Core) identity() *model.Identity {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.me
}
