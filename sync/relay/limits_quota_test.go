package relay

import (
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
	"golang.org/x/time/rate"

	"github.com/scriptroom/scriptroom/internal/model"
	"github.com/scriptroom/scriptroom/sync/protocol"
)

// comments signs n comments of body in room.
func comments(t testing.TB, who *model.Identity, room model.ScriptID, n int, body string) []*model.Event {
	t.Helper()
	out := make([]*model.Event, n)
	for i := range out {
		out[i] = comment(t, who, room, body+" "+strconv.Itoa(i))
	}
	return out
}

// quotaRelay is a relay with the message rates lifted and quotas q.
func quotaRelay(t *testing.T, path string, q Quotas) *testRelay {
	t.Helper()
	if path == "" {
		path = filepath.Join(t.TempDir(), "relay.db")
	}
	return startTestRelay(t, path, func(c *Config) {
		c.ConnRate, c.AddrRate = rate.Inf, rate.Inf
		c.Quotas = q
	})
}

// refusedWith fails unless r was refused with code and a message holding
// want.
func refusedWith(t *testing.T, r protocol.AckResult, code protocol.Code, want string) {
	t.Helper()
	if r.Error == nil || r.Error.Code != code || !strings.Contains(r.Error.Message, want) {
		t.Fatalf("event %s: got %+v, want %s naming %q", r.ID.Short(), r.Error, code, want)
	}
}

// TestEventQuotas exhausts the events budget of a connection, a user and an
// address in turn (a rate too slow to refill during the test, so the budget
// is its burst, 256 events): the events past it are refused as rate_limited
// naming the budget, without their signatures being checked, and only the
// connections drawing on that budget are held back.
func TestEventQuotas(t *testing.T) {
	for _, scope := range []string{"connection", "user", "address"} {
		t.Run(scope, func(t *testing.T) {
			q, whose := noRateQuotas, map[string]string{"connection": "this connection", "user": "your user", "address": "your address"}[scope]
			switch scope {
			case "connection":
				q.ConnEvents = 0.001
			case "user":
				q.UserEvents = 0.001
			case "address":
				q.AddrEvents = 0.001
			}
			tr := newTestRelay(t, func(c *Config) {
				c.ConnRate, c.AddrRate = rate.Inf, rate.Inf
				c.Quotas = q
			})
			aliceID, bobID := newIdentity(t, "Alice"), newIdentity(t, "Bob")
			alice := connectFrom(t, tr, aliceID, "10.0.0.1")
			room := createRoom(t, alice, model.Public) // 1 event of the 256

			events := comments(t, aliceID, room, protocol.MaxEventsPerPublish, "hi")
			events[255].Sig[0] ^= 0xff // past the budget: refused for the rate, never verified
			ack := alice.publish(room, events...)
			mustStore(t, &protocol.Ack{Results: ack.Results[:255]})
			refusedWith(t, ack.Results[255], protocol.CodeRateLimited, whose)
			ack = alice.publish(room, comments(t, aliceID, room, 1, "more")...)
			refusedWith(t, ack.Results[0], protocol.CodeRateLimited, whose)

			// Who else may publish now.
			others := []struct {
				name   string
				id     *model.Identity
				addr   string
				limits bool
			}{
				{"alice again", aliceID, "10.0.0.1", scope != "connection"},
				{"bob beside her", bobID, "10.0.0.1", scope == "address"},
				{"alice elsewhere", aliceID, "10.0.0.2", scope == "user"},
			}
			for _, o := range others {
				c := connectFrom(t, tr, o.id, o.addr)
				ack := c.publish(room, comments(t, o.id, room, 1, o.name)...)
				if o.limits {
					refusedWith(t, ack.Results[0], protocol.CodeRateLimited, whose)
				} else {
					mustStore(t, ack)
				}
			}
		})
	}
}

// TestPublishingPastTheQuotaIsClosed: a client that keeps publishing with
// none of its events admitted is closed with 4001, as one that keeps
// sending past the message rate.
func TestPublishingPastTheQuotaIsClosed(t *testing.T) {
	q := noRateQuotas
	q.ConnEvents = 0.001
	tr := quotaRelay(t, "", q)
	ownerID := newIdentity(t, "Owner")
	owner := connect(t, tr, ownerID)
	room := createRoom(t, owner, model.Public)
	mustStore(t, owner.publish(room, comments(t, ownerID, room, protocol.MaxEventsPerPublish-1, "fill")...))
	for _, e := range comments(t, ownerID, room, maxStrikes+1, "past") {
		owner.send(&protocol.Publish{Room: room, Events: []*model.Event{e}})
	}
	if code := owner.waitClose(); code != int(protocol.CloseRateLimited) {
		t.Fatalf("closed with %d, want %d", code, protocol.CloseRateLimited)
	}
}

