//go:build tools

// Package tools pins the Wails CLI in a module of its own, so that its
// dependencies (and the newer golang.org/x/tools it needs to build on current
// Go) stay out of the app's go.mod. `make deps` builds it into tools/bin.
package tools

import _ "github.com/wailsapp/wails/v2/cmd/wails"
