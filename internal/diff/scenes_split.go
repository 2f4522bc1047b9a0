package diff

import (
	"strings"
	"unicode"

	"github.com/scriptroom/scriptroom/internal/fountain"
)

// elementSplitter finds a script's elements with their 1-based source lines.
// The package uses it through splitter only, so the small splitter below can
// be swapped for fountain.Parse when that lands (an adapter returning
// Script.Elements is all it takes).
type elementSplitter interface {
	Split(text string) []fountain.Element
}

// splitter is the element finder the package uses.
var splitter elementSplitter = lineSplitter{}

// lineSplitter is a small, self-contained Fountain reader that knows just
// enough for diffs: the title page (skipped), scene headings, character cues
// with their parentheticals and dialogue, transitions, centered text,
// sections, synopses, notes on their own line, page breaks, lyrics, and action
// for the rest. Boneyard and inline notes are not interpreted.
type lineSplitter struct{}

// Split implements elementSplitter.
func (lineSplitter) Split(text string) []fountain.Element {
	raw := splitLines(text)
	lines := make([]string, len(raw))
	for i, l := range raw {
		lines[i] = strings.TrimRight(lineText(l), " \t")
	}
	blank := func(i int) bool { return i < 0 || i >= len(lines) || strings.TrimSpace(lines[i]) == "" }

	els := make([]fountain.Element, 0, len(lines)/2+1)
	add := func(t fountain.ElementType, s string, from, to int) *fountain.Element {
		els = append(els, fountain.Element{Type: t, Text: s, Line: from + 1, EndLine: to + 1})
		return &els[len(els)-1]
	}

	i := titlePageEnd(lines)
	for i < len(lines) {
		l := strings.TrimSpace(lines[i])
		switch {
		case l == "":
			i++
			continue
		case len(l) >= 3 && strings.Trim(l, "=") == "":
			add(fountain.PageBreak, "", i, i)
		case strings.HasPrefix(l, "#"):
			t := strings.TrimLeft(l, "#")
			add(fountain.Section, strings.TrimSpace(t), i, i).Depth = len(l) - len(t)
		case strings.HasPrefix(l, "="):
			add(fountain.Synopsis, strings.TrimSpace(l[1:]), i, i)
		case strings.HasPrefix(l, "[[") && strings.HasSuffix(l, "]]"):
			add(fountain.Note, strings.TrimSpace(l[2:len(l)-2]), i, i)
		case strings.HasPrefix(l, ">") && strings.HasSuffix(l, "<"):
			add(fountain.Centered, strings.TrimSpace(l[1:len(l)-1]), i, i)
		case strings.HasPrefix(l, ">"):
			add(fountain.Transition, strings.TrimSpace(l[1:]), i, i).Forced = true
		case strings.HasPrefix(l, "~"):
			add(fountain.Lyrics, strings.TrimSpace(l[1:]), i, i).Forced = true
		case isHeading(l, blank(i-1)):
			heading, number := cutSceneNumber(l)
			e := add(fountain.SceneHeading, heading, i, i)
			e.SceneNumber = number
			if strings.HasPrefix(l, ".") {
				e.Forced = true
				e.Text = strings.TrimSpace(strings.TrimPrefix(heading, "."))
			}
		case blank(i-1) && blank(i+1) && isUpper(l) && strings.HasSuffix(l, "TO:"):
			add(fountain.Transition, l, i, i)
		case blank(i-1) && !blank(i+1) && isCue(l):
			i = speech(lines, i, add)
			continue
		default:
			start := i
			for !blank(i+1) && !startsElement(strings.TrimSpace(lines[i+1]), false) {
				i++
			}
			txt := make([]string, 0, i-start+1)
			for _, s := range lines[start : i+1] {
				txt = append(txt, strings.TrimSpace(s))
			}
			e := add(fountain.Action, strings.TrimPrefix(strings.Join(txt, "\n"), "!"), start, i)
			e.Forced = strings.HasPrefix(l, "!")
		}
		i++
	}
	return els
}

// speech adds a character cue at line i and the parentheticals and dialogue
// under it, up to the next blank line, and returns the line after them.
func speech(lines []string, i int, add func(fountain.ElementType, string, int, int) *fountain.Element) int {
	name, ext, dual, forced := parseCue(strings.TrimSpace(lines[i]))
	c := add(fountain.Character, name, i, i)
	c.Extension, c.Dual, c.Forced = ext, dual, forced
	i++
	for i < len(lines) && strings.TrimSpace(lines[i]) != "" {
		l := strings.TrimSpace(lines[i])
		if strings.HasPrefix(l, "(") && strings.HasSuffix(l, ")") {
			add(fountain.Parenthetical, l, i, i).Dual = dual
			i++
			continue
		}
		start := i
		txt := []string{l}
		for i+1 < len(lines) {
			n := strings.TrimSpace(lines[i+1])
			if n == "" || (strings.HasPrefix(n, "(") && strings.HasSuffix(n, ")")) {
				break
			}
			txt = append(txt, n)
			i++
		}
		add(fountain.Dialogue, strings.Join(txt, "\n"), start, i).Dual = dual
		i++
	}
	return i
}

