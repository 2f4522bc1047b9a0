package diff

import (
	"slices"
	"sort"
	"sync"
)

// SceneKind says what happened to a scene.
type SceneKind string

// The kinds of SceneChange.
const (
	SceneAdded     SceneKind = "added"
	SceneRemoved   SceneKind = "removed"
	SceneModified  SceneKind = "modified"  // same place, content similarity at least sameSceneSimilarity
	SceneRewritten SceneKind = "rewritten" // same place and heading, most of the content replaced
	SceneMoved     SceneKind = "moved"     // found elsewhere in the new order, maybe also modified
)

// sameSceneSimilarity is the least content similarity (0..1, the Dice
// coefficient of the scenes' normalized lines) at which two scenes are taken
// for one scene, modified or moved.
const sameSceneSimilarity = 0.5

// commonLineScenes: a line found in more scenes than this ("CUT TO:") does
// not make scenes candidates for matching; similarity still counts it.
const commonLineScenes = 40

// minReassignRunes is the least length of a speech whose change of speaker is
// reported; shorter lines ("Yes.") recur too often to tell.
const minReassignRunes = 12

// SceneChange is one scene that is not the same in both texts.
type SceneChange struct {
	Kind SceneKind `json:"kind"`
	// OldScene and NewScene are 1-based positions among the scenes of each
	// text, 0 when the scene is absent on that side.
	OldScene   int    `json:"oldScene"`
	NewScene   int    `json:"newScene"`
	OldHeading string `json:"oldHeading,omitempty"`
	NewHeading string `json:"newHeading,omitempty"`
	OldLine    int    `json:"oldLine"` // 1-based line of the heading, 0 when absent
	NewLine    int    `json:"newLine"`
	// LinesAdded and LinesRemoved count the scene's normalized non-blank
	// lines that only the new or only the old version has.
	LinesAdded   int     `json:"linesAdded"`
	LinesRemoved int     `json:"linesRemoved"`
	Similarity   float64 `json:"similarity"` // 1 = same content
}

// Reassignment is a speech whose words stayed and whose speaker changed.
type Reassignment struct {
	From    string `json:"from"`
	To      string `json:"to"`
	Text    string `json:"text"`
	OldLine int    `json:"oldLine"` // 1-based line of the cue
	NewLine int    `json:"newLine"`
	Scene   string `json:"scene,omitempty"` // the new scene's heading
}

// Rename is a character whose every cue now carries another name: the old
// name is gone from the cues and the new one was not among them before.
type Rename struct {
	From     string `json:"from"`
	To       string `json:"to"`
	Speeches int    `json:"speeches"` // the old name's speeches, all now under the new one
}

// SceneSummary is the scene-level view of a comparison.
type SceneSummary struct {
	OldScenes  int            `json:"oldScenes"`
	NewScenes  int            `json:"newScenes"`
	Unchanged  int            `json:"unchanged"`
	Changes    []SceneChange  `json:"changes"` // in the new order; removed scenes after their old neighbour
	Reassigned []Reassignment `json:"reassigned"`
	Renamed    []Rename       `json:"renamed"`
	// PreambleChanged: the text before the first scene (title page, opening
	// action) differs, white space aside.
	PreambleChanged bool `json:"preambleChanged"`
	// OutlineChanged: the sections, synopses or notes differ; they are not
	// counted as scene content.
	OutlineChanged bool `json:"outlineChanged"`
}

// Count returns how many scene changes are of kind k.
func (s SceneSummary) Count(k SceneKind) int {
	n := 0
	for _, c := range s.Changes {
		if c.Kind == k {
			n++
		}
	}
	return n
}

// Scenes summarizes, scene by scene, how b differs from a: scenes added,
// removed, modified (with how much), rewritten, and moved; speeches given to
// another character; characters renamed throughout.
func Scenes(a, b string) SceneSummary {
	return summarize(newDoc(a), newDoc(b), nil)
}

