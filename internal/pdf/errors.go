package pdf

import "errors"

// ErrNilDocument is returned when Write is given no document.
var ErrNilDocument = errors.New("no document to print")
