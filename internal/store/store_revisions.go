package store

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/scriptroom/scriptroom/internal/model"
)

// RevisionStats are figures about a revision's text, computed by the caller
// when it commits (the store does not read screenplays).
type RevisionStats struct {
	Words int `json:"words"`
	// Pages is the pages the text prints on US Letter; revisions stored
	// before that count was kept hold an estimate to a tenth of a page.
	Pages float64 `json:"pages"`
}

// RevisionInfo is a revision without its text, as the history lists it.
type RevisionInfo struct {
	ID         model.RevisionID   `json:"id"`
	Parents    []model.RevisionID `json:"parents"`
	Author     model.UserID       `json:"author"`
	AuthorName string             `json:"authorName"`
	Time       time.Time          `json:"time"`
	Message    string             `json:"message"`
	// Seq is the revision's position in this library, from 1, in the order
	// revisions were stored.
	Seq   uint64        `json:"seq"`
	Stats RevisionStats `json:"stats"`
}

// revisionMeta is the JSON head of a revision record.
type revisionMeta struct {
	ID          model.RevisionID   `json:"id"`
	Parents     []model.RevisionID `json:"parents,omitempty"`
	Author      model.UserID       `json:"author"`
	AuthorName  string             `json:"authorName,omitempty"`
	Time        time.Time          `json:"time"`
	Message     string             `json:"message"`
	ContentHash string             `json:"contentHash"`
	Signature   []byte             `json:"signature"`
	Stats       RevisionStats      `json:"stats"`
}

// A revision record is
//
//	byte    recordVersion
//	byte    kindSnapshot or kindDelta
//	uvarint length of the JSON revisionMeta, then the JSON
//	payload: packed text (snapshot) or packed delta from the previous seq
const (
	recordVersion = 1
	kindSnapshot  = 's'
	kindDelta     = 'd'
)

func encodeRecord(kind byte, meta revisionMeta, payload []byte) ([]byte, error) {
	mj, err := json.Marshal(meta)
	if err != nil {
		return nil, err
	}
	var tmp [binary.MaxVarintLen64]byte
	n := binary.PutUvarint(tmp[:], uint64(len(mj)))
	out := make([]byte, 0, 2+n+len(mj)+len(payload))
	out = append(out, recordVersion, kind)
	out = append(out, tmp[:n]...)
	out = append(out, mj...)
	return append(out, payload...), nil
}

// splitRecord cuts a record into its kind, JSON head and payload.
func splitRecord(rec []byte) (kind byte, head, payload []byte, err error) {
	if len(rec) < 3 || rec[0] != recordVersion || (rec[1] != kindSnapshot && rec[1] != kindDelta) {
		return 0, nil, nil, fmt.Errorf("%w: unknown revision record", ErrCorrupt)
	}
	l, n := binary.Uvarint(rec[2:])
	if n <= 0 || uint64(len(rec)-2-n) < l {
		return 0, nil, nil, fmt.Errorf("%w: bad revision record length", ErrCorrupt)
	}
	start := 2 + n
	return rec[1], rec[start : start+int(l)], rec[start+int(l):], nil
}

func decodeRecord(rec []byte) (kind byte, meta revisionMeta, payload []byte, err error) {
	kind, head, payload, err := splitRecord(rec)
	if err != nil {
		return 0, meta, nil, err
	}
	if err := json.Unmarshal(head, &meta); err != nil {
		return 0, meta, nil, fmt.Errorf("%w: revision record: %v", ErrCorrupt, err)
	}
	return kind, meta, payload, nil
}

func (m revisionMeta) info(seq uint64) RevisionInfo {
	return RevisionInfo{ID: m.ID, Parents: m.Parents, Author: m.Author, AuthorName: m.AuthorName,
		Time: m.Time, Message: m.Message, Seq: seq, Stats: m.Stats}
}

// scriptRevisions returns the seq and ids buckets of a script, creating them
// when create is set; nil buckets when the script has no revisions.
func scriptRevisions(tx *bolt.Tx, script model.ScriptID, create bool) (seqs, ids *bolt.Bucket, err error) {
	top := tx.Bucket(bucketRevisions)
	b := top.Bucket([]byte(script))
	if b == nil {
		if !create {
			return nil, nil, nil
		}
		if b, err = top.CreateBucket([]byte(script)); err != nil {
			return nil, nil, err
		}
	}
	if seqs, err = bucketIn(b, subSeq, create); err != nil {
		return nil, nil, err
	}
	if ids, err = bucketIn(b, subIDs, create); err != nil {
		return nil, nil, err
	}
	if seqs == nil || ids == nil {
		return nil, nil, fmt.Errorf("%w: revisions of %s lack a bucket", ErrCorrupt, script)
	}
	return seqs, ids, nil
}

