// Command scriptroom is the Scriptroom desktop app. This file only wires: it
// opens the library, builds the services and runs the Wails window.
package main

import (
	"context"
	"embed"
	"fmt"
	"os"

	"github.com/wailsapp/wails/v2"
	"github.com/wailsapp/wails/v2/pkg/options"
	"github.com/wailsapp/wails/v2/pkg/options/assetserver"
	"github.com/wailsapp/wails/v2/pkg/runtime"

	"github.com/scriptroom/scriptroom/app"
)

//go:embed all:frontend/dist
var assets embed.FS

func main() {
	var core *app.Core
	if !generatingBindings {
		path, err := app.DefaultLibraryPath()
		if err == nil {
			core, err = app.OpenLibrary(path)
		}
		if err != nil {
			// The window still opens, to tell the writer in words; nothing
			// is written to the library file.
			fmt.Fprintln(os.Stderr, "scriptroom:", err)
			runFailed(err)
			return
		}
		defer core.Close()
	}

	services := app.New(core)
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
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, "scriptroom:", err)
		os.Exit(1)
	}
}

// runFailed shows why the library could not be opened, then quits.
func runFailed(cause error) {
	err := wails.Run(&options.App{
		Title:       "Scriptroom",
		Width:       640,
		Height:      240,
		AssetServer: &assetserver.Options{Assets: assets},
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
