package app

import (
	"errors"
	"time"

	"github.com/scriptroom/scriptroom/internal/model"
	"github.com/scriptroom/scriptroom/internal/production"
	"github.com/scriptroom/scriptroom/internal/workspace"
)

// ProductionInfo is a script's production state as the window shows it.
type ProductionInfo struct {
	// Locked is true while the script is locked for production.
	Locked bool `json:"locked"`
	// Base is the locked revision.
	Base string `json:"base"`
	// Shared is true when the state is the room's, shared with every
	// collaborator; false when it is kept in this library alone.
	Shared bool `json:"shared"`
	// CanChange is true when the writer may lock, unlock and start sets:
	// always for a script kept alone, the owner and editors when shared.
	CanChange bool `json:"canChange"`
	// Set is the current revision set; nil before one is started.
	Set *model.RevisionSetInfo `json:"set"`
	// Sets are every set started since the lock, oldest first.
	Sets []model.RevisionSetInfo `json:"sets"`
	// Cleared is true when the marks of earlier changes were cleared.
	Cleared bool `json:"cleared"`
	// History lists the lock's changes, oldest first.
	History []ProductionChangeInfo `json:"history"`
}

// ProductionChangeInfo is one entry of the production history.
type ProductionChangeInfo struct {
	Op     string    `json:"op"`
	Set    string    `json:"set"`
	ByName string    `json:"byName"`
	At     time.Time `json:"at"`
}

// productionOf is a script's production state: its room's when shared,
// else the library's, and the room's state when shared.
func (r *Review) productionOf(sid model.ScriptID) (model.Production, *roomState, error) {
	st, err := r.state(sid)
	if errors.Is(err, ErrNotShared) {
		p, err := r.c.ws.Production(sid)
		return p, nil, err
	}
	if err != nil {
		return model.Production{}, nil, err
	}
	return st.room.Production, st, nil
}

// Production is a script's production state.
func (r *Review) Production(scriptID string) (ProductionInfo, error) {
	p, st, err := r.productionOf(model.ScriptID(scriptID))
	if err != nil {
		return ProductionInfo{}, r.failed("Could not read the production state", err)
	}
	return r.productionInfo(p, st), nil
}

func (r *Review) productionInfo(p model.Production, st *roomState) ProductionInfo {
	info := ProductionInfo{Locked: p.Locked, Base: string(p.Base), Shared: st != nil, CanChange: true,
		Sets: []model.RevisionSetInfo{}, Cleared: p.Cleared != "", History: []ProductionChangeInfo{}}
	if st != nil {
		info.CanChange = st.role.Allows(model.RoleEditor)
	}
	if cur, ok := p.Current(); ok {
		info.Set = &cur.RevisionSetInfo
	}
	for _, s := range p.Sets {
		info.Sets = append(info.Sets, s.RevisionSetInfo)
	}
	me := r.c.identity()
	for _, h := range p.History {
		name := me.Name
		if st != nil {
			name = st.name(h.By)
		}
		info.History = append(info.History, ProductionChangeInfo{Op: string(h.Op), Set: h.Set, ByName: name, At: time.UnixMilli(h.At).UTC()})
	}
	return info
}

// LockProduction locks the script's newest revision for production: from
// then on its scene and page numbers never change. In a shared script
// every collaborator shares the lock; only the owner and editors may.
func (r *Review) LockProduction(scriptID string) (ProductionInfo, error) {
	return r.changeProduction(scriptID, model.ProductionLock, nil, "Could not lock the script for production", "lock the script for production")
}

// UnlockProduction ends the lock.
func (r *Review) UnlockProduction(scriptID string) (ProductionInfo, error) {
	return r.changeProduction(scriptID, model.ProductionUnlock, nil, "Could not unlock the script", "unlock the script")
}

// RelockProduction renumbers: the newest revision becomes the locked one,
// its scenes and pages numbered afresh, and the sets start again.
func (r *Review) RelockProduction(scriptID string) (ProductionInfo, error) {
	return r.changeProduction(scriptID, model.ProductionRelock, nil, "Could not renumber the script", "renumber the script")
}

// StartRevisionSet starts a revision set (name, colour of the industry
// order, date YYYY-MM-DD; name and date may be empty: the colour's name,
// today): every later change is marked against the newest revision.
func (r *Review) StartRevisionSet(scriptID string, set model.RevisionSetInfo) (ProductionInfo, error) {
	return r.changeProduction(scriptID, model.ProductionSet, &set, "Could not start the revision set", "start revision sets")
}

// ClearRevisionMarks clears the marks of every change up to the newest
// revision: only later changes stay marked.
func (r *Review) ClearRevisionMarks(scriptID string) (ProductionInfo, error) {
	return r.changeProduction(scriptID, model.ProductionClear, nil, "Could not clear the revision marks", "clear revision marks")
}

// changeProduction makes a production change: a room event in a shared
// script (checked against the room first), else in the library.
func (r *Review) changeProduction(scriptID string, op model.ProductionOp, set *model.RevisionSetInfo, doing, what string) (ProductionInfo, error) {
	sid := model.ScriptID(scriptID)
	r.c.writeMu.Lock()
	defer r.c.writeMu.Unlock()
	_, st, err := r.productionOf(sid)
	if err != nil {
		return ProductionInfo{}, r.productionFailed(doing, err)
	}
	if st != nil {
		if err := st.need(model.RoleEditor, doing, what); err != nil {
			return ProductionInfo{}, err
		}
	}
	pl, err := r.c.ws.ProductionChange(sid, op, set)
	if err != nil {
		return ProductionInfo{}, r.productionFailed(doing, err)
	}
	if st == nil {
		p, err := r.c.ws.ChangeProduction(sid, pl)
		if err != nil {
			return ProductionInfo{}, r.productionFailed(doing, err)
		}
		r.c.emit(EventReviewChanged, ReviewChanged{ScriptID: scriptID})
		return r.productionInfo(p, nil), nil
	}
	ev, err := st.newEvent(model.KindProduction, pl, r.c.now())
	if err != nil {
		return ProductionInfo{}, r.productionFailed(doing, err)
	}
	if err := st.check(ev); err != nil {
		return ProductionInfo{}, r.productionFailed(doing, err)
	}
	if err := r.publish(sid, ev); err != nil {
		return ProductionInfo{}, r.productionFailed(doing, err)
	}
	return r.productionInfo(st.room.Production, st), nil
}

// productionFailed words a production error for the writer.
func (r *Review) productionFailed(doing string, err error) error {
	for _, known := range []error{model.ErrLocked, model.ErrNotLocked, production.ErrUnknownColor, production.ErrBadDate, workspace.ErrNothingToLock} {
		if errors.Is(err, known) {
			return &userError{msg: doing + ": " + err.Error(), err: err}
		}
	}
	if errors.Is(err, model.ErrBadProduction) {
		return &userError{msg: doing + ": " + err.Error(), err: err}
	}
	return r.failed(doing, err)
}
