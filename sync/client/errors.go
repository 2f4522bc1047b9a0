package client

import "errors"

var (
	// ErrTerminal is returned by Run when the relay closed the connection
	// with a terminal close code (a protocol version it does not speak, a
	// failed authentication, a protocol error): reconnecting would fail the
	// same way until the app or the identity changes.
	ErrTerminal = errors.New("the relay refused this client")

	// ErrNoIdentity is returned by New's client when Config has no
	// Identity, and by Run.
	ErrNoIdentity = errors.New("sync needs an identity")

	// ErrNoStore is returned by Run when Config has no Store.
	ErrNoStore = errors.New("sync needs a store")

	// ErrHandshake is returned when the relay's answers during hello and
	// auth are not the ones the protocol expects.
	ErrHandshake = errors.New("unexpected message during the handshake")

	// ErrEventTooLarge is reported (Config.OnError) for an event whose
	// publish alone exceeds protocol.MaxMessageBytes; it is dropped from
	// the outbox, since the relay would refuse it forever.
	ErrEventTooLarge = errors.New("event too large to publish")
)
