package fdx

import (
	"regexp"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/scriptroom/scriptroom/internal/fountain"
)

// Title-page keys that have a place in Final Draft's title-page layout.
const (
	keyTitle     = "Title"
	keyCredit    = "Credit"
	keyAuthor    = "Author"
	keySource    = "Source"
	keyNotes     = "Notes"
	keyDraftDate = "Draft date"
	keyCopyright = "Copyright"
	keyContact   = "Contact"
)

// titleLine is one title-page paragraph: its alignment and its text with
// emphasis markup.
type titleLine struct {
	align string
	text  string
}

// titlePage reads the title page's paragraphs into fields.
func (rd *reader) titlePage(ps []xPara) []fountain.TitleField {
	lines := make([]titleLine, 0, len(ps))
	for i := range ps {
		lines = append(lines, titleLine{align: ps[i].Alignment, text: rd.runs(ps[i].Texts, "")})
	}
	fields := readTitle(lines)
	if len(fields) > 0 && !isExplicit(lines) {
		rd.rep.add(Approximated, "title-page fields inferred from their place on the page")
	}
	return fields
}

// keyLine matches a "Key: value" paragraph of an explicit title page: a key
// as fountain.Parse accepts one, at most 40 bytes.
var keyLine = lazyRegexp(`^(\pL[\pL\pN _'-]{0,39}):`)

func isExplicit(lines []titleLine) bool {
	n := 0
	for _, l := range lines {
		if l.text == "" {
			continue
		}
		if !keyLine().MatchString(l.text) {
			return false
		}
		n++
	}
	return n > 0
}

// readTitle turns title-page lines into fields. An explicit title page (each
// non-empty paragraph "Key: value") reads field by field. Otherwise the
// fields come from the layout Final Draft uses: consecutive non-empty
// paragraphs of one alignment form a block; the first centered block is the
// title, a centered "by"/"Written by" block the credit and the block after it
// the author, later centered blocks the source ("based on…", "story by…")
// or notes; right-aligned blocks the draft date;
// left-aligned blocks the copyright ("Copyright…", "©", "(c)…"), the draft date
// (with "draft", "revision" or a date), notes (prose: a line over 60
// characters) or the contact. A left block with a tab is two columns:
// contact on the left, draft date on the right. A centered "Key: value"
// block after the credit is that field, whatever the key; a left one only
// for the keys of the layout spelled as Write spells them. Fields come out in
// the order of the page.
func readTitle(lines []titleLine) []fountain.TitleField {
	if isExplicit(lines) {
		var fs []fountain.TitleField
		for _, l := range lines {
			if l.text == "" {
				continue
			}
			m := keyLine().FindStringSubmatchIndex(l.text)
			v := l.text[m[1]:]
			v = strings.TrimPrefix(v, " ")
			fs = append(fs, fountain.TitleField{Key: strings.TrimRight(l.text[m[2]:m[3]], " "), Value: v})
		}
		return fs
	}
	var fb fieldBuilder
	blocks := titleBlocks(lines)
	// The centered blocks take their keys from their place among the
	// centered blocks that are not "Key: value" lines; the first centered
	// block is always the title.
	// A centered line between the title and a credit ("by") is part of
	// the title, even when it looks like "Key: value" ('Pilot: "The Power
	// Betas"' under a series title); Write places no field there.
	credit := len(blocks)
	for i, b := range blocks {
		if b.align == "Center" && i > 0 && isCredit(b.text) {
			credit = i
			break
		}
	}
	var natural []int
	for i, b := range blocks {
		if b.align != "Center" {
			continue
		}
		if _, _, ok := explicitField(b.text, true); ok && len(natural) > 0 && (credit == len(blocks) || i > credit) {
			continue
		}
		natural = append(natural, i)
	}
	texts := make([]string, len(natural))
	for k, i := range natural {
		texts[k] = blocks[i].text
	}
	keys := map[int]string{}
	for k, key := range centeredKeys(texts) {
		keys[natural[k]] = key
	}
	for i, b := range blocks {
		switch b.align {
		case "Center":
			if key, ok := keys[i]; ok {
				fb.add(key, b.text, "\n")
			} else if k, v, ok := explicitField(b.text, true); ok {
				fb.add(k, v, "\n")
			}
		case "Right":
			fb.add(keyDraftDate, b.text, "\n")
		default:
			readLeft(&fb, b.text)
		}
	}
	return fb.fields
}

// fieldBuilder collects fields in the order first met; adding to a key
// already met appends to its value.
type fieldBuilder struct{ fields []fountain.TitleField }

func (fb *fieldBuilder) add(key, value, sep string) {
	for i := range fb.fields {
		if fb.fields[i].Key == key {
			fb.fields[i].Value += sep + value
			return
		}
	}
	fb.fields = append(fb.fields, fountain.TitleField{Key: key, Value: value})
}

// centeredKeys gives the keys of the centered blocks c, in order: the
// title, then a credit ("by", "Written by") with the author after it (or,
// without a credit, the author second), lines between the title and the
// credit belonging to the title; later blocks are the source ("based on…")
// or notes.
func centeredKeys(c []string) []string {
	keys := make([]string, len(c))
	if len(c) == 0 {
		return keys
	}
	credit := -1
	for i := 1; i < len(c); i++ {
		if isCredit(c[i]) {
			credit = i
			break
		}
	}
	rest := 2
	keys[0] = keyTitle
	switch {
	case credit > 0:
		for i := 1; i < credit; i++ {
			keys[i] = keyTitle
		}
		keys[credit] = keyCredit
		if credit+1 < len(c) {
			keys[credit+1] = keyAuthor
		}
		rest = credit + 2
	case len(c) > 1:
		keys[1] = keyAuthor
	}
	source := false
	for i := rest; i < len(c); i++ {
		if isSource(c[i]) && !source {
			keys[i], source = keySource, true
			continue
		}
		keys[i] = keyNotes
	}
	return keys
}

