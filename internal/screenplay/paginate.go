package screenplay

import (
	"math"
	"strings"

	"github.com/scriptroom/scriptroom/internal/fountain"
)

// Paginate lays s out on pages as Final Draft does: Courier 12 pt, 54 rows
// a page on Letter (58 on A4), the paragraph geometry of opts.Style
// (FinalDraftStyle by default) and Final Draft's page-break rules, as
// measured on its own page breaks (testdata/README.md):
//
//   - a scene heading is never the last thing on a page: it moves on with
//     the first lines of what follows it;
//   - a transition never starts a page: what precedes it moves with it;
//   - a speech is never split after its cue or a parenthetical; it splits
//     at a sentence end, keeping two lines above and two below, with
//     "(MORE)" under it (in the bottom margin) and the cue repeated with
//     "(CONT'D)" over the rest (in the top margin); otherwise it moves to
//     the next page whole;
//   - action splits at a sentence end with two lines on each side;
//   - dual dialogue is never split;
//   - "===" forces a new page;
//   - notes, boneyard, sections and synopses are not printed.
//
// A character who speaks again in the same scene with only action between
// gets Final Draft's automatic "(CONT'D)" (Style.AutoContd).
func Paginate(s *fountain.Script, opts Options) *Document {
	paper := opts.Paper
	if paper.Height <= 0 || paper.Width <= 0 {
		paper = Letter
	}
	st := FinalDraftStyle()
	if opts.Style != nil {
		st = *opts.Style
	}
	lay := layoutFor(paper, &st)
	blocks := buildBlocks(s, &st, opts.SceneNumbers)
	p := paginator{lpp: lay.LinesPerPage, st: &st}
	breaks := opts.Breaks
	for i := range blocks {
		b := blocks[i]
		if b.kind == bkBreak {
			if len(p.cur) > 0 {
				p.flush()
			}
			continue
		}
		if len(breaks) > 0 && b.kind != bkSpace {
			b, breaks = p.lockedBreaks(b, breaks)
		}
		var next, after *block
		if i+1 < len(blocks) && blocks[i+1].kind != bkBreak && !breakBefore(&blocks[i+1], breaks) {
			next = &blocks[i+1]
			if i+2 < len(blocks) && blocks[i+2].kind != bkBreak && !breakBefore(&blocks[i+2], breaks) {
				after = &blocks[i+2]
			}
		}
		p.place(b, next, after)
	}
	if len(p.cur) > 0 {
		p.flush()
	}
	if p.pages == nil {
		p.pages = []Page{}
	}
	return &Document{Layout: lay, TitlePage: s.TitlePage, Pages: p.pages}
}

// paginator fills pages with blocks.
type paginator struct {
	lpp   int
	st    *Style
	pages []Page
	cur   []Line
	row   int // the next free row of the current page
	// start is where the current page's text begins, once started.
	start   Position
	started bool
}

func (p *paginator) flush() {
	if p.cur == nil {
		p.cur = []Line{}
	}
	start := Position{Element: -1}
	if p.started {
		start = p.start
	}
	p.pages = append(p.pages, Page{Number: len(p.pages) + 1, Lines: p.cur, Start: start})
	p.cur, p.row, p.started = nil, 0, false
}

// place puts b on the current page, splitting it or moving it on to the
// next page as the rules say; next and after are the blocks after it (nil
// at a page break): a scene heading shares its page with the start of
// next, and a transition never starts a page.
func (p *paginator) place(b block, next, after *block) {
	for {
		before := b.before
		if p.row == 0 {
			before = 0
		}
		need := before + b.fitHeight()
		if b.kind == bkHeading && next != nil {
			top := p.minTop(next)
			need += next.before + top
			if top == next.fitHeight() && isTransition(after) {
				need += after.before + after.height() // what moves with it
			}
		}
		if isTransition(next) {
			need += next.before + next.height() // a transition never starts a page
		}
		if p.row+need <= p.lpp {
			p.emit(&b, before)
			return
		}
		avail := p.lpp - p.row - before
		if b.kind != bkHeading {
			if top, bot, ok := p.split(&b, avail, p.row == 0); ok {
				p.emit(&top, before)
				p.flush()
				b = bot
				continue
			}
		}
		if p.row == 0 {
			// Too tall for a page and no split: print what fits.
			p.emit(&b, 0)
			return
		}
		p.flush()
	}
}

