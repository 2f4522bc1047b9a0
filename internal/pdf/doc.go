// Package pdf prints a paginated screenplay (a screenplay.Document) as an
// industry-formatted PDF: Courier 12 pt, ten characters per inch, six lines
// per inch, page numbers at the top right from page 2, scene numbers in both
// margins, a title page, and revision marks (an asterisk in the right margin
// of every changed line, the revision colour in the page header).
//
// The package draws and decides nothing about layout: every line arrives
// with its row, position and width from internal/screenplay. Text that the
// core Courier font cannot print (anything outside Windows-1252) is printed
// with TrueType fonts found on the system and embedded in the PDF, each
// character with the first font that has it (SystemFonts lists them, best
// first). An export never fails for want of a glyph: a character no font
// has is printed as a visible box and named in the Report Write returns.
// Lines with Hebrew or Arabic are put in visual order by the Unicode
// bidirectional algorithm, and Arabic letters take their joined forms
// (presentation forms) where the font has them.
//
// It imports internal/screenplay, internal/fountain, internal/diff,
// github.com/go-pdf/fpdf, golang.org/x/image/font/sfnt,
// golang.org/x/text/encoding/charmap, golang.org/x/text/unicode/bidi and the standard
// library; it must never import the app, the store or the sync packages.
package pdf
