package review

import (
	"fmt"
	"sort"
	"strings"

	"github.com/scriptroom/scriptroom/internal/diff"
	"github.com/scriptroom/scriptroom/internal/fountain"
)

// Conflict marker labels of a proposal merge.
const (
	mainLabel     = "main"
	proposalLabel = "proposal"
)

// Region is a conflict of a proposal merge: a place both main and the
// proposal changed differently since their common base.
type Region struct {
	// Index numbers the conflicts from 0, in text order: the key of
	// Resolve's choices.
	Index int `json:"index"`
	// Base, Main and Proposal are the region's text on each side, with
	// line terminators.
	Base     string `json:"base"`
	Main     string `json:"main"`
	Proposal string `json:"proposal"`
	// MainStart..MainEnd and ProposalStart..ProposalEnd are 1-based
	// inclusive line ranges in each text (End = Start-1 when empty).
	MainStart     int `json:"mainStart"`
	MainEnd       int `json:"mainEnd"`
	ProposalStart int `json:"proposalStart"`
	ProposalEnd   int `json:"proposalEnd"`
	// Scene is the heading of the base scene the region is in.
	Scene string `json:"scene,omitempty"`
}

// MergeOutcome is the result of merging a proposal into main.
type MergeOutcome struct {
	// Clean is true when nothing conflicts: Text is then the merged text.
	Clean bool `json:"clean"`
	// Text is the merged text; with conflicts, each is written between
	// "<<<<<<< main", "=======" and ">>>>>>> proposal" lines.
	Text      string   `json:"text"`
	Conflicts []Region `json:"conflicts"`
	// parts is Text cut at the conflicts, for Resolve.
	parts []part
}

// part is merged text (conflict < 0) or the place of a conflict.
type part struct {
	text     string
	conflict int
}

// MergeProposal merges the changes of proposal and of main since their
// common base (diff.Merge, three-way, whole Fountain elements per
// conflict).
func MergeProposal(base, main, proposal string) MergeOutcome {
	res := diff.MergeWith(base, main, proposal, diff.MergeOptions{OursLabel: mainLabel, TheirsLabel: proposalLabel})
	out := MergeOutcome{Clean: res.Clean, Text: res.Text, Conflicts: make([]Region, 0, len(res.Conflicts))}
	lines := splitLines(res.Text)
	pos := 0
	for k, c := range res.Conflicts {
		m := c.Line - 1
		if m > pos {
			out.parts = append(out.parts, part{text: strings.Join(lines[pos:m], ""), conflict: -1})
		}
		out.parts = append(out.parts, part{conflict: k})
		pos = m + 3 + len(splitLines(c.Ours)) + len(splitLines(c.Theirs))
		out.Conflicts = append(out.Conflicts, Region{
			Index: k, Base: c.Base, Main: c.Ours, Proposal: c.Theirs,
			MainStart: c.OursStart, MainEnd: c.OursEnd, ProposalStart: c.TheirsStart, ProposalEnd: c.TheirsEnd,
			Scene: c.Scene,
		})
	}
	if pos < len(lines) {
		out.parts = append(out.parts, part{text: strings.Join(lines[pos:], ""), conflict: -1})
	}
	return out
}

type choiceKind int

const (
	chooseMain choiceKind = iota + 1
	chooseProposal
	chooseEdit
)

// Choice is how one conflict is resolved: TakeMain, TakeProposal, or
// Edit with text written by hand.
type Choice struct {
	kind choiceKind
	text string
}

var (
	// TakeMain resolves a conflict with main's side.
	TakeMain = Choice{kind: chooseMain}
	// TakeProposal resolves a conflict with the proposal's side.
	TakeProposal = Choice{kind: chooseProposal}
)

// Edit resolves a conflict with text written by hand ("" drops the region).
func Edit(text string) Choice { return Choice{kind: chooseEdit, text: text} }

// Resolve writes the final text of a merge with a choice for each conflict,
// keyed by Region.Index. A clean outcome needs no choice. A conflict
// without a choice fails with ErrUnresolved.
func Resolve(outcome MergeOutcome, choices map[int]Choice) (string, error) {
	if outcome.Clean {
		return outcome.Text, nil
	}
	parts := outcome.parts
	if parts == nil { // an outcome that went through JSON
		var err error
		if parts, err = cutConflicts(outcome); err != nil {
			return "", err
		}
	}
	var sb strings.Builder
	for i, p := range parts {
		if p.conflict < 0 {
			sb.WriteString(p.text)
			continue
		}
		r := outcome.Conflicts[p.conflict]
		var s string
		switch c := choices[p.conflict]; c.kind {
		case chooseMain:
			s = r.Main
		case chooseProposal:
			s = r.Proposal
		case chooseEdit:
			s = c.text
		default:
			return "", fmt.Errorf("resolve conflict %d of %d (scene %q): %w", p.conflict+1, len(outcome.Conflicts), r.Scene, ErrUnresolved)
		}
		sb.WriteString(s)
		if s != "" && !strings.HasSuffix(s, "\n") && i < len(parts)-1 {
			sb.WriteByte('\n')
		}
	}
	return sb.String(), nil
}

