// Package architecture holds TestArchitecture, which reads the package table
// in docs/architecture.md and fails on any import the table does not allow,
// on any package the table does not name, and on frontend code outside
// src/lib/api that imports the generated Wails bindings.
//
// It has no code of its own to import; it imports the standard library only.
package architecture
