/**
 * What the middle of the editor shows instead of the draft: a past revision
 * (preview, restore), a comparison, the review of a proposal, or the outline
 * of the draft (index cards). At most one at a time; opening one closes the
 * others.
 */
import { tick } from 'svelte';
import { DRAFT, history as historyApi, type ProposalInfo, type RevisionInfo } from '../../api';
import { error } from '../../stores/notices';
import type { EditorController } from './controller.svelte';
import type { ProposalMode } from '../proposals/proposalMode.svelte';

/** Two sides of a comparison: revision ids, or DRAFT. */
export interface Comparison {
  readonly left: string;
  readonly right: string;
}

/** The revisions the Compare button compares: the newest against the draft, or the newest two when the draft is committed. */
export function defaultComparison(revisions: readonly RevisionInfo[], committed: boolean): Comparison | null {
  if (revisions.length === 0) return null;
  if (committed && revisions.length > 1) return { left: revisions[1].id, right: revisions[0].id };
  return { left: revisions[0].id, right: DRAFT };
}

/** The first parent of a revision, if it is in the list and has one. */
export function previousOf(revisions: readonly RevisionInfo[], id: string): string | undefined {
  return revisions.find((x) => x.id === id)?.parents?.[0];
}

export class EditorViews {
  /** The past revision shown, with its text. */
  viewing = $state.raw<{ readonly info: RevisionInfo; readonly text: string } | null>(null);
  comparing = $state.raw<Comparison | null>(null);
  /** The name of the proposal under review. */
  reviewing = $state<string | null>(null);
  /** The draft is hidden behind one of the views. */
  readonly away = $derived(!!this.viewing || !!this.comparing || !!this.reviewing);
  /** The outline of the draft shows; it edits the draft, so the draft is not away. */
  outline = $state(false);

  readonly #ed: EditorController;
  readonly #mode: () => ProposalMode;
  /**
   * Bumped by every action that changes what is shown: an action that waits
   * (a revision's text, a save) gives up when a newer one came meanwhile, so
   * the newest action wins, whatever order the answers arrive in.
   */
  #action = 0;

  constructor(ed: EditorController, mode: () => ProposalMode) {
    this.#ed = ed;
    this.#mode = mode;
  }

  /** Closes every view (entering a proposal). */
  leave(): void {
    this.#action++;
    this.closePreview();
    this.comparing = null;
    this.reviewing = null;
    this.outline = false;
  }

  /** Shows the outline in place of the page, or the page again. */
  toggleOutline(): void {
    this.#action++;
    if (this.outline) return this.closeOutline();
    this.viewing = null;
    this.comparing = null;
    this.reviewing = null;
    this.outline = true;
  }

  closeOutline(): void {
    this.#action++;
    this.outline = false;
    this.#ed.focus();
  }

  /** Shows a past revision. */
  async select(rev: RevisionInfo): Promise<void> {
    const n = ++this.#action;
    this.comparing = null;
    this.outline = false;
    try {
      const rv = await historyApi.view(this.#ed.scriptId, rev.id);
      if (n !== this.#action) return;
      this.viewing = { info: rv.info, text: rv.text };
    } catch (e) {
      if (n === this.#action) error(e);
    }
  }

  closePreview(): void {
    this.#action++;
    this.viewing = null;
    this.#ed.focus();
  }

  /** Makes the revision shown the draft on main (leaving proposal mode first). */
  async restore(): Promise<void> {
    const v = this.viewing;
    if (!v) return;
    if (this.#mode().start) await this.#mode().back();
    if (await this.#ed.restore(v.info)) this.closePreview();
  }

  /** Opens the compare view; by default the newest revision against the draft. */
  async openCompare(left?: string, right?: string): Promise<void> {
    const n = ++this.#action;
    await this.#ed.saver.flush();
    if (n !== this.#action) return;
    const c = left ? { left, right: right ?? DRAFT } : defaultComparison(this.#ed.revisions, this.#ed.committed);
    if (!c) return;
    this.closePreview();
    this.outline = false;
    this.comparing = c;
  }

  closeCompare(): void {
    this.#action++;
    this.comparing = null;
    this.#ed.focus();
  }

  async openReview(p: ProposalInfo): Promise<void> {
    const n = ++this.#action;
    await this.#ed.saver.flush();
    await this.#mode().flush();
    if (n !== this.#action) return;
    this.closePreview();
    this.comparing = null;
    this.outline = false;
    this.reviewing = p.name;
  }

  closeReview(): void {
    this.#action++;
    this.reviewing = null;
    this.#ed.focus();
  }

  /** A merge from the review view made a new revision on main. */
  async merged(): Promise<void> {
    await this.#ed.loadHistory();
    if (this.#mode().start) return;
    await this.#ed.reload(true);
  }

  /** The scene list stays beside a comparison and the outline: a scene picked there opens in the script. */
  async leaveCompare(): Promise<void> {
    if (!this.comparing && !this.outline) return;
    this.#action++;
    this.comparing = null;
    this.outline = false;
    await tick();
  }
}
