/**
 * Fountain emphasis in one line of text, by the rules of the Go parser
 * (internal/fountain/emphasis.go): *italic*, **bold**, ***bold italic*** and
 * _underline_, which may nest; a backslash before `*`, `_` or `\` makes it
 * literal; an opening mark is followed by a non-space and a closing mark
 * preceded by one; unmatched marks stay text. Positions are offsets in the
 * line, so the editor can hide the marks and style what they enclose.
 */

/** A run of text with one emphasis style, [from, to) in the line. */
export interface EmphasisRun {
  readonly from: number;
  readonly to: number;
  readonly bold: boolean;
  readonly italic: boolean;
  readonly underline: boolean;
}

/** The emphasis of a line: the styled runs, and the marks and escapes that the rendered view hides. */
export interface LineEmphasis {
  readonly runs: readonly EmphasisRun[];
  /** [from, to) of every emphasis mark and escaping backslash, in order. */
  readonly marks: readonly (readonly [number, number])[];
}

interface Style {
  bold: boolean;
  italic: boolean;
  underline: boolean;
}

const none: LineEmphasis = { runs: [], marks: [] };

/** The emphasis of text, one line (no "\n"), or of text[from, to). */
export function emphasis(text: string, from = 0, to = text.length): LineEmphasis {
  // Most lines have no mark at all.
  if (!/[*_\\]/.test(text.slice(from, to))) return none;
  const out = { runs: [] as EmphasisRun[], marks: [] as [number, number][] };
  walk(text, from, to, { bold: false, italic: false, underline: false }, out);
  return out;
}

function walk(s: string, start: number, end: number, st: Style, out: { runs: EmphasisRun[]; marks: [number, number][] }) {
  let runStart = start;
  const flush = (to: number) => {
    if (to > runStart && (st.bold || st.italic || st.underline)) out.runs.push({ from: runStart, to, ...st });
  };
  for (let i = start; i < end; ) {
    const c = s[i];
    if (c === '\\' && i + 1 < end && '*_\\'.includes(s[i + 1])) {
      out.marks.push([i, i + 1]);
      i += 2;
      continue;
    }
    if (c !== '*' && c !== '_') {
      i++;
      continue;
    }
    let k = 1;
    if (c === '*') {
      while (i + k < end && s[i + k] === '*') k++;
      k = Math.min(k, 3);
    }
    const close = closeMark(s, i, end, c, k);
    if (!close) {
      i += k;
      continue;
    }
    flush(i);
    const inner: Style = { ...st };
    if (c === '_') inner.underline = true;
    else if (k === 1) inner.italic = true;
    else if (k === 2) inner.bold = true;
    else inner.bold = inner.italic = true;
    out.marks.push([i, i + k]);
    walk(s, i + k, close.inner, inner, out);
    out.marks.push([close.inner, close.after]);
    i = close.after;
    runStart = i;
  }
  flush(end);
}

/** The mark closing the k-long run of c at s[i], before end: where the inner text ends and the text after it starts. */
function closeMark(s: string, i: number, end: number, c: string, k: number): { inner: number; after: number } | null {
  const open = i + k;
  if (open >= end || s[open] === ' ' || s[open] === '\t') return null;
  for (let j = open; j < end; j++) {
    if (s[j] === '\\') {
      j++; // an escaped character never closes, even the first one
      continue;
    }
    if (j === open || s[j] !== c) continue;
    let run = 1;
    while (j + run < end && s[j + run] === c) run++;
    const prev = s[j - 1];
    if (run >= k && prev !== ' ' && prev !== '\t') {
      const inner = c === '_' ? j : j + run - k;
      return { inner, after: inner + k };
    }
    j += run - 1;
  }
  return null;
}
