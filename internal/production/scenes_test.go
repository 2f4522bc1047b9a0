package production

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// script builds a Fountain script of scenes, each "NAME" a heading
// "INT. NAME - DAY" and a line of action naming it; "NAME#n" gives the
// heading its own number.
func script(scenes ...string) string {
	var b strings.Builder
	for _, sc := range scenes {
		name, num, _ := strings.Cut(sc, "#")
		fmt.Fprintf(&b, "INT. %s - DAY", name)
		if num != "" {
			fmt.Fprintf(&b, " #%s#", num)
		}
		fmt.Fprintf(&b, "\n\nThe %s is quiet until somebody walks in.\n\n", strings.ToLower(name))
	}
	return b.String()
}

// numbered lists a draft's scenes as "number heading status".
func numbered(d *Draft) []string {
	var out []string
	for _, s := range d.Scenes {
		h := strings.TrimSuffix(strings.TrimPrefix(s.Heading, "INT. "), " - DAY")
		out = append(out, s.Number+" "+h+" "+string(s.Status))
	}
	return out
}

func TestLockSceneNumbers(t *testing.T) {
	tests := []struct {
		name      string
		base, new string
		want      []string
	}{
		// Nothing changed: the numbers BASE printed.
		{"same", script("A", "B", "C"), script("A", "B", "C"),
			[]string{"1 A kept", "2 B kept", "3 C kept"}},

		// New scenes take the letters after the scene before them.
		{"insert after", script("A", "B", "C"), script("A", "B", "NEW", "C"),
			[]string{"1 A kept", "2 B kept", "2A NEW new", "3 C kept"}},
		{"two inserted", script("A", "B"), script("A", "X", "Y", "B"),
			[]string{"1 A kept", "1A X new", "1B Y new", "2 B kept"}},
		{"at the end", script("A", "B"), script("A", "B", "Z"),
			[]string{"1 A kept", "2 B kept", "2A Z new"}},
		// Before scene 1: the letters go before the number.
		{"before the first", script("A", "B"), script("X", "Y", "A", "B"),
			[]string{"A1 X new", "B1 Y new", "1 A kept", "2 B kept"}},
		// After an A-scene of the locked draft: its next letter.
		{"after 12A", script("L#12", "M#12A", "N#13"), script("L", "M", "X", "N"),
			[]string{"12 L kept", "12A M kept", "12B X new", "13 N kept"}},
		// Between 12 and 12A: the letter before 12A (see the package doc).
		{"between 12 and 12A", script("L#12", "M#12A", "N#13"), script("L", "X", "M", "N"),
			[]string{"12 L kept", "A12A X new", "12A M kept", "13 N kept"}},

		// A cut scene stays as OMITTED where it was.
		{"delete", script("A", "B", "C"), script("A", "C"),
			[]string{"1 A kept", "2 OMITTED omitted", "3 C kept"}},
		{"delete the last", script("A", "B", "C"), script("A", "B"),
			[]string{"1 A kept", "2 B kept", "3 OMITTED omitted"}},
		{"delete the first", script("A", "B", "C"), script("B", "C"),
			[]string{"1 OMITTED omitted", "2 B kept", "3 C kept"}},
		// An omitted number is never given again.
		{"replace", script("A", "B", "C"), script("A", "X", "C"),
			[]string{"1 A kept", "1A X new", "2 OMITTED omitted", "3 C kept"}},

		// A changed heading or body is still the same scene.
		{"heading changed", script("A", "B", "C"), strings.Replace(script("A", "B", "C"), "INT. B - DAY", "EXT. B - NIGHT", 1),
			[]string{"1 A kept", "2 B revised", "3 C kept"}},
		{"body changed", script("A", "B", "C"), strings.Replace(script("A", "B", "C"), "The b is quiet", "The b is loud", 1),
			[]string{"1 A kept", "2 B revised", "3 C kept"}},
		// What does not print is no revision of the pages: a synopsis or a note of its own.
		{"synopsis added", script("A", "B", "C"), strings.Replace(script("A", "B", "C"), "INT. B - DAY\n", "INT. B - DAY\n\n= The b wakes up.\n\n[[Check the b.]]\n", 1),
			[]string{"1 A kept", "2 B kept", "3 C kept"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := Lock(tt.base, tt.new, Options{})
			got := numbered(d)
			for i := range got { // "EXT. B - NIGHT" reads as "B" here
				got[i] = strings.Replace(got[i], "EXT. B - NIGHT", "B", 1)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("scenes\n got %q\nwant %q\ntext:\n%s", got, tt.want, d.Text)
			}
		})
	}
}