func isTransition(b *block) bool {
	return b != nil && b.kind == bkPlain && b.parts[0].typ == fountain.Transition
}

// minTop is the fewest rows of b that may stand at the foot of a page: its
// smallest split-off top, or all of it.
func (p *paginator) minTop(b *block) int {
	best := b.fitHeight()
	p.eachSplit(b, false, true, p.lpp, func(top, _ *block, _ bool) bool {
		best = min(best, top.fitHeight())
		return false
	})
	return best
}

// split cuts b so that its top takes at most avail rows ("(MORE)" aside,
// which Final Draft prints in the bottom margin). Among the cuts the rules
// allow it prefers, as Final Draft does, one that leaves at least three
// lines of the speech for the next page, then the fullest top. loose also
// allows a cut at any line (for a block taller than a page).
func (p *paginator) split(b *block, avail int, loose bool) (top, bot block, ok bool) {
	bestSub, bestH := false, -1
	p.eachSplit(b, false, false, avail, func(t, u *block, whole bool) bool {
		h := t.fitHeight()
		if h > avail {
			return true
		}
		sub := true
		if bestH < 0 || sub && !bestSub || sub == bestSub && h > bestH {
			top, bot, ok = *t, *u, true
			bestSub, bestH = sub, h
		}
		return !sub // earlier cuts are shorter still
	})
	if !ok && loose {
		p.eachSplit(b, true, false, avail, func(t, u *block, _ bool) bool {
			if t.fitHeight() <= avail && t.height() > 0 {
				top, bot, ok = *t, *u, true
				return false
			}
			return true
		})
	}
	return top, bot, ok
}

// eachSplit calls f with each allowed (top, bottom) cut of b, from the
// latest to the earliest (or the earliest first when forward), until f
// returns false.
func (p *paginator) eachSplit(b *block, loose, forward bool, limit int, f func(top, bot *block, whole bool) bool) {
	type cut struct{ pi, k int }
	var cuts []cut
	switch b.kind {
	case bkPlain:
		pt := &b.parts[0]
		if pt.typ != fountain.Action && !loose {
			return
		}
		for _, k := range cutPoints(pt, loose) {
			cuts = append(cuts, cut{0, k})
		}
	case bkDialogue:
		for pi := 1; pi < len(b.parts); pi++ {
			pt := &b.parts[pi]
			if pi >= 2 {
				cuts = append(cuts, cut{pi, 0})
			}
			// A speech splits inside a paragraph of three lines or more.
			if pt.typ != fountain.Parenthetical && len(pt.lines) >= 3 || loose {
				for _, k := range cutPoints(pt, loose) {
					cuts = append(cuts, cut{pi, k})
				}
			}
		}
	default:
		return
	}
	for n := range cuts {
		c := cuts[len(cuts)-1-n]
		if forward {
			c = cuts[n]
		}
		if p.topEstimate(b, c.pi, c.k) > limit+1 {
			continue // cheaply known not to fit: skip building it
		}
		var top, bot block
		if b.kind == bkPlain {
			top, bot = p.cutPlain(b, c.k)
			// Two lines on each side, the bottom counted on the whole
			// paragraph's lines, as Final Draft counts it.
			if !loose && (len(top.parts[0].lines) < 2 || len(bot.parts[0].lines) < 2 ||
				len(b.parts[0].lines)-len(top.parts[0].lines) < 2) {
				continue
			}
		} else {
			top, bot = p.cutDialogue(b, c.pi, c.k)
			if !loose && !dialogueCutOK(&top, &bot) {
				continue
			}
			// Final Draft counts what goes over on the paragraph's own
			// lines: at least two of them.
			if !loose && c.k > 0 && len(b.parts[c.pi].lines)-len(top.parts[c.pi].lines)+colLines(b.parts[c.pi+1:]) < 2 {
				continue
			}
		}
		if !f(&top, &bot, c.k == 0) {
			return
		}
	}
}

