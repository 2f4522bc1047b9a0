import { expect, it, vi } from 'vitest';
import { get } from 'svelte/store';
import type { SyncStatus } from '../../api';

// The backend as the store sees it: events it emitted, and sync.status()
// questions whose answers the test releases in any order.
const backend = vi.hoisted(() => ({
  handlers: new Map<string, (p: unknown) => void>(),
  questions: [] as Array<(s: SyncStatus) => void>,
}));
vi.mock('../../api', () => ({
  events: { syncStatus: 'sync:status', presenceUpdate: 'presence:update' },
  on: (name: string, fn: (p: unknown) => void) => {
    backend.handlers.set(name, fn);
    return () => {};
  },
  sync: { status: () => new Promise<SyncStatus>((res) => backend.questions.push(res)) },
}));

import { setSyncStatus, startSync, syncStatus } from './syncStore';

const st = (state: SyncStatus['state'], pending = 0): SyncStatus => ({ state, pending, error: '', relay: 'ws://127.0.0.1:1/ws', hosting: true });
const emit = (s: SyncStatus) => backend.handlers.get('sync:status')!(s);

it('a status computed before the last change but delivered after it does not stay on screen', async () => {
  startSync();
  backend.questions.shift()!(st('connecting'));
  emit(st('online'));
  emit(st('syncing', 1)); // computed earlier on another goroutine, delivered last
  expect(get(syncStatus).state).toBe('syncing');
  // The answers come back out of order: only the last question's counts.
  const [first, second, third] = backend.questions.splice(0);
  expect(third).toBeUndefined();
  second(st('online'));
  first(st('syncing', 1));
  await vi.waitFor(() => expect(get(syncStatus).state).toBe('online'));
  await Promise.resolve();
  expect(get(syncStatus).state).toBe('online');
});

it("a call's answer (Host, SetRelayURL) is checked against the backend too", async () => {
  setSyncStatus(st('connecting'));
  expect(get(syncStatus).state).toBe('connecting');
  backend.questions.shift()!(st('online'));
  await vi.waitFor(() => expect(get(syncStatus).state).toBe('online'));
});
