package protocol

import (
	"bytes"
	"crypto/ed25519"
	"strconv"

	"github.com/scriptroom/scriptroom/internal/model"
)

// NonceSize is the size of a relay's challenge nonce, in bytes.
const NonceSize = 32

// Hello opens a connection (client to relay): the protocol version and who
// is connecting.
type Hello struct {
	Version int          `json:"version"`
	User    model.UserID `json:"user"`
	// Name is the user's display name, shown in presence.
	Name string `json:"name,omitempty"`
	// Client names the software, for logs ("scriptroom/0.3").
	Client string `json:"client,omitempty"`
}

// Type implements Message.
func (*Hello) Type() string { return TypeHello }

// Validate implements Message. The version is checked by the relay, so that
// it can answer with CloseBadVersion rather than a malformed-message error.
func (m *Hello) Validate() error {
	if _, err := m.User.PublicKey(); err != nil {
		return badf("user: %v", err)
	}
	if len(m.Name) > MaxNameLength || len(m.Client) > MaxNameLength {
		return badf("name or client longer than %d bytes", MaxNameLength)
	}
	return nil
}

// Challenge answers a hello (relay to client) with a random nonce the client
// must sign.
type Challenge struct {
	Version int    `json:"version"`
	Nonce   []byte `json:"nonce"`
	// Relay names the relay; it is part of what the client signs, so a
	// signature made for one relay is useless at another.
	Relay string `json:"relay"`
}

// Type implements Message.
func (*Challenge) Type() string { return TypeChallenge }

// Validate implements Message.
func (m *Challenge) Validate() error {
	if len(m.Nonce) != NonceSize {
		return badf("nonce is %d bytes, want %d", len(m.Nonce), NonceSize)
	}
	return nil
}

// Auth answers a challenge (client to relay) with the signature of
// AuthMessage.
type Auth struct {
	Sig []byte `json:"sig"`
}

// Type implements Message.
func (*Auth) Type() string { return TypeAuth }

// Validate implements Message.
func (m *Auth) Validate() error {
	if len(m.Sig) != ed25519.SignatureSize {
		return badf("sig is %d bytes, want %d", len(m.Sig), ed25519.SignatureSize)
	}
	return nil
}

// AuthMessage is the byte string a client signs to answer a challenge. It is
// domain-separated from everything else a user signs (events, revisions and
// invites sign their ids or their own prefixed encodings).
func AuthMessage(c *Challenge, user model.UserID) []byte {
	var b bytes.Buffer
	b.WriteString("scriptroom-auth-v1\n")
	b.WriteString("relay " + strconv.Itoa(len(c.Relay)) + ":" + c.Relay + "\n")
	b.WriteString("user " + string(user) + "\n")
	b.WriteString("nonce ")
	b.Write(c.Nonce)
	return b.Bytes()
}

// Welcome tells the client it is authenticated (relay to client).
type Welcome struct {
	User model.UserID `json:"user"`
	// MaxMessageBytes is the relay's read limit.
	MaxMessageBytes int `json:"maxMessageBytes"`
	// MaxEventsPerPublish is the most events a publish may carry.
	MaxEventsPerPublish int `json:"maxEventsPerPublish"`
	// RevisionPayloads is the newest revision payload version the relay
	// accepts (model.RevisionDelta: a text as a delta). 0, from relays
	// made before version 2, means version 1 only (whole texts).
	RevisionPayloads int `json:"revisionPayloads,omitempty"`
}

// Type implements Message.
func (*Welcome) Type() string { return TypeWelcome }

// Validate implements Message.
func (m *Welcome) Validate() error {
	if _, err := m.User.PublicKey(); err != nil {
		return badf("user: %v", err)
	}
	return nil
}