// summarize makes the scene summary of da → db. edits, the line diff of
// the two (nil: none), settles the scenes it leaves unchanged at once: only
// the others are matched by content.
func summarize(da, db *doc, edits []Edit) SceneSummary {
	sum := SceneSummary{OldScenes: len(da.scenes), NewScenes: len(db.scenes)}
	same, sameA, sameB := identicalScenes(da, db, edits)
	sc := sumPool.Get().(*sumScratch)
	defer sc.put()
	if sc.ids == nil {
		sc.ids = make(map[uint64]int32, bodyLines(da, sameA)+bodyLines(db, sameB)/4)
	}
	ids := sc.ids
	bagA := sceneBags(da, ids, sameA)
	shareHashes(da, db, edits)
	bagB := sceneBags(db, ids, sameB)
	pairs := matchScenes(bagA, bagB)
	pairs = append(pairs, same...)
	pairs = append(pairs, matchLeftovers(da, db, pairs, &sc.wb)...)

	// Matched scenes in order on both sides stay in place; the longest such
	// chain is kept, the other matches moved.
	sort.Slice(pairs, func(x, y int) bool { return pairs[x].a < pairs[y].a })
	inPlace := longestIncreasing(pairs)
	oldOf := make([]int, len(db.scenes)) // new scene -> old scene, or -1
	newOf := make([]int, len(da.scenes))
	for i := range oldOf {
		oldOf[i] = -1
	}
	for i := range newOf {
		newOf[i] = -1
	}
	for _, p := range pairs {
		oldOf[p.b], newOf[p.a] = p.a, p.b
	}
	rewritten := pairRewritten(da, db, pairs, inPlace, oldOf, newOf)

	type keyed struct {
		key float64
		c   SceneChange
	}
	var out []keyed
	for k, p := range pairs {
		if sameA[p.a] {
			if inPlace[k] {
				sum.Unchanged++
				continue
			}
			// Unchanged but moved (other scenes kept their order around
			// it): its bags are needed after all.
			bagA[p.a], bagB[p.b] = sceneBag(da, p.a, ids), sceneBag(db, p.b, ids)
		}
		c := sceneChange(da, db, p.a, p.b, bagA[p.a], bagB[p.b])
		switch {
		case !inPlace[k]:
			c.Kind = SceneMoved
		case c.Similarity == 1 && da.scenes[p.a].heading == db.scenes[p.b].heading:
			sum.Unchanged++
			continue
		default:
			c.Kind = SceneModified
		}
		out = append(out, keyed{float64(p.b), c})
	}
	for _, p := range rewritten {
		c := sceneChange(da, db, p.a, p.b, bagA[p.a], bagB[p.b])
		c.Kind = SceneRewritten
		out = append(out, keyed{float64(p.b), c})
	}
	for j, i := range oldOf {
		if i < 0 {
			c := sceneChange(da, db, -1, j, nil, bagB[j])
			c.Kind = SceneAdded
			out = append(out, keyed{float64(j), c})
		}
	}
	for i, j := range newOf {
		if j >= 0 {
			continue
		}
		// Place a removed scene just after the new position of its nearest
		// old predecessor that survived.
		key := -0.5
		for k := i - 1; k >= 0; k-- {
			if newOf[k] >= 0 {
				key = float64(newOf[k]) + 0.5
				break
			}
		}
		c := sceneChange(da, db, i, -1, bagA[i], nil)
		c.Kind = SceneRemoved
		out = append(out, keyed{key, c})
	}
	sort.SliceStable(out, func(x, y int) bool { return out[x].key < out[y].key })
	sum.Changes = make([]SceneChange, len(out))
	for k, o := range out {
		sum.Changes[k] = o.c
	}
	sum.Reassigned, sum.Renamed = speakers(da, db, edits)
	sum.PreambleChanged = !equalHashes(da.preamble(), db.preamble())
	sum.OutlineChanged = !equalHashes(da.outline(), db.outline())
	return sum
}

// sumScratch is what summarize uses only while it runs: the table of line
// hashes and the word bagger.
type sumScratch struct {
	ids map[uint64]int32
	wb  wordBagger
}

var sumPool = sync.Pool{New: func() any { return new(sumScratch) }}

// put empties sc and returns it to sumPool.
func (sc *sumScratch) put() {
	if len(sc.ids) > maxTokenTable {
		sc.ids = nil
	}
	clear(sc.ids)
	sc.wb.reset()
	sumPool.Put(sc)
}

type scenePair struct {
	a, b int
	sim  float64
}

