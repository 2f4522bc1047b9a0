// Typing cost of the pages (pages.ts) on a feature-length script: one
// keystroke in the middle of ~120 pages with 300 scenes, where every page
// start and heading is mapped through the change, with and without them.
// Run: npx vitest bench src/lib/editor/pages.bench.ts
import { bench, describe } from 'vitest';
import { EditorState, type Extension } from '@codemirror/state';
import { fountain, pages, pagesIn, setPages, type PagesAt } from '.';

/** About 120 pages: 300 short scenes of heading, action and two speeches. */
function feature(): string {
  const out: string[] = [];
  for (let i = 0; i < 300; i++) {
    out.push(
      `INT. PLACE ${i % 40} - ${i % 2 ? 'DAY' : 'NIGHT'}`, '',
      'Rain runs down the window of the diner while the jukebox plays something slow and old.', '',
      `CHARACTER ${i % 25}`, 'We should leave before the ferry does, or we never will.', '',
      'EDWARD', '(quietly)', 'Then we stay.', '',
    );
  }
  return out.join('\n');
}

const doc = feature();
const mid = doc.indexOf('EDWARD', doc.length / 2);
// A page every 2.5 scenes (11 lines each), a scene at every heading.
const at: PagesAt = {
  pages: Array.from({ length: 120 }, (_, i) => ({ number: i + 1, line: Math.floor(i * 27.5) + 1, offset: 0 })),
  scenes: Array.from({ length: 300 }, (_, i) => ({ number: String(i + 1), heading: 'INT. PLACE', line: i * 11 + 1, page: 1, eighths: 3, length: '3/8' })),
};

function typing(extensions: Extension, withPages: boolean) {
  let state = EditorState.create({ doc, selection: { anchor: mid + 'EDWARD'.length }, extensions });
  if (withPages) state = state.update({ effects: setPages.of(pagesIn(state.doc, at)) }).state;
  return () => {
    const h = state.selection.main.head;
    state = state.update({ changes: { from: h, insert: 'X' }, selection: { anchor: h + 1 }, userEvent: 'input.type' }).state;
  };
}

describe('a keystroke in the middle of a 120-page script', () => {
  bench('layout only (before)', typing([fountain()], false));
  bench('with 120 pages and 300 scenes mapped', typing([fountain(), pages()], true));
  bench('the pages alone, without the layout', typing([pages()], true));
  bench('nothing (a bare state)', typing([], false));
});
