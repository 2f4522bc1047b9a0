/**
 * What the editor sends to save: the changes since the last save, as a list
 * of replacements against the text the library holds, with sums of that
 * text and of the result, so a change lost or applied twice is caught by the
 * library (internal/workspace/changes.go) instead of stored.
 *
 * Offsets count UTF-16 code units, as CodeMirror does; so do the sums.
 */
import type { ChangeSet, Text } from '@codemirror/state';
import type { TextChange } from './text-change';

export type { TextChange };

/**
 * A text identified without sending it: its length in UTF-16 code units and
 * the 32-bit FNV-1a hash of those units, each hashed as two bytes, low byte
 * first (workspace.SumOf).
 */
export interface TextSum {
  readonly length: number;
  readonly hash: number;
}

/** One save: the sum of the base text, the changes in order, the sum of the result. */
export interface TextChanges {
  readonly base: TextSum;
  readonly changes: readonly TextChange[];
  readonly result: TextSum;
}

const FNV_OFFSET = 2166136261;
const FNV_PRIME = 16777619;

/** The TextSum of a string or a CodeMirror document. */
export function textSum(text: string | Text): TextSum {
  let h = FNV_OFFSET;
  let n = 0;
  const add = (s: string) => {
    for (let i = 0; i < s.length; i++) {
      const u = s.charCodeAt(i);
      h = Math.imul(h ^ (u & 0xff), FNV_PRIME);
      h = Math.imul(h ^ (u >>> 8), FNV_PRIME);
    }
    n += s.length;
  };
  if (typeof text === 'string') add(text);
  else for (const iter = text.iter(); !iter.next().done; ) add(iter.value);
  return { length: n, hash: h >>> 0 };
}

/** The changes of a change set, in order, against the document it applies to. */
export function changeList(changes: ChangeSet): TextChange[] {
  const out: TextChange[] = [];
  changes.iterChanges((fromA, toA, _fromB, _toB, inserted) => {
    out.push({ from: fromA, to: toA, insert: inserted.toString() });
  });
  return out;
}

/** The save of changes made to a text whose sum is base, making doc. */
export function textChanges(base: TextSum, changes: ChangeSet, doc: Text): TextChanges {
  return { base, changes: changeList(changes), result: textSum(doc) };
}
