package review

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/scriptroom/scriptroom/internal/corpus"
	"github.com/scriptroom/scriptroom/internal/model"
)

// testRev is a well-formed revision id for anchors that only need a form.
const testRev = model.RevisionID("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")

// anchorAt anchors quote, at its nth copy (from 1) in text, counting lines
// by hand: an independent check of the package's line arithmetic.
func anchorAt(t testing.TB, text, quote string, nth int) Anchor {
	t.Helper()
	off := -1
	for i := 0; i < nth; i++ {
		j := strings.Index(text[off+1:], quote)
		if j < 0 {
			t.Fatalf("copy %d of %q not in text", nth, quote)
		}
		off += 1 + j
	}
	startLine := strings.Count(text[:off], "\n") + 1
	endLine := startLine + strings.Count(strings.TrimSuffix(quote, "\n"), "\n")
	return Anchor{Revision: testRev, StartLine: startLine, EndLine: endLine, Quote: quote}
}

// moveScene moves the scene starting at heading to just before the scene
// starting at before.
func moveScene(t testing.TB, text, heading, before string) string {
	t.Helper()
	i := strings.Index(text, heading)
	if i < 0 {
		t.Fatalf("no scene %q", heading)
	}
	j := i + len(heading)
	for j < len(text) {
		k := strings.Index(text[j:], "\n\n")
		if k < 0 {
			j = len(text)
			break
		}
		j += k + 2
		if strings.HasPrefix(text[j:], "INT.") || strings.HasPrefix(text[j:], "EXT.") {
			break
		}
	}
	scene := text[i:j]
	rest := text[:i] + text[j:]
	b := strings.Index(rest, before)
	if b < 0 {
		t.Fatalf("no scene %q", before)
	}
	return rest[:b] + scene + rest[b:]
}

