import { describe, expect, it } from 'vitest';
import { get } from 'svelte/store';
import type { NoticeInfo } from '../../api/types';
import { pendingFocus, takeFocus, targetOf } from './focus';

const notice = (over: Partial<NoticeInfo>): NoticeInfo => ({
  kind: 'comment', scriptId: 's1', scriptTitle: 'T', byName: 'Ann', at: '2026-01-01T00:00:00Z', text: 'x', unread: true, ...over,
});

describe('targetOf', () => {
  it('points a comment notice at its thread', () => {
    expect(targetOf(notice({ thread: 'th1', proposal: 'p' }))).toEqual({ scriptId: 's1', thread: 'th1', proposal: undefined });
  });
  it('points a proposal notice at its proposal', () => {
    expect(targetOf(notice({ kind: 'proposal-opened', proposal: 'ben/pier' }))).toEqual({ scriptId: 's1', thread: undefined, proposal: 'ben/pier' });
  });
});

describe('takeFocus', () => {
  it('gives the target once, and only to its script', () => {
    pendingFocus.set({ scriptId: 's1', thread: 'th1' });
    expect(takeFocus('s2', 'thread')).toBeNull();
    expect(takeFocus('s1', 'thread')).toEqual({ scriptId: 's1', thread: 'th1' });
    expect(takeFocus('s1', 'thread')).toBeNull();
    expect(get(pendingFocus)).toBeNull();
  });
  it('leaves a proposal for the proposals panel', () => {
    pendingFocus.set({ scriptId: 's1', proposal: 'ben/pier' });
    expect(takeFocus('s1', 'thread')).toBeNull();
    expect(takeFocus('s1', 'proposal')).toEqual({ scriptId: 's1', proposal: 'ben/pier' });
    expect(get(pendingFocus)).toBeNull();
  });
});
