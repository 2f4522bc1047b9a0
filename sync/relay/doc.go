// Package relay is Scriptroom's relay server: it accepts WebSocket
// connections from clients, authenticates them by their Ed25519 keys, keeps
// one append-only log per room, checks every published event's signature and
// its author's role, and fans new events and presence out to the room's
// connections. It never needs to understand a script.
//
// The log and the fan-out sit behind the Backend interface (backend.go);
// BoltBackend (backend_bolt.go) is the single-process one; it checks an
// existing log read-only before writing to it (backend_bolt_check.go).
// sync/relay/natsbackend keeps the logs in NATS JetStream for relays run as
// a cluster: it is a SharedBackend, whose rooms other relays append to, so
// the relay brings a room's cached rights up to the log before it trusts
// them (relay.go, rightsSync in conn_handle.go). Each connection has one
// reader and one writer goroutine and a bounded send queue (conn.go);
// limits, origins and message rates are in limits.go, the quotas on events,
// bytes, rooms and users in limits_quota.go, the free-disk guard in
// limits_disk.go, metrics in metrics.go.
//
// This package imports sync/protocol, internal/model and its third-party
// dependencies only. It must never import the client, the store or the app.
package relay
