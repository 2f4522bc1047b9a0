// Command scriptroom is the Scriptroom desktop app. This file only wires: it
// opens the library, builds the services and runs the Wails window.
package main

import (
	"context"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"errors"
	"fmt"
	"html"
	"net/http"
	"os"
	"path/filepath"

	"github.com/wailsapp/wails/v2"
	"github.com/wailsapp/wails/v2/pkg/options"
	"github.com/wailsapp/wails/v2/pkg/options/assetserver"
	"github.com/wailsapp/wails/v2/pkg/options/linux"
	"github.com/wailsapp/wails/v2/pkg/runtime"

	"github.com/scriptroom/scriptroom/app"
)

//go:embed all:frontend/dist
var assets embed.FS

// icon is the window's icon (scripts/appicon.sh draws it; make package
// installs it for the desktop).
//
//go:embed build/appicon.png
var icon []byte

func main() {
	var core *app.Core
	var library string
	if !generatingBindings {
		path, err := app.DefaultLibraryPath()
		library = path
		if err == nil {
			core, err = app.OpenLibrary(path)
		}
		if err != nil {
			// The window still opens, to tell the writer in words; nothing
			// is written to the library file.
			fmt.Fprintln(os.Stderr, "scriptroom:", err)
			runFailed(err, library)
			return
		}
		defer core.Close()
	}

	services := app.New(core)
	if core != nil {
		// `scriptroom FILE…` (a double-click on a script): imported, or
		// opened when imported from there before, before the window opens.
		dir, _ := os.Getwd()
		services.OpenFiles(os.Args[1:], dir)
	}
	err := wails.Run(&options.App{
		Title:         "Scriptroom",
		Width:         1280,
		Height:        820,
		MinWidth:      720,
		MinHeight:     480,
		AssetServer:   &assetserver.Options{Assets: assets},
		OnStartup:     services.Startup,
		OnBeforeClose: services.BeforeClose,
		// Sync stops before the deferred core.Close closes the library.
		OnShutdown: services.Shutdown,
		// Every exported method of these is callable from the page
		// (TestBoundMethods in app lists them).
		Bind:                     services.Bindings(),
		EnableDefaultContextMenu: true,
		SingleInstanceLock:       singleInstance(services, library),
		// Files dropped on the window are read by the page (see
		// app/library_files.go): no native file drop.
		Linux: &linux.Options{Icon: icon, ProgramName: "scriptroom"},
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, "scriptroom:", err)
		os.Exit(1)
	}
}

// singleInstance brings a script opened while the app runs to this window:
// the second launch hands over its arguments and exits. A library is open
// in one app at a time, so the lock is per library. None while generating
// the bindings.
func singleInstance(services *app.App, library string) *options.SingleInstanceLock {
	if library == "" {
		return nil
	}
	return &options.SingleInstanceLock{
		UniqueId: instanceID(library),
		OnSecondInstanceLaunch: func(d options.SecondInstanceData) {
			services.SecondInstance(d.Args, d.WorkingDirectory)
		},
	}
}

// instanceID names the single-instance lock of the app using the library
// at path: two apps on two libraries (SCRIPTROOM_LIBRARY) run side by side.
func instanceID(path string) string {
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	sum := sha256.Sum256([]byte(path))
	return "io.scriptroom.app.l" + hex.EncodeToString(sum[:6])
}

// runFailed shows why the library could not be opened, then quits. When
// another Scriptroom has the library open, the files this one was given
// are handed to it (the single-instance lock) and this one quits at once.
func runFailed(cause error, library string) {
	var lock *options.SingleInstanceLock
	if errors.Is(cause, app.ErrLocked) && library != "" {
		lock = &options.SingleInstanceLock{UniqueId: instanceID(library)}
	}
	err := wails.Run(&options.App{
		Title:              "Scriptroom",
		Width:              640,
		Height:             240,
		SingleInstanceLock: lock,
		Linux:              &linux.Options{Icon: icon, ProgramName: "scriptroom"},
		// Not the app's page: without a library its calls would fail
		// behind the dialog. A plain page that says the same.
		AssetServer: &assetserver.Options{Handler: failedPage(cause)},
		OnStartup: func(ctx context.Context) {
			_, _ = runtime.MessageDialog(ctx, runtime.MessageDialogOptions{
				Type:    runtime.ErrorDialog,
				Title:   "Scriptroom cannot open your library",
				Message: cause.Error(),
			})
			runtime.Quit(ctx)
		},
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, "scriptroom:", err)
	}
	os.Exit(1)
}

// failedPage is the window's page when the library could not be opened:
// the reason in words, under the dialog that says it too.
func failedPage(cause error) http.Handler {
	page := "<!doctype html><meta charset=utf-8><title>Scriptroom</title>" +
		"<body style=\"font:14px system-ui,sans-serif;margin:24px\">" +
		"<h1 style=\"font-size:16px\">Scriptroom cannot open your library</h1><p>" +
		html.EscapeString(cause.Error()) + "</p></body>"
	return http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		_, _ = w.Write([]byte(page))
	})
}
