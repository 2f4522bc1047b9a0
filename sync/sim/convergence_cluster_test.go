package sim

import (
	"flag"
	"io"
	"log/slog"
	"testing"

	"github.com/scriptroom/scriptroom/sync/relay/natsbackend"
	"github.com/scriptroom/scriptroom/sync/relay/natsbackend/natstest"
)

var clusterSeeds = flag.Int("cluster-seeds", 12, "how many seeds TestConvergenceCluster runs")

// TestConvergence's faults and checks over two relays on a three-node NATS
// JetStream cluster (three replicas): clients 0, 2 and 4 use relay A,
// 1 and 3 relay B, and every replica still holds the one log.
func TestConvergenceCluster(t *testing.T) {
	c := natstest.Start(t, 3)
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	converge(t, *clusterSeeds, func(string) ([]*simRelay, error) {
		var relays []*simRelay
		for range 2 {
			b, err := natsbackend.Open(natsbackend.Options{URLs: c.URLs(), Replicas: 3, Name: "sim-relay", Logger: quiet})
			if err != nil {
				return nil, err
			}
			rl, err := startRelay(b)
			if err != nil {
				return nil, err
			}
			relays = append(relays, rl)
		}
		return relays, nil
	})
}
