/**
 * How the writer likes the editor to look, kept in this window's storage:
 * whether the margins show scene numbers (on by default, as Final Draft's
 * page view), and the paper the pages are laid out on (US Letter unless
 * chosen; the export offers the same paper first).
 */
import { writable, type Writable } from 'svelte/store';
import type { Paper } from '../api';

function stored<T extends string | boolean>(key: string, fallback: T, valid: (v: string) => T | undefined): Writable<T> {
  let initial = fallback;
  try {
    const v = globalThis.localStorage?.getItem(key);
    const parsed = v === null || v === undefined ? undefined : valid(v);
    if (parsed !== undefined) initial = parsed;
  } catch {
    // No storage (a test, a locked-down profile): the default stands.
  }
  const s = writable(initial);
  s.subscribe((v) => {
    try {
      globalThis.localStorage?.setItem(key, String(v));
    } catch {
      // Not kept for next time; the setting still applies now.
    }
  });
  return s;
}

/** Whether the editor's margins show scene numbers beside the headings. */
export const sceneNumbersShown = stored<boolean>('scriptroom.view.sceneNumbers', true, (v) => (v === 'true' ? true : v === 'false' ? false : undefined));

/** The paper the editor lays the pages out on. */
export const paper = stored<Paper>('scriptroom.view.paper', 'letter', (v) => (v === 'letter' || v === 'a4' ? v : undefined));
