package app

import (
	"fmt"
	"testing"

	"github.com/scriptroom/scriptroom/internal/model"
	"github.com/scriptroom/scriptroom/sync/client"
	"github.com/scriptroom/scriptroom/sync/protocol"
)

// TestRevokedFromCode: access is revoked when the client reports a
// forbidden join (or the relay telling a joined connection to leave) in a
// room, whatever the message says; words alone never decide it.
func TestRevokedFromCode(t *testing.T) {
	room := model.NewScriptID()
	forbidden := &protocol.Error{Code: protocol.CodeForbidden, Message: "no"}
	for _, tc := range []struct {
		name string
		err  error
		want bool
	}{
		{"forbidden join", &client.RoomError{Room: room, Op: client.OpJoin, Code: protocol.CodeForbidden, Err: forbidden}, true},
		{"wrapped", fmt.Errorf("sync: %w", &client.RoomError{Room: room, Op: client.OpJoin, Code: protocol.CodeForbidden, Err: forbidden}), true},
		{"room not on the relay", &client.RoomError{Room: room, Op: client.OpJoin, Code: protocol.CodeNoRoom, Err: protocol.ErrNoRoom}, false},
		{"one event refused", &client.RoomError{Room: room, Op: client.OpPublish, Code: protocol.CodeForbidden, Err: forbidden}, false},
		{"words only", fmt.Errorf("join room %s: %w: your access to this room was revoked", room, protocol.ErrForbidden), false},
	} {
		got, ok := revokedRoom(tc.err)
		if ok != tc.want || (ok && got != room) {
			t.Errorf("%s: revokedRoom = %s, %v; want %v", tc.name, got, ok, tc.want)
		}
	}
}
