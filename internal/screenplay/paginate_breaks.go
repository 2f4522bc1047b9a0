package screenplay

// This file places the forced page breaks of Options.Breaks: the locked
// page starts of a production draft.

// blockStart is where b's text begins.
func blockStart(b *block) Position {
	return Position{Element: b.parts[0].elem, Offset: b.parts[0].text.off}
}

// textStart is where b's own text begins: a speech's first paragraph
// after its cue (a break there breaks before the cue).
func textStart(b *block) Position {
	if b.kind == bkDialogue && len(b.parts) > 1 {
		return Position{Element: b.parts[1].elem, Offset: b.parts[1].text.off}
	}
	return blockStart(b)
}

// breakBefore says whether the first of breaks falls at or before the start
// of b: b then begins a new page, and the block before it must not count
// on sharing a page with it.
func breakBefore(b *block, breaks []Position) bool {
	if len(breaks) == 0 || len(b.parts) == 0 || b.kind == bkSpace || b.kind == bkBreak {
		return false
	}
	return !textStart(b).Before(breaks[0])
}

// lockedBreaks starts a new page before b for every break at or before its
// start, and cuts b at every break inside it (placing the tops, each
// followed by a new page). It returns what is left of b to place and the
// breaks still to come: a break inside b where b cannot be cut stays, and
// the page then breaks after b.
func (p *paginator) lockedBreaks(b block, breaks []Position) (block, []Position) {
	for len(breaks) > 0 {
		if !textStart(&b).Before(breaks[0]) {
			if len(p.cur) > 0 {
				p.flush()
			}
			breaks = breaks[1:]
			continue
		}
		top, bot, ok := p.cutAt(&b, breaks[0])
		if !ok {
			return b, breaks
		}
		breaks = breaks[1:]
		p.place(*top, nil, nil)
		if len(p.cur) > 0 {
			p.flush()
		}
		b = *bot
	}
	return b, breaks
}

// cutAt cuts b at pos, or at the first place after it where b may be cut
// (a sentence end, a paragraph of a speech). ok is false when pos comes
// after b's text or b cannot be cut after it (a heading, dual dialogue).
func (p *paginator) cutAt(b *block, pos Position) (top, bot *block, ok bool) {
	switch b.kind {
	case bkPlain:
		pt := &b.parts[0]
		if pos.Element != pt.elem {
			return nil, nil, false
		}
		if k, found := cutAfter(pt, pos.Offset-pt.text.off); found {
			t, u := p.cutPlain(b, k)
			return &t, &u, true
		}
	case bkDialogue:
		for pi := 1; pi < len(b.parts); pi++ {
			pt := &b.parts[pi]
			if pt.kind != LineText || pos.Element > pt.elem {
				continue
			}
			k := 0
			if pos.Element == pt.elem {
				var found bool
				if k, found = cutAfter(pt, pos.Offset-pt.text.off); !found {
					continue // the next paragraph's start
				}
			}
			t, u := p.cutDialogue(b, pi, k)
			return &t, &u, true
		}
	}
	return nil, nil, false
}

// cutAfter returns the first place at or after offset k in pt's text where
// it may be cut across pages (0 when k is at or before its start).
func cutAfter(pt *part, k int) (int, bool) {
	if k <= 0 {
		return 0, true
	}
	for _, e := range sentenceEnds(pt.text) {
		if e >= k && e < len(pt.text.r) {
			return e, true
		}
	}
	return 0, false
}
