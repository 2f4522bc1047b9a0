package production

import (
	"regexp"
	"strings"

	"github.com/scriptroom/scriptroom/internal/fountain"
	"github.com/scriptroom/scriptroom/internal/screenplay"
)

// Options choose how both revisions are paginated. The zero value is
// Letter paper and Final Draft's style.
type Options struct {
	Paper screenplay.Paper
	Style *screenplay.Style
	// Pages are BASE's locked pages, as a Final Draft production draft
	// holds them: each starts where it says and prints its label. Nil:
	// BASE is paginated afresh, its pages numbered 1, 2, 3….
	Pages []LockedPage
}

// Draft is NEW laid out against the locked BASE.
type Draft struct {
	// Text is NEW with every scene's locked number written as "#12A#" and
	// a ".OMITTED #12#" heading where each cut scene was.
	Text   string
	Script *fountain.Script
	// Doc is Text paginated on BASE's page breaks; every page's Label is
	// its locked number ("12", "12A", "13-14").
	Doc *screenplay.Document
	// Marks are the lines of Text that changed: inserted or changed, the
	// OMITTED headings, and the line after each cut.
	Marks map[int]bool
	// Rows are the printed lines with an asterisk, by page index and row
	// (pdf.Marks.Rows): of a long paragraph only the lines that changed.
	Rows map[int]map[int]bool
	// Scenes are NEW's scenes and the omitted ones, in order.
	Scenes []Scene
	// Pages say, for each page of Doc, what happened to it.
	Pages []PageInfo
	// BasePages is how many pages BASE has.
	BasePages int

	// toText maps each line of NEW to the line of Text that shows it.
	toText map[int]int
	// fromText is toText's inverse, made by NewLine when first asked.
	fromText map[int]int
	// setOf is the revision set (an index into LockSets' sets) each line
	// of Marks belongs to; nil for a draft made by Lock.
	setOf map[int]int
	// nSets is how many sets LockSets was given.
	nSets int

	// changes are the changed runes of each marked element of Script (nil:
	// all of it), and cuts the lines of Text that follow a cut: what an
	// FDX export marks as revised and deleted text.
	changes map[int][]span
	cuts    map[int]bool
}

// Lock lays NEW out as a production draft of the locked BASE (both
// Fountain texts): scene and page numbers as BASE has them, new scenes and
// pages lettered, cut scenes omitted, changed lines marked.
func Lock(base, next string, opts Options) *Draft {
	return NewLocked(base, opts).Draft(next)
}

// parsedNext is NEW as the lock reads it: parsed, its headings' numbers
// removed, and its line map against BASE once made.
type parsedNext struct {
	script *fountain.Script
	scenes []fountain.Scene
	text   string // unnumbered
	base   *lineMap
}

func parseNext(next string) *parsedNext {
	ns := fountain.Parse(next)
	sc := ns.Scenes()
	return &parsedNext{script: ns, scenes: sc, text: unnumbered(next, sc)}
}

// lock is Lock; keep, when not nil, is asked of each marked line of the
// draft's text (with the line of NEW it shows; for an OMITTED heading the
// line it stands before, 0 at the end) whether its mark stays, before the printed rows are marked.
func (lb *Locked) lock(next string, pn *parsedNext, keep func(line, newLine int) bool, cleared bool) *Draft {
	bs := lb.script
	if pn == nil {
		pn = parseNext(next)
	}
	bScenes, nScenes := lb.scenes, pn.scenes
	// Scene numbers are the lock's to give: headings compare without them.
	if pn.base == nil {
		m := mapLines(lb.unnumbered, pn.text)
		pn.base = &m
	}
	m := *pn.base
	match := matchScenes(lb.lines, bScenes, nScenes, m)
	nums, omitted := numberScenes(lb.nums, match, len(nScenes))

	d := &Draft{}
	text, toText, omittedLines, omittedBefore := writeNumbers(next, nScenes, nums, omitted)
	d.Text = text
	d.Script = fountain.Parse(text)
	lk := &locker{d: d, base: bs, changedLines: map[int]bool{}, cutLines: map[int]bool{},
		fromText: map[int]int{}, fromNew: map[int]int{}}
	for n, t := range toText {
		lk.fromText[t] = n
	}
	for b, n := range m.equal {
		lk.fromNew[n] = b
	}
	for b, n := range m.changed {
		lk.fromNew[n] = b
	}
	d.Marks = map[int]bool{}
	for l := range m.marks {
		lk.changedLines[toText[l]] = true
	}
	for l := range omittedLines {
		lk.changedLines[l] = true
	}
	for l := range m.cuts {
		// A cut scene's OMITTED heading already marks where it was.
		if t := toText[l]; !omittedLines[t-2] {
			lk.cutLines[t] = true
		}
	}
	if keep != nil {
		textLines := strings.Count(d.Text, "\n") + 1
		for _, set := range []map[int]bool{lk.changedLines, lk.cutLines} {
			for l := range set {
				n, ok := lk.fromText[l]
				for k := l + 1; !ok && k <= textLines; k++ {
					n, ok = lk.fromText[k] // an OMITTED heading: the line it stands before
				}
				if !keep(l, n) {
					delete(set, l)
				}
			}
		}
	}
	d.toText = toText
	for l := range lk.changedLines {
		d.Marks[l] = true
	}
	for l := range lk.cutLines {
		d.Marks[l] = true
	}
	d.cuts = lk.cutLines

	popts := screenplay.Options{Paper: lb.opts.Paper, Style: lb.opts.Style, SceneNumbers: true}
	d.BasePages = len(lb.pages)
	anchors := anchorPages(bs, lb.starts(), d.Script, m, toText, omittedBefore)
	if len(anchors) > 1 {
		popts.Breaks = anchors[1:]
	}
	d.Doc = screenplay.Paginate(d.Script, popts)
	d.Rows = lk.markRows()
	// A scene is revised when a printed line of it carries a mark: a new
	// synopsis or note changes the text, not the pages the crew holds.
	d.Scenes = draftScenes(d.Script, nScenes, nums, match, toText, printedMarks(d.Doc, d.Rows))
	d.Pages = lb.labelPages(d.Doc, anchors, d.Rows, !cleared)
	return d
}

