package textfile

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// MaxSize is the largest file accepted, in bytes: 10 MB, far above any
// screenplay (a 120-page feature is about 150 KB), low enough to keep the
// editor responsive.
const MaxSize = 10 * 1000 * 1000

// Result is a decoded file.
type Result struct {
	// Text is the content as UTF-8 with "\n" line endings.
	Text string
	// Notices say, in plain words, each conversion that was made.
	Notices []string
}

// windows1252 maps bytes 0x80–0x9F to the characters Windows-1252 puts there;
// the other bytes of Latin-1 map to the code point of the same number.
var windows1252 = [32]rune{
	'€', 0x81, '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', 0x8D, 'Ž', 0x8F,
	0x90, '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', 0x9D, 'ž', 'Ÿ',
}

// Decode converts b to clean text. UTF-8 (with or without a byte-order mark)
// and UTF-16 with a byte-order mark are read as such; anything else that is
// not valid UTF-8 is read as Windows-1252 (a superset of Latin-1 in practice),
// with a notice. CRLF and lone CR line endings become "\n".
func Decode(b []byte) (Result, error) {
	var r Result
	if len(b) > MaxSize {
		return r, fmt.Errorf("%w: %s, the limit is %s", ErrTooLarge, humanSize(len(b)), humanSize(MaxSize))
	}
	var text string
	switch {
	case bytes.HasPrefix(b, []byte{0xEF, 0xBB, 0xBF}):
		b = b[3:]
		if !utf8.Valid(b) {
			text = fromWindows1252(b)
			r.Notices = append(r.Notices, "The file starts like UTF-8 but holds invalid bytes; it was read as Windows-1252 (Latin-1).")
		} else {
			text = string(b)
		}
	case bytes.HasPrefix(b, []byte{0xFF, 0xFE}), bytes.HasPrefix(b, []byte{0xFE, 0xFF}):
		text = fromUTF16(b[2:], b[0] == 0xFE)
		r.Notices = append(r.Notices, "The file was encoded as UTF-16; it was converted to UTF-8.")
	case utf8.Valid(b):
		text = string(b)
	default:
		text = fromWindows1252(b)
		r.Notices = append(r.Notices, "The file was not UTF-8; it was read as Windows-1252 (Latin-1) and converted to UTF-8. Check accented letters.")
	}
	if strings.ContainsRune(text, 0) {
		return Result{}, fmt.Errorf("%w: it contains NUL bytes", ErrBinary)
	}
	if strings.ContainsRune(text, '\r') {
		text = strings.ReplaceAll(text, "\r\n", "\n")
		text = strings.ReplaceAll(text, "\r", "\n")
		r.Notices = append(r.Notices, "Windows (CRLF) line endings were converted.")
	}
	r.Text = text
	return r, nil
}

func fromWindows1252(b []byte) string {
	var sb strings.Builder
	sb.Grow(len(b) + len(b)/8)
	for _, c := range b {
		switch {
		case c < 0x80:
			sb.WriteByte(c)
		case c < 0xA0:
			sb.WriteRune(windows1252[c-0x80])
		default:
			sb.WriteRune(rune(c))
		}
	}
	return sb.String()
}

func fromUTF16(b []byte, bigEndian bool) string {
	u := make([]uint16, 0, len(b)/2)
	for i := 0; i+1 < len(b); i += 2 {
		if bigEndian {
			u = append(u, uint16(b[i])<<8|uint16(b[i+1]))
		} else {
			u = append(u, uint16(b[i+1])<<8|uint16(b[i]))
		}
	}
	return string(utf16.Decode(u))
}

func humanSize(n int) string {
	switch {
	case n >= 1000*1000:
		return fmt.Sprintf("%.1f MB", float64(n)/1e6)
	case n >= 1000:
		return fmt.Sprintf("%.1f KB", float64(n)/1e3)
	}
	return fmt.Sprintf("%d bytes", n)
}
