package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/scriptroom/scriptroom/internal/textfile"
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

// readText reads a screenplay file as clean UTF-8 text with "\n" line
// endings (see textfile.Decode). Conversions are reported on stderr.
func readText(path string, stderr io.Writer) (string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return "", err
	}
	r, err := textfile.Decode(b)
	if err != nil {
		return "", fmt.Errorf("%s: %w", path, err)
	}
	for _, n := range r.Notices {
		fmt.Fprintf(stderr, "%s: %s\n", path, n)
	}
	return r.Text, nil
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