// TestByteQuota: a message past the connection's bytes budget (its burst is
// one whole message, 1 MiB) is refused as a whole, before it is decoded.
func TestByteQuota(t *testing.T) {
	q := noRateQuotas
	q.ConnBytes = 0.001
	tr := quotaRelay(t, "", q)
	ownerID := newIdentity(t, "Owner")
	owner := connect(t, tr, ownerID)
	room := createRoom(t, owner, model.Public)
	body := strings.Repeat("b", 15<<10)
	mustStore(t, owner.publish(room, comments(t, ownerID, room, 40, body)...)) // about 600 KiB
	owner.send(&protocol.Publish{Ref: "second", Room: room, Events: comments(t, ownerID, room, 40, "again "+body)})
	e := owner.expectError(protocol.CodeRateLimited)
	if !strings.Contains(e.Message, "this connection may send") {
		t.Fatalf("error %q does not name the budget", e.Message)
	}
	// A new connection has a budget of its own.
	other := connect(t, tr, ownerID)
	mustStore(t, other.publish(room, comments(t, ownerID, room, 1, "small")...))
}

// TestRoomStorageQuota fills a room to its quota: the event that does not
// fit is refused with quota_exceeded saying how full the room is, rights
// can still change, other rooms are not affected, and the room's size
// survives a restart.
func TestRoomStorageQuota(t *testing.T) {
	path := t.TempDir() + "/relay.db"
	q := noRateQuotas
	q.RoomBytes = 64 << 10
	tr := quotaRelay(t, path, q)
	ownerID := newIdentity(t, "Owner")
	owner := connect(t, tr, ownerID)
	room, other := createRoom(t, owner, model.Invite), createRoom(t, owner, model.Invite)
	body := strings.Repeat("q", 12<<10)
	ack := owner.publish(room, comments(t, ownerID, room, 8, body)...)
	stored := 0
	for _, r := range ack.Results {
		if r.Error == nil {
			stored++
			continue
		}
		refusedWith(t, r, protocol.CodeQuotaExceeded, "of its 64.0 KiB")
	}
	if stored != 5 {
		t.Fatalf("%d events of 12 KiB stored in a 64 KiB room, want 5", stored)
	}
	// Filled to the brim with the smallest comments...
	for i := 0; ; i++ {
		if i == 100 {
			t.Fatal("the room never filled")
		}
		if owner.publish(room, comments(t, ownerID, room, 1, "x")...).Results[0].Error != nil {
			break
		}
	}
	// ... its rights can still change, and other rooms fill on their own.
	grant(t, owner, room, newIdentity(t, "Bob").ID(), model.RoleReader)
	mustStore(t, owner.publish(other, comments(t, ownerID, other, 1, body)...))

	tr.stop()
	tr = quotaRelay(t, path, q)
	owner = connect(t, tr, ownerID)
	ack = owner.publish(room, comments(t, ownerID, room, 1, body)...)
	refusedWith(t, ack.Results[0], protocol.CodeQuotaExceeded, "room "+string(room))
}

// TestRoomsPerUser: a user may create RoomsPerUser rooms, counted in the
// log so that a restart does not reset them; other users are not affected.
func TestRoomsPerUser(t *testing.T) {
	path := t.TempDir() + "/relay.db"
	q := noRateQuotas
	q.RoomsPerUser = 2
	tr := quotaRelay(t, path, q)
	aliceID, bobID := newIdentity(t, "Alice"), newIdentity(t, "Bob")
	alice := connect(t, tr, aliceID)
	createRoom(t, alice, model.Public)
	createRoom(t, alice, model.Public)
	third := model.NewScriptID()
	ack := alice.publish(third, newEvent(t, aliceID, third, model.KindRoom, model.RoomPayload{Title: "Third", Visibility: model.Public}))
	refusedWith(t, ack.Results[0], protocol.CodeQuotaExceeded, "has created 2 rooms")
	createRoom(t, connect(t, tr, bobID), model.Public)

	tr.stop()
	tr = quotaRelay(t, path, q)
	alice = connect(t, tr, aliceID)
	ack = alice.publish(third, newEvent(t, aliceID, third, model.KindRoom, model.RoomPayload{Title: "Third", Visibility: model.Public}))
	refusedWith(t, ack.Results[0], protocol.CodeQuotaExceeded, "has created 2 rooms")
}