// titlePageEnd returns the first line after the title page: when the text
// opens with a "Key: value" line, everything up to the first blank line. A
// key must have a lower-case letter or be a known one, so an opening
// "FADE IN:" is not taken for a title page.
func titlePageEnd(lines []string) int {
	if len(lines) == 0 {
		return 0
	}
	first := lines[0]
	k, _, ok := strings.Cut(first, ":")
	if !ok || k == "" || strings.ContainsAny(k[:1], " \t") || isHeading(strings.TrimSpace(first), true) {
		return 0
	}
	if isUpper(k) && !titleKeys[strings.ToLower(k)] {
		return 0
	}
	for i, l := range lines {
		if strings.TrimSpace(l) == "" {
			return i
		}
	}
	return len(lines)
}

// titleKeys are the title page keys of the Fountain spec.
var titleKeys = map[string]bool{
	"title": true, "credit": true, "author": true, "authors": true, "source": true,
	"draft date": true, "date": true, "contact": true, "copyright": true, "notes": true,
	"revision": true,
}

// startsElement reports whether a line inside a paragraph starts an element
// of its own even without a blank line before it.
func startsElement(l string, blankBefore bool) bool {
	return strings.HasPrefix(l, "#") || strings.HasPrefix(l, "=") ||
		(strings.HasPrefix(l, "[[") && strings.HasSuffix(l, "]]")) || isHeading(l, blankBefore)
}

// headingPrefixes open a scene heading when followed by a space or '.'.
var headingPrefixes = []string{"int./ext", "int/ext", "i/e", "int", "ext", "est"}

// isHeading reports whether l (trimmed) is a scene heading: it starts with
// INT, EXT, EST, INT./EXT, INT/EXT or I/E in any case, followed by '.' or a
// space; or it is forced with one '.' (not "..") after a blank line.
func isHeading(l string, blankBefore bool) bool {
	if strings.HasPrefix(l, ".") {
		return blankBefore && len(l) > 1 && l[1] != '.' && l[1] != ' '
	}
	for _, p := range headingPrefixes {
		if len(l) > len(p) && strings.EqualFold(l[:len(p)], p) && (l[len(p)] == '.' || l[len(p)] == ' ') {
			return true
		}
	}
	return false
}

// cutSceneNumber splits "INT. HOUSE - DAY #12A#" into the heading and "12A".
func cutSceneNumber(l string) (string, string) {
	if strings.HasSuffix(l, "#") {
		if j := strings.LastIndex(l[:len(l)-1], "#"); j > 0 {
			return strings.TrimSpace(l[:j]), l[j+1 : len(l)-1]
		}
	}
	return l, ""
}

// isCue reports whether l (trimmed) is a character cue: forced with '@', or a
// name with an upper-case letter and no lower-case one before any extension.
func isCue(l string) bool {
	if strings.HasPrefix(l, "@") {
		return len(l) > 1
	}
	if strings.HasSuffix(l, "TO:") || isHeading(l, true) {
		return false
	}
	name, _, _ := strings.Cut(l, "(")
	return isUpper(strings.TrimSuffix(strings.TrimSpace(name), "^"))
}

// isUpper reports whether s has an upper-case letter and no lower-case one.
func isUpper(s string) bool {
	upper := false
	for _, r := range s {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsUpper(r) {
			upper = true
		}
	}
	return upper
}

// parseCue splits a cue into the name, its last extension, whether it is the
// second of a dual-dialogue pair, and whether it was forced with '@'.
func parseCue(l string) (name, ext string, dual, forced bool) {
	if strings.HasSuffix(l, "^") {
		dual = true
		l = strings.TrimSpace(strings.TrimSuffix(l, "^"))
	}
	if strings.HasPrefix(l, "@") {
		forced = true
		l = l[1:]
	}
	name, rest, _ := strings.Cut(l, "(")
	if j := strings.LastIndex(rest, "("); j >= 0 {
		rest = rest[j+1:]
	}
	ext = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), ")"))
	return strings.TrimSpace(name), ext, dual, forced
}
