import { describe, expect, it } from 'vitest';
import { EditorSelection, EditorState, type TransactionSpec } from '@codemirror/state';
import { history, undo, redo } from '@codemirror/commands';
import { getSearchQuery, setSearchQuery } from '@codemirror/search';
import {
  MAX_MATCHES,
  NO_FIND,
  findCount,
  findMatches,
  findOptions,
  findQuery,
  findReplace,
  findScope,
  matchFrom,
  matchIndex,
  patternError,
  replaceAllMatches,
  replaceOneMatch,
  replacementFor,
  selectMatchSpec,
  selectionScope,
  setFindScope,
  type FindOptions,
} from './find';

const SCRIPT = [
  'INT. DINER - NIGHT',
  '',
  'Edward sits. Ed, to his friends.',
  '',
  'EDWARD',
  'Coffee, please.',
  '',
  'SANDRA',
  'Edward never drank coffee.',
  '',
  'EDWARD (V.O.)',
  'I do now.',
].join('\n');

function state(doc = SCRIPT, sel?: { anchor: number; head?: number }): EditorState {
  return EditorState.create({ doc, selection: sel, extensions: [history(), findReplace(() => ({ dom: null as never }))] });
}

function q(o: Partial<FindOptions>) {
  return findQuery({ ...NO_FIND, ...o });
}

function texts(st: EditorState, o: Partial<FindOptions>): string[] {
  return findMatches(st, q(o)).map((m) => st.sliceDoc(m.from, m.to));
}

function apply(st: EditorState, spec: TransactionSpec | null | undefined): EditorState {
  expect(spec).toBeTruthy();
  return st.update(spec!).state;
}

describe('counting matches', () => {
  // Case
  it('ignores case unless Match case is on', () => {
    const st = state();
    expect(texts(st, { search: 'edward' })).toEqual(['Edward', 'EDWARD', 'Edward', 'EDWARD']);
    expect(texts(st, { search: 'EDWARD', caseSensitive: true })).toEqual(['EDWARD', 'EDWARD']);
  });

  // Whole word
  it('whole word skips the name inside a longer word', () => {
    const st = state();
    expect(texts(st, { search: 'ed' })).toHaveLength(5);
    expect(texts(st, { search: 'ed', wholeWord: true })).toEqual(['Ed']);
    expect(texts(st, { search: 'coffee', wholeWord: true })).toEqual(['Coffee', 'coffee']);
  });

  // Plain text is found as typed
  it('plain text is literal: a backslash is a backslash', () => {
    const st = state('a\\nb\nc');
    expect(texts(st, { search: '\\n' })).toEqual(['\\n']);
    expect(texts(st, { search: '.' })).toEqual([]);
  });

  it('says which match the selection is on: 3 of 4', () => {
    let st = state();
    const all = findMatches(st, q({ search: 'edward' }));
    st = apply(st, selectMatchSpec(all[2]));
    expect(findCount(st, q({ search: 'edward' }))).toEqual({ current: 3, total: 4, more: false });
    st = apply(st, { selection: { anchor: 0 } });
    expect(findCount(st, q({ search: 'edward' }))).toEqual({ current: 0, total: 4, more: false });
    expect(findCount(st, q({ search: 'nobody' }))).toEqual({ current: 0, total: 0, more: false });
  });

  it('stops counting at MAX_MATCHES and says there are more', () => {
    const st = state('e'.repeat(MAX_MATCHES + 5));
    expect(findCount(st, q({ search: 'e' }))).toEqual({ current: 0, total: MAX_MATCHES, more: true });
  });

  it('matchIndex and matchFrom find the selection and the next match, wrapping', () => {
    const ms = [{ from: 2, to: 4 }, { from: 10, to: 12 }, { from: 20, to: 22 }];
    expect(matchIndex(ms, { from: 10, to: 12 })).toBe(2);
    expect(matchIndex(ms, { from: 10, to: 11 })).toBe(0);
    expect(matchIndex([], { from: 0, to: 0 })).toBe(0);
    expect(matchFrom(ms, 5)).toEqual(ms[1]);
    expect(matchFrom(ms, 21)).toEqual(ms[0]);
    expect(matchFrom([], 0)).toBeNull();
  });
});

