// Package client is the desktop app's connection to a relay: it dials with
// back-off and jitter, authenticates with the user's key, joins the rooms
// the local store has joined from their persisted cursors, flushes the
// store's outbox and deletes an event from it only once the relay has
// acknowledged it, applies incoming events idempotently (a received batch
// in one transaction), publishes presence, and reports its status.
//
// A Client runs one connection at a time. Each connection has exactly two
// goroutines: a reader that decodes frames, and the goroutine of Run, which
// is the connection's only writer and owns all of its state (rooms, cursors,
// publishes in flight). Delivery from the relay is at least once and may,
// on a bad network, leave gaps; the client advances a room's cursor only
// over sequence numbers it holds without a gap, and re-joins a room from its
// cursor when a gap stays open (GapWait), when a join is not answered
// (AckTimeout) and now and then (ResyncEvery), so every replica converges.
// A relay that lost events (restored from a backup, or a new one) is seen
// by a log shorter than the cursor, an event at another place than here,
// or a room it does not know: the client then gives it back every event it
// holds and fetches the room's log again (store.ResetRoom).
//
// The app makes one Client per relay with New (a Config with the relay's
// URL, the user's Identity, the Store and callbacks for status, events,
// presence, acks and errors), calls Start at startup and Stop before
// closing the store, and calls Publish, Join, Leave and SetPresence as the
// user works, connected or not. A refusal in a room reaches OnError as a
// *RoomError with the room, what was being done (OpJoin, OpPublish,
// OpReceive) and the wire code: callers decide from those, never from the
// message (a forbidden join is how the app learns access was revoked).
//
// This package imports sync/protocol, internal/model, internal/store and
// gorilla/websocket. It must never import the relay or the app.
package client
