//go:build !bindings

package main

// generatingBindings is false in every real build of the app.
const generatingBindings = false
