/**
 * Saving a long script through the bindings: each save sends the changes
 * made since the last one (a few bytes while typing), never the whole text
 * in one call, because a call from the page much over 64 KB never arrives
 * under the dev server. When the library's text is not the one the changes
 * were made against (a save lost, the draft moved under the editor), or the
 * changes themselves are large (a big paste), the whole text goes instead:
 * in one call when it is small, otherwise in parts of at most MAX_CALL_BYTES.
 */
import { ChangeSet, type Text } from '@codemirror/state';
import { changeList, textSum, type TextChanges, type TextSum } from '../editor/changes';

/** The most a call from the page carries, in bytes of JSON: well under the dev server's ~64 KB. */
export const MAX_CALL_BYTES = 48 * 1024;

/** How the library stores one script's text (the draft, or a proposal). */
export interface SaveChannel<R> {
  /** Applies changes; resolves to null when they did not fit the library's text (nothing saved). */
  changes(edit: TextChanges): Promise<R | null>;
  /** Stores a whole text small enough for one call. */
  whole(text: string): Promise<R>;
  /** Sends part number index (from 0) of a whole text under upload. */
  part(upload: string, index: number, part: string): Promise<unknown>;
  /** Stores the whole text sent in parts under upload. */
  upload(upload: string, sum: TextSum): Promise<R>;
}

/** The bytes a string takes as a JSON string in UTF-8 (quotes included). */
export function jsonBytes(s: string): number {
  let n = 2;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x22 || c === 0x5c) n += 2;
    else if (c < 0x20) n += 6;
    else if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      n += 4; // a surrogate pair is one 4-byte character
      i++;
    } else n += 3;
  }
  return n;
}

/**
 * text cut into parts of at most maxBytes of JSON each, never inside a
 * surrogate pair (a lone half would not survive the trip).
 */
export function splitParts(text: string, maxBytes: number = MAX_CALL_BYTES - 256): string[] {
  const parts: string[] = [];
  let start = 0;
  let bytes = 2;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const pair = c >= 0xd800 && c <= 0xdbff && i + 1 < text.length;
    const w = c === 0x22 || c === 0x5c ? 2 : c < 0x20 ? 6 : c < 0x80 ? 1 : c < 0x800 ? 2 : pair ? 4 : 3;
    if (bytes + w > maxBytes && i > start) {
      parts.push(text.slice(start, i));
      start = i;
      bytes = 2;
    }
    bytes += w;
    if (pair) i++;
  }
  if (start < text.length || parts.length === 0) parts.push(text.slice(start));
  return parts;
}

let uploads = 0;
/** An id for a text sent in parts, unique enough within one library. */
function uploadId(): string {
  return `${Date.now().toString(36)}-${(++uploads).toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}

/** Sends text through channel whole: one call when it fits, else in parts. */
export async function sendWhole<R>(channel: SaveChannel<R>, text: string): Promise<R> {
  if (jsonBytes(text) <= MAX_CALL_BYTES - 256) return channel.whole(text);
  const id = uploadId();
  const parts = splitParts(text);
  for (let i = 0; i < parts.length; i++) await channel.part(id, i, parts[i]);
  return channel.upload(id, textSum(text));
}

/**
 * Keeps track of what the library holds of one text and what changed since,
 * and saves. Saves must not overlap (the Autosaver sees to it).
 */
export class DraftSync<R> {
  /** The sum of the text the library holds, as far as the editor knows. */
  private baseSum: TextSum;
  /** From that text (or the text being saved, during a save) to the editor's text. */
  private unsent: ChangeSet;
  /** Counts resets, so a save that ends after one does not undo it. */
  private generation = 0;

  constructor(
    private readonly channel: SaveChannel<R>,
    doc: Text,
  ) {
    this.baseSum = textSum(doc);
    this.unsent = ChangeSet.empty(doc.length);
  }

  /** The library holds doc now (opened, restored, switched): later changes are made against it. */
  reset(doc: Text): void {
    this.generation++;
    this.baseSum = textSum(doc);
    this.unsent = ChangeSet.empty(doc.length);
  }

  /** Records a change made in the editor (a transaction's changes). */
  record(changes: ChangeSet): void {
    if (changes.length !== this.unsent.newLength) return; // not after what was recorded: save() sends the whole text
    this.unsent = this.unsent.compose(changes);
  }

  /** Saves doc, the editor's text after every recorded change. */
  async save(doc: Text): Promise<R> {
    const sent = this.unsent;
    this.unsent = ChangeSet.empty(doc.length);
    const sum = textSum(doc);
    const generation = this.generation;
    try {
      // A change went unrecorded when the changes do not end at doc's length: send it whole.
      const r =
        sent.newLength === doc.length
          ? await this.sendChanges({ base: this.baseSum, changes: changeList(sent), result: sum }, doc)
          : await sendWhole(this.channel, doc.toString());
      if (generation === this.generation) this.baseSum = sum;
      return r;
    } catch (e) {
      // Nothing is known saved: what was being sent goes back before the changes made since.
      if (generation === this.generation && sent.newLength === this.unsent.length) this.unsent = sent.compose(this.unsent);
      throw e;
    }
  }

  private async sendChanges(edit: TextChanges, doc: Text): Promise<R> {
    let size = 64;
    for (const c of edit.changes) size += jsonBytes(c.insert) + 40;
    const r = size <= MAX_CALL_BYTES ? await this.channel.changes(edit) : null;
    return r ?? sendWhole(this.channel, doc.toString());
  }
}
