// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Compartment, EditorState } from '@codemirror/state';
import { EditorView, runScopeHandlers, type ViewUpdate } from '@codemirror/view';
import { previewExtensions, writingExtensions } from './setup';

const views: EditorView[] = [];
afterEach(() => views.splice(0).forEach((v) => v.destroy()));

function writing(over: { readOnlyAtStart?: boolean } = {}) {
  const onSaveShortcut = vi.fn();
  const updates: ViewUpdate[] = [];
  const readOnly = new Compartment();
  const view = new EditorView({
    parent: document.body,
    state: EditorState.create({
      doc: 'INT. HOUSE - DAY\n',
      extensions: writingExtensions({ readOnly, readOnlyAtStart: !!over.readOnlyAtStart, onSaveShortcut, onUpdate: (u) => updates.push(u) }),
    }),
  });
  views.push(view);
  return { view, onSaveShortcut, updates, readOnly };
}

describe('writingExtensions', () => {
  it('gives Ctrl+S to the owner', () => {
    const { view, onSaveShortcut } = writing();
    const ev = new KeyboardEvent('keydown', { key: 's', ctrlKey: true, bubbles: true, cancelable: true });
    expect(runScopeHandlers(view, ev, 'editor')).toBe(true);
    expect(onSaveShortcut).toHaveBeenCalledOnce();
  });
  it('reports every change', () => {
    const { view, updates } = writing();
    view.dispatch({ changes: { from: 0, insert: 'X' } });
    expect(updates.some((u) => u.docChanged)).toBe(true);
  });
  it('starts read-only when asked and switches through the compartment', () => {
    const { view, readOnly } = writing({ readOnlyAtStart: true });
    expect(view.state.readOnly).toBe(true);
    view.dispatch({ effects: readOnly.reconfigure(EditorState.readOnly.of(false)) });
    expect(view.state.readOnly).toBe(false);
  });
  it('names the text for tests and assistive technology', () => {
    const { view } = writing();
    expect(view.contentDOM.getAttribute('aria-label')).toBe('Screenplay');
    expect(view.contentDOM.getAttribute('data-testid')).toBe('editor');
  });
});

describe('previewExtensions', () => {
  it('is read-only', () => {
    const view = new EditorView({ parent: document.body, state: EditorState.create({ doc: 'x', extensions: previewExtensions() }) });
    views.push(view);
    expect(view.state.readOnly).toBe(true);
    expect(view.contentDOM.getAttribute('data-testid')).toBe('preview');
  });
  it('renders the markup, or shows it raw when asked', () => {
    const doc = 'Title: Ferry\n\nFog.';
    for (const raw of [false, true]) {
      const view = new EditorView({ parent: document.body, state: EditorState.create({ doc, selection: { anchor: doc.length }, extensions: previewExtensions(raw) }) });
      views.push(view);
      expect(!!view.dom.querySelector('[data-testid="title-page"]'), `raw ${raw}`).toBe(!raw);
    }
  });
});
