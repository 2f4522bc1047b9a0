package fountain

// ElementType names a kind of screenplay element. The string values are the
// ones `scriptroom parse --json` prints.
type ElementType string

// The element types of Fountain 1.1.
const (
	SceneHeading  ElementType = "scene_heading"
	Action        ElementType = "action"
	Centered      ElementType = "centered"
	Character     ElementType = "character"
	Dialogue      ElementType = "dialogue"
	Parenthetical ElementType = "parenthetical"
	Transition    ElementType = "transition"
	Lyrics        ElementType = "lyrics"
	Section       ElementType = "section"
	Synopsis      ElementType = "synopsis"
	Note          ElementType = "note"
	PageBreak     ElementType = "page_break"
)

// Element is one block of a screenplay. Text has the forcing marks removed
// (the leading '.', '!', '@', '>', '~', '#', '=' and the centering '> <') but
// keeps inline emphasis markup; lines of a multi-line block are joined by "\n".
type Element struct {
	Type ElementType `json:"type"`
	Text string      `json:"text"`
	// Line and EndLine are the 1-based first and last source lines.
	Line    int `json:"line"`
	EndLine int `json:"end_line"`
	// SceneNumber is a scene heading's "#1A#" number, without the '#'.
	SceneNumber string `json:"scene_number,omitempty"`
	// Dual is true for the second character of a dual-dialogue pair ('^')
	// and for that character's dialogue, parentheticals and lyrics.
	Dual bool `json:"dual,omitempty"`
	// DualFirst is true for the first character of a dual-dialogue pair (the
	// cue just before a '^' cue) and for that character's dialogue,
	// parentheticals and lyrics. Parse derives it; Write ignores it.
	DualFirst bool `json:"dual_first,omitempty"`
	// Depth is a section's level (the number of '#').
	Depth int `json:"depth,omitempty"`
	// Extension is a character cue's extension, such as "V.O." or "CONT'D".
	Extension string `json:"extension,omitempty"`
	// Forced is true when the element's type was forced by a mark.
	Forced bool `json:"forced,omitempty"`
}

// TitleField is one key of the title page, with its value (lines joined by "\n").
type TitleField struct {
	Key   string `json:"key"`
	Value string `json:"value"`
}

// Script is a parsed screenplay.
type Script struct {
	TitlePage []TitleField `json:"title_page"`
	Elements  []Element    `json:"elements"`
	// Trailer is a boneyard block ("/* … */") that ends the document, from
	// the start of its line to the end, verbatim: what other programs keep
	// there (Beat's settings, say) and Write puts back. "" when none.
	Trailer string `json:"trailer,omitempty"`
}
