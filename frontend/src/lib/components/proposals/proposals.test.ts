import { describe, expect, it } from 'vitest';
import type { ConflictRegion, ProposalInfo } from '../../api';
import { changeSummaries, choose, editText, isLive, openCount, reconcile, toChoices, unresolved, upsertProposal } from './proposals';

function prop(name: string, created: string, status: ProposalInfo['status'] = 'open'): ProposalInfo {
  return {
    name, title: name, description: '', author: 'u', authorName: 'U', base: 'b', head: 'h', status,
    created, updated: created, scenes: [], mine: false, canDecide: true, outdated: false,
  };
}

function region(index: number, main: string, proposal: string): ConflictRegion {
  return { index, base: 'x\n', main, proposal, mainStart: 1, mainEnd: 1, proposalStart: 1, proposalEnd: 1 };
}

describe('upsertProposal', () => {
  // Adding: new proposals go first.
  it('adds newest first', () => {
    const l = upsertProposal([prop('a', '2026-01-01T10:00:00Z')], prop('b', '2026-01-02T10:00:00Z'));
    expect(l.map((p) => p.name)).toEqual(['b', 'a']);
  });
  // Replacing: same name, new fields, no duplicate.
  it('replaces by name', () => {
    const l0 = [prop('a', '2026-01-01T10:00:00Z'), prop('b', '2026-01-02T10:00:00Z')];
    const l = upsertProposal(l0, prop('a', '2026-01-01T10:00:00Z', 'merged'));
    expect(l.map((p) => [p.name, p.status])).toEqual([['b', 'open'], ['a', 'merged']]);
    expect(l0[0].status).toBe('open');
  });
});

describe('status', () => {
  it('counts open and needs-update as live', () => {
    expect(isLive('open')).toBe(true);
    expect(isLive('needs-update')).toBe(true);
    expect(isLive('merged')).toBe(false);
    const l = [prop('a', '2026-01-01T00:00:00Z'), prop('b', '2026-01-01T00:00:00Z', 'rejected'), prop('c', '2026-01-01T00:00:00Z', 'needs-update')];
    expect(openCount(l)).toBe(2);
  });
});

describe('conflict choices', () => {
  const regions = [region(0, 'MAIN A\n', 'PROP A\n'), region(1, 'MAIN B\n', 'PROP B\n')];

  // Choosing: each conflict needs one choice before merging.
  it('counts unresolved conflicts', () => {
    let p = choose(new Map(), regions[0], 'main');
    expect(unresolved(p, regions)).toBe(1);
    p = choose(p, regions[1], 'proposal');
    expect(unresolved(p, regions)).toBe(0);
    expect(toChoices(p, regions)).toEqual([
      { index: 0, take: 'main', text: '' },
      { index: 1, take: 'proposal', text: '' },
    ]);
  });

  // Editing: starts from both sides, keeps the edit across side switches back to edit.
  it('edits text', () => {
    let p = choose(new Map(), regions[1], 'edit');
    expect(p.get(1)?.text).toBe('MAIN B\nPROP B\n');
    p = editText(p, 1, 'MINE\n');
    p = choose(p, regions[1], 'edit');
    expect(toChoices(p, regions)).toEqual([{ index: 1, take: 'edit', text: 'MINE\n' }]);
    // editText on a side pick does nothing.
    const q = choose(p, regions[0], 'main');
    expect(editText(q, 0, 'zzz')).toBe(q);
    // Switching away from edit drops the text from the choice.
    expect(toChoices(choose(p, regions[1], 'main'), regions)).toEqual([{ index: 1, take: 'main', text: '' }]);
  });

  // Reconciling: a refreshed preview keeps picks whose conflict is unchanged.
  it('drops picks whose conflict changed or went away', () => {
    let p = choose(new Map(), regions[0], 'main');
    p = choose(p, regions[1], 'proposal');
    expect(reconcile(p, regions)).toBe(p);
    const moved = [region(0, 'MAIN A\n', 'PROP A typed more\n')];
    const r = reconcile(p, moved);
    expect([...r.keys()]).toEqual([]);
    const same = [regions[1]];
    expect([...reconcile(p, same).keys()]).toEqual([1]);
  });
});

describe('changeSummaries', () => {
  const row = (kind: string, leftLine: number, leftText: string, rightLine: number, rightText: string) =>
    ({ kind, leftLine, leftText, rightLine, rightText }) as never;
  it('lists each change with its proposal lines and first words, or the removed words', () => {
    const result = {
      edits: [],
      rows: [
        row('equal', 1, 'INT. PIER - NIGHT', 1, 'INT. PIER - NIGHT'),
        row('change', 3, 'Waves slap the posts.', 3, 'Rain hammers the posts.'),
        row('equal', 4, '', 4, ''),
        row('delete', 5, 'MARA', 0, ''),
        row('delete', 6, 'We wait.', 0, ''),
      ],
      changes: [
        { firstRow: 1, lastRow: 1, leftStart: 3, leftEnd: 3, rightStart: 3, rightEnd: 3 },
        { firstRow: 3, lastRow: 4, leftStart: 5, leftEnd: 6, rightStart: 5, rightEnd: 4 },
      ],
      stats: { equal: 2, inserted: 0, deleted: 2, changed: 1 },
      degraded: false,
    } as never;
    expect(changeSummaries(result)).toEqual([
      { index: 0, start: 3, end: 3, text: 'Rain hammers the posts.' },
      { index: 1, start: 5, end: 6, text: 'MARA' },
    ]);
    expect(changeSummaries(null)).toEqual([]);
  });
});
