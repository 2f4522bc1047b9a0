package store

import "encoding/binary"

// The storage layout. Every bucket and key of the file is described here.
//
//	meta/schema                         = uint64 big-endian schema version
//	identity/self                       = JSON model.Identity (name, private key)
//	scripts/<script id>                 = JSON model.Script
//	drafts/<script id>                  = JSON Draft
//	settings/<key>                      = the setting's value, UTF-8
//	revisions/<script id>/seq/<seq>     = revision record (store_record.go), seq a uint64 big-endian from 1
//	revisions/<script id>/ids/<rev id>  = seq of that revision, uint64 big-endian
//
// Sync (schema 2, store_sync.go):
//
//	outbox/seq/<seq>                    = JSON model.Event published here and not yet acknowledged by the relay; seq a uint64 big-endian from 1, in publish order over all rooms
//	outbox/ids/<event id>               = seq of that event in outbox/seq
//	cursors/<room id>                   = uint64 big-endian: the highest relay sequence number up to which every event of the room is held; a key per joined room
//	events/<room id>/log/<seq>          = JSON model.Event received from the relay (verified), seq its relay sequence number, uint64 big-endian from 1, so the replica reads in the room's log order (with holes while a gap is open)
//	events/<room id>/ids/<event id>     = seq of that event, so an event is stored once however often it arrives; or 'h' then n for a held event
//	events/<room id>/held/<n>           = JSON model.Event held here without a relay sequence number, after the relay's log was found to disagree (a relay restored from a backup: store_resync.go); n a uint64 big-endian from 1, in the old log order; ApplyEvents moves it to log/ when the relay sends it again
//
// Production (schema 3, store_production.go):
//
//	production/<script id>              = JSON model.Production: the lock, revision sets and their history of a script not shared (a shared script's is its room's fold)
var (
	bucketMeta       = []byte("meta")
	bucketIdentity   = []byte("identity")
	bucketScripts    = []byte("scripts")
	bucketDrafts     = []byte("drafts")
	bucketSettings   = []byte("settings")
	bucketRevisions  = []byte("revisions")
	bucketOutbox     = []byte("outbox")
	bucketCursors    = []byte("cursors")
	bucketEvents     = []byte("events")
	bucketProduction = []byte("production")

	subSeq  = []byte("seq")
	subLog  = []byte("log")
	subIDs  = []byte("ids")
	subHeld = []byte("held")

	keySchema = []byte("schema")
	keySelf   = []byte("self")
)

// topBuckets are created by the schema's first migration.
var topBuckets = [][]byte{bucketMeta, bucketIdentity, bucketScripts, bucketDrafts, bucketSettings, bucketRevisions}

// syncBuckets are created by the second migration (schema 2).
var syncBuckets = [][]byte{bucketOutbox, bucketCursors, bucketEvents}

// u64 encodes n as 8 big-endian bytes, so keys sort in numeric order.
func u64(n uint64) []byte {
	var b [8]byte
	binary.BigEndian.PutUint64(b[:], n)
	return b[:]
}

// fromU64 decodes u64; it reports false for a value of the wrong size.
func fromU64(b []byte) (uint64, bool) {
	if len(b) != 8 {
		return 0, false
	}
	return binary.BigEndian.Uint64(b), true
}
