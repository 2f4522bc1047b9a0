package main

import (
	"flag"
	"fmt"
	"strconv"
	"strings"

	"github.com/scriptroom/scriptroom/sync/relay"
)

// quotaFlagSet holds the quota flags as given; 0 means no limit.
type quotaFlagSet struct {
	connEvents, userEvents, addrEvents float64
	connBytes, userBytes, addrBytes    sizeFlag
	roomBytes                          sizeFlag
	roomsPerUser                       int
	minFreeDisk                        sizeFlag
}

// quotaFlags defines the quota flags on fs, with the relay's defaults.
func quotaFlags(fs *flag.FlagSet) *quotaFlagSet {
	q := &quotaFlagSet{
		connBytes: relay.DefaultConnBytes, userBytes: relay.DefaultUserBytes, addrBytes: relay.DefaultAddrBytes,
		roomBytes: relay.DefaultRoomBytes, minFreeDisk: relay.DefaultMinFreeDisk,
	}
	fs.Float64Var(&q.connEvents, "conn-events", relay.DefaultConnEvents, "events a second one connection may publish (0: no limit)")
	fs.Float64Var(&q.userEvents, "user-events", relay.DefaultUserEvents, "events a second one user may publish over all its connections (0: no limit)")
	fs.Float64Var(&q.addrEvents, "addr-events", relay.DefaultAddrEvents, "events a second one client address may publish (0: no limit)")
	fs.Var(&q.connBytes, "conn-bytes", "bytes a second one connection may send, e.g. 512KiB (0: no limit)")
	fs.Var(&q.userBytes, "user-bytes", "bytes a second one user may send over all its connections (0: no limit)")
	fs.Var(&q.addrBytes, "addr-bytes", "bytes a second one client address may send (0: no limit)")
	fs.Var(&q.roomBytes, "room-quota", "most one room's log may hold, e.g. 1GiB (0: no limit)")
	fs.IntVar(&q.roomsPerUser, "rooms-per-user", relay.DefaultRoomsPerUser, "most rooms one user may create (0: no limit)")
	fs.Var(&q.minFreeDisk, "min-free-disk", "space to leave free on the log's disk: events that would take it are refused (0: none)")
	return q
}

// minFree is --min-free-disk for relay.Config.MinFreeDisk.
func (q *quotaFlagSet) minFree() int64 {
	if q.minFreeDisk == 0 {
		return -1
	}
	return int64(q.minFreeDisk)
}

// quotas checks the flags and turns them into the relay's quotas.
func (q *quotaFlagSet) quotas() (relay.Quotas, error) {
	rate := func(name string, v float64) (float64, error) {
		switch {
		case v < 0:
			return 0, fmt.Errorf("--%s: %v is negative; 0 means no limit", name, v)
		case v == 0:
			return -1, nil
		}
		return v, nil
	}
	var out relay.Quotas
	var err error
	for _, f := range []struct {
		name string
		in   float64
		out  *float64
	}{
		{"conn-events", q.connEvents, &out.ConnEvents},
		{"user-events", q.userEvents, &out.UserEvents},
		{"addr-events", q.addrEvents, &out.AddrEvents},
		{"conn-bytes", float64(q.connBytes), &out.ConnBytes},
		{"user-bytes", float64(q.userBytes), &out.UserBytes},
		{"addr-bytes", float64(q.addrBytes), &out.AddrBytes},
	} {
		if *f.out, err = rate(f.name, f.in); err != nil {
			return out, err
		}
	}
	out.RoomBytes = int64(q.roomBytes)
	if out.RoomBytes == 0 {
		out.RoomBytes = -1
	}
	switch {
	case q.roomsPerUser < 0:
		return out, fmt.Errorf("--rooms-per-user: %d is negative; 0 means no limit", q.roomsPerUser)
	case q.roomsPerUser == 0:
		out.RoomsPerUser = -1
	default:
		out.RoomsPerUser = q.roomsPerUser
	}
	return out, nil
}

// sizeFlag is a byte count written as a number with an optional unit: B,
// KiB, MiB, GiB (or K, M, G, KB, MB, GB, all powers of 1024).
type sizeFlag int64

func (s *sizeFlag) String() string { return strconv.FormatInt(int64(*s), 10) }

func (s *sizeFlag) Set(v string) error {
	num := strings.TrimSpace(v)
	unit := int64(1)
	upper := strings.ToUpper(num)
	for _, u := range []struct {
		suffixes []string
		size     int64
	}{
		{[]string{"GIB", "GB", "G"}, 1 << 30},
		{[]string{"MIB", "MB", "M"}, 1 << 20},
		{[]string{"KIB", "KB", "K"}, 1 << 10},
		{[]string{"B"}, 1},
	} {
		found := false
		for _, suf := range u.suffixes {
			if strings.HasSuffix(upper, suf) {
				num, unit, found = strings.TrimSpace(num[:len(num)-len(suf)]), u.size, true
				break
			}
		}
		if found {
			break
		}
	}
	n, err := strconv.ParseInt(num, 10, 64)
	if err != nil || n < 0 || n > (1<<62)/unit {
		return fmt.Errorf("%q is not a size such as 1048576, 512KiB or 1GiB", v)
	}
	*s = sizeFlag(n * unit)
	return nil
}
