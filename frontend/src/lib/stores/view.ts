/**
 * How the writer likes the editor to look, kept in this window's storage:
 * whether the margins show scene numbers (on by default, as Final Draft's
 * page view).
 */
import { writable, type Writable } from 'svelte/store';

const KEY = 'scriptroom.view.sceneNumbers';

function stored(key: string, fallback: boolean): Writable<boolean> {
  let initial = fallback;
  try {
    const v = globalThis.localStorage?.getItem(key);
    if (v === 'true' || v === 'false') initial = v === 'true';
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
export const sceneNumbersShown = stored(KEY, true);
