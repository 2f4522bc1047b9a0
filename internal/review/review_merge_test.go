package review

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/scriptroom/scriptroom/internal/corpus"
	"github.com/scriptroom/scriptroom/internal/diff"
)

// edit is one replacement made to a text.
type edit struct{ old, new string }

// apply makes the edits to text in order, failing when one does not apply.
func apply(t testing.TB, text string, edits ...edit) string {
	t.Helper()
	for _, e := range edits {
		text = replace(t, text, e.old, e.new)
	}
	return text
}

// sideLines returns lines start..end (1-based, inclusive) of text.
func sideLines(text string, start, end int) string {
	lines := strings.SplitAfter(text, "\n")
	if start > end {
		return ""
	}
	return strings.Join(lines[start-1:end], "")
}

// Edits to the four scenes of script, each on its own.
var (
	kitchen = edit{"Edward pours coffee.", "Edward pours coffee and burns his hand."}
	river   = edit{"The water is brown and slow.", "The water is brown, slow and deep."}
	car     = edit{"Sandra drives. Nobody speaks.", "Sandra drives. The radio plays Sinatra."}
	pier    = edit{"Every story has a fish in it.", "Every good story has a fish in it."}
	title   = edit{"Title: The Pier", "Title: The Pier at Dusk"}
)

func TestMergeProposalClean(t *testing.T) {
	cases := []struct {
		name           string
		main, proposal []edit
	}{
		// Changes in different scenes.
		{"separate scenes", []edit{kitchen}, []edit{car}},
		{"several scenes each", []edit{kitchen, pier}, []edit{river, car}},
		{"title page and a scene", []edit{title}, []edit{river}},
		// Changes only one side made.
		{"main unchanged", nil, []edit{river, pier}},
		{"proposal unchanged", []edit{kitchen}, nil},
		// The same change on both sides is taken once.
		{"same change on both sides", []edit{river}, []edit{river}},
		// Lines added and removed in different scenes.
		{"scene added at the end, line cut at the start", []edit{{"Edward pours coffee.\n\n", ""}},
			[]edit{{"Every story has a fish in it.\n", "Every story has a fish in it.\n\nFADE OUT.\n"}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			main, prop := apply(t, script, c.main...), apply(t, script, c.proposal...)
			o := MergeProposal(script, main, prop)
			if !o.Clean || len(o.Conflicts) != 0 {
				t.Fatalf("merge conflicts: %+v", o.Conflicts)
			}
			// Both sides' edits, made to the base in turn, are the merge.
			all := append(append([]edit(nil), c.main...), c.proposal...)
			if c.name == "same change on both sides" {
				all = c.main
			}
			if want := apply(t, script, all...); o.Text != want {
				t.Fatalf("merged text:\n%s\nwant:\n%s", o.Text, want)
			}
			got, err := Resolve(o, nil)
			if err != nil || got != o.Text {
				t.Fatalf("Resolve of a clean merge = %q, %v; want the merged text", got, err)
			}
		})
	}
}

