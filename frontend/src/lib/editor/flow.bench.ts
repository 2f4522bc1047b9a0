// Typing cost of the element flow and autocomplete on a feature-length
// script: one keystroke (a transaction through the capitals filter, the
// pending-element field and the completion source) in the middle of ~120
// pages, with and without them. Run: npx vitest bench src/lib/editor/
import { bench, describe } from 'vitest';
import { EditorState, type Extension } from '@codemirror/state';
import { CompletionContext } from '@codemirror/autocomplete';
import { elementFlow, fountain, scriptAutocomplete, scriptCompletions } from '.';

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

function typing(extensions: Extension, complete: boolean) {
  let state = EditorState.create({ doc, selection: { anchor: mid + 'EDWARD'.length }, extensions });
  return () => {
    const h = state.selection.main.head;
    state = state.update({ changes: { from: h, insert: 'X' }, selection: { anchor: h + 1 }, userEvent: 'input.type' }).state;
    if (complete) scriptCompletions(new CompletionContext(state, h + 1, false));
  };
}

describe('a keystroke on a cue in the middle of a 120-page script', () => {
  bench('layout only (before)', typing([fountain()], false));
  bench('with element flow and autocomplete', typing([fountain(), elementFlow(), scriptAutocomplete()], true));
});
