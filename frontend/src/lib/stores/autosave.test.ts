import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { afterPaint, Autosaver, PAINT_WAIT_MS, RETRY_MS, type SaveState } from './autosave';

function setup(save: (t: string) => Promise<void>) {
  const states: SaveState[] = [];
  const a = new Autosaver({ idleMs: 500, maxWaitMs: 1000, save, onState: (s) => states.push(s) });
  return { a, states };
}

describe('Autosaver', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('saves once after an idle pause', async () => {
    const saved: string[] = [];
    const { a, states } = setup(async (t) => void saved.push(t));
    a.change('a');
    a.change('ab');
    await vi.advanceTimersByTimeAsync(499);
    expect(saved).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(saved).toEqual(['ab']);
    expect(states.at(-1)).toBe('saved');
    expect(a.dirty).toBe(false);
  });

  it('saves at least once a second while typing goes on', async () => {
    const saved: string[] = [];
    const { a } = setup(async (t) => void saved.push(t));
    for (let i = 1; i <= 12; i++) {
      a.change('x'.repeat(i), Date.now());
      await vi.advanceTimersByTimeAsync(200);
    }
    // 2.4 s of steady typing, a key every 200 ms: never idle for 500 ms.
    expect(saved.length).toBeGreaterThanOrEqual(2);
    for (const s of saved) expect(s.length).toBeGreaterThan(0);
  });

  it('never runs two saves at once and saves the newest text last', async () => {
    let running = 0;
    let maxRunning = 0;
    const saved: string[] = [];
    const { a } = setup(async (t) => {
      running++;
      maxRunning = Math.max(maxRunning, running);
      await new Promise((r) => setTimeout(r, 300));
      saved.push(t);
      running--;
    });
    a.change('one');
    await vi.advanceTimersByTimeAsync(600); // save of 'one' in flight
    a.change('two');
    await vi.advanceTimersByTimeAsync(2000);
    expect(maxRunning).toBe(1);
    expect(saved.at(-1)).toBe('two');
  });

  it('keeps the text after a failed save and retries', async () => {
    let fail = true;
    const saved: string[] = [];
    const errors: string[] = [];
    const a = new Autosaver({
      idleMs: 500,
      maxWaitMs: 1000,
      save: async (t) => {
        if (fail) throw new Error('disk full');
        saved.push(t);
      },
      onState: (s, e) => {
        if (s === 'error' && e) errors.push(e);
      },
    });
    a.change('precious');
    await vi.advanceTimersByTimeAsync(500);
    expect(errors).toEqual(['disk full']);
    expect(a.dirty).toBe(true);
    fail = false;
    await vi.advanceTimersByTimeAsync(RETRY_MS);
    expect(saved).toEqual(['precious']);
    expect(a.dirty).toBe(false);
  });

  it('flush saves at once', async () => {
    const saved: string[] = [];
    const { a } = setup(async (t) => void saved.push(t));
    a.change('now');
    await a.flush();
    expect(saved).toEqual(['now']);
  });

  it('starts a timed save when `when` runs it, with the changes made until then', async () => {
    const saved: string[] = [];
    const runs: (() => void)[] = [];
    const a = new Autosaver({ idleMs: 500, maxWaitMs: 1000, save: async (t: string) => void saved.push(t), onState: () => {}, when: (run) => void runs.push(run) });
    a.change('a');
    await vi.advanceTimersByTimeAsync(500);
    expect(runs.length).toBe(1);
    expect(saved).toEqual([]);
    // Keys while it waits do not put it off or start another.
    a.change('ab');
    a.change('abc');
    await vi.advanceTimersByTimeAsync(2000);
    expect(runs.length).toBe(1);
    runs[0]();
    await vi.advanceTimersByTimeAsync(0);
    expect(saved).toEqual(['abc']);
    expect(a.dirty).toBe(false);
    // A flush while one waits saves at once; the waiting run then does nothing.
    a.change('abcd');
    await vi.advanceTimersByTimeAsync(500);
    expect(runs.length).toBe(2);
    await a.flush();
    runs[1]();
    await vi.advanceTimersByTimeAsync(0);
    expect(saved).toEqual(['abc', 'abcd']);
    // After a flush, changes are timed again.
    a.change('abcde');
    await vi.advanceTimersByTimeAsync(500);
    expect(runs.length).toBe(3);
    runs[2]();
    await vi.advanceTimersByTimeAsync(0);
    expect(saved).toEqual(['abc', 'abcd', 'abcde']);
  });
});

describe('afterPaint', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.useRealTimers();
  });

  it('runs once, just after the next frame', async () => {
    const frames: (() => void)[] = [];
    vi.stubGlobal('requestAnimationFrame', (f: () => void) => frames.push(f));
    let runs = 0;
    afterPaint(() => runs++);
    await vi.advanceTimersByTimeAsync(10);
    expect(runs).toBe(0);
    frames[0]();
    await vi.advanceTimersByTimeAsync(0);
    expect(runs).toBe(1);
    await vi.advanceTimersByTimeAsync(PAINT_WAIT_MS * 2);
    expect(runs).toBe(1);
  });

  it('runs anyway when no frame comes (a minimized window), and not again when one does', async () => {
    const frames: (() => void)[] = [];
    vi.stubGlobal('requestAnimationFrame', (f: () => void) => frames.push(f));
    let runs = 0;
    afterPaint(() => runs++);
    await vi.advanceTimersByTimeAsync(PAINT_WAIT_MS);
    expect(runs).toBe(1);
    frames[0]();
    await vi.advanceTimersByTimeAsync(10);
    expect(runs).toBe(1);
  });

  it('runs at once in a hidden page', () => {
    vi.stubGlobal('requestAnimationFrame', () => 0);
    vi.stubGlobal('document', { visibilityState: 'hidden' });
    let runs = 0;
    afterPaint(() => runs++);
    expect(runs).toBe(1);
  });
});