// locker holds what Lock works out on the way, for marking rows.
type locker struct {
	d            *Draft
	base         *fountain.Script
	changedLines map[int]bool // lines of the draft's text inserted or changed
	cutLines     map[int]bool // lines of the draft's text that follow a cut
	fromText     map[int]int  // draft text line -> NEW line
	fromNew      map[int]int  // NEW line -> BASE line (equal or changed)
}

// endOfText keys omittedBefore for the OMITTED headings after NEW's end.
const endOfText = -1

// trailingNumber is a heading's own "#n#" at its end.
var trailingNumber = regexp.MustCompile(`\s*#[^#\n]*#\s*$`)

// writeNumbers writes each scene's number into next's headings and an
// OMITTED heading where each cut scene was. It returns the text, the map
// of next's lines to the text's, the lines of the OMITTED headings, and for
// a line of next that OMITTED headings were put before, the first of them.
func writeNumbers(next string, scenes []fountain.Scene, nums []string, omitted map[int][]string) (string, map[int]int, map[int]bool, map[int]int) {
	lines := strings.Split(next, "\n")
	heading := map[int]int{} // line -> scene index
	for j, sc := range scenes {
		heading[sc.Line] = j
	}
	out := make([]string, 0, len(lines)+4*len(omitted))
	toText := make(map[int]int, len(lines))
	omittedLines := map[int]bool{}
	omittedBefore := map[int]int{}
	omit := func(at int) {
		for _, n := range omitted[at] {
			out = append(out, ".OMITTED #"+n+"#")
			omittedLines[len(out)] = true
			out = append(out, "")
		}
	}
	for i, l := range lines {
		n := i + 1
		if j, ok := heading[n]; ok {
			if len(omitted[j]) > 0 {
				omittedBefore[n] = len(out) + 1
			}
			omit(j)
			cr := strings.HasSuffix(l, "\r")
			l = trailingNumber.ReplaceAllString(strings.TrimSuffix(l, "\r"), "") + " #" + nums[j] + "#"
			if cr {
				l += "\r"
			}
		}
		out = append(out, l)
		toText[n] = len(out)
	}
	if len(omitted[len(scenes)]) > 0 {
		if len(out) > 0 && strings.TrimSpace(out[len(out)-1]) != "" {
			out = append(out, "")
		}
		omittedBefore[endOfText] = len(out) + 1
		omit(len(scenes))
		out = out[:len(out)-1] // no blank line after the last one
		if strings.HasSuffix(next, "\n") {
			out = append(out, "")
		}
	}
	return strings.Join(out, "\n"), toText, omittedLines, omittedBefore
}

// printedMarks returns the source lines of the draft's text that print
// with an asterisk.
func printedMarks(doc *screenplay.Document, rows map[int]map[int]bool) map[int]bool {
	out := map[int]bool{}
	for i, r := range rows {
		if i < 0 || i >= len(doc.Pages) {
			continue
		}
		for _, l := range doc.Pages[i].Lines {
			if r[l.Row] && l.SourceLine > 0 {
				out[l.SourceLine] = true
			}
		}
	}
	return out
}

// draftScenes lists the scenes of the draft's text with their status.
func draftScenes(s *fountain.Script, nScenes []fountain.Scene, nums []string, match []int, toText map[int]int, marks map[int]bool) []Scene {
	matched := map[int]bool{}
	for _, j := range match {
		if j >= 0 {
			matched[j] = true
		}
	}
	byLine := map[int]int{} // text line -> NEW scene
	for j, sc := range nScenes {
		byLine[toText[sc.Line]] = j
	}
	var out []Scene
	for _, sc := range s.Scenes() {
		j, isNew := byLine[sc.Line]
		st := SceneKept
		switch {
		case !isNew:
			st = SceneOmitted
		case !matched[j]:
			st = SceneNew
		default:
			for l := sc.Line; l <= sc.EndLine; l++ {
				if marks[l] {
					st = SceneRevised
					break
				}
			}
		}
		out = append(out, Scene{Number: sc.Number, Heading: fountain.Plain(sc.Heading), Status: st, Line: sc.Line})
	}
	return out
}

// unnumbered is text with the "#n#" numbers of its scene headings removed
// (lines stay where they are).
func unnumbered(text string, scenes []fountain.Scene) string {
	if !strings.Contains(text, "#") {
		return text
	}
	lines := strings.Split(text, "\n")
	for _, sc := range scenes {
		if sc.Number != "" && sc.Line <= len(lines) {
			l := lines[sc.Line-1]
			cr := strings.HasSuffix(l, "\r")
			l = trailingNumber.ReplaceAllString(strings.TrimSuffix(l, "\r"), "")
			if cr {
				l += "\r"
			}
			lines[sc.Line-1] = l
		}
	}
	return strings.Join(lines, "\n")
}
