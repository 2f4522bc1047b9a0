// Package model holds Scriptroom's domain values: scripts, revisions and the
// identities that sign them, with their ids, canonical encodings, hashing and
// signatures.
//
// A revision's id is the SHA-256 of its canonical encoding, so identical
// content made twice is one revision and tampering is detectable. Every
// revision is signed by its author's Ed25519 key.
//
// This package imports the standard library only. It must never import the
// store, the sync packages, the app or Wails.
package model
