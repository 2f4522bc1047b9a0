package diff

import (
	"strings"
	"time"

	"github.com/scriptroom/scriptroom/internal/fountain"
)

// mergeTimeout bounds each of the two line diffs of a merge. A coarser diff
// is still correct but may report conflicts a minimal one would not, so a
// merge gets more time than an interactive comparison.
const mergeTimeout = 2 * time.Second

// MergeOptions tune Merge. The zero value is the default.
type MergeOptions struct {
	// OursLabel, BaseLabel and TheirsLabel follow the conflict markers;
	// empty means "ours", "base" and "theirs".
	OursLabel, BaseLabel, TheirsLabel string
	// ShowBase writes the base text inside conflicts ("|||||||" section),
	// as git's diff3 conflict style does.
	ShowBase bool
}

// Conflict is a region that both sides changed differently. Texts keep their
// line terminators; line ranges are 1-based and inclusive (End = Start-1
// when the side has no lines there).
type Conflict struct {
	Base        string `json:"base"`
	Ours        string `json:"ours"`
	Theirs      string `json:"theirs"`
	BaseStart   int    `json:"baseStart"`
	BaseEnd     int    `json:"baseEnd"`
	OursStart   int    `json:"oursStart"`
	OursEnd     int    `json:"oursEnd"`
	TheirsStart int    `json:"theirsStart"`
	TheirsEnd   int    `json:"theirsEnd"`
	// Line is the 1-based line of the "<<<<<<<" marker in MergeResult.Text.
	Line int `json:"line"`
	// Scene is the heading of the base scene the conflict is in.
	Scene string `json:"scene,omitempty"`
	// Elements are the types of the base elements the conflict covers.
	Elements []fountain.ElementType `json:"elements"`
}

// MergeResult is the outcome of a three-way merge.
type MergeResult struct {
	// Text is the merged text, with conflict markers around each conflict.
	Text      string     `json:"text"`
	Conflicts []Conflict `json:"conflicts"`
	Clean     bool       `json:"clean"` // no conflicts
}

// Merge merges the changes from base to ours and from base to theirs.
func Merge(base, ours, theirs string) MergeResult {
	return MergeWith(base, ours, theirs, MergeOptions{})
}

// chunk is a region of the three texts: stable (the same lines in all
// three) or not, with 0-based half-open line ranges.
type chunk struct {
	stable     bool
	conflict   bool
	o0, o1     int // base
	a0, a1     int // ours
	b0, b1     int // theirs
	resolution int // for a clean unstable chunk: 1 take ours, 2 take theirs
}

// MergeWith is Merge with options.
//
// It is diff3 over the line diffs base→ours and base→theirs: base lines
// matched in both at the expected places are stable; between them, a chunk
// changed on one side only takes that side, a chunk changed alike on both
// takes it once, and anything else conflicts. Conflicts then grow to whole
// Fountain elements: they absorb the unchanged lines around them up to a
// blank line, so a conflict never splits a speech or a paragraph, and
// conflicts that meet are joined.
func MergeWith(base, ours, theirs string, opts MergeOptions) MergeResult {
	lo, la, lb := SplitLines(base), SplitLines(ours), SplitLines(theirs)
	chunks := diff3(lo, la, lb)
	chunks = growConflicts(chunks, lo)

	labels := [3]string{"ours", "base", "theirs"}
	for i, l := range []string{opts.OursLabel, opts.BaseLabel, opts.TheirsLabel} {
		if l != "" {
			labels[i] = l
		}
	}
	res := MergeResult{Conflicts: []Conflict{}}
	var sb strings.Builder
	line := 1
	write := func(ls []string) {
		for _, l := range ls {
			sb.WriteString(l)
			line++
		}
	}
	writeSide := func(ls []string) {
		write(ls)
		if n := len(ls); n > 0 && !hasNewline(ls[n-1]) {
			sb.WriteByte('\n')
		}
	}
	var bd *doc
	for _, c := range chunks {
		switch {
		case c.stable:
			write(lo[c.o0:c.o1])
		case !c.conflict && c.resolution == 1:
			write(la[c.a0:c.a1])
		case !c.conflict:
			write(lb[c.b0:c.b1])
		default:
			if bd == nil {
				bd = newDoc(base)
			}
			cf := Conflict{
				Base: strings.Join(lo[c.o0:c.o1], ""), Ours: strings.Join(la[c.a0:c.a1], ""), Theirs: strings.Join(lb[c.b0:c.b1], ""),
				BaseStart: c.o0 + 1, BaseEnd: c.o1, OursStart: c.a0 + 1, OursEnd: c.a1, TheirsStart: c.b0 + 1, TheirsEnd: c.b1,
				Line: line, Elements: []fountain.ElementType{},
			}
			at := c.o0
			if at == c.o1 && at > 0 {
				at--
			}
			cf.Scene = bd.sceneHeading(at)
			last := -1
			for l := c.o0; l < c.o1; l++ {
				if ei := int(bd.lineElem[l]); ei >= 0 && ei != last {
					cf.Elements = append(cf.Elements, bd.elements[ei].Type)
					last = ei
				}
			}
			res.Conflicts = append(res.Conflicts, cf)
			sb.WriteString("<<<<<<< " + labels[0] + "\n")
			line++
			writeSide(la[c.a0:c.a1])
			if opts.ShowBase {
				sb.WriteString("||||||| " + labels[1] + "\n")
				line++
				writeSide(lo[c.o0:c.o1])
			}
			sb.WriteString("=======\n")
			line++
			writeSide(lb[c.b0:c.b1])
			sb.WriteString(">>>>>>> " + labels[2] + "\n")
			line++
		}
	}
	res.Text = sb.String()
	res.Clean = len(res.Conflicts) == 0
	return res
}

