import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EditorState, type Transaction } from '@codemirror/state';
import { textSum, type TextChange, type TextChanges, type TextSum } from '../editor/changes';
import { DraftSync, MAX_CALL_BYTES, jsonBytes, sendWhole, splitParts, type SaveChannel } from './draft-sync';
import { ChangeSaver } from './change-saver';

/** Applies changes as workspace.ApplyChanges does: in order, against the base. */
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

const same = (a: TextSum, b: TextSum) => a.length === b.length && a.hash === b.hash;

/** The library's side, as workspace and app do it: one text, changes checked by their sums. */
class FakeLibrary implements SaveChannel<string> {
  calls: { kind: string; bytes: number }[] = [];
  parts = new Map<string, string[]>();
  /** Makes the next changes call fail as if the call never arrived. */
  dropNext = false;
  constructor(public text: string) {}
  private log(kind: string, payload: unknown) {
    const bytes = new TextEncoder().encode(JSON.stringify(payload)).length;
    this.calls.push({ kind, bytes });
  }
  async changes(edit: TextChanges) {
    this.log('changes', edit);
    if (this.dropNext) {
      this.dropNext = false;
      throw new Error('lost');
    }
    if (!same(textSum(this.text), edit.base)) return null;
    const out = applyList(this.text, edit.changes);
    if (!same(textSum(out), edit.result)) return null;
    this.text = out;
    return 'saved';
  }
  async whole(text: string) {
    this.log('whole', text);
    this.text = text;
    return 'saved';
  }
  async part(upload: string, index: number, part: string) {
    this.log('part', part);
    const got = this.parts.get(upload) ?? [];
    expect(index).toBe(got.length);
    this.parts.set(upload, [...got, part]);
  }
  async upload(upload: string, sum: TextSum) {
    this.log('upload', sum);
    const text = (this.parts.get(upload) ?? []).join('');
    if (!same(textSum(text), sum)) throw new Error('part lost');
    this.text = text;
    return 'saved';
  }
}

/** A feature-length script: about 150 KB, with accents and an emoji. */
const feature = Array.from({ length: 1500 }, (_, i) => `INT. HOUSE ${i} - DAY\n\nEdward walks in. Café 🎬 “quote”.\n\nEDWARD\nHello.\n`).join('\n');

function editor(doc: string) {
  let state = EditorState.create({ doc });
  return {
    get state() {
      return state;
    },
    type(at: number, insert: string, to = at): Transaction {
      const tr = state.update({ changes: { from: at, to, insert } });
      state = tr.state;
      return tr;
    },
  };
}

describe('splitParts and jsonBytes', () => {
  it('cuts a text into parts under the limit, never inside a surrogate pair', () => {
    expect(jsonBytes('a"\\\n')).toBe(2 + 1 + 2 + 2 + 6);
    expect(jsonBytes('é🎬')).toBe(2 + 2 + 4);
    const text = feature + '🎬'.repeat(20_000);
    const parts = splitParts(text, 1000);
    expect(parts.join('')).toBe(text);
    for (const p of parts) {
      expect(new TextEncoder().encode(JSON.stringify(p)).length).toBeLessThanOrEqual(1000);
      expect(/^[\udc00-\udfff]/.test(p)).toBe(false);
    }
    expect(splitParts('')).toEqual(['']);
  });
});