func TestMergeProposalConflicts(t *testing.T) {
	cases := []struct {
		name           string
		main, proposal []edit
		scenes         []string // the scene heading of each conflict
	}{
		// One line changed differently on each side.
		{"same line", []edit{{"brown and slow", "brown and cold"}}, []edit{{"brown and slow", "green and fast"}}, []string{"EXT. RIVER - DAY"}},
		// Two lines of one speech: the conflict takes the whole speech.
		{"character and dialogue", []edit{{"WILL\n", "WILL (O.S.)\n"}}, []edit{{"There is no fish in there.", "Not one fish."}}, []string{"EXT. RIVER - DAY"}},
		// Two conflicts in two scenes, and a clean change between them.
		{"two scenes", []edit{{"Edward pours coffee.", "Edward spills coffee."}, {"Every story", "Each story"}},
			[]edit{{"Edward pours coffee.", "Edward drinks tea."}, car, {"Every story", "No story"}},
			[]string{"INT. KITCHEN - MORNING", "EXT. PIER - DUSK"}},
		// Main deleted what the proposal edited.
		{"edit against delete", []edit{{"Sandra drives. Nobody speaks.\n\n", ""}}, []edit{car}, []string{"INT. CAR - DAY"}},
		// The last line, changed on both sides.
		{"last line", []edit{{"Every story has a fish in it.\n", "Every story ends.\n"}}, []edit{{"Every story has a fish in it.\n", "Every story has a fish in it, Will.\n"}}, []string{"EXT. PIER - DUSK"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			main, prop := apply(t, script, c.main...), apply(t, script, c.proposal...)
			o := MergeProposal(script, main, prop)
			if o.Clean {
				t.Fatalf("clean merge, want %d conflicts:\n%s", len(c.scenes), o.Text)
			}
			if len(o.Conflicts) != len(c.scenes) {
				t.Fatalf("%d conflicts, want %d: %+v", len(o.Conflicts), len(c.scenes), o.Conflicts)
			}
			for i, r := range o.Conflicts {
				if r.Index != i {
					t.Errorf("conflict %d has index %d", i, r.Index)
				}
				if r.Scene != c.scenes[i] {
					t.Errorf("conflict %d in scene %q, want %q", i, r.Scene, c.scenes[i])
				}
				if got := sideLines(main, r.MainStart, r.MainEnd); got != r.Main {
					t.Errorf("conflict %d: main lines %d-%d read %q, region says %q", i, r.MainStart, r.MainEnd, got, r.Main)
				}
				if got := sideLines(prop, r.ProposalStart, r.ProposalEnd); got != r.Proposal {
					t.Errorf("conflict %d: proposal lines %d-%d read %q, region says %q", i, r.ProposalStart, r.ProposalEnd, got, r.Proposal)
				}
				block := "<<<<<<< main\n" + r.Main + "=======\n" + r.Proposal + ">>>>>>> proposal\n"
				if !strings.Contains(o.Text, block) {
					t.Errorf("conflict %d is not written in the text as\n%s", i, block)
				}
			}
			// Taking one side in every conflict keeps all that side's edits.
			for _, side := range []struct {
				name   string
				choice Choice
				edits  []edit
				text   string
			}{{"main", TakeMain, c.main, main}, {"proposal", TakeProposal, c.proposal, prop}} {
				choices := map[int]Choice{}
				for i := range o.Conflicts {
					choices[i] = side.choice
				}
				got, err := Resolve(o, choices)
				if err != nil {
					t.Fatalf("resolve with %s: %v", side.name, err)
				}
				for _, e := range side.edits {
					if e.new != "" && !strings.Contains(got, e.new) {
						t.Errorf("taking %s lost its edit %q:\n%s", side.name, e.new, got)
					}
				}
				if strings.Contains(got, "<<<<<<<") || strings.Contains(got, ">>>>>>>") {
					t.Errorf("resolved text keeps conflict markers:\n%s", got)
				}
			}
		})
	}
}

