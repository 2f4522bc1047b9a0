// Package natsbackend keeps a relay's room logs in NATS JetStream, so that
// several relays serve the same rooms as a cluster (scriptroom-relay
// --nats). It implements relay.Backend and relay.SharedBackend.
//
// One stream (default SCRIPTROOM, file storage, replicas as configured)
// holds every room's log, one subject per event:
//
//	scriptroom.rooms.<room>.a.<event id>  an event that changes rights (model.IsACLKind)
//	scriptroom.rooms.<room>.e.<event id>  any other event
//	scriptroom.created                    one message per room created (Rooms)
//	scriptroom.creators.<user>            one message per room the user created
//	scriptroom.live.<room>.…              the entries again, as stored (core NATS)
//
// and presence goes over core NATS on scriptroom.presence.<room>, never
// stored. Each room entry carries its room sequence number and the room's
// size after it in headers (Scriptroom-Seq, Scriptroom-Bytes). Appends to a
// room are serialised across relays by publishing with the stream sequence
// of the room's last entry as the expected last sequence of
// scriptroom.rooms.<room>.> (optimistic concurrency): a relay that lost the
// race reads the new head and tries again, so a room's log never forks and
// its sequence numbers have no gaps. An event's id is in its subject, so a
// duplicate is found by the last message of that subject.
//
// The stream's leader publishes every stored entry again on
// scriptroom.live.<room>...; a relay follows the rooms its clients joined
// with one core NATS subscription per room, made with the first subscriber
// and dropped with the last, and fills from the stream any entry it missed
// (hub.go). Reads are in read.go, the retries of reads while a stream
// leader is elected in retry.go.
//
// This package is kept apart from sync/relay so that the desktop app, which
// embeds a relay on the bbolt backend, does not link NATS.
package natsbackend
