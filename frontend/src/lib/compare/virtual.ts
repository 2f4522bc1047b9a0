/**
 * The geometry of the compare view's virtual list: every item (a row or a
 * folded gap) has a height, estimated from its text until it is built and
 * measured; the view builds only the items near the scroll position, and
 * jumps to an item by its offset without laying out the others.
 */
import type { Row } from '../api/types';
import type { Item } from './fold';

/** What the estimate needs to know about the view. */
export interface Layout {
  /** Inline (one column) rather than side by side. */
  readonly inline: boolean;
  /** Characters that fit on one line of a text column. */
  readonly columns: number;
  /** Height of one text line, px. */
  readonly linePx: number;
  /** Height of a folded gap, px. */
  readonly gapPx: number;
}

/** Lines a text takes when wrapped at `columns` characters (at least one). */
function wrapped(text: string, columns: number): number {
  return Math.max(1, Math.ceil(text.length / columns));
}

/** The estimated height of one item, px. */
export function estimate(it: Item, rows: readonly Row[], l: Layout): number {
  if (it.kind === 'gap') return l.gapPx;
  const r = rows[it.index];
  let n: number;
  if (!l.inline) n = Math.max(wrapped(r.leftText, l.columns), wrapped(r.rightText, l.columns));
  else if (r.kind === 'equal') n = wrapped(r.rightText, l.columns);
  else n = (r.leftLine > 0 ? wrapped(r.leftText, l.columns) : 0) + (r.rightLine > 0 ? wrapped(r.rightText, l.columns) : 0);
  return n * l.linePx;
}

/** The estimated heights of all items. */
export function estimateAll(items: readonly Item[], rows: readonly Row[], l: Layout): Float64Array {
  const h = new Float64Array(items.length);
  for (let i = 0; i < items.length; i++) h[i] = estimate(items[i], rows, l);
  return h;
}

/** Prefix sums of heights: offsets[i] is the top of item i, offsets[n] the total. */
export function offsetsOf(heights: ArrayLike<number>): Float64Array {
  const o = new Float64Array(heights.length + 1);
  for (let i = 0; i < heights.length; i++) o[i + 1] = o[i] + heights[i];
  return o;
}

/** The item at height y: the last i with offsets[i] <= y, within [0, n-1] (0 when there are none). */
export function itemAt(offsets: Float64Array, y: number): number {
  const n = offsets.length - 1;
  if (n <= 0) return 0;
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (offsets[mid] <= y) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The items [first, end) to build for a view of `height` px from `top`, with `overscan` px either side. */
export function windowOf(offsets: Float64Array, top: number, height: number, overscan: number): { first: number; end: number } {
  const n = offsets.length - 1;
  if (n <= 0) return { first: 0, end: 0 };
  const first = itemAt(offsets, Math.max(0, top - overscan));
  const end = Math.min(n, itemAt(offsets, top + height + overscan) + 1);
  return { first, end };
}

/** For each row index, the index of the item showing it, or -1 when a gap hides it. */
export function itemOfRow(items: readonly Item[], rowCount: number): Int32Array {
  const m = new Int32Array(rowCount).fill(-1);
  items.forEach((it, i) => {
    if (it.kind === 'row') m[it.index] = i;
  });
  return m;
}

/** Where to scroll so that item i sits at `at` (0 top … 1 bottom) of a view of `height` px. */
export function scrollFor(offsets: Float64Array, i: number, height: number, at = 0.5): number {
  const top = offsets[i];
  const h = offsets[i + 1] - top;
  return Math.max(0, top - (height - h) * at);
}