func TestResolve(t *testing.T) {
	main := apply(t, script, kitchen, edit{"brown and slow", "brown and cold"}, edit{"Every story", "Each story"})
	prop := apply(t, script, edit{"brown and slow", "green and fast"}, car, edit{"Every story", "No story"})
	o := MergeProposal(script, main, prop)
	if len(o.Conflicts) != 2 {
		t.Fatalf("%d conflicts, want 2: %+v", len(o.Conflicts), o.Conflicts)
	}
	// Both clean changes are in every resolution.
	clean := apply(t, script, kitchen, car)
	cases := []struct {
		name    string
		choices map[int]Choice
		want    string
		err     error
	}{
		// Every combination of sides.
		{"main, main", map[int]Choice{0: TakeMain, 1: TakeMain}, apply(t, clean, edit{"brown and slow", "brown and cold"}, edit{"Every story", "Each story"}), nil},
		{"proposal, proposal", map[int]Choice{0: TakeProposal, 1: TakeProposal}, apply(t, clean, edit{"brown and slow", "green and fast"}, edit{"Every story", "No story"}), nil},
		{"main, proposal", map[int]Choice{0: TakeMain, 1: TakeProposal}, apply(t, clean, edit{"brown and slow", "brown and cold"}, edit{"Every story", "No story"}), nil},
		// Text written by hand, and a region dropped.
		{"edit", map[int]Choice{0: Edit("The water is green and cold.\n"), 1: TakeMain},
			apply(t, clean, edit{"The water is brown and slow.", "The water is green and cold."}, edit{"Every story", "Each story"}), nil},
		{"edit without a final newline", map[int]Choice{0: Edit("The water is green and cold."), 1: TakeMain},
			apply(t, clean, edit{"The water is brown and slow.", "The water is green and cold."}, edit{"Every story", "Each story"}), nil},
		{"edit that drops the region", map[int]Choice{0: Edit(""), 1: TakeMain},
			apply(t, clean, edit{"The water is brown and slow.\n", ""}, edit{"Every story", "Each story"}), nil},

		// Missing choices.
		{"no choices", nil, "", ErrUnresolved},
		{"second conflict unresolved", map[int]Choice{0: TakeMain}, "", ErrUnresolved},
		{"choice for a conflict that does not exist", map[int]Choice{0: TakeMain, 2: TakeMain}, "", ErrUnresolved},
		{"zero choice", map[int]Choice{0: TakeMain, 1: {}}, "", ErrUnresolved},
	}
	// The outcome as the frontend sends it back.
	raw, err := json.Marshal(o)
	if err != nil {
		t.Fatal(err)
	}
	var back MergeOutcome
	if err := json.Unmarshal(raw, &back); err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := Resolve(o, c.choices)
			if got2, err2 := Resolve(back, c.choices); got2 != got || (err == nil) != (err2 == nil) {
				t.Fatalf("after JSON, Resolve = %q, %v; before %q, %v", got2, err2, got, err)
			}
			if c.err != nil {
				if !errors.Is(err, c.err) {
					t.Fatalf("Resolve = %q, %v; want %v", got, err, c.err)
				}
				if c.name == "second conflict unresolved" && !strings.Contains(err.Error(), "EXT. PIER - DUSK") {
					t.Errorf("error %q does not name the scene", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got != c.want {
				t.Fatalf("Resolve:\n%s\nwant:\n%s", got, c.want)
			}
		})
	}
}

func TestAcceptScenes(t *testing.T) {
	prop := apply(t, script, title, kitchen, river, car, pier)
	cases := []struct {
		name   string
		main   []edit
		scenes []int
		want   []edit // the proposal's edits that are taken
		clean  bool
	}{
		// Scenes picked from the proposal; scene 0 is the title page.
		{"one scene", nil, []int{2}, []edit{river}, true},
		{"two scenes", nil, []int{1, 4}, []edit{kitchen, pier}, true},
		{"title page", nil, []int{0}, []edit{title}, true},
		{"all scenes", nil, []int{0, 1, 2, 3, 4}, []edit{title, kitchen, river, car, pier}, true},
		{"none", nil, nil, nil, true},
		{"a scene that does not exist", nil, []int{9}, nil, true},
		// With main's own changes elsewhere, kept.
		{"main changed another scene", []edit{{"Edward casts a line", "Edward casts a silver line"}}, []int{3}, []edit{car}, true},
		// Main changed the picked scene differently: a conflict.
		{"main changed the same line", []edit{{"Sandra drives.", "Sandra brakes."}}, []int{3}, nil, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			main := apply(t, script, c.main...)
			o := AcceptScenes(script, main, prop, c.scenes)
			if o.Clean != c.clean {
				t.Fatalf("clean = %v, want %v; conflicts %+v", o.Clean, c.clean, o.Conflicts)
			}
			if !c.clean {
				if len(o.Conflicts) != 1 || o.Conflicts[0].Scene != "INT. CAR - DAY" {
					t.Fatalf("conflicts %+v, want one in INT. CAR - DAY", o.Conflicts)
				}
				return
			}
			want := apply(t, script, append(append([]edit(nil), c.main...), c.want...)...)
			if o.Text != want {
				t.Fatalf("accepted:\n%s\nwant:\n%s", o.Text, want)
			}
		})
	}
}

