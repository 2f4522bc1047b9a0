package model

import (
	"errors"
	"strings"
	"testing"
)

func TestIDSpelling(t *testing.T) {
	user := string(mustIdentity(t, "A").ID())
	room := string(NewScriptID())
	hash := string(ContentHash("x"))
	cases := []struct {
		name string
		err  error
		want error
	}{
		// The one accepted spelling.
		{"user", UserID(user).Validate(), nil},
		{"room", ScriptID(room).Validate(), nil},
		{"revision", RevisionID(hash).Validate(), nil},
		{"event", EventID(hash).Validate(), nil},
		// Capitals, whole or one.
		{"user in capitals", UserID(strings.ToUpper(user)).Validate(), ErrBadUserID},
		{"user with one capital", UserID("A" + user[1:]).Validate(), ErrBadUserID},
		{"room in capitals", ScriptID(strings.ToUpper(room)).Validate(), ErrBadScriptID},
		{"revision in capitals", RevisionID(strings.ToUpper(hash)).Validate(), ErrBadRevisionID},
		{"event in capitals", EventID(strings.ToUpper(hash)).Validate(), ErrBadEventID},
		// Wrong lengths and digits.
		{"user too short", UserID(user[:62]).Validate(), ErrBadUserID},
		{"room too long", ScriptID(room + "00").Validate(), ErrBadScriptID},
		{"room not hex", ScriptID("g" + room[1:]).Validate(), ErrBadScriptID},
		{"empty user", UserID("").Validate(), ErrBadUserID},
	}
	for _, tc := range cases {
		if !errors.Is(tc.err, tc.want) || (tc.want == nil) != (tc.err == nil) {
			t.Errorf("%s: got %v, want %v", tc.name, tc.err, tc.want)
		}
	}
	// The key decodes from the canonical spelling only.
	if _, err := UserID(strings.ToUpper(user)).PublicKey(); !errors.Is(err, ErrBadUserID) {
		t.Errorf("PublicKey of the capitalised id: %v", err)
	}
}
