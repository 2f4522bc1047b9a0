package model

// ProductionStep is one change of a production history made again: the
// payload that does it, who made it and when (Unix milliseconds).
type ProductionStep struct {
	Payload ProductionPayload
	By      UserID
	At      int64
}

// Replay is p's history as the payloads that, applied in order to an
// empty state (Apply with each step's By and At), give p again: the same
// lock, locked pages, sets, cleared marks and history. It is how a script
// locked while kept alone brings its production state to the room it is
// shared to.
//
// What p keeps is enough for every change that still counts: the lock in
// effect (the last lock or relock) takes p.Pages, and the sets started
// since it take p.Sets. A set of an earlier lock takes the colour and date
// its history entry recorded; one recorded before entries kept them cannot
// be made again and is left out, with any change that then no longer
// applies (a clear of its marks). A later lock or relock started afresh
// from them, so the state is p's all the same; only those entries are
// missing from the history.
func (p *Production) Replay() []ProductionStep {
	last := -1 // the lock or relock in effect
	for i, h := range p.History {
		if h.Op == ProductionLock || h.Op == ProductionRelock {
			last = i
		}
	}
	var fold Production
	var steps []ProductionStep
	sets := 0 // p.Sets taken so far
	for i, h := range p.History {
		pl := ProductionPayload{Op: h.Op, Revision: h.Revision}
		switch {
		case h.Op == ProductionLock && i == last:
			pl.Pages = p.Pages
		case h.Op == ProductionSet && i > last && sets < len(p.Sets):
			s := p.Sets[sets]
			sets++
			info := s.RevisionSetInfo
			pl.Set, pl.Revision = &info, s.From
		case h.Op == ProductionSet && h.Color != "" && h.Date != "":
			pl.Set = &RevisionSetInfo{Name: h.Set, Color: h.Color, Date: h.Date}
		}
		if h.Op == ProductionSet && pl.Set == nil {
			continue
		}
		if fold.Apply(pl, h.By, h.At) != nil {
			continue
		}
		steps = append(steps, ProductionStep{Payload: pl, By: h.By, At: h.At})
	}
	return steps
}
