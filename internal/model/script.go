package model

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"strings"
	"time"
)

// ScriptID is a script's random 128-bit id, as 32 lowercase hex digits.
type ScriptID string

// NewScriptID returns a fresh random script id.
func NewScriptID() ScriptID {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic(fmt.Sprintf("crypto/rand failed: %v", err)) // never happens on supported platforms
	}
	return ScriptID(hex.EncodeToString(b[:]))
}

// Validate reports whether the id is spelled the one accepted way: 32
// lowercase hex digits. Capitals are refused, so that one room has one id.
func (s ScriptID) Validate() error {
	if !isLowerHex(string(s), ScriptIDLength) {
		return fmt.Errorf("%w: %.40q is not %d lowercase hex digits", ErrBadScriptID, string(s), ScriptIDLength)
	}
	return nil
}

// Visibility says who may see a shared script.
type Visibility string

const (
	// Private scripts are seen by their owner only.
	Private Visibility = "private"
	// Invite scripts are seen by those the owner invited.
	Invite Visibility = "invite"
	// Public scripts are seen by anyone who knows the room.
	Public Visibility = "public"
)

// MaxTitleLength is the longest title accepted, in bytes.
const MaxTitleLength = 300

// Script is a screenplay's identity and metadata. Its text lives in revisions
// and drafts.
type Script struct {
	ID         ScriptID   `json:"id"`
	Title      string     `json:"title"`
	Owner      UserID     `json:"owner"`
	Visibility Visibility `json:"visibility"`
	Created    time.Time  `json:"created"`
	Modified   time.Time  `json:"modified"`
	// Head is the newest revision on main, empty until the first commit.
	Head RevisionID `json:"head,omitempty"`
	// Trashed is when the script was moved to the trash; zero when it is not.
	Trashed time.Time `json:"trashed,omitempty"`
}

// CleanTitle trims a title and checks it is usable.
func CleanTitle(title string) (string, error) {
	t := strings.TrimSpace(title)
	if t == "" {
		return "", ErrEmptyTitle
	}
	if len(t) > MaxTitleLength {
		return "", fmt.Errorf("title is %d bytes, the limit is %d", len(t), MaxTitleLength)
	}
	if strings.ContainsAny(t, "\n\r\x00") {
		return "", fmt.Errorf("title %q contains a line break or NUL", t)
	}
	return t, nil
}
