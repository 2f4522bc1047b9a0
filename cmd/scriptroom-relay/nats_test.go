package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/nats-io/nats-server/v2/server"
)

// get returns the status and body of a GET.
func get(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

// With --nats the relay keeps its logs in JetStream: /healthz says ok while
// NATS and the stream answer and names what is wrong once NATS is gone;
// /metrics carries the NATS connection state, append retries and stream
// lag.
func TestRunOnNATS(t *testing.T) {
	ns, err := server.NewServer(&server.Options{Host: "127.0.0.1", Port: -1, JetStream: true, StoreDir: t.TempDir(), NoLog: true, NoSigs: true})
	if err != nil {
		t.Fatal(err)
	}
	go ns.Start()
	defer ns.Shutdown()
	if !ns.ReadyForConnections(10 * time.Second) {
		t.Fatal("NATS did not start")
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	ready := make(chan string, 1)
	done := make(chan error, 1)
	var logs bytes.Buffer
	go func() {
		done <- run(ctx, []string{"--listen", "127.0.0.1:0", "--nats", ns.ClientURL()}, &syncWriter{w: &logs}, ready)
	}()
	var addr string
	select {
	case addr = <-ready:
	case err := <-done:
		t.Fatal(err)
	}
	if code, body := get(t, "http://"+addr+"/healthz"); code != http.StatusOK || body != "ok\n" {
		t.Fatalf("/healthz: %d %q", code, body)
	}
	_, metrics := get(t, "http://"+addr+"/metrics")
	for _, want := range []string{"scriptroom_nats_connected 1", "scriptroom_nats_append_retries_total 0", "scriptroom_nats_stream_lag 0", "scriptroom_rooms 0"} {
		if !strings.Contains(metrics, want) {
			t.Errorf("/metrics lacks %q", want)
		}
	}

	ns.Shutdown()
	deadline := time.Now().Add(30 * time.Second) // a safety net: the relay notices at once
	for {
		code, body := get(t, "http://"+addr+"/healthz")
		if code == http.StatusServiceUnavailable && strings.Contains(body, "NATS connection is") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("/healthz with NATS gone: %d %q", code, body)
		}
		time.Sleep(10 * time.Millisecond)
	}
	if _, metrics := get(t, "http://"+addr+"/metrics"); !strings.Contains(metrics, "scriptroom_nats_connected 0") {
		t.Error("/metrics does not show the NATS connection down")
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}
