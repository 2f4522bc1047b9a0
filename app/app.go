package app

import (
	"context"
	"path/filepath"

	"github.com/wailsapp/wails/v2/pkg/runtime"
)

// App is what main.go wires into the window: the services the page may call
// (Bindings) and the window's lifecycle hooks. App itself is never bound, so
// what only the window may do — start and stop sync, hold the window open
// while the page saves — cannot be called from the page. Every exported
// method of a bound service is callable from the page: a service exports
// only what the UI uses, and a path to read or write comes only from a
// native dialog in the same call. TestBoundMethods lists them.
type App struct {
	core      *Core
	library   *Library
	editor    *Editor
	history   *History
	compare   *Compare
	settings  *Settings
	lifecycle *Lifecycle
	sync      *Sync
	review    *Review
}

// New builds the services on an open library. c may be nil only when
// generating the frontend's bindings, which never calls a method.
func New(c *Core) *App {
	syncer := NewSync(c)
	return &App{
		core:      c,
		library:   NewLibrary(c),
		editor:    NewEditor(c),
		history:   NewHistory(c),
		compare:   NewCompare(c),
		settings:  NewSettings(c),
		lifecycle: NewLifecycle(c),
		sync:      syncer,
		review:    NewReview(c, syncer),
	}
}

// Bindings are the services the page calls, for options.App.Bind.
func (a *App) Bindings() []any {
	return []any{a.library, a.editor, a.history, a.compare, a.settings, a.lifecycle, a.sync, a.review}
}

// Startup is the window's OnStartup hook: it records the window's context
// and starts sync.
func (a *App) Startup(ctx context.Context) {
	a.core.Startup(ctx)
	a.sync.start()
}

// BeforeClose is the window's OnBeforeClose hook: the first close request is
// held while the page saves what is being typed (see Lifecycle).
func (a *App) BeforeClose(ctx context.Context) (prevent bool) {
	return a.lifecycle.beforeClose(ctx)
}

// Shutdown is the window's OnShutdown hook: sync stops before the library
// closes.
func (a *App) Shutdown(context.Context) { a.sync.stop() }

// OpenFiles opens the script files named in args (a command line, read with
// FileArgs), relative to the folder dir: each is imported, or opened when it
// was imported from the same path before (workspace.OpenFile). The first
// one imported becomes the script the window shows next; the page reads
// the results with Library.Opened, and EventFilesOpened tells a page
// already open.
func (a *App) OpenFiles(args []string, dir string) {
	paths := FileArgs(args)
	if len(paths) == 0 {
		return
	}
	for i, p := range paths {
		if !filepath.IsAbs(p) && dir != "" {
			paths[i] = filepath.Join(dir, p)
		}
	}
	opened := a.library.openFiles(paths)
	for _, f := range opened {
		if f.ScriptID != "" {
			_ = a.core.store.PutSetting(settingLastScript, f.ScriptID)
			break
		}
	}
	a.core.emit(EventFilesOpened, FilesOpened{Count: len(opened)})
}

// SecondInstance is the window's OnSecondInstanceLaunch hook: Scriptroom was
// started again (a script file double-clicked while it runs), so this
// window opens the files it was given and comes to the front.
func (a *App) SecondInstance(args []string, dir string) {
	a.OpenFiles(args, dir)
	if ctx := a.core.wailsContext(); ctx != nil {
		runtime.WindowUnminimise(ctx)
		runtime.WindowShow(ctx)
	}
}
