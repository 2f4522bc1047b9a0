/**
 * Sync state for the whole window: the connection's status (sync:status)
 * and who is where in each shared script (presence:update). Components read
 * the stores; `startSync` subscribes once.
 */
import { writable, type Readable } from 'svelte/store';
import { events, on, sync, type PresenceUpdate, type SyncStatus } from '../../api';

const offline: SyncStatus = { state: 'offline', pending: 0, error: '', relay: '', hosting: false };

const statusStore = writable<SyncStatus>(offline);
const presenceStore = writable<ReadonlyMap<string, readonly PresenceUpdate[]>>(new Map());

/** The connection's status, kept up to date. */
export const syncStatus: Readable<SyncStatus> = statusStore;

/** Collaborators in each shared script, by script id. */
export const presence: Readable<ReadonlyMap<string, readonly PresenceUpdate[]>> = presenceStore;

let started = false;
let asked = 0;

/**
 * Asks the backend for its status now and shows the answer, unless a later
 * question was asked meanwhile. The backend computes a sync:status payload
 * on several goroutines, so one computed before the latest change can be
 * delivered after it; the answer to the question asked last is computed
 * after every event seen, so it is what stays on screen.
 */
function refresh(): void {
  const n = ++asked;
  sync
    .status()
    .then((s) => {
      if (n === asked) statusStore.set(s);
    })
    .catch(() => {});
}

/** Loads the status and subscribes to sync events; later calls do nothing. */
export function startSync(): void {
  if (started) return;
  started = true;
  refresh();
  on(events.syncStatus, (p) => {
    statusStore.set(p);
    refresh();
  });
  on(events.presenceUpdate, (p) => presenceStore.update((m) => applyPresence(m, p)));
}

/** Sets the status from a call's answer (SetRelayURL, Host). */
export function setSyncStatus(s: SyncStatus): void {
  statusStore.set(s);
  refresh();
}

/** Loads who is in a script now (after opening it). */
export async function loadPresence(scriptId: string): Promise<void> {
  const list = await sync.presence(scriptId);
  presenceStore.update((m) => new Map(m).set(scriptId, list));
}

/** Folds one presence update into the map; a gone user is removed. */
export function applyPresence(
  m: ReadonlyMap<string, readonly PresenceUpdate[]>,
  p: PresenceUpdate,
): ReadonlyMap<string, readonly PresenceUpdate[]> {
  const others = (m.get(p.scriptId) ?? []).filter((x) => x.who !== p.who);
  const next = new Map(m);
  next.set(p.scriptId, p.gone ? others : [...others, p]);
  return next;
}

/** Up to two initials of a display name. */
export function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  if (parts.length === 0) return '?';
  const first = [...parts[0]][0] ?? '';
  const last = parts.length > 1 ? ([...parts[parts.length - 1]][0] ?? '') : '';
  return (first + last).toUpperCase();
}

/** A stable colour for a user id (hue from a string hash). */
export function colorOf(who: string): string {
  let h = 0;
  for (let i = 0; i < who.length; i++) h = (h * 31 + who.charCodeAt(i)) >>> 0;
  return `hsl(${h % 360} 55% 45%)`;
}