// cutConflicts cuts an outcome's Text at its conflicts, found by their
// markers and checked against the regions, when the outcome lost its parts
// on the way through JSON to the frontend and back.
func cutConflicts(o MergeOutcome) ([]part, error) {
	lines := splitLines(o.Text)
	var parts []part
	pos := 0
	for k, r := range o.Conflicts {
		m := pos
		for m < len(lines) && lines[m] != "<<<<<<< "+mainLabel+"\n" {
			m++
		}
		nm, np := len(splitLines(r.Main)), len(splitLines(r.Proposal))
		end := m + 3 + nm + np
		if end > len(lines) || lines[m+1+nm] != "=======\n" || lines[end-1] != ">>>>>>> "+proposalLabel+"\n" ||
			strings.TrimSuffix(strings.Join(lines[m+1:m+1+nm], ""), "\n") != strings.TrimSuffix(r.Main, "\n") ||
			strings.TrimSuffix(strings.Join(lines[m+2+nm:end-1], ""), "\n") != strings.TrimSuffix(r.Proposal, "\n") {
			return nil, fmt.Errorf("resolve conflict %d of %d (scene %q): %w", k+1, len(o.Conflicts), r.Scene, ErrBadOutcome)
		}
		if m > pos {
			parts = append(parts, part{text: strings.Join(lines[pos:m], ""), conflict: -1})
		}
		parts = append(parts, part{conflict: k})
		pos = end
	}
	if pos < len(lines) {
		parts = append(parts, part{text: strings.Join(lines[pos:], ""), conflict: -1})
	}
	if len(o.Conflicts) == 0 {
		return nil, fmt.Errorf("resolve: %w: not clean, yet no conflicts", ErrBadOutcome)
	}
	return parts, nil
}

// AcceptScenes merges into main only the proposal's changes that fall in
// the given scenes, numbered 1, 2, ... in the proposal's text (0 is what
// comes before the first scene heading, such as the title page). A change
// that spans several scenes is taken when any of them is chosen; lines the
// proposal deleted count with the scene before the place they were. The
// outcome may conflict with main like MergeProposal's.
func AcceptScenes(base, main, proposal string, scenes []int) MergeOutcome {
	want := make(map[int]bool, len(scenes))
	for _, s := range scenes {
		want[s] = true
	}
	// first[k] is the 0-based first line of scene k+1 in the proposal.
	var first []int
	for _, sc := range fountain.Parse(proposal).Scenes() {
		first = append(first, sc.Line-1)
	}
	sceneOf := func(l int) int { return sort.Search(len(first), func(i int) bool { return first[i] > l }) }
	take := func(h hunk) bool {
		if h.n1 == h.n0 {
			return want[sceneOf(max(h.n0-1, 0))]
		}
		for s := sceneOf(h.n0); s <= sceneOf(h.n1-1); s++ {
			if want[s] {
				return true
			}
		}
		return false
	}
	bl, pl := splitLines(base), splitLines(proposal)
	var sb strings.Builder
	pos := 0
	for _, h := range lineHunks(bl, pl) {
		sb.WriteString(strings.Join(bl[pos:h.o0], ""))
		if take(h) {
			sb.WriteString(strings.Join(pl[h.n0:h.n1], ""))
		} else {
			sb.WriteString(strings.Join(bl[h.o0:h.o1], ""))
		}
		pos = h.o1
	}
	sb.WriteString(strings.Join(bl[pos:], ""))
	return MergeProposal(base, main, sb.String())
}

// AcceptChanges merges into main only the chosen changes of a comparison
// of base with the proposal, as the compare view lists them
// (diff.Compare(base, proposal, ...).Changes): each replaces its base lines
// (LeftStart..LeftEnd) with its proposal lines (RightStart..RightEnd). The
// outcome may conflict with main like MergeProposal's. A change that does
// not fit the texts, or overlaps another, fails with ErrBadChange: it came
// from another comparison.
func AcceptChanges(base, main, proposal string, changes []diff.Change) (MergeOutcome, error) {
	bl, pl := splitLines(base), splitLines(proposal)
	cs := append([]diff.Change(nil), changes...)
	sort.SliceStable(cs, func(i, j int) bool { return cs[i].LeftStart < cs[j].LeftStart })
	var sb strings.Builder
	pos, ppos := 0, 0 // base lines written so far; proposal lines taken so far
	for i, c := range cs {
		l0, l1, r0, r1 := c.LeftStart-1, c.LeftEnd, c.RightStart-1, c.RightEnd
		if l0 < pos || l1 < l0 || l1 > len(bl) || r0 < ppos || r1 < r0 || r1 > len(pl) ||
			(i > 0 && l0 == cs[i-1].LeftStart-1 && l0 == l1) {
			return MergeOutcome{}, fmt.Errorf("accept change %d-%d of the proposal: %w", c.RightStart, c.RightEnd, ErrBadChange)
		}
		sb.WriteString(strings.Join(bl[pos:l0], ""))
		sb.WriteString(strings.Join(pl[r0:r1], ""))
		pos, ppos = l1, r1
	}
	sb.WriteString(strings.Join(bl[pos:], ""))
	return MergeProposal(base, main, sb.String()), nil
}

// Rebase moves a proposal made on oldBase onto newMain. When main's changes
// and the proposal's do not conflict it returns the rebased text and true;
// otherwise it returns the proposal unchanged and false: the proposal needs
// an update by hand (publish model.StatusNeedsUpdate), and nothing is lost.
func Rebase(oldBase, newMain, proposal string) (text string, clean bool) {
	o := MergeProposal(oldBase, newMain, proposal)
	if !o.Clean {
		return proposal, false
	}
	return o.Text, true
}
