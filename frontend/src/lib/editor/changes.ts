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
 * a polynomial hash of those units, h = (h * SUM_BASE + unit) mod SUM_MODULUS
 * from h = 0 (workspace.SumOf).
 *
 * The hash of a concatenation follows from the hashes of its parts, hash(a+b)
 * = hash(a) * SUM_BASE^len(b) + hash(b), so a CodeMirror document is summed
 * from its tree: the parts an edit left alone are shared between the
 * documents before and after it, and their sums are kept (sumCache). A save
 * while typing sums the one changed leaf and its few ancestors, not the
 * whole script (an FNV-1a of all 146,000 characters of a feature took ~4 ms
 * of the main thread once a second, and a key pressed meanwhile waited).
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

/** 2^31 - 1, a prime: every hash is below it, so it fits the library's uint32. */
export const SUM_MODULUS = 2147483647;
/** A prime under 2^20, so hash * SUM_BASE + unit stays exact in a double (< 2^53). */
export const SUM_BASE = 1000003;

/** a * b mod SUM_MODULUS for a, b below it, exact in doubles (every step stays under 2^48). */
function mulMod(a: number, b: number): number {
  return (((a * (b >>> 16)) % SUM_MODULUS) * 65536 + a * (b & 0xffff)) % SUM_MODULUS;
}

/** A part's hash and SUM_BASE^length, what joining it after another part takes. */
interface PartSum {
  readonly hash: number;
  readonly shift: number;
}

function stringSum(s: string): PartSum {
  let h = 0;
  let shift = 1;
  for (let i = 0; i < s.length; i++) {
    h = (h * SUM_BASE + s.charCodeAt(i)) % SUM_MODULUS;
    shift = (shift * SUM_BASE) % SUM_MODULUS;
  }
  return { hash: h, shift };
}

/** Sums of the parts of documents, by part; a document's unchanged parts are the same objects after an edit. */
const sumCache = new WeakMap<Text, PartSum>();
const NEWLINE = 10;

function docSum(doc: Text): PartSum {
  const known = sumCache.get(doc);
  if (known) return known;
  const children = doc.children;
  let sum: PartSum;
  if (!children) sum = stringSum(doc.sliceString(0));
  else {
    // A node's children are whole lines, joined by line breaks.
    let h = 0;
    let shift = 1;
    children.forEach((child, i) => {
      if (i > 0) {
        h = (h * SUM_BASE + NEWLINE) % SUM_MODULUS;
        shift = (shift * SUM_BASE) % SUM_MODULUS;
      }
      const c = docSum(child);
      h = (mulMod(h, c.shift) + c.hash) % SUM_MODULUS;
      shift = mulMod(shift, c.shift);
    });
    sum = { hash: h, shift };
  }
  sumCache.set(doc, sum);
  return sum;
}

/** The TextSum of a string or a CodeMirror document. */
export function textSum(text: string | Text): TextSum {
  const hash = typeof text === 'string' ? stringSum(text).hash : docSum(text).hash;
  return { length: text.length, hash };
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
