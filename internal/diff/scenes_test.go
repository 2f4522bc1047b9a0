package diff

import (
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/scriptroom/scriptroom/internal/corpus"
	"github.com/scriptroom/scriptroom/internal/fountain"
)

// TestElements: the diff sees the Fountain parser's elements with their
// source lines.
func TestElements(t *testing.T) {
	src := "Title: Test\nAuthor: Me\n\n" + // title page, skipped
		"INT. HOUSE - DAY #1A#\n\n" +
		"A man enters.\nHe sits.\n\n" +
		"EDWARD (V.O.)\n(quietly)\nHello there.\nSecond line.\n\n" +
		"BOB ^\nHi.\n\n" +
		"@McCLANE\nYippee.\n\n" +
		"CUT TO:\n\n" +
		"int/ext car - night\n\n" +
		".FLASHBACK\n\n" +
		"# Act Two\n= Synopsis here\n[[A note]]\n\n" +
		"> THE END <\n\n===\n\n~La la la\n\nINTERIOR is not a heading.\n"
	type el struct {
		typ  fountain.ElementType
		text string
		line int
	}
	want := []el{
		{fountain.SceneHeading, "INT. HOUSE - DAY", 4},
		{fountain.Action, "A man enters.\nHe sits.", 6},
		{fountain.Character, "EDWARD", 9},
		{fountain.Parenthetical, "(quietly)", 10},
		{fountain.Dialogue, "Hello there.\nSecond line.", 11},
		{fountain.Character, "BOB", 14},
		{fountain.Dialogue, "Hi.", 15},
		{fountain.Character, "McCLANE", 17},
		{fountain.Dialogue, "Yippee.", 18},
		{fountain.Transition, "CUT TO:", 20},
		{fountain.SceneHeading, "int/ext car - night", 22},
		{fountain.SceneHeading, "FLASHBACK", 24},
		{fountain.Section, "Act Two", 26},
		{fountain.Synopsis, "Synopsis here", 27},
		{fountain.Note, "A note", 28},
		{fountain.Centered, "THE END", 30},
		{fountain.PageBreak, "", 32},
		{fountain.Lyrics, "La la la", 34},
		{fountain.Action, "INTERIOR is not a heading.", 36},
	}
	got := fountain.Parse(src).Elements
	if len(got) != len(want) {
		t.Fatalf("got %d elements, want %d: %+v", len(got), len(want), got)
	}
	for i, w := range want {
		g := got[i]
		if g.Type != w.typ || g.Text != w.text || g.Line != w.line {
			t.Errorf("element %d: got %s %q line %d, want %s %q line %d", i, g.Type, g.Text, g.Line, w.typ, w.text, w.line)
		}
	}
	if got[0].SceneNumber != "1A" || got[2].Extension != "V.O." || !got[5].Dual || !got[7].Forced || got[12].Depth != 1 {
		t.Errorf("attributes: %+v %+v %+v %+v %+v", got[0], got[2], got[5], got[7], got[12])
	}
}

func TestScenesSmall(t *testing.T) {
	base := "INT. A - DAY\n\nAlpha one.\nAlpha two.\n\n" +
		"INT. B - DAY\n\nBravo one.\n\nBOB\nBravo says a long thing here.\n\n" +
		"INT. C - DAY\n\nCharlie one.\nCharlie two.\n\n" +
		"INT. D - DAY\n\nDelta one.\nDelta two.\nDelta three.\n"
	tests := []struct {
		name string
		b    string
		want string // kinds in order, by new heading (or old for removed)
	}{
		{"identical", base, ""},
		{"added", base + "\nINT. E - DAY\n\nEcho.\n", "added INT. E - DAY"},
		{"removed", strings.Replace(base, "INT. C - DAY\n\nCharlie one.\nCharlie two.\n\n", "", 1), "removed INT. C - DAY"},
		{"modified", strings.Replace(base, "Delta two.", "Delta 2.", 1), "modified INT. D - DAY +1-1"},
		{"moved", strings.Replace(base, "INT. A - DAY\n\nAlpha one.\nAlpha two.\n\n", "", 1) + "\nINT. A - DAY\n\nAlpha one.\nAlpha two.\n",
			"moved INT. A - DAY"},
		{"rewritten", strings.Replace(base, "Charlie one.\nCharlie two.", "Something else entirely.\nNothing like it was.\nAt all, really.", 1),
			"rewritten INT. C - DAY +3-2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := Scenes(base, tt.b)
			var got []string
			for _, c := range s.Changes {
				h := c.NewHeading
				if c.Kind == SceneRemoved {
					h = c.OldHeading
				}
				d := ""
				if c.Kind == SceneModified || c.Kind == SceneRewritten {
					d = fmt.Sprintf(" +%d-%d", c.LinesAdded, c.LinesRemoved)
				}
				got = append(got, fmt.Sprintf("%s %s%s", c.Kind, h, d))
			}
			if g := strings.Join(got, ", "); g != tt.want {
				t.Fatalf("got %q, want %q", g, tt.want)
			}
		})
	}
}

