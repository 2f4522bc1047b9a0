/** Messages shown to the writer: errors stay until dismissed, info fades. */
import { writable } from 'svelte/store';

export interface Notice {
  readonly id: number;
  readonly kind: 'error' | 'info';
  readonly text: string;
}

const INFO_MS = 5000;
let next = 1;

export const notices = writable<Notice[]>([]);

export function dismiss(id: number): void {
  notices.update((ns) => ns.filter((n) => n.id !== id));
}

export function info(text: string): void {
  const id = next++;
  notices.update((ns) => [...ns, { id, kind: 'info', text }]);
  setTimeout(() => dismiss(id), INFO_MS);
}

/** Shows an error. */
export function error(e: unknown): void {
  const text = e instanceof Error ? e.message : String(e);
  notices.update((ns) => [...ns.filter((n) => n.text !== text), { id: next++, kind: 'error', text }]);
}
