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
// Reserved for the sync client (not yet used; do not reuse these names):
//
//	outbox/<room> <seq>                 = events not yet acknowledged by the relay
//	cursors/<room>                      = the last relay sequence received
//	events/<room> <event id>            = events received from the relay
var (
	bucketMeta      = []byte("meta")
	bucketIdentity  = []byte("identity")
	bucketScripts   = []byte("scripts")
	bucketDrafts    = []byte("drafts")
	bucketSettings  = []byte("settings")
	bucketRevisions = []byte("revisions")

	subSeq = []byte("seq")
	subIDs = []byte("ids")

	keySchema = []byte("schema")
	keySelf   = []byte("self")
)

// topBuckets are created by the schema's first migration.
var topBuckets = [][]byte{bucketMeta, bucketIdentity, bucketScripts, bucketDrafts, bucketSettings, bucketRevisions}

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
