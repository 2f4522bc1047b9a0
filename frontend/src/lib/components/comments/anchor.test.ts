import { describe, expect, it } from 'vitest';
import type { Row, ThreadInfo } from '../../api/types';
import {
  compareAnchor,
  draftToHead,
  groupThreads,
  headLinesInDraft,
  lineMap,
  lineMarks,
  selectionAnchor,
  unreadCount,
} from './anchor';

const text = 'INT. PIER - NIGHT\n\nBEN waits.\n\nBEN\nShe is late.\n';

function thread(id: string, startLine: number, over: Partial<ThreadInfo> = {}): ThreadInfo {
  return {
    id,
    root: { id, author: 'u', authorName: 'Ann', body: 'b', created: `2026-01-01T00:00:0${id.length}Z`, edited: false, mine: false },
    replies: [],
    startLine,
    endLine: startLine,
    quote: 'q',
    outdated: false,
    resolved: false,
    unread: 0,
    ...over,
  };
}

describe('selectionAnchor', () => {
  it('takes the selected text and its lines', () => {
    const from = text.indexOf('waits');
    expect(selectionAnchor(text, from, from + 5)).toEqual({ startLine: 3, endLine: 3, quote: 'waits' });
  });
  it('spans lines', () => {
    const from = text.indexOf('BEN waits');
    const to = text.indexOf('late.') + 5;
    expect(selectionAnchor(text, from, to)).toEqual({ startLine: 3, endLine: 6, quote: 'BEN waits.\n\nBEN\nShe is late.' });
  });
  it('drops blank space around the selection, and the line after a trailing newline', () => {
    const from = text.indexOf('BEN waits') - 1;
    const to = text.indexOf('\nBEN\n') + 1;
    expect(selectionAnchor(text, from, to)).toEqual({ startLine: 3, endLine: 3, quote: 'BEN waits.' });
  });
  it('accepts a backwards selection', () => {
    expect(selectionAnchor(text, 4, 0)).toEqual({ startLine: 1, endLine: 1, quote: 'INT.' });
  });
  it('is null for blank space only', () => {
    expect(selectionAnchor(text, text.indexOf('\n\n'), text.indexOf('\n\n') + 2)).toBeNull();
    expect(selectionAnchor(text, 3, 3)).toBeNull();
  });
});

describe('lineMap', () => {
  it('maps unchanged lines around an insertion', () => {
    expect([...lineMap(['a', 'b', 'c'], ['a', 'x', 'b', 'c'])]).toEqual([0, 2, 3]);
  });
  it('marks changed and removed lines -1', () => {
    expect([...lineMap(['a', 'b', 'c', 'd'], ['a', 'B', 'd'])]).toEqual([0, -1, -1, 2]);
  });
  it('finds lines that moved past a change in the middle', () => {
    expect([...lineMap(['s', 'a', 'b', 'c', 'e'], ['s', 'x', 'a', 'y', 'c', 'e'])]).toEqual([0, 2, -1, 4, 5]);
  });
  it('handles empty sides', () => {
    expect([...lineMap([], ['a'])]).toEqual([]);
    expect([...lineMap(['a'], [])]).toEqual([-1]);
  });
  it('falls back to unique lines on a large middle', () => {
    const a = ['top', ...Array.from({ length: 2100 }, (_, i) => `a${i}`), 'mid', ...Array.from({ length: 2100 }, (_, i) => `b${i}`), 'end'];
    const b = ['top', ...Array.from({ length: 2100 }, (_, i) => `c${i}`), 'mid', ...Array.from({ length: 2100 }, (_, i) => `d${i}`), 'end'];
    const m = lineMap(a, b);
    expect(m[0]).toBe(0);
    expect(m[2101]).toBe(2101);
    expect(m[a.length - 1]).toBe(b.length - 1);
    expect(m[5]).toBe(-1);
  });
});

describe('draftToHead', () => {
  const head = 'A\nB\nC\nD';
  it('is the same anchor when the draft is the head', () => {
    const a = { startLine: 2, endLine: 3, quote: 'B\nC' };
    expect(draftToHead(head, head, a)).toBe(a);
  });
  it('moves the lines when the draft added lines above', () => {
    expect(draftToHead('new\nA\nB\nC\nD', head, { startLine: 3, endLine: 4, quote: 'B\nC' })).toEqual({ startLine: 2, endLine: 3, quote: 'B\nC' });
  });
  it('is null when the selection covers text typed since the head', () => {
    expect(draftToHead('A\nB\nnew\nC\nD', head, { startLine: 2, endLine: 4, quote: 'B\nnew\nC' })).toBeNull();
    expect(draftToHead('A\nBB\nC\nD', head, { startLine: 2, endLine: 2, quote: 'BB' })).toBeNull();
  });
});

