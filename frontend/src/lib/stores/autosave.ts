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
}

/** After an error, saving is retried after this many ms. */
export const RETRY_MS = 2000;

export class Autosaver<T = string> {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private firstChangeAt = 0;
  private latest: T | undefined;
  private inFlight: Promise<void> | undefined;
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
    if (this.timer !== undefined) clearTimeout(this.timer);
    const waited = now - this.firstChangeAt;
    const delay = Math.max(0, Math.min(this.opts.idleMs, this.opts.maxWaitMs - waited));
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.flush();
    }, delay);
  }

  /** Saves now whatever is pending, and waits until everything is saved. */
  async flush(): Promise<void> {
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
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
