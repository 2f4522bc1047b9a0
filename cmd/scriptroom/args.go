package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"strings"

	"github.com/scriptroom/scriptroom/internal/scriptfile"
)

// parseArgs parses args with fs, allowing flags after positional arguments
// ("scriptroom parse FILE --json"), and checks the number of positional
// arguments. "--" ends the flags. Any error is a usage error.
func parseArgs(fs *flag.FlagSet, args []string, positional int) ([]string, error) {
	fs.SetOutput(io.Discard)
	var pos []string
	for len(args) > 0 {
		if err := fs.Parse(args); err != nil {
			return nil, usageError("%v", err)
		}
		args = fs.Args()
		if len(args) == 0 {
			break
		}
		if args[0] == "--" {
			pos = append(pos, args[1:]...)
			break
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
	if len(pos) != positional {
		return nil, usageError("want %d file arguments, got %d", positional, len(pos))
	}
	return pos, nil
}

// readText reads a screenplay file as clean UTF-8 Fountain text with "\n"
// line endings: a Final Draft (.fdx) file is converted, any other is decoded
// as text (see scriptfile.Read). What was converted is reported on stderr.
func readText(path string, stderr io.Writer) (string, error) {
	f, err := readScript(path, stderr)
	if err != nil {
		return "", err
	}
	return f.Text, nil
}

// readScript reads a screenplay file by its extension (scriptfile.Read) and
// reports its notices on stderr, one a line after the file's name.
func readScript(path string, stderr io.Writer) (*scriptfile.File, error) {
	f, err := scriptfile.Read(path)
	if err != nil {
		return nil, fileError(path, err)
	}
	for _, n := range f.Notices {
		fmt.Fprintf(stderr, "%s: %s\n", path, n)
	}
	return f, nil
}

// fileError names the file an error is about as a command-line tool does
// ("big-fish.fountain: no such file or directory"), without the system call
// that failed ("stat big-fish.fountain: …").
func fileError(path string, err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return fmt.Errorf("%s: %w", pe.Path, pe.Err)
	}
	return fmt.Errorf("%s: %w", path, err)
}

// oneOf checks that v is one of the allowed values of a flag.
func oneOf(name, v string, allowed ...string) error {
	for _, a := range allowed {
		if v == a {
			return nil
		}
	}
	return usageError("--%s must be one of %s, not %q", name, strings.Join(allowed, ", "), v)
}