// topEstimate is about the rows the top of b cut before offset k of part
// pi takes (the lines of the whole text that start before the cut), for
// skipping cuts that cannot fit.
func (p *paginator) topEstimate(b *block, pi, k int) int {
	n := colHeight(b.parts[:pi])
	pt := &b.parts[pi]
	lines := 0
	for _, l := range pt.lines {
		if l.a >= k {
			break
		}
		lines++
	}
	return n + lines*max(pt.ind.Spacing, 1)
}

// cutPoints are the offsets in a part's text where it may be cut: sentence
// ends, or with loose every wrapped line's start.
func cutPoints(pt *part, loose bool) []int {
	if !loose {
		return sentenceEnds(pt.text)
	}
	var out []int
	for _, l := range pt.lines[1:] {
		out = append(out, l.a)
	}
	return out
}

func (p *paginator) cutPlain(b *block, k int) (top, bot block) {
	pt := b.parts[0]
	top, bot = *b, *b
	top.parts = []part{newPart(pt.typ, pt.elem, pt.text.slice(0, k).trimmed(), pt.ind, pt.align, pt.kind)}
	bot.parts = []part{newPart(pt.typ, pt.elem, pt.text.slice(k, len(pt.text.r)).trimmed(), pt.ind, pt.align, pt.kind)}
	bot.before = 0
	return top, bot
}

// cutDialogue cuts a speech before offset k of part pi (k 0: before the
// part): the top gets "(MORE)", the bottom the cue with "(CONT'D)".
func (p *paginator) cutDialogue(b *block, pi, k int) (top, bot block) {
	top, bot = *b, *b
	top.parts = append([]part(nil), b.parts[:pi]...)
	pt := b.parts[pi]
	if k > 0 {
		top.parts = append(top.parts, newPart(pt.typ, pt.elem, pt.text.slice(0, k).trimmed(), pt.ind, pt.align, pt.kind))
	}
	ci := p.st.Character
	ci.Before = 0
	if p.st.MoreContd {
		mi := ci // "(MORE)" keeps the speech's line spacing, as Final Draft prints it
		if n := len(top.parts); n > 0 {
			mi.Spacing = top.parts[n-1].ind.Spacing
		}
		top.parts = append(top.parts, newPart(fountain.Character, b.cueElem, plainStyled("(MORE)", 0), mi, AlignLeft, LineMore))
	}
	cue := b.cue
	if p.st.MoreContd && !strings.HasSuffix(cue, contdLabel) {
		cue += " " + contdLabel // once: after an automatic one, Final Draft adds none
	}
	line := 0
	if !p.st.MoreContd && len(b.parts[0].text.ln) > 0 {
		line = int(b.parts[0].text.ln[0])
	}
	kind := LineContd
	if !p.st.MoreContd {
		kind = LineText
	}
	bot.parts = []part{newPart(fountain.Character, b.cueElem, plainStyled(cue, line), ci, AlignLeft, kind)}
	if k > 0 {
		bot.parts = append(bot.parts, newPart(pt.typ, pt.elem, pt.text.slice(k, len(pt.text.r)).trimmed(), pt.ind, pt.align, pt.kind))
	} else {
		bot.parts = append(bot.parts, pt)
	}
	bot.parts = append(bot.parts, b.parts[pi+1:]...)
	bot.before = 0
	return top, bot
}

