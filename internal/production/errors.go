package production

import "errors"

// ErrBadDate is returned by ParseDate when a revision date is not a real
// calendar date written as YYYY-MM-DD.
var ErrBadDate = errors.New("revision date must be written as YYYY-MM-DD")

// ErrUnknownColor is returned by NewSet when a revision set names a colour
// that is not in the industry order.
var ErrUnknownColor = errors.New("unknown revision colour")