// TestAcceptScenesAddedAndCut takes a scene the proposal added, and leaves
// a cut the proposal made in another scene.
func TestAcceptScenesAddedAndCut(t *testing.T) {
	added := "INT. DINER - NIGHT\n\nWill eats pie alone.\n\n"
	prop := apply(t, script, edit{"EXT. PIER - DUSK\n", added + "EXT. PIER - DUSK\n"}, edit{"Edward pours coffee.\n\n", ""})
	// In the proposal: 1 KITCHEN, 2 RIVER, 3 CAR, 4 DINER, 5 PIER.
	o := AcceptScenes(script, script, prop, []int{4})
	if want := apply(t, script, edit{"EXT. PIER - DUSK\n", added + "EXT. PIER - DUSK\n"}); !o.Clean || o.Text != want {
		t.Fatalf("taking the added scene:\n%s\nwant:\n%s", o.Text, want)
	}
	o = AcceptScenes(script, script, prop, []int{1})
	if want := apply(t, script, edit{"Edward pours coffee.\n\n", ""}); !o.Clean || o.Text != want {
		t.Fatalf("taking the cut in scene 1:\n%s\nwant:\n%s", o.Text, want)
	}
}

func TestRebase(t *testing.T) {
	cases := []struct {
		name           string
		main, proposal []edit
		clean          bool
	}{
		// Main moved on elsewhere: the proposal is carried onto it.
		{"main changed another scene", []edit{kitchen, pier}, []edit{river}, true},
		{"main took the same change", []edit{river}, []edit{river}, true},
		// Main changed the lines the proposal changed: needs an update.
		{"main changed the same line", []edit{{"brown and slow", "brown and cold"}}, []edit{river}, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			main, prop := apply(t, script, c.main...), apply(t, script, c.proposal...)
			got, clean := Rebase(script, main, prop)
			if clean != c.clean {
				t.Fatalf("clean = %v, want %v", clean, c.clean)
			}
			if !clean {
				if got != prop {
					t.Fatalf("an unclean rebase changed the proposal:\n%s", got)
				}
				return
			}
			all := append(append([]edit(nil), c.main...), c.proposal...)
			if c.name == "main took the same change" {
				all = c.main
			}
			if want := apply(t, script, all...); got != want {
				t.Fatalf("rebased:\n%s\nwant:\n%s", got, want)
			}
			// Rebasing again onto the same main changes nothing more.
			again, clean := Rebase(main, main, got)
			if !clean || again != got {
				t.Fatalf("second rebase = %v:\n%s", clean, again)
			}
		})
	}
}

// TestMergeKeepsBothSides merges every way of sharing out edits to the four
// scenes: in each scene main, the proposal, both alike, both differently or
// neither changed it. The merge must hold every edit of both sides, with a
// conflict exactly in the scenes changed differently, and each resolution
// must hold the side chosen there and every clean edit elsewhere.
func TestMergeKeepsBothSides(t *testing.T) {
	type sceneEdits struct{ a, b edit }
	scenes := []sceneEdits{
		{kitchen, edit{"Edward pours coffee.", "Edward drinks tea."}},
		{river, edit{"The water is brown and slow.", "The water is clear."}},
		{car, edit{"Sandra drives. Nobody speaks.", "Will drives. Sandra sleeps."}},
		{pier, edit{"Every story has a fish in it.", "Every fish has a story in it."}},
	}
	const (
		none = iota
		mainOnly
		proposalOnly
		both
		differ
		ways
	)
	merges := 0
	for n := 0; n < ways*ways*ways*ways; n++ {
		var main, prop []edit
		var takeMain, takeProp []edit // the text each resolution should give
		var differing int
		for k, code := 0, n; k < len(scenes); k, code = k+1, code/ways {
			sc := scenes[k]
			switch code % ways {
			case mainOnly:
				main = append(main, sc.a)
				takeMain, takeProp = append(takeMain, sc.a), append(takeProp, sc.a)
			case proposalOnly:
				prop = append(prop, sc.b)
				takeMain, takeProp = append(takeMain, sc.b), append(takeProp, sc.b)
			case both:
				main, prop = append(main, sc.a), append(prop, sc.a)
				takeMain, takeProp = append(takeMain, sc.a), append(takeProp, sc.a)
			case differ:
				main, prop = append(main, sc.a), append(prop, sc.b)
				takeMain, takeProp = append(takeMain, sc.a), append(takeProp, sc.b)
				differing++
			}
		}
		mainText, propText := apply(t, script, main...), apply(t, script, prop...)
		o := MergeProposal(script, mainText, propText)
		merges++
		if len(o.Conflicts) != differing || o.Clean != (differing == 0) {
			t.Fatalf("share %d: %d conflicts (clean %v), want %d", n, len(o.Conflicts), o.Clean, differing)
		}
		for _, side := range []struct {
			choice Choice
			want   string
		}{{TakeMain, apply(t, script, takeMain...)}, {TakeProposal, apply(t, script, takeProp...)}} {
			choices := map[int]Choice{}
			for i := range o.Conflicts {
				choices[i] = side.choice
			}
			got, err := Resolve(o, choices)
			if err != nil {
				t.Fatalf("share %d: %v", n, err)
			}
			if got != side.want {
				t.Fatalf("share %d resolved:\n%s\nwant:\n%s", n, got, side.want)
			}
		}
	}
	t.Logf("%d merges, each resolved both ways", merges)
}

