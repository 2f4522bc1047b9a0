// Package app holds the services the desktop frontend calls through Wails
// bindings: Library, Editor, History and Settings. Each is small, covers one
// domain, gets the Wails context in its Startup hook, and returns (T, error)
// from every bound method, with errors worded for the writer who will read
// them.
//
// The services talk to internal/store and internal/model; only this package
// and main.go import Wails. Nothing here needs a window: tests construct the
// services directly on a temporary library.
package app
