package production

import (
	"sort"
	"strconv"
	"strings"

	"github.com/scriptroom/scriptroom/internal/diff"
	"github.com/scriptroom/scriptroom/internal/fountain"
)

// SceneStatus says what happened to a scene since the locked revision.
type SceneStatus string

// The statuses of Scene.
const (
	SceneKept    SceneStatus = "kept"    // the same scene, its text unchanged
	SceneRevised SceneStatus = "revised" // the same scene, its text changed
	SceneNew     SceneStatus = "new"     // not in the locked revision: an A-scene
	SceneOmitted SceneStatus = "omitted" // cut: printed as "12 OMITTED"
)

// Scene is one scene of a production draft, omitted scenes included.
type Scene struct {
	Number  string      `json:"number"`
	Heading string      `json:"heading"` // "OMITTED" for an omitted scene
	Status  SceneStatus `json:"status"`
	// Line is the heading's line in Draft.Text.
	Line int `json:"line"`
}

// lineMap holds the diff of BASE and NEW as maps between their 1-based
// lines: equal lines, and lines the diff aligned as changed.
type lineMap struct {
	equal   map[int]int  // base line -> new line, same text
	changed map[int]int  // base line -> new line, changed text
	marks   map[int]bool // inserted or changed lines
	cuts    map[int]bool // the first non-blank line after a cut
	// cutAtEnd is true when non-blank lines were cut after new's last line.
	cutAtEnd bool
}

// mapLines compares base and new: which lines correspond, and which lines
// of new carry a revision mark (inserted or changed, and the first
// non-blank line after a cut). The title pages are left out of the marks:
// they are not pages of the script, and a line cut from base's title page
// is not a cut on the script's first page.
func mapLines(base, next string) lineMap {
	m := lineMap{equal: map[int]int{}, changed: map[int]int{}, marks: map[int]bool{}, cuts: map[int]bool{}}
	r := diff.Lines(base, next, diff.Options{NoWords: true, Timeout: -1})
	baseTitle, nextTitle := fountain.TitlePageLines(base), fountain.TitlePageLines(next)
	cut := false // a deleted non-blank line waits for the next new line
	for _, row := range r.Rows {
		switch row.Kind {
		case diff.RowEqual:
			m.equal[row.LeftLine] = row.RightLine
		case diff.RowChange:
			m.changed[row.LeftLine] = row.RightLine
		case diff.RowDelete:
			if strings.TrimSpace(row.LeftText) != "" && row.LeftLine > baseTitle {
				cut = true
			}
			continue
		}
		if row.RightLine > 0 && row.RightLine <= nextTitle {
			continue
		}
		if row.RightLine > 0 && (row.Kind == diff.RowInsert || row.Kind == diff.RowChange) && !row.LineEndingOnly {
			if strings.TrimSpace(row.RightText) != "" {
				m.marks[row.RightLine] = true
			}
		}
		if cut && row.RightLine > 0 && strings.TrimSpace(row.RightText) != "" {
			m.cuts[row.RightLine] = true
			cut = false
		}
	}
	m.cutAtEnd = cut
	return m
}

// to maps a base line to new, through equal lines only or changed too.
// An equal line counts only when a neighbour is equal beside it too: a
// lone "WILL" or blank line the diff matched inside a cut is not where
// the text went.
func (m lineMap) to(line int, changed bool) (int, bool) {
	if n, ok := m.equal[line]; ok {
		if a, ok := m.equal[line+1]; ok && a == n+1 {
			return n, true
		}
		if b, ok := m.equal[line-1]; ok && b == n-1 {
			return n, true
		}
		if !changed {
			return 0, false
		}
	}
	if changed {
		n, ok := m.changed[line]
		return n, ok
	}
	return 0, false
}

// baseNumbers are the numbers BASE's scenes print with: their own "#n#",
// or their place among the headings.
func baseNumbers(scenes []fountain.Scene) []string {
	out := make([]string, len(scenes))
	for i, sc := range scenes {
		out[i] = sc.Number
		if out[i] == "" {
			out[i] = strconv.Itoa(i + 1)
		}
	}
	return out
}

// sceneAt returns the index of the scene that holds line, or -1.
func sceneAt(scenes []fountain.Scene, line int) int {
	i := sort.Search(len(scenes), func(i int) bool { return scenes[i].Line > line }) - 1
	if i >= 0 && line <= scenes[i].EndLine {
		return i
	}
	return -1
}

