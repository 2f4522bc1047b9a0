package review

import (
	"fmt"
	"sort"
	"time"

	"github.com/scriptroom/scriptroom/internal/model"
)

// Comment is one comment of a thread, as the log left it.
type Comment struct {
	ID string
	// Thread is the root comment's id; "" for a root.
	Thread string
	Author model.UserID
	Body   string
	// Created and Updated are event times; Seq and UpdatedSeq their log
	// positions.
	Created, Updated time.Time
	Seq, UpdatedSeq  uint64
	Edited           bool
}

// Thread is a root comment with its replies, oldest first. Deleted
// comments are left out; a thread whose root was deleted keeps its place
// (with an empty root body and Deleted set) while replies remain.
type Thread struct {
	Root    Comment
	Replies []Comment
	// Anchor is where the thread sits: the root's anchor, or after
	// Room.ThreadsAt the anchor re-found in that revision.
	Anchor model.Anchor
	// Outdated is set by Room.ThreadsAt when the quoted text is gone.
	Outdated bool
	// Deleted is set when the root comment was deleted.
	Deleted    bool
	Resolved   bool
	ResolvedBy model.UserID
	ResolvedAt time.Time
	// Unread counts the comments of the thread, by others, after the
	// reader's last seen seq.
	Unread int
	// LastSeq is the log position of the thread's newest comment.
	LastSeq uint64
}

type comment struct {
	Comment
	deleted bool
}

type thread struct {
	root       string
	anchor     model.Anchor
	replies    []string
	resolved   bool
	resolvedBy model.UserID
	resolvedAt time.Time
}

// threadOf returns the thread comment id belongs to and the comment, which
// may have been deleted. It fails when there is no such comment, or when
// nothing of its thread is left.
func (r *Room) threadOf(id string) (*thread, *comment, error) {
	c := r.comments[id]
	if c == nil {
		return nil, nil, fmt.Errorf("%w: %q", ErrUnknownComment, id)
	}
	root := id
	if c.Thread != "" {
		root = c.Thread
	}
	th := r.threads[root]
	if !r.alive(th) {
		return nil, nil, fmt.Errorf("%w: the thread of %q was deleted", ErrUnknownComment, id)
	}
	return th, c, nil
}

// alive reports whether a comment of th is left after deletions.
func (r *Room) alive(th *thread) bool {
	if !r.comments[th.root].deleted {
		return true
	}
	for _, id := range th.replies {
		if !r.comments[id].deleted {
			return true
		}
	}
	return false
}

func (r *Room) checkComment(ev *model.Event, at time.Time, seq uint64) (func(), error) {
	var p model.CommentPayload
	if err := ev.DecodePayload(&p); err != nil {
		return nil, err
	}
	if err := p.Validate(); err != nil {
		return nil, err
	}
	if p.Op == model.CommentAdd {
		return r.checkAdd(ev, p, at, seq)
	}
	th, c, err := r.threadOf(p.ID)
	if err != nil {
		return nil, err
	}
	switch p.Op {
	case model.CommentEdit, model.CommentDelete:
		if c.deleted {
			return nil, fmt.Errorf("%w: %q was deleted", ErrUnknownComment, p.ID)
		}
		if c.Author != ev.Author {
			return nil, fmt.Errorf("%w: comment %q is %s's; only its author may %s it", ErrNotAllowed, p.ID, c.Author.Short(), p.Op)
		}
		if p.Op == model.CommentEdit {
			return func() { c.Body, c.Edited, c.Updated, c.UpdatedSeq = p.Body, true, at, seq }, nil
		}
		return func() { c.deleted, c.Body, c.Updated, c.UpdatedSeq = true, "", at, seq }, nil
	case model.CommentResolve:
		return func() { th.resolved, th.resolvedBy, th.resolvedAt = true, ev.Author, at }, nil
	default: // reopen
		return func() { th.resolved, th.resolvedBy, th.resolvedAt = false, "", time.Time{} }, nil
	}
}

// checkAdd accepts a reply to a thread that is still there (by the id of
// any of its comments), or a new thread anchored to a revision the room
// has seen.
func (r *Room) checkAdd(ev *model.Event, p model.CommentPayload, at time.Time, seq uint64) (func(), error) {
	if _, ok := r.comments[p.ID]; ok {
		return nil, fmt.Errorf("%w: %q", ErrCommentExists, p.ID)
	}
	c := &comment{Comment: Comment{ID: p.ID, Author: ev.Author, Body: p.Body, Created: at, Updated: at, Seq: seq, UpdatedSeq: seq}}
	if p.Thread != "" {
		th, _, err := r.threadOf(p.Thread)
		if err != nil {
			return nil, fmt.Errorf("reply to %w", err)
		}
		c.Thread = th.root
		return func() {
			r.comments[p.ID] = c
			th.replies = append(th.replies, p.ID)
			r.activity = append(r.activity, activity{kind: NoticeComment, seq: seq, by: ev.Author, at: at, comment: p.ID, thread: th.root})
		}, nil
	}
	// The quote is checked against the revision's text by the commenter's
	// app before publishing (ValidateComment), not here: the fold must give
	// the same room whether or not it holds revision texts (the app keeps
	// its folds without them). A quote that is not there reads as an
	// outdated thread (ThreadsAt), and loses nothing.
	if _, ok := r.revisions[p.Anchor.Revision]; !ok {
		return nil, fmt.Errorf("%w: comment anchored to %s", ErrUnknownRevision, p.Anchor.Revision.Short())
	}
	return func() {
		r.comments[p.ID] = c
		r.threads[p.ID] = &thread{root: p.ID, anchor: *p.Anchor}
		r.roots = append(r.roots, p.ID)
		r.activity = append(r.activity, activity{kind: NoticeComment, seq: seq, by: ev.Author, at: at, comment: p.ID, thread: p.ID})
	}, nil
}

