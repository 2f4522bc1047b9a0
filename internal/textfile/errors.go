package textfile

import "errors"

var (
	// ErrTooLarge is returned when a file is larger than MaxSize.
	ErrTooLarge = errors.New("file is too large")

	// ErrBinary is returned when a file holds NUL bytes or other signs that it
	// is not text.
	ErrBinary = errors.New("file is not a text file")
)
