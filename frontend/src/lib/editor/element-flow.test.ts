import { describe, expect, it } from 'vitest';
import { EditorState, type StateCommand, type Transaction } from '@codemirror/state';
import { history, undo } from '@codemirror/commands';
import { classify } from '../fountain/classify';
import { elementFlow, flowEnter, flowShiftTab, flowTab, setElement } from './element-flow';
import { currentElement } from './current-element';

/** A state from text where "|" marks the cursor. */
function at(marked: string): EditorState {
  const pos = marked.indexOf('|');
  return EditorState.create({
    doc: marked.slice(0, pos) + marked.slice(pos + 1),
    selection: { anchor: pos },
    extensions: [history(), elementFlow()],
  });
}

/** The text with "|" at the cursor. */
function show(state: EditorState): string {
  const doc = state.doc.toString();
  const h = state.selection.main.head;
  return doc.slice(0, h) + '|' + doc.slice(h);
}

/** Runs a command; returns the new state (the same one when the command declined). */
function run(state: EditorState, cmd: StateCommand): { state: EditorState; handled: boolean } {
  let next = state;
  const handled = cmd({ state, dispatch: (tr: Transaction) => (next = tr.state) });
  return { state: next, handled };
}

/** Types text as a writer does, a character at a time. */
function type(state: EditorState, text: string): EditorState {
  for (const ch of text) {
    const h = state.selection.main.head;
    state = state.update({ changes: { from: h, insert: ch }, selection: { anchor: h + 1 }, userEvent: 'input.type' }).state;
  }
  return state;
}

/** Presses a sequence of keys ("\n" Enter, "\t" Tab, "\b" Shift+Tab) and types the rest. */
function keys(state: EditorState, ...seq: string[]): EditorState {
  for (const k of seq) {
    if (k === '\n' || k === '\t' || k === '\b') {
      const cmd = k === '\n' ? flowEnter : k === '\t' ? flowTab : flowShiftTab;
      const r = run(state, cmd);
      // Declined: the default keymap inserts a plain line break.
      if (!r.handled && k === '\n') state = type(state, '\n');
      else state = r.state;
    } else state = type(state, k);
  }
  return state;
}

describe('Enter moves to the next element', () => {
  it('heading → action, with the blank line Fountain needs and the heading in capitals', () => {
    expect(show(keys(at('|'), 'int. waffle house - night', '\n'))).toBe('INT. WAFFLE HOUSE - NIGHT\n\n|');
  });
  it('character → dialogue on the next line; the cue in capitals', () => {
    expect(show(keys(at('Rain.\n\n|'), '\t', 'edward', '\n'))).toBe('Rain.\n\nEDWARD\n|');
  });
  it('dialogue → a new element after a blank line', () => {
    expect(show(keys(at('MARA\nWe should go.|'), '\n'))).toBe('MARA\nWe should go.\n\n|');
  });
  it('parenthetical → dialogue, from inside the closing parenthesis', () => {
    expect(show(keys(at('MARA\n(quietly|)'), '\n'))).toBe('MARA\n(quietly)\n|');
  });
  it('transition → heading, forced with "." when it does not open with INT or EXT', () => {
    let s = keys(at('Rain.\n\n|'), '\t', '\t', 'cut to:', '\n');
    expect(show(s)).toBe('Rain.\n\nCUT TO:\n\n|');
    expect(currentElement(s)).toBe('scene');
    s = keys(s, 'the roof', '\n');
    expect(show(s)).toBe('Rain.\n\nCUT TO:\n\n.THE ROOF\n\n|');
  });
  it('action: a plain line break, as a writer of Fountain expects', () => {
    expect(show(keys(at('Rain taps the window.|'), '\n'))).toBe('Rain taps the window.\n|');
  });
  it('an empty line after a blank line takes no second blank line', () => {
    expect(show(keys(at('INT. KITCHEN - NIGHT|'), '\n', '\n', 'Rain.'))).toBe('INT. KITCHEN - NIGHT\n\nRain.|');
  });
  it('a heading typed above text keeps a blank line below it', () => {
    expect(show(keys(at('EXT. PIER - DAY|\nFog.'), '\n'))).toBe('EXT. PIER - DAY\n\n|\n\nFog.');
  });
  it('inside a speech that goes on below, a line break of dialogue', () => {
    const s = keys(at('MARA\nHi.|\n(beat)\nGo.'), '\n');
    expect(show(s)).toBe('MARA\nHi.\n|\n(beat)\nGo.');
    expect(currentElement(s)).toBe('dialogue');
  });
  it('inside a line, Enter is left to the default', () => {
    expect(run(at('INT. KI|TCHEN - NIGHT'), flowEnter).handled).toBe(false);
  });
  it('an empty parenthetical is dropped when Enter goes on to dialogue', () => {
    expect(show(keys(at('MARA\n(|)'), '\n'))).toBe('MARA\n|');
  });
});

