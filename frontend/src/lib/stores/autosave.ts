/**
 * Autosave: saves the text being typed after a short pause, and at least
 * once a second while typing goes on, so a crash loses at most the last
 * second. Saves never overlap; a change made during a save is saved after it.
 */

/** The state the status bar shows. */
export type SaveState = 'saved' | 'pending' | 'saving' | 'error';

export interface AutosaveOptions<T = string> {
  /** Idle time after the last change before saving, in ms. */
  readonly idleMs: number;
  /** Longest time a change waits while typing goes on, in ms. */
  readonly maxWaitMs: number;
  /** Stores the text (or what stands for it); rejects with an Error whose message is shown. */
  readonly save: (text: T) => Promise<void>;
  /** Told of every state change, with the error message for 'error'. */
  readonly onState: (state: SaveState, error?: string) => void;
  /**
   * Runs a timed save when it suits the page (afterPaint: just after a frame
   * is shown, so its work does not hold up the next one); by default at once.
   */
  readonly when?: (run: () => void) => void;
}

/**
 * A hidden or minimized window paints no frames: a save waiting for one
 * runs after this many ms anyway, so nothing typed waits on the window
 * being shown again.
 */
export const PAINT_WAIT_MS = 200;

/**
 * Runs run just after the next frame is painted: a task posted from a
 * frame's callback runs after that frame is shown, the start of the longest
 * gap before a key or a frame is due. Where there are no frames (no
 * requestAnimationFrame, a hidden page), at once; if no frame comes within
 * PAINT_WAIT_MS, then.
 */
export function afterPaint(run: () => void): void {
  const hidden = typeof document !== 'undefined' && document.visibilityState === 'hidden';
  if (typeof requestAnimationFrame !== 'function' || hidden) return run();
  let ran = false;
  const once = () => {
    if (ran) return;
    ran = true;
    clearTimeout(fallback);
    run();
  };
  const fallback = setTimeout(once, PAINT_WAIT_MS);
  requestAnimationFrame(() => setTimeout(once, 0));
}

/** After an error, saving is retried after this many ms. */
export const RETRY_MS = 2000;

export class Autosaver<T = string> {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private firstChangeAt = 0;
  private latest: T | undefined;
  private inFlight: Promise<void> | undefined;
  /** A timed save waits for opts.when to run it. */
  private waiting = false;
  private readonly opts: AutosaveOptions<T>;

  constructor(opts: AutosaveOptions<T>) {
    this.opts = opts;
  }

  /** Records new text to save. */
  change(text: T, now: number = Date.now()): void {
    if (this.latest === undefined) this.firstChangeAt = now;
    this.latest = text;
    this.opts.onState('pending');
    this.schedule(now);
  }

  /** True when some text has not been saved yet. */
  get dirty(): boolean {
    return this.latest !== undefined || this.inFlight !== undefined;
  }

  private schedule(now: number): void {
    if (this.waiting) return; // a save is about to start
    if (this.timer !== undefined) clearTimeout(this.timer);
    const waited = now - this.firstChangeAt;
    const delay = Math.max(0, Math.min(this.opts.idleMs, this.opts.maxWaitMs - waited));
    this.timer = setTimeout(() => {
      this.timer = undefined;
      const when = this.opts.when;
      if (!when) return void this.flush();
      // Changes made until it runs go with it: a burst of keys does not put it off.
      this.waiting = true;
      when(() => {
        if (!this.waiting) return; // flushed or disposed meanwhile
        void this.flush();
      });
    }, delay);
  }

  /** Saves now whatever is pending, and waits until everything is saved. */
  async flush(): Promise<void> {
    this.waiting = false;
    if (this.timer !== undefined) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    while (this.inFlight) await this.inFlight;
    const text = this.latest;
    if (text === undefined) return;
    this.latest = undefined;
    this.opts.onState('saving');
    this.inFlight = this.opts.save(text).then(
      () => {
        this.inFlight = undefined;
        if (this.latest === undefined) this.opts.onState('saved');
      },
      (err: unknown) => {
        this.inFlight = undefined;
        // Keep the text: it is saved on the next change or retry.
        if (this.latest === undefined) this.latest = text;
        this.firstChangeAt = Date.now();
        this.opts.onState('error', err instanceof Error ? err.message : String(err));
        if (this.timer !== undefined) clearTimeout(this.timer);
        this.timer = setTimeout(() => {
          this.timer = undefined;
          void this.flush();
        }, RETRY_MS);
      },
    );
    await this.inFlight;
    if (this.latest !== undefined && this.timer === undefined) await this.flush();
  }

  /** Stops timers; pending text is dropped (call flush first to keep it). */
  dispose(): void {
    this.waiting = false;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
