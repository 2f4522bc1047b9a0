package relay

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/scriptroom/scriptroom/internal/model"
)

// TestOpenBoltRefusesDamagedLogs: OpenBolt on a damaged log returns an
// error wrapping ErrDamaged and leaves the file as it was; on a log another
// relay holds, ErrLogLocked.
func TestOpenBoltRefusesDamagedLogs(t *testing.T) {
	b, path := newTestBackend(t)
	owner := newIdentity(t, "Owner")
	for range 10 {
		room := model.NewScriptID()
		events := append([]*model.Event{newEvent(t, owner, room, model.KindRoom, model.RoomPayload{Title: "R", Visibility: model.Public})},
			comments(t, owner, room, 20, string(bytes.Repeat([]byte("w"), 500)))...)
		if _, err := b.Append(room, events, acceptAll); err != nil {
			t.Fatal(err)
		}
	}
	// Held by a running relay.
	if _, err := OpenBolt(path, BoltOptions{}); !errors.Is(err, ErrLogLocked) {
		t.Fatalf("opening a log in use: %v, want ErrLogLocked", err)
	}
	b.Close()
	good, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	tail := bytes.Clone(good)
	for i := len(tail) / 2; i < len(tail); i++ {
		tail[i] = byte(i * 7)
	}
	for name, content := range map[string][]byte{
		"empty":               {},
		"truncated":           good[:len(good)/2],
		"second half garbage": tail,
		"text":                []byte("not a database\n"),
	} {
		t.Run(name, func(t *testing.T) {
			p := filepath.Join(t.TempDir(), "relay.db")
			if err := os.WriteFile(p, content, 0o600); err != nil {
				t.Fatal(err)
			}
			b, err := OpenBolt(p, BoltOptions{NoSync: true})
			if err == nil {
				b.Close()
				t.Fatal("opened")
			}
			if !errors.Is(err, ErrDamaged) {
				t.Fatalf("error %v, want ErrDamaged", err)
			}
			if after, _ := os.ReadFile(p); !bytes.Equal(after, content) {
				t.Fatal("the file changed")
			}
		})
	}
}
