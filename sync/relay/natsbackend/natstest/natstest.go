// Package natstest runs an embedded NATS JetStream cluster in the test's
// process (temporary folders, random ports), for the tests of relays on
// natsbackend. Only tests import it.
package natstest

import (
	"fmt"
	"net"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/nats-io/nats-server/v2/server"
)

// WaitFor bounds every wait on the cluster; reaching it fails the test.
const WaitFor = 30 * time.Second

// Cluster is the nodes of one NATS cluster in this process.
type Cluster struct {
	t     testing.TB
	Nodes []*server.Server
}

func freePort(t testing.TB) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

// Start starts n JetStream nodes routed to each other, each storing in a
// temporary folder, shut down with the test, and waits until they have a
// JetStream leader that knows them all.
func Start(t testing.TB, n int) *Cluster {
	t.Helper()
	ports := make([]int, n)
	var routes []*url.URL
	for i := range ports {
		ports[i] = freePort(t)
		routes = append(routes, &url.URL{Scheme: "nats", Host: fmt.Sprintf("127.0.0.1:%d", ports[i])})
	}
	c := &Cluster{t: t}
	for i := range n {
		opts := &server.Options{
			ServerName: fmt.Sprintf("n%d", i+1),
			Host:       "127.0.0.1",
			Port:       -1,
			JetStream:  true,
			StoreDir:   t.TempDir(),
			NoLog:      true,
			NoSigs:     true,
			Cluster:    server.ClusterOpts{Name: "scriptroom-test", Host: "127.0.0.1", Port: ports[i]},
			Routes:     routes,
		}
		if n == 1 {
			opts.Cluster, opts.Routes = server.ClusterOpts{}, nil
		}
		s, err := server.NewServer(opts)
		if err != nil {
			t.Fatal(err)
		}
		go s.Start()
		if !s.ReadyForConnections(WaitFor) {
			t.Fatalf("NATS node %d did not start", i+1)
		}
		c.Nodes = append(c.Nodes, s)
		t.Cleanup(func() { s.Shutdown(); s.WaitForShutdown() })
	}
	c.WaitState("a JetStream leader that knows every node", func() bool {
		l := c.MetaLeader()
		if n > 1 && (l == nil || len(l.JetStreamClusterPeers()) < n) {
			return false
		}
		for _, s := range c.Nodes {
			if !s.JetStreamIsCurrent() {
				return false
			}
		}
		return true
	})
	return c
}

// WaitState polls cond until it holds; WaitFor is only the safety net.
func (c *Cluster) WaitState(what string, cond func() bool) {
	c.t.Helper()
	deadline := time.Now().Add(WaitFor)
	for !cond() {
		if time.Now().After(deadline) {
			c.t.Fatalf("gave up waiting for %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// Running lists the nodes not shut down.
func (c *Cluster) Running() []*server.Server {
	var out []*server.Server
	for _, s := range c.Nodes {
		if s.Running() {
			out = append(out, s)
		}
	}
	return out
}

// MetaLeader is the node leading JetStream's cluster, or nil.
func (c *Cluster) MetaLeader() *server.Server {
	for _, s := range c.Running() {
		if s.JetStreamIsLeader() {
			return s
		}
	}
	return nil
}

// StreamLeader is the node leading stream (of the default account), or nil.
func (c *Cluster) StreamLeader(stream string) *server.Server {
	for _, s := range c.Running() {
		if s.JetStreamIsStreamLeader("$G", stream) {
			return s
		}
	}
	return nil
}

// Follower is a running node that leads neither stream nor the JetStream
// cluster, so that losing it needs no election.
func (c *Cluster) Follower(stream string) *server.Server {
	c.t.Helper()
	for _, s := range c.Running() {
		if !s.JetStreamIsLeader() && !s.JetStreamIsStreamLeader("$G", stream) {
			return s
		}
	}
	c.t.Fatal("every node leads something")
	return nil
}

// URLs lists the client URLs of the running nodes, comma-separated.
func (c *Cluster) URLs() string {
	var u []string
	for _, s := range c.Running() {
		u = append(u, s.ClientURL())
	}
	return strings.Join(u, ",")
}
