/**
 * The smallest single change that turns one text into another: the common
 * start and end are kept, so the cursor and undo history around them stay.
 */

/** A replacement of old[from, to) by insert; a CodeMirror change spec. */
export interface TextChange {
  readonly from: number;
  readonly to: number;
  readonly insert: string;
}

/** The span of `old` that differs from `text`, or null when they are equal. */
export function changeBetween(old: string, text: string): TextChange | null {
  if (old === text) return null;
  let a = 0;
  while (a < old.length && a < text.length && old[a] === text[a]) a++;
  let b = 0;
  while (b < old.length - a && b < text.length - a && old[old.length - 1 - b] === text[text.length - 1 - b]) b++;
  return { from: a, to: old.length - b, insert: text.slice(a, text.length - b) };
}
