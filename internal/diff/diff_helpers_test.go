package diff

import (
	"encoding/json"
	"flag"
	"fmt"
	"math/rand"
	"reflect"
	"strconv"
	"strings"
	"testing"
)

var (
	long   = flag.Bool("long", false, "run the long property runs (100,000 pairs, larger texts)")
	seed   = flag.Int64("seed", 1, "seed of the random property tests")
	update = flag.Bool("update", false, "rewrite the golden files under testdata/")
)

// applyUnified applies a unified diff to a strictly: every context and
// deleted line must match at the hunk's stated position. It is the test's
// own reader of the format, independent of the writer.
func applyUnified(a, patch string) (string, error) {
	if patch == "" {
		return a, nil
	}
	src := SplitLines(a)
	pl := SplitLines(patch)
	if len(pl) < 2 || !strings.HasPrefix(pl[0], "--- ") || !strings.HasPrefix(pl[1], "+++ ") {
		return "", fmt.Errorf("missing file headers")
	}
	var out []string
	pos := 0 // next source line to copy
	for i := 2; i < len(pl); {
		h := strings.TrimSuffix(pl[i], "\n")
		var as, bs string
		if _, err := fmt.Sscanf(h, "@@ -%s +%s @@", &as, &bs); err != nil {
			return "", fmt.Errorf("line %d: bad hunk header %q", i+1, h)
		}
		aStart, aCount, err := parseRange(as)
		if err != nil {
			return "", err
		}
		_, bCount, err := parseRange(bs)
		if err != nil {
			return "", err
		}
		from := aStart - 1
		if aCount == 0 {
			from = aStart
		}
		if from < pos || from > len(src) {
			return "", fmt.Errorf("hunk %q out of order", h)
		}
		out = append(out, src[pos:from]...)
		pos = from
		i++
		na, nb := 0, 0
		for i < len(pl) && (na < aCount || nb < bCount) {
			l := pl[i]
			body := l[1:]
			if i+1 < len(pl) && strings.HasPrefix(pl[i+1], "\\") {
				body = strings.TrimSuffix(body, "\n")
				i++
			}
			switch l[0] {
			case ' ', '-':
				if pos >= len(src) || src[pos] != body {
					return "", fmt.Errorf("hunk %q: line %d does not match", h, pos+1)
				}
				pos++
				na++
				if l[0] == ' ' {
					out = append(out, body)
					nb++
				}
			case '+':
				out = append(out, body)
				nb++
			default:
				return "", fmt.Errorf("bad hunk line %q", l)
			}
			i++
		}
		if na != aCount || nb != bCount {
			return "", fmt.Errorf("hunk %q: counted %d,%d lines", h, na, nb)
		}
	}
	out = append(out, src[pos:]...)
	return strings.Join(out, ""), nil
}

func parseRange(s string) (start, count int, err error) {
	st, c, ok := strings.Cut(s, ",")
	count = 1
	if ok {
		if count, err = strconv.Atoi(c); err != nil {
			return 0, 0, err
		}
	}
	start, err = strconv.Atoi(st)
	return start, count, err
}

// applyEdits replays an edit script on a's lines and returns the right text.
func applyEdits(a, b string, edits []Edit) (string, error) {
	la, lb := SplitLines(a), SplitLines(b)
	var out []string
	pa, pb := 0, 0
	for _, e := range edits {
		if e.LeftStart != pa || e.RightStart != pb {
			return "", fmt.Errorf("edit %+v does not continue at %d,%d", e, pa, pb)
		}
		switch e.Kind {
		case EditEqual:
			if e.LeftEnd-e.LeftStart != e.RightEnd-e.RightStart {
				return "", fmt.Errorf("equal edit %+v of unequal sizes", e)
			}
			out = append(out, la[e.LeftStart:e.LeftEnd]...)
		case EditInsert:
			if e.LeftEnd != e.LeftStart {
				return "", fmt.Errorf("insert %+v deletes", e)
			}
			out = append(out, lb[e.RightStart:e.RightEnd]...)
		case EditDelete:
			if e.RightEnd != e.RightStart {
				return "", fmt.Errorf("delete %+v inserts", e)
			}
		}
		pa, pb = e.LeftEnd, e.RightEnd
	}
	if pa != len(la) || pb != len(lb) {
		return "", fmt.Errorf("edits end at %d,%d of %d,%d lines", pa, pb, len(la), len(lb))
	}
	return strings.Join(out, ""), nil
}

