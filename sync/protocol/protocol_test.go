package protocol

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/scriptroom/scriptroom/internal/model"
)

func testIdentity(t testing.TB) *model.Identity {
	t.Helper()
	id, err := model.NewIdentity("Alice")
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// sampleMessages has one valid message of every type.
func sampleMessages(t testing.TB) []Message {
	alice := testIdentity(t)
	room := model.ScriptID(strings.Repeat("ab", 16))
	ev, err := model.NewEvent(alice, room, model.KindComment, map[string]string{"body": "<b>nice</b>"}, time.UnixMilli(1700000000000))
	if err != nil {
		t.Fatal(err)
	}
	nonce := bytes.Repeat([]byte{7}, NonceSize)
	return []Message{
		&Hello{Version: Version, User: alice.ID(), Name: "Alice", Client: "test/1"},
		&Challenge{Version: Version, Nonce: nonce, Relay: "relay.example"},
		&Auth{Sig: alice.Sign([]byte("x"))},
		&Welcome{User: alice.ID(), MaxMessageBytes: MaxMessageBytes, MaxEventsPerPublish: MaxEventsPerPublish},
		&Join{Ref: "1", Room: room, Since: 42},
		&Joined{Ref: "1", Room: room, Role: model.RoleEditor, Head: 99},
		&Leave{Room: room},
		&Publish{Ref: "2", Room: room, Events: []*model.Event{ev}},
		&Ack{Ref: "2", Room: room, Results: []AckResult{{ID: ev.ID, Seq: 7}, {ID: ev.ID, Error: &Error{Code: CodeForbidden, Message: "no"}}}},
		&Events{Room: room, Events: []Entry{{Seq: 7, Event: ev}}},
		&Presence{Room: room, User: alice.ID(), Name: "Alice", Scene: "INT. HOUSE", Typing: true},
		&ErrorMsg{Ref: "3", Room: room, Code: CodeRateLimited, Message: "slow down"},
	}
}

func TestRoundTripEveryMessage(t *testing.T) {
	seen := map[string]bool{}
	for _, m := range sampleMessages(t) {
		t.Run(m.Type(), func(t *testing.T) {
			data, err := Encode(m)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.HasPrefix(data, []byte(`{"type":"`+m.Type()+`"`)) {
				t.Fatalf("encoding does not start with its type: %.60s", data)
			}
			back, err := Decode(data)
			if err != nil {
				t.Fatalf("Decode(%s): %v", data, err)
			}
			if !reflect.DeepEqual(back, m) {
				t.Fatalf("round trip changed the message:\n got %#v\nwant %#v", back, m)
			}
		})
		seen[m.Type()] = true
	}
	for typ := range newMessage {
		if !seen[typ] {
			t.Errorf("message type %q has no round-trip sample", typ)
		}
	}
}

func TestEventsSurviveTheWire(t *testing.T) {
	for _, m := range sampleMessages(t) {
		p, ok := m.(*Publish)
		if !ok {
			continue
		}
		data, _ := Encode(p)
		back, err := Decode(data)
		if err != nil {
			t.Fatal(err)
		}
		if err := back.(*Publish).Events[0].Verify(); err != nil {
			t.Fatalf("event does not verify after the wire: %v", err)
		}
	}
}

func TestDecodeRejects(t *testing.T) {
	room := strings.Repeat("ab", 16)
	cases := []struct {
		name string
		in   string
		want error
	}{
		// Not a message at all.
		{"empty", ``, ErrBadMessage},
		{"not JSON", `hello`, ErrBadMessage},
		{"truncated", `{"type":"join","room":"`, ErrBadMessage},
		{"array", `[1,2]`, ErrBadMessage},
		{"type of wrong kind", `{"type":5}`, ErrBadMessage},
		// Unknown types.
		{"no type", `{"room":"x"}`, ErrUnknownType},
		{"unknown type", `{"type":"subscribe"}`, ErrUnknownType},
		// Known types with bad fields.
		{"join without room", `{"type":"join"}`, ErrBadMessage},
		{"join with bad room", `{"type":"join","room":"zz"}`, ErrBadMessage},
		{"join with negative since", `{"type":"join","room":"` + room + `","since":-1}`, ErrBadMessage},
		{"hello without user", `{"type":"hello","version":1}`, ErrBadMessage},
		{"auth with short sig", `{"type":"auth","sig":"AAAA"}`, ErrBadMessage},
		{"publish without events", `{"type":"publish","room":"` + room + `","events":[]}`, ErrBadMessage},
		{"publish with null event", `{"type":"publish","room":"` + room + `","events":[null]}`, ErrBadMessage},
		{"publish with too many events", `{"type":"publish","room":"` + room + `","events":[` + strings.Repeat(`{},`, MaxEventsPerPublish) + `{}]}`, ErrTooLarge},
		{"ref too long", `{"type":"join","room":"` + room + `","ref":"` + strings.Repeat("r", MaxRefLength+1) + `"}`, ErrBadMessage},
		{"presence with long scene", `{"type":"presence","room":"` + room + `","scene":"` + strings.Repeat("s", MaxSceneLength+1) + `"}`, ErrBadMessage},
		{"error without code", `{"type":"error"}`, ErrBadMessage},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Decode([]byte(tc.in))
			if !errors.Is(err, tc.want) {
				t.Fatalf("Decode(%.60s) = %v, want %v", tc.in, err, tc.want)
			}
		})
	}
}

