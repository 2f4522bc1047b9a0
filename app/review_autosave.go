package app

import (
	"fmt"
	"strings"
	"time"

	"github.com/scriptroom/scriptroom/internal/model"
)

// autosaveEvery is the least time between two published saves of one
// proposal: the owner watches it change about once a second, and the room's
// log does not fill with a revision per keystroke.
const autosaveEvery = time.Second

// pendingSave is the newest text of a proposal saved by the editor and not
// published yet, and when the last one was published.
type pendingSave struct {
	text  string
	dirty bool
	last  time.Time
	timer *time.Timer
}

func saveKey(sid model.ScriptID, name string) string { return string(sid) + "\x00" + name }

// queueSave records text as the proposal's newest and reports whether it is
// to be published now; otherwise a timer publishes it when the second since
// the last publish is up.
func (r *Review) queueSave(sid model.ScriptID, name, text, headText string) bool {
	key := saveKey(sid, name)
	r.saveMu.Lock()
	defer r.saveMu.Unlock()
	ps := r.autosave[key]
	if ps == nil {
		if text == headText {
			return false
		}
		ps = &pendingSave{}
		r.autosave[key] = ps
	}
	if !ps.dirty && text == headText {
		return false
	}
	ps.text, ps.dirty = text, true
	wait := time.Until(ps.last.Add(autosaveEvery))
	if wait <= 0 {
		return true
	}
	if ps.timer == nil {
		ps.timer = time.AfterFunc(wait, func() {
			if _, _, err := r.flush(sid, name); err != nil {
				r.s.setProblem(err.Error())
			}
		})
	}
	return false
}

// flushSave publishes the proposal's pending save, if any, and returns the
// proposal as it stands.
func (r *Review) flushSave(sid model.ScriptID, name string) (ProposalInfo, error) {
	info, done, err := r.flush(sid, name)
	if done || err != nil {
		return info, err
	}
	st, p, err := r.proposal(sid, name, "Could not save the proposal")
	if err != nil {
		return ProposalInfo{}, err
	}
	return r.info(st, p), nil
}

// flush publishes the proposal's pending save; done is false when there
// was none.
func (r *Review) flush(sid model.ScriptID, name string) (info ProposalInfo, done bool, err error) {
	r.saveMu.Lock()
	ps := r.autosave[saveKey(sid, name)]
	if ps == nil || !ps.dirty {
		r.saveMu.Unlock()
		return ProposalInfo{}, false, nil
	}
	text := ps.text
	ps.dirty, ps.last = false, time.Now()
	if ps.timer != nil {
		ps.timer.Stop()
		ps.timer = nil
	}
	r.saveMu.Unlock()
	info, err = r.publishText(sid, name, text, "Proposal edit", "")
	if err != nil {
		// Keep the text for the next save or flush, unless newer came.
		r.saveMu.Lock()
		if ps := r.autosave[saveKey(sid, name)]; ps != nil && !ps.dirty {
			ps.text, ps.dirty = text, true
		}
		r.saveMu.Unlock()
		err = fmt.Errorf("the latest typing in the proposal was not published: %w", err)
	}
	return info, true, err
}

// pendingText is the proposal's text saved and not published yet.
func (r *Review) pendingText(sid model.ScriptID, name string) (string, bool) {
	r.saveMu.Lock()
	defer r.saveMu.Unlock()
	if ps := r.autosave[saveKey(sid, name)]; ps != nil && ps.dirty {
		return ps.text, true
	}
	return "", false
}

func (r *Review) hasPendingSave(sid model.ScriptID, name string) bool {
	_, ok := r.pendingText(sid, name)
	return ok
}

// dropSave forgets the proposal's pending save (it is being withdrawn).
func (r *Review) dropSave(sid model.ScriptID, name string) {
	r.saveMu.Lock()
	defer r.saveMu.Unlock()
	key := saveKey(sid, name)
	if ps := r.autosave[key]; ps != nil && ps.timer != nil {
		ps.timer.Stop()
	}
	delete(r.autosave, key)
}

// flushSaves publishes every pending save now; Sync.Stop calls it before
// the library closes.
func (r *Review) flushSaves() {
	r.saveMu.Lock()
	var keys [][2]string
	for k, ps := range r.autosave {
		if ps.timer != nil {
			ps.timer.Stop()
			ps.timer = nil
		}
		if ps.dirty {
			sid, name, _ := strings.Cut(k, "\x00")
			keys = append(keys, [2]string{sid, name})
		}
	}
	r.saveMu.Unlock()
	for _, k := range keys {
		_, _, _ = r.flush(model.ScriptID(k[0]), k[1])
	}
}
