package app

import "github.com/scriptroom/scriptroom/internal/model"

// OnCommit registers fn to be called after each revision committed on this
// computer (an edit, a restore, an import), with the script's write lock
// held: fn must be quick and must not take the lock. Sync uses it to
// publish new revisions of shared scripts.
func (c *Core) OnCommit(fn func(model.ScriptID, *model.Revision)) {
	c.mu.Lock()
	c.committed = append(c.committed, fn)
	c.mu.Unlock()
}

// afterCommit calls the OnCommit callbacks.
func (c *Core) afterCommit(sid model.ScriptID, rev *model.Revision) {
	c.mu.Lock()
	fns := append([]func(model.ScriptID, *model.Revision){}, c.committed...)
	c.mu.Unlock()
	for _, fn := range fns {
		fn(sid, rev)
	}
}