describe('regular expressions', () => {
  it('finds by pattern, with ^ and $ at each line', () => {
    const st = state();
    expect(texts(st, { search: '^[A-Z]+$', regexp: true })).toEqual(['EDWARD', 'SANDRA']);
  });

  it('an invalid pattern is a plain message, no matches and no exception', () => {
    const o = { search: 'Ed(ward', regexp: true };
    expect(patternError(o)).toBe('Unterminated group');
    expect(patternError({ search: '[', regexp: true })).toMatch(/class/i);
    expect(patternError({ search: 'Ed(ward', regexp: false })).toBe('');
    expect(patternError({ search: '', regexp: true })).toBe('');
    const st = state();
    expect(findMatches(st, q(o))).toEqual([]);
    expect(findCount(st, q(o)).total).toBe(0);
    expect(replaceAllMatches(st, q({ ...o, replace: 'x' }))).toBeNull();
    expect(replaceOneMatch(st, q({ ...o, replace: 'x' }))).toBeNull();
  });

  it('$1 and $2 in the replacement are the groups; $& the match; $$ a dollar', () => {
    let st = state('INT. DINER - NIGHT\n\nEXT. ROAD - DAY');
    const query = q({ search: '^(INT|EXT)\\. (.+) - (\\w+)$', regexp: true, replace: '$1. $2 -- $3 ($&) $$5' });
    const r = replaceAllMatches(st, query)!;
    expect(r.count).toBe(2);
    st = apply(st, r.spec);
    expect(st.doc.toString()).toBe('INT. DINER -- NIGHT (INT. DINER - NIGHT) $5\n\nEXT. ROAD -- DAY (EXT. ROAD - DAY) $5');
  });

  it('$10 with one group is group 1 then a 0; a missing group stays as written', () => {
    const query = q({ search: '(a)', regexp: true, replace: '$10 $2 $0' });
    const [m] = findMatches(state('a'), query);
    expect(replacementFor(query, m)).toBe('a0 $2 $0');
  });

  it('\\n in a pattern replacement is a new line; in plain text it stays', () => {
    expect(replacementFor(q({ search: 'x', regexp: true, replace: 'a\\nb' }), { from: 0, to: 1, groups: ['x'] })).toBe('a\nb');
    expect(replacementFor(q({ search: 'x', replace: 'a\\nb' }), { from: 0, to: 1 })).toBe('a\\nb');
    expect(replacementFor(q({ search: 'x', replace: 'cost $1' }), { from: 0, to: 1 })).toBe('cost $1');
  });
});

