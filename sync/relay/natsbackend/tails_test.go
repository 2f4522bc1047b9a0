package natsbackend

import (
	"strconv"
	"testing"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/scriptroom/scriptroom/internal/model"
)

// TestTailCache: a tail seen is kept only when it is past the one held
// (live entries may arrive after this relay's own later append), a tail
// read from the stream replaces it whatever it is (a restored stream may
// be shorter), and the rooms kept are bounded.
func TestTailCache(t *testing.T) {
	var c tailCache
	room := model.NewScriptID()
	if _, ok := c.get(room); ok {
		t.Fatal("a tail for a room never seen")
	}
	c.saw(room, tail{head: 5, stream: 50, bytes: 500}, false)
	c.saw(room, tail{head: 4, stream: 40, bytes: 400}, false)
	if got, _ := c.get(room); got.head != 5 || got.stream != 50 {
		t.Fatalf("after an older tail: %+v, want head 5", got)
	}
	c.saw(room, tail{head: 2, stream: 20, bytes: 200}, true)
	if got, _ := c.get(room); got.head != 2 || got.stream != 20 || got.bytes != 200 {
		t.Fatalf("after a tail read from the stream: %+v, want head 2", got)
	}
	c.drop(room)
	if _, ok := c.get(room); ok {
		t.Fatal("a dropped tail is still kept")
	}
	for i := range tailsKept + 5 {
		c.saw(model.NewScriptID(), tail{head: uint64(i + 1)}, false)
		if len(c.m) > tailsKept {
			t.Fatalf("%d tails kept, at most %d", len(c.m), tailsKept)
		}
	}
}

// TestLiveTail reads a republished entry's tail from its headers, and
// refuses one without JetStream's sequence.
func TestLiveTail(t *testing.T) {
	h := nats.Header{}
	h.Set(hdrSeq, "7")
	h.Set(hdrBytes, "1234")
	if _, ok := liveTail(h); ok {
		t.Fatal("a tail without the stream sequence")
	}
	h.Set(jetstream.SequenceHeader, strconv.Itoa(99))
	got, ok := liveTail(h)
	if !ok || got != (tail{head: 7, stream: 99, bytes: 1234}) {
		t.Fatalf("liveTail = %+v, %v", got, ok)
	}
}
