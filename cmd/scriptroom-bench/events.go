package main

import (
	"fmt"
	"strings"
	"time"

	"github.com/scriptroom/scriptroom/internal/model"
)

// Event sizes: an event is a signed comment reply whose body is padded so
// that the event, as sent, is about Size bytes.
const (
	// eventOverhead is about what a comment event weighs without its body
	// (ids, author, signature, times).
	eventOverhead = 420
	minEventSize  = eventOverhead + 1
	maxEventSize  = eventOverhead + model.MaxCommentBody
)

// benchThread is the comment thread every bench comment replies to.
const benchThread = "scriptroom-bench"

// newComment signs writer's n-th comment in room, of about size bytes.
func newComment(who *model.Identity, writer, n int, room model.ScriptID, size int) (*model.Event, error) {
	body := fmt.Sprintf("writer %d event %d ", writer, n)
	if pad := size - eventOverhead - len(body); pad > 0 {
		body += strings.Repeat("x", pad)
	}
	return model.NewEvent(who, room, model.KindComment, model.CommentPayload{
		ID:     fmt.Sprintf("w%d-%d", writer, n),
		Op:     model.CommentAdd,
		Thread: benchThread,
		Body:   body,
	}, time.Now())
}

// newRoom signs owner's creation of a public room, which anyone may follow
// and comment in.
func newRoom(owner *model.Identity, n int) (*model.Event, error) {
	room := model.NewScriptID()
	return model.NewEvent(owner, room, model.KindRoom, model.RoomPayload{
		Title:      fmt.Sprintf("scriptroom-bench room %d", n),
		Visibility: model.Public,
	}, time.Now())
}
