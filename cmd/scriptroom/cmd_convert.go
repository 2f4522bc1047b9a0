package main

import (
	"bytes"
	"flag"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/scriptroom/scriptroom/internal/atomicfile"
	"github.com/scriptroom/scriptroom/internal/fdx"
	"github.com/scriptroom/scriptroom/internal/fountain"
)

func init() {
	commands["convert"] = command{
		usage:   "convert IN OUT",
		summary: "convert between Fountain (.fountain) and Final Draft (.fdx); same format normalises",
		run:     runConvert,
	}
}

// convertFormats are the file extensions convert reads and writes.
var convertFormats = []string{".fountain", ".fdx"}

// runConvert reads IN, writes OUT in the format its extension names, and
// prints what an FDX import skipped or approximated on stderr. OUT is
// written to a temporary file beside it and renamed, so a failed conversion
// never leaves a half-written OUT; IN is never overwritten.
func runConvert(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("convert", flag.ContinueOnError)
	pos, err := parseArgs(fs, args, 2)
	if err != nil {
		return fail(stderr, "convert", err)
	}
	in, out := pos[0], pos[1]
	_, err = convertFormat(in)
	if err == nil {
		_, err = convertFormat(out)
	}
	if err == nil {
		err = convertRefuseSame(in, out)
	}
	if err != nil {
		return fail(stderr, "convert", err)
	}
	s, err := convertRead(in, stderr)
	if err != nil {
		return fail(stderr, "convert", err)
	}
	if err := convertWrite(out, s); err != nil {
		return fail(stderr, "convert", err)
	}
	return exitOK
}

// convertFormat returns a path's format by its extension, or a usage error
// listing the supported ones.
func convertFormat(path string) (string, error) {
	ext := strings.ToLower(filepath.Ext(path))
	for _, f := range convertFormats {
		if ext == f {
			return f, nil
		}
	}
	return "", usageError("%s: unknown format %q; supported: %s", path, ext, strings.Join(convertFormats, ", "))
}

// convertRefuseSame fails when out names the same file as in.
func convertRefuseSame(in, out string) error {
	same := filepath.Clean(in) == filepath.Clean(out)
	if a, err := filepath.Abs(in); err == nil {
		if b, err := filepath.Abs(out); err == nil && a == b {
			same = true
		}
	}
	if fi, err := os.Stat(in); err == nil {
		if fo, err := os.Stat(out); err == nil && os.SameFile(fi, fo) {
			same = true
		}
	}
	if same {
		return usageError("refusing to overwrite the input %s; name another output file", in)
	}
	return nil
}

// convertRead reads a Fountain or FDX file; an FDX import's report goes to
// stderr, one line per item, after the file's name.
func convertRead(path string, stderr io.Writer) (*fountain.Script, error) {
	f, err := readScript(path, stderr)
	if err != nil {
		return nil, err
	}
	return f.Script(), nil
}

// convertWrite writes s to path in the format of its extension, through a
// temporary file in the same folder renamed over path.
func convertWrite(path string, s *fountain.Script) error {
	var buf bytes.Buffer
	if strings.ToLower(filepath.Ext(path)) == ".fdx" {
		if err := fdx.Write(&buf, s); err != nil {
			return err
		}
	} else {
		buf.WriteString(fountain.Write(s))
	}
	return atomicfile.Write(path, buf.Bytes())
}