func TestReanchor(t *testing.T) {
	inserted := replace(t, script, "INT. KITCHEN", "EXT. PORCH - DAWN\n\nA screen door bangs.\n\nINT. KITCHEN")
	cases := []struct {
		name    string
		old     string
		quote   string
		nth     int
		newText string
		// want is the quote as it reads in newText and its copy there; ""
		// when the comment is outdated.
		want    string
		wantNth int
	}{
		// Unchanged and shifted text.
		{"same text", script, "We should go to the river.", 1, script, "We should go to the river.", 1},
		{"insertions above", script, "We should go to the river.", 1, inserted, "We should go to the river.", 1},
		{"insertions above, two lines", script, "WILL\nThere is no fish in there.", 1, inserted, "WILL\nThere is no fish in there.", 1},
		{"insertions below", script, "Edward pours coffee.", 1,
			script + "\nEXT. ROAD - NIGHT\n\nHeadlights.\n", "Edward pours coffee.", 1},
		{"lines deleted above", script, "Every story has a fish in it.", 1,
			replace(t, script, "INT. CAR - DAY\n\nSandra drives. Nobody speaks.\n\n", ""), "Every story has a fish in it.", 1},
		{"part of a line", script, "brown and slow", 1, inserted, "brown and slow", 1},

		// Edits inside the quote: found by fuzzy matching.
		{"word changed", script, "The water is brown and slow.", 1,
			replace(t, script, "brown", "green"), "The water is green and slow.", 1},
		{"word inserted in a long quote", script, "Edward casts a line into the dark water.", 1,
			replace(t, script, "a line into the dark", "a long line into the dark"), "Edward casts a long line into the dark water.", 1},
		{"word changed in a long quote, lines inserted above", script, "Edward casts a line into the dark water.", 1,
			replace(t, inserted, "dark water", "black water"), "Edward casts a line into the black water.", 1},
		{"two-line quote with its second line edited", script, "EDWARD\nWe should go to the river.", 1,
			replace(t, script, "go to the river", "go down to the river"), "EDWARD\nWe should go down to the river.", 1},

		// Moved scenes.
		{"scene moved down", script, "There is no fish in there.", 1,
			moveScene(t, script, "EXT. RIVER", "EXT. PIER"), "There is no fish in there.", 1},
		{"scene moved up", script, "Sandra drives. Nobody speaks.", 1,
			moveScene(t, script, "INT. CAR", "INT. KITCHEN"), "Sandra drives. Nobody speaks.", 1},
		{"scene moved and edited", script, "Edward casts a line into the dark water.", 1,
			replace(t, moveScene(t, script, "EXT. PIER", "EXT. RIVER"), "the dark water", "the black water"), "Edward casts a line into the black water.", 1},

		// Repeated quotes: the copy nearest the old place.
		{"second copy of a repeated quote", script, "EDWARD", 2, inserted, "EDWARD", 2},
		{"first copy of a repeated quote", script, "EDWARD", 1, inserted, "EDWARD", 1},
		{"second copy after the first one was deleted", script, "EDWARD", 2,
			replace(t, script, "EDWARD\nWe should go to the river.\n\n", ""), "EDWARD", 1},

		// The quote is gone: outdated.
		{"line deleted", script, "The water is brown and slow.", 1,
			replace(t, script, "The water is brown and slow.\n\n", ""), "", 0},
		{"line rewritten", script, "Sandra drives. Nobody speaks.", 1,
			replace(t, script, "Sandra drives. Nobody speaks.", "Rain hammers the windshield of the old Buick."), "", 0},
		{"scene deleted", script, "Edward casts a line into the dark water.", 1,
			replace(t, script, "EXT. PIER - DUSK\n\nEdward casts a line into the dark water.\n\nEDWARD\nEvery story has a fish in it.\n", ""), "", 0},
		{"everything deleted", script, "EDWARD", 1, "", "", 0},
		{"repeated quote deleted where it was, kept elsewhere", script, "EDWARD", 2,
			replace(t, script, "EDWARD\nEvery story has a fish in it.\n", "Fade out.\n"), "", 0},
		{"line rewritten, a copy of the old line elsewhere", script + "\nINT. CAR - NIGHT\n\nSandra drives. Nobody speaks.\n", "Sandra drives. Nobody speaks.", 1,
			replace(t, script, "Sandra drives. Nobody speaks.", "Rain hammers the windshield of the old Buick.") + "\nINT. CAR - NIGHT\n\nSandra drives. Nobody speaks.\n", "", 0},

		// Line endings and Unicode.
		{"CRLF old text, LF new text", strings.ReplaceAll(script, "\n", "\r\n"), "WILL\r\nThere is no fish in there.", 1,
			inserted, "WILL\nThere is no fish in there.", 1},
		{"LF old text, CRLF new text", script, "We should go to the river.", 1,
			strings.ReplaceAll(inserted, "\n", "\r\n"), "We should go to the river.", 1},
		{"accents and emoji, edited", "INT. CAFÉ - JOUR\n\nAmélie sourit. ☕ Le café est prêt, dit-elle.\n", "Amélie sourit. ☕ Le café est prêt, dit-elle.", 1,
			"INT. CAFÉ - JOUR\n\nÉlodie arrive.\n\nAmélie sourit. ☕ Le thé est prêt, dit-elle.\n", "Amélie sourit. ☕ Le thé est prêt, dit-elle.", 1},
		{"CJK moved down", "INT. 部屋 - 夜\n\n彼は窓を開ける。\n", "彼は窓を開ける。", 1,
			"INT. 部屋 - 夜\n\n雨が降っている。\n\n彼は窓を開ける。\n", "彼は窓を開ける。", 1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a := anchorAt(t, c.old, c.quote, c.nth)
			got, ok := Reanchor(a, c.old, c.newText)
			if c.want == "" {
				if ok {
					t.Fatalf("found %q at lines %d-%d; want outdated", got.Quote, got.StartLine, got.EndLine)
				}
				if got != a {
					t.Fatalf("outdated anchor changed: %+v, want %+v", got, a)
				}
				return
			}
			if !ok {
				t.Fatalf("quote %q not found in the new text", c.quote)
			}
			want := anchorAt(t, strings.ReplaceAll(c.newText, "\r\n", "\n"), c.want, c.wantNth)
			if got != want {
				t.Fatalf("Reanchor = %+v\nwant        %+v", got, want)
			}
			if !utf8.ValidString(got.Quote) {
				t.Fatalf("quote %q split a character", got.Quote)
			}
			if err := ValidateComment(got, c.newText); err != nil {
				t.Fatalf("the re-anchored comment does not validate in the new text: %v", err)
			}
		})
	}
}