// dialogueCutOK says whether a speech may break between top and bot: the
// top must not end with a parenthetical and keeps a line of dialogue; the
// bottom keeps at least two lines.
func dialogueCutOK(top, bot *block) bool {
	content := top.parts[1:]
	if n := len(content); n > 0 && content[n-1].kind == LineMore {
		content = content[:n-1]
	}
	if len(content) == 0 || content[len(content)-1].typ == fountain.Parenthetical {
		return false
	}
	return colLines(content) >= 2 && colLines(bot.parts[1:]) >= 2
}

// colLines counts the printed lines of parts, whatever their spacing.
func colLines(ps []part) int {
	n := 0
	for i := range ps {
		n += len(ps[i].lines)
	}
	return n
}

// emit prints b on the current page after before blank rows.
func (p *paginator) emit(b *block, before int) {
	p.row += before
	if b.kind == bkSpace {
		p.row += b.space
		return
	}
	if b.kind == bkDual {
		l := p.emitColumn(b.parts, p.row, ColumnLeft, b.number)
		r := p.emitColumn(b.right, p.row, ColumnRight, "")
		p.row = max(l, r)
		return
	}
	p.row = p.emitColumn(b.parts, p.row, ColumnFull, b.number)
}

// emitColumn prints parts from row on and returns the row after them.
func (p *paginator) emitColumn(parts []part, row int, col Column, number string) int {
	if p.cur == nil {
		p.cur = make([]Line, 0, p.lpp)
	}
	for i := range parts {
		pt := &parts[i]
		ind := pt.ind
		if pt.kind == LineContd && row == 0 {
			row = -len(pt.lines) // in the top margin
		}
		// A double-spaced paragraph (Spacing 2, Final Draft's multicam
		// dialogue) leaves its blank row before each line, as Final Draft
		// prints it: under the cue, none after the last line.
		gap := max(ind.Spacing, 1) - 1
		if pt.kind == LineMore {
			gap = max(min(gap, p.lpp-row), 0) // never below the foot's one row
		}
		for _, l := range pt.lines {
			if row+gap >= p.lpp && (pt.kind != LineMore || row+gap > p.lpp) {
				return row
			}
			// Final Draft lets a line run a character or two past its box
			// (see Indent.chars); Width says so, for printers.
			w := round3(max(ind.Right-ind.Left, float64(l.b-l.a)/10))
			ln := Line{Row: row + gap, X: round3(ind.Left), Width: w, Align: pt.align, Column: col, Kind: pt.kind,
				Type: pt.typ, Spans: pt.text.spans(l.a, l.b), Element: pt.elem, Offset: pt.text.off + l.a}
			if pt.kind == LineText && len(pt.text.ln) > 0 {
				ln.SourceLine = int(pt.text.ln[min(l.a, len(pt.text.ln)-1)])
			}
			if pt.kind == LineText && !p.started {
				p.start, p.started = Position{Element: pt.elem, Offset: pt.text.off + l.a}, true
			}
			if number != "" {
				ln.SceneNumber, number = number, ""
			}
			p.cur = append(p.cur, ln)
			row += max(pt.ind.Spacing, 1)
		}
	}
	return row
}

// dualIndent is the geometry of a dual-dialogue paragraph: the body is
// halved, the left speech in 1.5"–4.5" and the right one in 4.5"–7.5".
func dualIndent(t fountain.ElementType, k LineKind, col Column) Indent {
	base := 1.5
	if col == ColumnRight {
		base = 4.5
	}
	switch {
	case t == fountain.Character || k != LineText:
		return Indent{Left: base + 0.9, Right: base + 2.9, Spacing: 1}
	case t == fountain.Parenthetical:
		return Indent{Left: base + 0.4, Right: base + 2.6, Spacing: 1}
	}
	return Indent{Left: base + 0.1, Right: base + 2.9, Spacing: 1}
}

// round3 rounds inches to a thousandth, so that 7.1-5.5 is 1.6.
func round3(x float64) float64 { return math.Round(x*1000) / 1000 }
