package production

import (
	"strings"
	"time"
	"unicode/utf8"

	"github.com/scriptroom/scriptroom/internal/diff"
	"github.com/scriptroom/scriptroom/internal/fountain"
	"github.com/scriptroom/scriptroom/internal/screenplay"
)

// charDiffTimeout bounds the character diff of one changed element.
const charDiffTimeout = 100 * time.Millisecond

// span is a range of runes [a, b) of an element's printed text; a == b is
// the place of a deletion.
type span struct{ a, b int }

// markRows decides which printed lines of the draft get an asterisk: of a
// changed element, the printed lines that show inserted or changed words
// or the place of deleted ones (all its lines when its BASE element is not
// known, or its text has markup that printing removes); after a cut, the
// first printed line of the line that follows it; each OMITTED heading.
func (lk *locker) markRows() map[int]map[int]bool {
	rows := map[int]map[int]bool{}
	changes := map[int][]span{} // element -> changed spans; nil: all of it
	known := map[int]bool{}
	cutDone := map[int]bool{}
	for i := range lk.d.Doc.Pages {
		pg := &lk.d.Doc.Pages[i]
		for _, l := range pg.Lines {
			if l.Kind != screenplay.LineText || l.SourceLine <= 0 {
				continue
			}
			mark := false
			if lk.cutLines[l.SourceLine] && !cutDone[l.SourceLine] {
				mark, cutDone[l.SourceLine] = true, true
			}
			if lk.changedLines[l.SourceLine] && l.Element >= 0 {
				if !known[l.Element] {
					known[l.Element] = true
					changes[l.Element] = lk.elementChanges(l.Element)
				}
				sp := changes[l.Element]
				if sp == nil {
					mark = true
				} else {
					lo := l.Offset
					hi := lo + utf8.RuneCountInString(lineText(l))
					for _, s := range sp {
						if s.a < hi+1 && s.b > lo || s.a == s.b && s.a >= lo && s.a <= hi {
							mark = true
							break
						}
					}
				}
			}
			if mark {
				if rows[i] == nil {
					rows[i] = map[int]bool{}
				}
				rows[i][l.Row] = true
			}
		}
	}
	lk.d.changes = changes
	return rows
}

func lineText(l screenplay.Line) string {
	var b strings.Builder
	for _, s := range l.Spans {
		b.WriteString(s.Text)
	}
	return b.String()
}

// elementChanges returns the changed spans of element i of the draft
// against the BASE element it came from, or nil to mark all of it.
func (lk *locker) elementChanges(i int) []span {
	e := lk.d.Script.Elements[i]
	var be *fountain.Element
	for l := e.Line; l <= e.EndLine && be == nil; l++ {
		bl, ok := lk.fromNew[lk.fromText[l]]
		if !ok {
			continue
		}
		if k := elementAt(lk.base, bl); k < len(lk.base.Elements) && lk.base.Elements[k].Line <= bl {
			be = &lk.base.Elements[k]
		}
	}
	if be == nil || be.Type != e.Type || hasMarkup(be.Text) || hasMarkup(e.Text) {
		return nil
	}
	if e.Type == fountain.SceneHeading || e.Type == fountain.Character {
		return nil // printed in capitals, and one line: all of it
	}
	var out []span
	at := 0 // runes of the new text so far
	for _, s := range diff.Chars(be.Text, e.Text, charDiffTimeout) {
		n := utf8.RuneCountInString(s.Text)
		switch s.Kind {
		case diff.SegmentEqual:
			at += n
		case diff.SegmentInsert:
			out = append(out, span{at, at + n})
			at += n
		case diff.SegmentDelete:
			out = append(out, span{at, at})
		}
	}
	if len(out) == 0 {
		return []span{} // only what printing drops changed: no mark
	}
	return out
}

// hasMarkup says whether printing changes text's runes (emphasis, notes,
// escapes), so offsets in it are not offsets in what is printed.
func hasMarkup(s string) bool {
	return strings.ContainsAny(s, "*_\\") || strings.Contains(s, "[[")
}
