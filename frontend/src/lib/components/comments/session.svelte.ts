/**
 * The comments of the script open in the editor: its threads, the marks in
 * the editor's margin, the floating Comment button and the composer.
 *
 * Threads are anchored in saved revisions; the editor shows the draft. The
 * session keeps the head revision's text to place head lines on the draft
 * (marks, jumping to a thread) and to anchor a new comment: the selection is
 * taken in the draft and sent as the same lines of the head, which is only
 * possible when that text is unchanged since the head (see draftToHead).
 */
import type { EditorView, ViewUpdate } from '@codemirror/view';
import { comments, events, history, on, sync, type ThreadInfo } from '../../api';
import { t } from '../../i18n/en';
import { error } from '../../stores/notices';
import { draftToHead, headLinesInDraft, lineMarks, selectionAnchor, unreadCount, type Anchor } from './anchor';
import { setCommentMarks } from './markers';

/** The user event of selecting a thread's text (no Comment button then). */
const REVEAL = 'select.comment';

/** What the composer shows. */
export interface Composing {
  /** Where the comment goes, in the head revision's lines. */
  readonly anchor: Anchor | null;
  /** Revision id the anchor is in. */
  readonly revision: string;
  /** Why the comment cannot be made (nothing saved, text only in the draft). */
  readonly blocked: string;
  /** Something to know (unsaved changes). */
  readonly note: string;
  /** The selected text, for the preview. */
  readonly quote: string;
}

/** Where the floating Comment button goes, in px from the editor's top left. */
export interface ButtonSpot {
  readonly x: number;
  readonly y: number;
}

export class CommentSession {
  threads = $state<ThreadInfo[]>([]);
  composing = $state.raw<Composing | null>(null);
  /** The thread opened from a mark or a notice. */
  active = $state('');
  /** Threads that were unread when the panel last showed them. */
  fresh = $state(new Set<string>());
  spot = $state<ButtonSpot | null>(null);
  readonly unread = $derived(unreadCount(this.threads));

  #headId = '';
  #headText = '';
  /** The head asked for last, while its text loads. */
  #wantId = '';
  #off: (() => void) | undefined;
  #loading: Promise<void> | undefined;
  #headLoad: Promise<void> | undefined;
  /** The selection last commented on or revealed, "from:to". */
  #used = '';

  constructor(
    readonly scriptId: string,
    private readonly view: () => EditorView | undefined,
  ) {}

