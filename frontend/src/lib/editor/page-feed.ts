/**
 * Brings fresh pages (pages.ts) into the editor without sending the text:
 * when a draft is saved the document is noted as it was then, with the
 * save's time; once typing pauses (or, while it goes on, every few seconds)
 * the backend is asked for the pages of its saved draft, which come back
 * stamped with the save time they describe. The
 * positions are read in the noted document and mapped through every change
 * made since, so they land in the right place however much has been typed
 * meanwhile. Pages of a text the feed did not note (an older or unknown
 * save) are dropped: fresher ones are on their way.
 *
 * A save is known by its stamp (the draft's save time) or, for a text whose
 * saves have no stamp the backend's pages can carry (a proposal's typing
 * waits up to a second before it becomes a revision), by the sum of the
 * text laid out: see PageSource. Pages whose stamp the feed did not note
 * are still shown when their sum is that of a noted text.
 */
import { ChangeSet, type Extension, type Text } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { mapPages, pagesIn, pagesOf, samePages, setPages, type PagesAt } from './pages';
import { textSum, type TextSum } from './changes';

/** A document as it was saved, and what has changed since. */
interface Snapshot {
  readonly id: number;
  readonly doc: Text;
  changes: ChangeSet;
  saved: string;
}

/** Pages as the backend returns them: stamped with the save they describe, and the sum of the text laid out. */
export interface SavedPages extends PagesAt {
  readonly saved: string;
  readonly sum?: TextSum;
}

/** Where pages come from, and how an answer is matched to a noted save. */
export interface PageSource {
  /** Asks the backend for the pages of the newest save. */
  readonly fetch: () => Promise<SavedPages>;
  /** 'saved': the answer's stamp is the one saved() was given; 'sum': the answer's sum is that of the noted text. */
  readonly match: 'saved' | 'sum';
}

export interface PageFeedOptions {
  /** Asks the backend for the pages of the saved draft (matched by stamp); use() changes it. */
  fetch: () => Promise<SavedPages>;
  /** The editor, when there is one. */
  view: () => EditorView | undefined;
  /**
   * How long the text must have been still, and a save waiting, before
   * asking, in ms (saves come about once a second while typing).
   */
  delayMs?: number;
  /**
   * The longest a save waits for its pages while typing goes on, in ms:
   * laying out a feature takes the backend a core for tens of ms, which
   * the keys typed meanwhile would wait for on a small machine.
   */
  maxWaitMs?: number;
  /** Told when asking fails; the pages then stay as they were. */
  onerror?: (e: unknown) => void;
}

/** The most saves waiting for their pages at once; older ones are forgotten. */
const MAX_SNAPSHOTS = 8;

/** PageFeedOptions' defaults. */
const PAGES_DELAY_MS = 300;
const PAGES_MAX_WAIT_MS = 3000;

export class PageFeed {
  private snaps: Snapshot[] = [];
  private next = 1;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** When the text last changed, and when the oldest save not asked about yet was noted (0: none). */
  private changedAt = 0;
  private waitingSince = 0;
  private savedAt = 0;
  private asking = false;
  private again = false;
  private disposed = false;
  private source: PageSource;

  constructor(private readonly opts: PageFeedOptions) {
    this.source = { fetch: opts.fetch, match: 'saved' };
  }

  /**
   * Takes pages from source from now on (another text is about to be
   * shown: a proposal, or main's draft again); saves noted so far are
   * forgotten, and an answer still on its way from the old source is
   * dropped unless it is of a text noted from now on.
   */
  use(source: PageSource): void {
    this.source = source;
    this.snaps = [];
  }

  /** The extension that follows the editor's changes; put it in the editor's extensions. */
  readonly extension: Extension = EditorView.updateListener.of((u) => {
    if (u.docChanged) {
      this.changedAt = Date.now();
      this.track(u.changes, u.startState.doc.length);
    }
  });

  /**
   * Notes the editor's document as it is now, about to be saved (as saved,
   * when given: it must be the editor's document); returns its id for
   * saved(), or 0 when the editor holds another text.
   */
  begin(saved?: Text): number {
    const v = this.opts.view();
    if (!v) return 0;
    const doc = v.state.doc;
    if (saved !== undefined && saved !== doc) return 0;
    const id = this.next++;
    this.snaps.push({ id, doc, changes: ChangeSet.empty(doc.length), saved: '' });
    if (this.snaps.length > MAX_SNAPSHOTS) this.snaps.shift();
    return id;
  }

  /** The document noted as id was saved at saved (the backend's time; any mark when matched by sum): ask for its pages soon. */
  saved(id: number, saved: string): void {
    const s = this.snaps.find((x) => x.id === id);
    if (!s) return;
    s.saved = saved;
    this.schedule();
  }

