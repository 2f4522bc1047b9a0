/**
 * Lays out the cursor's line as the element it is being written as, before
 * Fountain can tell (a cue has no dialogue below it yet, an empty line after
 * a cue is due to be dialogue): the caret sits where Final Draft puts it.
 * Looks at the cursor's line only.
 */
import { type Extension } from '@codemirror/state';
import { Decoration, ViewPlugin, type DecorationSet, type EditorView, type ViewUpdate } from '@codemirror/view';
import { currentElement } from './current-element';
import { lineKinds } from './fountain-language';
import type { Element } from './elements';

const decos = new Map<Element, Decoration>();
function decoFor(e: Element): Decoration {
  let d = decos.get(e);
  if (!d) {
    d = Decoration.line({ class: `cm-fn-${e} cm-fn-typing` });
    decos.set(e, d);
  }
  return d;
}

function build(view: EditorView): DecorationSet {
  const state = view.state;
  const line = state.doc.lineAt(state.selection.main.head);
  const e = currentElement(state);
  const kind = state.field(lineKinds, false)?.[line.number - 1];
  // Action needs no layout of its own; other lines already show theirs.
  if (!e || e === 'action' || e === kind) return Decoration.none;
  return Decoration.set([decoFor(e).range(line.from)]);
}

/** The cursor's line shown as its element while it is typed. */
export function elementLine(): Extension {
  return ViewPlugin.fromClass(
    class {
      decorations: DecorationSet;
      constructor(view: EditorView) {
        this.decorations = build(view);
      }
      update(u: ViewUpdate) {
        if (u.docChanged || u.selectionSet || u.transactions.some((tr) => tr.effects.length > 0)) this.decorations = build(u.view);
      }
    },
    { decorations: (v) => v.decorations },
  );
}
