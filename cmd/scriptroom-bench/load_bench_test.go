package main

import (
	"context"
	"path/filepath"
	"testing"
	"time"
)

// BenchmarkLoad100Rooms runs the tool's sizing shape against an
// in-process relay (fsync on, limits lifted): 10 writers at 10 events a
// second in 100 rooms followed by 1,000 readers, 500-byte events, for 10 s
// an iteration. It fails on any loss or duplicate and reports the
// publish-to-receive p50 and p99.
func BenchmarkLoad100Rooms(b *testing.B) {
	tr := startRelayB(b, filepath.Join(b.TempDir(), "relay.db"))
	for range b.N {
		res, err := Run(context.Background(), Config{
			Relays: []string{tr.url()}, Writers: 10, Readers: 1000, Rooms: 100,
			Size: 500, Rate: 10, Duration: 10 * time.Second,
		})
		if err != nil {
			b.Fatal(err)
		}
		if res.Lost != 0 || res.Duplicates != 0 || res.Refused != 0 || res.Acked == 0 {
			b.Fatalf("acked %d, lost %d, duplicates %d, refused %d", res.Acked, res.Lost, res.Duplicates, res.Refused)
		}
		b.ReportMetric(res.P50ms, "p50-ms")
		b.ReportMetric(res.P99ms, "p99-ms")
		b.ReportMetric(float64(res.Received), "received")
	}
}
