import { describe, expect, it } from 'vitest';
import { DRAFT, type RevisionInfo } from '../../api';
import { defaultComparison, previousOf } from './views.svelte';

const rev = (id: string, parents: string[] = []) => ({ id, parents }) as unknown as RevisionInfo;

describe('defaultComparison', () => {
  it('is nothing without revisions', () => {
    expect(defaultComparison([], false)).toBeNull();
  });
  it('compares the newest revision with the draft', () => {
    expect(defaultComparison([rev('b'), rev('a')], false)).toEqual({ left: 'b', right: DRAFT });
    expect(defaultComparison([rev('a')], true)).toEqual({ left: 'a', right: DRAFT });
  });
  it('compares the newest two when the draft is committed', () => {
    expect(defaultComparison([rev('b'), rev('a')], true)).toEqual({ left: 'a', right: 'b' });
  });
});

describe('previousOf', () => {
  it('is the first parent', () => {
    expect(previousOf([rev('b', ['a']), rev('a')], 'b')).toBe('a');
    expect(previousOf([rev('a')], 'a')).toBeUndefined();
    expect(previousOf([], 'x')).toBeUndefined();
  });
});
