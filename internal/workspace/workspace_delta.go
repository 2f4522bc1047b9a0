package workspace

import (
	"time"

	"github.com/scriptroom/scriptroom/internal/diff"
	"github.com/scriptroom/scriptroom/internal/model"
)

// deltaTimeout bounds the line diff of a delta; past it internal/diff
// returns a coarser but exact edit script, so a delta is always right, at
// worst larger (and then shared whole: see SharePayload).
const deltaTimeout = 200 * time.Millisecond

// MakeDelta is the change from base to text by lines (model.TextDelta's
// operations), from internal/diff's line edit script. Applied to base it
// gives text byte for byte.
func MakeDelta(base, text string) []model.LineOp {
	a, b := diff.SplitLines(base), diff.SplitLines(text)
	var ops []model.LineOp
	for _, e := range diff.EditScript(a, b, deltaTimeout) {
		var op model.LineOp
		switch e.Kind {
		case diff.EditEqual:
			op.Keep = e.LeftEnd - e.LeftStart
		case diff.EditDelete:
			op.Drop = e.LeftEnd - e.LeftStart
		case diff.EditInsert:
			op.Add = joinLines(b[e.RightStart:e.RightEnd])
		}
		if op == (model.LineOp{}) {
			continue
		}
		if n := len(ops); n > 0 {
			last := &ops[n-1]
			switch {
			case op.Keep > 0 && last.Keep > 0:
				last.Keep += op.Keep
				continue
			case op.Drop > 0 && last.Drop > 0:
				last.Drop += op.Drop
				continue
			case op.Add != "" && last.Add != "":
				last.Add += op.Add
				continue
			}
		}
		ops = append(ops, op)
	}
	return ops
}

func joinLines(ls []string) string {
	n := 0
	for _, l := range ls {
		n += len(l)
	}
	b := make([]byte, 0, n)
	for _, l := range ls {
		b = append(b, l...)
	}
	return string(b)
}

// deltaOpBytes is about what one operation costs in a payload besides the
// text it adds: `{"keep":1234},`.
const deltaOpBytes = 16

// SharePayload is the payload that shares rev on branch: as a delta
// against base, its first parent, when the room's log already holds
// base's text, else whole. baseChain says how the log holds it: -1 not at
// all (not shared yet, or refused), 0 whole, n as the nth delta of a chain.
// It is whole too when the delta would make the chain longer than
// model.MaxDeltaChain (a whole text starts a new chain), and when the
// delta is not smaller than half the text (a rewrite: the whole text
// costs little more and starts a new chain).
func SharePayload(branch string, rev, base *model.Revision, baseChain int) model.RevisionPayload {
	whole := model.RevisionPayload{Branch: branch, Revision: *rev}
	if base == nil || baseChain < 0 || baseChain+1 > model.MaxDeltaChain ||
		len(rev.Parents) == 0 || rev.Parents[0] != base.ID || rev.ContentHash != model.ContentHash(rev.Text) {
		return whole
	}
	ops := MakeDelta(base.Text, rev.Text)
	size := 0
	for _, op := range ops {
		size += deltaOpBytes + len(op.Add)
	}
	if 2*size >= len(rev.Text) {
		return whole
	}
	bare := *rev
	bare.Text = ""
	return model.RevisionPayload{
		Branch: branch, Revision: bare, Version: model.RevisionDelta,
		Delta: &model.TextDelta{Base: base.ID, Chain: baseChain + 1, Ops: ops},
	}
}
