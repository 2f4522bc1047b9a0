// Package pdf prints a paginated screenplay (a screenplay.Document) as an
// industry-formatted PDF: Courier 12 pt, ten characters per inch, six lines
// per inch, page numbers at the top right from page 2, scene numbers in both
// margins, a title page, and revision marks (an asterisk in the right margin
// of every changed line, the revision colour in the page header).
//
// The package draws and decides nothing about layout: every line arrives
// with its row, position and width from internal/screenplay. Text that the
// core Courier font cannot print (anything outside Windows-1252) is printed
// with TrueType fonts found on the system and embedded in the PDF; when no
// font covers a character, Write fails with ErrNoFont instead of printing
// empty boxes.
//
// It imports internal/screenplay, internal/fountain, internal/diff,
// github.com/go-pdf/fpdf, golang.org/x/image/font/sfnt,
// golang.org/x/text/encoding/charmap and the standard
// library; it must never import the app, the store or the sync packages.
package pdf
