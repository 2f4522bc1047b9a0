package scriptfile

import "errors"

var (
	// ErrFolder is returned when the path names a folder, not a file.
	ErrFolder = errors.New("it is a folder, not a file")

	// ErrUnsupported is returned by CheckImportable for a file whose
	// extension is not one of Importable's.
	ErrUnsupported = errors.New("not a screenplay file Scriptroom imports")

	// ErrEmpty is returned by CheckContent for a file with nothing in it
	// but blank space.
	ErrEmpty = errors.New("the file is empty")
)
