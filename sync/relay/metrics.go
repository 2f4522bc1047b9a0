package relay

import (
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
)

// metrics are the relay's Prometheus series, on a registry of its own so
// that several relays can run in one process (tests).
type metrics struct {
	registry    *prometheus.Registry
	connections prometheus.Gauge
	stored      prometheus.Counter
	fanout      prometheus.Histogram
	rejected    *prometheus.CounterVec
	closed      *prometheus.CounterVec
}

func newMetrics(rooms func() float64) *metrics {
	m := &metrics{
		registry: prometheus.NewRegistry(),
		connections: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "scriptroom_connections",
			Help: "Open WebSocket connections.",
		}),
		stored: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "scriptroom_events_stored_total",
			Help: "Events appended to room logs (duplicates not counted).",
		}),
		fanout: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name: "scriptroom_fanout_latency_seconds",
			Help: "Time from receiving a publish to queueing its events for every subscriber.",
			// 100 µs to about 3 s.
			Buckets: prometheus.ExponentialBuckets(0.0001, 2, 15),
		}),
		rejected: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "scriptroom_rejected_messages_total",
			Help: "Messages and events refused, by reason (the protocol error code, or origin, too_big, conn_rate).",
		}, []string{"reason"}),
		closed: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "scriptroom_closed_connections_total",
			Help: "Connections closed by the relay, by close code.",
		}, []string{"code"}),
	}
	m.registry.MustRegister(m.connections, m.stored, m.fanout, m.rejected, m.closed,
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "scriptroom_rooms",
			Help: "Rooms that have a log.",
		}, rooms),
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
	)
	return m
}
