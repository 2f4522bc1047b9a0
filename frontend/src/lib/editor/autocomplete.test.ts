import { describe, expect, it } from 'vitest';
import { EditorState, type Transaction } from '@codemirror/state';
import { CompletionContext } from '@codemirror/autocomplete';
import { completionSpot, scriptAutocomplete, scriptCompletions } from './autocomplete';
import { elementFlow, flowTab } from './element-flow';
import { indexScript, scriptIndex } from './script-index';
import { classify } from '../fountain/classify';
import { Text } from '@codemirror/state';

const SCRIPT = [
  'INT. DINER - NIGHT',
  '',
  'Rain on the glass.',
  '',
  'EDWARD',
  'Coffee.',
  '',
  'SANDRA (V.O.)',
  'He never drank coffee.',
  '',
  'EDWARD',
  'I do now.',
  '',
  'CUT TO:',
  '',
  'EXT. DINER - DAY',
  '',
  '@McCLANE',
  'Yippee.',
  '',
  'EDWINA',
  'Hi.',
  '',
  'INT. HOUSE - KITCHEN - DAWN',
  '',
  '',
].join('\n');

/** The script with text appended at the end and the cursor after it. */
function typedAtEnd(text: string, extra = SCRIPT): EditorState {
  const doc = extra + text;
  return EditorState.create({ doc, selection: { anchor: doc.length }, extensions: [elementFlow(), scriptAutocomplete()] });
}

function labels(state: EditorState, explicit = false): string[] {
  return completionSpot(state, explicit)?.options.map((o) => o.label) ?? [];
}

describe('the script index', () => {
  it('counts names, places, times and transitions, leaving out the line being typed', () => {
    const doc = Text.of(SCRIPT.split('\n'));
    const ix = indexScript(doc, classify(SCRIPT), 21);
    expect(ix.characters).toEqual([
      { name: 'EDWARD', count: 2 },
      { name: 'MCCLANE', count: 1 },
      { name: 'SANDRA', count: 1 },
    ]);
    expect(ix.locations).toEqual(['DINER', 'HOUSE - KITCHEN']);
    expect(ix.times).toEqual(['DAWN', 'DAY', 'NIGHT']);
    expect(ix.transitions).toEqual(['CUT TO:']);
  });
  it('is rebuilt when another line changes, and kept while one line is typed', () => {
    let s = typedAtEnd('ED');
    const first = scriptIndex(s);
    s = s.update({ changes: { from: s.doc.length, insert: 'W' }, selection: { anchor: s.doc.length + 1 } }).state;
    expect(scriptIndex(s)).toBe(first);
    s = s.update({ changes: { from: 0, insert: 'MARA\nHi.\n\n' } }).state;
    expect(scriptIndex(s)).not.toBe(first);
    expect(scriptIndex(s).characters.map((c) => c.name)).toContain('MARA');
  });
});

describe('character names', () => {
  it('by how often they speak, after Tab and a few letters typed in any case', () => {
    let s = typedAtEnd('');
    flowTab({ state: s, dispatch: (tr: Transaction) => (s = tr.state) });
    s = s.update({ changes: { from: s.doc.length, insert: 'edw' }, selection: { anchor: s.doc.length + 3 }, userEvent: 'input.type' }).state;
    expect(s.doc.toString().endsWith('\nEDW')).toBe(true);
    expect(labels(s)).toEqual(['EDWARD', 'EDWINA']);
  });
  it('a cue being typed in capitals is completed, with transitions too', () => {
    expect(labels(typedAtEnd('C'))).toEqual(['CUT TO:']);
    expect(labels(typedAtEnd('E'))).toEqual(['EDWARD', 'EDWINA']);
  });
  it('extensions after "NAME ("', () => {
    expect(labels(typedAtEnd('EDWARD ('))).toEqual(['V.O.)', 'O.S.)', "CONT'D)", 'O.C.)']);
    expect(labels(typedAtEnd('EDWARD (c'))).toEqual(["CONT'D)"]);
  });
  it('the exact name is not offered: Enter then goes on to the dialogue', () => {
    expect(labels(typedAtEnd('EDWARD'))).toEqual([]);
  });
  it('nothing in action, nor mid-paragraph', () => {
    expect(labels(typedAtEnd('Edw'))).toEqual([]);
    expect(labels(typedAtEnd('Rain.\nED'))).toEqual([]);
  });
});

describe('scene headings', () => {
  it('openings, then locations used, then times of day', () => {
    expect(labels(typedAtEnd('in'))).toEqual(['INT. ', 'INT./EXT. ']);
    expect(labels(typedAtEnd('i/'))).toEqual(['I/E. ']);
    expect(labels(typedAtEnd('int. d'))).toEqual(['DINER - ']);
    expect(labels(typedAtEnd('EXT. ', SCRIPT), true)).toEqual(['DINER - ', 'HOUSE - KITCHEN - ']);
    expect(labels(typedAtEnd('INT. DINER - n'))).toEqual(['NIGHT']);
    expect(labels(typedAtEnd('INT. DINER - D'))).toEqual(['DAWN', 'DAY', 'DUSK']);
  });
  it('a finished heading is offered nothing', () => {
    expect(labels(typedAtEnd('INT. DINER - NIGHT'))).toEqual([]);
  });
  it('a time typed in full is exact, and longer ones are still offered', () => {
    const s = completionSpot(typedAtEnd('INT. BARN - NIGHT', SCRIPT + 'INT. DINER - NIGHT [CONTINUOUS]\n\nRain.\n\n'));
    expect(s?.options.map((o) => o.label)).toEqual(['NIGHT [CONTINUOUS]']);
    expect(s?.exact).toBe(true);
    expect(completionSpot(typedAtEnd('INT. BARN - NIG', SCRIPT + 'INT. DINER - NIGHT [CONTINUOUS]\n\nRain.\n\n'))?.exact).toBe(false);
  });
  it('the source answers CodeMirror with the typed range', () => {
    const s = typedAtEnd('INT. DINER - NI');
    const r = scriptCompletions(new CompletionContext(s, s.doc.length, false));
    expect(r?.from).toBe(s.doc.length - 2);
    expect(r?.options.map((o) => o.label)).toEqual(['NIGHT']);
  });
});

describe('transitions', () => {
  it('after ">" and on a line chosen as a transition', () => {
    expect(labels(typedAtEnd('> sm'))).toEqual(['SMASH CUT TO:']);
  });
});
