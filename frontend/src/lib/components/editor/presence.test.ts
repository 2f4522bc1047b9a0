import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TYPING_MS, TypingPresence } from './presence';

describe('TypingPresence', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it('says typing once at the first key and stops after a pause', () => {
    const sent: [string, boolean][] = [];
    const p = new TypingPresence((s, t) => sent.push([s, t]), () => 'INT. HOUSE - DAY');
    p.moved();
    p.typed();
    p.typed();
    vi.advanceTimersByTime(TYPING_MS - 1);
    p.typed(); // still typing: the pause starts again
    vi.advanceTimersByTime(TYPING_MS - 1);
    expect(sent).toEqual([['INT. HOUSE - DAY', false], ['INT. HOUSE - DAY', true]]);
    vi.advanceTimersByTime(1);
    expect(sent.at(-1)).toEqual(['INT. HOUSE - DAY', false]);
    expect(p.typing).toBe(false);
  });

  it('sends the new scene with the typing state', () => {
    const sent: [string, boolean][] = [];
    let scene = '';
    const p = new TypingPresence((s, t) => sent.push([s, t]), () => scene);
    p.typed();
    scene = 'EXT. PIER - NIGHT';
    p.moved();
    expect(sent).toEqual([['', true], ['EXT. PIER - NIGHT', true]]);
    p.dispose();
    vi.advanceTimersByTime(TYPING_MS);
    expect(sent).toHaveLength(2);
  });
});
