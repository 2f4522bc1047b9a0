//go:build bindings

package main

// generatingBindings is true in the build `wails generate module` runs to
// write the frontend's TypeScript bindings: main then binds services without
// opening the user's library.
const generatingBindings = true
