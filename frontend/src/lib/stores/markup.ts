/**
 * Whether the editor shows the raw Fountain instead of the rendered markup:
 * the writer's choice, remembered on this computer (localStorage) across
 * scripts and restarts.
 */
import { writable, type Writable } from 'svelte/store';

/** The localStorage key of the choice. */
export const RAW_MARKUP_KEY = 'scriptroom.editor.rawMarkup';

function storage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null; // storage refused (private mode): the choice lasts the session
  }
}

/** A store of the raw-or-rendered choice, read from and written to storage. */
export function rememberedRaw(store: Storage | null = storage()): Writable<boolean> {
  const w = writable(store?.getItem(RAW_MARKUP_KEY) === 'true');
  w.subscribe((raw) => {
    try {
      store?.setItem(RAW_MARKUP_KEY, String(raw));
    } catch {
      /* full or refused: the choice lasts the session */
    }
  });
  return w;
}

/** True while the editor shows the raw Fountain. */
export const rawMarkup = rememberedRaw();