describe('Tab and Shift+Tab choose the element', () => {
  it('empty action + Tab → character, typed in capitals', () => {
    const s = keys(at('Rain.\n\n|'), '\t');
    expect(currentElement(s)).toBe('character');
    expect(show(keys(s, 'edw'))).toBe('Rain.\n\nEDW|');
  });
  it('after action without a blank line, Tab adds the blank line a cue needs', () => {
    expect(show(keys(at('Rain.\n|'), '\t'))).toBe('Rain.\n\n|');
  });
  it('empty character + Tab → transition; Shift+Tab goes back', () => {
    let s = keys(at('Rain.\n\n|'), '\t', '\t');
    expect(currentElement(s)).toBe('transition');
    s = keys(s, '\b');
    expect(currentElement(s)).toBe('character');
    s = keys(s, '\b');
    expect(currentElement(s)).toBe('action');
  });
  it('dialogue + Tab → parenthetical on its own line; Tab again → dialogue', () => {
    let s = keys(at('MARA\nWe go.|'), '\t');
    expect(show(s)).toBe('MARA\nWe go.\n(|)');
    s = keys(s, 'quietly', '\t', 'Now.');
    expect(show(s)).toBe('MARA\nWe go.\n(quietly)\nNow.|');
  });
  it('empty parenthetical + Tab or Shift+Tab → dialogue', () => {
    expect(show(keys(at('MARA\n(|)'), '\t'))).toBe('MARA\n|');
    expect(show(keys(at('MARA\n(|)'), '\b'))).toBe('MARA\n|');
  });
  it('empty dialogue + Tab → parenthetical', () => {
    expect(show(keys(at('MARA|'), '\n', '\t'))).toBe('MARA\n(|)');
  });
  it('a line of action + Tab becomes a cue', () => {
    expect(show(keys(at('Rain.\n\nedward|'), '\t'))).toBe('Rain.\n\nEDWARD|');
  });
});

describe('choosing the element of a line (Ctrl+1..6)', () => {
  const cases: [string, Parameters<typeof setElement>[0], string][] = [
    // Marks only where Fountain needs them.
    ['Rain.\n\nthe roof|\n\nFog.', 'scene', 'Rain.\n\n.THE ROOF|\n\nFog.'],
    ['Rain.\n\nint. roof|\n\nFog.', 'scene', 'Rain.\n\nINT. ROOF|\n\nFog.'],
    ['Rain.\n\nBANG|\nFog.', 'action', 'Rain.\n\n!BANG|\nFog.'],
    ['Rain.\n\nBANG|\n\nFog.', 'action', 'Rain.\n\nBANG|\n\nFog.'],
    ['Rain.\n\nint. house|\n\nFog.', 'action', 'Rain.\n\n!int. house|\n\nFog.'],
    ['Rain.\n\nmcclane|\nYippee.', 'character', 'Rain.\n\nMCCLANE|\nYippee.'],
    ['Rain.\n\nback to:|\nYippee.', 'character', 'Rain.\n\n@BACK TO:|\nYippee.'],
    ['Rain.\n\nfade out|\n\nFog.', 'transition', 'Rain.\n\n> FADE OUT|\n\nFog.'],
    ['Rain.\n\ncut to:|\n\nFog.', 'transition', 'Rain.\n\nCUT TO:|\n\nFog.'],
    ['MARA\nquietly|', 'parenthetical', 'MARA\n(quietly|)'],
    ['MARA\n(quietly)|', 'dialogue', 'MARA\nquietly|'],
    // Blank lines where the element needs them.
    ['Rain.\nint. roof|\nFog.', 'scene', 'Rain.\n\nINT. ROOF|\n\nFog.'],
    ['MARA\nGo.\n\nquietly|', 'parenthetical', 'MARA\nGo.\n(quietly|)'],
  ];
  for (const [before, e, after] of cases) {
    it(`${JSON.stringify(before)} as ${e}`, () => {
      const r = run(at(before), setElement(e));
      expect(r.handled).toBe(true);
      expect(show(r.state)).toBe(after);
      // The layout reads the line as the element chosen.
      const n = r.state.doc.lineAt(r.state.selection.main.head).number;
      expect(classify(r.state.doc.toString())[n - 1]).toBe(e);
    });
  }
});

describe('the element shown for the cursor\'s line', () => {
  it('a line in capitals on its own is a cue only while it is typed', () => {
    expect(currentElement(at('Rain.\n\nFADE OUT.|\n'))).toBe('character');
    expect(currentElement(at('Rain.\n\nFADE OUT.\n|'))).toBe('action');
  });
  it('heading, dialogue and parenthetical lines from the layout', () => {
    expect(currentElement(at('EXT. PIER - DAY|\n\nFog.'))).toBe('scene');
    expect(currentElement(at('MARA\nGo|.'))).toBe('dialogue');
    expect(currentElement(at('MARA\n(qui|etly)\nGo.'))).toBe('parenthetical');
  });
  it('no element on the title page', () => {
    expect(currentElement(at('Title: Big| Fish\n\nINT. A - B'))).toBe(null);
  });
});

describe('undo', () => {
  it('each Enter and Tab is one undo step', () => {
    let s = keys(at('|'), 'int. roof - day', '\n', 'Wind.', '\n', '\n', '\t');
    const before = s.doc.toString();
    expect(before).toBe('INT. ROOF - DAY\n\nWind.\n\n');
    s = keys(s, 'mara', '\n');
    expect(s.doc.toString()).toBe('INT. ROOF - DAY\n\nWind.\n\nMARA\n');
    s = run(s, undo).state;
    expect(s.doc.toString()).toBe('INT. ROOF - DAY\n\nWind.\n\nMARA');
    // A line break in action is its own step too.
    s = keys(at('|'), 'Wind.', '\n', 'Rain.');
    s = run(run(s, undo).state, undo).state;
    expect(s.doc.toString()).toBe('Wind.');
  });
});
