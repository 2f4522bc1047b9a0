import { describe, expect, it, vi } from 'vitest';

vi.mock('../../api', () => ({ events: {}, on: () => () => {}, sync: {} }));

import { applyPresence, colorOf, initials } from './syncStore';
import type { PresenceUpdate } from '../../api';

const p = (who: string, over: Partial<PresenceUpdate> = {}): PresenceUpdate => ({
  who, name: 'Ann Lee', scriptId: 's1', scene: 'INT. ROOM', typing: false, gone: false, ...over,
});

describe('applyPresence', () => {
  it('adds, moves and removes a collaborator', () => {
    let m: ReadonlyMap<string, readonly PresenceUpdate[]> = new Map();
    m = applyPresence(m, p('a'));
    m = applyPresence(m, p('b', { name: 'Bob' }));
    m = applyPresence(m, p('a', { scene: 'EXT. SEA', typing: true }));
    expect(m.get('s1')?.map((x) => [x.who, x.scene, x.typing])).toEqual([
      ['b', 'INT. ROOM', false],
      ['a', 'EXT. SEA', true],
    ]);
    m = applyPresence(m, p('b', { gone: true }));
    expect(m.get('s1')?.map((x) => x.who)).toEqual(['a']);
  });
});

describe('initials', () => {
  it.each([
    ['Ann Lee', 'AL'],
    ['  bob ', 'B'],
    ['Jean-Luc de la Mer', 'JM'],
    ['', '?'],
    ['élodie durand', 'ÉD'],
  ])('%s → %s', (name, want) => expect(initials(name)).toBe(want));
});

describe('colorOf', () => {
  it('is stable per user and differs between users', () => {
    expect(colorOf('abc')).toBe(colorOf('abc'));
    expect(colorOf('abc')).not.toBe(colorOf('abd'));
  });
});
