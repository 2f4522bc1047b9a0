package pdf

import (
	"reflect"
	"sort"
	"testing"
)

func TestChangedLines(t *testing.T) {
	tests := []struct {
		name          string
		base, current string
		want          []int
	}{
		// No change.
		{"equal", "a\nb\n", "a\nb\n", nil},
		{"both empty", "", "", nil},

		// Inserted and changed lines are marked, on the current side.
		{"insert in the middle", "a\nc\n", "a\nb\nc\n", []int{2}},
		{"insert at the end", "a\n", "a\nb\nc\n", []int{2, 3}},
		{"change", "a\nb\nc\n", "a\nB\nc\n", []int{2}},
		{"from nothing", "", "a\nb\n", []int{1, 2}},

		// Deleted lines are not printed, so nothing is marked for them.
		{"delete", "a\nb\nc\n", "a\nc\n", nil},
		{"to nothing", "a\n", "", nil},

		// A change and a deletion together mark only the changed line.
		{"change and delete", "a\nb\nc\nd\n", "a\nB\nd\n", []int{2}},
	}
	for _, tt := range tests {
		got := ChangedLines(tt.base, tt.current)
		var lines []int
		for l, ok := range got {
			if ok {
				lines = append(lines, l)
			}
		}
		sort.Ints(lines)
		if !reflect.DeepEqual(lines, tt.want) {
			t.Errorf("%s: %v, want %v", tt.name, lines, tt.want)
		}
	}
}

func TestRevisionColors(t *testing.T) {
	got := RevisionColors()
	want := []string{"White", "Blue", "Pink", "Yellow", "Green", "Goldenrod", "Buff", "Salmon", "Cherry",
		"Double White", "Double Blue", "Double Pink", "Double Yellow", "Double Green", "Double Goldenrod", "Double Buff", "Double Salmon", "Double Cherry"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("RevisionColors() = %q", got)
	}
	got[0] = "Black" // the caller's copy
	if RevisionColors()[0] != "White" {
		t.Error("RevisionColors shares its slice")
	}
}

func TestNextColor(t *testing.T) {
	def := RevisionColors()
	short := []string{"White", "Blue", "Pink"}
	tests := []struct {
		order   []string
		current string
		want    string
	}{
		// The default order.
		{def, "", "White"},
		{def, "White", "Blue"},
		{def, "blue", "Pink"},
		{def, " Cherry ", "Double White"},
		{def, "Double Blue", "Double Pink"},
		{def, "Double Cherry", "Triple White"},
		{def, "Triple White", "Triple Blue"},
		{def, "Triple Cherry", "Quadruple White"},
		{def, "Mauve", "White"},

		// A studio's own order goes round the same way.
		{short, "White", "Blue"},
		{short, "Pink", "Double White"},
		{short, "double white", "Double Blue"},
		{short, "Double Pink", "Triple White"},
		{[]string{"Gold"}, "Gold", "Double Gold"},
		{nil, "Blue", ""},
	}
	for _, tt := range tests {
		if got := NextColor(tt.order, tt.current); got != tt.want {
			t.Errorf("NextColor(%q, %q) = %q, want %q", tt.order, tt.current, got, tt.want)
		}
	}
}

func TestColorName(t *testing.T) {
	tests := []struct {
		name, want string
		ok         bool
	}{
		{"blue", "Blue", true},
		{"DOUBLE WHITE", "Double White", true},
		{" goldenrod ", "Goldenrod", true},
		{"mauve", "", false},
		{"", "", false},
	}
	for _, tt := range tests {
		got, ok := ColorName(RevisionColors(), tt.name)
		if got != tt.want || ok != tt.ok {
			t.Errorf("ColorName(%q) = %q, %v; want %q, %v", tt.name, got, ok, tt.want, tt.ok)
		}
	}
}
