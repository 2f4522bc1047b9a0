package production

import (
	"fmt"
	"strings"
	"time"

	"github.com/scriptroom/scriptroom/internal/pdf"
)

// RevisionSet is one round of revisions: a name, its colour in the
// industry order (White, Blue, Pink, Yellow, Green, Goldenrod, Buff,
// Salmon, Cherry, then Double Blue, …; pdf.RevisionColors) and the date
// its pages were issued.
type RevisionSet struct {
	Name  string    `json:"name"`
	Color string    `json:"color"`
	Date  time.Time `json:"date"`
}

// NewSet makes a set of colour color (any case; "" is the colour after
// White, Blue, the first revision's) dated date. Its name is the colour's.
func NewSet(color string, date time.Time) (RevisionSet, error) {
	if strings.TrimSpace(color) == "" {
		color = pdf.NextColor(pdf.RevisionColors(), "White")
	}
	c, ok := pdf.ColorName(pdf.RevisionColors(), color)
	if !ok {
		return RevisionSet{}, fmt.Errorf("%w %q: use one of %s", ErrUnknownColor, color, strings.Join(pdf.RevisionColors(), ", "))
	}
	return RevisionSet{Name: c, Color: c, Date: date}, nil
}

// ParseDate reads a revision date written as YYYY-MM-DD.
func ParseDate(s string) (time.Time, error) {
	t, err := time.Parse(time.DateOnly, strings.TrimSpace(s))
	if err != nil {
		return time.Time{}, fmt.Errorf("%w, not %q", ErrBadDate, s)
	}
	return t, nil
}

// Header is what revised pages print left of their number: "Blue Rev.
// 12/06/26" (month/day/year, as Final Draft prints it).
func (s RevisionSet) Header() string {
	h := s.Color + " Rev."
	if !s.Date.IsZero() {
		h += " " + s.Date.Format("01/02/06")
	}
	return h
}
