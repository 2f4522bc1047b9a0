package diff

import "errors"

// ErrUnknownIgnore: ParseIgnore was given a word that names nothing it can
// leave out.
var ErrUnknownIgnore = errors.New("diff: unknown --ignore value")
