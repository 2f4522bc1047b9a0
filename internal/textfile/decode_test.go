package textfile

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/scriptroom/scriptroom/internal/corpus"
)

func TestDecode(t *testing.T) {
	cases := []struct {
		name    string
		in      []byte
		want    string
		notices int
	}{
		// Clean input passes unchanged.
		{"utf8", []byte("INT. CAFÉ - DAY\n"), "INT. CAFÉ - DAY\n", 0},
		{"empty", nil, "", 0},
		{"bom", []byte("\xEF\xBB\xBFFADE IN:\n"), "FADE IN:\n", 0},
		// Line endings.
		{"crlf", []byte("A\r\nB\r\n"), "A\nB\n", 1},
		{"lone cr", []byte("A\rB"), "A\nB", 1},
		// Other encodings.
		{"latin1", []byte("CAF\xC9 \xABOK\xBB\n"), "CAFÉ «OK»\n", 1},
		{"cp1252 quotes", []byte("\x93Hi\x94 \x85"), "“Hi” …", 1},
		{"utf16le", []byte{0xFF, 0xFE, 'H', 0, 'i', 0, 0xE9, 0}, "Hié", 1},
		{"utf16be", []byte{0xFE, 0xFF, 0, 'H', 0, 'i'}, "Hi", 1},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r, err := Decode(tc.in)
			if err != nil {
				t.Fatal(err)
			}
			if r.Text != tc.want {
				t.Errorf("text = %q, want %q", r.Text, tc.want)
			}
			if len(r.Notices) != tc.notices {
				t.Errorf("notices = %q, want %d", r.Notices, tc.notices)
			}
		})
	}
}

func TestDecodeRefuses(t *testing.T) {
	if _, err := Decode(make([]byte, MaxSize+1)); !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "10.0 MB") {
		t.Errorf("oversize: %v", err)
	}
	if _, err := Decode([]byte("PK\x03\x04\x00\x00binary")); !errors.Is(err, ErrBinary) {
		t.Errorf("binary: %v", err)
	}
}

// The corpus's Latin-1 copy of Big Fish decodes to the UTF-8 sample (it
// differs by one trailing no-break space), and the CRLF copy loses every CR.
func TestDecodeCorpusVariants(t *testing.T) {
	sample := strings.Split(strings.TrimRight(string(corpus.Read(t, "fountain", "samples", "big-fish.fountain")), "\n"), "\n")
	r, err := Decode(corpus.Read(t, "fountain", "variants", "big-fish.fountainjs-latin1.fountain"))
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Notices) != 1 || !strings.Contains(r.Notices[0], "Windows-1252") {
		t.Errorf("latin1 notices = %q", r.Notices)
	}
	got := strings.Split(strings.TrimRight(r.Text, "\n"), "\n")
	if len(got) != len(sample) {
		t.Fatalf("latin1: %d lines, sample has %d", len(got), len(sample))
	}
	for i := range got {
		if strings.TrimRight(got[i], " \u00a0") != strings.TrimRight(sample[i], " \u00a0") {
			t.Errorf("line %d: %q, sample %q", i+1, got[i], sample[i])
		}
	}
	crlf := corpus.Read(t, "fountain", "variants", "brick-and-steel.afterwriting-crlf.fountain")
	r, err = Decode(crlf)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(r.Text, "\r") || len(r.Notices) != 1 {
		t.Errorf("crlf: CR left or notices %q", r.Notices)
	}
	if want := len(crlf) - bytes.Count(crlf, []byte("\r")); len(r.Text) != want {
		t.Errorf("crlf: %d bytes, want %d", len(r.Text), want)
	}
}
