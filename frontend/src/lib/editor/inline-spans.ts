/**
 * Boneyard and notes inside lines, wherever they start and end: a
 * boneyard ("/*" to the next star-slash) or a note ("[[" to "]]") may open
 * mid-line and close lines below, mid-line too. The line classifier
 * (fountain/classify.ts) gives lines that are all boneyard or all note their
 * own kind; the markup (markup-inline.ts) dims and styles the parts of the
 * other lines with these spans.
 */
import type { Text } from '@codemirror/state';
import type { LineKind } from '../fountain/classify';

/** Whether a line starts inside a boneyard or a note. */
export interface SpanState {
  readonly boneyard: boolean;
  readonly note: boolean;
}

export const OUTSIDE: SpanState = { boneyard: false, note: false };

/** A part of a line: boneyard (marks included), a note's text, or a note's bracket (hidden off the cursor's line). */
export interface Span {
  readonly from: number;
  readonly to: number;
  readonly kind: 'boneyard' | 'note' | 'bracket';
}

/** The boneyard and note parts of a line that starts in state, and the state the line ends in. */
export function lineSpans(text: string, state: SpanState): { readonly spans: Span[]; readonly end: SpanState } {
  if (!state.boneyard && !state.note && !text.includes('/*') && !text.includes('[[')) return { spans: [], end: OUTSIDE };
  const spans: Span[] = [];
  let { boneyard, note } = state;
  let i = 0;
  while (i < text.length) {
    if (boneyard) {
      // A boneyard opened inside a note hides that part of the note.
      const close = text.indexOf('*/', i);
      const to = close < 0 ? text.length : close + 2;
      spans.push({ from: i, to, kind: 'boneyard' });
      boneyard = close < 0;
      i = to;
      continue;
    }
    const bone = text.indexOf('/*', i);
    if (note) {
      const close = text.indexOf(']]', i);
      const stop = Math.min(close < 0 ? text.length : close, bone < 0 ? text.length : bone);
      if (stop > i) spans.push({ from: i, to: stop, kind: 'note' });
      if (bone >= 0 && bone === stop) {
        boneyard = true;
        i = bone;
      } else if (close >= 0) {
        spans.push({ from: close, to: close + 2, kind: 'bracket' });
        note = false;
        i = close + 2;
      } else i = text.length;
      continue;
    }
    const open = text.indexOf('[[', i);
    if (bone < 0 && open < 0) break;
    if (bone >= 0 && (open < 0 || bone < open)) {
      boneyard = true;
      i = bone;
    } else {
      spans.push({ from: open, to: open + 2, kind: 'bracket' });
      note = true;
      i = open + 2;
    }
  }
  return { spans, end: boneyard || note ? { boneyard, note } : OUTSIDE };
}

/**
 * The state line n (1-based) of doc starts in: read from the nearest line
 * above it classified blank (a blank line is never inside a boneyard, and
 * ends a note), so the work is one paragraph or one boneyard, not the
 * script.
 */
export function stateAt(doc: Text, kinds: readonly LineKind[], n: number): SpanState {
  let k = n - 1;
  while (k >= 1 && kinds[k - 1] !== 'blank') k--;
  let st = OUTSIDE;
  for (let i = Math.max(k, 1); i < n; i++) st = next(doc.line(i).text, kinds[i - 1], st);
  return st;
}

/** The state after a line of kind kind that starts in st. */
export function next(text: string, kind: LineKind | undefined, st: SpanState): SpanState {
  if (kind === 'blank') return OUTSIDE;
  return lineSpans(text, st).end;
}
