/**
 * The rendered constructs that replace whole lines: the title page and dual
 * dialogue, each drawn by a widget while the cursor is outside it and shown
 * as text (rendered line by line) while the cursor is inside. Widgets that
 * replace lines must come from state, so this is a state field; the pairs
 * of dual dialogue are kept up to date by rescanning only the neighbourhood
 * of each edit.
 */
import { EditorSelection, Prec, StateField, type EditorState, type Range, type Transaction } from '@codemirror/state';
import { Decoration, EditorView, keymap, type Command, type DecorationSet } from '@codemirror/view';
import { DualDialogueWidget, neighbourhood, pairsIn, type DualPair } from './dual-dialogue';
import { lineKinds } from './fountain-language';
import { isRaw, setRawMarkup } from './markup-toggle';
import { TitlePageWidget, titlePageOf } from './title-page';

/**
 * The lines (1-based, in the new document) an edit touched, or null when it
 * changed the kinds of lines below it (a boneyard or note opened or closed).
 * Below the edit the text is the same as before, so when the first line
 * after it keeps its kind, every later line does too: the classifier reads
 * downwards, and what it carries past a line follows from that line's kind
 * and text.
 */
function touched(tr: Transaction): [number, number] | null {
  const a = tr.startState.doc;
  const b = tr.state.doc;
  let first = Infinity;
  let last = 0;
  let lastA = 0;
  tr.changes.iterChangedRanges((_fromA, toA, fromB, toB) => {
    first = Math.min(first, b.lineAt(fromB).number);
    last = Math.max(last, b.lineAt(toB).number);
    lastA = Math.max(lastA, a.lineAt(toA).number);
  });
  if (last < b.lines && tr.startState.field(lineKinds)[lastA] !== tr.state.field(lineKinds)[last]) return null;
  return [first, last];
}

/** The dual-dialogue pairs of the document, in order. */
export const dualPairs = StateField.define<readonly DualPair[]>({
  create: (state) => pairsIn(state, 1, state.doc.lines),
  update(pairs, tr) {
    if (!tr.docChanged) return pairs;
    const state = tr.state;
    const lines = touched(tr);
    if (!lines) return pairsIn(state, 1, state.doc.lines);
    const doc = state.doc;
    const [a, b] = neighbourhood(doc, lines[0], lines[1]);
    const lo = doc.line(a).from;
    const hi = doc.line(b).to;
    const out: DualPair[] = [];
    for (const p of pairs) {
      const from = tr.changes.mapPos(p.from, 1);
      const to = tr.changes.mapPos(p.to, -1);
      if (to < lo || from > hi) out.push({ from, to });
    }
    // A pair whose first speech is the neighbourhood's last block has its
    // cue in the block after.
    const [, after] = neighbourhood(doc, b, b);
    for (const p of pairsIn(state, a, after)) if (!out.some((q) => q.from === p.from)) out.push(p);
    return out.sort((x, y) => x.from - y.from);
  },
});

function build(state: EditorState): DecorationSet {
  if (isRaw(state)) return Decoration.none;
  const head = state.selection.main.head;
  const ranges: Range<Decoration>[] = [];
  const tp = titlePageOf(state);
  if (tp && tp.fields.length > 0 && head > tp.to) {
    ranges.push(Decoration.replace({ widget: new TitlePageWidget(tp.fields), block: true }).range(tp.from, tp.to));
  }
  for (const p of state.field(dualPairs)) {
    if (head >= p.from && head <= p.to) continue;
    ranges.push(Decoration.replace({ widget: DualDialogueWidget.of(state, p), block: true }).range(p.from, p.to));
  }
  return Decoration.set(ranges, true);
}

/** Which block, if any, holds the cursor: the decorations change only when that does. */
function holder(state: EditorState): number {
  const head = state.selection.main.head;
  const tp = titlePageOf(state);
  if (tp && head <= tp.to) return -1;
  for (const p of state.field(dualPairs)) if (head >= p.from && head <= p.to) return p.from;
  return -2;
}

/**
 * Whether an edit left every drawn block as it was, only moved: it touched
 * neither the title page nor any pair of dual dialogue (nor the line next to
 * one), made no pair and took none away. Then the widgets are the same and
 * the decorations are mapped, not made again (a new set of widgets makes
 * the editor compare the old and new sets over the whole script on every
 * key).
 */
function blocksOnlyMoved(tr: Transaction): boolean {
  const before = tr.startState;
  const tp = titlePageOf(before);
  const pairs = before.field(dualPairs);
  const after = tr.state.field(dualPairs);
  if (after.length !== pairs.length) return false;
  for (let i = 0; i < pairs.length; i++) {
    if (after[i].from !== tr.changes.mapPos(pairs[i].from, 1) || after[i].to !== tr.changes.mapPos(pairs[i].to, -1)) return false;
  }
  const tpAfter = titlePageOf(tr.state);
  if (!tp !== !tpAfter || (tp && tpAfter && (tpAfter.to !== tr.changes.mapPos(tp.to, 1) || tpAfter.fields.length !== tp.fields.length))) return false;
  let near = false;
  tr.changes.iterChangedRanges((fromA, toA) => {
    if (tp && fromA <= tp.to + 1) near = true;
    for (const p of pairs) if (fromA <= p.to + 1 && toA >= p.from - 1) near = true;
  });
  return !near;
}

/** The title page and dual dialogue drawn by widgets, except where the cursor is. */
export const markupBlocks = StateField.define<DecorationSet>({
  create: build,
  update(deco, tr) {
    if (tr.effects.some((e) => e.is(setRawMarkup))) return build(tr.state);
    if (tr.docChanged) {
      if (isRaw(tr.state) || holder(tr.startState) !== holder(tr.state) || !blocksOnlyMoved(tr)) return build(tr.state);
      return deco.map(tr.changes);
    }
    if (tr.selection && holder(tr.startState) !== holder(tr.state)) return build(tr.state);
    return deco;
  },
  provide: (f) => EditorView.decorations.from(f),
});

/**
 * Up and Down step into a drawn block instead of over it: where the usual
 * motion would pass the block, the cursor goes to its near edge, which shows
 * its text (the editor otherwise moves past a block widget in one step).
 */
function stepInto(forward: boolean): Command {
  return (view) => {
    const sel = view.state.selection.main;
    if (!sel.empty) return false;
    const moved = view.moveVertically(sel, forward).head;
    let target = -1;
    view.state.field(markupBlocks).between(Math.min(sel.head, moved), Math.max(sel.head, moved), (from, to) => {
      if (forward && from > sel.head && moved >= from) target = from;
      if (!forward && to < sel.head && moved <= to) target = to;
      return target < 0 ? undefined : false;
    });
    if (target < 0) return false;
    view.dispatch({ selection: EditorSelection.cursor(target), scrollIntoView: true, userEvent: 'select' });
    return true;
  };
}

/** The fields the block widgets need, in the order they depend on each other, and the keys that step into them. */
export const markupBlockFields = [
  lineKinds,
  dualPairs,
  markupBlocks,
  Prec.high(keymap.of([
    { key: 'ArrowDown', run: stepInto(true) },
    { key: 'ArrowUp', run: stepInto(false) },
  ])),
];
