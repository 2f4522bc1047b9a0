// Command scriptroom-relay runs a Scriptroom relay: the small server that
// stores each shared script's room log and relays events and presence
// between collaborators. It is pure Go (builds with CGO_ENABLED=0).
//
//	scriptroom-relay --listen :8443 --data /var/lib/scriptroom \
//	    --tls-cert cert.pem --tls-key key.pem --allow-origin https://team.example
//
// It serves /ws (WebSocket), /healthz and /metrics, logs with log/slog and
// shuts down gracefully on SIGTERM or SIGINT. See docs/relay.md.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, syscall.SIGINT)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stderr, nil); err != nil {
		fmt.Fprintln(os.Stderr, "scriptroom-relay:", err)
		os.Exit(1)
	}
}
