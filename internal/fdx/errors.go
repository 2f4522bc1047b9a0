package fdx

import "errors"

var (
	// ErrTooLarge is returned by Read when the input is larger than MaxSize.
	ErrTooLarge = errors.New("fdx: file is too large")

	// ErrNotFDX is returned by Read when the input is not a Final Draft
	// document: not XML at all, binary bytes, or XML whose root element is
	// not <FinalDraft>.
	ErrNotFDX = errors.New("fdx: not a Final Draft (.fdx) document")

	// ErrMalformed is returned by Read when the input starts as XML but is not
	// well formed; the message names the line (and byte offset) of the fault.
	ErrMalformed = errors.New("fdx: malformed XML")
)