// matches returns, for each base line, the line of the other text it is
// matched with by the line diff, or -1.
func matches(base, other []string) []int {
	m := make([]int, len(base))
	for i := range m {
		m[i] = -1
	}
	edits, _ := lineDiff(base, other, false, limits{deadline: time.Now().Add(mergeTimeout)})
	for _, e := range edits {
		if e.Kind == EditEqual {
			for k := 0; k < e.LeftEnd-e.LeftStart; k++ {
				m[e.LeftStart+k] = e.RightStart + k
			}
		}
	}
	return m
}

// diff3 cuts the three texts into stable and unstable chunks and resolves
// the unstable ones that changed on one side only, or alike on both.
func diff3(lo, la, lb []string) []chunk {
	ma, mb := matches(lo, la), matches(lo, lb)
	var out []chunk
	i, j, k := 0, 0, 0
	for i < len(lo) || j < len(la) || k < len(lb) {
		n := 0
		for i+n < len(lo) && ma[i+n] == j+n && mb[i+n] == k+n {
			n++
		}
		if n > 0 {
			out = append(out, chunk{stable: true, o0: i, o1: i + n, a0: j, a1: j + n, b0: k, b1: k + n})
			i, j, k = i+n, j+n, k+n
			continue
		}
		o := i
		for o < len(lo) && (ma[o] < 0 || mb[o] < 0) {
			o++
		}
		ja, kb := len(la), len(lb)
		if o < len(lo) {
			ja, kb = ma[o], mb[o]
		}
		c := chunk{o0: i, o1: o, a0: j, a1: ja, b0: k, b1: kb}
		resolve(&c, lo, la, lb)
		out = append(out, c)
		i, j, k = o, ja, kb
	}
	return out
}

func resolve(c *chunk, lo, la, lb []string) {
	oursSame := equalLines(lo[c.o0:c.o1], la[c.a0:c.a1])
	theirsSame := equalLines(lo[c.o0:c.o1], lb[c.b0:c.b1])
	switch {
	case oursSame:
		c.resolution = 2
	case theirsSame, equalLines(la[c.a0:c.a1], lb[c.b0:c.b1]):
		c.resolution = 1
	default:
		c.conflict = true
	}
}

func equalLines(x, y []string) bool {
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

// growConflicts widens each conflict to whole elements: it takes in the
// non-blank stable lines next to it (the rest of the paragraph or speech),
// and a conflict that then touches another unstable chunk swallows it.
func growConflicts(chunks []chunk, lo []string) []chunk {
	blank := func(l string) bool { return strings.TrimSpace(l) == "" }
	for changed := true; changed; {
		changed = false
		for x := 0; x < len(chunks); x++ {
			c := &chunks[x]
			if !c.conflict {
				continue
			}
			// Backward.
			if x > 0 {
				p := &chunks[x-1]
				switch {
				case p.stable:
					n := 0
					for p.o1-n > p.o0 && !blank(lo[p.o1-n-1]) {
						n++
					}
					if n > 0 {
						p.o1, p.a1, p.b1 = p.o1-n, p.a1-n, p.b1-n
						c.o0, c.a0, c.b0 = c.o0-n, c.a0-n, c.b0-n
						changed = true
					}
					if p.o1 == p.o0 {
						chunks = append(chunks[:x-1], chunks[x:]...)
						x--
						c = &chunks[x]
					}
				default:
					p.o1, p.a1, p.b1 = c.o1, c.a1, c.b1
					p.conflict = true
					chunks = append(chunks[:x], chunks[x+1:]...)
					x--
					c = &chunks[x]
					changed = true
				}
			}
			// Forward.
			if x+1 < len(chunks) {
				q := &chunks[x+1]
				switch {
				case q.stable:
					n := 0
					for q.o0+n < q.o1 && !blank(lo[q.o0+n]) {
						n++
					}
					if n > 0 {
						q.o0, q.a0, q.b0 = q.o0+n, q.a0+n, q.b0+n
						c.o1, c.a1, c.b1 = c.o1+n, c.a1+n, c.b1+n
						changed = true
					}
					if q.o0 == q.o1 {
						chunks = append(chunks[:x+1], chunks[x+2:]...)
					}
				default:
					c.o1, c.a1, c.b1 = q.o1, q.a1, q.b1
					chunks = append(chunks[:x+1], chunks[x+2:]...)
					changed = true
				}
			}
		}
	}
	return chunks
}
