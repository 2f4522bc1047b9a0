package app

import "errors"

// errNotYet is returned by the Review methods not implemented yet.
var errNotYet = errors.New("not implemented yet")

// sentEvent is an event published here, waiting to come back.
type sentEvent struct{}

// pendingSave is a proposal save waiting to be published.
type pendingSave struct{}

func (s *Sync) setReview(r *Review) {}

// Proposals lists a script's proposals, newest first.
func (r *Review) Proposals(scriptID string) ([]ProposalInfo, error) { return nil, errNotYet }

// StartProposal opens a proposal from main's head.
func (r *Review) StartProposal(scriptID, title, description string) (ProposalDoc, error) {
	return ProposalDoc{}, errNotYet
}

// OpenProposal opens a proposal in the editor.
func (r *Review) OpenProposal(scriptID, name string) (ProposalDoc, error) {
	return ProposalDoc{}, errNotYet
}

// SaveProposal is the editor's autosave in proposal mode.
func (r *Review) SaveProposal(scriptID, name, text string) (ProposalInfo, error) {
	return ProposalInfo{}, errNotYet
}

// Withdraw takes back one's own proposal.
func (r *Review) Withdraw(scriptID, name string) (ProposalInfo, error) {
	return ProposalInfo{}, errNotYet
}

// Reject turns a proposal down.
func (r *Review) Reject(scriptID, name, reason string) (ProposalInfo, error) {
	return ProposalInfo{}, errNotYet
}

// Preview is what the owner reviews before deciding.
func (r *Review) Preview(scriptID, name string) (MergePreview, error) {
	return MergePreview{}, errNotYet
}

// Merge accepts a whole proposal into main.
func (r *Review) Merge(scriptID, name string, choices []ConflictChoice) (ProposalInfo, error) {
	return ProposalInfo{}, errNotYet
}

// AcceptScenes accepts some scenes of a proposal into main.
func (r *Review) AcceptScenes(scriptID, name string, scenes []int) (ProposalInfo, error) {
	return ProposalInfo{}, errNotYet
}

// Update rebases an outdated proposal onto main.
func (r *Review) Update(scriptID, name string) (ProposalInfo, error) {
	return ProposalInfo{}, errNotYet
}

// Comments lists a script's comment threads.
func (r *Review) Comments(scriptID, revision string) ([]ThreadInfo, error) { return nil, errNotYet }

// AddComment starts a comment thread.
func (r *Review) AddComment(scriptID string, in CommentInput) (ThreadInfo, error) {
	return ThreadInfo{}, errNotYet
}

// Reply answers a thread.
func (r *Review) Reply(scriptID, threadID, body string) (ThreadInfo, error) {
	return ThreadInfo{}, errNotYet
}

// EditComment changes one's own comment.
func (r *Review) EditComment(scriptID, commentID, body string) (ThreadInfo, error) {
	return ThreadInfo{}, errNotYet
}

// DeleteComment removes one's own comment.
func (r *Review) DeleteComment(scriptID, commentID string) (bool, error) { return false, errNotYet }

// Resolve marks a thread resolved.
func (r *Review) Resolve(scriptID, threadID string) (ThreadInfo, error) {
	return ThreadInfo{}, errNotYet
}

// Reopen marks a resolved thread open again.
func (r *Review) Reopen(scriptID, threadID string) (ThreadInfo, error) {
	return ThreadInfo{}, errNotYet
}

// MarkRead records that the reader saw everything of a script up to now.
func (r *Review) MarkRead(scriptID string) (bool, error) { return false, errNotYet }

// Inbox lists the notices of every shared script, newest first.
func (r *Review) Inbox() ([]NoticeInfo, error) { return nil, errNotYet }

// Activity lists everything that happened in one script, newest first.
func (r *Review) Activity(scriptID string) ([]NoticeInfo, error) { return nil, errNotYet }

// Unread counts unread notices across scripts.
func (r *Review) Unread() (int, error) { return 0, errNotYet }
