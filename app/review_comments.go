package app

import (
	"errors"
	"fmt"
	"strings"

	"github.com/scriptroom/scriptroom/internal/model"
	"github.com/scriptroom/scriptroom/internal/review"
)

// Comments lists a script's comment threads anchored in revision ("" is
// main's head): in script order, re-anchored where the revision moved
// their text, with those whose text is gone (outdated) last. A script not
// shared has none.
func (r *Review) Comments(scriptID, revision string) ([]ThreadInfo, error) {
	doing := "Could not show the comments"
	sid := model.ScriptID(scriptID)
	st, err := r.state(sid)
	if errors.Is(err, ErrNotShared) {
		return []ThreadInfo{}, nil
	}
	if err != nil {
		return nil, r.failed(doing, err)
	}
	if st.role == model.RoleNone && st.room.ACL.Exists() {
		return nil, st.need(model.RoleReader, doing, "")
	}
	rev := model.RevisionID(revision)
	if rev == "" {
		rev = st.mainHead()
	}
	return r.threads(st, rev)
}

// threads is the threads of the room anchored in rev, for me.
func (r *Review) threads(st *roomState, rev model.RevisionID) ([]ThreadInfo, error) {
	seen := r.seen(st.sid)
	me := st.me.ID()
	made := map[string]model.RevisionID{}
	plain := st.room.Threads(me, seen)
	for _, t := range plain {
		made[t.Root.ID] = t.Anchor.Revision
	}
	ts := plain
	if rev != "" {
		ts = r.threadsAt(st, plain, rev)
	}
	out := make([]ThreadInfo, 0, len(ts))
	for _, t := range ts {
		out = append(out, st.threadInfo(t, made[t.Root.ID]))
	}
	return out, nil
}

// threadsAt is review.Room.ThreadsAt with the texts read from the library
// (the fold leaves them out): every anchor re-found in rev, threads whose
// quote is gone marked outdated and put last. Threads whose revision is not
// held keep their anchor.
func (r *Review) threadsAt(st *roomState, ts []review.Thread, rev model.RevisionID) []review.Thread {
	texts := map[model.RevisionID]string{}
	text := func(id model.RevisionID) (string, bool) {
		if t, ok := texts[id]; ok {
			return t, true
		}
		rv, err := r.text(st, id)
		if err != nil {
			return "", false
		}
		texts[id] = rv.Text
		return rv.Text, true
	}
	out, err := st.room.ThreadsWith(st.me.ID(), r.seen(st.sid), rev, text)
	if err != nil {
		return ts
	}
	return out
}

func (st *roomState) threadInfo(t review.Thread, made model.RevisionID) ThreadInfo {
	ti := ThreadInfo{
		ID: t.Root.ID, Root: st.commentInfo(t.Root), Replies: make([]CommentInfo, 0, len(t.Replies)),
		StartLine: t.Anchor.StartLine, EndLine: t.Anchor.EndLine, Quote: t.Anchor.Quote,
		Outdated: t.Outdated, Resolved: t.Resolved, Unread: t.Unread,
	}
	if t.Deleted {
		ti.Root.Body = ""
	}
	for _, c := range t.Replies {
		ti.Replies = append(ti.Replies, st.commentInfo(c))
	}
	if b := st.branchOf[made]; b != "" && b != model.MainBranch {
		ti.Proposal = b
	}
	return ti
}

func (st *roomState) commentInfo(c review.Comment) CommentInfo {
	return CommentInfo{
		ID: c.ID, Author: string(c.Author), AuthorName: st.name(c.Author), Body: c.Body,
		Created: c.Created, Edited: c.Edited, Mine: c.Author == st.me.ID(),
	}
}

// AddComment starts a thread on lines of a revision: main's head, a
// proposal's head, or the revision named. The quote must still be in those
// lines: a comment on text changed or deleted meanwhile is refused.
func (r *Review) AddComment(scriptID string, in CommentInput) (ThreadInfo, error) {
	doing := "Could not add the comment"
	sid := model.ScriptID(scriptID)
	body := strings.TrimSpace(in.Body)
	if body == "" {
		return ThreadInfo{}, &userError{msg: doing + ": " + ErrEmptyComment.Error(), err: ErrEmptyComment}
	}
	if in.Proposal != "" && in.Revision == "" {
		_, _, _ = r.flush(sid, in.Proposal) // my typing in it, published first
	}
	st, err := r.state(sid)
	if err != nil {
		return ThreadInfo{}, r.failed(doing, err)
	}
	if err := st.need(model.RoleCommenter, doing, "comment"); err != nil {
		return ThreadInfo{}, err
	}
	rev := model.RevisionID(in.Revision)
	switch {
	case rev != "":
	case in.Proposal != "":
		p, ok := st.room.Proposal(in.Proposal)
		if !ok {
			return ThreadInfo{}, &userError{msg: fmt.Sprintf("%s: %s (%q)", doing, ErrNoProposal, in.Proposal), err: ErrNoProposal}
		}
		rev = p.Head
	default:
		rev = st.mainHead()
	}
	target, err := r.text(st, rev)
	if err != nil {
		return ThreadInfo{}, r.failed(doing, err)
	}
	quote := in.Quote
	if quote == "" {
		quote = review.QuoteOf(target.Text, in.StartLine, in.EndLine)
	}
	a := model.Anchor{Revision: rev, StartLine: in.StartLine, EndLine: in.EndLine, Quote: quote}
	if err := review.ValidateComment(a, target.Text); err != nil {
		return ThreadInfo{}, r.failed(doing, err)
	}
	id := newID(8)
	return r.comment(st, doing, model.CommentPayload{ID: id, Op: model.CommentAdd, Anchor: &a, Body: body}, id, rev)
}

