package app

import (
	"strings"
	"unicode/utf8"

	"github.com/scriptroom/scriptroom/internal/model"
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
	// Named is true once the writer has given their name (the first-run
	// welcome, or Settings); until then the welcome asks for it.
	Named bool `json:"named"`
	// Suggested is the name the welcome offers: the full name of the
	// computer's user account, "" when it has none.
	Suggested string `json:"suggested"`
}

// settingNamed records that the writer gave their name.
const settingNamed = "profile.named"

// MaxNameLength is the longest display name, in characters.
const MaxNameLength = 80

// Profile returns the writer's display name and id.
func (s *Settings) Profile() (Profile, error) {
	me := s.c.identity()
	named, err := s.c.store.Setting(settingNamed)
	if err != nil && !isNotFound(err) {
		return Profile{}, plain("Could not read your settings", err)
	}
	return Profile{
		Name: me.Name, UserID: string(me.ID()), LibraryPath: s.c.store.Path(),
		Named: named != "" || !placeholderName(me.Name), Suggested: accountFullName(),
	}, nil
}

// SetName changes the display name that signs the writer's revisions, in
// their history too (History shows the writer's own revisions under the
// name they have now), and shows in presence (sync reconnects with it).
func (s *Settings) SetName(name string) (Profile, error) {
	name = strings.TrimSpace(name)
	doing := "Could not change your name"
	if name == "" {
		return Profile{}, &userError{msg: doing + ": a name cannot be empty"}
	}
	if utf8.RuneCountInString(name) > MaxNameLength {
		return Profile{}, &userError{msg: doing + ": a name has at most 80 characters"}
	}
	if _, err := s.c.ws.SetName(name); err != nil {
		return Profile{}, plain(doing, err)
	}
	if err := s.c.store.PutSetting(settingNamed, "1"); err != nil {
		return Profile{}, plain(doing, err)
	}
	s.c.renamed()
	p, err := s.Profile()
	if err == nil {
		s.c.emit(EventProfileChanged, p)
	}
	return p, err
}

// LastScript is the script the writer had open last, to reopen at start; ""
// when there is none or it has since been trashed or deleted.
func (s *Settings) LastScript() (string, error) {
	id, err := s.c.store.Setting(settingLastScript)
	if isNotFound(err) {
		return "", nil
	}
	if err != nil {
		return "", plain("Could not read your settings", err)
	}
	sc, err := s.c.store.Script(model.ScriptID(id))
	if isNotFound(err) || err == nil && !sc.Trashed.IsZero() {
		return "", nil
	}
	if err != nil {
		return "", plain("Could not read your settings", err)
	}
	return id, nil
}

// SetLastScript records the script open in the editor ("" for none).
func (s *Settings) SetLastScript(id string) (bool, error) {
	if err := s.c.store.PutSetting(settingLastScript, id); err != nil {
		return false, plain("Could not save your settings", err)
	}
	return true, nil
}
