/**
 * Rebuilding a comparison's rows in the page. Go sends a comparison packed
 * (diff.View): the two texts' lines once each, the element type of every
 * line by index, and the rows as runs, a stretch of equal rows being one
 * run. These functions give back the rows Go's diff.Result holds, so the
 * views work on rows as before (View.Rows in Go is the same rebuilding).
 */
import type { Comparison, DiffResult, MergePreview, PackedComparison, PackedMergePreview, PackedResult, Row } from './types';

/** The rows of a packed result, in order. */
export function unpackRows(p: PackedResult): Row[] {
  const left = p.left ?? [];
  const right = p.right ?? [];
  const elements = p.elements ?? [];
  const le = p.leftElements ?? [];
  const re = p.rightElements ?? [];
  const rows: Row[] = [];
  for (const run of p.runs ?? []) {
    const shared = run.kind === 'equal' && !run.ownRight;
    for (let k = 0; k < run.count; k++) {
      const l = run.leftLine > 0 ? run.leftLine + k : 0;
      const r = run.rightLine > 0 ? run.rightLine + k : 0;
      const leftText = l > 0 ? left[l - 1] : '';
      rows.push({
        kind: run.kind,
        leftLine: l,
        leftText,
        rightLine: r,
        rightText: r > 0 ? (shared ? leftText : right[r - 1]) : '',
        leftNoNewline: run.leftNoNewline,
        rightNoNewline: run.rightNoNewline,
        lineEndingOnly: run.lineEndingOnly,
        ignored: run.ignored,
        segments: run.segments,
        leftElement: (l > 0 && elements[le[l - 1]]) || undefined,
        rightElement: (r > 0 && elements[re[r - 1]]) || undefined,
      });
    }
  }
  return rows;
}

/** A packed result with its rows rebuilt (the lines and runs left out). */
export function unpackResult(p: PackedResult): DiffResult {
  const { left: _l, right: _r, elements: _e, leftElements: _le, rightElements: _re, runs: _runs, ...rest } = p;
  return { ...rest, rows: unpackRows(p) };
}

/** A comparison as Go sent it, rows rebuilt. */
export function unpackComparison(c: PackedComparison): Comparison {
  return { ...c, result: unpackResult(c.result) };
}

/** A proposal's review as Go sent it, its comparisons' rows rebuilt. */
export function unpackPreview(p: PackedMergePreview): MergePreview {
  return { ...p, withBase: unpackComparison(p.withBase), withMain: p.withMain ? unpackComparison(p.withMain) : p.withMain };
}