func TestErrorCodes(t *testing.T) {
	cases := []struct {
		err  error
		want Code
	}{
		// This package's sentinels, wrapped or not.
		{ErrRateLimited, CodeRateLimited},
		{fmt.Errorf("publish: %w", ErrTooLarge), CodeTooLarge},
		{fmt.Errorf("room x: %w: full", ErrQuotaExceeded), CodeQuotaExceeded},
		// The model's errors.
		{fmt.Errorf("event x: %w", model.ErrBadSignature), CodeBadSignature},
		{model.ErrIDMismatch, CodeBadEvent},
		{fmt.Errorf("%w: editor needed", model.ErrForbidden), CodeForbidden},
		{model.ErrInviteExpired, CodeInviteExpired},
		{fmt.Errorf("%w: %w", model.ErrBadInvite, model.ErrBadSignature), CodeBadInvite},
		{model.ErrNoRoom, CodeNoRoom},
		// Errors received from a relay keep their code.
		{&Error{Code: CodeNotJoined, Message: "x"}, CodeNotJoined},
		// Anything else is internal.
		{errors.New("disk full"), CodeInternal},
	}
	for _, tc := range cases {
		if got := CodeOf(tc.err); got != tc.want {
			t.Errorf("CodeOf(%v) = %s, want %s", tc.err, got, tc.want)
		}
	}
	// Every code maps to its own sentinel and back.
	for _, c := range codeList {
		e := &Error{Code: c.code, Message: "m"}
		if !errors.Is(e, c.err) || CodeOf(ErrorOf(c.code)) != c.code {
			t.Errorf("code %s does not round-trip through its sentinel", c.code)
		}
	}
	if ErrorOf("from_the_future") != ErrInternal {
		t.Error("unknown code did not map to ErrInternal")
	}
	m := NewErrorMsg("r", "", fmt.Errorf("join: %w", ErrForbidden))
	if m.Code != CodeForbidden || !errors.Is(m.Err(), ErrForbidden) {
		t.Errorf("NewErrorMsg: %+v", m)
	}
}

func TestCloseCodes(t *testing.T) {
	cases := []struct {
		code  int
		retry bool
	}{
		// Retry: the relay went away or the client was too fast or slow.
		{int(CloseGoingAway), true},
		{int(CloseInternal), true},
		{int(CloseSlowConsumer), true},
		{int(CloseRateLimited), true},
		{int(CloseAuthTimeout), true},
		{1006, true},
		{4321, true},
		// Terminal: reconnecting would fail the same way.
		{int(CloseNormal), false},
		{int(CloseTooBig), false},
		{int(CloseBadVersion), false},
		{int(CloseAuthFailed), false},
		{int(CloseProtocolError), false},
		{4999, false},
	}
	for _, tc := range cases {
		if IsRetry(tc.code) != tc.retry {
			t.Errorf("IsRetry(%d) = %v, want %v", tc.code, !tc.retry, tc.retry)
		}
	}
}

func TestAuthMessageBindsRelayUserAndNonce(t *testing.T) {
	alice := testIdentity(t)
	bob := testIdentity(t)
	c := &Challenge{Version: Version, Nonce: bytes.Repeat([]byte{1}, NonceSize), Relay: "a"}
	base := AuthMessage(c, alice.ID())
	other := *c
	other.Relay = "b"
	nonce := *c
	nonce.Nonce = bytes.Repeat([]byte{2}, NonceSize)
	for name, msg := range map[string][]byte{
		"relay": AuthMessage(&other, alice.ID()),
		"nonce": AuthMessage(&nonce, alice.ID()),
		"user":  AuthMessage(c, bob.ID()),
	} {
		if bytes.Equal(msg, base) {
			t.Errorf("changing the %s did not change the signed message", name)
		}
	}
}

