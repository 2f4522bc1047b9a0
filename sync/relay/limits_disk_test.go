package relay

import (
	"runtime"
	"strings"
	"testing"

	"github.com/scriptroom/scriptroom/internal/model"
	"github.com/scriptroom/scriptroom/sync/protocol"
)

// diskOf is the real BoltBackend on a disk said to have free bytes left.
type diskOf struct {
	*BoltBackend
	free int64
}

func (d *diskOf) FreeBytes() (int64, bool) { return d.free, true }

// TestDiskGuard: events that would leave less than MinFreeDisk free are
// refused with quota_exceeded saying the disk is nearly full, whatever the
// room and user quotas allow; rights can still change.
func TestDiskGuard(t *testing.T) {
	tr := newTestRelay(t, func(c *Config) {
		c.Backend = &diskOf{BoltBackend: c.Backend.(*BoltBackend), free: 100 << 10}
		c.MinFreeDisk = 64 << 10
	})
	ownerID := newIdentity(t, "Owner")
	owner := connect(t, tr, ownerID)
	room := createRoom(t, owner, model.Invite)
	ack := owner.publish(room, comments(t, ownerID, room, 4, strings.Repeat("d", 11<<10))...)
	stored := 0
	for _, r := range ack.Results {
		if r.Error == nil {
			stored++
			continue
		}
		refusedWith(t, r, protocol.CodeQuotaExceeded, "disk is nearly full")
	}
	// The room and three comments of 11 KiB leave about 65 KiB; a fourth
	// would leave 54.
	if stored != 3 {
		t.Fatalf("%d events stored with 100 KiB free and 64 KiB kept, want 3", stored)
	}
	grant(t, owner, room, newIdentity(t, "Bob").ID(), model.RoleReader)
}

// TestBoltFreeBytes: the relay log's backend reports its disk's space where
// the system tells it.
func TestBoltFreeBytes(t *testing.T) {
	b, _ := newTestBackend(t)
	free, known := b.FreeBytes()
	if runtime.GOOS != "linux" && runtime.GOOS != "darwin" {
		if known {
			t.Fatalf("free space known on %s", runtime.GOOS)
		}
		return
	}
	if !known || free <= 0 {
		t.Fatalf("free space %d (known %v)", free, known)
	}
}
