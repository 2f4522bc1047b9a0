/**
 * Pure logic behind comments: where a selection anchors, how lines of the
 * draft map to lines of the head revision (comments are anchored in saved
 * revisions, the editor shows the draft), and the order threads are shown in.
 */
import type { Row, ThreadInfo } from '../../api/types';

/** A place in a revision: 1-based inclusive lines and the text quoted. */
export interface Anchor {
  readonly startLine: number;
  readonly endLine: number;
  readonly quote: string;
}

/** Splits text into lines; "\r\n" and "\n" count alike. */
export function splitLines(text: string): string[] {
  return text.replace(/\r\n?/g, '\n').split('\n');
}

/**
 * The anchor of the selection [from, to) of text: the selected text without
 * the blank space around it, and the lines it covers. Null when nothing but
 * blank space is selected.
 */
export function selectionAnchor(text: string, from: number, to: number): Anchor | null {
  if (to < from) [from, to] = [to, from];
  from = Math.max(0, from);
  to = Math.min(text.length, to);
  while (from < to && /\s/.test(text[from])) from++;
  while (to > from && /\s/.test(text[to - 1])) to--;
  if (from >= to) return null;
  const lineOf = (pos: number) => {
    let n = 1;
    for (let i = text.indexOf('\n'); i >= 0 && i < pos; i = text.indexOf('\n', i + 1)) n++;
    return n;
  };
  return { startLine: lineOf(from), endLine: lineOf(to - 1), quote: text.slice(from, to).replace(/\r\n?/g, '\n') };
}

/** Above this many cells the middle of two texts is not aligned line by line. */
const MAX_CELLS = 4_000_000;

/**
 * Maps each line of a (0-based index) to the index of the same, unchanged
 * line in b, or -1 when it was changed or removed: the common start and end,
 * and a longest common subsequence of the lines between them (when that is
 * small enough to compute at once; otherwise the lines found exactly once in
 * both, in order).
 */
export function lineMap(a: readonly string[], b: readonly string[]): Int32Array {
  const out = new Int32Array(a.length).fill(-1);
  let pre = 0;
  while (pre < a.length && pre < b.length && a[pre] === b[pre]) {
    out[pre] = pre;
    pre++;
  }
  let suf = 0;
  while (suf < a.length - pre && suf < b.length - pre && a[a.length - 1 - suf] === b[b.length - 1 - suf]) {
    out[a.length - 1 - suf] = b.length - 1 - suf;
    suf++;
  }
  const n = a.length - pre - suf;
  const m = b.length - pre - suf;
  if (n === 0 || m === 0) return out;
  if (n * m <= MAX_CELLS) {
    // lcs[i][j]: the LCS length of a[pre+i..] and b[pre+j..], row-major.
    const w = m + 1;
    const lcs = new Uint32Array((n + 1) * w);
    for (let i = n - 1; i >= 0; i--) {
      for (let j = m - 1; j >= 0; j--) {
        lcs[i * w + j] = a[pre + i] === b[pre + j] ? lcs[(i + 1) * w + j + 1] + 1 : Math.max(lcs[(i + 1) * w + j], lcs[i * w + j + 1]);
      }
    }
    for (let i = 0, j = 0; i < n && j < m; ) {
      if (a[pre + i] === b[pre + j]) {
        out[pre + i] = pre + j;
        i++;
        j++;
      } else if (lcs[(i + 1) * w + j] >= lcs[i * w + j + 1]) i++;
      else j++;
    }
    return out;
  }
  const count = (xs: readonly string[], from: number, to: number) => {
    const c = new Map<string, number>();
    for (let i = from; i < to; i++) c.set(xs[i], (c.get(xs[i]) ?? 0) + 1);
    return c;
  };
  const ca = count(a, pre, a.length - suf);
  const cb = count(b, pre, b.length - suf);
  const where = new Map<string, number>();
  for (let j = pre; j < b.length - suf; j++) if (cb.get(b[j]) === 1) where.set(b[j], j);
  let last = pre - 1;
  for (let i = pre; i < a.length - suf; i++) {
    const j = ca.get(a[i]) === 1 ? where.get(a[i]) : undefined;
    if (j !== undefined && j > last) {
      out[i] = j;
      last = j;
    }
  }
  return out;
}

/**
 * The anchor a (in the draft's lines) as lines of the head revision, when
 * every line it covers is unchanged since the head and they are still
 * together there; null when some of it exists in the draft only.
 */
