package fdx

import (
	"fmt"
	"strings"
)

// Kind says what happened to something Read could not carry over exactly.
type Kind string

const (
	// Skipped means the thing is not in the returned script.
	Skipped Kind = "skipped"
	// Approximated means the thing is in the script, in a nearby form.
	Approximated Kind = "approximated"
)

// Item is one line of a Report: what was met, how many times, and what Read
// did with it.
type Item struct {
	Kind  Kind   `json:"kind"`
	What  string `json:"what"`
	Count int    `json:"count"`
}

// String formats the item as one line, such as
// `approximated: paragraph type "Cast List" read as action (3×)`.
func (it Item) String() string {
	if it.Count > 1 {
		return fmt.Sprintf("%s: %s (%d×)", it.Kind, it.What, it.Count)
	}
	return fmt.Sprintf("%s: %s", it.Kind, it.What)
}

// Report lists, in the order first met, what Read skipped or approximated.
// Repeats of the same item are counted, not listed again.
type Report struct {
	Items []Item `json:"items"`
	// Layout is the file's page layout and element settings, which the
	// script (Fountain) cannot hold: a printer uses them to print the
	// script as Final Draft does. Nil when the file has none.
	Layout *Layout `json:"layout,omitempty"`
	// Production is the file's production draft: its revision sets,
	// revised text, places of cut text and locked pages, which the
	// Fountain text cannot hold (its scene numbers it can: "#12A#"). Nil
	// when the file has no revised text, cuts or locked pages.
	Production *Production `json:"production,omitempty"`
	index      map[string]int
}

// Empty reports whether nothing was skipped or approximated.
func (r *Report) Empty() bool { return r == nil || len(r.Items) == 0 }

// String returns the items one per line.
func (r *Report) String() string {
	if r == nil {
		return ""
	}
	var b strings.Builder
	for _, it := range r.Items {
		b.WriteString(it.String())
		b.WriteByte('\n')
	}
	return b.String()
}

func (r *Report) add(k Kind, format string, a ...any) {
	what := fmt.Sprintf(format, a...)
	key := string(k) + "\x00" + what
	if i, ok := r.index[key]; ok {
		r.Items[i].Count++
		return
	}
	if r.index == nil {
		r.index = map[string]int{}
	}
	r.index[key] = len(r.Items)
	r.Items = append(r.Items, Item{Kind: k, What: what, Count: 1})
}
