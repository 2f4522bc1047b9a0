// Command scriptroom-bench loads one or more Scriptroom relays the way
// collaborators do, to size a deployment: it creates public rooms, connects
// writers that publish signed comments at a steady rate and readers that
// follow the rooms, over the relay's WebSocket protocol, and reports what was
// acknowledged, received, lost and duplicated, and the publish-to-receive
// latency.
//
//	scriptroom-bench --relays ws://a:8080/ws,ws://b:8080/ws \
//	    --writers 10 --readers 1000 --rooms 100 --size 300 --rate 10 --duration 60s
//
// Clients are spread over the relays in turn; a client whose relay goes
// away reconnects to the next one and resumes: a reader from its cursor, a
// writer by publishing again what was not acknowledged. Progress lines go to
// stderr each second; the last line on stdout is the result as JSON:
//
//	{"acked":N,"received":N,"lost":N,"duplicates":N,"p50_ms":x,"p99_ms":y,"ack_p50_ms":x,"ack_p99_ms":y,"reconnects":N}
//
// acked counts events the relays stored; received counts (reader, event)
// deliveries; lost counts acked events that some reader of their room never
// received; duplicates counts events a reader received twice. p50_ms and
// p99_ms are from an event's publish to a reader's reading of the frame
// that holds it, ack_p50_ms and ack_p99_ms from its publish to the
// writer's ack (the store alone). The exit status is 1 when anything was
// lost or refused. See docs/relay.md ("Sizing").
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, syscall.SIGINT)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "scriptroom-bench:", err)
		os.Exit(1)
	}
}

// parseFlags reads the command line into a load configuration.
func parseFlags(args []string, out io.Writer) (Config, error) {
	var c Config
	var relays string
	fs := flag.NewFlagSet("scriptroom-bench", flag.ContinueOnError)
	fs.SetOutput(out)
	fs.StringVar(&relays, "relays", "", "relay WebSocket URLs, comma-separated, e.g. ws://a:8080/ws,ws://b:8080/ws (required)")
	fs.IntVar(&c.Writers, "writers", 10, "writers, each publishing to one room")
	fs.IntVar(&c.Readers, "readers", 100, "readers, each following one room")
	fs.IntVar(&c.Rooms, "rooms", 10, "rooms the writers and readers are spread over")
	fs.IntVar(&c.Size, "size", 500, "bytes per event, as sent")
	fs.Float64Var(&c.Rate, "rate", 10, "events a second per writer")
	fs.DurationVar(&c.Duration, "duration", 10*time.Second, "how long the writers publish")
	fs.DurationVar(&c.Drain, "drain", defaultDrain, "how long to wait, after the writers stop, for outstanding acks and deliveries")
	if err := fs.Parse(args); err != nil {
		return c, err
	}
	if fs.NArg() > 0 {
		return c, fmt.Errorf("%w: unexpected arguments %q", errBadFlags, fs.Args())
	}
	for _, u := range strings.Split(relays, ",") {
		if u = strings.TrimSpace(u); u != "" {
			c.Relays = append(c.Relays, u)
		}
	}
	return c, c.validate()
}

// run parses args, runs the load and prints the result on stdout.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	c, err := parseFlags(args, stderr)
	if err != nil {
		return err
	}
	c.Progress = stderr
	res, err := Run(ctx, c)
	if err != nil {
		return err
	}
	line, err := json.Marshal(res)
	if err != nil {
		return err
	}
	fmt.Fprintln(stdout, string(line))
	switch {
	case res.Lost > 0:
		return fmt.Errorf("%w: %d acknowledged events never reached a reader", errLost, res.Lost)
	case res.Refused > 0:
		return fmt.Errorf("%w: the relays refused %d events (quotas or rates: see the progress lines)", errRefused, res.Refused)
	}
	return nil
}
