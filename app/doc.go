// Package app is the thin adapter between the desktop window and the rest:
// the services the frontend calls through Wails bindings (Library, Editor,
// History, Compare, Settings, Lifecycle, Sync, Review), the window's hooks
// (App), and the events it emits (events.go). A service turns a call into a
// use case of internal/workspace (or a fold of internal/review), words its
// errors for the writer who will read them, and tells the window what
// changed; it holds no library state of its own beyond the Wails context,
// the sync client and the proposal autosave queue. A room's state lives in
// workspace.Rooms.
//
// Every exported method of a bound service is callable from the page, so a
// service exports only what the UI uses, and a file path comes only from a
// native dialog in the same call (TestBoundMethods lists them). main.go
// binds App.Bindings and calls App's hooks; App itself is never bound.
//
// Only this package and main.go import Wails. It may import internal/...
// and sync/...; nothing imports it but main.go. Nothing here needs a
// window: tests construct the services directly on a temporary library.
package app
