package natsbackend

import (
	"context"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/prometheus/client_golang/prometheus"
)

// Collectors implements relay.MetricsSource: the NATS connection's state,
// appends retried because another relay stored first, and how far the
// stream's replicas are behind its leader.
func (b *Backend) Collectors() []prometheus.Collector {
	return []prometheus.Collector{
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "scriptroom_nats_connected",
			Help: "1 while the relay's NATS connection is up, else 0.",
		}, func() float64 {
			if b.nc.Status() == nats.CONNECTED {
				return 1
			}
			return 0
		}),
		prometheus.NewCounterFunc(prometheus.CounterOpts{
			Name: "scriptroom_nats_append_retries_total",
			Help: "Events published again because another relay appended to the room first.",
		}, func() float64 { return float64(b.retries.Load()) }),
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "scriptroom_nats_stream_lag",
			Help: "Operations the stream's most behind replica lags its leader (-1 when the stream does not answer).",
		}, b.streamLag),
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "scriptroom_nats_rooms_followed",
			Help: "Rooms this relay follows for its clients (one core NATS subscription each).",
		}, func() float64 { return float64(b.hubCount()) }),
	}
}

func (b *Backend) streamLag() float64 {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	info, err := b.stream.Info(ctx)
	if err != nil {
		return -1
	}
	var lag uint64
	if info.Cluster != nil {
		for _, r := range info.Cluster.Replicas {
			lag = max(lag, r.Lag)
		}
	}
	return float64(lag)
}
