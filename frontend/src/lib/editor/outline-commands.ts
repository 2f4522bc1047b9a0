/**
 * The outline's link to the editor: a feed of the editor's state for the
 * outline view, and the commands that reorder scenes and set synopses, each
 * as one transaction, so one undo takes it back.
 */
import { EditorSelection, Transaction, type EditorState, type Extension } from '@codemirror/state';
import { EditorView, ViewPlugin, type ViewUpdate } from '@codemirror/view';
import { isolateHistory } from '@codemirror/commands';
import { lineKinds } from './fountain-language';
import { applyChanges, blocks, moveBlock, outline, setSynopsis, type OutlineItem } from './outline';

/** What the outline shows: its items and the index of the one holding the cursor (-1: none). */
export interface OutlineSnapshot {
  readonly items: readonly OutlineItem[];
  readonly current: number;
}

/** The outline of an editor state. */
export function outlineOf(state: EditorState): OutlineSnapshot {
  const items = outline(state.doc.toString(), state.field(lineKinds));
  const line = state.doc.lineAt(state.selection.main.head).number - 1;
  let current = -1;
  for (let i = 0; i < items.length && items[i].line <= line; i++) current = i;
  return { items, current };
}

/**
 * Tells subscribers the editor's view whenever its text or cursor changes
 * and when it gets a new state (switching to a proposal). Add extension to
 * the editor; subscribe follows the Svelte store contract.
 */
export class EditorFeed {
  private view: EditorView | null = null;
  private readonly subs = new Set<(v: EditorView) => void>();

  /** The extension that reports the editor to the feed. */
  readonly extension: Extension = ViewPlugin.define((view) => {
    this.push(view);
    return {
      update: (u: ViewUpdate) => {
        if (u.docChanged || u.selectionSet) this.push(u.view);
      },
    };
  });

  private push(v: EditorView) {
    this.view = v;
    for (const f of this.subs) f(v);
  }

  /** Calls f with the editor now (when there is one) and after every change. */
  subscribe(f: (v: EditorView) => void): () => void {
    this.subs.add(f);
    if (this.view) f(this.view);
    return () => this.subs.delete(f);
  }

  /** The editor, once it exists. */
  get current(): EditorView | null {
    return this.view;
  }
}

/**
 * Moves block k of the outline (a scene) to slot (before item slot; the
 * number of items: after the last), as one undo step, leaving the cursor on
 * its heading. Returns whether the text changed.
 */
export function moveScene(view: EditorView, k: number, slot: number): boolean {
  const state = view.state;
  if (state.readOnly) return false;
  const text = state.doc.toString();
  const kinds = state.field(lineKinds);
  const changes = moveBlock(text, k, slot, kinds);
  if (!changes || changes.length === 0) return false;
  const to = slot > k ? slot - 1 : slot;
  const at = blocks(applyChanges(text, changes)).blocks[to].from;
  view.dispatch({
    changes,
    selection: EditorSelection.cursor(at),
    annotations: [isolateHistory.of('full'), Transaction.userEvent.of('move.outline')],
  });
  return true;
}

/** Sets the synopsis of the scene or section whose heading is at line (0-based), as one undo step. */
export function setItemSynopsis(view: EditorView, line: number, value: string): boolean {
  const state = view.state;
  if (state.readOnly) return false;
  const changes = setSynopsis(state.doc.toString(), line, value, state.field(lineKinds));
  if (!changes || changes.length === 0) return false;
  view.dispatch({ changes, annotations: [isolateHistory.of('full'), Transaction.userEvent.of('input.outline')] });
  return true;
}