// TestUsageCountedInOlderLogs: a log written before rooms' sizes and
// creators were kept gets them counted from its entries.
func TestUsageCountedInOlderLogs(t *testing.T) {
	b, path := newTestBackend(t)
	alice := newIdentity(t, "Alice")
	var rooms []model.ScriptID
	for range 2 {
		room := model.NewScriptID()
		rooms = append(rooms, room)
		events := append([]*model.Event{newEvent(t, alice, room, model.KindRoom, model.RoomPayload{Title: "Old", Visibility: model.Public})},
			comments(t, alice, room, 3, "old")...)
		if _, err := b.Append(room, events, acceptAll); err != nil {
			t.Fatal(err)
		}
	}
	b.Close()
	// Make it an older log, and sum what the first room holds.
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	var want int64
	err = db.Update(func(tx *bolt.Tx) error {
		for _, room := range rooms {
			rb := tx.Bucket(bucketRooms).Bucket([]byte(room))
			if err := rb.Delete(keyBytes); err != nil {
				return err
			}
			if room == rooms[0] {
				rb.Bucket(bucketLog).ForEach(func(_, v []byte) error { want += int64(len(v)); return nil })
			}
		}
		return tx.DeleteBucket(bucketUsers)
	})
	db.Close()
	if err != nil {
		t.Fatal(err)
	}

	b, err = OpenBolt(path, BoltOptions{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	var got []Usage
	record := func(_ *model.Event, u Usage) error { got = append(got, u); return nil }
	newRoom := model.NewScriptID()
	if _, err := b.Append(newRoom, []*model.Event{newEvent(t, alice, newRoom, model.KindRoom, model.RoomPayload{Title: "New", Visibility: model.Public})}, record); err != nil {
		t.Fatal(err)
	}
	if _, err := b.Append(rooms[0], comments(t, alice, rooms[0], 1, "new"), record); err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || !got[0].Creates || got[0].CreatorRooms != 2 || got[1].Creates || got[1].RoomBytes != want {
		t.Fatalf("usage %+v, want a creation by a user with 2 rooms, then a room of %d bytes", got, want)
	}
	// From now on the count is kept, and matches the log.
	b.db.View(func(tx *bolt.Tx) error {
		rb := tx.Bucket(bucketRooms).Bucket([]byte(rooms[0]))
		var sum int64
		rb.Bucket(bucketLog).ForEach(func(_, v []byte) error { sum += int64(len(v)); return nil })
		if kept := rb.Get(keyBytes); kept == nil || storedBytes(rb) != sum || sum != want+got[1].Bytes {
			t.Errorf("room size kept %v, log %d, want %d", kept, sum, want+got[1].Bytes)
		}
		return nil
	})
}

// TestQuotaBudgetsAreForgotten: a user's or address's budget is dropped
// once its last connection has gone and it is full again, so that made-up
// users and addresses cost nothing.
func TestQuotaBudgetsAreForgotten(t *testing.T) {
	bs := newBudgets("your user", 10, 1000)
	now := time.Now()
	kept := 0
	for i := range sweepEvery {
		key := "user" + strconv.Itoa(i)
		b := bs.acquire(key, now)
		switch i % 3 {
		case 0: // still connected
			kept++
		case 1: // gone, full
			bs.release(key, now)
		case 2: // gone, used: kept until full again
			chain{b}.takeEvents(5, now)
			bs.release(key, now)
		}
	}
	if got, want := bs.len(), kept+sweepEvery/3; got < want-1 || got > want+1 {
		t.Fatalf("%d budgets held, want about %d", got, want)
	}
	// Once refilled, the next sweep drops the used ones.
	later := now.Add(quotaBurst * time.Second)
	for i := range sweepEvery {
		key := "again" + strconv.Itoa(i)
		bs.acquire(key, later)
		bs.release(key, later)
	}
	if got := bs.len(); got != kept {
		t.Fatalf("%d budgets held after a sweep, want the %d with connections", got, kept)
	}

	// A budget without limits is always full: forgotten at once.
	free := newBudgets("your address", 0, 0)
	b := free.acquire("10.0.0.1", now)
	chain{b}.takeEvents(1000, now)
	chain{b}.takeBytes(1<<20, now)
	free.release("10.0.0.1", now)
	if free.len() != 0 {
		t.Fatal("a used budget without limits was kept")
	}
}
