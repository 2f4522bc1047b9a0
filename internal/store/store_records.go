package store

import (
	"encoding/json"
	"fmt"
	"sort"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/scriptroom/scriptroom/internal/model"
)

// Draft is the text being typed, not yet a revision, autosaved on a short
// debounce so a crash loses at most the last second.
type Draft struct {
	Text string `json:"text"`
	// Base is the revision the draft was last committed as or restored from.
	Base  model.RevisionID `json:"base"`
	Saved time.Time        `json:"saved"`
}

func getJSON(b *bolt.Bucket, key []byte, v any, what string) error {
	raw := b.Get(key)
	if raw == nil {
		return fmt.Errorf("%s: %w", what, ErrNotFound)
	}
	if err := json.Unmarshal(raw, v); err != nil {
		return fmt.Errorf("%s: %w (%v)", what, ErrCorrupt, err)
	}
	return nil
}

func putJSON(b *bolt.Bucket, key []byte, v any) error {
	raw, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return b.Put(key, raw)
}

// Identity returns the user's key pair and name; ErrNotFound before the
// first run made one.
func (s *Store) Identity() (*model.Identity, error) {
	var id model.Identity
	err := s.view(func(tx *bolt.Tx) error {
		return getJSON(tx.Bucket(bucketIdentity), keySelf, &id, "identity")
	})
	if err != nil {
		return nil, err
	}
	return &id, nil
}

// PutIdentity stores the user's key pair and name.
func (s *Store) PutIdentity(id *model.Identity) error {
	return s.update(func(tx *bolt.Tx) error {
		return putJSON(tx.Bucket(bucketIdentity), keySelf, id)
	})
}

// PutScript stores a script's metadata.
func (s *Store) PutScript(sc model.Script) error {
	if err := sc.ID.Validate(); err != nil {
		return err
	}
	return s.update(func(tx *bolt.Tx) error {
		return putJSON(tx.Bucket(bucketScripts), []byte(sc.ID), sc)
	})
}

// Script returns one script's metadata.
func (s *Store) Script(id model.ScriptID) (model.Script, error) {
	var sc model.Script
	err := s.view(func(tx *bolt.Tx) error {
		return getJSON(tx.Bucket(bucketScripts), []byte(id), &sc, "script "+string(id))
	})
	return sc, err
}

// Scripts returns every script, trashed ones included, most recently
// modified first.
func (s *Store) Scripts() ([]model.Script, error) {
	var out []model.Script
	err := s.view(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketScripts).ForEach(func(k, v []byte) error {
			var sc model.Script
			if err := json.Unmarshal(v, &sc); err != nil {
				return fmt.Errorf("script %s: %w (%v)", k, ErrCorrupt, err)
			}
			out = append(out, sc)
			return nil
		})
	})
	sort.SliceStable(out, func(i, j int) bool { return out[i].Modified.After(out[j].Modified) })
	return out, err
}

// PurgeScript deletes a script with its revisions, draft and production
// state.
func (s *Store) PurgeScript(id model.ScriptID) error {
	return s.update(func(tx *bolt.Tx) error {
		key := []byte(id)
		if tx.Bucket(bucketScripts).Get(key) == nil {
			return fmt.Errorf("script %s: %w", id, ErrNotFound)
		}
		if err := tx.Bucket(bucketScripts).Delete(key); err != nil {
			return err
		}
		if err := tx.Bucket(bucketDrafts).Delete(key); err != nil {
			return err
		}
		if err := tx.Bucket(bucketProduction).Delete(key); err != nil {
			return err
		}
		if tx.Bucket(bucketRevisions).Bucket(key) != nil {
			return tx.Bucket(bucketRevisions).DeleteBucket(key)
		}
		return nil
	})
}

// PutDraft stores the draft of a script.
func (s *Store) PutDraft(script model.ScriptID, d Draft) error {
	return s.update(func(tx *bolt.Tx) error {
		return putJSON(tx.Bucket(bucketDrafts), []byte(script), d)
	})
}

// Draft returns the draft of a script.
func (s *Store) Draft(script model.ScriptID) (Draft, error) {
	var d Draft
	err := s.view(func(tx *bolt.Tx) error {
		return getJSON(tx.Bucket(bucketDrafts), []byte(script), &d, "draft of "+string(script))
	})
	return d, err
}

// Setting returns a setting's value.
func (s *Store) Setting(key string) (string, error) {
	var v string
	err := s.view(func(tx *bolt.Tx) error {
		raw := tx.Bucket(bucketSettings).Get([]byte(key))
		if raw == nil {
			return fmt.Errorf("setting %q: %w", key, ErrNotFound)
		}
		v = string(raw)
		return nil
	})
	return v, err
}

// PutSetting stores a setting.
func (s *Store) PutSetting(key, value string) error {
	if key == "" {
		return fmt.Errorf("a setting needs a name")
	}
	return s.update(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketSettings).Put([]byte(key), []byte(value))
	})
}
