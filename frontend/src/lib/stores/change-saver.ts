/**
 * The editor's autosave of one text (main's draft, or a proposal): the
 * Autosaver's timing (after a pause, at least once a second, never two at
 * once) with DraftSync's way of sending (changes, or the whole text in
 * parts), so a feature-length script saves like a short one.
 */
import type { ChangeSet, Text } from '@codemirror/state';
import { afterPaint, Autosaver, type SaveState } from './autosave';
import { DraftSync, sendWhole, type SaveChannel } from './draft-sync';

export interface ChangeSaverOptions<R> {
  /** Idle time after the last change before saving, in ms. */
  readonly idleMs: number;
  /** Longest time a change waits while typing goes on, in ms. */
  readonly maxWaitMs: number;
  readonly channel: SaveChannel<R>;
  /** Told of the text each save sends, before it is sent (saves never overlap). */
  readonly saving?: (doc: Text) => void;
  /** Told of the library's answer to each save. */
  readonly saved: (r: R) => void;
  /** When true at save time, nothing is sent (the changes wait for the next save). */
  readonly skip?: () => boolean;
  /** Told of every state change, with the error message for 'error'. */
  readonly onState: (state: SaveState, error?: string) => void;
}

/** What the editor's text goes to: main's autosave or a proposal's. */
export interface TextSaver {
  reset(doc: Text): void;
  change(changes: ChangeSet, doc: Text): void;
  flush(): Promise<void>;
  readonly dirty: boolean;
}

export class ChangeSaver<R> implements TextSaver {
  private sync: DraftSync<R> | undefined;
  private readonly saver: Autosaver<Text>;

  constructor(private readonly opts: ChangeSaverOptions<R>) {
    this.saver = new Autosaver<Text>({
      idleMs: opts.idleMs,
      maxWaitMs: opts.maxWaitMs,
      onState: opts.onState,
      // The sums and the call take the main thread a while: start them as a frame is shown, not while a key waits for one.
      when: afterPaint,
      save: async (doc) => {
        if (opts.skip?.()) return;
        opts.saving?.(doc);
        if (this.sync) return opts.saved(await this.sync.save(doc));
        // Never told what the library holds: send it all, then follow from there.
        const r = await sendWhole(opts.channel, doc.toString());
        this.sync = new DraftSync(opts.channel, doc);
        opts.saved(r);
      },
    });
  }

  /** The library holds doc (just opened or loaded): changes from now on are made against it. */
  reset(doc: Text): void {
    if (this.sync) this.sync.reset(doc);
    else this.sync = new DraftSync(this.opts.channel, doc);
  }

  /** Records a transaction's changes, making doc, and schedules a save. */
  change(changes: ChangeSet, doc: Text): void {
    this.sync?.record(changes);
    this.saver.change(doc);
  }

  /** True when some change has not been saved yet. */
  get dirty(): boolean {
    return this.saver.dirty;
  }

  /** Saves now whatever is pending, and waits until everything is saved. */
  flush(): Promise<void> {
    return this.saver.flush();
  }

  /** Stops timers; pending changes are dropped (call flush first to keep them). */
  dispose(): void {
    this.saver.dispose();
  }
}