describe('replacing', () => {
  it('replace all of a name is one undo step, and undo gives back every letter', () => {
    let st = state();
    const r = replaceAllMatches(st, q({ search: 'Edward', wholeWord: true, replace: 'Eddie' }))!;
    expect(r.count).toBe(4);
    st = apply(st, r.spec);
    expect(st.doc.toString()).not.toMatch(/edward/i);
    expect(st.doc.toString().match(/Eddie/g)).toHaveLength(4);
    let back = st;
    expect(undo({ state: back, dispatch: (tr) => (back = tr.state) })).toBe(true);
    expect(back.doc.toString()).toBe(SCRIPT);
    // and redo puts it back in one step too
    let again = back;
    redo({ state: again, dispatch: (tr) => (again = tr.state) });
    expect(again.doc.toString()).toBe(st.doc.toString());
  });

  it('replace all of nothing is null; in a read-only editor too', () => {
    expect(replaceAllMatches(state(), q({ search: 'nobody', replace: 'x' }))).toBeNull();
    const ro = EditorState.create({ doc: SCRIPT, extensions: [EditorState.readOnly.of(true)] });
    expect(replaceAllMatches(ro, q({ search: 'Edward', replace: 'x' }))).toBeNull();
  });

  it('replace one first selects the next match, then replaces it and selects the one after', () => {
    let st = state(SCRIPT, { anchor: 10 });
    const query = q({ search: 'edward', replace: 'Edward Bloom' });
    st = apply(st, replaceOneMatch(st, query));
    expect(st.doc.toString()).toBe(SCRIPT); // only selected
    expect(st.sliceDoc(st.selection.main.from, st.selection.main.to)).toBe('Edward');
    const first = st.selection.main.from;
    st = apply(st, replaceOneMatch(st, query));
    expect(st.sliceDoc(first, first + 12)).toBe('Edward Bloom');
    // The next match, not "Edward" inside the new "Edward Bloom".
    expect(st.selection.main.from).toBeGreaterThan(first + 12);
    expect(st.sliceDoc(st.selection.main.from, st.selection.main.to)).toBe('EDWARD');
  });

  it('replace one on the last match leaves the cursor after the new text', () => {
    let st = state('one Ed');
    const query = q({ search: 'Ed', replace: 'Edwina' });
    st = apply(st, replaceOneMatch(st, query)); // selects it
    st = apply(st, replaceOneMatch(st, query));
    expect(st.doc.toString()).toBe('one Edwina');
    // "Ed" in "Edwina" is a match again: it wraps to it.
    expect(st.selection.main.from).toBe(4);
  });
});

describe('within selection', () => {
  const scoped = (st: EditorState, from: number, to: number) => apply(st, { effects: setFindScope.of([{ from, to }]) });

  it('only matches inside the scope count, and replace all stays inside it', () => {
    const from = SCRIPT.indexOf('EDWARD\n');
    const to = SCRIPT.indexOf('SANDRA');
    let st = scoped(state(), from, to);
    const query = q({ search: 'edward', inSelection: true, replace: 'ED' });
    expect(texts(st, { search: 'edward', inSelection: true })).toEqual(['EDWARD']);
    expect(texts(st, { search: 'edward' })).toHaveLength(4); // the option off: everywhere
    st = apply(st, replaceAllMatches(st, query)!.spec);
    expect(st.doc.toString().match(/edward/gi)).toHaveLength(3);
  });

  it('the scope follows edits before it', () => {
    const from = SCRIPT.indexOf('SANDRA');
    let st = scoped(state(), from, SCRIPT.length);
    st = apply(st, { changes: { from: 0, insert: 'FADE IN:\n\n' } });
    expect(st.field(findScope).ranges).toEqual([{ from: from + 10, to: SCRIPT.length + 10 }]);
    expect(texts(st, { search: 'edward', inSelection: true })).toEqual(['Edward', 'EDWARD']);
  });

  it('takes the writer’s selection, not the match find selected', () => {
    let st = state(SCRIPT, { anchor: 0, head: 20 });
    const [m] = findMatches(st, q({ search: 'sandra' }));
    st = apply(st, selectMatchSpec(m));
    expect(selectionScope(st)).toEqual([{ from: 0, to: 20 }]);
    st = apply(st, { selection: EditorSelection.cursor(3) });
    expect(selectionScope(st)).toBeNull();
  });

  it('the option survives the query round trip', () => {
    const o: FindOptions = { search: 'x', replace: 'y', caseSensitive: true, wholeWord: true, regexp: true, inSelection: true };
    expect(findOptions(findQuery(o))).toEqual(o);
    expect(findOptions(findQuery(NO_FIND))).toEqual(NO_FIND);
    let st = state();
    st = apply(st, { effects: setSearchQuery.of(findQuery(o)) });
    expect(findOptions(getSearchQuery(st))).toEqual(o);
  });
});
