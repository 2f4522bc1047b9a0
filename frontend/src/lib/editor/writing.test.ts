// @vitest-environment happy-dom
// Writing in a real EditorView with the editor's keymaps in their real
// order: the element flow and autocomplete together, as a writer types.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EditorState } from '@codemirror/state';
import { EditorView, keymap, runScopeHandlers } from '@codemirror/view';
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { completionStatus, currentCompletions } from '@codemirror/autocomplete';
import { elementFlow, fountain, scriptAutocomplete } from '.';

const views: EditorView[] = [];
afterEach(() => views.splice(0).forEach((v) => v.destroy()));

function editor(doc = '', interactionDelay = 0): EditorView {
  const view = new EditorView({
    parent: document.body,
    state: EditorState.create({
      doc,
      selection: { anchor: doc.length },
      // The same order as writingExtensions (setup.ts): the flow before the default keymap.
      extensions: [history(), scriptAutocomplete({ interactionDelay }), elementFlow(), keymap.of([...defaultKeymap, ...historyKeymap]), fountain()],
    }),
  });
  views.push(view);
  return view;
}

/** Presses a key through the editor's keymaps, as a keydown would. */
function press(view: EditorView, key: string, mods: { shift?: boolean; ctrl?: boolean } = {}) {
  const ev = new KeyboardEvent('keydown', { key, shiftKey: !!mods.shift, ctrlKey: !!mods.ctrl, bubbles: true, cancelable: true });
  runScopeHandlers(view, ev, 'editor');
}

/** Types text a character at a time, as the browser's input does ("\n" presses Enter). */
function type(view: EditorView, text: string) {
  for (const ch of text) {
    if (ch === '\n') {
      press(view, 'Enter');
      continue;
    }
    const { from, to } = view.state.selection.main;
    view.dispatch({ changes: { from, to, insert: ch }, selection: { anchor: from + 1 }, userEvent: 'input.type' });
  }
}

/** Types lines with Enter between them, as the end-to-end tests do. */
function typeLines(view: EditorView, lines: string[]) {
  lines.forEach((l, i) => {
    type(view, l);
    if (i < lines.length - 1) press(view, 'Enter');
  });
}

