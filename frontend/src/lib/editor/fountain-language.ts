/**
 * Screenplay layout for Fountain in CodeMirror: every line gets a class
 * naming its element (cm-fn-scene, cm-fn-character, ...), from the line
 * classifier, and the scene list comes from the same classification.
 *
 * Typing costs what the edited block costs, not what the script costs: an
 * edit classifies again only from the blank line above it to the blank line
 * below it where the old classification resumes (reclassify), and only those
 * lines' decorations are replaced; the rest are mapped through the edit. The
 * whole text is classified when the first block (the title page) changes.
 */
import { RangeSetBuilder, StateField, type EditorState, type Extension, type Range, type Text } from '@codemirror/state';
import { Decoration, EditorView, type DecorationSet } from '@codemirror/view';
import { classify, reclassify, scenesOf, type LineKind, type Scene } from '../fountain/classify';

const lineDecos = new Map<LineKind, Decoration>();
function decoFor(kind: LineKind): Decoration {
  let d = lineDecos.get(kind);
  if (!d) {
    d = Decoration.line({ class: `cm-fn-${kind}` });
    lineDecos.set(kind, d);
  }
  return d;
}

/** The lines (from inclusive, to exclusive, 0-based) that made a kinds array by reclassify; absent when all were classified. */
const redone = new WeakMap<readonly LineKind[], { from: number; to: number }>();

const lineOf = (doc: Text) => (i: number) => (i >= 0 && i < doc.lines ? doc.line(i + 1).text : undefined);

/** The element kind of every line of the document. */
export const lineKinds = StateField.define<readonly LineKind[]>({
  create: (state) => classify(state.doc.toString()),
  update(kinds, tr) {
    if (!tr.docChanged) return kinds;
    const doc = tr.newDoc;
    let first = doc.lines;
    let last = 0;
    tr.changes.iterChangedRanges((_fromA, _toA, fromB, toB) => {
      first = Math.min(first, doc.lineAt(fromB).number - 1);
      last = Math.max(last, doc.lineAt(toB).number - 1);
    });
    const r = reclassify(kinds, lineOf(doc), doc.lines, first, last);
    if (!r) return classify(doc.toString());
    redone.set(r.kinds, r);
    return r.kinds;
  },
});

function build(state: EditorState): DecorationSet {
  const kinds = state.field(lineKinds);
  const b = new RangeSetBuilder<Decoration>();
  for (let i = 0; i < kinds.length && i < state.doc.lines; i++) {
    const line = state.doc.line(i + 1);
    b.add(line.from, line.from, decoFor(kinds[i]));
  }
  return b.finish();
}

const decorations = StateField.define<DecorationSet>({
  create: build,
  update(deco, tr) {
    if (!tr.docChanged) return deco;
    const kinds = tr.state.field(lineKinds);
    const r = redone.get(kinds);
    if (!r) return build(tr.state);
    const doc = tr.state.doc;
    const add: Range<Decoration>[] = [];
    for (let i = r.from; i < r.to; i++) add.push(decoFor(kinds[i]).range(doc.line(i + 1).from));
    return deco.map(tr.changes).update({ filter: () => false, filterFrom: doc.line(r.from + 1).from, filterTo: doc.line(r.to).to, add });
  },
  provide: (f) => EditorView.decorations.from(f),
});

/** Whether any of lines [from, to) is a scene heading. */
function hasScene(kinds: readonly LineKind[], { from, to }: { from: number; to: number }): boolean {
  for (let i = from; i < to; i++) if (kinds[i] === 'scene') return true;
  return false;
}

function sameScenes(a: readonly Scene[], b: readonly Scene[]): boolean {
  return a.length === b.length && a.every((s, i) => s.line === b[i].line && s.heading === b[i].heading && s.number === b[i].number);
}

/**
 * The scene headings, in order: the same array while none of them changed
 * (typing in a scene's action keeps it), so a list that shows them is not
 * redrawn on every key.
 */
export const sceneList = StateField.define<readonly Scene[]>({
  create: (state) => scenesOf(state.field(lineKinds), (i) => state.doc.line(i + 1).text),
  update(list, tr) {
    if (!tr.docChanged) return list;
    // Typing that leaves the line count alone and touches no heading (the
    // lines classified again held none, before or after) changes nothing
    // here: no walk over the whole script for such a keystroke.
    const kinds = tr.state.field(lineKinds);
    const before = tr.startState.field(lineKinds);
    const r = redone.get(kinds);
    if (r && kinds.length === before.length && !hasScene(kinds, r) && !hasScene(before, r)) return list;
    const doc = tr.state.doc;
    const next = scenesOf(tr.state.field(lineKinds), (i) => doc.line(i + 1).text);
    return sameScenes(list, next) ? list : next;
  },
});

/** Fountain element classes on every line, and the scene list. */
export function fountain(): Extension {
  return [lineKinds, decorations, sceneList];
}
