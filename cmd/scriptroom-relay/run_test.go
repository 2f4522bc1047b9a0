package main

import (
	"bytes"
	"context"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gorilla/websocket"

	"github.com/scriptroom/scriptroom/sync/protocol"
)

func TestFlags(t *testing.T) {
	cases := []struct {
		name string
		args []string
		want string // substring of the error; empty for success
	}{
		// Good.
		{"minimal", []string{"--data", "d"}, ""},
		{"everything", []string{"--data", "d", "--listen", "127.0.0.1:0", "--tls-cert", "c", "--tls-key", "k", "--allow-origin", "https://a", "--allow-origin", "https://b"}, ""},
		{"nats", []string{"--nats", "nats://a:4222,nats://b:4222", "--nats-creds", "c", "--nats-replicas", "3"}, ""},
		// Bad.
		{"no data", nil, "--data is required"},
		{"nats and data", []string{"--nats", "nats://a:4222", "--data", "d"}, "exclude each other"},
		{"replicas without nats", []string{"--data", "d", "--nats-replicas", "3"}, "go with --nats"},
		{"creds without nats", []string{"--data", "d", "--nats-creds", "c"}, "go with --nats"},
		{"too many replicas", []string{"--nats", "nats://a:4222", "--nats-replicas", "7"}, "--nats-replicas: 7 is not 1 to 5"},
		{"cert without key", []string{"--data", "d", "--tls-cert", "c"}, "go together"},
		{"stray argument", []string{"--data", "d", "extra"}, "unexpected"},
		{"unknown flag", []string{"--data", "d", "--port", "1"}, "not defined"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			o, err := parseFlags(tc.args, &bytes.Buffer{})
			if tc.want == "" {
				if err != nil {
					t.Fatal(err)
				}
				if tc.name == "everything" && len(o.origins) != 2 {
					t.Fatalf("origins %q", o.origins)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %v, want %q", err, tc.want)
			}
		})
	}
}

func TestRunServesAndShutsDown(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	ready := make(chan string, 1)
	done := make(chan error, 1)
	var logs bytes.Buffer
	dir := filepath.Join(t.TempDir(), "data")
	go func() {
		done <- run(ctx, []string{"--listen", "127.0.0.1:0", "--data", dir, "--log-json"}, &syncWriter{w: &logs}, ready)
	}()
	var addr string
	select {
	case addr = <-ready:
	case err := <-done:
		t.Fatal(err)
	}
	for _, path := range []string{"/healthz", "/metrics"} {
		resp, err := http.Get("http://" + addr + path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("%s: %d", path, resp.StatusCode)
		}
	}
	ws, _, err := websocket.DefaultDialer.Dial("ws://"+addr+"/ws", nil)
	if err != nil {
		t.Fatal(err)
	}
	defer ws.Close()
	cancel() // as SIGTERM does
	ws.SetReadDeadline(time.Now().Add(10 * time.Second))
	_, _, err = ws.ReadMessage()
	if !websocket.IsCloseError(err, int(protocol.CloseGoingAway)) {
		t.Fatalf("open connection got %v at shutdown, want close 1001", err)
	}
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("run did not return after shutdown")
	}
}
