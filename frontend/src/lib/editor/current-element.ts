/**
 * The element of the cursor's line: the one the writer or the flow chose for
 * it (kept while the cursor stays on that line), or the one its text makes.
 */
import { StateEffect, StateField, type EditorState } from '@codemirror/state';
import { elementAt, type Element } from './elements';

/** The element chosen for an empty line by the flow or the writer, before anything is typed on it. */
export interface Pending {
  /** Start of the line it applies to. */
  readonly from: number;
  readonly element: Element;
}

/** Chooses the element of a line (null: its text decides). */
export const setPending = StateEffect.define<Pending | null>();

/** The element chosen for the cursor's line; it lasts while the cursor stays on that line. */
export const pending = StateField.define<Pending | null>({
  create: () => null,
  update(value, tr) {
    for (const e of tr.effects) if (e.is(setPending)) return e.value;
    if (!value) return null;
    const from = tr.changes.mapPos(value.from, -1);
    if (tr.newDoc.lineAt(tr.newSelection.main.head).from !== from) return null;
    return from === value.from ? value : { from, element: value.element };
  },
});

/** The element of the cursor's line: the one chosen for it, or the one its text makes. */
export function currentElement(state: EditorState): Element | null {
  const head = state.selection.main.head;
  const line = state.doc.lineAt(head);
  const p = state.field(pending, false);
  if (p && p.from === line.from) {
    // A "(" typed where dialogue was due opens a parenthetical.
    if (p.element === 'dialogue' && line.text.trimStart().startsWith('(')) return 'parenthetical';
    return p.element;
  }
  return elementAt(state, line.number);
}

/** The element chosen for the cursor's line, if one was; null when its text decides. */
export function chosenElement(state: EditorState): Element | null {
  const p = state.field(pending, false);
  if (!p) return null;
  return p.from === state.doc.lineAt(state.selection.main.head).from ? p.element : null;
}
