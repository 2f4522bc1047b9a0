package diff

import (
	"hash/maphash"
	"reflect"
	"strings"
	"testing"
	"unicode"

	"github.com/scriptroom/scriptroom/internal/corpus"
)

// normHash and the speech keys are shortcuts for hashing normalize's text:
// they must agree with it on every kind of white space.
func TestNormHashIsHashOfNormalize(t *testing.T) {
	cases := []string{
		// ASCII, normal already
		"INT. HOUSE - DAY", "a", "He walks in. She looks up.",
		// runs of spaces, tabs, ends
		"He walks in.  She looks up.", "  lead", "trail  ", "a\tb", "a \t b", "a   b    c",
		// Unicode: curly quotes and dashes (not space), and spaces that are
		"It’s — fine", "non\u00a0breaking", "em\u2003space", "ideo\u3000graphic", "ogham\u1680mark", "next\u0085line",
		"line\u2028sep", "curly ’  and  double", "é  é", "\u00a0\u00a0lead",
		// invalid UTF-8 is kept byte for byte
		"bad \xff byte", "bad\xe2\x80 cut",
		// runs of spaces across the eight-byte words normHash reads, next to
		// '!' (which the word-at-a-time space test may mistake for a space)
		"abcdefg  hijklmno", "abcdefgh  ijklmnop", "abcdef !  ! xyz  abc", "a!      !b!!  !!c", "1234567 !!!!!!!! z",
		// long lines past the stack buffer
		strings.Repeat("word  ", 200), strings.Repeat("mot’ ", 200),
	}
	// And every string of up to 10 bytes over 'a', ' ' and '!'.
	var gen func(string)
	gen = func(p string) {
		cases = append(cases, p)
		if len(p) < 10 {
			for _, c := range []string{"a", " ", "!"} {
				gen(p + c)
			}
		}
	}
	gen("")
	for _, s := range cases {
		want := normalize(s)
		if strings.TrimSpace(want) != want || strings.Contains(want, "  ") || strings.ContainsFunc(want, func(r rune) bool { return unicode.IsSpace(r) && r != ' ' }) {
			t.Errorf("normalize(%q) = %q, not normalized", s, want)
		}
		h, ok := normHash(s)
		if ok != (want != "") {
			t.Errorf("normHash(%q) ok = %v, normalize gives %q", s, ok, want)
		}
		if ok && h != maphash.String(hashSeed, want) {
			t.Errorf("normHash(%q) is not the hash of %q", s, want)
		}
		if got := isNormal(strings.TrimSpace(s)); got != (strings.TrimSpace(s) == want) {
			t.Errorf("isNormal(%q) = %v, normalize gives %q", s, got, want)
		}
	}
}

// A speech's key is the hash of the text speechText builds, and its rune
// count that text's length, whatever white space the dialogue holds.
func TestSpeechKeyMatchesSpeechText(t *testing.T) {
	src := "INT. ROOM - DAY\n\nBOB\nHello  there,\tfriend.\n(beat)\nIt’s\u00a0late — go\u3000home.\n\nALICE\nFine.\n"
	d := newDoc(src)
	if len(d.speeches) != 2 {
		t.Fatalf("got %d speeches, want 2", len(d.speeches))
	}
	var h maphash.Hash
	for _, sp := range d.speeches {
		text := d.speechText(sp)
		key, runes := d.speechKey(sp, &h)
		if key != maphash.String(hashSeed, text) {
			t.Errorf("%s: key is not the hash of %q", sp.character, text)
		}
		if n := len([]rune(text)); runes != n {
			t.Errorf("%s: runes = %d, text %q has %d", sp.character, runes, text, n)
		}
	}
	if got, want := d.speechText(d.speeches[0]), "Hello there, friend. It’s late — go home."; got != want {
		t.Errorf("speech text = %q, want %q", got, want)
	}
}

// The scene summary settles the scenes the line diff leaves unchanged
// without matching them by content: it must come out as when every scene is
// matched by content, on corpus revisions and on edited copies.
func TestSummaryFromLineDiffAgrees(t *testing.T) {
	bigFish := string(corpus.Read(t, "fountain", "samples", "big-fish.fountain"))
	pairs := [][2]string{
		{bigFish, editFraction(bigFish, 0.05, 42)},
		{bigFish, editFraction(bigFish, 0.2, 7)},
		{string(corpus.Read(t, "versions", "beat-big-fish", "v1-2019-02-16-b09d5f4b.fountain")),
			string(corpus.Read(t, "versions", "beat-big-fish", "v2-2019-04-29-a3f24703.fountain"))},
	}
	crlf := strings.ReplaceAll(bigFish, "\n", "\r\n")
	pairs = append(pairs, [2]string{crlf, editFraction(bigFish, 0.05, 3)})
	for _, opts := range []Options{{}, {Ignore: Ignore{Notes: true, Boneyard: true}}, {Ignore: Ignore{Whitespace: true}}} {
		for k, p := range pairs {
			// Fresh docs for each summary: a doc keeps the hashes it made.
			docs := func() (da, db *doc, edits []Edit) {
				sa, sb, ignoreEOL, _ := prepare(p[0], p[1], opts)
				da, db = newDocSide(sa, opts.Ignore), newDocSide(sb, opts.Ignore)
				edits, _ = diffSkipping(sa.keys, sb.keys, sa.hidden, sb.hidden, ignoreEOL, limits{})
				return da, db, edits
			}
			da, db, _ := docs()
			want := summarize(da, db, nil)
			da, db, edits := docs()
			got := summarize(da, db, edits)
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%+v pair %d: summary from the line diff differs:\n got %+v\nwant %+v", opts, k, got, want)
			}
			if got.Unchanged == 0 {
				t.Errorf("%+v pair %d: no unchanged scene", opts, k)
			}
			// Every hash one side took from the other is its own line's.
			shared := 0
			for l := range db.lines {
				if db.hashed[l] {
					if h, _ := normHash(db.vis[l]); h != db.lineHash[l] {
						t.Fatalf("%+v pair %d: line %d %q has another line's hash", opts, k, l+1, db.vis[l])
					}
					shared++
				}
			}
			if shared == 0 {
				t.Errorf("%+v pair %d: no line of the right side was hashed", opts, k)
			}
		}
	}
}

// lineIDs numbers equal lines alike: byte for byte, or without line
// endings, where a last line without "\n" stays apart from the same text
// with one.
func TestLineIDs(t *testing.T) {
	a := []string{"a\n", "b\r\n", "a"}
	b := []string{"a\r\n", "a\n", "b\n", "a", "c\n"}
	for _, c := range []struct {
		ignoreEOL bool
		ia, ib    []int32
		n         int
	}{
		{false, []int32{0, 1, 2}, []int32{3, 0, 4, 2, 5}, 6},
		{true, []int32{0, 1, 2}, []int32{0, 0, 1, 2, 3}, 4},
	} {
		ia, ib, n := lineIDs(a, b, c.ignoreEOL)
		if !reflect.DeepEqual(ia, c.ia) || !reflect.DeepEqual(ib, c.ib) || n != c.n {
			t.Errorf("ignoreEOL %v: got %v %v %d, want %v %v %d", c.ignoreEOL, ia, ib, n, c.ia, c.ib, c.n)
		}
	}
}
