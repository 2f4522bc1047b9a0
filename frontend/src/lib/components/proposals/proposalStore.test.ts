import { describe, expect, it, vi } from 'vitest';
import { get } from 'svelte/store';
import type { ProposalInfo, ReviewChanged } from '../../api';

// A fake backend: each Proposals call waits until the test releases it.
const calls: { id: string; release: (l: ProposalInfo[]) => void }[] = [];
let changed: ((p: ReviewChanged) => void) | undefined;
vi.mock('../../api', () => ({
  review: {
    proposals: (id: string) => new Promise<ProposalInfo[]>((release) => calls.push({ id, release })),
  },
  events: { reviewChanged: 'review:changed' },
  on: (name: string, fn: (p: ReviewChanged) => void) => {
    if (name !== 'review:changed') throw new Error(`subscribed to ${name}`);
    changed = fn;
    return () => (changed = undefined);
  },
}));

import { proposals, putProposal, refreshProposals, watchProposals } from './proposalStore';

function prop(name: string, status: ProposalInfo['status'] = 'open'): ProposalInfo {
  return {
    name, title: name, description: '', author: 'u', authorName: 'U', base: 'b', head: 'h', status,
    created: '2026-01-01T00:00:00Z', updated: '2026-01-01T00:00:00Z', scenes: [], mine: false, canDecide: true, outdated: false,
  };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('proposalStore', () => {
  // Coalescing: changes during a refresh make exactly one more refresh.
  it('never overlaps refreshes of a script', async () => {
    const done = refreshProposals('s1');
    void refreshProposals('s1');
    void refreshProposals('s1');
    expect(calls.length).toBe(1);
    calls[0].release([prop('a')]);
    await tick();
    expect(calls.length).toBe(2);
    calls[1].release([prop('a', 'merged'), prop('b')]);
    await done;
    expect(calls.length).toBe(2);
    expect(get(proposals).get('s1')?.map((p) => [p.name, p.status])).toEqual([['a', 'merged'], ['b', 'open']]);
    calls.length = 0;
  });

  // Watching: only review:changed for the watched script refreshes it.
  it('refreshes on review:changed for its script', async () => {
    const stop = watchProposals('s2');
    expect(calls.map((c) => c.id)).toEqual(['s2']);
    calls[0].release([]);
    await tick();
    changed?.({ scriptId: 'other' });
    expect(calls.length).toBe(1);
    changed?.({ scriptId: 's2' });
    expect(calls.length).toBe(2);
    calls[1].release([prop('x')]);
    await tick();
    expect(get(proposals).get('s2')?.map((p) => p.name)).toEqual(['x']);
    stop();
    expect(changed).toBeUndefined();
    calls.length = 0;
  });

  // Putting: a call's answer replaces the proposal in place.
  it('puts a proposal a call returned', () => {
    putProposal('s3', prop('a'));
    putProposal('s3', prop('a', 'withdrawn'));
    expect(get(proposals).get('s3')?.map((p) => p.status)).toEqual(['withdrawn']);
  });
});
