import { describe, expect, it } from 'vitest';
import type { Row } from '../api/types';
import type { Item } from './fold';
import { estimate, estimateAll, itemAt, itemOfRow, offsetsOf, scrollFor, windowOf } from './virtual';

const side = { inline: false, columns: 10, linePx: 20, gapPx: 30 };
const inl = { ...side, inline: true };

function row(kind: Row['kind'], left: string, right: string): Row {
  return { kind, leftLine: left ? 1 : 0, leftText: left, rightLine: right ? 1 : 0, rightText: right };
}

describe('estimate', () => {
  const rows = [row('equal', 'abc', 'abc'), row('change', 'a'.repeat(25), 'b'), row('insert', '', 'c'.repeat(11))];
  const it_ = (index: number): Item => ({ kind: 'row', index });

  it('side by side: the taller side, wrapped at the column width', () => {
    expect(estimate(it_(0), rows, side)).toBe(20);
    expect(estimate(it_(1), rows, side)).toBe(60); // 25 chars on 10 columns: 3 lines
    expect(estimate(it_(2), rows, side)).toBe(40);
  });

  it('inline: both lines of a change, one line of an equal row', () => {
    expect(estimate(it_(0), rows, inl)).toBe(20);
    expect(estimate(it_(1), rows, inl)).toBe(80); // 3 + 1 lines
    expect(estimate(it_(2), rows, inl)).toBe(40); // no left line
  });

  it('a gap has its own height', () => {
    expect(estimate({ kind: 'gap', from: 0, to: 5 }, rows, side)).toBe(30);
  });

  it('estimateAll estimates every item', () => {
    expect(Array.from(estimateAll([it_(0), { kind: 'gap', from: 1, to: 2 }, it_(2)], rows, side))).toEqual([20, 30, 40]);
  });
});

describe('offsets and windows', () => {
  const o = offsetsOf([10, 20, 30, 40]); // tops 0, 10, 30, 60; total 100

  it('offsets are prefix sums ending with the total', () => {
    expect(Array.from(o)).toEqual([0, 10, 30, 60, 100]);
  });

  it('itemAt finds the item covering a height, clamped', () => {
    expect(itemAt(o, -5)).toBe(0);
    expect(itemAt(o, 0)).toBe(0);
    expect(itemAt(o, 9.9)).toBe(0);
    expect(itemAt(o, 10)).toBe(1);
    expect(itemAt(o, 59)).toBe(2);
    expect(itemAt(o, 60)).toBe(3);
    expect(itemAt(o, 1000)).toBe(3);
    expect(itemAt(offsetsOf([]), 5)).toBe(0);
  });

  it('windowOf covers the view and the overscan, no more', () => {
    expect(windowOf(o, 0, 15, 0)).toEqual({ first: 0, end: 2 });
    expect(windowOf(o, 35, 10, 0)).toEqual({ first: 2, end: 3 });
    expect(windowOf(o, 35, 10, 20)).toEqual({ first: 1, end: 4 });
    expect(windowOf(offsetsOf([]), 0, 100, 100)).toEqual({ first: 0, end: 0 });
  });

  it('a window over thousands of rows builds only those in view', () => {
    const big = offsetsOf(new Float64Array(5000).fill(19));
    const w = windowOf(big, 19 * 2500, 760, 600);
    expect(w.end - w.first).toBeLessThan(110);
    expect(w.first).toBeLessThanOrEqual(2500);
    expect(w.end).toBeGreaterThan(2500 + 40);
  });

  it('scrollFor centres an item, never above the top', () => {
    expect(scrollFor(o, 3, 40)).toBe(60); // 40 px item in a 40 px view
    expect(scrollFor(o, 2, 50)).toBe(20); // 30 px item: 10 px above it
    expect(scrollFor(o, 0, 100)).toBe(0);
    expect(scrollFor(o, 3, 100, 1 / 3)).toBe(40);
  });

  it('itemOfRow maps rows to items, -1 inside a gap', () => {
    const items: Item[] = [{ kind: 'gap', from: 0, to: 2 }, { kind: 'row', index: 2 }, { kind: 'row', index: 3 }];
    expect(Array.from(itemOfRow(items, 4))).toEqual([-1, -1, 1, 2]);
  });
});
