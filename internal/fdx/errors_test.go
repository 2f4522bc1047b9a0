package fdx

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/scriptroom/scriptroom/internal/textfile"
)

func TestReadErrors(t *testing.T) {
	tests := []struct {
		name  string
		input io.Reader
		err   error
		msg   string // a substring of the error message
	}{
		// Not FDX at all.
		{"empty", strings.NewReader(""), ErrNotFDX, "empty"},
		{"fountain text", strings.NewReader("INT. HOUSE - DAY\n\nShe waits.\n"), ErrNotFDX, "does not start with XML"},
		{"binary bytes", bytes.NewReader([]byte("<FinalDraft>\x00\x01\x02</FinalDraft>")), ErrNotFDX, "binary"},
		{"wrong root", strings.NewReader(`<?xml version="1.0"?><html><body/></html>`), ErrNotFDX, "root element is <html>"},
		// Malformed XML names the line.
		{"unclosed element", strings.NewReader("<FinalDraft>\n<Content>\n<Paragraph>\n</Content>\n</FinalDraft>"), ErrMalformed, "line 4"},
		{"bad entity", strings.NewReader("<FinalDraft><Content>\n<Paragraph><Text>&nope;</Text></Paragraph></Content></FinalDraft>"), ErrMalformed, "line 2"},
		{"truncated", strings.NewReader(doc(para("Action", "x"))[:120]), ErrMalformed, "line"},
		{"text after root", strings.NewReader(doc("") + "\n<Extra/>"), ErrMalformed, "after the root"},
		{"unsupported encoding", strings.NewReader(`<?xml version="1.0" encoding="EBCDIC"?><FinalDraft/>`), ErrMalformed, "EBCDIC"},
		// Size limit.
		{"too large", io.MultiReader(strings.NewReader("<FinalDraft>"), &repeat{b: ' ', n: MaxSize}), ErrTooLarge, "10000000"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, rep, err := Read(tt.input)
			if !errors.Is(err, tt.err) {
				t.Fatalf("err = %v, want %v", err, tt.err)
			}
			if !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("error %q does not mention %q", err, tt.msg)
			}
			if s != nil || rep != nil {
				t.Errorf("a failed Read returned a script or report")
			}
		})
	}
}

// repeat yields n copies of b.
type repeat struct {
	b byte
	n int
}

func (r *repeat) Read(p []byte) (int, error) {
	if r.n == 0 {
		return 0, io.EOF
	}
	k := min(len(p), r.n)
	for i := range p[:k] {
		p[i] = r.b
	}
	r.n -= k
	return k, nil
}

func TestMaxSizeMatchesTextfile(t *testing.T) {
	if MaxSize != textfile.MaxSize {
		t.Errorf("MaxSize = %d, textfile.MaxSize = %d; they should agree", MaxSize, textfile.MaxSize)
	}
}

func TestReadLatin1(t *testing.T) {
	src := "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><FinalDraft><Content><Paragraph Type=\"Action\"><Text>Caf\xe9.</Text></Paragraph></Content></FinalDraft>"
	s, _, err := Read(strings.NewReader(src))
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Elements) != 1 || s.Elements[0].Text != "Café." {
		t.Errorf("got %q, want one action \"Café.\"", els(s))
	}
}

func TestReadEmptyDocument(t *testing.T) {
	s, rep, err := Read(strings.NewReader(`<FinalDraft DocumentType="Script"/>`))
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Elements) != 0 || len(s.TitlePage) != 0 {
		t.Errorf("got elements %q, title %q", els(s), s.TitlePage)
	}
	if !strings.Contains(rep.String(), "no <Content>") {
		t.Errorf("report should say there is no content:\n%s", rep)
	}
}
