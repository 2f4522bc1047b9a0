import { describe, expect, it } from 'vitest';
import { EditorState } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { classify, scenes } from '../fountain/classify';
import { fountain, lineKinds, sceneList } from './fountain-language';

const SCRIPT = [
  'Title: Night Ferry', 'Author: Us', '',
  'EXT. PIER - NIGHT', '', 'Fog rolls in.', '',
  'NORA', '(quietly)', 'Of course.', '', '[[a note', 'over two lines]]', '',
  '/* cut:', '', 'TEO', 'Gone.', '*/', '',
  'INT. FERRY - NIGHT #2#', '', 'Seats.', '', 'CUT TO:', '', '.FLASHBACK', '', 'TEO ^', 'Hi.',
].join('\n');

/** The class each line gets from the editor's decorations. */
function lineClasses(state: EditorState): string[] {
  const out: string[] = new Array(state.doc.lines).fill('');
  for (const d of state.facet(EditorView.decorations)) {
    if (typeof d === 'function') continue;
    d.between(0, state.doc.length, (from, _to, deco) => {
      out[state.doc.lineAt(from).number - 1] += (deco.spec.class as string) ?? '';
    });
  }
  return out;
}

function rng(seed: number) {
  return () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
}

describe('the layout follows every edit', () => {
  const pieces = ['\n', '\n\n', 'x', 'EDWARD', 'INT. ', '/*', '*/', '[[', ']]', '(', '  ', 'CUT TO:', '', '\n\nSANDRA\nHello.\n', 'Title: X'];

  it('kinds, line classes and scenes equal a fresh classification, for random edits of one or more changes', () => {
    const rand = rng(7);
    let state = EditorState.create({ doc: SCRIPT, extensions: fountain() });
    for (let n = 0; n < 400; n++) {
      const len = state.doc.length;
      const a = Math.floor(rand() * (len + 1));
      const b = Math.min(len, a + Math.floor(rand() * 8));
      const changes = [{ from: a, to: b, insert: pieces[Math.floor(rand() * pieces.length)] }];
      // Sometimes a second change elsewhere, as Replace all makes.
      const c = Math.floor(rand() * (len + 1));
      if (rand() < 0.3 && (c < a || c > b)) changes.push({ from: c, to: c, insert: pieces[Math.floor(rand() * pieces.length)] });
      state = state.update({ changes }).state;
      const text = state.doc.toString();
      const want = classify(text);
      expect(state.field(lineKinds), `edit ${n}`).toEqual(want);
      expect(lineClasses(state), `edit ${n}`).toEqual(want.map((k) => `cm-fn-${k}`));
      expect(state.field(sceneList)).toEqual(scenes(text, want));
      if (text.length > 2500) state = EditorState.create({ doc: SCRIPT, extensions: fountain() });
    }
  }, 60_000);

  it('keeps the same scene list while typing in an action line', () => {
    let state = EditorState.create({ doc: SCRIPT, extensions: fountain() });
    const list = state.field(sceneList);
    expect(list.map((s) => s.heading)).toEqual(['EXT. PIER - NIGHT', 'INT. FERRY - NIGHT', 'FLASHBACK']);
    const at = SCRIPT.indexOf('Seats.') + 5;
    state = state.update({ changes: { from: at, insert: ' Empty' } }).state;
    expect(state.field(sceneList)).toBe(list);
    // A new heading is a new list.
    state = state.update({ changes: { from: state.doc.length, insert: '\n\nEXT. ROAD - DAY' } }).state;
    expect(state.field(sceneList).map((s) => s.heading)).toContain('EXT. ROAD - DAY');
    // Typing in a heading, on its line: the list follows.
    const heading = state.doc.toString().indexOf('INT. FERRY - NIGHT') + 'INT. FERRY'.length;
    state = state.update({ changes: { from: heading, insert: ' DECK' } }).state;
    expect(state.field(sceneList)[1].heading).toBe('INT. FERRY DECK - NIGHT');
    // A line break typed in an action moves the headings below it.
    const before = state.field(sceneList)[2].line;
    state = state.update({ changes: { from: state.doc.toString().indexOf('Fog rolls in.'), insert: 'Mist.\n' } }).state;
    expect(state.field(sceneList)[2].line).toBe(before + 1);
  });
});
