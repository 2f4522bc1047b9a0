// Typing cost of the rendered markup on a feature-length script: one
// keystroke (a transaction through the dual-dialogue pairs, kept up to date
// around the edit, and the block widgets) in the middle of ~120 pages, with
// and without the markup, and what a full rescan of the pairs would cost
// instead. The inline decorations are built for the visible lines only, in
// the view, so they do not grow with the script. Run: npx vitest bench src/lib/editor/
import { bench, describe } from 'vitest';
import { EditorState, type Extension } from '@codemirror/state';
import { fountain, renderedMarkup } from '.';
import { pairsIn } from './dual-dialogue';

/** About 120 pages: a title page, 300 short scenes, every tenth with dual dialogue. */
function feature(): string {
  const out = ['Title: **The Long Night**', 'Credit: written by', 'Author: Ana Lee', 'Draft date: May 2026', ''];
  for (let i = 0; i < 300; i++) {
    out.push(
      `INT. PLACE ${i % 40} - ${i % 2 ? 'DAY' : 'NIGHT'}`, '',
      'Rain runs down the window of the *diner* while the jukebox plays something **slow** and old.', '',
      `CHARACTER ${i % 25}`, 'We should leave before the ferry does, or we _never_ will.', '',
      i % 10 === 0 ? 'EDWARD ^' : 'EDWARD', '(quietly)', 'Then we stay.', '',
    );
  }
  return out.join('\n');
}

const doc = feature();
const mid = doc.indexOf('EDWARD', doc.length / 2);

function typing(extensions: Extension) {
  let state = EditorState.create({ doc, selection: { anchor: mid + 'EDWARD'.length }, extensions });
  return () => {
    const h = state.selection.main.head;
    state = state.update({ changes: { from: h, insert: 'X' }, selection: { anchor: h + 1 }, userEvent: 'input.type' }).state;
  };
}

describe('a keystroke on a cue in the middle of a 120-page script', () => {
  bench('layout only (before)', typing([fountain()]));
  bench('with rendered markup', typing([fountain(), renderedMarkup()]));
  const state = EditorState.create({ doc, extensions: [fountain()] });
  bench('a full rescan of the dual-dialogue pairs (not done per keystroke)', () => {
    pairsIn(state, 1, state.doc.lines);
  });
});
