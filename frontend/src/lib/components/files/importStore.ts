/**
 * The files being imported: dropped on the window (sent by the page, one
 * after another) or given to the app to open (its command line, a
 * double-click on a script while it runs). ImportPanel shows each file's
 * progress and result.
 */
import { writable } from 'svelte/store';
import { library, type OpenedFile } from '../../api';
import { sendFile, type Droppable, type Uploader } from './upload';

export type FileState = 'waiting' | 'sending' | 'importing' | 'imported' | 'opened' | 'failed';

export interface FileItem {
  readonly key: number;
  readonly name: string;
  state: FileState;
  /** Share of the file sent, 0…100, while sending. */
  percent: number;
  title: string;
  scriptId: string;
  /** True when the file was already in the library from the same path (opened, not imported). */
  existing: boolean;
  /** Why the file was not imported, in plain words. */
  error: string;
  /** What was converted on the way (a Final Draft import's notes). */
  notices: string[];
}

export interface Batch {
  readonly id: number;
  /** 'drop': files dropped on the window; 'open': files given to the app to open. */
  readonly kind: 'drop' | 'open';
  readonly items: FileItem[];
  /** Every file has its result. */
  done: boolean;
}

export const batch = writable<Batch | null>(null);

let nextKey = 1;
let nextBatch = 1;

function item(name: string, state: FileState): FileItem {
  return { key: nextKey++, name, state, percent: 0, title: '', scriptId: '', existing: false, error: '', notices: [] };
}

/** Shows current's changes, unless another batch took its place or it was closed. */
function changed(current: Batch): void {
  batch.update((b) => (b && b.id === current.id ? { ...current, items: current.items.map((i) => ({ ...i })) } : b));
}

export function closeBatch(): void {
  batch.set(null);
}

/**
 * Imports dropped files one after another, showing each one's progress and
 * result; resolves to the first script imported, to open, or null when none
 * was.
 */
export async function importFiles(files: readonly Droppable[], api: Uploader = library): Promise<string | null> {
  const current: Batch = { id: nextBatch++, kind: 'drop', items: files.map((f) => item(f.name, 'waiting')), done: false };
  batch.set({ ...current, items: current.items.map((i) => ({ ...i })) });
  let first: string | null = null;
  for (let i = 0; i < files.length; i++) {
    const it = current.items[i];
    it.state = 'sending';
    changed(current);
    try {
      const res = await sendFile(files[i], api, (sent, size) => {
        it.percent = size ? Math.round((sent / size) * 100) : 100;
        if (sent >= size) it.state = 'importing';
        changed(current);
      });
      it.state = 'imported';
      it.title = res.script.title;
      it.scriptId = res.script.id;
      it.notices = [...(res.notices ?? [])];
      first ??= res.script.id;
    } catch (e) {
      it.state = 'failed';
      it.error = e instanceof Error ? e.message : String(e);
    }
    changed(current);
  }
  current.done = true;
  changed(current);
  return first;
}

/** Where the page keeps the last opened file it showed: a reload does not show it again. */
const SEEN_KEY = 'scriptroom.opened-seen';

function lastSeen(): number {
  try {
    return Number(sessionStorage.getItem(SEEN_KEY)) || 0;
  } catch {
    return 0;
  }
}

/**
 * Shows the files given to the app to open that this page has not shown
 * yet (every page shows them: under the dev server the app's own window
 * and a browser both run it); resolves to the first script one of them is
 * in, to open, or null.
 */
export async function showNewOpened(api: Pick<typeof library, 'opened'> = library): Promise<string | null> {
  const list = await api.opened(lastSeen());
  const seq = Math.max(0, ...list.map((f) => f.seq));
  if (seq > 0) {
    try {
      sessionStorage.setItem(SEEN_KEY, String(seq));
    } catch {
      // No storage: a reload shows them again, which is harmless.
    }
  }
  return showOpened(list);
}

/**
 * Shows the files the app was given to open; returns the first script one
 * of them is in, to open, or null.
 */
export function showOpened(list: readonly OpenedFile[]): string | null {
  if (list.length === 0) return null;
  const items = list.map((f) => {
    const it = item(f.name, f.error ? 'failed' : 'opened');
    it.title = f.title;
    it.scriptId = f.scriptId;
    it.existing = f.existing;
    it.error = f.error;
    it.notices = [...(f.notices ?? [])];
    return it;
  });
  batch.set({ id: nextBatch++, kind: 'open', items, done: true });
  return items.find((i) => i.scriptId)?.scriptId ?? null;
}
