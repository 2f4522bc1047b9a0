import { describe, expect, it } from 'vitest';
import elementGo from '../../../../internal/fountain/element.go?raw';
import { elementClass } from './elements';

describe('elementClass', () => {
  it('names the layout class of each element type', () => {
    expect(elementClass('scene_heading')).toBe('scene');
    expect(elementClass('dialogue')).toBe('dialogue');
    expect(elementClass('page_break')).toBe('page-break');
    expect(elementClass('')).toBe('');
    expect(elementClass(undefined)).toBe('');
  });

  it('knows every element type the Go parser has', () => {
    const types = [...elementGo.matchAll(/ElementType = "([a-z_]+)"/g)].map((m) => m[1]);
    expect(types.length).toBeGreaterThan(5);
    for (const t of types) expect(elementClass(t), t).not.toBe('');
  });
});
