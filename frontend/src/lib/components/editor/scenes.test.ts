import { describe, expect, it } from 'vitest';
import { sceneAt } from './scenes';
import type { Scene } from '../../fountain/classify';

const scenes = [{ line: 2 }, { line: 10 }, { line: 30 }] as unknown as Scene[];

describe('sceneAt', () => {
  it('is -1 before the first heading and with no scenes', () => {
    expect(sceneAt(scenes, 0)).toBe(-1);
    expect(sceneAt([], 5)).toBe(-1);
  });
  it('is the last scene starting at or before the line', () => {
    expect(sceneAt(scenes, 2)).toBe(0);
    expect(sceneAt(scenes, 29)).toBe(1);
    expect(sceneAt(scenes, 500)).toBe(2);
  });
});
