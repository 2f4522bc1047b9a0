package app

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/scriptroom/scriptroom/internal/diff"
	"github.com/scriptroom/scriptroom/internal/fountain"
	"github.com/scriptroom/scriptroom/internal/model"
	"github.com/scriptroom/scriptroom/internal/review"
)

// Preview is what the owner reviews before deciding: the proposal against
// its base, against main's head when main has moved, the conflicts a merge
// would meet, and the scenes it changes.
func (r *Review) Preview(scriptID, name string) (MergePreview, error) {
	doing := "Could not show the proposal"
	st, p, err := r.proposal(model.ScriptID(scriptID), name, doing)
	if err != nil {
		return MergePreview{}, err
	}
	main := st.mainHead()
	revs := make([]*model.Revision, 3)
	for i, id := range []model.RevisionID{p.Base, main, p.Head} {
		if revs[i], err = r.text(st, id); err != nil {
			return MergePreview{}, r.failed(doing, err)
		}
	}
	base, mainRev, head := revs[0], revs[1], revs[2]
	withBase := diff.Compare(base.Text, head.Text, diff.Options{})
	pv := MergePreview{
		Proposal: r.info(st, p),
		WithBase: Comparison{
			Left:   versionOf(base, "Main when the proposal started"),
			Right:  versionOf(head, "Proposal “"+p.Title+"”"),
			Result: withBase.View(),
		},
	}
	if main != p.Base {
		pv.WithMain = &Comparison{
			Left:   versionOf(mainRev, "Main now"),
			Right:  pv.WithBase.Right,
			Result: diff.CompareView(mainRev.Text, head.Text, diff.Options{}),
		}
	}
	out := review.MergeProposal(base.Text, mainRev.Text, head.Text)
	pv.Clean, pv.Conflicts = out.Clean, out.Conflicts
	if pv.Conflicts == nil {
		pv.Conflicts = []review.Region{}
	}
	scenes := fountain.Parse(head.Text).Scenes()
	pv.SceneCount = len(scenes)
	pv.ChangedScenes = changedScenes(withBase, scenes)
	return pv, nil
}

// versionOf labels a revision for the compare view.
func versionOf(rev *model.Revision, what string) Version {
	label := fmt.Sprintf("%s · %s", what, rev.Time.Local().Format("2 Jan 2006 15:04"))
	return Version{ID: string(rev.ID), Label: label, Message: rev.Message}
}

// changedScenes lists the scenes a proposal changes, numbered as
// AcceptScenes takes them: the proposal's scenes 1, 2, ...; a removed
// scene counts with the scene before the place it was.
func changedScenes(res *diff.Result, scenes []fountain.Scene) []SceneChoice {
	out := []SceneChoice{}
	if res == nil || res.Summary == nil {
		return out
	}
	first := make([]int, len(scenes)) // 0-based first line of each scene
	for i, sc := range scenes {
		first[i] = sc.Line - 1
	}
	sceneOf := func(l int) int { return sort.Search(len(first), func(i int) bool { return first[i] > l }) }
	if res.Summary.PreambleChanged {
		out = append(out, SceneChoice{Index: 0, Heading: "Title page and opening", Kind: string(diff.SceneModified)})
	}
	for _, c := range res.Summary.Changes {
		kind := c.Kind
		if kind == diff.SceneRewritten {
			kind = diff.SceneModified
		}
		ch := SceneChoice{Index: c.NewScene, Heading: c.NewHeading, Kind: string(kind)}
		if c.NewScene == 0 {
			ch.Heading = c.OldHeading
			// Where the removed heading's line went in the proposal.
			at := 0
			for _, e := range res.Edits {
				if c.OldLine-1 >= e.LeftStart && c.OldLine-1 < e.LeftEnd {
					at = e.RightStart
					break
				}
			}
			ch.Index = sceneOf(max(at-1, 0))
		}
		out = append(out, ch)
	}
	return out
}