  /** Starts following review:changed; returns the stop function. */
  start(): () => void {
    this.#off = on(events.reviewChanged, (p) => {
      if (p.scriptId === this.scriptId) void this.load();
    });
    return () => this.dispose();
  }

  /** The head revision changed (opened, committed, arrived): re-anchor. */
  setHead(id: string): Promise<void> {
    if (id === this.#wantId && this.#headLoad) return this.#headLoad;
    this.#wantId = id;
    this.#headLoad = (async () => {
      let text = '';
      try {
        text = id ? (await history.view(this.scriptId, id)).text : '';
      } catch (e) {
        error(e);
        return;
      }
      // The id and its text change together: a comment composed meanwhile
      // is anchored in the head whose lines it was placed by.
      if (this.#wantId !== id) return;
      this.#headId = id;
      this.#headText = text;
      await this.load();
    })();
    return this.#headLoad;
  }

  /** Reloads the threads and the marks. */
  load(): Promise<void> {
    const run = async () => {
      try {
        // Anchored in the head whose text we hold, so lines match the marks.
        this.threads = await comments.list(this.scriptId, this.#headId);
        this.paint();
      } catch (e) {
        error(e);
      }
    };
    // One at a time, the newest last.
    this.#loading = (this.#loading ?? Promise.resolve()).then(run);
    return this.#loading;
  }

  /** Redraws the marks on the draft. */
  paint(): void {
    const v = this.view();
    if (!v) return;
    const draft = v.state.doc.toString();
    const toDraft = this.#headText ? headLinesInDraft(this.#headText, draft) : null;
    v.dispatch({ effects: setCommentMarks.of(lineMarks(this.threads, toDraft)) });
  }

  /** Places the floating button after a selection, or hides it. */
  track(u: ViewUpdate): void {
    const v = u.view;
    const sel = v.state.selection.main;
    // A thread's text, or a match that find selected: no button for it.
    if (u.transactions.some((tr) => tr.isUserEvent(REVEAL) || tr.isUserEvent('select.search') || tr.isUserEvent('input.replace'))) {
      this.#used = `${sel.from}:${sel.to}`;
    }
    if (this.#used === `${sel.from}:${sel.to}`) {
      // Commented on, or a thread's text: no button until the selection changes.
      this.spot = null;
      return;
    }
    if (sel.empty || !selectionAnchor(v.state.sliceDoc(sel.from, sel.to), 0, sel.to - sel.from)) {
      this.spot = null;
      return;
    }
    v.requestMeasure({
      read: () => {
        const c = v.coordsAtPos(sel.head) ?? v.coordsAtPos(sel.to);
        const box = v.dom.getBoundingClientRect();
        return c ? { x: Math.min(c.right - box.left + 8, box.width - 110), y: c.bottom - box.top + 4 } : null;
      },
      write: (spot) => {
        this.spot = spot && spot.y > 0 && spot.y < v.dom.clientHeight ? spot : null;
      },
    });
  }

  /** Opens the composer on the editor's selection; false when nothing is selected. */
  compose(): boolean {
    const v = this.view();
    if (!v) return false;
    const sel = v.state.selection.main;
    const draft = v.state.doc.toString();
    const a = selectionAnchor(draft, sel.from, sel.to);
    if (!a) return false;
    this.spot = null;
    this.#used = `${sel.from}:${sel.to}`;
    if (!this.#headId) {
      this.composing = { anchor: null, revision: '', blocked: t.commentNeedsRevision, note: '', quote: a.quote };
      return true;
    }
    const inHead = draftToHead(draft, this.#headText, a);
    const unsaved = draft !== this.#headText;
    const c: Composing = {
      anchor: inHead,
      revision: this.#headId,
      blocked: inHead ? '' : t.commentTextUnsaved,
      note: unsaved && inHead ? t.commentOnHead : '',
      quote: a.quote,
    };
    this.composing = c;
    void this.#checkShared(c);
    return true;
  }

  /** Comments live in a shared script's room: say so before the writer types. */
  async #checkShared(c: Composing): Promise<void> {
    try {
      const s = await sync.sharing(this.scriptId);
      const blocked = !s.shared ? t.commentNeedsShare : s.role === 'reader' ? t.commentReader : '';
      if (blocked && this.composing === c) this.composing = { ...c, anchor: null, blocked, note: '' };
    } catch {
      // AddComment will say what is wrong.
    }
  }

  /** Opens the composer on a place in a given revision (the compare view). */
  composeAt(revision: string, anchor: Anchor): void {
    const c = { anchor, revision, blocked: '', note: '', quote: anchor.quote };
    this.composing = c;
    void this.#checkShared(c);
  }

  /** Sends the composed comment; true when it was made. */
  async submit(body: string): Promise<boolean> {
    const c = this.composing;
    if (!c?.anchor || !body.trim()) return false;
    try {
      const th = await comments.add(this.scriptId, {
        revision: c.revision,
        proposal: '',
        startLine: c.anchor.startLine,
        endLine: c.anchor.endLine,
        quote: c.anchor.quote,
        body: body.trim(),
      });
      this.composing = null;
      this.active = th.id;
      await this.load();
      return true;
    } catch (e) {
      error(e);
      return false;
    }
  }

  /** Runs a thread action and reloads; the error is shown. */
  async act(fn: () => Promise<unknown>): Promise<boolean> {
    try {
      await fn();
      await this.load();
      return true;
    } catch (e) {
      error(e);
      return false;
    }
  }

  /** The panel showed the threads: remember the unread ones, and mark the script read. */
  async markRead(): Promise<void> {
    if (this.unread === 0) return;
    this.fresh = new Set([...this.fresh, ...this.threads.filter((x) => x.unread > 0).map((x) => x.id)]);
    try {
      await comments.markRead(this.scriptId);
    } catch (e) {
      error(e);
    }
    await this.load();
  }

  /** Selects a thread's text in the editor and scrolls to it. */
  reveal(id: string): void {
    this.active = id;
    const v = this.view();
    const th = this.threads.find((x) => x.id === id);
    if (!v || !th || th.outdated) return;
    const draft = v.state.doc.toString();
    const toDraft = this.#headText ? headLinesInDraft(this.#headText, draft) : null;
    const at = (l: number) => Math.max(1, Math.min(toDraft ? toDraft[Math.min(l, toDraft.length - 1)] : l, v.state.doc.lines));
    const first = v.state.doc.line(at(th.startLine));
    const last = v.state.doc.line(Math.max(first.number, at(th.endLine)));
    let from = first.from;
    let to = last.to;
    const i = th.quote ? v.state.sliceDoc(from, to).indexOf(th.quote) : -1;
    if (i >= 0) {
      from += i;
      to = from + th.quote.length;
    }
    v.dispatch({ selection: { anchor: from, head: to }, scrollIntoView: true, userEvent: REVEAL });
    this.spot = null;
  }

  /** Stops following review:changed (Wails' unsubscribe must run once only). */
  dispose(): void {
    const off = this.#off;
    this.#off = undefined;
    off?.();
  }
}