// identicalScenes pairs the scenes the line diff leaves unchanged: all of
// old scene i's lines in one equal run, mapped onto exactly the lines of new
// scene j, with the same heading and the same body lines. Lines the line
// diff finds equal have equal normalized text (it compares the visible
// text, or that text normalized), so no line of them is hashed. sameA and
// sameB mark the scenes paired.
func identicalScenes(da, db *doc, edits []Edit) (pairs []scenePair, sameA, sameB []bool) {
	sameA, sameB = make([]bool, len(da.scenes)), make([]bool, len(db.scenes))
	k := 0
	for i, s := range da.scenes {
		for k < len(edits) && edits[k].LeftEnd <= s.start {
			k++
		}
		if k == len(edits) {
			break
		}
		e := edits[k]
		if e.Kind != EditEqual || e.LeftStart > s.start || s.end > e.LeftEnd {
			continue
		}
		bs := e.RightStart + s.start - e.LeftStart
		j := int(db.lineScn[bs])
		if j < 0 || sameB[j] {
			continue
		}
		t := db.scenes[j]
		if t.start != bs || t.end-t.start != s.end-s.start || t.heading != s.heading || !sameBody(s, t) {
			continue
		}
		pairs = append(pairs, scenePair{i, j, 1})
		sameA[i], sameB[j] = true, true
	}
	return pairs, sameA, sameB
}

// shareHashes gives each line of db that the line diff (edits) finds equal
// to a line of da the hash da has made for it: lines it finds equal have
// equal normalized text (see identicalScenes), so they are hashed once.
func shareHashes(da, db *doc, edits []Edit) {
	for _, e := range edits {
		if e.Kind != EditEqual {
			continue
		}
		for k := 0; k < e.LeftEnd-e.LeftStart; k++ {
			if la, lb := e.LeftStart+k, e.RightStart+k; da.hashed[la] && !db.hashed[lb] {
				db.lineHash[lb], db.hashed[lb] = da.lineHash[la], true
			}
		}
	}
}

// sameBody reports whether two scenes of the same length have their body
// lines at the same places.
func sameBody(s, t scene) bool {
	if len(s.body) != len(t.body) {
		return false
	}
	for k := range s.body {
		if s.body[k]-s.start != t.body[k]-t.start {
			return false
		}
	}
	return true
}

// bodyLines counts the lines of the scene bodies that skip does not mark.
func bodyLines(d *doc, skip []bool) int {
	n := 0
	for i, s := range d.scenes {
		if !skip[i] {
			n += len(s.body)
		}
	}
	return n
}

// sceneBags turns each scene's normalized lines into sorted line ids; the
// bags share one backing array. Scenes skip marks get none.
func sceneBags(d *doc, ids map[uint64]int32, skip []bool) [][]int32 {
	bags := make([][]int32, len(d.scenes))
	all := make([]int32, bodyLines(d, skip))
	for si, s := range d.scenes {
		if skip[si] {
			continue
		}
		bags[si] = fillBag(all[:len(s.body):len(s.body)], d, s.body, ids)
		all = all[len(s.body):]
	}
	return bags
}

// sceneBag is one scene's bag, as sceneBags makes them.
func sceneBag(d *doc, si int, ids map[uint64]int32) []int32 {
	body := d.scenes[si].body
	return fillBag(make([]int32, len(body)), d, body, ids)
}

// fillBag numbers the hashes of d's lines body into bag (of their length)
// and sorts it.
func fillBag(bag []int32, d *doc, body []int, ids map[uint64]int32) []int32 {
	for k, l := range body {
		h := d.hash(l)
		id, ok := ids[h]
		if !ok {
			id = int32(len(ids))
			ids[h] = id
		}
		bag[k] = id
	}
	slices.Sort(bag)
	return bag
}

// common counts the ids two sorted bags share, with multiplicity.
func common(x, y []int32) int {
	n, i, j := 0, 0, 0
	for i < len(x) && j < len(y) {
		switch {
		case x[i] == y[j]:
			n++
			i++
			j++
		case x[i] < y[j]:
			i++
		default:
			j++
		}
	}
	return n
}

func dice(x, y []int32) float64 {
	if len(x)+len(y) == 0 {
		return 1
	}
	return 2 * float64(common(x, y)) / float64(len(x)+len(y))
}