// bigFishEdit is the Big Fish sample with four edits made in code: one scene
// moved, one rewritten, one speech reassigned, one character renamed.
type bigFishEdit struct {
	a, b                       string
	moved, rewritten           string // headings
	reassignedText, from, to   string
	renameFrom, renameTo       string
	renamedScenes, otherScenes map[string]bool // headings of scenes the rename or the reassignment touch
}

func makeBigFishEdit(t testing.TB) bigFishEdit {
	t.Helper()
	a := string(corpus.Read(t, "fountain", "samples", "big-fish.fountain"))
	d := newDoc(a)
	headingCount := map[string]int{}
	for _, s := range d.scenes {
		headingCount[s.heading]++
	}
	lines := d.lines
	e := bigFishEdit{a: a, renameFrom: "KARL", renameTo: "GORDON", from: "WILL", to: "SANDRA",
		renamedScenes: map[string]bool{}, otherScenes: map[string]bool{}}
	sceneText := func(i int) string { return strings.Join(lines[d.scenes[i].start:d.scenes[i].end], "") }
	mentions := func(i int) bool { return strings.Contains(strings.ToUpper(sceneText(i)), "KARL") }

	// Pick, by rule, scenes with unique headings, no Karl, and some substance.
	var picks []int
	for i := 5; i < len(d.scenes) && len(picks) < 3; i++ {
		if headingCount[d.scenes[i].heading] == 1 && !mentions(i) && len(d.scenes[i].body) >= 8 && i%7 == 0 {
			picks = append(picks, i)
		}
	}
	if len(picks) < 3 {
		t.Fatalf("could not pick scenes: %v", picks)
	}
	move, rewrite, reassign := picks[0], picks[1], picks[2]
	e.moved, e.rewritten = d.scenes[move].heading, d.scenes[rewrite].heading

	// The speech to reassign: WILL's first long speech in its scene.
	var sp *speechInfo
	for k := range d.speeches {
		s := &d.speeches[k]
		if s.scene == reassign && s.character == "WILL" && len(d.speechText(*s)) > 30 {
			sp = s
			break
		}
	}
	if sp == nil {
		for k := range d.speeches {
			s := &d.speeches[k]
			if s.scene >= reassign && s.character == "WILL" && len(d.speechText(*s)) > 30 && !mentions(s.scene) && s.scene != move && s.scene != rewrite {
				sp = s
				break
			}
		}
	}
	if sp == nil {
		t.Fatal("no speech of WILL to reassign")
	}
	e.reassignedText = d.speechText(*sp)
	e.otherScenes[d.scenes[sp.scene].heading] = true

	out := append([]string(nil), lines...)
	// Reassign: the cue line says SANDRA.
	out[sp.line] = strings.Replace(out[sp.line], "WILL", "SANDRA", 1)
	// Rewrite: keep the heading, replace the body.
	s := d.scenes[rewrite]
	body := "\nA new scene takes its place here.\n\nSANDRA\nNothing of what was written before survives this draft.\n\nShe walks out into the rain.\n\n"
	for l := s.start + 1; l < s.end; l++ {
		out[l] = ""
	}
	out[s.start+1] = body
	// Rename throughout, in cues and in action.
	for i, l := range out {
		n := strings.ReplaceAll(strings.ReplaceAll(l, "KARL", "GORDON"), "Karl", "Gordon")
		if n != l {
			e.renamedScenes[d.scenes[d.lineScn[i]].heading] = true
		}
		out[i] = n
	}
	// Move: cut the scene and put it back three scenes later.
	m := d.scenes[move]
	chunk := strings.Join(out[m.start:m.end], "")
	dest := d.scenes[move+3].end
	var sb strings.Builder
	for i, l := range out {
		if i == dest {
			sb.WriteString(chunk)
		}
		if i >= m.start && i < m.end {
			continue
		}
		sb.WriteString(l)
	}
	e.b = sb.String()
	return e
}

