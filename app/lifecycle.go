package app

import (
	"context"
	"sync"
	"time"

	"github.com/wailsapp/wails/v2/pkg/runtime"
)

// EventBeforeClose asks the frontend to save what is being typed and then
// call Lifecycle.Quit. No payload.
const EventBeforeClose = "app:before-close"

// closeGrace is how long the window waits for the frontend to save before
// closing anyway (a frontend that hangs must not keep the window open).
const closeGrace = 3 * time.Second

// Lifecycle lets the frontend save the last keystrokes before the window
// closes.
type Lifecycle struct {
	c        *Core
	mu       sync.Mutex
	flushing bool
}

// NewLifecycle makes the Lifecycle service.
func NewLifecycle(c *Core) *Lifecycle { return &Lifecycle{c: c} }

// beforeClose is the window's OnBeforeClose hook (through App.BeforeClose).
// The first close request is held while the frontend saves; the frontend
// then calls Quit. If it has not within closeGrace, the window closes anyway.
func (l *Lifecycle) beforeClose(ctx context.Context) (prevent bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.flushing {
		return false
	}
	l.flushing = true
	runtime.EventsEmit(ctx, EventBeforeClose)
	time.AfterFunc(closeGrace, func() { runtime.Quit(ctx) })
	return true
}

// Quit closes the window; the frontend calls it once its draft is saved.
func (l *Lifecycle) Quit() (bool, error) {
	l.mu.Lock()
	l.flushing = true
	l.mu.Unlock()
	if ctx := l.c.wailsContext(); ctx != nil {
		runtime.Quit(ctx)
	}
	return true, nil
}