func TestLockWritesNumbers(t *testing.T) {
	d := Lock(script("A", "B", "C"), script("A", "X", "C"), Options{})
	want := "INT. A - DAY #1#\n\nThe a is quiet until somebody walks in.\n\n" +
		"INT. X - DAY #1A#\n\nThe x is quiet until somebody walks in.\n\n" +
		".OMITTED #2#\n\n" +
		"INT. C - DAY #3#\n\nThe c is quiet until somebody walks in.\n\n"
	if d.Text != want {
		t.Errorf("text\n%s\nwant\n%s", d.Text, want)
	}
	// The new scene and the OMITTED heading are marked; A and C are not.
	var marked []int
	for l := 1; l <= strings.Count(d.Text, "\n")+1; l++ {
		if d.Marks[l] {
			marked = append(marked, l)
		}
	}
	if want := []int{5, 7, 9}; !reflect.DeepEqual(marked, want) {
		t.Errorf("marked lines %v, want %v", marked, want)
	}
}

func TestNewNumbers(t *testing.T) {
	taken := map[string]bool{"12": true, "12A": true, "13": true, "1": true}
	tests := []struct {
		prev, next string
		n          int
		want       []string
	}{
		{"12", "13", 1, []string{"A13"}}, // 12A is taken
		{"12A", "13", 2, []string{"12B", "12C"}},
		{"", "1", 2, []string{"A1", "B1"}},
		{"13", "", 1, []string{"13A"}},
		{"", "", 2, []string{"1", "2"}},
		{"12Z", "", 2, []string{"12AA", "12AB"}}, // as spreadsheet columns count
	}
	for _, tt := range tests {
		if got := newNumbers(tt.prev, tt.next, tt.n, taken); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("newNumbers(%q, %q, %d) = %q, want %q", tt.prev, tt.next, tt.n, got, tt.want)
		}
	}
	if got := letterSuffix(27); got != "AA" {
		t.Errorf("letterSuffix(27) = %q", got)
	}
}

// The title page is not a page of the script: a field cut from it or
// changed in it marks nothing, and the first page is not revised for it.
func TestLockLeavesTitlePageOut(t *testing.T) {
	title := "Title: **Big Fish**\nAuthor: John August\nNotes:\n\tFINAL DRAFT\n\tand omitted scenes\nFoo: test\nBar: test\n\n"
	body := "This is a Southern story.\n\n" + script("A", "B")
	base := title + body
	for name, next := range map[string]string{
		"fields cut":   strings.Replace(title, "Foo: test\nBar: test\n", "", 1) + body,
		"field edited": strings.Replace(title, "John August", "Daniel Wallace", 1) + body,
		"title gone":   body,
	} {
		t.Run(name, func(t *testing.T) {
			d := Lock(base, next, Options{})
			if len(d.Rows) != 0 {
				t.Errorf("marked rows %v, want none", d.Rows)
			}
			for _, p := range d.Pages {
				if p.Revised {
					t.Errorf("page %s revised", p.Label)
				}
			}
			if got, want := numbered(d), []string{"1 A kept", "2 B kept"}; !reflect.DeepEqual(got, want) {
				t.Errorf("scenes %q, want %q", got, want)
			}
		})
	}
	// A change on the first page after the title page is still marked.
	d := Lock(base, strings.Replace(base, "Southern story", "Southern tale", 1), Options{})
	if len(d.Rows) == 0 || !d.Pages[0].Revised {
		t.Errorf("a changed first line left page 1 unmarked: rows %v", d.Rows)
	}
}
