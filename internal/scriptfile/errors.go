package scriptfile

import "errors"

// ErrFolder is returned when the path names a folder, not a file.
var ErrFolder = errors.New("it is a folder, not a file")