func (fb *fieldBuilder) has(key string) bool {
	for _, f := range fb.fields {
		if f.Key == key {
			return true
		}
	}
	return false
}

func readLeft(fb *fieldBuilder, text string) {
	if k, v, ok := explicitField(text, false); ok {
		fb.add(k, v, "\n")
		return
	}
	if isProse(text) {
		fb.add(keyNotes, text, "\n")
		return
	}
	if strings.Contains(text, "\t") {
		var left, right []string
		for _, l := range strings.Split(text, "\n") {
			a, b, _ := strings.Cut(l, "\t")
			if a = strings.TrimSpace(a); a != "" {
				left = append(left, a)
			}
			if b = strings.TrimSpace(b); b != "" {
				right = append(right, b)
			}
		}
		if len(left) > 0 {
			readLeft(fb, strings.Join(left, "\n"))
		}
		if len(right) > 0 {
			fb.add(keyDraftDate, strings.Join(right, "\n"), "\n")
		}
		return
	}
	switch {
	case isCopyright(text):
		fb.add(keyCopyright, text, "\n")
	case isDraftDate(text) && !fb.has(keyDraftDate):
		fb.add(keyDraftDate, text, "\n")
	default:
		fb.add(keyContact, text, "\n")
	}
}

// isProse reports whether a block holds a line too long for an address or a
// date (over 60 characters): a cast list or a writers' note, read as notes.
func isProse(text string) bool {
	for _, l := range strings.Split(fountain.Plain(text), "\n") {
		if utf8.RuneCountInString(l) > 60 {
			return true
		}
	}
	return false
}

// explicitField reads a "Key: value" block written where layout alone would
// not place the field. A key with a place in the layout counts only when
// spelled as Write spells it ("Notes", "Draft date"), so an ordinary
// "NOTE: …" line stays text; other keys count only when anyKey is set (in
// the centered area, where "Phone: …" or "Email: …" contact lines are not).
func explicitField(t string, anyKey bool) (key, value string, ok bool) {
	m := keyLine().FindStringSubmatchIndex(t)
	if m == nil {
		return "", "", false
	}
	key = strings.TrimRight(t[m[2]:m[3]], " ")
	if isLayoutKey(key) {
		if _, canonical := titleRank[key]; !canonical {
			return "", "", false
		}
	} else if !anyKey {
		return "", "", false
	}
	return key, strings.TrimPrefix(t[m[1]:], " "), true
}

// isLayoutKey reports whether key has a place in the layout, so a centered
// "Notes: …" block is notes text, not an explicit field.
func isLayoutKey(key string) bool {
	switch strings.ToLower(strings.TrimSpace(key)) {
	case "title", "credit", "author", "source", "notes", "draft date", "copyright", "contact":
		return true
	}
	return false
}

type titleBlock struct {
	align string // "Center", "Right" or "Left"
	text  string
}

func alignClass(a string) string {
	switch a {
	case "Center", "Right":
		return a
	}
	return "Left"
}

// titleBlocks groups consecutive non-empty lines of one alignment class.
func titleBlocks(lines []titleLine) []titleBlock {
	var out []titleBlock
	var texts [][]string
	prevEmpty := true
	for _, l := range lines {
		if strings.TrimSpace(l.text) == "" {
			prevEmpty = true
			continue
		}
		a := alignClass(l.align)
		if !prevEmpty && len(out) > 0 && out[len(out)-1].align == a {
			texts[len(texts)-1] = append(texts[len(texts)-1], l.text)
		} else {
			out = append(out, titleBlock{align: a})
			texts = append(texts, []string{l.text})
		}
		prevEmpty = false
	}
	for i := range out {
		out[i].text = strings.Join(texts[i], "\n")
	}
	return out
}

var (
	creditRe    = lazyRegexp(`(?i)^\W*((written|screenplay|teleplay|story|created|script|adapted|directed|an original screenplay)( \pL+)*? )?by\W*$`)
	sourceRe    = lazyRegexp(`(?i)\b(based on|story by|adapted from|inspired by|from the|suggested by|original)\b`)
	copyrightRe = lazyRegexp(`(?i)^\W*(copyright|©|\(c\))`)
	draftRe     = lazyRegexp(`(?i)(draft|revis|version|\b\d{1,4}[./-]\d{1,2}[./-]\d{1,4}\b|\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? +\d|\b\d{1,2} +(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|\b(19|20)\d\d\b)`)
)

func isCredit(t string) bool    { return len(t) < 60 && creditRe().MatchString(fountain.Plain(t)) }
func isSource(t string) bool    { return sourceRe().MatchString(fountain.Plain(t)) }
func isCopyright(t string) bool { return copyrightRe().MatchString(fountain.Plain(t)) }

// isDraftDate reports whether a left-aligned block reads as a draft or date
// line: short, and with "draft", "revision", "version" or a date in it.
func isDraftDate(t string) bool {
	p := fountain.Plain(t)
	return strings.Count(p, "\n") < 3 && draftRe().MatchString(p) && !strings.ContainsFunc(p, func(r rune) bool { return r == '@' }) && !hasPhone(p)
}

var phoneRe = lazyRegexp(`\d{3}\D{0,2}\d{3}\D?\d{4}|\+\d`)

func hasPhone(s string) bool { return phoneRe().MatchString(s) && !unicode.IsDigit(rune(s[0])) }

// lazyRegexp compiles a pattern on first use, so a program that links this
// package (every command of the CLI) does not pay for it at start-up.
func lazyRegexp(pattern string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(pattern) })
}