// TestReanchorChain re-anchors one comment through a run of revisions, as a
// script is edited over days, and checks it lands on the line each time.
func TestReanchorChain(t *testing.T) {
	texts := []string{script}
	edits := []struct{ old, new string }{
		{"INT. KITCHEN - MORNING\n", "EXT. PORCH - DAWN\n\nA screen door bangs.\n\nINT. KITCHEN - MORNING\n"},
		{"brown and slow", "brown and very slow"},
		{"INT. CAR - DAY\n\nSandra drives. Nobody speaks.\n\n", ""},
		{"The water is", "The river water is"},
	}
	for _, e := range edits {
		texts = append(texts, replace(t, texts[len(texts)-1], e.old, e.new))
	}
	a := anchorAt(t, script, "The water is brown and slow.", 1)
	for i := 1; i < len(texts); i++ {
		var ok bool
		a, ok = Reanchor(a, texts[i-1], texts[i])
		if !ok {
			t.Fatalf("revision %d: comment lost", i)
		}
		if err := ValidateComment(a, texts[i]); err != nil {
			t.Fatalf("revision %d: %v", i, err)
		}
	}
	if want := "The river water is brown and very slow."; a.Quote != want {
		t.Fatalf("after the chain the quote reads %q, want %q", a.Quote, want)
	}
	if want := anchorAt(t, texts[len(texts)-1], a.Quote, 1); a != want {
		t.Fatalf("anchor %+v, want %+v", a, want)
	}
}

func TestValidateComment(t *testing.T) {
	crlf := strings.ReplaceAll(script, "\n", "\r\n")
	at := func(quote string, nth int) Anchor { return anchorAt(t, script, quote, nth) }
	with := func(a Anchor, f func(*Anchor)) Anchor { f(&a); return a }
	cases := []struct {
		name string
		a    Anchor
		text string
		want error
	}{
		// Quotes that are there.
		{"one line", at("Edward pours coffee.", 1), script, nil},
		{"part of a line", at("pours", 1), script, nil},
		{"two lines", at("WILL\nThere is no fish in there.", 1), script, nil},
		{"last line", at("Every story has a fish in it.", 1), script, nil},
		{"wider range than the quote", with(at("pours", 1), func(a *Anchor) { a.StartLine--; a.EndLine += 2 }), script, nil},
		{"CRLF text, LF quote", at("WILL\nThere is no fish in there.", 1), crlf, nil},
		{"CRLF text, CRLF quote", with(at("WILL\nThere is no fish in there.", 1), func(a *Anchor) { a.Quote = "WILL\r\nThere is no fish in there." }), crlf, nil},

		// Quotes that are not there.
		{"quote on other lines", with(at("Edward pours coffee.", 1), func(a *Anchor) { a.StartLine, a.EndLine = 12, 12 }), script, ErrQuoteNotFound},
		{"the copy is on the next line", with(at("EDWARD", 2), func(a *Anchor) { a.StartLine, a.EndLine = 24, 24 }), script, ErrQuoteNotFound},
		{"text deleted meanwhile", at("Edward pours coffee.", 1), replace(t, script, "Edward pours coffee.", "Edward burns the toast."), ErrQuoteNotFound},
		{"quote overruns its lines", with(at("WILL\nThere is no fish in there.", 1), func(a *Anchor) { a.EndLine = a.StartLine }), script, ErrQuoteNotFound},

		// Anchors that do not fit the text.
		{"lines past the end", with(at("Every story has a fish in it.", 1), func(a *Anchor) { a.EndLine = 27 }), script, ErrBadAnchor},
		{"empty text", at("EDWARD", 1), "", ErrBadAnchor},

		// Malformed anchors.
		{"empty quote", with(at("EDWARD", 1), func(a *Anchor) { a.Quote = "" }), script, model.ErrBadComment},
		{"line 0", with(at("EDWARD", 1), func(a *Anchor) { a.StartLine = 0 }), script, model.ErrBadComment},
		{"end before start", with(at("EDWARD", 1), func(a *Anchor) { a.EndLine = a.StartLine - 1 }), script, model.ErrBadComment},
		{"no revision", with(at("EDWARD", 1), func(a *Anchor) { a.Revision = "" }), script, model.ErrBadComment},
		{"quote too long", with(at("EDWARD", 1), func(a *Anchor) { a.Quote = strings.Repeat("x", model.MaxQuote+1) }), script, model.ErrBadComment},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := ValidateComment(c.a, c.text)
			if c.want == nil {
				if err != nil {
					t.Fatalf("ValidateComment: %v", err)
				}
				return
			}
			if !errors.Is(err, c.want) {
				t.Fatalf("ValidateComment = %v, want %v", err, c.want)
			}
		})
	}
}

