package app

import (
	"sync"
	"time"

	"github.com/scriptroom/scriptroom/internal/model"
	"github.com/scriptroom/scriptroom/internal/review"
)

// Review is the community review of shared scripts, bound to the window:
// proposals (a collaborator's branch offered for main), their review and
// merge, comments anchored to lines, and the inbox of what happened. The
// state of a script's review is the fold (review.Fold) of its room's events
// held here, plus the events published here that the relay has not
// acknowledged yet (workspace.Rooms), so a writer offline sees their own
// proposals and comments at once.
type Review struct {
	c *Core
	s *Sync

	mu sync.Mutex
	// scenes remembers the scenes a proposal's head touches, by base and
	// head.
	scenes map[[2]model.RevisionID][]string

	saveMu sync.Mutex
	// autosave coalesces proposal saves (see review_autosave.go).
	autosave map[string]*pendingSave
}

// NewReview makes the Review service on the library and its Sync service.
func NewReview(c *Core, s *Sync) *Review {
	r := &Review{c: c, s: s, scenes: map[[2]model.RevisionID][]string{}, autosave: map[string]*pendingSave{}}
	s.setReview(r)
	if c == nil {
		return r // the bindings' generator and TestBoundMethods make services without a library
	}
	c.mu.Lock()
	c.production = func(sid model.ScriptID) (model.Production, error) {
		p, _, err := r.productionOf(sid)
		return p, err
	}
	c.mu.Unlock()
	return r
}

// ProposalInfo is a proposal as the list and the review show it.
type ProposalInfo struct {
	// Name is the branch name, unique in the script's room.
	Name        string `json:"name"`
	Title       string `json:"title"`
	Description string `json:"description"`
	// Author is the proposer's user id; AuthorName their display name
	// when known, else a short id.
	Author     string `json:"author"`
	AuthorName string `json:"authorName"`
	// Base is the revision the proposal started from; Head its newest.
	Base string `json:"base"`
	Head string `json:"head"`
	// Status is "open", "merged", "rejected", "withdrawn" or
	// "needs-update".
	Status  string    `json:"status"`
	Created time.Time `json:"created"`
	Updated time.Time `json:"updated"`
	// Scenes are the headings of the scenes it touches (against its base).
	Scenes []string `json:"scenes"`
	// Mine is true when I am its author (I may edit and withdraw it).
	Mine bool `json:"mine"`
	// CanDecide is true when I am the owner or an editor and it is not
	// decided yet.
	CanDecide bool `json:"canDecide"`
	// Outdated is true when main has moved since its base.
	Outdated bool `json:"outdated"`
	// Merge is the merge revision's id once merged.
	Merge string `json:"merge,omitempty"`
	// DecidedBy is the display name of who merged, rejected or withdrew it.
	DecidedBy string `json:"decidedBy,omitempty"`
	// Reason is the reason given with the last status change.
	Reason string `json:"reason,omitempty"`
}

// ProposalDoc is what the editor opens in proposal mode.
type ProposalDoc struct {
	ScriptID string       `json:"scriptId"`
	Proposal ProposalInfo `json:"proposal"`
	Text     string       `json:"text"`
}

// Conflict choices (ConflictChoice.Take).
const (
	// TakeMain keeps main's side of a conflict.
	TakeMain = "main"
	// TakeProposal takes the proposal's side of a conflict.
	TakeProposal = "proposal"
	// TakeEdit takes text written by hand.
	TakeEdit = "edit"
)

// ConflictChoice resolves one conflict of a merge.
type ConflictChoice struct {
	// Index is the conflict's review.Region.Index.
	Index int `json:"index"`
	// Take is "main", "proposal" or "edit".
	Take string `json:"take"`
	// Text is the edited text when Take is "edit".
	Text string `json:"text"`
}

// MergePreview is what the owner reviews before deciding.
type MergePreview struct {
	Proposal ProposalInfo `json:"proposal"`
	// WithBase compares the proposal's base with its head.
	WithBase Comparison `json:"withBase"`
	// WithMain compares main's head with the proposal's head; nil when
	// main has not moved since the proposal's base.
	WithMain *Comparison `json:"withMain"`
	// Clean is true when the proposal merges into main without conflict.
	Clean bool `json:"clean"`
	// Conflicts are the places both changed differently.
	Conflicts []review.Region `json:"conflicts"`
	// SceneCount is the number of scenes of the proposal's text, for
	// per-scene accept.
	SceneCount int `json:"sceneCount"`
	// ChangedScenes are the scenes the proposal changes, with the number
	// AcceptScenes takes.
	ChangedScenes []SceneChoice `json:"changedScenes"`
}

// SceneChoice is one scene of a proposal's changes, for per-scene accept.
type SceneChoice struct {
	// Index is the number AcceptScenes takes: 1, 2, ... in the proposal's
	// text (0 is what comes before the first heading).
	Index   int    `json:"index"`
	Heading string `json:"heading"`
	// Kind is added, removed, modified or moved.
	Kind string `json:"kind"`
}

// CommentInfo is one comment of a thread.
type CommentInfo struct {
	ID         string    `json:"id"`
	Author     string    `json:"author"`
	AuthorName string    `json:"authorName"`
	Body       string    `json:"body"`
	Created    time.Time `json:"created"`
	Edited     bool      `json:"edited"`
	Mine       bool      `json:"mine"`
}

// ThreadInfo is a comment thread, anchored in the revision asked for.
type ThreadInfo struct {
	// ID is the root comment's id.
	ID      string        `json:"id"`
	Root    CommentInfo   `json:"root"`
	Replies []CommentInfo `json:"replies"`
	// StartLine and EndLine are 1-based, in the revision asked for
	// (re-anchored when the thread was made on another).
	StartLine int    `json:"startLine"`
	EndLine   int    `json:"endLine"`
	Quote     string `json:"quote"`
	// Outdated is true when its text is gone from this revision.
	Outdated bool `json:"outdated"`
	Resolved bool `json:"resolved"`
	Unread   int  `json:"unread"`
	// Proposal is the branch name when the thread was made on a
	// proposal's revision.
	Proposal string `json:"proposal,omitempty"`
}

// CommentInput is a new comment thread.
type CommentInput struct {
	// Revision is the revision commented on; "" is the script's current
	// head, or the proposal's head when Proposal is set.
	Revision string `json:"revision"`
	// Proposal is the proposal's branch name; "" is main.
	Proposal  string `json:"proposal"`
	StartLine int    `json:"startLine"`
	EndLine   int    `json:"endLine"`
	Quote     string `json:"quote"`
	Body      string `json:"body"`
}

// NoticeInfo is one entry of the inbox or of a script's activity.
type NoticeInfo struct {
	// Kind is proposal-opened, proposal-merged, proposal-rejected,
	// proposal-needs-update, proposal-withdrawn or comment.
	Kind          string    `json:"kind"`
	ScriptID      string    `json:"scriptId"`
	ScriptTitle   string    `json:"scriptTitle"`
	Proposal      string    `json:"proposal,omitempty"`
	ProposalTitle string    `json:"proposalTitle,omitempty"`
	Thread        string    `json:"thread,omitempty"`
	Comment       string    `json:"comment,omitempty"`
	ByName        string    `json:"byName"`
	At            time.Time `json:"at"`
	// Text is one line for the list, e.g. "Ben proposed “Tighter pier
	// scene”".
	Text   string `json:"text"`
	Unread bool   `json:"unread"`
}
