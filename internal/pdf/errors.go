package pdf

import "errors"

// ErrNoFont is returned when the document has characters that neither the
// core Courier font nor any of the candidate TrueType fonts can print. The
// error's text names the characters and the fonts tried.
var ErrNoFont = errors.New("no font covers these characters")

// ErrNilDocument is returned when Write is given no document.
var ErrNilDocument = errors.New("no document to print")
