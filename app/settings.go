package app

import (
	"strings"
	"unicode/utf8"
)

// Settings holds the writer's profile and preferences.
type Settings struct {
	c *Core
}

// NewSettings makes the Settings service.
func NewSettings(c *Core) *Settings { return &Settings{c: c} }

// Profile is who the writer is to others.
type Profile struct {
	Name        string `json:"name"`
	UserID      string `json:"userId"`
	LibraryPath string `json:"libraryPath"`
}

// MaxNameLength is the longest display name, in characters.
const MaxNameLength = 80

// Profile returns the writer's display name and id.
func (s *Settings) Profile() (Profile, error) {
	me := s.c.identity()
	return Profile{Name: me.Name, UserID: string(me.ID()), LibraryPath: s.c.store.Path()}, nil
}

// SetName changes the display name that travels with the writer's revisions.
func (s *Settings) SetName(name string) (Profile, error) {
	name = strings.TrimSpace(name)
	doing := "Could not change your name"
	if name == "" {
		return Profile{}, &userError{msg: doing + ": a name cannot be empty"}
	}
	if utf8.RuneCountInString(name) > MaxNameLength {
		return Profile{}, &userError{msg: doing + ": a name has at most 80 characters"}
	}
	s.c.mu.Lock()
	updated := *s.c.me
	updated.Name = name
	s.c.mu.Unlock()
	if err := s.c.store.PutIdentity(&updated); err != nil {
		return Profile{}, plain(doing, err)
	}
	s.c.mu.Lock()
	s.c.me = &updated
	s.c.mu.Unlock()
	return s.Profile()
}
