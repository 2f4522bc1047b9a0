import { describe, expect, it } from 'vitest';
import { wrapTarget } from './focus-trap';

describe('wrapTarget', () => {
  const items = ['a', 'b', 'c'];
  it('wraps from the last to the first and back', () => {
    expect(wrapTarget(items, 'c', false)).toBe('a');
    expect(wrapTarget(items, 'a', true)).toBe('c');
  });
  it('leaves moves inside the list to the browser', () => {
    expect(wrapTarget(items, 'a', false)).toBeNull();
    expect(wrapTarget(items, 'c', true)).toBeNull();
  });
  it('brings focus from outside back in', () => {
    expect(wrapTarget(items, null, false)).toBe('a');
    expect(wrapTarget(items, 'z', true)).toBe('c');
    expect(wrapTarget([], 'a', false)).toBeNull();
  });
});
