package sim

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/scriptroom/scriptroom/sync/client"
)

// memConn is one end of an in-memory connection: writes are recorded,
// reads come from a channel.
type memConn struct {
	mu      sync.Mutex
	written []string
	in      chan []byte
}

func (c *memConn) WriteMessage(data []byte) error {
	c.mu.Lock()
	c.written = append(c.written, string(data))
	c.mu.Unlock()
	return nil
}

func (c *memConn) ReadMessage() ([]byte, error) {
	data, ok := <-c.in
	if !ok {
		return nil, errors.New("closed")
	}
	return data, nil
}

func (c *memConn) Close() error { return nil }

func (c *memConn) sent() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]string(nil), c.written...)
}

type memDialer struct{ conn *memConn }

func (d memDialer) Dial(context.Context, string) (client.Conn, error) { return d.conn, nil }

// frames are h1 h2 (the handshake, never altered but by a cut) then f1…fn.
func frames(n int) []string {
	out := []string{"h1", "h2"}
	for i := 1; i <= n; i++ {
		out = append(out, fmt.Sprint("f", i))
	}
	return out
}

func TestFaultsEachWay(t *testing.T) {
	cases := []struct {
		name   string
		faults Faults
		want   string
	}{
		// Each fault on its own, at certainty.
		{"none", Faults{}, "[h1 h2 f1 f2 f3 f4]"},
		{"drop", Faults{Drop: 1}, "[h1 h2]"},
		{"dup", Faults{Dup: 1}, "[h1 h2 f1 f1 f2 f2 f3 f3 f4 f4]"},
		{"reorder", Faults{Reorder: 1, HoldFor: time.Hour}, "[h1 h2 f2 f1 f4 f3]"},
	}
	for _, c := range cases {
		t.Run(c.name+"/write", func(t *testing.T) {
			mc := &memConn{in: make(chan []byte)}
			conn, err := NewFaultDialer(memDialer{mc}, c.faults, 1).Dial(context.Background(), "")
			if err != nil {
				t.Fatal(err)
			}
			defer conn.Close()
			for _, f := range frames(4) {
				if err := conn.WriteMessage([]byte(f)); err != nil {
					t.Fatal(err)
				}
			}
			if got := fmt.Sprint(mc.sent()); got != c.want {
				t.Fatalf("sent %s, want %s", got, c.want)
			}
		})
		t.Run(c.name+"/read", func(t *testing.T) {
			mc := &memConn{in: make(chan []byte, 16)}
			for _, f := range frames(4) {
				mc.in <- []byte(f)
			}
			conn, err := NewFaultDialer(memDialer{mc}, c.faults, 1).Dial(context.Background(), "")
			if err != nil {
				t.Fatal(err)
			}
			defer conn.Close()
			// Read as many frames as expected: a further read would wait
			// for frames that never come.
			var got []string
			for range len(strings.Fields(strings.Trim(c.want, "[]"))) {
				data, err := conn.ReadMessage()
				if err != nil {
					t.Fatal(err)
				}
				got = append(got, string(data))
			}
			if fmt.Sprint(got) != c.want {
				t.Fatalf("read %v, want %s", got, c.want)
			}
		})
	}
}

// A reordered frame with nothing behind it is released after HoldFor; a
// cut closes the connection at once, handshake or not.
func TestFaultsHoldAndCut(t *testing.T) {
	mc := &memConn{in: make(chan []byte)}
	d := NewFaultDialer(memDialer{mc}, Faults{Reorder: 1, HoldFor: 5 * time.Millisecond}, 1)
	conn, _ := d.Dial(context.Background(), "")
	for _, f := range frames(1) {
		conn.WriteMessage([]byte(f))
	}
	deadline := time.Now().Add(5 * time.Second)
	for fmt.Sprint(mc.sent()) != "[h1 h2 f1]" {
		if time.Now().After(deadline) {
			t.Fatalf("held frame never sent: %v", mc.sent())
		}
		time.Sleep(time.Millisecond)
	}
	conn.Close()

	mc = &memConn{in: make(chan []byte)}
	d = NewFaultDialer(memDialer{mc}, Faults{Cut: 1}, 1)
	conn, _ = d.Dial(context.Background(), "")
	if err := conn.WriteMessage([]byte("h1")); !errors.Is(err, errCut) {
		t.Fatalf("write on a cut connection = %v", err)
	}
	if _, err := conn.ReadMessage(); !errors.Is(err, errCut) {
		t.Fatalf("read on a cut connection = %v", err)
	}
	if d.Stats.Cuts.Load() != 1 || len(mc.sent()) != 0 {
		t.Fatalf("cuts %d, sent %v", d.Stats.Cuts.Load(), mc.sent())
	}
}
