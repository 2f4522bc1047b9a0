package pdf

// Arabic letters change shape with their neighbours. Without a shaping
// engine, the printer substitutes Unicode's presentation forms B
// (U+FE70–U+FEFF), which fonts such as DejaVu Sans and FreeMono carry:
// each letter's isolated, final, initial or medial form, and the lam-alef
// ligatures. A form no font of the document has is left as the base letter.

// arabicLetter is a letter's presentation forms; dual letters join on both
// sides, the others (alef, dal, reh, waw, …) only to the letter before.
type arabicLetter struct {
	isolated rune // the first of its forms: isolated, final[, initial, medial]
	dual     bool
}

// arabicLetters maps U+0621–U+064A to their forms; Unicode lays the forms
// out in the letters' order, two for right-joining letters and four for
// dual-joining ones.
var arabicLetters = func() map[rune]arabicLetter {
	// The joining type of each letter from U+0621 (hamza) on: 'U' does not
	// join, 'R' joins the letter before, 'D' both; 0 is a gap in the block
	// (U+063B–U+063F are not in presentation forms B).
	const types = "URRRRDRDRDDDDDRRRRDDDDDDDD000000" + // U+0621–U+0640
		"DDDDDDDRRD" // U+0641–U+064A
	m := map[rune]arabicLetter{}
	form := rune(0xFE80)
	for i, t := range types {
		r := rune(0x0621 + i)
		switch t {
		case 'U':
			m[r] = arabicLetter{isolated: form}
			form++
		case 'R':
			m[r] = arabicLetter{isolated: form}
			form += 2
		case 'D':
			m[r] = arabicLetter{isolated: form, dual: true}
			form += 4
		}
	}
	return m
}()

const (
	arabicLam     = 0x0644
	arabicTatweel = 0x0640 // the kashida: joins both sides, has no forms
)

// lamAlef are the lam-alef ligatures (isolated; the final form follows)
// by the alef that follows the lam.
var lamAlef = map[rune]rune{0x0622: 0xFEF5, 0x0623: 0xFEF7, 0x0625: 0xFEF9, 0x0627: 0xFEFB}

// arabicForms returns the presentation forms r may be printed with.
func arabicForms(r rune) []rune {
	l, ok := arabicLetters[r]
	if !ok {
		return nil
	}
	n := 2
	if l.dual {
		n = 4
	}
	if r == 0x0621 {
		n = 1
	}
	out := make([]rune, 0, n+2)
	for i := range n {
		out = append(out, l.isolated+rune(i))
	}
	if lig, ok := lamAlef[r]; ok {
		out = append(out, lig, lig+1)
	}
	return out
}

// transparent reports whether r is a mark (a vowel sign) that letters join
// across.
func transparent(r rune) bool {
	return (r >= 0x064B && r <= 0x065F) || r == 0x0670
}

// joinsNext reports whether r connects to the letter after it.
func joinsNext(r rune) bool {
	if r == arabicTatweel {
		return true
	}
	l, ok := arabicLetters[r]
	return ok && l.dual
}

// joinsPrev reports whether r connects to the letter before it.
func joinsPrev(r rune) bool {
	if r == arabicTatweel {
		return true
	}
	_, ok := arabicLetters[r]
	return ok && r != 0x0621
}

// shapeArabic replaces the Arabic letters of rs, in logical order, with
// their contextual forms when has reports a font for the form. A lam
// followed by an alef becomes one ligature (the alef is removed).
func shapeArabic(rs []styledRune, has func(rune) bool) []styledRune {
	neighbour := func(i, step int) rune {
		for j := i + step; j >= 0 && j < len(rs); j += step {
			if !transparent(rs[j].r) {
				return rs[j].r
			}
		}
		return 0
	}
	out := rs[:0:0]
	for i := 0; i < len(rs); i++ {
		c := rs[i]
		l, ok := arabicLetters[c.r]
		if !ok {
			out = append(out, c)
			continue
		}
		prev, next := neighbour(i, -1), neighbour(i, 1)
		linkPrev := joinsPrev(c.r) && joinsNext(prev)
		if c.r == arabicLam {
			if lig, ok := lamAlef[next]; ok && i+1 < len(rs) && rs[i+1].r == next {
				if linkPrev {
					lig++
				}
				if has(lig) {
					c.r = lig
					out = append(out, c)
					i++ // the alef is in the ligature
					continue
				}
			}
		}
		linkNext := l.dual && joinsPrev(next)
		form := l.isolated
		switch {
		case linkPrev && linkNext:
			form += 3
		case linkNext:
			form += 2
		case linkPrev:
			form++
		}
		if has(form) {
			c.r = form
		}
		out = append(out, c)
	}
	return out
}