// Merge accepts a whole proposal into main: a three-way merge of main's
// changes and the proposal's since its base, with a choice for each
// conflict, recorded as a revision with two parents (main's head and the
// proposal's head) whose message credits the proposer, made the script's
// head, and published with the status "merged". Deciding a proposal
// already decided fails, saying who decided and when.
func (r *Review) Merge(scriptID, name string, choices []ConflictChoice) (ProposalInfo, error) {
	doing := "Could not merge the proposal"
	r.c.writeMu.Lock()
	defer r.c.writeMu.Unlock()
	st, p, main, texts, err := r.mergeInputs(model.ScriptID(scriptID), name, doing, "merge proposals")
	if err != nil {
		return ProposalInfo{}, err
	}
	out := review.MergeProposal(texts[0], texts[1], texts[2])
	text, err := resolveChoices(out, choices)
	if err != nil {
		return ProposalInfo{}, &userError{msg: doing + ": " + err.Error(), err: err}
	}
	msg := fmt.Sprintf("Merge “%s” by %s", p.Title, st.name(p.Author))
	status := &model.StatusPayload{Branch: name, Status: model.StatusMerged}
	if err := r.mergeInto(st, p, main, texts[1], text, msg, status, doing); err != nil {
		return ProposalInfo{}, err
	}
	p, _ = st.room.Proposal(name)
	return r.info(st, p), nil
}

// resolveChoices writes the merged text with the writer's choices; it
// fails saying how many conflicts have none.
func resolveChoices(out review.MergeOutcome, choices []ConflictChoice) (string, error) {
	if out.Clean {
		return out.Text, nil
	}
	m := make(map[int]review.Choice, len(choices))
	for _, c := range choices {
		if c.Index < 0 || c.Index >= len(out.Conflicts) {
			return "", fmt.Errorf("%w: there is no conflict %d (there are %d)", ErrUnresolvedConflicts, c.Index+1, len(out.Conflicts))
		}
		switch c.Take {
		case TakeMain:
			m[c.Index] = review.TakeMain
		case TakeProposal:
			m[c.Index] = review.TakeProposal
		case TakeEdit:
			m[c.Index] = review.Edit(c.Text)
		default:
			return "", fmt.Errorf("%w: conflict %d: take main, proposal or edit, not %q", ErrUnresolvedConflicts, c.Index+1, c.Take)
		}
	}
	if missing := len(out.Conflicts) - len(m); missing > 0 {
		return "", fmt.Errorf("%d of %d conflicts have no choice yet: take main, take the proposal or edit each one (%w)",
			missing, len(out.Conflicts), ErrUnresolvedConflicts)
	}
	return review.Resolve(out, m)
}

// AcceptScenes accepts only the proposal's changes in the given scenes
// (numbered as MergePreview.ChangedScenes) into main, as a revision with
// two parents; the proposal stays open.
func (r *Review) AcceptScenes(scriptID, name string, scenes []int) (ProposalInfo, error) {
	doing := "Could not accept the scenes"
	if len(scenes) == 0 {
		return ProposalInfo{}, &userError{msg: doing + ": choose at least one scene"}
	}
	r.c.writeMu.Lock()
	defer r.c.writeMu.Unlock()
	st, p, main, texts, err := r.mergeInputs(model.ScriptID(scriptID), name, doing, "accept proposals")
	if err != nil {
		return ProposalInfo{}, err
	}
	out := review.AcceptScenes(texts[0], texts[1], texts[2], scenes)
	sorted := append([]int(nil), scenes...)
	sort.Ints(sorted)
	nums := make([]string, len(sorted))
	for i, n := range sorted {
		nums[i] = strconv.Itoa(n)
	}
	word := "scene "
	if len(nums) > 1 {
		word = "scenes "
	}
	msg := fmt.Sprintf("Accept %s%s of “%s” by %s", word, strings.Join(nums, ", "), p.Title, st.name(p.Author))
	return r.acceptPart(st, p, main, texts[1], out, msg, "those scenes", doing)
}

// AcceptChanges merges into main only some changes of a proposal: changes
// are indices into the changes of Preview's withBase comparison (its base
// against its head), and head is the head that comparison showed. The
// proposal stays open, crediting its author in the revision's message.
func (r *Review) AcceptChanges(scriptID, name, head string, changes []int) (ProposalInfo, error) {
	doing := "Could not accept the changes"
	if len(changes) == 0 {
		return ProposalInfo{}, &userError{msg: doing + ": choose at least one change"}
	}
	r.c.writeMu.Lock()
	defer r.c.writeMu.Unlock()
	st, p, main, texts, err := r.mergeInputs(model.ScriptID(scriptID), name, doing, "accept proposals")
	if err != nil {
		return ProposalInfo{}, err
	}
	if string(p.Head) != head {
		return ProposalInfo{}, &userError{msg: doing + ": " + ErrProposalMoved.Error(), err: ErrProposalMoved}
	}
	all := diff.Compare(texts[0], texts[2], diff.Options{}).Changes
	picked := make([]diff.Change, 0, len(changes))
	seen := map[int]bool{}
	for _, i := range changes {
		if i < 0 || i >= len(all) || seen[i] {
			return ProposalInfo{}, &userError{msg: fmt.Sprintf("%s: the proposal has no change %d (it has %d)", doing, i+1, len(all))}
		}
		seen[i] = true
		picked = append(picked, all[i])
	}
	out, err := review.AcceptChanges(texts[0], texts[1], texts[2], picked)
	if err != nil {
		return ProposalInfo{}, r.failed(doing, err)
	}
	what := "1 change"
	if len(picked) > 1 {
		what = fmt.Sprintf("%d changes", len(picked))
	}
	msg := fmt.Sprintf("Accept %s of “%s” by %s", what, p.Title, st.name(p.Author))
	return r.acceptPart(st, p, main, texts[1], out, msg, "those changes", doing)
}