describe('headLinesInDraft', () => {
  it('is the identity for equal texts', () => {
    expect([...headLinesInDraft('a\nb', 'a\nb')]).toEqual([0, 1, 2]);
  });
  it('places changed head lines after the nearest unchanged line above', () => {
    // head: a b c d; draft: x a B c d (b changed, x inserted)
    expect([...headLinesInDraft('a\nb\nc\nd', 'x\na\nB\nc\nd')]).toEqual([0, 2, 3, 4, 5]);
  });
  it('keeps removed last lines inside the draft', () => {
    expect([...headLinesInDraft('a\nb\nc', 'a')]).toEqual([0, 1, 1, 1]);
  });
});

describe('groupThreads', () => {
  it('orders current threads by line and puts outdated ones apart', () => {
    const g = groupThreads([thread('c', 9), thread('a', 2), thread('old', 1, { outdated: true }), thread('b', 2, { endLine: 5 })]);
    expect(g.current.map((x) => x.id)).toEqual(['a', 'b', 'c']);
    expect(g.outdated.map((x) => x.id)).toEqual(['old']);
  });
  it('puts threads on a proposal text that is not in this version apart from those whose text is gone', () => {
    const g = groupThreads([
      thread('gone', 1, { outdated: true }),
      thread('sunset', 4, { outdated: true, proposal: 'sunset-1a2b' }),
      thread('here', 2, { proposal: 'merged-one' }),
    ]);
    expect(g.current.map((x) => x.id)).toEqual(['here']);
    expect(g.proposals.map((x) => x.id)).toEqual(['sunset']);
    expect(g.outdated.map((x) => x.id)).toEqual(['gone']);
  });
  it('orders threads on the same lines by when they were started', () => {
    const g = groupThreads([thread('later', 3), thread('x', 3)]);
    expect(g.current.map((x) => x.id)).toEqual(['x', 'later']);
  });
  it('counts unread comments', () => {
    expect(unreadCount([thread('a', 1, { unread: 2 }), thread('b', 1, { unread: 1 }), thread('c', 1)])).toBe(3);
  });
});

describe('lineMarks', () => {
  it('marks the first line of each thread, merging threads on one line', () => {
    const marks = lineMarks([thread('a', 3, { unread: 1 }), thread('b', 3, { resolved: true }), thread('c', 1, { resolved: true })], null);
    expect(marks).toEqual([
      { line: 1, threads: ['c'], unread: false, resolved: true },
      { line: 3, threads: ['a', 'b'], unread: true, resolved: false },
    ]);
  });
  it('places marks through the head-to-draft map and skips outdated threads', () => {
    const toDraft = headLinesInDraft('a\nb\nc', 'new\na\nb\nc');
    expect(lineMarks([thread('a', 2), thread('o', 1, { outdated: true })], toDraft)).toEqual([
      { line: 3, threads: ['a'], unread: false, resolved: false },
    ]);
  });
});

describe('compareAnchor', () => {
  const rows: Row[] = [
    { kind: 'equal', leftLine: 1, leftText: 'INT. PIER', rightLine: 1, rightText: 'INT. PIER' },
    { kind: 'equal', leftLine: 2, leftText: '', rightLine: 2, rightText: '' },
    { kind: 'delete', leftLine: 3, leftText: 'gone', rightLine: 0, rightText: '' },
    { kind: 'change', leftLine: 4, leftText: 'Ben waits', rightLine: 3, rightText: 'Ben waits, cold.' },
    { kind: 'insert', leftLine: 0, leftText: '', rightLine: 4, rightText: 'He shivers.' },
  ];
  it('takes the right-hand lines of the rows, whole', () => {
    expect(compareAnchor(rows, 1, 4)).toEqual({ startLine: 3, endLine: 4, quote: 'Ben waits, cold.\nHe shivers.' });
  });
  it('is null when the rows have no right-hand text', () => {
    expect(compareAnchor(rows, 2, 2)).toBeNull();
    expect(compareAnchor(rows, 1, 2)).toBeNull();
  });
  it('accepts rows given backwards', () => {
    expect(compareAnchor(rows, 0, 0)).toEqual(compareAnchor(rows, 0, 0));
    expect(compareAnchor(rows, 3, 0)?.startLine).toBe(1);
  });
});
