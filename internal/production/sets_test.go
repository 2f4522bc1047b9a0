package production

import (
	"errors"
	"testing"
	"time"
)

func TestRevisionSet(t *testing.T) {
	day := time.Date(2026, 12, 6, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		color, header string
	}{
		{"", "Blue Rev. 12/06/26"}, // the first revision after the white draft
		{"pink", "Pink Rev. 12/06/26"},
		{"DOUBLE BLUE", "Double Blue Rev. 12/06/26"},
		{" goldenrod ", "Goldenrod Rev. 12/06/26"},
	}
	for _, tt := range tests {
		s, err := NewSet(tt.color, day)
		if err != nil || s.Header() != tt.header || s.Name != s.Color {
			t.Errorf("NewSet(%q) = %+v, %v; header %q, want %q", tt.color, s, err, s.Header(), tt.header)
		}
	}
	if _, err := NewSet("mauve", day); !errors.Is(err, ErrUnknownColor) {
		t.Errorf("NewSet(mauve): %v", err)
	}
	if h := (RevisionSet{Color: "Yellow"}).Header(); h != "Yellow Rev." {
		t.Errorf("undated header %q", h)
	}
}

func TestParseDate(t *testing.T) {
	if d, err := ParseDate(" 2027-01-02 "); err != nil || !d.Equal(time.Date(2027, 1, 2, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("ParseDate = %v, %v", d, err)
	}
	for _, bad := range []string{"", "2027-1-2", "02/01/2027", "2027-02-30", "tomorrow"} {
		if _, err := ParseDate(bad); !errors.Is(err, ErrBadDate) {
			t.Errorf("ParseDate(%q): %v, want ErrBadDate", bad, err)
		}
	}
}