// acceptPart makes out, part of a proposal merged into main, main's new
// head, unless it conflicts with main or changes nothing. The caller holds
// the write lock.
func (r *Review) acceptPart(st *roomState, p review.Proposal, main model.RevisionID, mainText string, out review.MergeOutcome, msg, what, doing string) (ProposalInfo, error) {
	if !out.Clean {
		return ProposalInfo{}, &userError{msg: fmt.Sprintf("%s: %d of the changes in %s conflict with main; review the whole proposal and merge it with a choice for each conflict",
			doing, len(out.Conflicts), what), err: ErrUnresolvedConflicts}
	}
	if out.Text == mainText {
		return ProposalInfo{}, &userError{msg: fmt.Sprintf("%s: main already has %s as the proposal has them", doing, what), err: ErrNoChanges}
	}
	if err := r.mergeInto(st, p, main, mainText, out.Text, msg, nil, doing); err != nil {
		return ProposalInfo{}, err
	}
	p, _ = st.room.Proposal(p.Name)
	return r.info(st, p), nil
}

// mergeInto records text as a revision with parents main and the
// proposal's head, makes it the script's head (the draft follows, with any
// unsaved typing merged in when that is clean), and publishes it on main,
// with status when given. The caller holds the write lock.
func (r *Review) mergeInto(st *roomState, p review.Proposal, main model.RevisionID, mainText, text, msg string,
	status *model.StatusPayload, doing string) error {
	now := r.c.now()
	rev, err := model.NewRevision(st.me, []model.RevisionID{main, p.Head}, text, msg, now)
	if err != nil {
		return r.failed(doing, err)
	}
	// The order internal/review decides (MergePublications): of two
	// editors merging at once, the relay orders one status first, and every
	// fold refuses the other's move of main (workspace.ApplyEvents then
	// leaves the head where it is).
	var evs []*model.Event
	for _, pub := range review.MergePublications(rev, status) {
		ev, err := st.newEvent(pub.Kind, pub.Payload, now)
		if err != nil {
			return r.failed(doing, err)
		}
		evs = append(evs, ev)
	}
	if err := st.check(evs...); err != nil {
		return r.failed(doing, err)
	}
	head, err := r.text(st, p.Head)
	if err != nil {
		return r.failed(doing, err)
	}
	if err := r.c.ws.RecordMerge(st.sid, rev, mainText, head); err != nil {
		return r.failed(doing, err)
	}
	if err := r.publish(st.sid, evs...); err != nil {
		return r.failed(doing, err)
	}
	r.c.emit(EventHistoryChanged, HistoryChanged{ScriptID: string(st.sid), Head: string(rev.ID)})
	return nil
}

// mergeInputs finds a proposal the writer may decide and reads the three
// texts of its merge: its base, main's head (returned too) and its head.
// The caller holds the write lock.
func (r *Review) mergeInputs(sid model.ScriptID, name, doing, what string) (*roomState, review.Proposal, model.RevisionID, []string, error) {
	st, p, err := r.decidable(sid, name, doing, what)
	if err != nil {
		return nil, p, "", nil, err
	}
	main := st.mainHead()
	texts, err := r.texts(st, p.Base, main, p.Head)
	if err != nil {
		return nil, p, "", nil, r.failed(doing, err)
	}
	return st, p, main, texts, nil
}

// refusedMove reports whether the room's fold refuses ev, a move of main
// received from the relay: a second merge of a proposal someone else
// decided first.
func (r *Review) refusedMove(room model.ScriptID, ev *model.Event) bool {
	st, err := r.state(room)
	return err == nil && st.room.Refused(ev.ID) != nil
}