  /** Drops a noted document whose save failed. */
  cancel(id: number): void {
    this.snaps = this.snaps.filter((x) => x.id !== id);
  }

  /** Notes the document just loaded (saved at saved) and asks for its pages now. */
  loaded(saved: string): void {
    this.snaps = [];
    this.saved(this.begin(), saved);
    this.flushSoon(0);
  }

  /** Asks again for the pages of the last save (the layout changed: another paper). */
  refresh(): void {
    this.flushSoon(0);
  }

  /** Composes changes made to a document of length from into the noted documents. */
  track(changes: ChangeSet, from: number): void {
    // A document replaced outright (a new state) cannot be mapped to: forget those noted before.
    this.snaps = this.snaps.filter((s) => s.changes.newLength === from);
    for (const s of this.snaps) s.changes = s.changes.compose(changes);
  }

  /**
   * Puts pages computed from a saved draft into the editor, mapped through
   * what changed since that save; false when the feed did not note that
   * save (or the editor is gone).
   */
  apply(p: SavedPages): boolean {
    const v = this.opts.view();
    if (!v) return false;
    const i = this.find(p);
    if (i < 0) return false;
    const s = this.snaps[i];
    if (s.changes.newLength !== v.state.doc.length) return false;
    // Older saves will not be shown now that a newer one is.
    this.snaps = this.snaps.slice(i);
    const next = mapPages(pagesIn(s.doc, p), s.changes);
    // Typing mostly leaves the pages where the editor already has them:
    // then nothing is dispatched (a new set of page breaks would be drawn
    // and compared with the old over the whole script, in the gap between
    // two keys).
    if (!samePages(next, pagesOf(v.state))) v.dispatch({ effects: setPages.of(next) });
    return true;
  }

  /**
   * The noted save the pages are of, -1 for none. By stamp, a save not
   * noted is still found by its text's sum: a draft saved again with the
   * same text by something other than the editor (a shared script's draft
   * follows the room's head to the revision it already holds, with a new
   * stamp) has the pages of a noted text, and no save of the editor's
   * follows to bring fresher ones. By sum, the newest is tried first (it is
   * almost always the one).
   */
  private find(p: SavedPages): number {
    if (this.source.match === 'saved') {
      const i = this.snaps.findIndex((s) => s.saved !== '' && s.saved === p.saved);
      if (i >= 0) return i;
    }
    const want = p.sum;
    if (!want) return -1;
    for (let i = this.snaps.length - 1; i >= 0; i--) {
      const s = this.snaps[i];
      if (s.saved === '' || s.doc.length !== want.length) continue;
      const got = textSum(s.doc);
      if (got.hash === want.hash) return i;
    }
    return -1;
  }

  /**
   * Asks for the pages of the newest save once the text has been still for
   * the delay after it, so the layout is not computed while keys come; or,
   * while typing goes on, once the oldest save not asked about has waited
   * maxWaitMs. The timer is not moved at each key: when it fires during
   * typing it is set again.
   */
  private schedule() {
    const now = Date.now();
    this.savedAt = now;
    if (!this.waitingSince) this.waitingSince = now;
    this.plan(now);
  }

  /** When asking suits: the text still for the delay after the last save, or the longest wait over. */
  private due(): number {
    const delay = this.opts.delayMs ?? PAGES_DELAY_MS;
    const still = Math.max(this.savedAt, this.changedAt) + delay;
    return Math.min(still, this.waitingSince + (this.opts.maxWaitMs ?? PAGES_MAX_WAIT_MS));
  }

  private plan(now: number) {
    if (this.disposed) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      const t = Date.now();
      if (this.waitingSince && this.due() > t) return this.plan(t);
      void this.ask();
    }, Math.max(0, this.due() - now));
  }

  /** Asks after ms, whatever the typing (a text just loaded, another paper). */
  private flushSoon(ms: number) {
    if (this.disposed) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.ask(), ms);
  }

  /** Asks for the pages once at a time; a save during the wait asks again after. */
  private async ask() {
    if (this.asking) {
      this.again = true;
      return;
    }
    this.asking = true;
    this.waitingSince = 0;
    try {
      const p = await this.source.fetch();
      if (!this.disposed) this.apply(p);
    } catch (e) {
      this.opts.onerror?.(e);
    } finally {
      this.asking = false;
      if (this.again && !this.disposed) {
        this.again = false;
        this.schedule();
      }
    }
  }

  /** Stops asking. */
  dispose(): void {
    this.disposed = true;
    clearTimeout(this.timer);
    this.snaps = [];
  }
}
