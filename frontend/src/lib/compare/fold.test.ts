import { describe, expect, it } from 'vitest';
import type { Row } from '../api/types';
import { fold, rowOfLine, sides } from './fold';

function eq(l: number, r: number, text = 'x'): Row {
  return { kind: 'equal', leftLine: l, leftText: text, rightLine: r, rightText: text };
}

describe('fold', () => {
  const rows: Row[] = [];
  for (let i = 1; i <= 20; i++) rows.push(eq(i, i));
  rows[10] = { kind: 'change', leftLine: 11, leftText: 'a', rightLine: 11, rightText: 'b' };

  it('keeps context around a change and folds the rest', () => {
    const items = fold(rows, 3);
    expect(items[0]).toEqual({ kind: 'gap', from: 0, to: 7 });
    expect(items.filter((i) => i.kind === 'row').map((i) => (i.kind === 'row' ? i.index : -1))).toEqual([
      7, 8, 9, 10, 11, 12, 13,
    ]);
    expect(items.at(-1)).toEqual({ kind: 'gap', from: 14, to: 20 });
  });

  it('opens a gap on request', () => {
    const items = fold(rows, 3, new Set([0]));
    expect(items[0]).toEqual({ kind: 'row', index: 0 });
    expect(items.filter((i) => i.kind === 'gap')).toHaveLength(1);
  });

  it('shows a one-row gap instead of folding it', () => {
    const r = [eq(1, 1), { kind: 'insert', leftLine: 0, leftText: '', rightLine: 2, rightText: 'n' } as Row, eq(2, 3), eq(3, 4)];
    expect(fold(r, 1).every((i) => i.kind === 'row')).toBe(true);
  });

  it('folds everything when nothing changed', () => {
    expect(fold(rows.map((_, i) => eq(i + 1, i + 1)), 3)).toEqual([{ kind: 'gap', from: 0, to: 20 }]);
  });
});

describe('sides and rowOfLine', () => {
  const rows: Row[] = [
    eq(1, 1, 'A'),
    { kind: 'delete', leftLine: 2, leftText: 'gone', rightLine: 0, rightText: '' },
    { kind: 'insert', leftLine: 0, leftText: '', rightLine: 2, rightText: 'new' },
  ];
  it('rebuilds both texts', () => {
    expect(sides(rows)).toEqual({ left: ['A', 'gone'], right: ['A', 'new'] });
  });
  it('finds the row of a line', () => {
    expect(rowOfLine(rows, 'right', 2)).toBe(2);
    expect(rowOfLine(rows, 'left', 2)).toBe(1);
    expect(rowOfLine(rows, 'left', 9)).toBe(-1);
  });
});
