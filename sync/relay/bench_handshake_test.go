package relay

import (
	"sort"
	"testing"
	"time"
)

// BenchmarkHandshake connects p99Samples clients per iteration, one after
// another over real loopback WebSockets, each through the upgrade, hello,
// challenge, auth and welcome, and reports the p99 time to be welcomed,
// over at least 100 handshakes. The relay gives a client 10 s (authWait);
// this shows how far from it a handshake is.
func BenchmarkHandshake(b *testing.B) {
	tr := benchRelay(b)
	lat := make([]float64, 0, b.N*p99Samples)
	for i := 0; i < b.N*p99Samples; i++ {
		id := newIdentity(b, "Client")
		start := time.Now()
		c := connect(b, tr, id)
		lat = append(lat, float64(time.Since(start))/float64(time.Millisecond))
		c.ws.Close()
		<-c.closed
	}
	b.StopTimer()
	sort.Float64s(lat)
	b.ReportMetric(lat[(len(lat)*99)/100], "p99-ms")
	b.ReportMetric(float64(len(lat)), "samples")
}
