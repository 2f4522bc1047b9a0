package protocol

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/scriptroom/scriptroom/internal/model"
)

// TestCanonicalIDs checks that user and room ids are accepted in one
// spelling only, lowercase hex, wherever a message carries them: otherwise
// one key would be several users (and one room several rooms) to anything
// keyed by the id string.
func TestCanonicalIDs(t *testing.T) {
	alice := testIdentity(t)
	user := alice.ID()
	room := model.NewScriptID()
	ev, err := model.NewEvent(alice, room, model.KindComment, map[string]string{"body": "hi"}, time.UnixMilli(1700000000000))
	if err != nil {
		t.Fatal(err)
	}
	upper := func(s string) string { return strings.ToUpper(s) }
	oneUpper := func(s string) string { // a single capital among lowercase
		for i := 0; i < len(s); i++ {
			if s[i] >= 'a' && s[i] <= 'f' {
				return s[:i] + upper(s[i:i+1]) + s[i+1:]
			}
		}
		panic("no hex letter in " + s)
	}
	withAuthor := func(a model.UserID) *model.Event { e := *ev; e.Author = a; return &e }
	withRoom := func(r model.ScriptID) *model.Event { e := *ev; e.Room = r; return &e }
	cases := []struct {
		name string
		msg  Message
		ok   bool
	}{
		// The canonical spellings pass.
		{"hello", &Hello{Version: Version, User: user}, true},
		{"join", &Join{Room: room}, true},
		{"publish", &Publish{Room: room, Events: []*model.Event{ev}}, true},
		// Hello.
		{"hello, user in capitals", &Hello{Version: Version, User: model.UserID(upper(string(user)))}, false},
		{"hello, user with one capital", &Hello{Version: Version, User: model.UserID(oneUpper(string(user)))}, false},
		{"hello, user with 0x", &Hello{Version: Version, User: "0x" + user[2:]}, false},
		{"hello, user too long", &Hello{Version: Version, User: user + "00"}, false},
		{"welcome, user in capitals", &Welcome{User: model.UserID(upper(string(user)))}, false},
		// Join, leave, presence.
		{"join, room in capitals", &Join{Room: model.ScriptID(upper(string(room)))}, false},
		{"join, room with one capital", &Join{Room: model.ScriptID(oneUpper(string(room)))}, false},
		{"leave, room in capitals", &Leave{Room: model.ScriptID(upper(string(room)))}, false},
		{"presence, room in capitals", &Presence{Room: model.ScriptID(upper(string(room)))}, false},
		// Publish, and the events it carries.
		{"publish, room in capitals", &Publish{Room: model.ScriptID(upper(string(room))), Events: []*model.Event{ev}}, false},
		{"publish, event author in capitals", &Publish{Room: room, Events: []*model.Event{withAuthor(model.UserID(upper(string(user))))}}, false},
		{"publish, event author with one capital", &Publish{Room: room, Events: []*model.Event{ev, withAuthor(model.UserID(oneUpper(string(user))))}}, false},
		{"publish, event room in capitals", &Publish{Room: room, Events: []*model.Event{withRoom(model.ScriptID(upper(string(room))))}}, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			data, err := Encode(tc.msg)
			if err != nil {
				t.Fatal(err)
			}
			_, err = Decode(data)
			switch {
			case tc.ok && err != nil:
				t.Fatalf("Decode: %v", err)
			case !tc.ok && !errors.Is(err, ErrBadMessage):
				t.Fatalf("Decode = %v, want %v", err, ErrBadMessage)
			case !tc.ok && CodeOf(err) != CodeBadMessage:
				t.Fatalf("code %s, want %s", CodeOf(err), CodeBadMessage)
			}
		})
	}
}
