package screenplay

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Stats are the quick figures shown while typing.
type Stats struct {
	Words int     `json:"words"`
	Pages float64 `json:"pages"`
}

// Page metrics of the industry page in Courier 12 pt (10 characters and 6
// lines to the inch).
const (
	linesPerPage   = 52 // 54 lines fit between 1" margins; page-break rules waste about 2 a page
	actionWidth    = 61 // 6.1" from the 1.5" left margin
	dialogueWidth  = 35 // 3.5"
	parenWidth     = 25 // about 2.5"
	charactersWide = 38 // character cues never wrap in practice
)

// Estimate counts words and estimates pages by wrapping each line at the width
// its element has on the page. It is a quick figure for the status bar and
// history list, within about a tenth of a page for typical scripts; it ignores
// the title page, boneyard and notes.
func Estimate(text string) Stats {
	var st Stats
	lines := strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n")
	start := skipTitlePage(lines)
	used := 0
	inDialogue := false
	inBoneyard := false
	prevBlank := true
	for i := start; i < len(lines); i++ {
		line := lines[i]
		if inBoneyard {
			if strings.Contains(line, "*/") {
				inBoneyard = false
			}
			continue
		}
		if j := strings.Index(line, "/*"); j >= 0 && !strings.Contains(line[j:], "*/") {
			inBoneyard = true
			line = line[:j]
		}
		line = stripNotes(line)
		trimmed := strings.TrimSpace(line)
		if trimmed == "" {
			if line == "  " && inDialogue {
				used++
				continue
			}
			if !prevBlank {
				used++
			}
			inDialogue = false
			prevBlank = true
			continue
		}
		if strings.HasPrefix(trimmed, "#") || strings.HasPrefix(trimmed, "=") && !strings.HasPrefix(trimmed, "===") {
			continue // sections and synopses are not printed
		}
		st.Words += countWords(trimmed)
		width := actionWidth
		switch {
		case inDialogue && strings.HasPrefix(trimmed, "("):
			width = parenWidth
		case inDialogue:
			width = dialogueWidth
		case prevBlank && isCue(trimmed) && i+1 < len(lines) && strings.TrimSpace(lines[i+1]) != "":
			width = charactersWide
			inDialogue = true
		}
		used += wrapped(trimmed, width)
		prevBlank = false
	}
	st.Pages = float64(used) / linesPerPage
	if st.Pages > 0 && st.Pages < 0.1 {
		st.Pages = 0.1
	}
	st.Pages = float64(int(st.Pages*10+0.5)) / 10
	return st
}

func skipTitlePage(lines []string) int {
	if len(lines) == 0 {
		return 0
	}
	first := lines[0]
	k := strings.Index(first, ":")
	if k <= 0 || strings.HasPrefix(first, " ") || strings.HasPrefix(first, "\t") || strings.ToUpper(first[:k]) == first[:k] {
		return 0 // not a "Key: value" line; "FADE IN:" is a transition
	}
	for i, l := range lines {
		if strings.TrimSpace(l) == "" {
			return i + 1
		}
	}
	return len(lines)
}

func stripNotes(line string) string {
	for {
		i := strings.Index(line, "[[")
		if i < 0 {
			return line
		}
		j := strings.Index(line[i:], "]]")
		if j < 0 {
			return line[:i]
		}
		line = line[:i] + line[i+j+2:]
	}
}

func isCue(s string) bool {
	if strings.HasPrefix(s, "@") {
		return true
	}
	name := s
	if i := strings.Index(s, "("); i > 0 {
		name = s[:i]
	}
	hasLetter := false
	for _, r := range name {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsLetter(r) {
			hasLetter = true
		}
	}
	return hasLetter && !strings.HasSuffix(s, "TO:")
}

// wrapped is the number of printed lines text takes at width characters,
// breaking at spaces.
func wrapped(text string, width int) int {
	n := 0
	for _, para := range strings.Split(text, "\n") {
		words := strings.Fields(para)
		lines, col := 1, 0
		for _, w := range words {
			wl := utf8.RuneCountInString(w)
			switch {
			case col == 0:
				col = wl
			case col+1+wl <= width:
				col += 1 + wl
			default:
				lines++
				col = wl
			}
			for col > width {
				lines++
				col -= width
			}
		}
		n += lines
	}
	return n
}

// countWords counts the space-separated tokens that hold a letter or digit,
// so a dash between words is not a word.
func countWords(s string) int {
	n := 0
	for _, f := range strings.Fields(s) {
		if strings.IndexFunc(f, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0 {
			n++
		}
	}
	return n
}
