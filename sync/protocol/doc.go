// Package protocol owns Scriptroom's sync wire format: the JSON messages a
// client and a relay exchange over a WebSocket, their versioning, encoding,
// validation, error codes and close codes. Both the relay (sync/relay) and
// the client (sync/client) use it, so it holds no connection logic.
//
// Every message is one JSON object in one WebSocket text frame, with a
// "type" field naming it. Messages are grouped by family, one file each:
// msg_hello.go (handshake and authentication), msg_rooms.go (join, leave),
// msg_events.go (publish, ack, event stream), msg_presence.go and
// msg_error.go. docs/protocol.md describes every message for people writing
// another client.
//
// This package imports internal/model and the standard library only. It must
// never import the relay, the client, the store or the app.
package protocol
