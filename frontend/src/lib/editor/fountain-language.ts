/**
 * Screenplay layout for Fountain in CodeMirror: every line gets a class
 * naming its element (cm-fn-scene, cm-fn-character, ...), from the line
 * classifier, recomputed when the document changes.
 */
import { RangeSetBuilder, StateField, type EditorState, type Extension } from '@codemirror/state';
import { Decoration, EditorView, type DecorationSet } from '@codemirror/view';
import { classify, type LineKind } from '../fountain/classify';

const lineDecos = new Map<LineKind, Decoration>();
function decoFor(kind: LineKind): Decoration {
  let d = lineDecos.get(kind);
  if (!d) {
    d = Decoration.line({ class: `cm-fn-${kind}` });
    lineDecos.set(kind, d);
  }
  return d;
}

/** The element kind of every line of the document. */
export const lineKinds = StateField.define<readonly LineKind[]>({
  create: (state) => classify(state.doc.toString()),
  update: (kinds, tr) => (tr.docChanged ? classify(tr.state.doc.toString()) : kinds),
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
  update: (deco, tr) => (tr.docChanged ? build(tr.state) : deco),
  provide: (f) => EditorView.decorations.from(f),
});

/** Fountain element classes on every line. */
export function fountain(): Extension {
  return [lineKinds, decorations];
}
