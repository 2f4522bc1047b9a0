package diff

import (
	"sort"
	"unicode/utf8"
)

// speakers finds speeches whose words stayed while the speaker changed, and
// tells a character renamed throughout from single reassignments.
func speakers(da, db *doc) ([]Reassignment, []Rename) {
	byTextA := make(map[string][]speechInfo, len(da.speeches))
	byTextB := make(map[string][]speechInfo, len(db.speeches))
	cuesA, cuesB := map[string]int{}, map[string]int{}
	for _, s := range da.speeches {
		cuesA[s.character]++
		if utf8.RuneCountInString(s.text) >= minReassignRunes {
			byTextA[s.text] = append(byTextA[s.text], s)
		}
	}
	for _, s := range db.speeches {
		cuesB[s.character]++
		if utf8.RuneCountInString(s.text) >= minReassignRunes {
			byTextB[s.text] = append(byTextB[s.text], s)
		}
	}
	type cand struct{ from, to speechInfo }
	var cands []cand
	for text, as := range byTextA {
		bs := byTextB[text]
		if len(bs) == 0 {
			continue
		}
		// Drop the speeches said by the same character on both sides.
		usedB := make([]bool, len(bs))
		var restA []speechInfo
		for _, s := range as {
			found := false
			for k, t := range bs {
				if !usedB[k] && t.character == s.character {
					usedB[k], found = true, true
					break
				}
			}
			if !found {
				restA = append(restA, s)
			}
		}
		k := 0
		for _, s := range restA {
			for k < len(bs) && usedB[k] {
				k++
			}
			if k == len(bs) {
				break
			}
			cands = append(cands, cand{s, bs[k]})
			k++
		}
	}
	sort.Slice(cands, func(x, y int) bool { return cands[x].from.line < cands[y].from.line })
	renames := map[[2]string]int{}
	var order [][2]string
	for _, c := range cands {
		p := [2]string{c.from.character, c.to.character}
		if cuesB[p[0]] == 0 && cuesA[p[1]] == 0 {
			if renames[p] == 0 {
				order = append(order, p)
			}
			renames[p]++
		}
	}
	reassigned := []Reassignment{}
	for _, c := range cands {
		if renames[[2]string{c.from.character, c.to.character}] > 0 {
			continue
		}
		reassigned = append(reassigned, Reassignment{
			From: c.from.character, To: c.to.character, Text: c.from.text,
			OldLine: c.from.line + 1, NewLine: c.to.line + 1,
			Scene: db.sceneHeading(c.to.line),
		})
	}
	renamed := []Rename{}
	for _, p := range order {
		renamed = append(renamed, Rename{From: p[0], To: p[1], Speeches: cuesA[p[0]]})
	}
	return reassigned, renamed
}
