// @vitest-environment happy-dom
// The find keys in a real EditorView: what Ctrl+F and Ctrl+H open with,
// and Escape. The panel here is a bare one with the two fields.
import { afterEach, describe, expect, it } from 'vitest';
import { EditorState } from '@codemirror/state';
import { EditorView, runScopeHandlers, type Panel } from '@codemirror/view';
import { getSearchQuery, searchPanelOpen } from '@codemirror/search';
import { FIND_FIELD, findOptions, findReplace, findScope, replaceShown } from './find';

const views: EditorView[] = [];
afterEach(() => views.splice(0).forEach((v) => v.destroy()));

function barePanel(): Panel {
  const dom = document.createElement('div');
  for (const f of ['find', 'replace']) {
    const input = document.createElement('input');
    input.setAttribute(FIND_FIELD, f);
    dom.append(input);
  }
  return { dom, top: true };
}

function editor(doc: string, anchor: number, head = anchor): EditorView {
  const view = new EditorView({ parent: document.body, state: EditorState.create({ doc, selection: { anchor, head }, extensions: findReplace(barePanel) }) });
  views.push(view);
  return view;
}

function press(view: EditorView, key: string, mods: { ctrl?: boolean; alt?: boolean } = {}) {
  const ev = new KeyboardEvent('keydown', { key, ctrlKey: !!mods.ctrl, altKey: !!mods.alt, bubbles: true, cancelable: true });
  return runScopeHandlers(view, ev, 'editor');
}

const DOC = 'INT. DINER - NIGHT\n\nEdward sits.\n\nEDWARD\nCoffee.';

describe('find keys', () => {
  it('Ctrl+F searches for the selected word; Escape closes and gives the editor its focus back', () => {
    const view = editor(DOC, DOC.indexOf('Edward'), DOC.indexOf('Edward') + 6);
    expect(press(view, 'f', { ctrl: true })).toBe(true);
    expect(searchPanelOpen(view.state)).toBe(true);
    expect(view.state.field(replaceShown)).toBe(false);
    expect(findOptions(getSearchQuery(view.state))).toMatchObject({ search: 'Edward', inSelection: false });
    expect(document.activeElement?.getAttribute(FIND_FIELD)).toBe('find');
    expect(press(view, 'Escape')).toBe(true);
    expect(searchPanelOpen(view.state)).toBe(false);
    expect(view.hasFocus || document.activeElement === view.contentDOM).toBe(true);
  });

  it('Ctrl+H with a word selected shows replace and puts the cursor in the replace field', () => {
    const view = editor(DOC, DOC.indexOf('Coffee'), DOC.indexOf('Coffee') + 6);
    press(view, 'h', { ctrl: true });
    expect(view.state.field(replaceShown)).toBe(true);
    expect(document.activeElement?.getAttribute(FIND_FIELD)).toBe('replace');
  });

  it('with several lines selected, searches within them', () => {
    const from = DOC.indexOf('Edward');
    const view = editor(DOC, from, DOC.length);
    press(view, 'f', { ctrl: true, alt: true });
    expect(findOptions(getSearchQuery(view.state)).inSelection).toBe(true);
    expect(view.state.field(findScope).ranges).toEqual([{ from, to: DOC.length }]);
    // Escape forgets the scope.
    press(view, 'Escape');
    expect(view.state.field(findScope).ranges).toBeNull();
    expect(findOptions(getSearchQuery(view.state)).inSelection).toBe(false);
  });

  it('Escape does nothing when the panel is closed (it is left to others)', () => {
    const view = editor(DOC, 0);
    expect(press(view, 'Escape')).toBe(false);
  });
});
