package model

import (
	"crypto/ed25519"
	"crypto/rand"
	"encoding/hex"
	"fmt"
)

// UserID is a user's Ed25519 public key, hex-encoded (64 lowercase hex digits).
type UserID string

// Validate reports whether the id is spelled the one accepted way: 64
// lowercase hex digits. Capitals are refused, so that one key is one user.
func (u UserID) Validate() error {
	if !isLowerHex(string(u), UserIDLength) {
		return fmt.Errorf("%w: %.70q is not %d lowercase hex digits", ErrBadUserID, string(u), UserIDLength)
	}
	return nil
}

// PublicKey decodes the id into an Ed25519 public key. Only the canonical
// spelling (see Validate) decodes.
func (u UserID) PublicKey() (ed25519.PublicKey, error) {
	if err := u.Validate(); err != nil {
		return nil, err
	}
	b, err := hex.DecodeString(string(u))
	if err != nil || len(b) != ed25519.PublicKeySize {
		return nil, fmt.Errorf("%w: %.70q", ErrBadUserID, string(u))
	}
	return ed25519.PublicKey(b), nil
}

// Short is the first 8 hex digits of the id, for display.
func (u UserID) Short() string {
	if len(u) < 8 {
		return string(u)
	}
	return string(u[:8])
}

// Identity is a user's key pair and display name. It is made on first run and
// kept in the local store; the private key never leaves the machine.
type Identity struct {
	Name    string             `json:"name"`
	Private ed25519.PrivateKey `json:"private"`
}

// NewIdentity makes a fresh Ed25519 key pair for a user called name.
func NewIdentity(name string) (*Identity, error) {
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return nil, fmt.Errorf("generate identity key: %w", err)
	}
	return &Identity{Name: name, Private: priv}, nil
}

// ID is the user's id: the public key in hex.
func (id *Identity) ID() UserID {
	return UserID(hex.EncodeToString(id.Private.Public().(ed25519.PublicKey)))
}

// Sign signs msg with the identity's private key.
func (id *Identity) Sign(msg []byte) []byte {
	return ed25519.Sign(id.Private, msg)
}

// Verify checks that sig is author's signature of msg.
func Verify(author UserID, msg, sig []byte) error {
	pub, err := author.PublicKey()
	if err != nil {
		return err
	}
	if len(sig) != ed25519.SignatureSize || !ed25519.Verify(pub, msg, sig) {
		return ErrBadSignature
	}
	return nil
}
