// Package fountain parses Fountain screenplays (https://fountain.io, version
// 1.1) into typed elements with their source line ranges, and writes elements
// back as Fountain.
//
// It imports the standard library only.
package fountain
