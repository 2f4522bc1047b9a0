// @vitest-environment happy-dom
// The outline's commands in a real EditorView with the editor's history:
// a move or a synopsis is one transaction and one undo step.
import { afterEach, describe, expect, it } from 'vitest';
import { EditorState } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { history, redo, undo } from '@codemirror/commands';
import { fountain } from './fountain-language';
import { EditorFeed, moveScene, outlineOf, setItemSynopsis } from './outline-commands';

const text = [
  '# ACT ONE',
  '',
  'EXT. PIER - NIGHT',
  '',
  'Fog.',
  '',
  'INT. FERRY - NIGHT',
  '',
  '= They meet.',
  '',
  'Seats.',
  '',
  'EXT. JETTY - DAWN',
  '',
  'She walks.',
].join('\n');

const views: EditorView[] = [];
afterEach(() => views.splice(0).forEach((v) => v.destroy()));

function editor(doc = text, readOnly = false): EditorView {
  const view = new EditorView({
    parent: document.body,
    state: EditorState.create({ doc, extensions: [history(), fountain(), EditorState.readOnly.of(readOnly)] }),
  });
  views.push(view);
  return view;
}

const headings = (v: EditorView) => outlineOf(v.state).items.map((i) => (i.kind === 'scene' ? i.heading : `# ${i.title}`));

describe('moveScene', () => {
  it('moves scene 2 before scene 1 in one transaction; one undo restores the text exactly', () => {
    const v = editor();
    let transactions = 0;
    const feed = new EditorFeed();
    v.dispatch({ effects: [] });
    const off = feed.subscribe(() => transactions++);
    expect(moveScene(v, 2, 1)).toBe(true);
    off();
    expect(headings(v)).toEqual(['# ACT ONE', 'INT. FERRY - NIGHT', 'EXT. PIER - NIGHT', 'EXT. JETTY - DAWN']);
    // The cursor is on the moved heading.
    expect(v.state.doc.lineAt(v.state.selection.main.head).text).toBe('INT. FERRY - NIGHT');
    expect(undo(v)).toBe(true);
    expect(v.state.doc.toString()).toBe(text);
    expect(undo(v)).toBe(false);
    expect(redo(v)).toBe(true);
    expect(headings(v)[1]).toBe('INT. FERRY - NIGHT');
    expect(transactions).toBe(0); // the feed was not in this editor
  });

  it('keeps two moves as two undo steps', () => {
    const v = editor();
    moveScene(v, 3, 1);
    const once = v.state.doc.toString();
    expect(moveScene(v, 2, 4)).toBe(true);
    undo(v);
    expect(v.state.doc.toString()).toBe(once);
    undo(v);
    expect(v.state.doc.toString()).toBe(text);
  });

  it('is its own undo step after typing', () => {
    const v = editor();
    v.dispatch({ changes: { from: text.indexOf('Fog.') + 4, insert: ' Wind.' }, userEvent: 'input.type' });
    const typed = v.state.doc.toString();
    moveScene(v, 1, 4);
    undo(v);
    expect(v.state.doc.toString()).toBe(typed);
  });

  it('changes nothing in a read-only editor or for a section', () => {
    expect(moveScene(editor(text, true), 2, 1)).toBe(false);
    const v = editor();
    expect(moveScene(v, 0, 3)).toBe(false);
    expect(moveScene(v, 1, 1)).toBe(false);
    expect(v.state.doc.toString()).toBe(text);
  });
});

describe('setItemSynopsis', () => {
  it('writes the synopsis into the text as one undo step', () => {
    const v = editor();
    expect(setItemSynopsis(v, 2, 'Nora runs.')).toBe(true);
    expect(v.state.doc.toString()).toContain('EXT. PIER - NIGHT\n\n= Nora runs.\n\nFog.');
    const card = outlineOf(v.state).items[1];
    expect(card.synopsis).toEqual(['Nora runs.']);
    undo(v);
    expect(v.state.doc.toString()).toBe(text);
  });
});

describe('EditorFeed', () => {
  it('reports the editor when it starts, on every change and on a new state', () => {
    const feed = new EditorFeed();
    const seen: string[] = [];
    feed.subscribe((v) => seen.push(headings(v).join('|')));
    const v = new EditorView({ parent: document.body, state: EditorState.create({ doc: text, extensions: [history(), fountain(), feed.extension] }) });
    views.push(v);
    expect(seen).toHaveLength(1);
    moveScene(v, 3, 1);
    expect(seen.at(-1)).toBe('# ACT ONE|EXT. JETTY - DAWN|EXT. PIER - NIGHT|INT. FERRY - NIGHT');
    v.setState(EditorState.create({ doc: 'INT. OTHER - DAY\n', extensions: [fountain(), feed.extension] }));
    expect(seen.at(-1)).toBe('INT. OTHER - DAY');
    expect(feed.current).toBe(v);
  });

  it('says which item holds the cursor', () => {
    const v = editor();
    v.dispatch({ selection: { anchor: text.indexOf('Seats.') } });
    expect(outlineOf(v.state).current).toBe(2);
    v.dispatch({ selection: { anchor: 0 } });
    expect(outlineOf(v.state).current).toBe(0);
  });
});
