package model

// Every id on the wire and in storage has exactly one spelling: lowercase
// hex of a fixed length. hex.DecodeString also takes capitals, so without
// this check "ABC…" and "abc…" would be two users (or two rooms) with one
// key. The id types' Validate methods and UserID.PublicKey decide with it.

// Lengths of the ids, in hex digits.
const (
	// UserIDLength is a user id's length: an Ed25519 public key, 32 bytes.
	UserIDLength = 64
	// ScriptIDLength is a script (room) id's length: 16 random bytes.
	ScriptIDLength = 32
	// HashIDLength is the length of the ids that are SHA-256 hashes
	// (events, revisions).
	HashIDLength = 64
)

// isLowerHex reports whether s is exactly n digits of 0-9 a-f.
func isLowerHex(s string, n int) bool {
	if len(s) != n {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if (c < '0' || c > '9') && (c < 'a' || c > 'f') {
			return false
		}
	}
	return true
}
