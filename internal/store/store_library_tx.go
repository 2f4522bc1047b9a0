package store

import (
	"fmt"

	bolt "go.etcd.io/bbolt"

	"github.com/scriptroom/scriptroom/internal/model"
)

// LibraryTx reads and changes scripts, drafts and revisions inside one
// write transaction (UpdateLibrary). It is valid only during the call.
type LibraryTx struct {
	s  *Store
	tx *bolt.Tx
}

// UpdateLibrary runs fn in one write transaction: every change fn makes
// through the LibraryTx is stored together, or none when fn returns an
// error (or the commit fails). fn must not call the Store itself: the
// transaction holds the database's writer lock.
func (s *Store) UpdateLibrary(fn func(*LibraryTx) error) error {
	return s.update(func(tx *bolt.Tx) error { return fn(&LibraryTx{s: s, tx: tx}) })
}

// Script returns one script's metadata.
func (t *LibraryTx) Script(id model.ScriptID) (model.Script, error) {
	var sc model.Script
	err := getJSON(t.tx.Bucket(bucketScripts), []byte(id), &sc, "script "+string(id))
	return sc, err
}

// PutScript stores a script's metadata.
func (t *LibraryTx) PutScript(sc model.Script) error {
	if err := sc.ID.Validate(); err != nil {
		return err
	}
	return putJSON(t.tx.Bucket(bucketScripts), []byte(sc.ID), sc)
}

// Draft returns the draft of a script.
func (t *LibraryTx) Draft(script model.ScriptID) (Draft, error) {
	var d Draft
	err := getJSON(t.tx.Bucket(bucketDrafts), []byte(script), &d, "draft of "+string(script))
	return d, err
}

// PutDraft stores the draft of a script.
func (t *LibraryTx) PutDraft(script model.ScriptID, d Draft) error {
	if t.tx.Bucket(bucketScripts).Get([]byte(script)) == nil {
		return fmt.Errorf("script %s: %w", script, ErrNotFound)
	}
	return putJSON(t.tx.Bucket(bucketDrafts), []byte(script), d)
}

// Revision returns a revision with its full text (see Store.Revision).
func (t *LibraryTx) Revision(script model.ScriptID, id model.RevisionID) (*model.Revision, error) {
	return revisionIn(t.tx, script, id)
}

// HasRevision reports whether the script holds revision id.
func (t *LibraryTx) HasRevision(script model.ScriptID, id model.RevisionID) (bool, error) {
	_, ids, err := scriptRevisions(t.tx, script, false)
	if err != nil {
		return false, err
	}
	return ids != nil && ids.Get([]byte(id)) != nil, nil
}

// Revisions lists a script's revisions in the order they were stored.
func (t *LibraryTx) Revisions(script model.ScriptID) ([]RevisionInfo, error) {
	return revisionsIn(t.tx, script)
}

// AddRevision stores a revision (see Store.AddRevision).
func (t *LibraryTx) AddRevision(script model.ScriptID, r *model.Revision, stats RevisionStats) error {
	return t.s.addRevision(t.tx, script, r, stats)
}