describe('writing a scene with the keyboard', () => {
  it('heading, action, cue from the list, dialogue, parenthetical', async () => {
    const view = editor('INT. DINER - DAY\n\nEDWARD\nCoffee.\n\nEDWINA\nTea.\n\n');
    type(view, 'int. waffle house - night');
    press(view, 'Enter');
    type(view, 'Syrup drips.');
    press(view, 'Enter');
    press(view, 'Tab');
    type(view, 'edw');
    await vi.waitFor(() => expect(completionStatus(view.state)).toBe('active'));
    expect(currentCompletions(view.state).map((c) => c.label)).toEqual(['EDWARD', 'EDWINA']);
    press(view, 'Enter'); // takes EDWARD
    press(view, 'Enter'); // on to the dialogue
    type(view, 'Two eggs.');
    press(view, 'Tab');
    type(view, 'beat');
    press(view, 'Tab');
    type(view, 'Over easy.');
    expect(view.state.doc.toString()).toBe(
      'INT. DINER - DAY\n\nEDWARD\nCoffee.\n\nEDWINA\nTea.\n\n' +
        'INT. WAFFLE HOUSE - NIGHT\n\nSyrup drips.\n\nEDWARD\nTwo eggs.\n(beat)\nOver easy.',
    );
  });

  it('a heading from the lists: opening, location, time of day', async () => {
    const view = editor('INT. DINER - NIGHT\n\nRain.\n\n');
    type(view, 'ex');
    await vi.waitFor(() => expect(currentCompletions(view.state).map((c) => c.label)).toEqual(['EXT. ']));
    press(view, 'Enter');
    await vi.waitFor(() => expect(currentCompletions(view.state).map((c) => c.label)).toEqual(['DINER - ']));
    press(view, 'Enter');
    await vi.waitFor(() => expect(currentCompletions(view.state)[0]?.label).toBe('NIGHT'));
    press(view, 'ArrowDown');
    press(view, 'Enter');
    press(view, 'Enter');
    expect(view.state.doc.toString()).toBe('INT. DINER - NIGHT\n\nRain.\n\nEXT. DINER - DAY\n\n');
  });

  it('Enter right after the list opens is a line break, not a choice', async () => {
    const view = editor('EDWARD\nHi.\n\n', 10_000);
    press(view, 'Tab');
    type(view, 'edw');
    await vi.waitFor(() => expect(completionStatus(view.state)).toBe('active'));
    press(view, 'Enter');
    press(view, 'Enter');
    type(view, 'Two eggs.');
    expect(view.state.doc.toString()).toBe('EDWARD\nHi.\n\nEDW\n\nTwo eggs.');
  });

  it('the line being typed is laid out as its element', () => {
    const view = editor('Rain.\n\n');
    press(view, 'Tab');
    type(view, 'ed');
    const line = () => view.contentDOM.querySelectorAll('.cm-line')[2];
    expect(line().classList.contains('cm-fn-character')).toBe(true);
    press(view, 'Enter');
    expect(view.contentDOM.querySelectorAll('.cm-line')[3].classList.contains('cm-fn-dialogue')).toBe(true);
  });

  it('Enter after a time typed in full goes on, though longer ones are offered (Big Fish has "NIGHT [CONTINUOUS]")', async () => {
    const view = editor('INT. DINER - NIGHT [CONTINUOUS]\n\nRain.\n\nINT. DINER - NIGHT\n\nSnow.\n\n');
    type(view, 'int. waffle house - night');
    await vi.waitFor(() => expect(completionStatus(view.state)).toBe('active'));
    expect(currentCompletions(view.state).map((c) => c.label)).toEqual(['NIGHT [CONTINUOUS]']);
    press(view, 'Enter');
    type(view, 'Syrup drips.');
    expect(view.state.doc.toString()).toMatch(/\n\nINT\. WAFFLE HOUSE - NIGHT\n\nSyrup drips\.$/);
  });

  it('Tab still takes the longer option when the typed one is whole', async () => {
    const view = editor('INT. DINER - NIGHT [CONTINUOUS]\n\nRain.\n\nINT. DINER - NIGHT\n\nSnow.\n\n');
    type(view, 'int. waffle house - night');
    await vi.waitFor(() => expect(completionStatus(view.state)).toBe('active'));
    press(view, 'Tab');
    expect(view.state.doc.toString()).toMatch(/INT\. WAFFLE HOUSE - NIGHT \[CONTINUOUS\]$/);
  });

  it('Enter with nothing offered does the element flow', async () => {
    const view = editor('EDWARD\nHi.\n\n');
    type(view, 'MARA');
    press(view, 'Enter');
    expect(view.state.doc.toString()).toBe('EDWARD\nHi.\n\nMARA\n');
  });

  it('Escape closes the list and Enter then goes on', async () => {
    const view = editor('EDWARD\nHi.\n\n');
    type(view, 'ED');
    await vi.waitFor(() => expect(completionStatus(view.state)).toBe('active'));
    press(view, 'Escape');
    expect(completionStatus(view.state)).toBe(null);
    press(view, 'Enter');
    expect(view.state.doc.toString()).toBe('EDWARD\nHi.\n\nED\n');
  });

  it('Ctrl+1 makes the line a heading; Ctrl+3 a cue', () => {
    const view = editor('Rain.\n\nthe roof');
    press(view, '1', { ctrl: true });
    expect(view.state.doc.toString()).toBe('Rain.\n\n.THE ROOF');
    press(view, '3', { ctrl: true });
    expect(view.state.doc.toString()).toBe('Rain.\n\nTHE ROOF');
  });
});

// The end-to-end tests type these with Enter between lines; the flow must
// leave exactly this text.
describe('what the end-to-end tests type stays as typed', () => {
  it('a scene typed line by line', () => {
    const scene = ['INT. KITCHEN - NIGHT', '', 'Rain taps the window.', '', 'MARA', '(quietly)', 'We should go.'];
    const view = editor();
    typeLines(view, scene);
    expect(view.state.doc.toString()).toBe(scene.join('\n'));
    typeLines(view, ['', '', 'She leaves.']);
    expect(view.state.doc.toString()).toBe(scene.join('\n') + '\n\nShe leaves.');
  });
  it('a short scene and an addition at its end', () => {
    const lines = ['INT. PIER - NIGHT', '', 'Waves slap the posts.', '', 'MARA', 'We wait.'];
    const view = editor();
    typeLines(view, lines);
    type(view, '\n\nGulls scream overhead.');
    expect(view.state.doc.toString()).toBe(lines.join('\n') + '\n\nGulls scream overhead.');
  });
  it('a new line under an action line is one line', () => {
    const view = editor('FADE IN:\n\nEXT. PIER - NIGHT\n');
    view.dispatch({ selection: { anchor: 'FADE IN:'.length } });
    press(view, 'Enter');
    type(view, 'A brand new line.');
    expect(view.state.doc.toString()).toBe('FADE IN:\nA brand new line.\n\nEXT. PIER - NIGHT\n');
  });
  it('two Enters at the end of a script open a paragraph', () => {
    const view = editor('She walks into the dawn.\n\nFADE OUT.\n');
    press(view, 'Enter');
    press(view, 'Enter');
    type(view, 'The fog lifts at last.');
    expect(view.state.doc.toString()).toBe('She walks into the dawn.\n\nFADE OUT.\n\nThe fog lifts at last.');
  });
});
