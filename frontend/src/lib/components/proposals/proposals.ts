/**
 * Pure logic of the proposals UI: keeping a script's list of proposals up to
 * date, and the choices a reviewer makes for each conflict before merging.
 */
import type { ConflictChoice, ConflictRegion, DiffResult, ProposalInfo, ProposalStatus } from '../../api';

/** Replaces the proposal with the same name, or adds it; newest first. */
export function upsertProposal(list: readonly ProposalInfo[], p: ProposalInfo): ProposalInfo[] {
  const next = list.filter((x) => x.name !== p.name);
  next.push(p);
  return sortNewestFirst(next);
}

/** Sorts by creation time, newest first (ties by name, for a stable order). */
export function sortNewestFirst(list: ProposalInfo[]): ProposalInfo[] {
  return list.sort((a, b) => Date.parse(b.created) - Date.parse(a.created) || a.name.localeCompare(b.name));
}

/** The proposal can still be edited or decided. */
export function isLive(status: ProposalStatus): boolean {
  return status === 'open' || status === 'needs-update';
}

/** Open (undecided) proposals in a list. */
export function openCount(list: readonly ProposalInfo[]): number {
  return list.filter((p) => isLive(p.status)).length;
}

export type Take = ConflictChoice['take'];

/** A reviewer's choice for one conflict, with the region's text it was made for. */
export interface Pick {
  readonly take: Take;
  /** The edited text, when take is 'edit'. */
  readonly text: string;
  readonly main: string;
  readonly proposal: string;
}

/** Choices by conflict index. */
export type Picks = ReadonlyMap<number, Pick>;

/** Chooses a side for a conflict; 'edit' starts from the text edited before, else from both sides. */
export function choose(picks: Picks, region: ConflictRegion, take: Take): Picks {
  const prev = picks.get(region.index);
  const text = take === 'edit' ? (prev?.take === 'edit' ? prev.text : region.main + region.proposal) : '';
  return new Map(picks).set(region.index, { take, text, main: region.main, proposal: region.proposal });
}

/** Sets the edited text of a conflict being edited; other picks are left alone. */
export function editText(picks: Picks, index: number, text: string): Picks {
  const prev = picks.get(index);
  if (!prev || prev.take !== 'edit') return picks;
  return new Map(picks).set(index, { ...prev, text });
}

/**
 * Keeps the picks that still apply after the conflicts were computed again
 * (the proposal or main moved): a pick is dropped when its conflict is gone
 * or its text on either side changed.
 */
export function reconcile(picks: Picks, regions: readonly ConflictRegion[]): Picks {
  const next = new Map<number, Pick>();
  for (const r of regions) {
    const p = picks.get(r.index);
    if (p && p.main === r.main && p.proposal === r.proposal) next.set(r.index, p);
  }
  return next.size === picks.size ? picks : next;
}

/** How many conflicts have no choice yet. */
export function unresolved(picks: Picks, regions: readonly ConflictRegion[]): number {
  return regions.filter((r) => !picks.has(r.index)).length;
}

/** The choices Merge takes, in conflict order; only for conflicts that have one. */
export function toChoices(picks: Picks, regions: readonly ConflictRegion[]): ConflictChoice[] {
  const out: ConflictChoice[] = [];
  for (const r of regions) {
    const p = picks.get(r.index);
    if (p) out.push({ index: r.index, take: p.take, text: p.take === 'edit' ? p.text : '' });
  }
  return out;
}

/** One change of a proposal against its base, as the review lists it to accept alone. */
export interface ChangeSummary {
  /** Index into the comparison's changes: what AcceptChanges takes. */
  readonly index: number;
  /** The proposal's lines it covers (1-based; the base's when it only removes). */
  readonly start: number;
  readonly end: number;
  /** Its first changed line's text in the proposal (or the removed text). */
  readonly text: string;
}

/** The changes of a base → proposal comparison, with a line of text each. */
export function changeSummaries(result: DiffResult | null | undefined): ChangeSummary[] {
  if (!result) return [];
  return (result.changes ?? []).map((c, index) => {
    const rows = (result.rows ?? []).slice(c.firstRow, c.lastRow + 1);
    const added = c.rightEnd >= c.rightStart;
    const row = rows.find((r) => (added ? r.rightText : r.leftText).trim() !== '');
    const text = row ? (added ? row.rightText : row.leftText).trim() : '';
    return { index, start: added ? c.rightStart : c.leftStart, end: added ? c.rightEnd : c.leftEnd, text };
  });
}
