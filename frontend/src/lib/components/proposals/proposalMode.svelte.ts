/**
 * Proposal mode: the editor edits a proposal (a branch) instead of main.
 * Entering and leaving it, saving its text (a revision sent to the room at
 * most once a second), withdrawing it, and updating it from main (by hand,
 * or by itself when main moves and the update applies cleanly).
 *
 * Construct it while a component initialises: it watches the proposal with
 * $effect.
 */
import { untrack } from 'svelte';
import { fromStore } from 'svelte/store';
import { review, type ProposalDoc, type ProposalInfo } from '../../api';
import { ChangeSaver } from '../../stores/change-saver';
import { proposalChannel } from '../../stores/save-channels';
import { error, info } from '../../stores/notices';
import { t } from '../../i18n/en';
import type { EditorController } from '../editor/controller.svelte';
import { proposals, putProposal } from './proposalStore';
import { isLive } from './proposals';

/** What proposal mode asks of the screen when it switches the editor. */
export interface ProposalModeHooks {
  /** Closes the preview, compare and review views (entering a proposal). */
  readonly leaveViews: () => void;
  /** Closes the review view (leaving proposal mode). */
  readonly leaveReview: () => void;
}

export class ProposalMode {
  /** The proposal as it was entered; null on main. */
  start = $state<ProposalInfo | null>(null);
  /** Withdrawing or updating. */
  busy = $state(false);
  /** Being updated from main (no typing on the old base meanwhile). */
  updating = $state(false);
  readonly #all = fromStore(proposals);
  /** The proposal being edited, kept up to date from the proposals store. */
  readonly proposal = $derived.by(() => {
    const s = this.start;
    if (!s) return null;
    return (this.#all.current.get(this.#ed.scriptId) ?? []).find((x) => x.name === s.name) ?? s;
  });
  /** The head revision the editor's text stands on: the proposal's newest. */
  readonly head = $derived(this.start ? (this.proposal?.head ?? this.start.head) : '');
  /** The proposal's title for the status bar, '' on main. */
  readonly title = $derived(this.start ? (this.proposal?.title ?? this.start.title) : '');
  /** A decided proposal, or one being updated, takes no typing. */
  readonly readOnly = $derived((!!this.proposal && !isLive(this.proposal.status)) || this.updating);

  readonly #ed: EditorController;
  readonly #hooks: ProposalModeHooks;
  #autoUpdateTried = '';

  /** Autosave in proposal mode: each save is a revision sent to the room, so at most one a second. */
  readonly saver: ChangeSaver<ProposalInfo>;

  constructor(ed: EditorController, hooks: ProposalModeHooks) {
    this.#ed = ed;
    this.#hooks = hooks;
    // The text each save sends, noted so its pages (matched by the text's sum) land where it is now.
    let snap = 0;
    this.saver = new ChangeSaver({
      idleMs: 1000,
      maxWaitMs: 1000,
      // The changes since the last save go to the app (stores/draft-sync.ts), never the whole script in one call.
      channel: proposalChannel(ed.scriptId, () => this.start?.name ?? ''),
      // A decided proposal takes no more text (the editor is read-only then).
      skip: () => !this.start || (!!this.proposal && !isLive(this.proposal.status)),
      saving: (doc) => (snap = ed.paging.begin(doc)),
      saved: (p) => {
        putProposal(ed.scriptId, p);
        ed.paging.saved(snap, p.head);
      },
      onState: (s, e) => ed.setSaveState(s, e),
    });
    $effect(() => {
      const ro = this.readOnly;
      untrack(() => ed.setReadOnly(ro));
    });
    // A proposal of mine whose base main has left is updated as soon as main
    // moves, when that applies cleanly; otherwise the backend marks it "needs
    // update" and the banner says so. Tried once per head and base.
    $effect(() => {
      const p = this.proposal;
      if (!p || !this.start || !p.mine || p.status !== 'open' || !p.outdated || this.busy) return;
      const key = `${p.name}|${p.head}|${p.base}`;
      if (key === this.#autoUpdateTried) return;
      this.#autoUpdateTried = key;
      untrack(() => void this.#autoUpdate(p));
    });
  }

  /** Saves what is pending. */
  flush(): Promise<void> {
    return this.saver.flush();
  }

  /** Switches the editor to a proposal. */
  async enter(doc: ProposalDoc): Promise<void> {
    await this.#ed.saver.flush();
    await this.saver.flush();
    this.#hooks.leaveViews();
    putProposal(this.#ed.scriptId, doc.proposal);
    this.start = doc.proposal;
    this.#ed.route(this.saver);
    this.#ed.paging.showProposal(doc.proposal.name);
    this.#ed.setDoc(doc.text);
    this.#ed.paging.loaded(doc.proposal.head);
    this.#ed.setSaveState('saved');
  }

  /** Opens a proposal in the editor. */
  async edit(p: ProposalInfo): Promise<void> {
    try {
      await this.enter(await review.openProposal(this.#ed.scriptId, p.name));
    } catch (e) {
      error(e);
    }
  }

  /** Leaves proposal mode: the editor shows main's draft again. */
  async back(): Promise<void> {
    await this.saver.flush();
    this.start = null;
    this.#hooks.leaveReview();
    this.#ed.route(this.#ed.saver);
    this.#ed.paging.showDraft();
    await this.#ed.reload(true);
    await this.#ed.loadHistory();
  }

  async withdraw(): Promise<void> {
    const p = this.proposal;
    if (!p || !confirm(t.confirmWithdraw(p.title))) return;
    this.busy = true;
    try {
      await this.saver.flush();
      putProposal(this.#ed.scriptId, await review.withdraw(this.#ed.scriptId, p.name));
      info(t.withdrawn(p.title));
      await this.back();
    } catch (e) {
      error(e);
    } finally {
      this.busy = false;
    }
  }

  /** Brings the proposal up to date with main (the banner's Update). */
  async update(): Promise<void> {
    const p = this.proposal;
    if (!p) return;
    this.busy = true;
    try {
      await this.saver.flush();
      putProposal(this.#ed.scriptId, await review.update(this.#ed.scriptId, p.name));
      const doc = await review.openProposal(this.#ed.scriptId, p.name);
      if (this.start?.name === p.name) {
        this.#ed.setDoc(doc.text);
        this.#ed.paging.loaded(doc.proposal.head);
      }
      info(t.updated(p.title));
    } catch (e) {
      error(e);
    } finally {
      this.busy = false;
    }
  }

  async #autoUpdate(p: ProposalInfo): Promise<void> {
    this.updating = true;
    try {
      await this.saver.flush();
      if (this.start?.name !== p.name) return;
      try {
        putProposal(this.#ed.scriptId, await review.update(this.#ed.scriptId, p.name));
      } catch {
        // Overlapping changes: the proposal is now "needs update" (the
        // store refreshes on review:changed); nothing in the editor changes.
        return;
      }
      const doc = await review.openProposal(this.#ed.scriptId, p.name);
      if (!this.#ed.view || this.start?.name !== p.name) return;
      this.#ed.replaceText(doc.text);
      this.saver.reset(this.#ed.view.state.doc); // the proposal's head is this text already
      this.#ed.paging.loaded(doc.proposal.head);
      info(t.autoUpdated(p.title));
    } catch (e) {
      error(e);
    } finally {
      this.updating = false;
    }
  }

  dispose(): void {
    void this.saver.flush().finally(() => this.saver.dispose());
  }
}
