import { describe, expect, it } from 'vitest';
import { ChangeSet, EditorState, Text } from '@codemirror/state';
import { changeList, textChanges, textSum, type TextChange } from './changes';

/** Applies changes as the library does (workspace.ApplyChanges): in order, against the base. */
function applyList(base: string, changes: readonly TextChange[]): string {
  let out = '';
  let pos = 0;
  for (const c of changes) {
    if (c.from < pos || c.to < c.from || c.to > base.length) throw new Error('bad changes');
    out += base.slice(pos, c.from) + c.insert;
    pos = c.to;
  }
  return out + base.slice(pos);
}

describe('textSum', () => {
  it('is the polynomial hash of the UTF-16 units, as workspace.SumOf computes it', () => {
    // The same values as internal/workspace/changes_test.go's TestSumOf.
    expect(textSum('')).toEqual({ length: 0, hash: 0 });
    expect(textSum('a')).toEqual({ length: 1, hash: 0x61 });
    expect(textSum('INT. HOUSE')).toEqual({ length: 10, hash: 0x6b1dbbd0 });
    expect(textSum('é')).toEqual({ length: 1, hash: 0xe9 });
    expect(textSum('🎬')).toEqual({ length: 2, hash: 0x637cef79 });
  });

  it('sums a document as its string', () => {
    const s = 'Title: Big Fish\n\nINT. HOUSE - DAY\n\nCafé 🎬.\n\n';
    expect(textSum(Text.of(s.split('\n')))).toEqual(textSum(s));
    expect(textSum('ab')).not.toEqual(textSum('ba'));
  });

  it('sums a large document from its tree as its string, before and after edits', () => {
    // Enough lines for CodeMirror to build nodes of nodes; edits keep the parts they leave alone.
    const lines: string[] = [];
    for (let i = 0; i < 5000; i++) lines.push(i % 7 === 0 ? `INT. ROOM ${i} - DAY` : i % 3 === 0 ? '' : `Line ${i}: café 🎬 ${'x'.repeat(i % 50)}`);
    let state = EditorState.create({ doc: lines.join('\n') });
    expect(state.doc.children).not.toBeNull();
    expect(textSum(state.doc)).toEqual(textSum(state.doc.toString()));
    let seed = 99;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed % n);
    for (let k = 0; k < 200; k++) {
      const from = rnd(state.doc.length + 1);
      const to = Math.min(state.doc.length, from + (k % 5 === 0 ? rnd(3000) : rnd(3)));
      const insert = ['a', '\n', '', 'EDWARD\nHello.\n\n', '🎬', 'x'.repeat(rnd(4000))][rnd(6)];
      const before = state.doc;
      state = state.update({ changes: { from, to, insert } }).state;
      const after = textSum(state.doc);
      expect(after).toEqual(textSum(state.doc.toString()));
      if (!state.doc.eq(before)) expect(after).not.toEqual(textSum(before));
    }
  });
});

describe('changeList', () => {
  it('lists a transaction’s changes against the text before it', () => {
    const state = EditorState.create({ doc: 'INT. HOUSE - DAY\n\nAnn waits.' });
    const tr = state.update({
      changes: [
        { from: 5, to: 10, insert: 'FLAT' },
        { from: 28, insert: '\n\nEDWARD\nHello.' },
      ],
    });
    expect(changeList(tr.changes)).toEqual([
      { from: 5, to: 10, insert: 'FLAT' },
      { from: 28, to: 28, insert: '\n\nEDWARD\nHello.' },
    ]);
    const edit = textChanges(textSum(state.doc), tr.changes, tr.state.doc);
    expect(edit.result).toEqual(textSum(tr.state.doc));
    expect(applyList(state.doc.toString(), edit.changes)).toBe(tr.state.doc.toString());
  });

  it('composes many transactions into changes that make the same text (random edits)', () => {
    let seed = 12345;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed % n);
    const words = ['INT.', ' ', '\n', 'Edward', 'café', '🎬', '(beat)', ''];
    for (let run = 0; run < 60; run++) {
      let state = EditorState.create({ doc: 'FADE IN:\n\nINT. HOUSE - DAY\n' });
      const base = state.doc.toString();
      let all = ChangeSet.empty(state.doc.length);
      for (let k = 0; k < 30; k++) {
        const len = state.doc.length;
        let from = rnd(len + 1);
        let to = Math.min(len, from + rnd(4));
        // Never between the halves of a surrogate pair, as an editor never is.
        const s = state.doc.toString();
        const inside = (i: number) => i > 0 && i < s.length && /[\udc00-\udfff]/.test(s[i]);
        if (inside(from)) from--;
        if (inside(to)) to++;
        const tr = state.update({ changes: { from, to, insert: words[rnd(words.length)] } });
        all = all.compose(tr.changes);
        state = tr.state;
      }
      const list = changeList(all);
      expect(applyList(base, list)).toBe(state.doc.toString());
      for (let i = 1; i < list.length; i++) expect(list[i].from).toBeGreaterThanOrEqual(list[i - 1].to);
    }
  });
});