// vocabulary mixes scripts, emoji, combining marks and Fountain lines.
var vocabulary = []string{
	"INT. HOUSE - DAY", "EXT. RIVER - NIGHT", "EDWARD", "WILL (V.O.)", "(quietly)",
	"He looks at the river.", "Café crème, s'il vous plaît.", "Ça va?", "日本語のせりふ",
	"Привет, мир", "שלום", "مرحبا", "🐟 big fish 🎣", "e\u0301te\u0301", "👩‍👩‍👧", "",
	"  ", "\t", "CUT TO:", "> THE END <", "# Act One", "= a synopsis", "[[a note]]",
	"The Beast swims past a dangling hook.", "Past a swiping bear claw.", "Gold.",
	"\x00nul", "\u2028sep", "tab\there", "trailing space ", "\xff\xfe invalid UTF-8", "cut \xe2\x82",
}

// randomText makes a text of up to n lines with random endings.
func randomText(r *rand.Rand, n int) string {
	var sb strings.Builder
	lines := r.Intn(n + 1)
	crlf := r.Intn(3) == 0
	for i := 0; i < lines; i++ {
		sb.WriteString(randomLine(r))
		if i == lines-1 && r.Intn(3) == 0 {
			break // no final newline
		}
		if crlf || r.Intn(20) == 0 {
			sb.WriteString("\r\n")
		} else {
			sb.WriteString("\n")
		}
	}
	return sb.String()
}

func randomLine(r *rand.Rand) string {
	k := 1 + r.Intn(3)
	parts := make([]string, k)
	for i := range parts {
		parts[i] = vocabulary[r.Intn(len(vocabulary))]
	}
	return strings.Join(parts, " ")
}

// mutate edits a text: deletes, inserts and replaces lines, edits words,
// flips line endings and the final newline.
func mutate(r *rand.Rand, a string) string {
	lines := SplitLines(a)
	edits := r.Intn(6)
	for e := 0; e < edits; e++ {
		i := 0
		if len(lines) > 0 {
			i = r.Intn(len(lines) + 1)
		}
		switch op := r.Intn(6); {
		case op == 0 && i < len(lines):
			lines = append(lines[:i], lines[i+1:]...)
		case op == 1:
			lines = append(lines[:i], append([]string{randomLine(r) + "\n"}, lines[i:]...)...)
		case op == 2 && i < len(lines):
			w := strings.Fields(lineText(lines[i]))
			if len(w) > 0 {
				w[r.Intn(len(w))] = vocabulary[r.Intn(len(vocabulary))]
			}
			lines[i] = strings.Join(w, " ") + lines[i][len(lineText(lines[i])):]
		case op == 3 && i < len(lines):
			if strings.HasSuffix(lines[i], "\r\n") {
				lines[i] = strings.TrimSuffix(lines[i], "\r\n") + "\n"
			} else if strings.HasSuffix(lines[i], "\n") {
				lines[i] = strings.TrimSuffix(lines[i], "\n") + "\r\n"
			}
		case op == 4 && len(lines) > 0:
			last := len(lines) - 1
			if hasNewline(lines[last]) {
				lines[last] = lineText(lines[last])
			} else {
				lines[last] += "\n"
			}
		default:
			lines = append(lines[:i], append([]string{randomLine(r) + "\r\n", "\n"}, lines[i:]...)...)
		}
	}
	// A line without "\n" may only be last.
	for i := 0; i+1 < len(lines); i++ {
		if !hasNewline(lines[i]) {
			lines[i] += "\n"
		}
	}
	return strings.Join(lines, "")
}

