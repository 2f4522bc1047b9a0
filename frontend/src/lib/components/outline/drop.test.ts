import { describe, expect, it } from 'vitest';
import { dropAt, type Box } from './drop';

const box = (left: number, top: number, w: number, h: number): Box => ({ left, top, right: left + w, bottom: top + h });

// A section header across the row, then two rows of cards three wide.
const boxes = [
  box(0, 0, 700, 30), // 0: # ACT ONE
  box(0, 40, 200, 150), // 1
  box(250, 40, 200, 150), // 2
  box(500, 40, 200, 150), // 3
  box(0, 200, 200, 150), // 4
  box(250, 200, 200, 150), // 5
];

describe('dropAt', () => {
  it('drops before a card on its left half and after it on its right half', () => {
    expect(dropAt(boxes, 260, 100)).toEqual({ index: 2, after: false, slot: 2 });
    expect(dropAt(boxes, 440, 100)).toEqual({ index: 2, after: true, slot: 3 });
  });

  it('takes the nearest card of the row when the point is in a gap', () => {
    expect(dropAt(boxes, 220, 100)).toMatchObject({ index: 1, after: true, slot: 2 });
    expect(dropAt(boxes, 240, 100)).toMatchObject({ index: 2, slot: 2 });
    // Past the end of the last row: after its last card.
    expect(dropAt(boxes, 690, 300)).toEqual({ index: 5, after: true, slot: 6 });
    expect(dropAt(boxes, 100, 900)).toMatchObject({ index: 4, after: false });
  });

  it('splits a section header into top and bottom halves', () => {
    expect(dropAt(boxes, 600, 5)).toEqual({ index: 0, after: false, slot: 0 });
    expect(dropAt(boxes, 10, 25)).toEqual({ index: 0, after: true, slot: 1 });
  });

  it('has no drop without items', () => {
    expect(dropAt([], 1, 1)).toBeNull();
  });
});