func bucketIn(b *bolt.Bucket, name []byte, create bool) (*bolt.Bucket, error) {
	if create {
		return b.CreateBucketIfNotExists(name)
	}
	return b.Bucket(name), nil
}

// linesAt rebuilds the text of revision seq: the nearest snapshot at or
// before it, then each delta forward.
func linesAt(seqs *bolt.Bucket, seq uint64) ([]string, revisionMeta, error) {
	c := seqs.Cursor()
	k, v := c.Seek(u64(seq))
	if got, _ := fromU64(k); k == nil || got != seq {
		return nil, revisionMeta{}, fmt.Errorf("revision #%d: %w", seq, ErrNotFound)
	}
	var chain [][]byte // payloads from seq back to the snapshot
	kind, meta, payload, err := decodeRecord(v)
	if err != nil {
		return nil, meta, err
	}
	for {
		chain = append(chain, payload)
		if kind == kindSnapshot {
			text, err := unpack(payload)
			if err != nil {
				return nil, meta, err
			}
			lines := splitLines(string(text))
			spare := make([]string, 0, len(lines)+len(lines)/8)
			for j := len(chain) - 2; j >= 0; j-- {
				d, err := unpack(chain[j])
				if err != nil {
					return nil, meta, err
				}
				next, err := applyDelta(spare, lines, d)
				if err != nil {
					return nil, meta, err
				}
				spare, lines = lines, next
			}
			return lines, meta, nil
		}
		if k, v = c.Prev(); k == nil {
			return nil, meta, fmt.Errorf("%w: revision #%d has no snapshot before it", ErrCorrupt, seq)
		}
		if kind, _, payload, err = splitRecord(v); err != nil {
			return nil, meta, err
		}
	}
}

// addRevision stores r unless it is there already (same id: same content).
func (s *Store) addRevision(tx *bolt.Tx, script model.ScriptID, r *model.Revision, stats RevisionStats) error {
	if tx.Bucket(bucketScripts).Get([]byte(script)) == nil {
		return fmt.Errorf("script %s: %w", script, ErrNotFound)
	}
	if err := r.Verify(); err != nil {
		return fmt.Errorf("store revision: %w", err)
	}
	seqs, ids, err := scriptRevisions(tx, script, true)
	if err != nil {
		return err
	}
	if ids.Get([]byte(r.ID)) != nil {
		return nil
	}
	var seq uint64 = 1
	if k, _ := seqs.Cursor().Last(); k != nil {
		last, _ := fromU64(k)
		seq = last + 1
	}
	meta := revisionMeta{ID: r.ID, Parents: r.Parents, Author: r.Author, AuthorName: r.AuthorName,
		Time: r.Time, Message: r.Message, ContentHash: r.ContentHash, Signature: r.Signature, Stats: stats}
	// A delta, unless it is time for a snapshot or the delta would not be
	// clearly smaller than one (an unrelated text).
	var kind byte
	var payload []byte
	lines := splitLines(r.Text)
	if (seq-1)%uint64(s.snapshotEvery) != 0 {
		prev, ok := s.cached(script, seq-1)
		if !ok {
			if prev, _, err = linesAt(seqs, seq-1); err != nil {
				return err
			}
		}
		if d, ok := makeDelta(prev, lines); ok {
			kind, payload = kindDelta, pack(d)
			if len(d) > len(r.Text)/8 {
				if snap := pack([]byte(r.Text)); len(snap) <= len(payload) {
					kind, payload = kindSnapshot, snap
				}
			}
		}
	}
	if payload == nil {
		kind, payload = kindSnapshot, pack([]byte(r.Text))
	}
	rec, err := encodeRecord(kind, meta, payload)
	if err != nil {
		return err
	}
	if err := seqs.Put(u64(seq), rec); err != nil {
		return err
	}
	tx.OnCommit(func() { s.remember(script, seq, lines) })
	return ids.Put([]byte(r.ID), u64(seq))
}

