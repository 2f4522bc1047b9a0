/**
 * The proposals of each open script, kept up to date from review:changed so
 * every view (the panel, the editor's banner) shows the same list without a
 * reload. Refreshes of one script never overlap: a change during a refresh
 * makes one more refresh after it.
 */
import { writable, type Readable } from 'svelte/store';
import { events, on, review, type ProposalInfo } from '../../api';
import { upsertProposal } from './proposals';

const store = writable<ReadonlyMap<string, readonly ProposalInfo[]>>(new Map());

/** Proposals by script id, newest first. */
export const proposals: Readable<ReadonlyMap<string, readonly ProposalInfo[]>> = store;

const running = new Map<string, Promise<void>>();
const again = new Set<string>();

/** Loads a script's proposals again. */
export function refreshProposals(scriptId: string): Promise<void> {
  const cur = running.get(scriptId);
  if (cur) {
    again.add(scriptId);
    return cur;
  }
  const p = (async () => {
    try {
      do {
        again.delete(scriptId);
        const list = await review.proposals(scriptId);
        store.update((m) => new Map(m).set(scriptId, list));
      } while (again.has(scriptId));
    } finally {
      running.delete(scriptId);
    }
  })();
  running.set(scriptId, p);
  return p;
}

/** Puts a proposal a call returned into the list. */
export function putProposal(scriptId: string, p: ProposalInfo): void {
  store.update((m) => new Map(m).set(scriptId, upsertProposal(m.get(scriptId) ?? [], p)));
}

/** Loads a script's proposals and refreshes them on review:changed; returns the stop function. */
export function watchProposals(scriptId: string, onerror: (e: unknown) => void = () => {}): () => void {
  refreshProposals(scriptId).catch(onerror);
  return on(events.reviewChanged, (p) => {
    if (p.scriptId === scriptId) refreshProposals(scriptId).catch(onerror);
  });
}