// bigFishEdits is a day of rewriting on Big Fish: a new opening scene, a
// line of dialogue reworded, a scene cut from the middle, and a scene moved.
func bigFishEdits(t testing.TB, text string) string {
	t.Helper()
	text = replace(t, text, "**FADE IN:**\n", "**FADE IN:**\n\nEXT. ASHTON - DAY\n\nA town sign, faded by the sun.\n\nEDWARD (V.O.)\nEvery town has a story.\n")
	text = replace(t, text, "Call it luck.  Call it grace.", "Call it luck.  Call it fate.")
	text = replace(t, text, "INT.  BIG TOP - NIGHT\n", "INT.  CIRCUS TENT - NIGHT\n")
	return text
}

func TestReanchorBigFish(t *testing.T) {
	old := string(corpus.Read(t, "fountain", "samples", "big-fish.fountain"))
	cut := "EXT.  OLYMPIA CIRCUS - NIGHT\n\n...where the second-rate carnival is parked"
	i := strings.Index(old, cut)
	if i < 0 {
		t.Fatalf("Big Fish has no %q", cut)
	}
	end := i + strings.Index(old[i:], "INT.  BIG TOP - NIGHT")
	edited := bigFishEdits(t, old[:i]+old[end:])
	cases := []struct {
		quote, want string // want "" when outdated
	}{
		// Untouched text far below the edits.
		{"Edward is bigger than life, describing each detail with absolute conviction.", "Edward is bigger than life, describing each detail with absolute conviction."},
		{"Past a tempting lure, sparkling in the sun.", "Past a tempting lure, sparkling in the sun."},
		// Text edited inside the quote.
		{"Call it luck.  Call it grace.  One such fish was The Beast.", "Call it luck.  Call it fate.  One such fish was The Beast."},
		{"INT.  BIG TOP - NIGHT", "INT.  CIRCUS TENT - NIGHT"},
		// Text in the cut scene.
		{"I had just left Ashton, and was on my way to discover my destiny.", ""},
		{"...where the second-rate carnival is parked for the moment in an Alabama field.", ""},
	}
	for _, c := range cases {
		a := anchorAt(t, old, c.quote, 1)
		got, ok := Reanchor(a, old, edited)
		switch {
		case c.want == "" && ok:
			t.Errorf("%.30q: found %q at line %d in the cut text; want outdated", c.quote, got.Quote, got.StartLine)
		case c.want == "":
		case !ok:
			t.Errorf("%.30q: lost", c.quote)
		default:
			if want := anchorAt(t, edited, c.want, 1); got != want {
				t.Errorf("%.30q: Reanchor = lines %d-%d %q, want lines %d-%d %q", c.quote, got.StartLine, got.EndLine, got.Quote, want.StartLine, want.EndLine, want.Quote)
			}
		}
	}
}

