package app

import (
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/scriptroom/scriptroom/internal/model"
	"github.com/scriptroom/scriptroom/internal/review"
)

// settingSeenPrefix + a script id is the setting holding how many of the
// room's events the writer has seen (MarkRead).
const settingSeenPrefix = "review.seen."

// Notice kinds beyond review.NoticeKind's, for the activity feed.
const noticeWithdrawn = "proposal-withdrawn"

// seen is how many received events of the script's room the writer has
// seen: the log position unread counts start after.
func (r *Review) seen(sid model.ScriptID) uint64 {
	v, err := r.c.store.Setting(settingSeenPrefix + string(sid))
	if err != nil {
		return 0
	}
	n, _ := strconv.ParseUint(v, 10, 64)
	return n
}

// MarkRead records that the writer saw everything of the script up to now:
// its notices and comments are no longer unread.
func (r *Review) MarkRead(scriptID string) (bool, error) {
	doing := "Could not mark the script read"
	sid := model.ScriptID(scriptID)
	st, err := r.state(sid)
	if errors.Is(err, ErrNotShared) {
		return false, nil
	}
	if err != nil {
		return false, r.failed(doing, err)
	}
	if r.seen(sid) >= st.received {
		return false, nil
	}
	if err := r.c.store.PutSetting(settingSeenPrefix+scriptID, strconv.FormatUint(st.received, 10)); err != nil {
		return false, plain(doing, err)
	}
	r.c.emit(EventReviewChanged, ReviewChanged{ScriptID: scriptID})
	return true, nil
}

// Inbox lists what concerns the writer in every shared script, newest
// first: new proposals on their scripts, comments on their scripts or in
// threads they took part in, decisions on their proposals.
func (r *Review) Inbox() ([]NoticeInfo, error) {
	rooms, err := r.c.store.Rooms()
	if err != nil {
		return nil, plain("Could not read the inbox", err)
	}
	out := []NoticeInfo{}
	for _, sid := range rooms {
		st, err := r.state(sid)
		if err != nil {
			continue // a room whose script is gone, or not arrived yet
		}
		for _, n := range review.Inbox(st.room, st.me.ID(), r.seen(sid)) {
			out = append(out, st.notice(string(n.Kind), n.Proposal, n.Thread, n.Comment, n.By, n.At, n.Unread))
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].At.After(out[j].At) })
	return out, nil
}

// Unread counts the unread notices of the inbox.
func (r *Review) Unread() (int, error) {
	ns, err := r.Inbox()
	if err != nil {
		return 0, err
	}
	n := 0
	for _, x := range ns {
		if x.Unread {
			n++
		}
	}
	return n, nil
}

// Activity lists everything that happened in one script's review, newest
// first, whoever it concerns: proposals opened and decided, comments and
// replies.
func (r *Review) Activity(scriptID string) ([]NoticeInfo, error) {
	sid := model.ScriptID(scriptID)
	st, err := r.state(sid)
	if errors.Is(err, ErrNotShared) {
		return []NoticeInfo{}, nil
	}
	if err != nil {
		return nil, r.failed("Could not show the activity", err)
	}
	seen := r.seen(sid)
	type item struct {
		seq uint64
		n   NoticeInfo
	}
	var items []item
	add := func(seq uint64, kind, proposal, thread, comment string, by model.UserID, at time.Time) {
		unread := seq > seen && by != st.me.ID()
		items = append(items, item{seq, st.notice(kind, proposal, thread, comment, by, at, unread)})
	}
	for _, p := range st.room.Proposals() {
		add(p.CreatedSeq, string(review.NoticeProposalOpened), p.Name, "", "", p.Author, p.Created)
		for _, h := range p.History {
			kind := "proposal-" + string(h.Status)
			if h.Status == model.StatusOpen {
				continue
			}
			add(h.Seq, kind, p.Name, "", "", h.By, h.At)
		}
	}
	for _, t := range st.room.Threads(st.me.ID(), seen) {
		if !t.Deleted {
			add(t.Root.Seq, string(review.NoticeComment), "", t.Root.ID, t.Root.ID, t.Root.Author, t.Root.Created)
		}
		for _, c := range t.Replies {
			add(c.Seq, string(review.NoticeComment), "", t.Root.ID, c.ID, c.Author, c.Created)
		}
	}
	sort.SliceStable(items, func(i, j int) bool { return items[i].seq > items[j].seq })
	out := make([]NoticeInfo, len(items))
	for i, it := range items {
		out[i] = it.n
	}
	return out, nil
}

// notice words one notice.
func (st *roomState) notice(kind, proposal, thread, comment string, by model.UserID, at time.Time, unread bool) NoticeInfo {
	n := NoticeInfo{
		Kind: kind, ScriptID: string(st.sid), ScriptTitle: st.sc.Title, Proposal: proposal,
		Thread: thread, Comment: comment, ByName: st.name(by), At: at, Unread: unread,
	}
	if p, ok := st.room.Proposal(proposal); ok {
		n.ProposalTitle = p.Title
	}
	who := n.ByName
	if by == st.me.ID() {
		who = "You"
	}
	switch kind {
	case string(review.NoticeProposalOpened):
		n.Text = fmt.Sprintf("%s proposed “%s”", who, n.ProposalTitle)
	case string(review.NoticeProposalMerged):
		n.Text = fmt.Sprintf("%s merged “%s”", who, n.ProposalTitle)
	case string(review.NoticeProposalRejected):
		n.Text = fmt.Sprintf("%s rejected “%s”", who, n.ProposalTitle)
	case string(review.NoticeProposalNeedsUpdate):
		n.Text = fmt.Sprintf("“%s” needs an update: main changed the same lines", n.ProposalTitle)
	case noticeWithdrawn:
		n.Text = fmt.Sprintf("%s withdrew “%s”", who, n.ProposalTitle)
	case string(review.NoticeComment):
		body := ""
		if c, ok := st.room.Comment(comment); ok {
			body = c.Body
		}
		verb := "commented"
		if comment != thread {
			verb = "replied"
		}
		n.Text = fmt.Sprintf("%s %s: %s", who, verb, snippet(body, 80))
	default:
		n.Text = fmt.Sprintf("%s: %s", who, kind)
	}
	return n
}

// snippet is the first line of s, cut to n characters.
func snippet(s string, n int) string {
	s, _, _ = strings.Cut(strings.TrimSpace(s), "\n")
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n-1]) + "…"
}