// TestDecodeOnePassAgreesWithTwo: the one-pass decoding of publish, events
// and ack gives what decoding the type and then the message gives, for
// every message and for inputs that name their type twice or otherwise.
func TestDecodeOnePassAgreesWithTwo(t *testing.T) {
	var inputs []string
	for _, m := range sampleMessages(t) {
		data, err := Encode(m)
		if err != nil {
			t.Fatal(err)
		}
		inputs = append(inputs, string(data))
	}
	room := strings.Repeat("ab", 16)
	inputs = append(inputs,
		`{"type":"publish","room":"`+room+`","type":"join"}`,
		`{"type":"ack","room":"`+room+`","results":[],"Type":"events"}`,
		`{"type":"events","room":"`+room+`","events":[],"type":"events"}`,
		`{"type":"publish","room":"`+room+`","events":[{"payload":{"type":"x"}}]}`,
		`{"type":"publish","room":5}`,
		`{"type":"publish","room":"`+room+`"`,
		`{"type":"ack"}`,
		`{"type":"events","room":"`+room+`","events":[{"seq":1}]}`,
	)
	for _, in := range inputs {
		m1, err1 := Decode([]byte(in))
		m2, err2 := decodeTwoPass([]byte(in))
		if (err1 == nil) != (err2 == nil) || (err1 != nil && err1.Error() != err2.Error()) {
			t.Errorf("Decode(%.80s) = %v, the general way %v", in, err1, err2)
			continue
		}
		if !reflect.DeepEqual(m1, m2) {
			t.Errorf("Decode(%.80s) = %#v, the general way %#v", in, m1, m2)
		}
	}
	if m, err := Decode([]byte(`{"type":"publish","room":"` + room + `","type":"join"}`)); err != nil || m.Type() != TypeJoin {
		t.Errorf("a later type member names the message: got %v, %v", m, err)
	}
}

// BenchmarkDecodePublish decodes a publish of one comment, as a relay does
// for every publish it reads.
func BenchmarkDecodePublish(b *testing.B) {
	var data []byte
	for _, m := range sampleMessages(b) {
		if p, ok := m.(*Publish); ok {
			data, _ = Encode(p)
		}
	}
	for b.Loop() {
		if _, err := Decode(data); err != nil {
			b.Fatal(err)
		}
	}
}

func FuzzDecode(f *testing.F) {
	for _, m := range sampleMessages(f) {
		data, err := Encode(m)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte(`{"type":"publish","room":"` + strings.Repeat("0", 32) + `","events":[{"payload":{}}]}`))
	f.Add([]byte(`{"type":"hello","version":99}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := Decode(data)
		if err != nil {
			if _, err2 := decodeTwoPass(data); err2 == nil || err2.Error() != err.Error() {
				t.Fatalf("Decode refused %q with %v, its general way with %v", data, err, err2)
			}
			if m != nil {
				t.Fatal("Decode returned a message with an error")
			}
			if c := CodeOf(err); c != CodeBadMessage && c != CodeUnknownType && c != CodeTooLarge {
				t.Fatalf("Decode error has code %s: %v", c, err)
			}
			return
		}
		if _, err2 := decodeTwoPass(data); err2 == nil {
			if again, _ := decodeTwoPass(data); !reflect.DeepEqual(again, m) {
				t.Fatalf("Decode and its general way differ on %q:\n%#v\n%#v", data, m, again)
			}
		} else {
			t.Fatalf("Decode took %q, its general way refused it: %v", data, err2)
		}
		// Whatever decodes re-encodes to something that decodes the same.
		again, err := Encode(m)
		if err != nil {
			t.Fatalf("re-encode: %v", err)
		}
		back, err := Decode(again)
		if err != nil {
			t.Fatalf("re-decode of %s: %v", again, err)
		}
		a, _ := json.Marshal(m)
		b, _ := json.Marshal(back)
		if !bytes.Equal(a, b) {
			t.Fatalf("unstable round trip:\n%s\n%s", a, b)
		}
	})
}
