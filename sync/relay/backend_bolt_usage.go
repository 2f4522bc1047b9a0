package relay

import (
	"encoding/binary"
	"encoding/json"
	"fmt"

	bolt "go.etcd.io/bbolt"

	"github.com/scriptroom/scriptroom/internal/model"
)

// storedBytes is the size of the room's log entries: its bytes key, or, in
// a log from before that key, the sum of its entries.
func storedBytes(rb *bolt.Bucket) int64 {
	if v := rb.Get(keyBytes); len(v) == 8 {
		return int64(binary.BigEndian.Uint64(v))
	}
	var n int64
	if log := rb.Bucket(bucketLog); log != nil {
		log.ForEach(func(_, v []byte) error {
			n += int64(len(v))
			return nil
		})
	}
	return n
}

// roomsCreated is how many rooms user has created.
func roomsCreated(tx *bolt.Tx, user model.UserID) int {
	if v := tx.Bucket(bucketUsers).Get([]byte(user)); len(v) == 8 {
		return int(binary.BigEndian.Uint64(v))
	}
	return 0
}

// countCreated counts one more room created by user.
func countCreated(tx *bolt.Tx, user model.UserID) error {
	return tx.Bucket(bucketUsers).Put([]byte(user), u64(uint64(roomsCreated(tx, user)+1)))
}

// countCreators makes the creators bucket when the log has none yet,
// counting the rooms already there by the author of their first entry.
func countCreators(tx *bolt.Tx) error {
	if tx.Bucket(bucketUsers) != nil {
		return nil
	}
	if _, err := tx.CreateBucket(bucketUsers); err != nil {
		return err
	}
	return tx.Bucket(bucketRooms).ForEachBucket(func(room []byte) error {
		log := tx.Bucket(bucketRooms).Bucket(room).Bucket(bucketLog)
		if log == nil {
			return nil
		}
		_, v := log.Cursor().First()
		if v == nil {
			return nil
		}
		var first model.Event
		if err := json.Unmarshal(v, &first); err != nil {
			return fmt.Errorf("room %s: decode its first entry: %w", room, err)
		}
		return countCreated(tx, first.Author)
	})
}