describe('DraftSync', () => {
  it('saves typing in a feature as small changes, never the whole text', async () => {
    const lib = new FakeLibrary(feature);
    const ed = editor(feature);
    const sync = new DraftSync(lib, ed.state.doc);
    const mid = Math.floor(feature.length / 2);
    for (const ch of 'int. waffle house - night') sync.record(ed.type(mid, ch).changes);
    await sync.save(ed.state.doc);
    sync.record(ed.type(0, 'FADE IN:\n\n').changes);
    sync.record(ed.type(20, '', 25).changes);
    await sync.save(ed.state.doc);
    expect(lib.text).toBe(ed.state.doc.toString());
    expect(lib.calls.map((c) => c.kind)).toEqual(['changes', 'changes']);
    for (const c of lib.calls) expect(c.bytes).toBeLessThan(300);
  });

  it('sends the whole text in parts under 48 KB when the library holds another text', async () => {
    const lib = new FakeLibrary(feature);
    const ed = editor(feature);
    const sync = new DraftSync(lib, ed.state.doc);
    lib.text = feature + 'moved underneath\n'; // e.g. main moved and the draft followed
    sync.record(ed.type(5, 'X').changes);
    await sync.save(ed.state.doc);
    expect(lib.text).toBe(ed.state.doc.toString());
    const kinds = lib.calls.map((c) => c.kind);
    expect(kinds[0]).toBe('changes');
    expect(kinds.filter((k) => k === 'part').length).toBeGreaterThanOrEqual(3);
    expect(kinds.at(-1)).toBe('upload');
    for (const c of lib.calls) expect(c.bytes).toBeLessThanOrEqual(MAX_CALL_BYTES);
    // And from there on, changes again.
    lib.calls = [];
    sync.record(ed.type(7, 'Y').changes);
    await sync.save(ed.state.doc);
    expect(lib.calls.map((c) => c.kind)).toEqual(['changes']);
    expect(lib.text).toBe(ed.state.doc.toString());
  });

  it('sends a large paste as the whole text in parts', async () => {
    const lib = new FakeLibrary('FADE IN:\n');
    const ed = editor('FADE IN:\n');
    const sync = new DraftSync(lib, ed.state.doc);
    sync.record(ed.type(9, feature).changes);
    await sync.save(ed.state.doc);
    expect(lib.text).toBe(ed.state.doc.toString());
    expect(lib.calls.some((c) => c.kind === 'changes')).toBe(false);
    for (const c of lib.calls) expect(c.bytes).toBeLessThanOrEqual(MAX_CALL_BYTES);
  });

  it('keeps what a failed save carried and sends it with the next', async () => {
    const lib = new FakeLibrary('INT. HOUSE - DAY\n');
    const ed = editor('INT. HOUSE - DAY\n');
    const sync = new DraftSync(lib, ed.state.doc);
    sync.record(ed.type(17, 'One.\n').changes);
    lib.dropNext = true;
    await expect(sync.save(ed.state.doc)).rejects.toThrow('lost');
    sync.record(ed.type(0, 'FADE IN:\n\n').changes); // typed while it failed
    await sync.save(ed.state.doc);
    expect(lib.text).toBe('FADE IN:\n\nINT. HOUSE - DAY\nOne.\n');
    expect(lib.calls.map((c) => c.kind)).toEqual(['changes', 'changes']);
  });

  it('a small text goes whole in one call when changes do not fit', async () => {
    const lib = new FakeLibrary('other');
    const ed = editor('INT. HOUSE - DAY\n');
    const sync = new DraftSync(lib, ed.state.doc);
    sync.record(ed.type(0, 'A').changes);
    await sync.save(ed.state.doc);
    expect(lib.calls.map((c) => c.kind)).toEqual(['changes', 'whole']);
    expect(lib.text).toBe('AINT. HOUSE - DAY\n');
  });

  it('reset: later changes are made against the text the library was given', async () => {
    const lib = new FakeLibrary('one\n');
    const ed = editor('one\n');
    const sync = new DraftSync(lib, ed.state.doc);
    ed.type(0, 'two\n', 4); // loaded from the library: not recorded
    lib.text = 'two\n';
    sync.reset(ed.state.doc);
    sync.record(ed.type(4, 'three\n').changes);
    await sync.save(ed.state.doc);
    expect(lib.calls.map((c) => c.kind)).toEqual(['changes']);
    expect(lib.text).toBe('two\nthree\n');
  });

  it('sendWhole never makes a call over the limit', async () => {
    const lib = new FakeLibrary('');
    await sendWhole(lib, feature + feature);
    expect(lib.text).toBe(feature + feature);
    expect(Math.max(...lib.calls.map((c) => c.bytes))).toBeLessThanOrEqual(MAX_CALL_BYTES);
  });
});

describe('ChangeSaver', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('saves a second of typing in one call of changes', async () => {
    const lib = new FakeLibrary(feature);
    const ed = editor(feature);
    const answers: string[] = [];
    const s = new ChangeSaver({ idleMs: 500, maxWaitMs: 1000, channel: lib, saved: (r) => answers.push(r), onState: () => {} });
    s.reset(ed.state.doc);
    for (const ch of 'Edward pours two coffees.') {
      const tr = ed.type(ed.state.doc.length, ch);
      s.change(tr.changes, tr.state.doc);
      await vi.advanceTimersByTimeAsync(20);
    }
    await s.flush();
    expect(lib.text).toBe(ed.state.doc.toString());
    expect(lib.calls.map((c) => c.kind)).toEqual(['changes']);
    expect(answers).toEqual(['saved']);
  });

  it('sends the whole text when never told what the library holds', async () => {
    const lib = new FakeLibrary('');
    const ed = editor('x');
    const s = new ChangeSaver({ idleMs: 500, maxWaitMs: 1000, channel: lib, saved: () => {}, onState: () => {} });
    const tr = ed.type(1, 'y');
    s.change(tr.changes, tr.state.doc);
    await s.flush();
    expect(lib.text).toBe('xy');
    expect(lib.calls.map((c) => c.kind)).toEqual(['whole']);
  });
});
