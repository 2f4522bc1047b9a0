package fountain

import (
	"strings"
	"unicode"
)

// maxKeyLen bounds a title-page key, in bytes, so that a long first line of
// action that happens to hold a colon is not read as a key.
const maxKeyLen = 40

// knownTitleKeys are the title-page keys of the spec and common tools. An
// all-uppercase key must be one of them ("TITLE:"), so that a script opening
// with "FADE IN:" or "CUT TO:" has no title page; a key with a lowercase letter
// ("Draft date:") may be anything.
var knownTitleKeys = map[string]bool{
	"title": true, "credit": true, "author": true, "authors": true, "source": true,
	"draft date": true, "date": true, "contact": true, "contact info": true,
	"copyright": true, "notes": true, "revision": true, "watermark": true,
	"font": true, "tl": true, "tc": true, "tr": true, "cc": true, "bl": true,
	"br": true, "header": true, "footer": true,
}

// titleKey splits a "Key: value" line. It accepts the full-width colon too.
func titleKey(line string) (key, value string, ok bool) {
	i := strings.IndexByte(line, ':')
	w := 1
	if j := strings.Index(line, "："); j >= 0 && (i < 0 || j < i) {
		i, w = j, len("：")
	}
	if i <= 0 || i > maxKeyLen {
		return "", "", false
	}
	key = line[:i]
	lower := false
	for n, r := range key {
		switch {
		case unicode.IsLetter(r):
			lower = lower || unicode.IsLower(r)
		case n == 0:
			return "", "", false
		case unicode.IsDigit(r) || r == ' ' || r == '_' || r == '-' || r == '\'':
		default:
			return "", "", false
		}
	}
	key = strings.TrimRight(key, " ")
	if !lower && !knownTitleKeys[strings.ToLower(key)] {
		return "", "", false
	}
	return key, strings.TrimSpace(line[i+w:]), true
}

// parseTitlePage reads the title page at the start of lines, when the first
// non-blank line is a key line, and returns the fields and the index of the
// first line after the title page. The title page ends at the first blank
// line, or at the first line that is neither a key line nor indented. A value
// continues on the following indented lines ("Indenting is 3 or more spaces,
// or a tab"); a line of exactly two spaces is an empty line of the value. A
// key with nothing after its colon may also take unindented lines, until its
// first indented one, as Beat writes title pages.
func parseTitlePage(lines []srcLine) ([]TitleField, int) {
	start := 0
	for start < len(lines) && isBlank(lines[start].text) {
		start++
	}
	if start == len(lines) {
		return nil, 0
	}
	if _, _, ok := titleKey(lines[start].text); !ok {
		return nil, 0
	}
	var fields []TitleField
	var vals [][]string
	// bare is true while the current key has no value on its own line and
	// only unindented lines under it, as Beat writes them ("Contact:" then
	// "me@example.com"): there an unindented line continues the value too.
	bare := false
	i := start
	for ; i < len(lines) && !isBlank(lines[i].text); i++ {
		t := lines[i].text
		if k, v, ok := titleKey(t); ok {
			fields = append(fields, TitleField{Key: k})
			var vs []string
			if v != "" {
				vs = append(vs, v)
			}
			vals = append(vals, vs)
			bare = v == ""
			continue
		}
		indented := isTitleContinuation(t)
		if !indented && !bare {
			break // the title page ends; the line starts the script
		}
		bare = bare && !indented
		n := len(vals) - 1
		vals[n] = append(vals[n], strings.TrimSpace(t))
	}
	for n := range fields {
		fields[n].Value = strings.Join(vals[n], "\n")
	}
	return fields, i
}

// isTitleContinuation reports whether a title-page line continues the
// previous key's value: indented by a tab or three spaces, or the two-space
// line that stands for an empty line.
func isTitleContinuation(line string) bool {
	return line == twoSpaces || strings.HasPrefix(line, "\t") || strings.HasPrefix(line, "   ")
}
