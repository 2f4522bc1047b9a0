package diff_test

import (
	"fmt"

	"github.com/scriptroom/scriptroom/internal/diff"
)

func ExampleUnified() {
	a := "INT. HOUSE - DAY\nBob waits.\nHe sits.\n"
	b := "INT. HOUSE - DAY\nBob waits by the door.\nHe sits.\n"
	fmt.Print(diff.Unified("a/scene.fountain", "b/scene.fountain", a, b, 3))
	// Output:
	// --- a/scene.fountain
	// +++ b/scene.fountain
	// @@ -1,3 +1,3 @@
	//  INT. HOUSE - DAY
	// -Bob waits.
	// +Bob waits by the door.
	//  He sits.
}

func ExampleLines() {
	a := "BOB\nWhere were you?\n"
	b := "BOB\nWhere were you last night?\n"
	r := diff.Lines(a, b, diff.Options{})
	for _, row := range r.Rows {
		fmt.Println(row.Kind, row.LeftLine, row.RightLine, row.RightElement)
		for _, s := range row.Segments {
			fmt.Printf("  %s %q\n", s.Kind, s.Text)
		}
	}
	// Output:
	// equal 1 1 character
	// change 2 2 dialogue
	//   equal "Where were you"
	//   insert " last night"
	//   equal "?"
}

func ExampleMerge() {
	base := "INT. HOUSE - DAY\n\nBob waits.\n\nALICE\nHello.\n"
	ours := "INT. HOUSE - NIGHT\n\nBob waits.\n\nALICE\nHello.\n"
	theirs := "INT. HOUSE - DAY\n\nBob waits.\n\nALICE\nHello, Bob.\n"
	m := diff.Merge(base, ours, theirs)
	fmt.Print(m.Text)
	fmt.Println(m.Clean)
	// Output:
	// INT. HOUSE - NIGHT
	//
	// Bob waits.
	//
	// ALICE
	// Hello, Bob.
	// true
}

func ExampleScenes() {
	a := "INT. A - DAY\n\nALICE\nOne.\n\nINT. B - DAY\n\nTwo.\n\nBOB\nI said it first, you know.\n"
	b := "INT. B - DAY\n\nTwo.\n\nALICE\nI said it first, you know.\n\nINT. A - DAY\n\nALICE\nOne.\n"
	s := diff.Scenes(a, b)
	for _, c := range s.Changes {
		fmt.Println(c.Kind, c.NewHeading)
	}
	for _, r := range s.Reassigned {
		fmt.Printf("%s -> %s: %s\n", r.From, r.To, r.Text)
	}
	// Output:
	// modified INT. B - DAY
	// moved INT. A - DAY
	// BOB -> ALICE: I said it first, you know.
}
