package scriptfile

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/scriptroom/scriptroom/internal/fdx"
	"github.com/scriptroom/scriptroom/internal/fountain"
	"github.com/scriptroom/scriptroom/internal/textfile"
)

// Format is how a file is read, chosen by its extension.
type Format string

// The formats Read knows.
const (
	// Fountain is plain text: .fountain, .spmd, .txt and any other
	// extension.
	Fountain Format = "fountain"
	// FinalDraft is Final Draft's XML (.fdx).
	FinalDraft Format = "fdx"
)

// FormatOf is the format a file is read as, by its extension (any case).
func FormatOf(path string) Format {
	if strings.EqualFold(filepath.Ext(path), ".fdx") {
		return FinalDraft
	}
	return Fountain
}

// File is a screenplay file read into Fountain text.
type File struct {
	Format Format
	// Text is the screenplay as Fountain with "\n" line endings; a Final
	// Draft file is converted.
	Text string
	// Notices say in plain words what was converted, approximated or
	// skipped: the text encoding (textfile.Result) or the Final Draft
	// import's items (fdx.Item), one a line, without the file's name.
	Notices []string
	// Layout is a Final Draft file's page layout and element settings
	// (nil for Fountain, or a file without them), for printing it as
	// Final Draft does.
	Layout *fdx.Layout
	// Production is what a Final Draft production draft holds besides its
	// text (revision sets, revised runs, cuts, locked pages); nil for
	// Fountain or a file without them.
	Production *fdx.Production

	script *fountain.Script // the imported Final Draft script
}

// Script is the parsed screenplay: for a Final Draft file the script as
// imported (not a re-parse of Text), else Text parsed.
func (f *File) Script() *fountain.Script {
	if f.script != nil {
		return f.script
	}
	return fountain.Parse(f.Text)
}

// Importable are the extensions (lower case) of the files a writer may
// import: Fountain under its usual names and Final Draft.
var Importable = []string{".fountain", ".spmd", ".txt", ".fdx"}

// CheckImportable refuses, with ErrUnsupported, a file whose name does not
// end in one of Importable's extensions (any case): a PDF or a Word file
// dropped on the window is not read as Fountain text.
func CheckImportable(name string) error {
	ext := strings.ToLower(filepath.Ext(name))
	for _, ok := range Importable {
		if ext == ok {
			return nil
		}
	}
	if ext == "" {
		return fmt.Errorf("%w: the name has no extension", ErrUnsupported)
	}
	return fmt.Errorf("%w: %s", ErrUnsupported, ext)
}

// CheckContent refuses, with ErrEmpty, a file holding only blank space.
func CheckContent(raw []byte) error {
	if len(bytes.TrimSpace(raw)) == 0 {
		return ErrEmpty
	}
	return nil
}

// Read reads the screenplay file at path, by its extension (FormatOf).
// A folder is refused with ErrFolder and a file over textfile.MaxSize with
// textfile.ErrTooLarge before it is read.
func Read(path string) (*File, error) {
	raw, err := Load(path)
	if err != nil {
		return nil, err
	}
	return Decode(FormatOf(path), raw)
}

// Load reads the bytes of the file at path, refusing a folder (ErrFolder)
// and a file over textfile.MaxSize (textfile.ErrTooLarge) before reading.
// Its errors from the file system are *fs.PathError.
func Load(path string) ([]byte, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if fi.IsDir() {
		return nil, ErrFolder
	}
	if fi.Size() > textfile.MaxSize {
		return nil, fmt.Errorf("%w (%d bytes)", textfile.ErrTooLarge, fi.Size())
	}
	return os.ReadFile(path)
}

// Decode reads the bytes of a file of the given format.
func Decode(format Format, raw []byte) (*File, error) {
	if format == FinalDraft {
		s, rep, err := fdx.Read(bytes.NewReader(raw))
		if err != nil {
			return nil, err
		}
		f := &File{Format: FinalDraft, Text: fountain.Write(s), Layout: rep.Layout, Production: rep.Production, script: s}
		for _, it := range rep.Items {
			f.Notices = append(f.Notices, it.String())
		}
		return f, nil
	}
	dec, err := textfile.Decode(raw)
	if err != nil {
		return nil, err
	}
	return &File{Format: Fountain, Text: dec.Text, Notices: dec.Notices}, nil
}
