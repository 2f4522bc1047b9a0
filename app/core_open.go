package app

import (
	"cmp"
	_ "embed"
	"errors"
	"fmt"
	"os"
	"os/user"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/scriptroom/scriptroom/internal/model"
	"github.com/scriptroom/scriptroom/internal/store"
)

// demoScript is a short screenplay we wrote for Scriptroom, placed in the
// library on first run.
//
//go:embed demo.fountain
var demoScript string

// Setting keys used by the app.
const (
	// settingSeeded records that the first-run demo was placed, so a writer
	// who deletes it does not get it back.
	settingSeeded = "app.seeded"
	// settingLastScript is the id of the script open when the app last ran;
	// the demo on first run.
	settingLastScript = "ui.last-script"
)

// EnvLibrary names the library file to open instead of the default one.
const EnvLibrary = "SCRIPTROOM_LIBRARY"

// EnvName is the writer's name for a library made now: the first-run
// welcome does not ask it (a machine set up by a script, the screenshot).
const EnvName = "SCRIPTROOM_NAME"

// DefaultLibraryPath is where the library lives: $SCRIPTROOM_LIBRARY, else
// Scriptroom/library.db in the user's configuration folder.
func DefaultLibraryPath() (string, error) {
	if p := os.Getenv(EnvLibrary); p != "" {
		return p, nil
	}
	dir, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("find the configuration folder: %w", err)
	}
	return filepath.Join(dir, "Scriptroom", "library.db"), nil
}

// OpenLibrary opens (or creates) the library at path, makes the writer's
// identity on first run, and places the demo script in a new library.
func OpenLibrary(path string) (*Core, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("create the library folder: %w", err)
	}
	st, err := store.Open(path, store.Options{})
	if err != nil {
		return nil, err
	}
	me, err := st.Identity()
	if errors.Is(err, store.ErrNotFound) {
		name := strings.TrimSpace(os.Getenv(EnvName))
		if name == "" || utf8.RuneCountInString(name) > MaxNameLength {
			name = ""
		}
		me, err = model.NewIdentity(cmp.Or(name, defaultName()))
		if err == nil {
			err = st.PutIdentity(me)
		}
		if err == nil && name != "" {
			err = st.PutSetting(settingNamed, "1")
		}
	}
	if err != nil {
		st.Close()
		return nil, fmt.Errorf("load your identity from %s: %w", path, err)
	}
	c := NewCore(st, me)
	if err := c.seed(); err != nil {
		st.Close()
		return nil, fmt.Errorf("place the demo script in %s: %w", path, err)
	}
	return c, nil
}

// Close closes the library.
func (c *Core) Close() error { return c.store.Close() }

func (c *Core) seed() error {
	if _, err := c.store.Setting(settingSeeded); err == nil {
		return nil
	} else if !errors.Is(err, store.ErrNotFound) {
		return err
	}
	sc, err := c.ws.Create("The Night Ferry", demoScript)
	if err != nil {
		return err
	}
	if _, err := c.ws.Commit(sc.ID, demoScript, "Demo script"); err != nil {
		return err
	}
	if err := c.store.PutSetting(settingLastScript, string(sc.ID)); err != nil {
		return err
	}
	return c.store.PutSetting(settingSeeded, "1")
}

// defaultName names a new identity until the writer gives their name in
// the first-run welcome: the account's full name, else "Writer" (a login
// name such as "root" is not a name to sign revisions with).
func defaultName() string {
	if n := accountFullName(); n != "" {
		return n
	}
	return "Writer"
}

// placeholderName is true for a name no writer gave: "Writer", or the
// login name earlier versions signed with (so a library made by one of
// them asks for the name once; a name the writer chose is kept).
func placeholderName(name string) bool {
	if name == "Writer" {
		return true
	}
	u, err := user.Current()
	return err == nil && name == u.Username
}

// accountFullName is the full name of the computer's user account (the
// first field of its GECOS entry), or "" when it has none or it is only
// the login name again.
func accountFullName() string {
	u, err := user.Current()
	if err != nil {
		return ""
	}
	n := strings.TrimSpace(strings.Split(u.Name, ",")[0])
	if strings.EqualFold(n, u.Username) {
		return ""
	}
	return n
}