// matchScenes pairs old and new scenes greedily by content similarity, best
// first, ties going to the pair closest in relative position.
func matchScenes(bagA, bagB [][]int32) []scenePair {
	// Line id -> new scenes holding it, as one array: the scenes of id are
	// post[at[id]:at[id+1]]. Ids are dense from 0.
	nid := int32(0)
	for _, bag := range bagB {
		if len(bag) > 0 {
			nid = max(nid, bag[len(bag)-1]+1)
		}
	}
	at := make([]int32, nid+1)
	for _, bag := range bagB {
		for k, id := range bag {
			if k == 0 || bag[k-1] != id {
				at[id+1]++
			}
		}
	}
	for id := int32(1); id <= nid; id++ {
		at[id] += at[id-1]
	}
	post := make([]int32, at[nid])
	fill := append([]int32(nil), at[:nid]...)
	for j, bag := range bagB {
		for k, id := range bag {
			if k == 0 || bag[k-1] != id {
				post[fill[id]] = int32(j)
				fill[id]++
			}
		}
	}
	index := func(id int32) []int32 {
		if id >= nid {
			return nil
		}
		return post[at[id]:at[id+1]]
	}
	var cands []scenePair
	seen := make([]int, len(bagB)) // seen[j] == i: pair (i, j) already scored
	for j := range seen {
		seen[j] = -1
	}
	for i, bag := range bagA {
		for k, id := range bag {
			if k > 0 && bag[k-1] == id {
				continue
			}
			if js := index(id); len(js) <= commonLineScenes {
				for _, j32 := range js {
					j := int(j32)
					if seen[j] != i {
						seen[j] = i
						// Dice is at most 2·min/(|x|+|y|): scenes of very
						// different lengths cannot reach the threshold.
						if lx, ly := len(bag), len(bagB[j]); 2*float64(min(lx, ly)) < sameSceneSimilarity*float64(lx+ly) {
							continue
						}
						if s := dice(bag, bagB[j]); s >= sameSceneSimilarity {
							cands = append(cands, scenePair{i, j, s})
						}
					}
				}
			}
		}
	}
	return greedyPairs(cands, len(bagA), len(bagB))
}

// greedyPairs takes candidate pairs best first (ties to the pair closest in
// relative position), each scene at most once.
func greedyPairs(cands []scenePair, lenA, lenB int) []scenePair {
	na, nb := float64(max(lenA, 1)), float64(max(lenB, 1))
	dist := func(p scenePair) float64 {
		d := float64(p.a)/na - float64(p.b)/nb
		if d < 0 {
			return -d
		}
		return d
	}
	sort.Slice(cands, func(x, y int) bool {
		p, q := cands[x], cands[y]
		if p.sim != q.sim {
			return p.sim > q.sim
		}
		if dp, dq := dist(p), dist(q); dp != dq {
			return dp < dq
		}
		if p.a != q.a {
			return p.a < q.a
		}
		return p.b < q.b
	})
	usedA := make([]bool, lenA)
	usedB := make([]bool, lenB)
	var pairs []scenePair
	for _, c := range cands {
		if !usedA[c.a] && !usedB[c.b] {
			usedA[c.a], usedB[c.b] = true, true
			pairs = append(pairs, c)
		}
	}
	return pairs
}

// maxLeftoverWork bounds the word-level matching of scenes the line-level
// matching left alone (the sum of word counts over the pairs compared), so
// an unrelated rewrite stays fast.
const maxLeftoverWork = 20_000_000

// matchLeftovers pairs the scenes that line-level matching left unmatched by
// the similarity of their words instead of whole lines: a scene where most
// lines had a small edit (curly quotes, a renamed character) is still the
// same scene.
func matchLeftovers(da, db *doc, pairs []scenePair, wb *wordBagger) []scenePair {
	usedA := make([]bool, len(da.scenes))
	usedB := make([]bool, len(db.scenes))
	for _, p := range pairs {
		usedA[p.a], usedB[p.b] = true, true
	}
	bags := func(d *doc, used []bool) (idx []int, bags [][]int32, total int) {
		for i, s := range d.scenes {
			if used[i] {
				continue
			}
			var bag []int32
			for _, l := range s.body {
				bag = wb.add(lineText(d.lines[l]), bag)
			}
			slices.Sort(bag)
			idx = append(idx, i)
			bags = append(bags, bag)
			total += len(bag)
		}
		return idx, bags, total
	}
	ia, ba, ta := bags(da, usedA)
	ib, bb, tb := bags(db, usedB)
	if len(ia) == 0 || len(ib) == 0 || ta*len(ib)+tb*len(ia) > maxLeftoverWork {
		return nil
	}
	var cands []scenePair
	for x := range ia {
		for y := range ib {
			if s := dice(ba[x], bb[y]); s >= sameSceneSimilarity && len(ba[x])+len(bb[y]) > 0 {
				cands = append(cands, scenePair{ia[x], ib[y], s})
			}
		}
	}
	return greedyPairs(cands, len(da.scenes), len(db.scenes))
}