// matchScenes pairs each scene of BASE with the scene of NEW that holds
// most of its non-blank lines (an equal line counts two, a changed one
// one) and at least one of them unchanged (its heading or a line of its
// body), keeping the pairs in order and each NEW scene for one BASE scene.
// match[i] is the NEW scene of BASE scene i, or -1 for a cut scene.
func matchScenes(baseLines []string, bs, ns []fountain.Scene, m lineMap) []int {
	match := make([]int, len(bs))
	score := make([]int, len(bs))
	for i, sc := range bs {
		votes := map[int]int{}
		equal := map[int]bool{} // NEW scenes holding an unchanged line of it
		for l := sc.Line; l <= sc.EndLine && l <= len(baseLines); l++ {
			if strings.TrimSpace(baseLines[l-1]) == "" {
				continue
			}
			if n, ok := m.equal[l]; ok {
				if j := sceneAt(ns, n); j >= 0 {
					votes[j] += 2
					equal[j] = true
				}
			} else if n, ok := m.changed[l]; ok {
				if j := sceneAt(ns, n); j >= 0 {
					votes[j]++
				}
			}
		}
		match[i], score[i] = -1, 0
		for j, v := range votes {
			if !equal[j] {
				continue // changed lines alone do not make it the same scene
			}
			if v > score[i] || v == score[i] && j < match[i] {
				match[i], score[i] = j, v
			}
		}
	}
	// In order, one to one: a later BASE scene claiming a NEW scene at or
	// before the last one taken wins it only with more votes.
	last := -1 // index into bs of the last scene kept
	for i := range match {
		if match[i] < 0 {
			continue
		}
		if last >= 0 && match[i] <= match[last] {
			if match[i] == match[last] && score[i] > score[last] {
				match[last] = -1
			} else {
				match[i] = -1
				continue
			}
		}
		last = i
	}
	return match
}

// numberScenes gives every scene of NEW its locked number: a matched scene
// its BASE number, a new one an A-number (see the package doc). It returns
// the numbers of NEW's scenes and, for each BASE scene cut, the index of
// the NEW scene it is printed before as OMITTED (len(ns) for the end).
func numberScenes(baseNums []string, match []int, nsLen int) (nums []string, omitted map[int][]string) {
	nums = make([]string, nsLen)
	from := make([]int, nsLen) // NEW scene -> BASE scene, or -1
	for j := range from {
		from[j] = -1
	}
	taken := map[string]bool{}
	for i, j := range match {
		taken[strings.ToUpper(baseNums[i])] = true
		if j >= 0 {
			from[j] = i
			nums[j] = baseNums[i]
		}
	}
	// Cut scenes go before the NEW scene of the next BASE scene kept.
	omitted = map[int][]string{}
	for i, j := range match {
		if j >= 0 {
			continue
		}
		at := nsLen
		for k := i + 1; k < len(match); k++ {
			if match[k] >= 0 {
				at = match[k]
				break
			}
		}
		omitted[at] = append(omitted[at], baseNums[i])
	}
	// Runs of new scenes between kept ones.
	for j := 0; j < nsLen; {
		if from[j] >= 0 {
			j++
			continue
		}
		end := j
		for end < nsLen && from[end] < 0 {
			end++
		}
		prev, next := "", ""
		if j > 0 {
			prev = nums[j-1]
		}
		if end < nsLen {
			next = nums[end]
		}
		run := newNumbers(prev, next, end-j, taken)
		for k, n := range run {
			nums[j+k] = n
			taken[strings.ToUpper(n)] = true
		}
		j = end
	}
	return nums, omitted
}

// newNumbers numbers n new scenes between prev and next ("" for none):
// after prev by its next letters (12A, 12B; after 12A: 12B), or when one
// of those is taken or there is no prev, by letters before next (A1, B1;
// A12A). With neither, they count from 1.
func newNumbers(prev, next string, n int, taken map[string]bool) []string {
	free := func(run []string) bool {
		for _, s := range run {
			if taken[strings.ToUpper(s)] {
				return false
			}
		}
		return true
	}
	if prev != "" {
		stem, letters := splitNumber(prev)
		run := make([]string, n)
		for k := range run {
			letters = nextLetters(letters)
			run[k] = stem + letters
		}
		if free(run) || next == "" {
			return run
		}
	}
	if next != "" {
		for prefix := ""; ; prefix = nextLetters(prefix) {
			run := make([]string, n)
			letters := prefix
			for k := range run {
				letters = nextLetters(letters)
				run[k] = letters + next
			}
			if free(run) {
				return run
			}
		}
	}
	run := make([]string, n)
	for k := range run {
		run[k] = strconv.Itoa(k + 1)
	}
	return run
}

// splitNumber splits "12A" into "12" and "A": the trailing capital letters
// that lettered it.
func splitNumber(s string) (stem, letters string) {
	i := len(s)
	for i > 0 && (s[i-1] >= 'A' && s[i-1] <= 'Z' || s[i-1] >= 'a' && s[i-1] <= 'z') {
		i--
	}
	if i == 0 { // all letters: a number of its own ("A"), lettered after it
		return s, ""
	}
	return s[:i], strings.ToUpper(s[i:])
}

// nextLetters steps a letter suffix: "" -> "A", "A" -> "B", "Z" -> "AA",
// "AZ" -> "BA" (as spreadsheet columns count).
func nextLetters(s string) string {
	b := []byte(s)
	for i := len(b) - 1; i >= 0; i-- {
		if b[i] < 'Z' {
			b[i]++
			return string(b)
		}
		b[i] = 'A'
	}
	return "A" + string(b)
}

// letterSuffix is the k-th (1-based) letter suffix: 1 "A", 26 "Z", 27 "AA".
func letterSuffix(k int) string {
	s := ""
	for ; k > 0; k-- {
		s = nextLetters(s)
	}
	return s
}
