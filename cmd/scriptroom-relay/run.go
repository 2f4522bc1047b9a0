package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/scriptroom/scriptroom/sync/relay"
	"github.com/scriptroom/scriptroom/sync/relay/natsbackend"
)

// shutdownWait is how long a SIGTERM waits for connections to close.
const shutdownWait = 15 * time.Second

// options are the command-line flags.
type options struct {
	listen       string
	data         string
	tlsCert      string
	tlsKey       string
	name         string
	origins      []string
	realIPHeader string
	logLevel     string
	logJSON      bool
	quotas       relay.Quotas
	minFreeDisk  int64
	nats         string
	natsCreds    string
	natsReplicas int
}

// listFlag collects a repeatable string flag.
type listFlag []string

func (l *listFlag) String() string     { return strings.Join(*l, ",") }
func (l *listFlag) Set(v string) error { *l = append(*l, v); return nil }

func parseFlags(args []string, out io.Writer) (*options, error) {
	o := &options{}
	var err error
	fs := flag.NewFlagSet("scriptroom-relay", flag.ContinueOnError)
	fs.SetOutput(out)
	fs.StringVar(&o.listen, "listen", ":8080", "address to listen on, host:port")
	fs.StringVar(&o.data, "data", "", "directory for the relay's log (required without --nats)")
	fs.StringVar(&o.nats, "nats", "", "keep the room logs in NATS JetStream at these servers, comma-separated (nats://h1:4222,nats://h2:4222), to run relays as a cluster")
	fs.StringVar(&o.natsCreds, "nats-creds", "", "NATS credentials file (with --nats)")
	fs.IntVar(&o.natsReplicas, "nats-replicas", 1, "replicas of the JetStream stream, 1 to 5 (with --nats; 3 for a three-node cluster)")
	fs.StringVar(&o.tlsCert, "tls-cert", "", "TLS certificate file (PEM); serve HTTPS/WSS with --tls-key")
	fs.StringVar(&o.tlsKey, "tls-key", "", "TLS private key file (PEM)")
	fs.StringVar(&o.name, "name", "", "relay name clients sign in the handshake (default: the host name)")
	fs.Var((*listFlag)(&o.origins), "allow-origin", "browser origin allowed besides the desktop app's (repeatable)")
	fs.StringVar(&o.realIPHeader, "real-ip-header", "", "take the client address from this header (only behind a proxy that sets it)")
	fs.StringVar(&o.logLevel, "log-level", "info", "debug, info, warn or error")
	fs.BoolVar(&o.logJSON, "log-json", false, "log JSON lines instead of text")
	q := quotaFlags(fs)
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	if o.quotas, err = q.quotas(); err != nil {
		return nil, err
	}
	o.minFreeDisk = q.minFree()
	if fs.NArg() > 0 {
		return nil, fmt.Errorf("unexpected arguments: %q", fs.Args())
	}
	switch {
	case o.nats == "" && o.data == "":
		return nil, errors.New("--data is required (or --nats, to keep the logs in NATS JetStream)")
	case o.nats != "" && o.data != "":
		return nil, errors.New("--data and --nats exclude each other: with --nats the room logs are in JetStream")
	case o.nats == "" && (o.natsCreds != "" || o.natsReplicas != 1):
		return nil, errors.New("--nats-creds and --nats-replicas go with --nats")
	case o.natsReplicas < 1 || o.natsReplicas > 5:
		return nil, fmt.Errorf("--nats-replicas: %d is not 1 to 5", o.natsReplicas)
	}
	if (o.tlsCert == "") != (o.tlsKey == "") {
		return nil, errors.New("--tls-cert and --tls-key go together")
	}
	if o.name == "" {
		o.name, _ = os.Hostname()
	}
	return o, nil
}

func newLogger(o *options, out io.Writer) (*slog.Logger, error) {
	var level slog.Level
	if err := level.UnmarshalText([]byte(o.logLevel)); err != nil {
		return nil, fmt.Errorf("--log-level: %w", err)
	}
	hopts := &slog.HandlerOptions{Level: level}
	if o.logJSON {
		return slog.New(slog.NewJSONHandler(out, hopts)), nil
	}
	return slog.New(slog.NewTextHandler(out, hopts)), nil
}

// run serves until ctx ends, then shuts down gracefully. If ready is not
// nil it receives the listening address once the relay accepts connections.
func run(ctx context.Context, args []string, logOut io.Writer, ready chan<- string) error {
	o, err := parseFlags(args, logOut)
	if err != nil {
		return err
	}
	log, err := newLogger(o, logOut)
	if err != nil {
		return err
	}
	backend, err := openBackend(o, log)
	if err != nil {
		return err
	}
	defer backend.Close()
	cfg := relay.Config{Backend: backend, Name: o.name, AllowOrigins: o.origins, Logger: log, Quotas: o.quotas, MinFreeDisk: o.minFreeDisk}
	if h := o.realIPHeader; h != "" {
		cfg.ClientAddr = func(r *http.Request) string {
			if v := strings.TrimSpace(strings.Split(r.Header.Get(h), ",")[0]); v != "" {
				return v
			}
			host, _, _ := net.SplitHostPort(r.RemoteAddr)
			return host
		}
	}
	rl, err := relay.New(cfg)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", o.listen)
	if err != nil {
		return fmt.Errorf("listen: %w", err)
	}
	srv := &http.Server{
		Handler:           rl.Handler(),
		ReadHeaderTimeout: 10 * time.Second,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	served := make(chan error, 1)
	go func() {
		if o.tlsCert != "" {
			served <- srv.ServeTLS(ln, o.tlsCert, o.tlsKey)
		} else {
			served <- srv.Serve(ln)
		}
	}()
	log.Info("relay listening", "addr", ln.Addr().String(), "tls", o.tlsCert != "", "data", o.data, "nats", o.nats, "name", o.name)
	if ready != nil {
		ready <- ln.Addr().String()
	}
	select {
	case err := <-served:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	log.Info("shutting down")
	sctx, cancel := context.WithTimeout(context.Background(), shutdownWait)
	defer cancel()
	// Stop accepting, then close every WebSocket with "going away" so that
	// clients reconnect later; the server's own Shutdown does not wait for
	// hijacked connections.
	if err := srv.Shutdown(sctx); err != nil {
		log.Warn("http shutdown", "err", err)
	}
	if err := rl.Shutdown(sctx); err != nil {
		log.Warn("relay shutdown", "err", err)
	}
	log.Info("stopped")
	return nil
}

// openBackend opens the room logs: in JetStream with --nats, else the
// bbolt file in --data.
func openBackend(o *options, log *slog.Logger) (relay.Backend, error) {
	if o.nats != "" {
		b, err := natsbackend.Open(natsbackend.Options{URLs: o.nats, Creds: o.natsCreds, Replicas: o.natsReplicas, Name: o.name, Logger: log})
		if err != nil {
			return nil, err
		}
		if o.minFreeDisk > 0 {
			log.Info("--min-free-disk does not apply with --nats: JetStream's own storage limits (max_file_store) refuse writes when full")
		}
		return b, nil
	}
	if err := os.MkdirAll(o.data, 0o700); err != nil {
		return nil, fmt.Errorf("make data directory: %w", err)
	}
	b, err := relay.OpenBolt(filepath.Join(o.data, "relay.db"), relay.BoltOptions{})
	if err != nil {
		return nil, err
	}
	return b, nil
}
