package app

import (
	"context"
	"sync"
	"time"

	"github.com/wailsapp/wails/v2/pkg/runtime"

	"github.com/scriptroom/scriptroom/internal/model"
	"github.com/scriptroom/scriptroom/internal/store"
	"github.com/scriptroom/scriptroom/internal/workspace"
)

// Core is what every service shares: the workspace (the open library, the
// writer's identity and its use cases), and the Wails context once the
// window starts.
type Core struct {
	ws    *workspace.Workspace
	store *store.Store // ws.Store(), for reading
	now   func() time.Time
	// writeMu is the workspace's head lock: held while a script's head,
	// draft or record is read and changed, so two commits never race.
	writeMu *sync.Mutex

	mu      sync.Mutex
	ctx     context.Context
	renames []func() // called after the writer's name changes
	// production, set by the Review service, is a script's production
	// state (its room's when shared); nil without a Review service.
	production func(model.ScriptID) (model.Production, error)
}

// productionOf is a script's production state; the zero state when no
// Review service was made.
func (c *Core) productionOf(sid model.ScriptID) (model.Production, error) {
	c.mu.Lock()
	fn := c.production
	c.mu.Unlock()
	if fn == nil {
		return model.Production{}, nil
	}
	return fn(sid)
}

// onRename registers fn to be called after the writer's name changes.
func (c *Core) onRename(fn func()) {
	c.mu.Lock()
	c.renames = append(c.renames, fn)
	c.mu.Unlock()
}

// renamed calls the functions registered with onRename.
func (c *Core) renamed() {
	c.mu.Lock()
	fns := append([]func(){}, c.renames...)
	c.mu.Unlock()
	for _, fn := range fns {
		fn()
	}
}

// NewCore wraps an open store and the user's identity.
func NewCore(st *store.Store, me *model.Identity) *Core {
	ws := workspace.New(st, me)
	return &Core{ws: ws, store: st, now: ws.Now, writeMu: ws.HeadLock()}
}

// Startup records the Wails context; App.Startup calls it.
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
func (c *Core) identity() *model.Identity { return c.ws.Identity() }
