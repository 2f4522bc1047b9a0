package store

import (
	"fmt"

	bolt "go.etcd.io/bbolt"

	"github.com/scriptroom/scriptroom/internal/model"
)

// Production returns the production state of a script kept in the library
// (a script not shared): the zero value when it was never locked.
func (s *Store) Production(script model.ScriptID) (model.Production, error) {
	var p model.Production
	err := s.view(func(tx *bolt.Tx) error {
		if tx.Bucket(bucketScripts).Get([]byte(script)) == nil {
			return fmt.Errorf("script %s: %w", script, ErrNotFound)
		}
		if tx.Bucket(bucketProduction).Get([]byte(script)) == nil {
			return nil
		}
		return getJSON(tx.Bucket(bucketProduction), []byte(script), &p, "production state of "+string(script))
	})
	return p, err
}

// ChangeProduction applies change to a script's production state in one
// transaction and returns the state stored; nothing is stored when change
// fails.
func (s *Store) ChangeProduction(script model.ScriptID, change func(*model.Production) error) (model.Production, error) {
	var p model.Production
	err := s.update(func(tx *bolt.Tx) error {
		if tx.Bucket(bucketScripts).Get([]byte(script)) == nil {
			return fmt.Errorf("script %s: %w", script, ErrNotFound)
		}
		b := tx.Bucket(bucketProduction)
		if b.Get([]byte(script)) != nil {
			if err := getJSON(b, []byte(script), &p, "production state of "+string(script)); err != nil {
				return err
			}
		}
		if err := change(&p); err != nil {
			return err
		}
		return putJSON(b, []byte(script), p)
	})
	return p, err
}