// cached returns the lines of a script's revision seq when it is the last
// one committed through this store, saving its reconstruction on the next
// commit.
func (s *Store) cached(script model.ScriptID, seq uint64) ([]string, bool) {
	s.lastMu.Lock()
	defer s.lastMu.Unlock()
	if c, ok := s.last[script]; ok && c.seq == seq {
		return c.lines, true
	}
	return nil, false
}

func (s *Store) remember(script model.ScriptID, seq uint64, lines []string) {
	s.lastMu.Lock()
	defer s.lastMu.Unlock()
	if s.last == nil || len(s.last) > 16 {
		s.last = map[model.ScriptID]lastText{}
	}
	s.last[script] = lastText{seq: seq, lines: lines}
}

// lastText is the newest stored text of a script.
type lastText struct {
	seq   uint64
	lines []string
}

// AddRevision stores a revision of a script (verifying its signature and
// content hash) without moving the script's head. Storing a revision that is
// already there does nothing.
func (s *Store) AddRevision(script model.ScriptID, r *model.Revision, stats RevisionStats) error {
	return s.update(func(tx *bolt.Tx) error { return s.addRevision(tx, script, r, stats) })
}

// CommitRevision stores a revision and makes it the script's head, in one
// transaction.
func (s *Store) CommitRevision(script model.ScriptID, r *model.Revision, stats RevisionStats) error {
	return s.update(func(tx *bolt.Tx) error {
		if err := s.addRevision(tx, script, r, stats); err != nil {
			return err
		}
		b := tx.Bucket(bucketScripts)
		var sc model.Script
		if err := getJSON(b, []byte(script), &sc, "script "+string(script)); err != nil {
			return err
		}
		sc.Head = r.ID
		if r.Time.After(sc.Modified) {
			sc.Modified = r.Time
		}
		return putJSON(b, []byte(script), sc)
	})
}

// Revision returns a revision with its full text, rebuilt and checked
// against its content hash.
func (s *Store) Revision(script model.ScriptID, id model.RevisionID) (*model.Revision, error) {
	var r *model.Revision
	err := s.view(func(tx *bolt.Tx) (err error) {
		r, err = revisionIn(tx, script, id)
		return err
	})
	return r, err
}

func revisionIn(tx *bolt.Tx, script model.ScriptID, id model.RevisionID) (*model.Revision, error) {
	seqs, ids, err := scriptRevisions(tx, script, false)
	if err != nil {
		return nil, err
	}
	if ids == nil || ids.Get([]byte(id)) == nil {
		return nil, fmt.Errorf("revision %s: %w", id.Short(), ErrNotFound)
	}
	seq, ok := fromU64(ids.Get([]byte(id)))
	if !ok {
		return nil, fmt.Errorf("%w: revision index of %s", ErrCorrupt, id.Short())
	}
	lines, meta, err := linesAt(seqs, seq)
	if err != nil {
		return nil, err
	}
	text := strings.Join(lines, "")
	if model.ContentHash(text) != meta.ContentHash || meta.ID != id {
		return nil, fmt.Errorf("%w: revision %s does not match its content hash", ErrCorrupt, id.Short())
	}
	return &model.Revision{ID: meta.ID, Parents: meta.Parents, Author: meta.Author, AuthorName: meta.AuthorName,
		Time: meta.Time, Message: meta.Message, ContentHash: meta.ContentHash, Text: text,
		Signature: bytes.Clone(meta.Signature)}, nil
}

// Revisions lists a script's revisions in the order they were stored.
func (s *Store) Revisions(script model.ScriptID) ([]RevisionInfo, error) {
	var out []RevisionInfo
	err := s.view(func(tx *bolt.Tx) (err error) {
		out, err = revisionsIn(tx, script)
		return err
	})
	return out, err
}

func revisionsIn(tx *bolt.Tx, script model.ScriptID) ([]RevisionInfo, error) {
	out := []RevisionInfo{}
	if tx.Bucket(bucketScripts).Get([]byte(script)) == nil {
		return out, fmt.Errorf("script %s: %w", script, ErrNotFound)
	}
	seqs, _, err := scriptRevisions(tx, script, false)
	if err != nil || seqs == nil {
		return out, err
	}
	err = seqs.ForEach(func(k, v []byte) error {
		seq, _ := fromU64(k)
		_, meta, _, err := decodeRecord(v)
		if err != nil {
			return err
		}
		out = append(out, meta.info(seq))
		return nil
	})
	return out, err
}
