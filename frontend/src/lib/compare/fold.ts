/**
 * Folding unchanged stretches of a comparison, as a reviewer wants: the
 * changed rows with some context around them, and a gap that can be opened
 * for each run of unchanged rows in between.
 */
import type { Row } from '../api/types';

/** A row to show, by its index in the comparison. */
export interface RowItem {
  readonly kind: 'row';
  readonly index: number;
}

/** A run of hidden unchanged rows, [from, to). */
export interface GapItem {
  readonly kind: 'gap';
  readonly from: number;
  readonly to: number;
}

export type Item = RowItem | GapItem;

/**
 * Lists what to show: every row within `context` rows of a change, or in an
 * opened gap (keyed by its first row); runs of hidden rows become gaps. A gap
 * of fewer than 2 rows is shown instead, since opening it costs more than it saves.
 */
export function fold(rows: readonly Row[], context: number, opened: ReadonlySet<number> = new Set()): Item[] {
  const n = rows.length;
  const show = new Array<boolean>(n).fill(false);
  for (let i = 0; i < n; i++) {
    if (rows[i].kind === 'equal') continue;
    for (let j = Math.max(0, i - context); j <= Math.min(n - 1, i + context); j++) show[j] = true;
  }
  const items: Item[] = [];
  for (let i = 0; i < n; ) {
    if (show[i]) {
      items.push({ kind: 'row', index: i++ });
      continue;
    }
    let j = i;
    while (j < n && !show[j]) j++;
    if (j - i < 2 || opened.has(i)) {
      for (let k = i; k < j; k++) items.push({ kind: 'row', index: k });
    } else {
      items.push({ kind: 'gap', from: i, to: j });
    }
    i = j;
  }
  return items;
}

/** The left and right texts a comparison's rows describe, for layout. */
export function sides(rows: readonly Row[]): { left: string[]; right: string[] } {
  const left: string[] = [];
  const right: string[] = [];
  for (const r of rows) {
    if (r.leftLine > 0) left[r.leftLine - 1] = r.leftText;
    if (r.rightLine > 0) right[r.rightLine - 1] = r.rightText;
  }
  return { left: Array.from(left, (x) => x ?? ''), right: Array.from(right, (x) => x ?? '') };
}

/** The index of the row showing a given line of one side, or -1. */
export function rowOfLine(rows: readonly Row[], side: 'left' | 'right', line: number): number {
  for (let i = 0; i < rows.length; i++) {
    if ((side === 'left' ? rows[i].leftLine : rows[i].rightLine) === line) return i;
  }
  return -1;
}