// checkPair asserts every property of one comparison of a and b.
func checkPair(t testing.TB, a, b string) {
	t.Helper()
	for _, opts := range []Options{{Timeout: -1}, {IgnoreLineEndings: true, Timeout: -1}} {
		r := Lines(a, b, opts)
		ea, eb := a, b
		if opts.IgnoreLineEndings || len(r.Notices) > 0 {
			// Line endings set aside: the script rebuilds b but for them.
			ea, eb = strings.ReplaceAll(a, "\r\n", "\n"), strings.ReplaceAll(b, "\r\n", "\n")
		}
		if got, err := applyEdits(ea, eb, r.Edits); err != nil || got != eb {
			t.Fatalf("edit script does not rebuild b (err %v)\na=%q\nb=%q\nedits=%+v", err, a, b, r.Edits)
		}
		checkRows(t, a, b, r)
		checkCompareView(t, a, b, opts)
	}
	u := Unified("a", "b", a, b, -1)
	got, err := applyUnified(a, u)
	if err != nil || got != b {
		t.Fatalf("unified diff does not rebuild b (err %v)\na=%q\nb=%q\npatch:\n%s", err, a, b, u)
	}
	if (u == "") != (a == b) {
		t.Fatalf("unified diff empty=%v for equal=%v", u == "", a == b)
	}
}

// checkRows asserts the rows list each side's lines once, in order, and that
// change rows' segments spell both sides.
func checkRows(t testing.TB, a, b string, r *Result) {
	t.Helper()
	la, lb := SplitLines(a), SplitLines(b)
	na, nb := 0, 0
	for k, row := range r.Rows {
		if row.LeftLine != 0 {
			if row.LeftLine != na+1 || row.LeftText != lineText(la[na]) {
				t.Fatalf("row %d: left line %d %q, want %d %q", k, row.LeftLine, row.LeftText, na+1, lineText(la[na]))
			}
			na++
		}
		if row.RightLine != 0 {
			if row.RightLine != nb+1 || row.RightText != lineText(lb[nb]) {
				t.Fatalf("row %d: right line %d %q, want %d %q", k, row.RightLine, row.RightText, nb+1, lineText(lb[nb]))
			}
			nb++
		}
		wantKind := RowChange
		switch {
		case row.LeftLine == 0:
			wantKind = RowInsert
		case row.RightLine == 0:
			wantKind = RowDelete
		}
		if row.Kind != RowEqual && row.Kind != wantKind {
			t.Fatalf("row %d: kind %s, want %s", k, row.Kind, wantKind)
		}
		if row.Kind == RowChange && len(row.Segments) > 0 {
			var l, rt strings.Builder
			for _, s := range row.Segments {
				if s.Kind != SegmentInsert {
					l.WriteString(s.Text)
				}
				if s.Kind != SegmentDelete {
					rt.WriteString(s.Text)
				}
			}
			if l.String() != row.LeftText || rt.String() != row.RightText {
				t.Fatalf("row %d: segments spell %q / %q, want %q / %q", k, l.String(), rt.String(), row.LeftText, row.RightText)
			}
		}
	}
	if na != len(la) || nb != len(lb) {
		t.Fatalf("rows cover %d/%d left and %d/%d right lines", na, len(la), nb, len(lb))
	}
	for _, c := range r.Changes {
		for k := c.FirstRow; k <= c.LastRow; k++ {
			if r.Rows[k].Kind == RowEqual {
				t.Fatalf("change %+v holds an equal row %d", c, k)
			}
		}
	}
	checkView(t, r)
}

// checkCompareView checks that the view made without rows is the view of
// the rows.
func checkCompareView(t testing.TB, a, b string, opts Options) {
	t.Helper()
	want := Compare(a, b, opts).View()
	if got := CompareView(a, b, opts); !reflect.DeepEqual(got, want) {
		gj, _ := json.Marshal(got)
		wj, _ := json.Marshal(want)
		t.Fatalf("CompareView differs from Compare(...).View()\na=%q\nb=%q\n got %s\nwant %s", a, b, gj, wj)
	}
}

// checkView checks that r packed for the compare view gives back its rows.
func checkView(t testing.TB, r *Result) {
	t.Helper()
	if got := r.View().Rows(); !reflect.DeepEqual(got, r.Rows) {
		for k := range min(len(got), len(r.Rows)) {
			if !reflect.DeepEqual(got[k], r.Rows[k]) {
				t.Fatalf("the view's row %d is %+v, want %+v", k, got[k], r.Rows[k])
			}
		}
		t.Fatalf("the view has %d rows, want %d", len(got), len(r.Rows))
	}
}
