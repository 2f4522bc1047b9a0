/**
 * Sends a file dropped on the window to the Go side: its name and size
 * first (a file Scriptroom does not import, an empty one or one over 10 MB
 * is refused before it is read), then its bytes in base64 chunks well under
 * the 64 KB a call from the page may carry under the dev server, then
 * "finish", which imports it. The page never sends a path.
 */
import type { ImportResult } from '../../api';
import { t } from '../../i18n/en';

/** Bytes per chunk: 36 KB, 48 KB in base64. */
export const CHUNK_BYTES = 36 * 1024;

/** The calls sendFile makes (library in api/, or a fake in tests). */
export interface Uploader {
  importStart(name: string, size: number): Promise<string>;
  importChunk(id: string, chunk: string): Promise<number>;
  importFinish(id: string): Promise<ImportResult>;
}

/** A dropped file: a File, or anything with its name, size and bytes. */
export interface Droppable {
  readonly name: string;
  readonly size: number;
  arrayBuffer(): Promise<ArrayBuffer>;
}

/** Base64 of bytes, in slices small enough for String.fromCharCode's arguments. */
export function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(s);
}

/**
 * Sends file and resolves to the imported script; rejects with an Error in
 * plain words naming the file. progress is told the bytes sent after each
 * chunk.
 */
export async function sendFile(
  file: Droppable,
  api: Uploader,
  progress?: (sent: number, size: number) => void,
): Promise<ImportResult> {
  const id = await api.importStart(file.name, file.size);
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await file.arrayBuffer());
  } catch {
    // The browser's NotReadableError says nothing a writer can act on.
    throw new Error(t.fileUnreadable(file.name));
  }
  for (let i = 0; i < bytes.length; i += CHUNK_BYTES) {
    const part = bytes.subarray(i, i + CHUNK_BYTES);
    await api.importChunk(id, toBase64(part));
    progress?.(i + part.length, bytes.length);
  }
  return api.importFinish(id);
}
