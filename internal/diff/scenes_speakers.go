package diff

import (
	"hash/maphash"
	"sort"
)

// speakers finds speeches whose words stayed while the speaker changed, and
// tells a character renamed throughout from single reassignments.
// edits, the line diff of the two (nil: none), sets aside at once the
// speeches it leaves unchanged (same lines, so same speaker and words).
func speakers(da, db *doc, edits []Edit) ([]Reassignment, []Rename) {
	sameA, sameB := identicalSpeeches(da, db, edits)
	// The others are keyed by the hash of their normalized text (speechKey).
	byTextA := make(map[uint64][]speechInfo)
	byTextB := make(map[uint64][]speechInfo)
	cuesA, cuesB := make(map[string]int, 64), make(map[string]int, 64)
	var h maphash.Hash
	for k, s := range da.speeches {
		cuesA[s.character]++
		if !sameA[k] {
			if key, runes := da.speechKey(s, &h); runes >= minReassignRunes {
				byTextA[key] = append(byTextA[key], s)
			}
		}
	}
	for k, s := range db.speeches {
		cuesB[s.character]++
		if !sameB[k] {
			if key, runes := db.speechKey(s, &h); runes >= minReassignRunes {
				byTextB[key] = append(byTextB[key], s)
			}
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
			From: c.from.character, To: c.to.character, Text: da.speechText(c.from),
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

// sameDialogue reports whether two speeches' elements after the cue have
// the same types and texts.
func sameDialogue(da *doc, x speechInfo, db *doc, y speechInfo) bool {
	if x.dlg[1]-x.dlg[0] != y.dlg[1]-y.dlg[0] {
		return false
	}
	for k := 0; k < x.dlg[1]-x.dlg[0]; k++ {
		ex, ey := &da.elements[x.dlg[0]+k], &db.elements[y.dlg[0]+k]
		if ex.Type != ey.Type || ex.Text != ey.Text {
			return false
		}
	}
	return true
}

// identicalSpeeches marks the speeches of both sides that the line diff
// leaves unchanged: the cue and every line after it that the speech holds
// are in one equal run, and the speech on the other side at the cue's new
// line has the same speaker and elements. Only the others are hashed.
func identicalSpeeches(da, db *doc, edits []Edit) (sameA, sameB []bool) {
	sameA, sameB = make([]bool, len(da.speeches)), make([]bool, len(db.speeches))
	k, j := 0, 0
	for i, sp := range da.speeches {
		last := sp.line
		if sp.dlg[1] > sp.dlg[0] {
			last = da.elements[sp.dlg[1]-1].EndLine - 1
		}
		for k < len(edits) && edits[k].LeftEnd <= sp.line {
			k++
		}
		if k == len(edits) {
			break
		}
		e := edits[k]
		if e.Kind != EditEqual || e.LeftStart > sp.line || last >= e.LeftEnd {
			continue
		}
		bl := e.RightStart + sp.line - e.LeftStart
		for j < len(db.speeches) && db.speeches[j].line < bl {
			j++
		}
		if j == len(db.speeches) {
			break
		}
		t := db.speeches[j]
		if t.line != bl || sameB[j] || t.character != sp.character || !sameDialogue(da, sp, db, t) {
			continue
		}
		sameA[i], sameB[j] = true, true
	}
	return sameA, sameB
}