// TestMergeBigFish merges proposals into a feature-length script: edits in
// scenes far apart merge cleanly and keep both, edits to one speech
// conflict in that scene, and an outdated proposal rebases when it can.
func TestMergeBigFish(t *testing.T) {
	base := string(corpus.Read(t, "fountain", "samples", "big-fish.fountain"))
	mainEdit := edit{"Call it luck.  Call it grace.", "Call it luck.  Call it fate."}
	propEdit := edit{"EXT.  THE ROAD - DAY\n", "EXT.  THE ROAD - DAWN\n"}
	clash := edit{"I didn't put any stock into such speculation", "I never believed such speculation"}
	main := apply(t, base, mainEdit)

	o := MergeProposal(base, main, apply(t, base, propEdit))
	if want := apply(t, base, mainEdit, propEdit); !o.Clean || o.Text != want {
		t.Fatalf("clean merge: clean %v, %d conflicts, text equal %v", o.Clean, len(o.Conflicts), o.Text == want)
	}
	rebased, clean := Rebase(base, main, apply(t, base, propEdit))
	if !clean || rebased != o.Text {
		t.Fatal("rebase onto main's edit is not the merge")
	}

	theirs := apply(t, base, edit{"I didn't put any stock into such speculation", "I put no stock in such speculation"}, propEdit)
	o = MergeProposal(base, apply(t, main, clash), theirs)
	if len(o.Conflicts) != 1 || o.Conflicts[0].Scene != "INT.  WILL'S BEDROOM - NIGHT (1973)" {
		t.Fatalf("conflicts %+v, want one in WILL'S BEDROOM", o.Conflicts)
	}
	got, err := Resolve(o, map[int]Choice{0: TakeProposal})
	if err != nil {
		t.Fatal(err)
	}
	if want := apply(t, theirs, mainEdit); got != want {
		t.Fatal("taking the proposal's speech did not keep main's other edit and the proposal's scene")
	}
	if _, clean := Rebase(base, apply(t, main, clash), theirs); clean {
		t.Fatal("a proposal clashing with main rebased cleanly")
	}
}