// TestScenesBigFishConstructed: the summary reports each edit as what it is.
func TestScenesBigFishConstructed(t *testing.T) {
	e := makeBigFishEdit(t)
	r := Compare(e.a, e.b, Options{Timeout: -1})
	s := *r.Summary

	if s.Count(SceneAdded) != 0 || s.Count(SceneRemoved) != 0 {
		t.Errorf("added %d, removed %d, want none", s.Count(SceneAdded), s.Count(SceneRemoved))
	}
	var moved, rewritten, modified []string
	for _, c := range s.Changes {
		switch c.Kind {
		case SceneMoved:
			moved = append(moved, c.NewHeading)
		case SceneRewritten:
			rewritten = append(rewritten, c.NewHeading)
		case SceneModified:
			modified = append(modified, c.NewHeading)
		}
	}
	if len(moved) != 1 || moved[0] != e.moved {
		t.Errorf("moved %q, want [%q]", moved, e.moved)
	}
	if len(rewritten) != 1 || rewritten[0] != e.rewritten {
		t.Errorf("rewritten %q, want [%q]", rewritten, e.rewritten)
	}
	var wantModified []string
	for h := range e.renamedScenes {
		wantModified = append(wantModified, h)
	}
	for h := range e.otherScenes {
		wantModified = append(wantModified, h)
	}
	sort.Strings(wantModified)
	sort.Strings(modified)
	if strings.Join(modified, "|") != strings.Join(wantModified, "|") {
		t.Errorf("modified scenes:\n got %q\nwant %q", modified, wantModified)
	}
	if len(s.Reassigned) != 1 || s.Reassigned[0].From != e.from || s.Reassigned[0].To != e.to || s.Reassigned[0].Text != e.reassignedText {
		t.Errorf("reassigned %+v, want one %s -> %s", s.Reassigned, e.from, e.to)
	}
	if len(s.Renamed) != 1 || s.Renamed[0].From != e.renameFrom || s.Renamed[0].To != e.renameTo || s.Renamed[0].Speeches != 13 {
		t.Errorf("renamed %+v, want KARL -> GORDON over 13 speeches", s.Renamed)
	}
	if s.OldScenes != s.NewScenes || s.Unchanged != s.OldScenes-len(s.Changes) {
		t.Errorf("counts: %d old, %d new, %d unchanged, %d changes", s.OldScenes, s.NewScenes, s.Unchanged, len(s.Changes))
	}

	// The reassigned cue is a change row on a character element, with word
	// segments, attached to a Change that names the character element.
	found := false
	for _, c := range r.Changes {
		for k := c.FirstRow; k <= c.LastRow; k++ {
			row := r.Rows[k]
			if row.LeftText == "WILL" && row.RightText == "SANDRA" {
				found = true
				if row.Kind != RowChange || row.LeftElement != fountain.Character || row.RightElement != fountain.Character {
					t.Errorf("reassigned cue row %+v", row)
				}
				if len(row.Segments) != 2 || row.Segments[0].Kind != SegmentDelete || row.Segments[1].Kind != SegmentInsert {
					t.Errorf("segments %+v", row.Segments)
				}
				hasCue := false
				for _, el := range c.Elements {
					hasCue = hasCue || (el.Type == fountain.Character && el.Character == "SANDRA" && el.Side == "right")
				}
				if !hasCue {
					t.Errorf("change %+v does not name the cue", c)
				}
			}
		}
	}
	if !found {
		t.Error("no row for the reassigned cue")
	}
	checkRows(t, e.a, e.b, r)
}

// FuzzSplit: parsing never panics and its elements lie inside the
// text, in order, without overlapping.
func FuzzSplit(f *testing.F) {
	f.Add("INT. HOUSE - DAY\n\nBOB\n(beat)\nHi.\n")
	f.Add("Title: x\n\n.FORCED\n\n@bob\nhey\r\n")
	f.Add("#\n=\n>\n~\n[[]]\n===\n")
	f.Fuzz(func(t *testing.T, s string) {
		n := len(SplitLines(s))
		last := 0
		for _, e := range fountain.Parse(s).Elements {
			if e.Line <= last || e.EndLine < e.Line || e.EndLine > n {
				t.Fatalf("element %+v out of place (previous ended at %d, %d lines)", e, last, n)
			}
			last = e.EndLine
		}
		_ = Scenes(s, s+"\nINT. X - DAY\n")
	})
}

func TestElementsTitlePage(t *testing.T) {
	tests := []struct {
		name  string
		src   string
		first fountain.ElementType // type of the first element
		line  int
	}{
		{"title page", "Title: X\nAuthor: Y\n\nINT. A - DAY\n", fountain.SceneHeading, 4},
		{"upper-case key", "TITLE: X\n\nINT. A - DAY\n", fountain.SceneHeading, 3},
		{"opening transition is no title page", "FADE IN:\n\nINT. A - DAY\n", fountain.Action, 1},
		{"no title page", "INT. A - DAY\n\nAction.\n", fountain.SceneHeading, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			els := fountain.Parse(tt.src).Elements
			if len(els) == 0 || els[0].Type != tt.first || els[0].Line != tt.line {
				t.Fatalf("elements %+v, want first %s at line %d", els, tt.first, tt.line)
			}
		})
	}
}
