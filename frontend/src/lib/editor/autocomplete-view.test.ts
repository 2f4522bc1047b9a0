// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EditorState, type Transaction } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { completionStatus, currentCompletions, startCompletion } from '@codemirror/autocomplete';
import { scriptAutocomplete } from './autocomplete';
import { elementFlow } from './element-flow';

const SCRIPT = ['INT. DINER - NIGHT', '', 'Rain on the glass.', '', 'EDWARD', 'Coffee.', '', 'EDWINA', 'Tea.', '', ''].join('\n');

const views: EditorView[] = [];
afterEach(() => views.splice(0).forEach((v) => v.destroy()));

/** A view on SCRIPT with the cursor at its end, and the transactions it sees. */
function editor(doc = SCRIPT) {
  const seen: Transaction[] = [];
  const view = new EditorView({
    parent: document.body,
    state: EditorState.create({
      doc,
      selection: { anchor: doc.length },
      extensions: [elementFlow(), scriptAutocomplete({ interactionDelay: 0 }), EditorView.updateListener.of((u) => seen.push(...u.transactions))],
    }),
  });
  views.push(view);
  return { view, seen };
}

/** Types text at the cursor as the keyboard does, one character at a time. */
function type(view: EditorView, text: string) {
  for (const ch of text) {
    const at = view.state.selection.main.head;
    view.dispatch({ changes: { from: at, insert: ch }, selection: { anchor: at + 1 }, userEvent: 'input.type' });
  }
}

describe('the completion source in the editor', () => {
  it('is not asked while action is typed: a key is one transaction, nothing pending', async () => {
    const { view, seen } = editor(SCRIPT.replace('Rain on the glass.', 'Rain on the glass'));
    view.dispatch({ selection: { anchor: SCRIPT.indexOf('glass') + 'glass'.length } });
    seen.length = 0;
    type(view, ' and wind');
    expect(completionStatus(view.state)).toBe(null);
    // Whatever runs after the keys (timers, promises) has nothing to dispatch.
    await new Promise((r) => setTimeout(r, 0));
    await Promise.resolve();
    expect(seen.length).toBe(' and wind'.length);
    expect(seen.every((tr) => tr.isUserEvent('input.type'))).toBe(true);
  });
  it('opens the list of names as a cue is typed', async () => {
    const { view } = editor();
    type(view, 'ED');
    expect(completionStatus(view.state)).toBe('pending');
    await vi.waitFor(() => expect(completionStatus(view.state)).toBe('active'));
    expect(currentCompletions(view.state).map((c) => c.label)).toEqual(['EDWARD', 'EDWINA']);
    // Typing on narrows it; a letter that leaves no cue closes it at once.
    type(view, 'WI');
    await vi.waitFor(() => expect(currentCompletions(view.state).map((c) => c.label)).toEqual(['EDWINA']));
    type(view, 'x');
    expect(completionStatus(view.state)).toBe(null);
  });
  it('answers Ctrl+Space where only an explicit request is offered something', async () => {
    const { view } = editor(SCRIPT + 'EXT. ');
    expect(startCompletion(view)).toBe(true);
    await vi.waitFor(() => expect(completionStatus(view.state)).toBe('active'));
    expect(currentCompletions(view.state).map((c) => c.label)).toEqual(['DINER - ']);
  });
});
