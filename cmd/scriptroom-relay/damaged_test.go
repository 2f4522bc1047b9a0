package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/scriptroom/scriptroom/internal/model"
	"github.com/scriptroom/scriptroom/sync/relay"
)

// buildRelay builds this command into a temporary folder.
func buildRelay(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "scriptroom-relay")
	out, err := exec.Command(filepath.Join(runtime.GOROOT(), "bin", "go"), "build", "-o", bin, ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// goodLog writes a relay log with a few rooms and events, as a relay would.
func goodLog(t *testing.T, path string) {
	t.Helper()
	b, err := relay.OpenBolt(path, relay.BoltOptions{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	owner, err := model.NewIdentity("Owner")
	if err != nil {
		t.Fatal(err)
	}
	accept := func(*model.Event, relay.Usage) error { return nil }
	for r := range 20 {
		room := model.NewScriptID()
		events := []*model.Event{}
		e, err := model.NewEvent(owner, room, model.KindRoom, model.RoomPayload{Title: "Room " + strconv.Itoa(r), Visibility: model.Private}, time.Now())
		if err != nil {
			t.Fatal(err)
		}
		events = append(events, e)
		for i := range 30 {
			e, err := model.NewEvent(owner, room, model.KindComment, map[string]string{"body": strings.Repeat("line ", 40) + strconv.Itoa(i)}, time.Now())
			if err != nil {
				t.Fatal(err)
			}
			events = append(events, e)
		}
		if _, err := b.Append(room, events, accept); err != nil {
			t.Fatal(err)
		}
	}
}

// TestDamagedRelayLog runs the real relay binary on damaged copies of a
// relay log: each time it exits with status 1 and one line naming the file
// and what to do, without a Go panic or crash, and leaves the file byte for
// byte as it was.
func TestDamagedRelayLog(t *testing.T) {
	bin := buildRelay(t)
	good := filepath.Join(t.TempDir(), "good.db")
	goodLog(t, good)
	data, err := os.ReadFile(good)
	if err != nil {
		t.Fatal(err)
	}
	pageSize := int(binary.LittleEndian.Uint32(data[24:28])) // meta page: header, magic, version, page size
	if pageSize < 1024 || len(data)%pageSize != 0 || len(data)/pageSize < 8 {
		t.Fatalf("unexpected log: %d bytes, page size %d", len(data), pageSize)
	}
	garbage := make([]byte, len(data))
	rand.Read(garbage)

	cases := map[string][]byte{
		"truncated to half": data[:len(data)/2],
		"flipped page headers": func() []byte {
			d := bytes.Clone(data)
			for p := 2; p < len(d)/pageSize; p++ { // every page after the two meta pages
				for i := p * pageSize; i < p*pageSize+16; i++ {
					d[i] ^= 0xff
				}
			}
			return d
		}(),
		"empty":          {},
		"random garbage": garbage,
	}
	for name, content := range cases {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "relay.db")
			if err := os.WriteFile(path, content, 0o600); err != nil {
				t.Fatal(err)
			}
			before := sha256.Sum256(content)
			// A safety net only: a relay that starts is killed and fails.
			ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
			defer cancel()
			cmd := exec.CommandContext(ctx, bin, "--listen", "127.0.0.1:0", "--data", dir)
			var stdout, stderr bytes.Buffer
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			err := cmd.Run()
			var exit *exec.ExitError
			if !errors.As(err, &exit) || exit.ExitCode() != 1 {
				t.Fatalf("relay ended with %v, want exit status 1; stderr:\n%s", err, stderr.String())
			}
			out := stderr.String()
			for _, crash := range []string{"panic", "goroutine ", "SIGSEGV", "SIGBUS", "fatal error", "runtime."} {
				if strings.Contains(out, crash) {
					t.Fatalf("stderr shows a crash (%q):\n%s", crash, out)
				}
			}
			lines := strings.Split(strings.TrimSpace(out), "\n")
			if len(lines) != 1 || !strings.Contains(out, path) || !strings.Contains(out, "restore it from a backup") || !strings.Contains(out, "docs/relay.md") {
				t.Fatalf("want one line naming %s and what to do, got:\n%s", path, out)
			}
			after, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if sha256.Sum256(after) != before {
				t.Fatalf("the file changed: %d bytes before, %d after", len(content), len(after))
			}
			if stdout.Len() > 0 {
				t.Errorf("stdout: %s", stdout.String())
			}
			t.Log(strings.TrimSpace(out))
		})
	}
}