// Threads lists the comment threads in script order (by anchor line, then
// by age), with unread counts for me given the last log seq I have seen.
// Threads with nothing left after deletions are left out. Anchors are as
// made; use ThreadsAt to place them in one revision.
func (r *Room) Threads(me model.UserID, seen uint64) []Thread {
	out := make([]Thread, 0, len(r.roots))
	for _, id := range r.roots {
		if t, ok := r.threadView(id, me, seen); ok {
			out = append(out, t)
		}
	}
	sortThreads(out)
	return out
}

// ThreadsAt is Threads with every anchor re-found in revision rev (see
// Reanchor): threads whose quote is gone from rev, or never was at its
// lines, are marked Outdated and keep their old anchor. Threads whose
// revision the room lacks are kept as they are. It returns
// ErrUnknownRevision when the room has not seen rev.
func (r *Room) ThreadsAt(me model.UserID, seen uint64, rev model.RevisionID) ([]Thread, error) {
	return r.ThreadsWith(me, seen, rev, func(id model.RevisionID) (string, bool) {
		if rv, ok := r.revisions[id]; ok {
			return rv.Text, true
		}
		return "", false
	})
}

// isAncestor reports whether revision old is rev or one of its ancestors,
// as far as the room has seen revisions.
func (r *Room) isAncestor(old, rev model.RevisionID) bool {
	seen := map[model.RevisionID]bool{rev: true}
	for queue := []model.RevisionID{rev}; len(queue) > 0; queue = queue[1:] {
		if queue[0] == old {
			return true
		}
		if rv, ok := r.revisions[queue[0]]; ok {
			for _, p := range rv.Parents {
				if !seen[p] {
					seen[p] = true
					queue = append(queue, p)
				}
			}
		}
	}
	return false
}

// ThreadsWith is ThreadsAt with the revisions' texts from text, for a room
// folded without them (the app keeps its folds small and reads texts from
// its library); text reports false for a text it cannot give.
func (r *Room) ThreadsWith(me model.UserID, seen uint64, rev model.RevisionID, text func(model.RevisionID) (string, bool)) ([]Thread, error) {
	target, ok := text(rev)
	if !ok {
		return nil, fmt.Errorf("threads at %s: %w", rev.Short(), ErrUnknownRevision)
	}
	out := r.Threads(me, seen)
	pairs := map[model.RevisionID]*textPair{} // one line diff per revision
	type source struct {
		text    string
		starts  []int
		related bool // rev descends from it
	}
	sources := map[model.RevisionID]*source{} // read once per revision
	var tgtStarts []int                       // of target, once needed
	for i := range out {
		t := &out[i]
		src := sources[t.Anchor.Revision]
		if src == nil {
			from, ok := text(t.Anchor.Revision)
			if !ok {
				continue
			}
			from = lfOnly(from)
			src = &source{text: from, starts: lineStarts(from), related: r.isAncestor(t.Anchor.Revision, rev)}
			sources[t.Anchor.Revision] = src
		}
		from := src.text
		if quoteAt(t.Anchor, from, src.starts) != nil {
			// A quote that never was at its lines (the fold does not
			// check quotes): nothing to re-find.
			t.Outdated = true
			continue
		}
		if t.Anchor.Revision == rev {
			continue
		}
		if !src.related {
			// Another line of work (a proposal not merged into rev, or
			// main moved on since a proposal left it): the thread shows
			// only where its words are, word for word.
			if tgtStarts == nil {
				target = lfOnly(target)
				tgtStarts = lineStarts(target)
			}
			if a, found := exactAnchor(t.Anchor, target, tgtStarts); found {
				a.Revision = rev
				t.Anchor = a
			} else {
				t.Outdated = true
			}
			continue
		}
		pair := pairs[t.Anchor.Revision]
		if pair == nil {
			pair = newTextPair(from, target)
			pairs[t.Anchor.Revision] = pair
		}
		if a, found := pair.reanchor(t.Anchor); found {
			a.Revision = rev
			t.Anchor = a
		} else {
			t.Outdated = true
		}
	}
	sortThreads(out)
	return out, nil
}

func sortThreads(ts []Thread) {
	sort.SliceStable(ts, func(i, j int) bool {
		a, b := ts[i], ts[j]
		if a.Outdated != b.Outdated {
			return !a.Outdated
		}
		if a.Anchor.StartLine != b.Anchor.StartLine {
			return a.Anchor.StartLine < b.Anchor.StartLine
		}
		return a.Root.Seq < b.Root.Seq
	})
}

func (r *Room) threadView(id string, me model.UserID, seen uint64) (Thread, bool) {
	th := r.threads[id]
	root := r.comments[id]
	t := Thread{Root: root.Comment, Anchor: th.anchor, Deleted: root.deleted,
		Resolved: th.resolved, ResolvedBy: th.resolvedBy, ResolvedAt: th.resolvedAt}
	count := func(c *comment) {
		if c.Seq > t.LastSeq {
			t.LastSeq = c.Seq
		}
		if c.Seq > seen && c.Author != me {
			t.Unread++
		}
	}
	if !root.deleted {
		count(root)
	}
	for _, rid := range th.replies {
		if c := r.comments[rid]; !c.deleted {
			t.Replies = append(t.Replies, c.Comment)
			count(c)
		}
	}
	if root.deleted && len(t.Replies) == 0 {
		return Thread{}, false
	}
	return t, true
}

// Comment returns a comment that exists and was not deleted.
func (r *Room) Comment(id string) (Comment, bool) {
	c := r.comments[id]
	if c == nil || c.deleted {
		return Comment{}, false
	}
	return c.Comment, true
}