// comment publishes a comment event and returns thread (anchored in rev,
// or main's head when rev is "").
func (r *Review) comment(st *roomState, doing string, p model.CommentPayload, thread string, rev model.RevisionID) (ThreadInfo, error) {
	ev, err := st.newEvent(model.KindComment, p, r.c.now())
	if err != nil {
		return ThreadInfo{}, r.failed(doing, err)
	}
	if err := st.check(ev); err != nil {
		return ThreadInfo{}, r.failed(doing, err)
	}
	if err := r.publish(st.sid, ev); err != nil {
		return ThreadInfo{}, r.failed(doing, err)
	}
	if rev == "" {
		rev = st.mainHead()
	}
	ts, err := r.threads(st, rev)
	if err != nil {
		return ThreadInfo{}, r.failed(doing, err)
	}
	for _, t := range ts {
		if t.ID == thread {
			return t, nil
		}
	}
	return ThreadInfo{ID: thread}, nil
}

// Reply answers a thread.
func (r *Review) Reply(scriptID, threadID, body string) (ThreadInfo, error) {
	doing := "Could not reply"
	body = strings.TrimSpace(body)
	if body == "" {
		return ThreadInfo{}, &userError{msg: doing + ": " + ErrEmptyComment.Error(), err: ErrEmptyComment}
	}
	st, root, err := r.commentFor(model.ScriptID(scriptID), threadID, doing, false)
	if err != nil {
		return ThreadInfo{}, err
	}
	return r.comment(st, doing, model.CommentPayload{ID: newID(8), Op: model.CommentAdd, Thread: threadID, Body: body}, root, "")
}

// EditComment changes the body of one of my comments.
func (r *Review) EditComment(scriptID, commentID, body string) (ThreadInfo, error) {
	doing := "Could not edit the comment"
	body = strings.TrimSpace(body)
	if body == "" {
		return ThreadInfo{}, &userError{msg: doing + ": " + ErrEmptyComment.Error(), err: ErrEmptyComment}
	}
	st, root, err := r.commentFor(model.ScriptID(scriptID), commentID, doing, true)
	if err != nil {
		return ThreadInfo{}, err
	}
	return r.comment(st, doing, model.CommentPayload{ID: commentID, Op: model.CommentEdit, Body: body}, root, "")
}

// DeleteComment removes one of my comments.
func (r *Review) DeleteComment(scriptID, commentID string) (bool, error) {
	doing := "Could not delete the comment"
	st, root, err := r.commentFor(model.ScriptID(scriptID), commentID, doing, true)
	if err != nil {
		return false, err
	}
	if _, err := r.comment(st, doing, model.CommentPayload{ID: commentID, Op: model.CommentDelete}, root, ""); err != nil {
		return false, err
	}
	return true, nil
}

// Resolve marks a thread resolved.
func (r *Review) Resolve(scriptID, threadID string) (ThreadInfo, error) {
	return r.setResolved(scriptID, threadID, model.CommentResolve, "Could not resolve the thread")
}

// Reopen marks a resolved thread open again.
func (r *Review) Reopen(scriptID, threadID string) (ThreadInfo, error) {
	return r.setResolved(scriptID, threadID, model.CommentReopen, "Could not reopen the thread")
}

func (r *Review) setResolved(scriptID, threadID string, op model.CommentOp, doing string) (ThreadInfo, error) {
	st, root, err := r.commentFor(model.ScriptID(scriptID), threadID, doing, false)
	if err != nil {
		return ThreadInfo{}, err
	}
	return r.comment(st, doing, model.CommentPayload{ID: threadID, Op: op}, root, "")
}

// commentFor folds the review and finds a live comment and its thread's
// root; own requires it to be mine.
func (r *Review) commentFor(sid model.ScriptID, id, doing string, own bool) (*roomState, string, error) {
	st, err := r.state(sid)
	if err != nil {
		return nil, "", r.failed(doing, err)
	}
	if err := st.need(model.RoleCommenter, doing, "comment"); err != nil {
		return nil, "", err
	}
	c, ok := st.room.Comment(id)
	if !ok {
		return nil, "", &userError{msg: doing + ": " + ErrNoComment.Error(), err: ErrNoComment}
	}
	if own && c.Author != st.me.ID() {
		return nil, "", &userError{msg: doing + ": " + ErrNotYourComment.Error(), err: ErrNotYourComment}
	}
	root := c.Thread
	if root == "" {
		root = c.ID
	}
	return st, root, nil
}
