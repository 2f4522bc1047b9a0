package app

import (
	"fmt"

	"github.com/scriptroom/scriptroom/internal/diff"
	"github.com/scriptroom/scriptroom/internal/model"
)

// Compare shows the differences between two versions of a script.
type Compare struct {
	c *Core
}

// NewCompare makes the Compare service.
func NewCompare(c *Core) *Compare { return &Compare{c: c} }

// VersionDraft names the text being typed where a revision id is expected.
const VersionDraft = "draft"

// Version is one side of a comparison.
type Version struct {
	// ID is a revision id, or "draft".
	ID      string `json:"id"`
	Label   string `json:"label"`
	Message string `json:"message"`
}

// Comparison is what the compare view shows. Its result is packed for the
// view (diff.View: each line's text once); the page rebuilds the rows.
type Comparison struct {
	Left   Version    `json:"left"`
	Right  Version    `json:"right"`
	Result *diff.View `json:"result"`
}

// Versions compares two versions of a script, each a revision id or "draft".
// The result holds aligned side-by-side rows with word-level segments, the
// changes to jump between, and the scene summary.
func (cs *Compare) Versions(id, left, right string) (Comparison, error) {
	return cs.VersionsIgnoring(id, left, right, diff.Ignore{})
}

// VersionsIgnoring is Versions with notes, boneyard or white-space changes
// left out of the changes and the scene summary (the compare view's
// switches).
func (cs *Compare) VersionsIgnoring(id, left, right string, ignore diff.Ignore) (Comparison, error) {
	doing := "Could not compare the versions"
	sid := model.ScriptID(id)
	l, lt, err := cs.version(sid, left)
	if err != nil {
		return Comparison{}, plain(doing, err)
	}
	r, rt, err := cs.version(sid, right)
	if err != nil {
		return Comparison{}, plain(doing, err)
	}
	return Comparison{Left: l, Right: r, Result: diff.CompareView(lt, rt, diff.Options{Ignore: ignore})}, nil
}

// withPrevious compares a revision with its (first) parent; the first
// revision is compared with an empty script.
func (cs *Compare) withPrevious(id, rev string) (Comparison, error) {
	r, err := cs.c.store.Revision(model.ScriptID(id), model.RevisionID(rev))
	if err != nil {
		return Comparison{}, plain("Could not compare with the previous revision", err)
	}
	if len(r.Parents) == 0 {
		c, err := cs.Versions(id, rev, rev)
		if err != nil {
			return c, err
		}
		c.Left = Version{ID: "", Label: "empty script"}
		c.Result = diff.CompareView("", r.Text, diff.Options{})
		return c, nil
	}
	return cs.Versions(id, string(r.Parents[0]), rev)
}

func (cs *Compare) version(sid model.ScriptID, v string) (Version, string, error) {
	if v == VersionDraft {
		d, err := cs.c.store.Draft(sid)
		if err != nil {
			return Version{}, "", err
		}
		return Version{ID: VersionDraft, Label: "Current draft"}, d.Text, nil
	}
	r, err := cs.c.store.Revision(sid, model.RevisionID(v))
	if err != nil {
		return Version{}, "", err
	}
	label := fmt.Sprintf("%s · %s", r.Message, r.Time.Local().Format("2 Jan 2006 15:04"))
	return Version{ID: string(r.ID), Label: label, Message: r.Message}, r.Text, nil
}