// TestResolveChangedOutcome: an outcome whose text no longer holds its
// conflicts (edited on the way, or from another merge) is refused, never
// resolved to a text that lost lines.
func TestResolveChangedOutcome(t *testing.T) {
	main := apply(t, script, edit{"brown and slow", "brown and cold"})
	prop := apply(t, script, edit{"brown and slow", "green and fast"})
	o := MergeProposal(script, main, prop)
	all := map[int]Choice{0: TakeMain}
	cases := []struct {
		name   string
		change func(o *MergeOutcome)
	}{
		{"markers removed", func(o *MergeOutcome) { o.Text = strings.ReplaceAll(o.Text, "=======\n", "") }},
		{"text replaced", func(o *MergeOutcome) { o.Text = script }},
		{"main side edited in the text", func(o *MergeOutcome) { o.Text = strings.Replace(o.Text, "brown and cold", "brown and warm", 1) }},
		{"region edited", func(o *MergeOutcome) { o.Conflicts[0].Proposal = "Something else.\n" }},
		{"conflicts dropped", func(o *MergeOutcome) { o.Conflicts = nil }},
		{"a conflict added", func(o *MergeOutcome) { o.Conflicts = append(o.Conflicts, o.Conflicts[0]) }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			changed := MergeOutcome{Clean: o.Clean, Text: o.Text, Conflicts: append([]Region(nil), o.Conflicts...)}
			c.change(&changed)
			choices := all
			if len(changed.Conflicts) == 2 {
				choices = map[int]Choice{0: TakeMain, 1: TakeMain}
			}
			if got, err := Resolve(changed, choices); !errors.Is(err, ErrBadOutcome) {
				t.Fatalf("Resolve = %q, %v; want ErrBadOutcome", got, err)
			}
		})
	}
}

func TestAcceptChanges(t *testing.T) {
	added := edit{"Every story has a fish in it.\n", "Every story has a fish in it.\n\nINT. DINER - NIGHT\n\nWill eats pie alone.\n"}
	cut := edit{"Edward pours coffee.\n\n", ""}
	prop := apply(t, script, cut, river, car, added)
	changes := diff.Compare(script, prop, diff.Options{}).Changes
	if len(changes) != 4 {
		t.Fatalf("%d changes, want 4 (cut, river, car, diner): %+v", len(changes), changes)
	}
	pick := func(idx ...int) []diff.Change {
		var out []diff.Change
		for _, i := range idx {
			out = append(out, changes[i])
		}
		return out
	}
	cases := []struct {
		name  string
		main  []edit
		pick  []diff.Change
		want  []edit // the proposal's edits taken
		clean bool
		err   error
	}{
		// Changes picked one by one, in any order.
		{"one change", nil, pick(1), []edit{river}, true, nil},
		{"a cut", nil, pick(0), []edit{cut}, true, nil},
		{"an added scene", nil, pick(3), []edit{added}, true, nil},
		{"two, in reverse order", nil, pick(2, 0), []edit{cut, car}, true, nil},
		{"all", nil, pick(0, 1, 2, 3), []edit{cut, river, car, added}, true, nil},
		{"none", nil, nil, nil, true, nil},
		// Main's own edits are kept; a clash conflicts.
		{"main changed another scene", []edit{car}, pick(1), []edit{river}, true, nil},
		{"main changed the same line", []edit{{"brown and slow", "brown and cold"}}, pick(1), nil, false, nil},
		// Changes from another comparison.
		{"the same change twice", nil, pick(1, 1), nil, false, ErrBadChange},
		{"lines past the base", nil, []diff.Change{{LeftStart: 40, LeftEnd: 41, RightStart: 1, RightEnd: 1}}, nil, false, ErrBadChange},
		{"lines past the proposal", nil, []diff.Change{{LeftStart: 1, LeftEnd: 1, RightStart: 60, RightEnd: 60}}, nil, false, ErrBadChange},
		{"crossed changes", nil, []diff.Change{{LeftStart: 1, LeftEnd: 1, RightStart: 5, RightEnd: 5}, {LeftStart: 3, LeftEnd: 3, RightStart: 1, RightEnd: 1}}, nil, false, ErrBadChange},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			main := apply(t, script, c.main...)
			o, err := AcceptChanges(script, main, prop, c.pick)
			if c.err != nil {
				if !errors.Is(err, c.err) {
					t.Fatalf("AcceptChanges = %v, want %v", err, c.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if o.Clean != c.clean {
				t.Fatalf("clean %v, want %v: %+v", o.Clean, c.clean, o.Conflicts)
			}
			if !c.clean {
				return
			}
			if want := apply(t, script, append(append([]edit(nil), c.main...), c.want...)...); o.Text != want {
				t.Fatalf("accepted:\n%s\nwant:\n%s", o.Text, want)
			}
		})
	}
}
