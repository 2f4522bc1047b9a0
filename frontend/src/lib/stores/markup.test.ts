// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { get } from 'svelte/store';
import { RAW_MARKUP_KEY, rememberedRaw } from './markup';

describe('the raw-or-rendered choice', () => {
  it('starts rendered, and is remembered once changed', () => {
    localStorage.removeItem(RAW_MARKUP_KEY);
    const a = rememberedRaw(localStorage);
    expect(get(a)).toBe(false);
    a.set(true);
    expect(localStorage.getItem(RAW_MARKUP_KEY)).toBe('true');
    expect(get(rememberedRaw(localStorage))).toBe(true);
  });
  it('works without storage', () => {
    const a = rememberedRaw(null);
    a.set(true);
    expect(get(a)).toBe(true);
  });
});