// longestIncreasing marks the pairs (sorted by old index) that form the
// longest chain increasing in new index: the scenes that kept their order.
func longestIncreasing(pairs []scenePair) []bool {
	n := len(pairs)
	tails := []int{} // tails[k]: index of the smallest tail of a chain of length k+1
	prev := make([]int, n)
	for i, p := range pairs {
		k := sort.Search(len(tails), func(t int) bool { return pairs[tails[t]].b >= p.b })
		if k > 0 {
			prev[i] = tails[k-1]
		} else {
			prev[i] = -1
		}
		if k == len(tails) {
			tails = append(tails, i)
		} else {
			tails[k] = i
		}
	}
	keep := make([]bool, n)
	if len(tails) > 0 {
		for i := tails[len(tails)-1]; i >= 0; i = prev[i] {
			keep[i] = true
		}
	}
	return keep
}

// pairRewritten pairs the scenes left unmatched that sit between the same
// two in-place neighbours on both sides and carry the same heading: a scene
// kept in its place whose content was replaced.
func pairRewritten(da, db *doc, pairs []scenePair, inPlace []bool, oldOf, newOf []int) []scenePair {
	// For each old scene, the new position of the closest in-place anchor
	// before it; likewise the bound after it.
	anchorB := make([]int, len(da.scenes)+1) // anchorB[i]: new index of last in-place anchor before old i
	nextB := make([]int, len(da.scenes))
	anchorAt := map[int]int{}
	for k, p := range pairs {
		if inPlace[k] {
			anchorAt[p.a] = p.b
		}
	}
	last := -1
	for i := range da.scenes {
		anchorB[i] = last
		if b, ok := anchorAt[i]; ok {
			last = b
		}
	}
	next := len(db.scenes)
	for i := len(da.scenes) - 1; i >= 0; i-- {
		nextB[i] = next
		if b, ok := anchorAt[i]; ok {
			next = b
		}
	}
	if !slices.Contains(newOf, -1) || !slices.Contains(oldOf, -1) {
		return nil // every old or every new scene is matched
	}
	byHeading := map[string][]int{} // normalized heading -> unmatched new scenes, in order
	for j, s := range db.scenes {
		if oldOf[j] < 0 {
			h := normalize(s.heading)
			byHeading[h] = append(byHeading[h], j)
		}
	}
	var out []scenePair
	for i, j := range newOf {
		if j >= 0 {
			continue
		}
		for _, c := range byHeading[normalize(da.scenes[i].heading)] {
			if c <= anchorB[i] || oldOf[c] >= 0 {
				continue
			}
			if c >= nextB[i] {
				break
			}
			oldOf[c], newOf[i] = i, c
			out = append(out, scenePair{a: i, b: c})
			break
		}
	}
	return out
}

// sceneChange fills in a change's positions and sizes; i or j is -1 when
// the scene is absent on that side.
func sceneChange(da, db *doc, i, j int, bagA, bagB []int32) SceneChange {
	c := SceneChange{}
	if i >= 0 {
		s := da.scenes[i]
		c.OldScene, c.OldHeading, c.OldLine = i+1, s.heading, s.start+1
	}
	if j >= 0 {
		s := db.scenes[j]
		c.NewScene, c.NewHeading, c.NewLine = j+1, s.heading, s.start+1
	}
	n := common(bagA, bagB)
	c.LinesAdded, c.LinesRemoved = len(bagB)-n, len(bagA)-n
	if i >= 0 && j >= 0 {
		c.Similarity = dice(bagA, bagB)
	}
	return c
}

func equalHashes(x, y []uint64) bool {
	if len(x) != len(y) {
		return false
	}
	for i := range x {
		if x[i] != y[i] {
			return false
		}
	}
	return true
}
