package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/scriptroom/scriptroom/sync/relay"
)

func TestQuotaFlags(t *testing.T) {
	o, err := parseFlags([]string{"--data", "d"}, &bytes.Buffer{})
	if err != nil {
		t.Fatal(err)
	}
	want := relay.Quotas{
		ConnEvents: relay.DefaultConnEvents, ConnBytes: relay.DefaultConnBytes,
		UserEvents: relay.DefaultUserEvents, UserBytes: relay.DefaultUserBytes,
		AddrEvents: relay.DefaultAddrEvents, AddrBytes: relay.DefaultAddrBytes,
		RoomBytes: relay.DefaultRoomBytes, RoomsPerUser: relay.DefaultRoomsPerUser,
	}
	if o.quotas != want || o.minFreeDisk != relay.DefaultMinFreeDisk {
		t.Fatalf("defaults: %+v and %d free, want %+v and %d", o.quotas, o.minFreeDisk, want, relay.DefaultMinFreeDisk)
	}

	o, err = parseFlags([]string{"--data", "d", "--conn-events", "50", "--user-bytes", "2MiB", "--addr-bytes", "300k",
		"--room-quota", "0", "--rooms-per-user", "0", "--conn-bytes", "4096", "--min-free-disk", "0"}, &bytes.Buffer{})
	if err != nil {
		t.Fatal(err)
	}
	q := o.quotas
	if q.ConnEvents != 50 || q.UserBytes != 2<<20 || q.AddrBytes != 300<<10 || q.ConnBytes != 4096 || q.RoomBytes != -1 || q.RoomsPerUser != -1 || o.minFreeDisk != -1 {
		t.Fatalf("set: %+v", q)
	}

	for _, bad := range [][]string{
		{"--room-quota", "lots"},
		{"--conn-bytes", "-1"},
		{"--conn-events", "-5"},
		{"--rooms-per-user", "-1"},
		{"--user-bytes", "12XB"},
	} {
		_, err := parseFlags(append([]string{"--data", "d"}, bad...), &bytes.Buffer{})
		if err == nil || !strings.Contains(err.Error(), strings.TrimPrefix(bad[0], "--")) && !strings.Contains(err.Error(), bad[1]) {
			t.Errorf("%v: error %v", bad, err)
		}
	}
}