// BenchmarkReanchorFeature re-anchors comments spread over a feature-length
// script (Big Fish, about 4,600 lines) after a day of edits.
func BenchmarkReanchorFeature(b *testing.B) {
	old := string(corpus.Read(b, "fountain", "samples", "big-fish.fountain"))
	edited := bigFishEdits(b, old)
	lines := strings.Split(old, "\n")
	var anchors []Anchor
	for l := 40; l < len(lines) && len(anchors) < 20; l += len(lines) / 20 {
		for lines[l] == "" {
			l++
		}
		anchors = append(anchors, Anchor{Revision: testRev, StartLine: l + 1, EndLine: l + 1, Quote: lines[l]})
	}
	anchors = append(anchors, anchorAt(b, old, "Call it luck.  Call it grace.  One such fish was The Beast.", 1))
	b.ResetTimer()
	found := 0
	for i := 0; i < b.N; i++ {
		for _, a := range anchors {
			if _, ok := Reanchor(a, old, edited); ok {
				found++
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*len(anchors)), "µs/comment")
	b.ReportMetric(float64(found)/float64(b.N*len(anchors)), "found/comment")
}

// FuzzReanchor quotes a piece of one text and re-anchors it in another:
// it must never panic, an outdated anchor comes back unchanged, and a
// found one quotes whole characters that ValidateComment finds at its
// lines in the new text.
func FuzzReanchor(f *testing.F) {
	f.Add(script, apply(f, script, river, car), 120, 40)
	f.Add(script, moveScene(f, script, "EXT. RIVER", "EXT. PIER"), 200, 26)
	f.Add(strings.ReplaceAll(script, "\n", "\r\n"), script, 10, 300)
	f.Add("INT. CAFÉ\n\nAmélie ☕ sourit.\n", "INT. CAFÉ\n\nAmélie ☕☕ sourit.\n", 12, 9)
	f.Add("a\nb\nc", "c\nb\na", 2, 3)
	f.Add("", script, 0, 0)
	f.Add("\n\n", script, 1, 1)
	f.Add(script, "", 5, 5)
	f.Fuzz(func(t *testing.T, old, new string, at, n int) {
		if !utf8.ValidString(old) || !utf8.ValidString(new) || len(old) > 1<<14 || len(new) > 1<<14 {
			t.Skip()
		}
		a := Anchor{Revision: testRev, StartLine: 1 + abs(at)%9, EndLine: 9, Quote: "EDWARD"} // a quote from elsewhere
		if old != "" {
			s := runeStart(old, abs(at)%len(old))
			e := runeEnd(old, min(s+1+abs(n)%model.MaxQuote, len(old)))
			a = anchorAt(t, old, old[s:e], 1)
		}
		got, ok := Reanchor(a, old, new)
		if !ok {
			if got != a {
				t.Fatalf("outdated anchor changed: %+v", got)
			}
			return
		}
		if !utf8.ValidString(got.Quote) || got.Quote == "" {
			t.Fatalf("quote %q", got.Quote)
		}
		if got.Revision != a.Revision {
			t.Fatalf("revision changed to %s", got.Revision)
		}
		if len(got.Quote) <= model.MaxQuote {
			if err := ValidateComment(got, new); err != nil {
				t.Fatalf("re-anchored %+v does not validate: %v", got, err)
			}
		}
		if old == new && lfOnly(a.Quote) == a.Quote && (got.StartLine != a.StartLine || got.Quote != a.Quote) {
			t.Fatalf("unchanged text moved the anchor: %+v, want %+v", got, a)
		}
	})
}