export function draftToHead(draft: string, head: string, a: Anchor): Anchor | null {
  if (draft === head) return a;
  const map = lineMap(splitLines(draft), splitLines(head));
  const start = map[a.startLine - 1] ?? -1;
  if (start < 0) return null;
  for (let l = a.startLine; l <= a.endLine; l++) {
    if (map[l - 1] !== start + (l - a.startLine)) return null;
  }
  return { ...a, startLine: start + 1, endLine: start + 1 + (a.endLine - a.startLine) };
}

/**
 * For each 1-based line of the head, the 1-based line of the draft where it
 * is shown: the same line when unchanged, else just after the nearest
 * unchanged line above it. Index 0 is unused.
 */
export function headLinesInDraft(head: string, draft: string): Int32Array {
  const h = splitLines(head);
  const d = splitLines(draft);
  const map = head === draft ? null : lineMap(h, d);
  const out = new Int32Array(h.length + 1);
  let prev = 0; // draft line (1-based) of the nearest unchanged line above
  for (let i = 0; i < h.length; i++) {
    const j = map ? map[i] : i;
    if (j >= 0) {
      out[i + 1] = j + 1;
      prev = j + 1;
    } else {
      out[i + 1] = Math.min(prev + 1, d.length);
    }
  }
  return out;
}

/**
 * Threads as the panel shows them: in script order; apart, those on a
 * proposal's text that is not in this version (the proposal was not merged,
 * or not yet), then the outdated ones whose text is gone.
 */
export interface ThreadGroups {
  readonly current: ThreadInfo[];
  readonly proposals: ThreadInfo[];
  readonly outdated: ThreadInfo[];
}

/** Sorts threads by their first line, then by when they were started. */
export function groupThreads(threads: readonly ThreadInfo[]): ThreadGroups {
  const byPlace = (x: ThreadInfo, y: ThreadInfo) =>
    x.startLine - y.startLine || x.endLine - y.endLine || x.root.created.localeCompare(y.root.created) || x.id.localeCompare(y.id);
  const byTime = (x: ThreadInfo, y: ThreadInfo) => x.root.created.localeCompare(y.root.created) || x.id.localeCompare(y.id);
  return {
    current: threads.filter((x) => !x.outdated).sort(byPlace),
    proposals: threads.filter((x) => x.outdated && !!x.proposal).sort(byTime),
    outdated: threads.filter((x) => x.outdated && !x.proposal).sort(byTime),
  };
}

/** Unread comments over all threads. */
export function unreadCount(threads: readonly ThreadInfo[]): number {
  return threads.reduce((n, x) => n + Math.max(0, x.unread), 0);
}

/** A gutter mark: the threads that start on one line. */
export interface LineMark {
  /** 1-based line of the draft. */
  readonly line: number;
  readonly threads: readonly string[];
  readonly unread: boolean;
  readonly resolved: boolean;
}

/**
 * The gutter marks of threads anchored in the head, placed on the draft's
 * lines through toDraft (see headLinesInDraft). Outdated threads have no
 * place; a line is marked resolved only when all its threads are.
 */
export function lineMarks(threads: readonly ThreadInfo[], toDraft: Int32Array | null): LineMark[] {
  const by = new Map<number, { threads: string[]; unread: boolean; resolved: boolean }>();
  for (const x of threads) {
    if (x.outdated || x.startLine < 1) continue;
    const line = toDraft ? toDraft[Math.min(x.startLine, toDraft.length - 1)] : x.startLine;
    if (!line) continue;
    const m = by.get(line) ?? { threads: [], unread: false, resolved: true };
    m.threads.push(x.id);
    m.unread ||= x.unread > 0;
    m.resolved &&= x.resolved;
    by.set(line, m);
  }
  return [...by.entries()].sort((p, q) => p[0] - q[0]).map(([line, m]) => ({ line, ...m }));
}

/**
 * The anchor of compare rows first..last (inclusive) on the newer (right)
 * side: the right-hand lines in them, whole. Null when they have none.
 */
export function compareAnchor(rows: readonly Row[], first: number, last: number): Anchor | null {
  if (last < first) [first, last] = [last, first];
  const lines: { n: number; text: string }[] = [];
  for (let i = Math.max(0, first); i <= Math.min(last, rows.length - 1); i++) {
    if (rows[i].rightLine > 0) lines.push({ n: rows[i].rightLine, text: rows[i].rightText });
  }
  while (lines.length && !lines[0].text.trim()) lines.shift();
  while (lines.length && !lines[lines.length - 1].text.trim()) lines.pop();
  if (lines.length === 0) return null;
  return {
    startLine: lines[0].n,
    endLine: lines[lines.length - 1].n,
    quote: lines.map((l) => l.text).join('\n').trim(),
  };
}
