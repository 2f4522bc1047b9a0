package fountain

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// headingPrefixes are the scene-heading openings of the spec ("INT, EXT, EST,
// INT./EXT, INT/EXT, I/E") and common variants, upper-cased. Each must be
// followed by a '.' or a space.
var headingPrefixes = []string{"INT./EXT", "INT/EXT", "EXT./INT", "EXT/INT", "I./E", "I/E", "INT", "EXT", "EST"}

// isHeadingPrefix reports whether t begins like a scene heading.
func isHeadingPrefix(t string) bool {
	for _, p := range headingPrefixes {
		if len(t) > len(p) && strings.EqualFold(t[:len(p)], p) && (t[len(p)] == '.' || t[len(p)] == ' ') {
			return true
		}
	}
	return false
}

// isForcedHeading reports whether t is '.' followed by a letter or digit (so
// that "..." starts action, as the spec asks).
func isForcedHeading(t string) bool {
	if len(t) < 2 || t[0] != '.' {
		return false
	}
	r, _ := utf8.DecodeRuneInString(t[1:])
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// splitSceneNumber takes a trailing "#1A#" off a heading.
func splitSceneNumber(t string) (text, number string) {
	if !strings.HasSuffix(t, "#") {
		return t, ""
	}
	i := strings.LastIndexByte(t[:len(t)-1], '#')
	if i < 0 || i == len(t)-2 {
		return t, ""
	}
	num := t[i+1 : len(t)-1]
	for _, r := range num {
		if !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' || r == '.') {
			return t, ""
		}
	}
	return strings.TrimSpace(t[:i]), num
}

// hasLetter reports whether s holds a letter; isUpper whether it holds no
// lowercase letter.
func hasLetter(s string) bool {
	return strings.IndexFunc(s, unicode.IsLetter) >= 0
}

func isUpper(s string) bool {
	return strings.IndexFunc(s, unicode.IsLower) < 0
}

// isTransition reports whether t is an unforced transition: uppercase and
// ending in "TO:" (so "CUT TO:  " with trailing spaces is not one).
func isTransition(t string) bool {
	return strings.HasSuffix(t, "TO:") && isUpper(t)
}

// isCentered reports whether t is "> text <".
func isCentered(t string) bool {
	return len(t) >= 2 && t[0] == '>' && t[len(t)-1] == '<'
}

// isPageBreak reports whether t is three or more '=' and nothing else.
func isPageBreak(t string) bool {
	return len(t) >= 3 && strings.Trim(t, "=") == ""
}

// parseCue splits a character cue (without its '@') into name, extension and
// dual mark. The extension is everything between the first '(' after the name
// and the final ')', so "BOB (V.O.) (CONT'D)" has extension "V.O.) (CONT'D".
func parseCue(cue string) (name, ext string, dual bool) {
	cue = strings.TrimSpace(cue)
	if len(cue) > 1 && strings.HasSuffix(cue, "^") {
		dual = true
		cue = strings.TrimSpace(cue[:len(cue)-1])
	}
	i := strings.IndexByte(cue, '(')
	if i <= 0 || !strings.HasSuffix(cue, ")") || strings.TrimSpace(cue[:i]) == "" ||
		strings.TrimSpace(cue[i+1:len(cue)-1]) == "" {
		return cue, "", dual
	}
	return strings.TrimSpace(cue[:i]), strings.TrimSpace(cue[i+1 : len(cue)-1]), dual
}

// isCharacterCue reports whether t is an unforced character cue: a name with
// a letter and no lowercase letter (the extension may be lowercase).
func isCharacterCue(t string) bool {
	name, _, _ := parseCue(t)
	return name != "" && hasLetter(name) && isUpper(name)
}
