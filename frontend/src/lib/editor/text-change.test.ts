import { describe, expect, it } from 'vitest';
import { changeBetween } from './text-change';

function apply(old: string, text: string): string {
  const c = changeBetween(old, text);
  return c ? old.slice(0, c.from) + c.insert + old.slice(c.to) : old;
}

describe('changeBetween', () => {
  it('is null for equal texts', () => {
    expect(changeBetween('INT. HOUSE', 'INT. HOUSE')).toBeNull();
  });
  it('covers only the span that differs', () => {
    expect(changeBetween('one two three', 'one 2 three')).toEqual({ from: 4, to: 7, insert: '2' });
  });
  it('handles insertions and deletions at either end', () => {
    expect(changeBetween('abc', 'xabc')).toEqual({ from: 0, to: 0, insert: 'x' });
    expect(changeBetween('abc', 'abcx')).toEqual({ from: 3, to: 3, insert: 'x' });
    expect(changeBetween('abc', '')).toEqual({ from: 0, to: 3, insert: '' });
  });
  it('never lets the kept start and end overlap on repeated text', () => {
    for (const [a, b] of [['aaa', 'aa'], ['aa', 'aaa'], ['abab', 'ab'], ['x\n\nx', 'x\nx']]) {
      expect(apply(a, b)).toBe(b);
    }
  });
});
