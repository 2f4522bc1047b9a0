/**
 * Connects the parts of the editor's screen for one open script: the draft
 * (EditorController), proposal mode, the views that replace the draft
 * (EditorViews), comments, presence, and the side panels; and what arrives
 * from outside (revisions from the relay, the window closing).
 *
 * Construct it while a component initialises (the parts use $effect); call
 * start() on mount and dispose() on destroy.
 */
import { untrack } from 'svelte';
import type { EditorView } from '@codemirror/view';
import { events, lifecycle, on, sync } from '../../api';
import { t } from '../../i18n/en';
import { EditorController } from './controller.svelte';
import { EditorViews } from './views.svelte';
import { TypingPresence } from './presence';
import type { SideTab } from './sideTabs';
import { ProposalMode } from '../proposals/proposalMode.svelte';
import { watchProposals } from '../proposals/proposalStore';
import { CommentSession } from '../comments/session.svelte';
import { commentMarkers } from '../comments/markers';
import { takeFocus } from '../inbox/focus';
import { loadPresence } from '../sync/syncStore';
import { EditorFeed } from '../../editor';

/** Which panels beside the page show. */
export class Panels {
  scenes = $state(true);
  side = $state(true);
  tab = $state<SideTab>('history');

  /** Shows the side panel on a tab. */
  show(tab: SideTab): void {
    this.side = true;
    this.tab = tab;
  }
}

export class EditorSession {
  readonly scriptId: string;
  readonly panels = new Panels();
  readonly ed: EditorController;
  readonly views: EditorViews;
  readonly mode: ProposalMode;
  readonly notes: CommentSession;
  /** The draft's editor, for the outline. */
  readonly feed = new EditorFeed();
  readonly #typing: TypingPresence;

  constructor(scriptId: string, hooks: { readonly ontitle: (title: string) => void; readonly onSaveShortcut: () => void }) {
    this.scriptId = scriptId;
    this.notes = new CommentSession(scriptId, () => this.ed.view);
    this.#typing = new TypingPresence(
      (scene, typing) => void sync.setPresence(scriptId, scene, typing).catch(() => {}),
      () => this.ed.scenes[this.ed.currentScene]?.heading ?? '',
    );
    this.ed = new EditorController(scriptId, {
      ontitle: hooks.ontitle,
      onSaveShortcut: hooks.onSaveShortcut,
      onUpdate: (u) => {
        if (u.selectionSet || u.docChanged || u.viewportChanged || u.geometryChanged) this.notes.track(u);
      },
      onTyped: () => this.#typing.typed(),
      extra: () => [
        commentMarkers({ onopen: (ids) => this.openThread(ids[0]), oncompose: () => this.startComment(), title: t.commentMarkTitle }),
        this.feed.extension,
      ],
      onNewDoc: () => this.notes.paint(),
    });
    this.views = new EditorViews(this.ed, () => this.mode);
    this.mode = new ProposalMode(this.ed, { leaveViews: () => this.views.leave(), leaveReview: () => (this.views.reviewing = null) });
    // Comments anchor in the revision the editor shows: main's head, or the proposal's newest.
    $effect(() => {
      const h = this.mode.start ? this.mode.head : this.ed.head;
      untrack(() => void this.notes.setHead(h));
    });
    // Presence: the scene the writer is on.
    $effect(() => {
      void this.ed.currentScene;
      untrack(() => this.#typing.moved());
    });
  }

  /** Opens the composer for the selection; false when there is nothing to comment on. */
  startComment(): boolean {
    if (!this.notes.compose()) return false;
    this.panels.show('comments');
    return true;
  }

  openThread(thread: string): void {
    this.panels.show('comments');
    this.notes.reveal(thread);
  }

  /** Goes to a 0-based line in the text shown (the draft, or the revision previewed in `preview`). */
  async jump(line: number, preview: () => EditorView | undefined): Promise<void> {
    await this.views.leaveCompare();
    this.ed.jump(line, this.views.viewing ? preview() : this.ed.view);
  }

  /** Saves what is pending, on main and in a proposal. */
  async flush(): Promise<void> {
    await this.ed.saver.flush();
    await this.mode.flush();
  }

  /** Loads the script into the editor in `host` and listens for changes from outside; returns the cleanup. */
  start(host: HTMLElement): () => void {
    const id = this.scriptId;
    this.ed.mount(host);
    void (async () => {
      if (!(await this.ed.reload(false))) return;
      await this.ed.loadHistory();
      const f = takeFocus(id, 'thread');
      if (f?.thread) {
        await this.notes.setHead(this.ed.head);
        this.openThread(f.thread);
      }
    })();
    loadPresence(id).catch(() => {});
    const offs = [
      watchProposals(id),
      this.notes.start(),
      // A revision arrived from the relay: the text follows when nothing is unsaved and main shows.
      on(events.historyChanged, (p) => void (p.scriptId === id && this.ed.remoteChange(!this.views.away && !this.mode.start))),
      on(events.beforeClose, () => void this.flush().finally(() => lifecycle.quit())),
      // The writer gave their name: their revisions show it.
      on(events.profileChanged, () => void this.ed.loadHistory()),
    ];
    return () => offs.forEach((off) => off());
  }

  dispose(): void {
    this.notes.dispose();
    this.#typing.dispose();
    this.mode.dispose();
    this.ed.dispose();
  }
}
